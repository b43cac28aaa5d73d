// Package health recognises health identifiers: the Medicare Beneficiary
// Identifier (MBI, eleven characters in a fixed pattern of digits and
// letters without S, L, O, I, B, Z; distinctive enough to report on its
// own), and medical record or health plan member numbers, which have no
// shape of their own and need a keyword ("MRN", "member ID") or column.
package health

import "strings"

// Keywords are the words that, near a value, say it is a health identifier.
var Keywords = []string{"medicare", "mbi", "hicn", "mrn", "medical", "health", "member", "subscriber", "beneficiary", "insurance", "policy", "plan"}

func mbiLetter(c byte) bool {
	return c >= 'A' && c <= 'Z' && !strings.ContainsRune("SLOIBZ", rune(c))
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

// ValidMBI reports whether s is a Medicare Beneficiary Identifier, with
// or without the dashes after the 4th and 7th characters.
func ValidMBI(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, "-", ""))
	if len(s) != 11 {
		return false
	}
	an := func(c byte) bool { return digit(c) || mbiLetter(c) }
	return s[0] >= '1' && s[0] <= '9' && mbiLetter(s[1]) && an(s[2]) && digit(s[3]) &&
		mbiLetter(s[4]) && an(s[5]) && digit(s[6]) && mbiLetter(s[7]) && mbiLetter(s[8]) &&
		digit(s[9]) && digit(s[10])
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
