// Package columns names the columns of a table that has no header row
// (a CSV export without one, a sheet that starts with data) from what
// their values look like, so that the detectors can treat them as
// structured data. Extractors call it; it only looks at shapes and at the
// gazetteer, and every value is still validated by its detector.
package columns

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan/detect/card"
	"github.com/breachkit/breachkit/scan/detect/phone"
)

// Infer names the columns of a table without a header row from their
// first values (cols[i] holds column i's values, trimmed): a column of
// given names, of dashed SSNs, of birth dates. A name it returns ends in
// "(inferred)", which the reasons of a finding show; "" means the column
// stays free text. The detectors still validate every value: a name only
// gives the context a header would.
func Infer(cols [][]string) []string {
	out := make([]string, len(cols))
	share := func(vals []string, ok func(string) bool) float64 {
		n, yes := 0, 0
		for _, v := range vals {
			if v == "" {
				continue
			}
			n++
			if ok(v) {
				yes++
			}
		}
		if n < 2 {
			return 0
		}
		return float64(yes) / float64(n)
	}
	state := make([]bool, len(cols))
	for i, vals := range cols {
		switch {
		case share(vals, looksEmail) >= 0.8:
			out[i] = "email"
		case share(vals, looksSSN) >= 0.8:
			out[i] = "ssn"
		case share(vals, looksPhone) >= 0.8:
			out[i] = "phone"
		case share(vals, looksState) >= 0.9:
			out[i], state[i] = "state", true
		case share(vals, looksStateZIP) >= 0.9:
			out[i], state[i] = "state zip", true
		case share(vals, looksStreet) >= 0.7:
			out[i] = "street address"
		case looksBirthDates(vals):
			out[i] = "date of birth"
		case share(vals, looksLong) >= 0.9:
			// Runs of 13 to 19 digits: a column of cards when nearly
			// all pass the card checks, of IDs when few do (one in ten
			// random numbers passes by chance).
			switch c := share(vals, func(v string) bool { return card.Valid([]byte(v)) }); {
			case c >= 0.9:
				out[i] = "card number"
			case c < 0.3:
				out[i] = "id"
			}
		default:
			g := share(vals, func(v string) bool { return !strings.Contains(v, " ") && gazetteer.IsGivenName(v) })
			sn := share(vals, func(v string) bool { return !strings.Contains(v, " ") && gazetteer.IsSurname(v) })
			full := share(vals, looksFullName)
			switch {
			case full >= 0.7:
				out[i] = "name"
			case g >= 0.7 && g >= sn:
				out[i] = "first name"
			case sn >= 0.7:
				out[i] = "last name"
			}
		}
	}
	// A ZIP column and a city column are told by their place next to a
	// state column: five digits alone could be anything.
	// Between a street column and a state column, a column of words is
	// the city even where they are given names or surnames (Columbus,
	// Charlotte, Jackson).
	for i := range cols {
		nearState := i > 0 && state[i-1] || i+1 < len(cols) && state[i+1]
		beforeState := i+1 < len(cols) && state[i+1]
		afterStreet := i > 0 && out[i-1] == "street address"
		switch {
		case out[i] == "" && nearState && share(cols[i], looksZIP) >= 0.9:
			out[i] = "zip"
		case (out[i] == "" || out[i] == "ssn") && nearState && zipsOfStates(cols[i], cols, state, i) >= 0.9:
			// ZIP+4 without its hyphen ("731205432"), as the FEC's and
			// many mailing files write it: nine digits like an SSN's,
			// told apart by the state beside each, which its first
			// three digits name.
			out[i] = "zip"
		case (out[i] == "" || afterStreet && (out[i] == "first name" || out[i] == "last name")) && beforeState && share(cols[i], looksPlace) >= 0.9:
			out[i] = "city"
		}
	}
	// A column of bare ten-digit numbers that are valid North American
	// numbers with varied area codes and exchanges, in a table of people
	// (a card dump's "…|TX|75214|US|2145625579|…"), holds phones: an
	// ID column's numbers share their first digits, and half of random
	// numbers fail the NANP rules.
	person := false
	for _, o := range out {
		switch o {
		case "email", "ssn", "street address", "name", "first name", "last name", "date of birth", "card number":
			person = true
		}
	}
	for i := range cols {
		if person && out[i] == "" && share(cols[i], looksBarePhone) >= 0.95 && exchanges(cols[i]) {
			out[i] = "phone"
		}
	}
	// After a column of cards, its expiry (a month and a year, or MM/YY)
	// and then three or four digits: the card's security code, as card
	// dumps write them ("4051…|05|2027|355|…").
	for i := range cols {
		if out[i] != "card number" {
			continue
		}
		k := i + 1
		switch {
		case k+1 < len(cols) && out[k] == "" && out[k+1] == "" && share(cols[k], looksMonth) >= 0.95 && share(cols[k+1], looksExpiryYear) >= 0.95:
			k += 2
		case k < len(cols) && out[k] == "" && share(cols[k], looksExpiry) >= 0.95:
			k++
		default:
			continue
		}
		if k < len(cols) && out[k] == "" && share(cols[k], looksCode) >= 0.95 {
			out[k] = "cvv"
		}
	}
	// A column of single words beside a column of given names is the
	// surname, whether or not the gazetteer knows them (Wojcik, Okafor):
	// "first, last" or "last, first", as exports write them.
	for i := range cols {
		if out[i] != "" || share(cols[i], looksNameWord) < 0.9 || !varied(cols[i]) {
			continue
		}
		if i > 0 && out[i-1] == "first name" || i+1 < len(cols) && out[i+1] == "first name" && !(i > 0 && out[i-1] == "last name") {
			out[i] = "last name"
		}
	}
	for i := range out {
		if out[i] != "" {
			out[i] += " (inferred)"
		}
	}
	return out
}

// varied says whether most of a column's values differ, as names do; a
// column of a few values repeated (Male, Female; Active) is a category.
func varied(vals []string) bool {
	seen := map[string]bool{}
	n := 0
	for _, v := range vals {
		if v != "" {
			n++
			seen[strings.ToLower(v)] = true
		}
	}
	return n < 4 || len(seen)*2 >= n
}

// looksLong is a run of 13 to 19 digits, as cards and long IDs are.
func looksLong(v string) bool {
	return len(v) >= 13 && len(v) <= 19 && digits(v) == len(v)
}

// looksNameWord is one word of letters, capitalised or in capitals, as a
// name part is written: Wojcik, O'Neil, García-López, OKAFOR.
func looksNameWord(v string) bool {
	if len(v) < 2 || len(v) > 40 {
		return false
	}
	for k, c := range v {
		switch {
		case k == 0 && !unicode.IsUpper(c):
			return false
		case unicode.IsLetter(c) || k > 0 && (c == '\'' || c == '-' || c == '’'):
		default:
			return false
		}
	}
	return true
}

// HeaderRow reports whether the first row of a table (a Word or HTML
// table) reads as column names: at least two cells, all different, at
// least 60 % of them short text with letters and no digits or '@', and
// not a row of data (LooksLikeData).
func HeaderRow(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	seen := map[string]bool{}
	good := 0
	for _, c := range cells {
		t := strings.ToLower(strings.TrimSpace(c))
		if seen[t] {
			return false
		}
		seen[t] = true
		if len(t) <= 64 && !strings.ContainsAny(t, "0123456789@") && strings.IndexFunc(t, func(r rune) bool {
			return r >= 'a' && r <= 'z' || r > 0x7f
		}) >= 0 {
			good++
		}
	}
	return good*10 >= len(cells)*6 && !LooksLikeData(cells)
}

// LooksLikeData says whether a row of text cells is a person rather than
// column names: it holds a street address or a full name, or a given
// name followed by a surname.
func LooksLikeData(cells []string) bool {
	for i, c := range cells {
		if looksStreet(c) || looksFullName(c) {
			return true
		}
		if i+1 < len(cells) && !strings.Contains(c, " ") && gazetteer.IsGivenName(c) && gazetteer.IsSurname(cells[i+1]) {
			return true
		}
	}
	return false
}

func looksEmail(v string) bool {
	at := strings.IndexByte(v, '@')
	return at > 0 && strings.Count(v, "@") == 1 && !strings.ContainsAny(v, " ,;") && strings.Contains(v[at:], ".")
}

// looksSSN is the dashed 3-2-4 shape; nine bare digits could be any ID.
func looksSSN(v string) bool {
	return len(v) == 11 && v[3] == '-' && v[6] == '-' && digits(v[:3]+v[4:6]+v[7:]) == 9
}

// looksPhone is a formatted NANP number: ten digits (eleven with a
// leading 1) and separators or a leading +; bare digit runs could be IDs.
func looksPhone(v string) bool {
	d := digits(v)
	if d != 10 && !(d == 11 && strings.TrimLeft(v, "+(")[0] == '1') {
		return false
	}
	sep := false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '-' || c == '.' || c == ' ' || c == '(' || c == ')' || c == '+':
			sep = true
		default:
			return false
		}
	}
	return sep
}

// looksMonth is a month's number, 1–12, in one or two digits.
func looksMonth(v string) bool {
	n, err := strconv.Atoi(v)
	return err == nil && len(v) <= 2 && n >= 1 && n <= 12
}

// looksExpiryYear is a card's expiry year: 20–39, or 2020–2039.
func looksExpiryYear(v string) bool {
	n, err := strconv.Atoi(v)
	return err == nil && (len(v) == 2 && n >= 20 && n <= 39 || len(v) == 4 && n >= 2020 && n <= 2039)
}

// looksExpiry is a card's expiry written MM/YY or MM/YYYY.
func looksExpiry(v string) bool {
	m, y, ok := strings.Cut(v, "/")
	return ok && looksMonth(m) && looksExpiryYear(y)
}

// looksCode is three or four digits, as a card's security code is.
func looksCode(v string) bool { return (len(v) == 3 || len(v) == 4) && digits(v) == len(v) }

// looksBarePhone is ten digits, or eleven after a 1, that pass the NANP
// rules (phone.Valid).
func looksBarePhone(v string) bool {
	return (len(v) == 10 || len(v) == 11 && v[0] == '1') && digits(v) == len(v) && phone.Valid([]byte(v))
}

// exchanges says whether most of a column's numbers differ in their area
// code and exchange (the first six of the last ten digits), as a
// population's phones do and a range of IDs does not.
func exchanges(vals []string) bool {
	seen := map[string]bool{}
	n := 0
	for _, v := range vals {
		if len(v) >= 10 {
			n++
			seen[v[len(v)-10:len(v)-4]] = true
		}
	}
	return n >= 2 && len(seen)*2 >= n
}

func looksState(v string) bool {
	if len(v) != 2 || strings.ToUpper(v) != v {
		return false
	}
	_, ok := gazetteer.StateByAbbr(v)
	return ok
}

// looksStateZIP is a state's abbreviation and a ZIP Code of that state
// in one value: "OH 45402", "OH, 45402-1187".
func looksStateZIP(v string) bool {
	if len(v) < 8 || !looksState(v[:2]) {
		return false
	}
	k := strings.LastIndexByte(v, ' ')
	if k < 2 || strings.Trim(v[2:k], ", ") != "" || !looksZIP(v[k+1:]) {
		return false
	}
	st, ok := gazetteer.StateForZIP(v[k+1 : k+6])
	return ok && st.Abbr == v[:2]
}

// zipsOfStates returns the share of column i's values that are ZIP Codes
// (five or nine digits, or 5-4) of the state in the state column beside
// them on the same row.
func zipsOfStates(vals []string, cols [][]string, state []bool, i int) float64 {
	st := i - 1
	if st < 0 || !state[st] {
		st = i + 1
	}
	n, yes := 0, 0
	for r, v := range vals {
		if v == "" {
			continue
		}
		n++
		if r >= len(cols[st]) || !(looksZIP(v) || len(v) == 9 && digits(v) == 9) {
			continue
		}
		f := strings.Fields(cols[st][r])
		if len(f) == 0 {
			continue
		}
		if s, ok := gazetteer.StateForZIP(v); ok && strings.EqualFold(s.Abbr, f[0]) {
			yes++
		}
	}
	if n < 2 {
		return 0
	}
	return float64(yes) / float64(n)
}

func looksZIP(v string) bool {
	return len(v) == 5 && digits(v) == 5 || len(v) == 10 && v[5] == '-' && digits(v) == 9
}

// looksStreet is a house number, words, and a USPS street suffix, or a
// PO box.
func looksStreet(v string) bool {
	f := strings.Fields(v)
	if len(f) >= 3 && strings.EqualFold(f[0], "po") && strings.EqualFold(f[1], "box") {
		return true
	}
	if len(f) < 3 || digits(f[0]) != len(f[0]) || len(f[0]) > 6 {
		return false
	}
	for _, w := range f[2:] {
		if _, ok := gazetteer.StreetSuffix(strings.Trim(w, ".,")); ok {
			return true
		}
	}
	return false
}

// looksPlace is a few words of letters: a city.
func looksPlace(v string) bool {
	f := strings.Fields(v)
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '.' || c == '-' || c == '\'' || c > 0x7f) {
			return false
		}
	}
	return true
}

func looksFullName(v string) bool {
	f := strings.Fields(v)
	if len(f) >= 2 && len(f) <= 4 && strings.HasSuffix(f[0], ",") {
		// "SMITH, JOHN A": surname first, as voter, donor and payroll
		// files write it.
		return gazetteer.IsSurname(strings.TrimSuffix(f[0], ",")) && gazetteer.IsGivenName(f[1])
	}
	return len(f) >= 2 && len(f) <= 4 && gazetteer.IsGivenName(f[0]) && gazetteer.IsSurname(f[len(f)-1])
}

// looksBirthDates says whether most values are dates whose median year
// is at least 16 years ago: transaction and due dates are recent.
func looksBirthDates(vals []string) bool {
	var years []int
	n := 0
	for _, v := range vals {
		if v == "" {
			continue
		}
		n++
		if y, ok := dateYear(v); ok {
			years = append(years, y)
		}
	}
	if n < 2 || float64(len(years)) < 0.8*float64(n) {
		return false
	}
	sort.Ints(years)
	return years[len(years)/2] <= time.Now().Year()-16 && years[0] >= 1900
}

// dateYear reads the year of 1980-05-17, 05/17/1980, 17.05.1980,
// 5-17-1980 or 19800517 (the compact date of mainframe records).
func dateYear(v string) (int, bool) {
	if len(v) == 8 && digits(v) == 8 {
		y, _ := strconv.Atoi(v[:4])
		m, _ := strconv.Atoi(v[4:6])
		d, _ := strconv.Atoi(v[6:])
		return y, y >= 1900 && y < 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return 0, false
	}
	for _, p := range parts {
		if p == "" || digits(p) != len(p) {
			return 0, false
		}
	}
	y := parts[2]
	if len(parts[0]) == 4 {
		y = parts[0]
	}
	if len(y) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(y)
	return n, err == nil
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
