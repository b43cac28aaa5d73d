// Package phone recognises North American (NANP) telephone numbers: ten
// digits, optionally after a country code 1, whose area code and exchange
// start with 2–9 and are not N11 service codes, outside the fictional
// 555-0100–0199 block, written (212) 555-0123, 212-555-0123,
// 212.555.0123, +1 212 555 0123 or bare. Numbers of other countries are
// recognised when written in international form (+44 20 7946 0958) and
// valid for their country by libphonenumber's metadata.
package phone

import "github.com/nyaruka/phonenumbers"

// Keywords are the words that, near a number, say it is a phone number.
var Keywords = []string{"phone", "tel", "telephone", "mobile", "cell", "fax", "call", "callback", "contact", "ph", "mob", "home", "work", "sms", "text"}

// Valid reports whether the digits are a valid NANP number (10 digits,
// or 11 starting with 1).
func Valid(d []byte) bool {
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	if d[0] < '2' || d[3] < '2' {
		return false
	}
	if d[1] == '1' && d[2] == '1' || d[4] == '1' && d[5] == '1' {
		return false
	}
	// 37X and 96X are reserved, 555 is not an area code, 9XX is reserved
	// beyond a few codes in use.
	a := string(d[:3])
	if a == "555" || a[:2] == "37" || a[:2] == "96" || a[1] == '9' {
		return false
	}
	if string(d[3:6]) == "555" && d[6] == '0' && d[7] == '1' {
		return false
	}
	return true
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Valid(digits) {
		return 0, false
	}
	g := groups
	s := seps
	if len(digits) == 11 {
		if len(g) == 1 {
			return 0.3, true
		}
		if g[0] != 1 {
			return 0, false
		}
		g, s = g[1:], s[1:]
	}
	switch {
	case len(g) == 1:
		return 0.35, true
	case len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4:
		if s[0] == ')' || s[0] == s[1] && (s[0] == '-' || s[0] == '.' || s[0] == ' ') || s[0] == ' ' && s[1] == '-' {
			return 0.8, true
		}
	case len(g) == 2 && g[0] == 3 && g[1] == 7:
		return 0.35, true
	}
	return 0, false
}

// International reports whether digits (a country code other than 1 and
// the national number, as written after a "+") are a valid telephone
// number of that country.
func International(digits []byte) bool {
	if len(digits) < 8 || len(digits) > 15 || digits[0] < '2' || digits[0] > '9' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	n, err := phonenumbers.Parse("+"+string(digits), "")
	return err == nil && phonenumbers.IsValidNumber(n)
}
