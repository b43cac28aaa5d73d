// Package ssn recognises US Social Security numbers: nine digits, bare or
// written 123-45-6789 or 123 45 6789, with a valid area (001–899 except
// 666), group (not 00) and serial (not 0000), and not one of the numbers
// published in advertising and documentation.
package ssn

// Keywords are the words that, near a number, say it is an SSN.
var Keywords = []string{"ssn", "ssns", "social", "ss", "socsec", "soc", "taxid", "tin", "tax"}

// advertised are numbers that belong to nobody: the Woolworth wallet
// card, the Social Security Administration's 1962 ad, and common
// placeholders.
var advertised = map[string]bool{
	"078051120": true, "219099999": true, "123456789": true, "111111111": true,
	"222222222": true, "333333333": true, "444444444": true, "555555555": true,
	"777777777": true, "888888888": true, "999999999": true, "012345678": true,
	"111223333": true, "123121234": true, // documentation's samples: 111-22-3333, 123-12-1234
}

// Valid reports whether nine digits are a structurally valid SSN.
func Valid(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	area := int(d[0]-'0')*100 + int(d[1]-'0')*10 + int(d[2]-'0')
	if area == 0 || area == 666 || area >= 900 {
		return false
	}
	if d[3] == '0' && d[4] == '0' {
		return false
	}
	if d[5] == '0' && d[6] == '0' && d[7] == '0' && d[8] == '0' {
		return false
	}
	if d[5] == '9' && d[0] == '9' {
		return false
	}
	// 987-65-4320 through 987-65-4329 are reserved for advertising.
	if string(d[:8]) == "98765432" {
		return false
	}
	switch area {
	case 12, 78, 111, 123, 219, 222, 333, 444, 555, 777, 888:
		return !advertised[string(d)] // the areas of the advertised numbers
	}
	return true
}

// Score validates a digit candidate: its digits, the lengths of its digit
// groups and the separators between them. It returns the confidence the
// shape alone gives (a dashed 123-45-6789 says more than nine bare
// digits) and whether the candidate is a valid SSN at all.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Valid(digits) {
		return 0, false
	}
	return Shape(groups, seps)
}

// Shape scores the 3-2-4 shape shared by SSNs and ITINs.
func Shape(groups []int, seps []byte) (float64, bool) {
	switch {
	case len(groups) == 1:
		return 0.3, true
	case len(groups) == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 4 && seps[0] == seps[1]:
		switch seps[0] {
		case '-':
			return 0.75, true
		case ' ':
			return 0.55, true
		case '.':
			return 0.4, true
		}
	}
	return 0, false
}
