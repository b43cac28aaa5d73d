// Package health recognises health identifiers: the Medicare Beneficiary
// Identifier (MBI, eleven characters in a fixed pattern of digits and
// letters without S, L, O, I, B, Z; distinctive enough to report on its
// own), and medical record or health plan member numbers, which have no
// shape of their own and need a keyword ("MRN", "health plan member ID")
// or column.
package health

import "strings"

// Keywords are the words that, near a value, say it is a health identifier.
var Keywords = []string{"medicare", "mbi", "hicn", "mrn", "medical", "health", "insurance", "nhs", "medicaid"}

// MemberWords label a health ID only beside a word of Keywords or a
// diagnosis's label: by themselves they are as often a credit union's
// member, a newsletter's subscriber, an auto policy or a payment plan.
var MemberWords = []string{"member", "subscriber", "beneficiary", "policy", "plan"}

func mbiLetter(c byte) bool {
	switch c {
	case 'S', 'L', 'O', 'I', 'B', 'Z':
		return false
	}
	return c >= 'A' && c <= 'Z'
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

// BIC returns the length of the Medicare Beneficiary Identification Code
// at the start of s, 0 if none: the letter (and digit or letter) that
// made a Health Insurance Claim Number of the SSN it follows, written on
// Medicare cards before MBIs replaced them ("219-09-9998A",
// "219099998B1"): A for the wage earner, B for a spouse, C1 for a
// child, D for a widow, and so on. A letter or digit after it, or a
// code that needs a second character and lacks it (C, F, J), makes none.
func BIC(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	n := 0
	switch s[0] {
	case 'A', 'B', 'D', 'E', 'K', 'M', 'T', 'W':
		n = 1
		if len(s) > 1 && (s[1] >= '1' && s[1] <= '9' || s[0] != 'A' && s[1] >= 'A' && s[1] <= 'Z') {
			n = 2
		}
	case 'C', 'F', 'J', 'H', 'G':
		if len(s) > 1 && (s[1] >= '1' && s[1] <= '9' || s[1] >= 'A' && s[1] <= 'Z') {
			n = 2
		}
	}
	if n == 0 || n < len(s) && (digit(s[n]) || s[n]|0x20 >= 'a' && s[n]|0x20 <= 'z') {
		return 0
	}
	return n
}

// ValidMBI reports whether s is a Medicare Beneficiary Identifier, in
// either case, with or without the dashes after the 4th and 7th
// characters.
func ValidMBI(s string) bool {
	var b [11]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' {
			continue
		}
		if n == len(b) {
			return false
		}
		if c >= 'a' && c <= 'z' {
			c -= 32
		}
		b[n] = c
		n++
	}
	if n != len(b) {
		return false
	}
	an := func(c byte) bool { return digit(c) || mbiLetter(c) }
	return b[0] >= '1' && b[0] <= '9' && mbiLetter(b[1]) && an(b[2]) && digit(b[3]) &&
		mbiLetter(b[4]) && an(b[5]) && digit(b[6]) && mbiLetter(b[7]) && mbiLetter(b[8]) &&
		digit(b[9]) && digit(b[10])
}

// ValidNHS reports whether s is an NHS number: ten digits, written 3-3-4
// with blanks or not, whose last is the modulus-11 check digit of the
// nine before (weights 10 down to 2; a check of 11 is 0 and of 10 no
// number, as NHS Connecting for Health's check-digit note describes).
func ValidNHS(s string) bool {
	var d [10]int
	n, blanks := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case digit(c):
			if n == len(d) {
				return false
			}
			d[n] = int(c - '0')
			n++
		case c == ' ' && (n == 3 || n == 6) && i+1 < len(s) && digit(s[i+1]):
			blanks++
		default:
			return false
		}
	}
	if n != 10 || blanks == 1 {
		return false
	}
	var b [10]byte
	for i, x := range d {
		b[i] = byte(x) + '0'
	}
	return nhsCheck(b[:])
}

// nhsCheck reports whether ten digits end in the modulus-11 check digit
// of the nine before.
func nhsCheck(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// NHSLabelled returns the NHS number that follows the label "NHS" ending
// at text[i] ("NHS number: 943-476-5919", "NHS No. 9434765919"): past
// blanks, ":", "#", "." and the words number, no, num; ten digits, 3-3-4
// with blanks or hyphens or none, whose check digit holds. After that
// label a hyphenated number is the NHS number, where bare it would be a
// phone's. It returns 0, 0 when there is none.
func NHSLabelled(text []byte, i int) (start, end int) {
	j := i
	for n := 0; n < 3; n++ {
		for j < len(text) && j-i < 24 && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '.') {
			j++
		}
		w := j
		for w < len(text) && text[w]|0x20 >= 'a' && text[w]|0x20 <= 'z' {
			w++
		}
		word := strings.ToLower(string(text[j:w]))
		if word != "number" && word != "no" && word != "num" {
			break
		}
		j = w
	}
	var d [10]byte
	k, n, seps := j, 0, 0
	var sep byte
	for k < len(text) && n < 10 {
		c := text[k]
		switch {
		case digit(c):
			d[n] = c
			n++
		case (c == ' ' || c == '-') && (n == 3 || n == 6) && digit(text[k-1]) && (sep == 0 && n == 3 || c == sep):
			sep = c
			seps++
		default:
			return 0, 0
		}
		k++
	}
	if n != 10 || seps == 1 || k < len(text) && (digit(text[k]) || text[k]|0x20 >= 'a' && text[k]|0x20 <= 'z') || !nhsCheck(d[:]) {
		return 0, 0
	}
	return j, k
}

// Valid reports whether a structured value can be a health identifier:
// an MBI, an NHS number, or 5 to 20 letters and digits, with hyphens or
// single blanks between them (an Ontario health card's 1234-567-890-AB),
// of which at least four are digits.
func Valid(s string) bool {
	s = strings.TrimSpace(s)
	if ValidMBI(s) || ValidNHS(s) {
		return true
	}
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	d := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case digit(c):
			d++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-':
		case c == ' ' && s[i-1] != ' ':
		default:
			return false
		}
	}
	return d >= 4
}

// Score validates a digit candidate (see ssn.Score for the arguments):
// a bare medical record number needs a keyword, and so do an NHS number
// written 3-3-4 with blanks and an Australian Medicare number written
// 4-5-1, whose check digits must hold. A record number
// may be written in two groups with a hyphen ("MRN: 7734-2291",
// "12-345678"), but not in the shapes of a local phone number (3-4), a
// ZIP+4 Code (5-4), a month and year or a year range.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(groups) == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4 && seps[0] == ' ' && seps[1] == ' ' {
		return 0, nhsCheck(digits)
	}
	if len(groups) == 3 && groups[0] == 4 && groups[1] == 5 && groups[2] == 1 && seps[0] == ' ' && seps[1] == ' ' {
		return 0, medicareAU(digits)
	}
	if len(groups) == 2 && seps[0] == '-' && len(digits) >= 6 && len(digits) <= 12 && groups[0] >= 2 && groups[1] >= 2 {
		a, b := groups[0], groups[1]
		switch {
		case a == 3 && b == 4, a == 5 && b == 4:
			return 0, false
		case a == 4 && year(digits[:4]) && (b == 2 || b == 4 && year(digits[4:])), a <= 2 && b == 4 && year(digits[a:]):
			return 0, false
		}
		return 0, true
	}
	return 0, len(groups) == 1 && len(digits) >= 6 && len(digits) <= 12
}

// medicareAU reports whether ten digits are an Australian Medicare card
// number, as printed 4-5-1 ("2123 45670 1"): the first 2 to 6, the
// ninth the sum of the eight before weighted 1, 3, 7, 9, 1, 3, 7, 9
// modulo 10, the tenth the card's issue number (Services Australia's
// check as public descriptions give it).
func medicareAU(d []byte) bool {
	if len(d) != 10 || d[0] < '2' || d[0] > '6' {
		return false
	}
	sum := 0
	for i, w := range [8]int{1, 3, 7, 9, 1, 3, 7, 9} {
		sum += int(d[i]-'0') * w
	}
	return int(d[8]-'0') == sum%10
}

// year reports whether four digits are a year of the last two centuries
// or this one: 1900-2099.
func year(d []byte) bool {
	return len(d) == 4 && (d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0')
}
