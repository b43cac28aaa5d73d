// Package health recognises health identifiers: the Medicare Beneficiary
// Identifier (MBI, eleven characters in a fixed pattern of digits and
// letters without S, L, O, I, B, Z; distinctive enough to report on its
// own), and medical record or health plan member numbers, which have no
// shape of their own and need a keyword ("MRN", "health plan member ID")
// or column.
package health

import "strings"

// Keywords are the words that, near a value, say it is a health identifier.
var Keywords = []string{"medicare", "mbi", "hicn", "mrn", "medical", "health", "insurance"}

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

// Valid reports whether a structured value can be a health identifier:
// an MBI, or 5 to 20 letters and digits with at least four digits.
func Valid(s string) bool {
	s = strings.TrimSpace(s)
	if ValidMBI(s) {
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
		default:
			return false
		}
	}
	return d >= 4
}

// Score validates a digit candidate (see ssn.Score for the arguments):
// a bare medical record number needs a keyword.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	return 0, len(groups) == 1 && len(digits) >= 6 && len(digits) <= 12
}
