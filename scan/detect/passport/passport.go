// Package passport recognises passport numbers: 6 to 9 letters and
// digits (US: nine digits, or a letter and eight digits since 2021). The
// shape is common, so a value is a passport number only when the word
// "passport" or a column says so.
package passport

// Keywords are the words that, near a value, say it is a passport number.
var Keywords = append([]string{"passport", "ppt", "passportno"}, Foreign...)

// Foreign are the word in the languages of the countries whose laws
// breachkit holds (German, Spanish and Portuguese, Italian, French,
// Dutch, Polish), in text and in a column's header.
var Foreign = []string{"reisepass", "reisepassnummer", "passnummer", "pasaporte", "passaporte", "passaporto", "passeport", "paspoort", "paspoortnummer", "paszport"}

// Valid reports whether s has the shape of a passport number.
func Valid(s string) bool {
	if len(s) < 6 || len(s) > 9 {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return digits >= 5
}

// InColumn reports whether s, under a column or key that names passport
// numbers, is one: as Valid, or up to 12 letters and digits, as some
// countries' numbers and generated data (Synthea's X19277260X) are.
func InColumn(s string) bool {
	if Valid(s) {
		return true
	}
	if len(s) < 10 || len(s) > 12 {
		return false
	}
	return Valid(s[:9]) && Valid(s[len(s)-9:])
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	return 0, len(groups) == 1 && Valid(string(digits))
}
