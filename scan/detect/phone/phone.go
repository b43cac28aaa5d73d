// Package phone recognises North American (NANP) telephone numbers: ten
// digits, optionally after a country code 1, whose area code and exchange
// start with 2–9 and are not N11 service codes, outside the fictional
// 555-0100–0199 block, written (212) 555-0123, 212-555-0123,
// 212.555.0123, +1 212 555 0123 or bare. Numbers of other countries are
// recognised when written in international form (+44 20 7946 0958) and
// valid for their country by libphonenumber's metadata, or, near a phone
// keyword, in the national form of a European country, Australia or New
// Zealand (07700 900123, 06 12 34 56 78), Spain's nine digits, which
// have no trunk prefix (612 345 678, 91 123 45 67), and Italy's mobiles,
// which have none either (347 123 4567).
package phone

import "github.com/nyaruka/phonenumbers"

// Keywords are the words that, near a number, say it is a phone number.
var Keywords = []string{"phone", "tel", "telephone", "mobile", "cell", "fax", "call", "callback", "contact", "ph", "mob", "home", "work", "sms", "text",
	"telefon", "telefono", "portable", "celular", "cellulare", "mobiel", "gsm",
	"tél", "téléphone", "teléfono", "móvil",
	// Calling in other languages: "llamó desde el 612 345 678".
	"llamó", "llamada", "llamar", "ligou", "ligar", "appelé", "appeler", "anruf", "angerufen", "rückruf", "chiamato", "chiamata", "chiamare"}

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
	if string(d[3:6]) == "555" && d[6] == '0' && d[7] == '1' {
		return false
	}
	return !unassigned(d[:3])
}

// unassigned reports whether a NANP area code is one no number has: 37X
// and 96X are reserved, N9X is kept for expanding the plan, and 555 is
// not an area code.
func unassigned(a []byte) bool {
	return string(a) == "555" || a[0] == '3' && a[1] == '7' || a[0] == '9' && a[1] == '6' || a[1] == '9'
}

// Unassigned reports whether the digits have a North American number's
// form in every way but its area code, which is one no number has
// (415-867-5309 with 591 or 555 for 415): a phone column's value typed
// wrong, made up, or produced by a generator. Only a phone column makes
// such a value a phone number.
func Unassigned(d []byte) bool {
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 || d[0] < '2' || !unassigned(d[:3]) {
		return false
	}
	v := [10]byte(d)
	v[0], v[1], v[2] = '4', '1', '5'
	return Valid(v[:]) && !allSame(d)
}

func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Valid(digits) {
		return 0, false
	}
	return shape(digits, groups, seps)
}

// ScoreUnassigned is Score for a number whose area code no number has
// (Unassigned).
func ScoreUnassigned(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Unassigned(digits) {
		return 0, false
	}
	return shape(digits, groups, seps)
}

// shape scores how a North American number's digits are grouped and
// separated: (212) 555-0123, 212-555-0123 and 212.555.0123 as people
// write them, bare digits or other groups lower.
func shape(digits []byte, groups []int, seps []byte) (float64, bool) {
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
		if s[0] == ')' || s[0] == s[1] && (s[0] == '-' || s[0] == '.' || s[0] == ' ') || (s[0] == ' ' || s[0] == '/') && s[1] == '-' {
			return 0.8, true // also 415/666-7777
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

// nationalRegions are the countries whose numbers written in national
// form (the trunk prefix 0 and no country code: 07700 900123 in Britain,
// 06 12 34 56 78 in France) are recognised, near a phone keyword.
var nationalRegions = []string{"GB", "FR", "DE", "IT", "ES", "NL", "BE", "IE", "AT", "CH", "PT", "SE", "DK", "PL", "AU", "NZ"}

// National reports whether digits, starting with the trunk prefix 0, are
// a valid number of one of nationalRegions as dialled in that country,
// nine digits a valid Spanish number (see Spanish), or ten an Italian
// mobile's (see Italian).
func National(digits []byte) bool {
	if Spanish(digits) {
		n, err := phonenumbers.Parse(string(digits), "ES")
		return err == nil && phonenumbers.IsValidNumberForRegion(n, "ES")
	}
	if Italian(digits) {
		n, err := phonenumbers.Parse(string(digits), "IT")
		return err == nil && phonenumbers.IsValidNumberForRegion(n, "IT") && phonenumbers.GetNumberType(n) == phonenumbers.MOBILE
	}
	if len(digits) < 9 || len(digits) > 12 || digits[0] != '0' || digits[1] == '0' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	for _, r := range nationalRegions {
		if n, err := phonenumbers.Parse(string(digits), r); err == nil && phonenumbers.IsValidNumberForRegion(n, r) {
			return true
		}
	}
	return false
}

// Spanish reports whether digits have the shape of a Spanish number as
// Spain dials it: nine digits, no trunk prefix, the first 6 or 7 for a
// mobile, 8 or 9 for a fixed line. Nine digits are never a North American
// number, so the shape decides which rules look further.
func Spanish(digits []byte) bool {
	if len(digits) != 9 || digits[0] < '6' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Italian reports whether digits have the shape of an Italian mobile
// number as Italy dials it: ten digits, no trunk prefix, the first 3
// (347 123 4567). A valid North American number is not taken for one.
func Italian(digits []byte) bool {
	if len(digits) != 10 || digits[0] != '3' || digits[1] == '0' {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return !Valid(digits)
}

// Unprefixed reports whether digits are a number that a phone keyword
// must speak for and National confirm (see the callers of National): a
// number in national form (a trunk prefix 0), Spain's nine digits or an
// Italian mobile's ten.
func Unprefixed(digits []byte) bool {
	return len(digits) > 0 && digits[0] == '0' || len(digits) == 9 || Italian(digits)
}

// ScoreAny is Score for North American numbers, NationalScore for
// numbers in national form, which never start as a North American one
// does, SpanishScore for nine digits and ItalianScore for an Italian
// mobile's ten.
func ScoreAny(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(digits) > 0 && digits[0] == '0' {
		return NationalScore(digits, groups, seps)
	}
	if len(digits) == 9 {
		return SpanishScore(digits, groups, seps)
	}
	if Mexican(digits, groups, seps) {
		return 0.05, true
	}
	if Italian(digits) {
		return ItalianScore(digits, groups, seps)
	}
	return Score(digits, groups, seps)
}

// Mexican reports a number of Mexico City, Guadalajara or Monterrey as
// Mexico writes it, its two-digit area code (55, 56, 33, 81) and two
// blocks of four ("55 1234 5678", "(55) 1234-5678"), that libphonenumber
// finds valid for Mexico. North America never writes its numbers so.
// Like SpanishScore's, such a number needs a phone keyword near it
// (ScoreAny gives a candidate only).
func Mexican(digits []byte, groups []int, seps []byte) bool {
	if len(digits) != 10 || len(groups) != 3 || groups[0] != 2 || groups[1] != 4 || groups[2] != 4 {
		return false
	}
	switch string(digits[:2]) {
	case "55", "56", "33", "81":
	default:
		return false
	}
	for k, s := range seps {
		if s != ' ' && s != '-' && s != '.' && !(k == 0 && s == ')') {
			return false
		}
	}
	n, err := phonenumbers.Parse(string(digits), "MX")
	return err == nil && phonenumbers.IsValidNumberForRegion(n, "MX")
}

// ItalianScore takes an Italian mobile's ten digits as Italy writes them
// (347 123 4567, 347 1234567, 347/1234567, 3471234567), apart by
// blanks, dashes, dots or a slash, but not in a North American number's
// 3-3-4 with dashes or dots. Like SpanishScore it gives a candidate only, which a
// phone keyword and National must confirm.
func ItalianScore(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Italian(digits) {
		return 0, false
	}
	for _, s := range seps {
		if s != ' ' && s != '-' && s != '.' && s != '/' {
			return 0, false
		}
	}
	switch {
	case len(groups) == 3 && groups[1] == 3 && (seps[0] == seps[1] && seps[0] != ' ' || seps[0] == '/'):
		// 302-123-4567, 302.123.4567: a North American number's
		// layout, which its digits make no valid one.
		return 0, false
	case len(groups) == 1,
		len(groups) == 2 && groups[0] == 3,
		len(groups) == 3 && groups[0] == 3 && (groups[1] == 3 && groups[2] == 4 || groups[1] == 4 && groups[2] == 3):
		return 0.05, true
	}
	return 0, false
}

// SpanishScore takes nine digits in the blocks Spain writes them in
// (612 345 678, 612 34 56 78, 91 123 45 67), apart by blanks, dashes or
// dots. Like NationalScore it gives a candidate only: nine digits are an
// SSN, a routing or an account number far more often, so a phone keyword
// must speak for it and National confirm it.
func SpanishScore(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Spanish(digits) {
		return 0, false
	}
	for _, s := range seps {
		if s != ' ' && s != '-' && s != '.' {
			return 0, false
		}
	}
	switch len(groups) {
	case 3:
		if groups[0] == 3 && groups[1] == 3 {
			return 0.05, true
		}
	case 4:
		if groups[0] == 3 && groups[1] == 2 && groups[2] == 2 || groups[0] == 2 && groups[1] == 3 && groups[2] == 2 {
			return 0.05, true
		}
	}
	return 0, false
}

// NationalScore takes a candidate of the shape of a number written in
// national form: a leading 0, two blocks or more apart by blanks, dashes
// or dots. Its shape says little (account and reference numbers start
// with 0 too): only a phone keyword makes it a phone number, and then
// National must confirm it, which the caller asks only then, as parsing
// it for each country is costly.
func NationalScore(digits []byte, groups []int, seps []byte) (float64, bool) {
	// Written in blocks, as people write phone numbers: a run of digits
	// starting with 0 is an account, loan or reference number as often.
	if len(digits) < 9 || digits[0] != '0' || digits[1] == '0' || len(groups) < 2 || groups[0] > 5 {
		return 0, false
	}
	for k, s := range seps {
		if s != ' ' && s != '-' && s != '.' && !(k == 0 && s == ')') {
			return 0, false // but "(0121) 496 0852": the area code in brackets
		}
	}
	// Not the shape of an SSN (047-76-2245), of a ZIP+4 Code (02110-1301)
	// or of a card's blocks of four.
	if len(groups) == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 4 || len(groups) == 2 && groups[0] == 5 && groups[1] == 4 && seps[0] == '-' {
		return 0, false
	}
	fours := true
	for _, g := range groups {
		fours = fours && g == 4
	}
	if fours {
		return 0, false
	}
	return 0.05, true
}
