// Package dl recognises US driver's license numbers. Each state has its
// own shapes (CA: a letter and seven digits; NY: nine digits; WA: twelve
// mixed characters), and many of them collide with other numbers, so a
// value is a license number only when a keyword ("driver's license",
// "DL#") or a column says so; the shape only has to be plausible.
package dl

// Keywords are the words that, near a value, say it is a license number.
var Keywords = []string{"driver", "drivers"}

// LabelKeywords say so only as the value's label ("License # D1234567",
// "DL: 9767086"), or with a word of Keywords near: alone and farther off
// they are as often a program's licence ("Licensed under the MIT
// license") or its dynamic linker ("dl_initfirst").
var LabelKeywords = []string{"license", "licence", "lic", "dl", "dln", "dlnum"}

// Valid reports whether s (letters, digits, dashes and spaces removed)
// has the shape of a US license number: 4 to 15 letters and digits with
// at least three digits.
func Valid(s string) bool {
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			n++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			n++
		case c == '-' || c == ' ':
		default:
			return false
		}
	}
	return n >= 4 && n <= 15 && digits >= 3
}

// Written reports whether a word of free text (letters and digits) has
// the shape of a licence number written out: Valid, and a letter with
// three digits or more (CA's L3917729, CO's A123456), five digits or
// more (ND's ABC123456), or Washington's WDL and nine (WDLLIDH002W4). A
// part's or a chip's model (TMP411, NCT7802Y, SFC9000) near a device
// driver's name has fewer; a screen's resolution (1280x1024) is no
// licence.
func Written(s string) bool {
	if !Valid(s) {
		return false
	}
	letters, digits, x := 0, 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letters++
			if c == 'x' || c == 'X' {
				x = i
			}
		}
	}
	if letters == 1 && x > 0 && x < len(s)-1 && digits == len(s)-1 {
		return false // 1280x1024
	}
	// Washington's since 2018: WDL and nine letters and digits.
	wa := len(s) == 12 && (s[:3] == "WDL" || s[:3] == "wdl")
	return letters == 1 && digits >= 3 || digits >= 5 || wa
}

// Score validates a digit candidate (see ssn.Score for the arguments):
// the shape gives no confidence on its own.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(digits) < 5 || len(digits) > 15 {
		return 0, false
	}
	for _, s := range seps {
		if s != '-' && s != ' ' {
			return 0, false
		}
	}
	if len(groups) == 2 && groups[0] == 5 && groups[1] == 4 && seps[0] == '-' {
		return 0, false // 02110-1301: a ZIP+4 Code (the GPL's address)
	}
	if datedGroups(groups, seps) || len(groups) == 2 && groups[0] == 4 && year(digits[:4]) && (groups[1] == 4 && year(digits[4:]) || groups[1] == 2 && digits[4] <= '1') {
		return 0, false // 2022-03-29, "3 2023-02-05" (a manual page's section and date), 2014-2019, 2018-04: dates, years
	}
	if len(seps) > 0 && seps[0] == ' ' {
		// Blanks part a licence number of seven digits or more into
		// groups of three or more after the first (123 456 789, 12 345
		// 678); "92 642 88 642" is a row of a drawing's coordinates.
		if len(digits) < 7 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if g < 3 {
				return 0, false
			}
		}
	}
	return 0, len(groups) <= 4
}

// datedGroups reports groups of 4, 2 and 2 digits joined by dashes among
// a candidate's groups: a date.
func datedGroups(groups []int, seps []byte) bool {
	for k := 0; k+2 < len(groups); k++ {
		if groups[k] == 4 && groups[k+1] == 2 && groups[k+2] == 2 && seps[k] == '-' && seps[k+1] == '-' {
			return true
		}
	}
	return false
}

// year reports four digits from 1900 to 2099.
func year(d []byte) bool {
	return d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0'
}
