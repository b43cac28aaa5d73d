package gen

import "strings"

// digitsOnly returns s without the separators used in generated values
// (dash, space, dot, parentheses, plus).
func digitsOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// wellKnownSSNs are numbers published in advertising or documentation;
// a real dump may contain them, but they belong to nobody.
var wellKnownSSNs = map[string]bool{
	"078051120": true, "219099999": true, "123456789": true,
}

// ValidSSN reports whether s (with or without dashes or spaces) is a
// structurally valid Social Security number: area 001–899 except 666,
// group not 00, serial not 0000, and not a well-known test number.
func ValidSSN(s string) bool {
	d := digitsOnly(s)
	if len(d) != 9 {
		return false
	}
	area, group, serial := atoiDigits(d[:3]), atoiDigits(d[3:5]), atoiDigits(d[5:])
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	if wellKnownSSNs[d] || strings.HasPrefix(d, "98765432") {
		return false
	}
	return true
}

// ValidITIN reports whether s is a structurally valid Individual Taxpayer
// Identification Number: 9XX-GG-XXXX with group 50–65, 70–88, 90–92 or
// 94–99.
func ValidITIN(s string) bool {
	d := digitsOnly(s)
	if len(d) != 9 || d[0] != '9' {
		return false
	}
	return itinGroup(atoiDigits(d[3:5]))
}

func itinGroup(g int) bool {
	return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99)
}

// Luhn reports whether the digits of s pass the Luhn check.
func Luhn(s string) bool {
	d := digitsOnly(s)
	if len(d) < 2 {
		return false
	}
	return luhnSum(d)%10 == 0
}

func luhnSum(d string) int {
	sum := 0
	dbl := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if dbl {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		dbl = !dbl
	}
	return sum
}

// luhnDigit returns the check digit to append to payload.
func luhnDigit(payload string) byte {
	s := luhnSum(payload + "0")
	return byte('0' + (10-s%10)%10)
}

// ValidRouting reports whether s is a nine-digit ABA routing number with
// a valid Federal Reserve prefix (00–12, 21–32, 61–72, 80) and a valid
// 3-7-1 checksum.
func ValidRouting(s string) bool {
	if len(s) != 9 || digitsOnly(s) != s {
		return false
	}
	p := atoiDigits(s[:2])
	if !(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80) {
		return false
	}
	return abaSum(s)%10 == 0
}

func abaSum(s string) int {
	w := [9]int{3, 7, 1, 3, 7, 1, 3, 7, 1}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += w[i] * int(s[i]-'0')
	}
	return sum
}

// ValidNANP reports whether s holds a valid ten-digit North American
// number (an optional leading 1 is allowed): area code and exchange start
// with 2–9 and are not N11, the area code is not 555 or reserved, and the
// number is not in the fictional 555-01XX block.
func ValidNANP(s string) bool {
	d := digitsOnly(s)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 {
		return false
	}
	return validArea(atoiDigits(d[:3])) && validExchange(atoiDigits(d[3:6]), atoiDigits(d[6:]))
}

func validArea(a int) bool {
	if a < 200 || a > 999 {
		return false
	}
	if a%100 == 11 || a == 555 || (a/10)%10 == 9 || a/10 == 37 || a/10 == 96 {
		return false
	}
	switch a {
	case 800, 822, 833, 844, 855, 866, 877, 888, 900:
		return false
	}
	return true
}

func validExchange(e, line int) bool {
	if e < 200 || e > 999 || e%100 == 11 {
		return false
	}
	if e == 555 && line >= 100 && line <= 199 {
		return false
	}
	return true
}
