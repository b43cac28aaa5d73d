package gazetteer

import "strings"

// UKPostcode reports whether s is a postcode of the United Kingdom (or of
// the Crown Dependencies, which share the system): an outward code of
// the shapes A9, A99, AA9, AA99, A9A or AA9A, an optional blank, and an
// inward code 9AA, with the letters Royal Mail leaves out of each place
// (listed in the Market Research Society's "Postcode format" sheet), or
// the single non-geographic GIR 0AA. None of these shapes is a ZIP Code
// or a Canadian postal code, so a postcode alone says the country.
func UKPostcode(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "GIR 0AA" || s == "GIR0AA" {
		return true
	}
	if n := len(s); n >= 6 && s[n-4] == ' ' {
		s = s[:n-4] + s[n-3:]
	}
	n := len(s)
	if n < 5 || n > 7 {
		return false
	}
	in, out := s[n-3:], s[:n-3]
	if !isDigit(in[0]) || !inwardLetter(in[1]) || !inwardLetter(in[2]) {
		return false
	}
	// Outward code: its first letter, an optional second letter, then a
	// district of one or two digits or of a digit and a letter.
	if !isUpper(out[0]) || strings.IndexByte("QVX", out[0]) >= 0 {
		return false
	}
	rest := out[1:]
	two := len(rest) > 0 && isUpper(rest[0])
	if two {
		if strings.IndexByte("IJZ", rest[0]) >= 0 {
			return false
		}
		rest = rest[1:]
	}
	switch {
	case len(rest) == 1:
		return isDigit(rest[0])
	case len(rest) == 2 && isDigit(rest[0]) && isDigit(rest[1]):
		return true
	case len(rest) == 2 && isDigit(rest[0]) && isUpper(rest[1]):
		// A9A (London's central districts, W1A) and AA9A (EC1A, SW1A).
		if two {
			return strings.IndexByte("ABEHMNPRVWXY", rest[1]) >= 0
		}
		return strings.IndexByte("ABCDEFGHJKPSTUW", rest[1]) >= 0
	}
	return false
}

// inwardLetter reports whether c may end a UK postcode: never C, I, K,
// M, O or V, which could be misread for other characters.
func inwardLetter(c byte) bool { return isUpper(c) && strings.IndexByte("CIKMOV", c) < 0 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Eircode reports whether s is written as an Irish Eircode: seven
// characters, a routing key of a letter and two digits (or D6W, Dublin 6
// West's) and a unique identifier of four letters and digits, with or
// without a blank between them (A65 F4E2, D02 X285; the format as the
// Department of Communications describes it,
// https://www.dccae.gov.ie/ga-ie/communications/topics/Postcodes/about-eircodes/Pages/Using-an-Eircode.aspx,
// read 2026-12-06). Its four-character second part tells it from a UK
// postcode, whose inward code has three.
func Eircode(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 8 && s[3] == ' ' {
		s = s[:3] + s[4:]
	}
	if len(s) != 7 || !isUpper(s[0]) || !(isDigit(s[1]) && isDigit(s[2]) || s[:3] == "D6W") {
		return false
	}
	letters, digits := 0, 0
	for i := 3; i < 7; i++ {
		switch {
		case isUpper(s[i]):
			letters++
		case isDigit(s[i]):
			digits++
		default:
			return false
		}
	}
	return letters+digits == 4 && s[3:] != strings.Repeat(s[3:4], 4)
}
