// Package address recognises US postal addresses. In free text an address
// is a house number, street name words and a USPS street suffix (St, Ave,
// Blvd ... per Publication 28), an optional unit (Apt 4, # 23, Suite
// 200), and optionally ", City, ST 12345"; the ZIP must belong to the
// state for the highest confidence. In structured data each address
// column (street, unit, city, state, ZIP) is checked on its own.
package address

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan/detect/name"
)

// Keywords are words that introduce an address in free text.
var Keywords = []string{"address", "addr", "street", "residence", "mailing", "property", "located", "lives", "moved", "resides"}

var directions = map[string]bool{"N": true, "S": true, "E": true, "W": true, "NE": true, "NW": true, "SE": true, "SW": true,
	"North": true, "South": true, "East": true, "West": true, "NORTH": true, "SOUTH": true, "EAST": true, "WEST": true,
	"Northeast": true, "Northwest": true, "Southeast": true, "Southwest": true, "NORTHEAST": true, "NORTHWEST": true, "SOUTHEAST": true, "SOUTHWEST": true}

// view is b as a string without a copy, for lookups that do not keep
// it (text is not changed while an address is parsed).
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isAlpha(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// word returns the end of the word (letters, digits, apostrophes) at i.
func word(text []byte, i int) int {
	j := i
	for j < len(text) && (isAlpha(text[j]) || isDigit(text[j]) || text[j] == '\'') {
		j++
	}
	return j
}

func space(text []byte, i int) int {
	if i < len(text) && text[i] == ' ' {
		return i + 1
	}
	return -1
}

func boundary(text []byte, i int) bool {
	return i >= len(text) || !(isAlpha(text[i]) || isDigit(text[i]))
}

// Find parses an address whose house number starts at text[i]. It
// returns where the address ends, whether a city, state and ZIP were
// found, and the confidence; end is 0 when there is no address.
func Find(text []byte, i int) (end int, full bool, conf float64) { return find(text, i, false) }

// FindLower finds a whole address written in lower case, as people type
// them in chats and forms ("4421 cedar lane austin tx 78745"): only with
// its city, state and a ZIP Code that lies in that state, since lower-
// case words after a number are otherwise anything ("3 days ago").
func FindLower(text []byte, i int) (end int, conf float64) {
	if e, full, _ := find(text, i, true); full {
		return e, 0.9
	}
	return 0, 0
}

// find is Find; lower allows words in lower case, and then only a whole
// address whose ZIP Code lies in its state.
func find(text []byte, i int, lower bool) (end int, full bool, conf float64) {
	j := houseNumber(text, i)
	if j == 0 {
		return 0, false, 0
	}
	if !boundary(text, j) {
		return 0, false, 0
	}
	p := space(text, j)
	if p < 0 {
		if j+2 < len(text) && text[j] == ',' && text[j+1] == ' ' {
			// Canada Post's French form, a comma after the civic number:
			// "405, rue Sainte-Catherine Est, Montréal (Québec) H2L 2C4".
			if e := frenchStreet(text, j+2); e > 0 {
				return e, true, 0.85
			}
		}
		return 0, false, 0
	}
	p0 := p // the street's first word
	// France's form, with no country after it: "12 rue de la Paix,
	// 75002 Paris".
	if e := frenchStreet(text, p); e > 0 {
		return e, true, 0.85
	}
	// Street name words then a suffix.
	suffixAt, wordsEnd := -1, -1
	var suffix string
	roadFirst := false    // "Highway 61": taken only with its city and state
	prev, prevEnd := 0, 0 // the word before
	nw := 0
	for nw < 5 && p < len(text) {
		e := word(text, p)
		if e == p {
			break
		}
		for e+1 < len(text) && text[e] == '-' && isUpper(text[e+1]) && isUpper(text[p]) {
			e = word(text, e+1) // "Wilkes-Barre Blvd", "Avery-Conley Road"
		}
		w := view(text[p:e])
		capital := isUpper(w[0]) || isDigit(w[0]) && ordinal(w) || lower && isAlpha(w[0])
		if !capital && nw == 1 && e-p <= 3 && allDigits(w) && directions[view(text[prev:prevEnd])] {
			// New York's numbered streets: "586 W. 207 St."
			capital = true
		}
		if !capital && nw == 0 && e-p <= 2 && allDigits(w) && bytes.HasPrefix(text[e:], []byte(" Mile ")) {
			// Detroit's mile roads: "2229 18 Mile Road".
			capital = true
		}
		if !capital {
			break
		}
		prev, prevEnd = p, e
		wordsEnd = e
		if nw == 0 && numberedRoad(w) && e+1 < len(text) && text[e] == ' ' && isDigit(text[e+1]) {
			// The road's kind first, then its number: "100 Highway 61
			// South", "4410 Route 9".
			suffixAt, suffix, roadFirst = e, w, true
			break
		}
		if nw > 0 {
			if _, ok := gazetteer.StreetSuffix(w); ok {
				suffixAt, suffix = e, w
				if e < len(text) && text[e] == '.' {
					suffixAt = e + 1
				}
				// A suffix may also be a name word (Park, Grove): take the last.
				q := space(text, suffixAt)
				if q > 0 {
					e2 := word(text, q)
					if e2 > q {
						if _, ok2 := gazetteer.StreetSuffix(view(text[q:e2])); ok2 && (isUpper(text[q]) || lower) {
							nw++
							p = q
							continue
						}
					}
				}
				break
			}
		}
		nw++
		if e+1 < len(text) && text[e] == '.' && e-p <= 3 {
			e++ // an abbreviation: N. Main, Mt. Vernon
			if e-p == 2 && e+2 < len(text) && directions[view(text[e:e+1])] && text[e+1] == '.' && directions[view(text[p:p+1])] {
				e += 2 // N.W. 27th Ave
			}
		}
		q := space(text, e)
		if q < 0 {
			break
		}
		p = q
	}
	if suffixAt < 0 {
		// No suffix: "1600 Broadway, New York, NY 10019", "716 South
		// Landingville" over "Boise, ID 83702". Only a city, state
		// and ZIP Code after the words make them a street.
		if lower || wordsEnd < 0 {
			return 0, false, 0
		}
		if j-i == 4 && (text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') {
			p0 = wordsEnd // a year, not a house number: "In 2019 Jones Smith Boston, MA"
		}
		return unsuffixed(text, p0, wordsEnd)
	}
	end = suffixAt
	// A road's number: County Road 12, Route 9, Highway 61.
	if q := space(text, end); q > 0 && numberedRoad(suffix) {
		k := q
		for k < len(text) && isDigit(text[k]) && k-q < 5 {
			k++
		}
		if k > q && k-q <= 4 && boundary(text, k) {
			end = k
		}
	}
	// Post-directional.
	if q := space(text, end); q > 0 {
		e := word(text, q)
		if e > q && directions[view(text[q:e])] && boundary(text, e) {
			end = e
		}
	} else if end+2 < len(text) && text[end] == ',' && text[end+1] == ' ' {
		// Set off by commas, in full: "326 33RD AVE., EAST, SEATTLE".
		q := end + 2
		e := word(text, q)
		if e-q > 2 && directions[view(text[q:e])] && e < len(text) && text[e] == ',' {
			end = e
		}
	}
	end = units(text, end)
	if e := mailCode(text, end); e > 0 && !lower {
		// "1400 Smith Street, EB3848" over "Houston, Texas 77002": a
		// firm's building and room, or a mail stop, which is no USPS
		// unit; taken only when the city and state follow.
		if p, _ := cityState(text, e); p >= 0 {
			end = e
		}
	}
	// City, ST ZIP.
	if lower {
		if e := cityStateZIPLower(text, end); e > 0 {
			return e, true, 0.9
		}
		return 0, false, 0
	}
	p, st := cityState(text, end)
	if p < 0 && end+3 < len(text) && text[end] == ' ' && isDigit(text[end+1]) {
		// A suite's number with no designator, then the town: "235
		// Peachtree St NE 900, Atlanta, GA 30303"; taken only with the
		// whole last line.
		k := end + 1
		for k < len(text) && isDigit(text[k]) && k-end <= 5 {
			k++
		}
		if k < len(text) && text[k] == ',' {
			if q, qs := cityState(text, k); q >= 0 {
				if e := stateZIP(text, q, qs); e > 0 {
					return e, true, 0.95
				}
			}
		}
	}
	if p >= 0 {
		if e := stateZIP(text, p, st); e > 0 {
			return e, true, 0.95
		}
	}
	if e := cityPostcode(text, end); e > 0 {
		return e, true, 0.9
	}
	if e := cityZIP(text, end); e > 0 {
		return e, true, 0.85
	}
	if e := cityPIN(text, end); e > 0 {
		return e, true, 0.9
	}
	if p >= 0 {
		if e := stateEnds(text, p, st); e > 0 {
			return e, true, 0.85
		}
	}
	if end+4 < len(text) && string(text[end:end+4]) == " in " {
		// "lives at 88 Old Country Rd in Mineola, NY 11501".
		if p, st := cityState(text, end+3); p >= 0 {
			if e := stateZIP(text, p, st); e > 0 {
				return e, true, 0.95
			}
			if e := stateEnds(text, p, st); e > 0 {
				return e, true, 0.85
			}
		}
	}
	if roadFirst {
		return 0, false, 0 // "took 2 Highway 61 exits"
	}
	if a, _ := gazetteer.StreetSuffix(suffix); !commonSuffix[a] {
		// "502 Status Bad Gateway", "250 AUTH LOGIN PLAIN": a street
		// alone, with a suffix few streets have, is taken only with
		// its city and state.
		return 0, false, 0
	}
	return end, false, 0.65
}

// commonSuffix are the USPS standard abbreviations of the suffixes most
// streets have, which a street with no city after it must end with.
var commonSuffix = map[string]bool{
	"ST": true, "AVE": true, "RD": true, "DR": true, "LN": true, "CT": true, "BLVD": true, "WAY": true, "PL": true,
	"CIR": true, "TRL": true, "PKWY": true, "TER": true, "HWY": true, "LOOP": true, "RUN": true, "PT": true, "PATH": true,
	"CV": true, "SQ": true, "PIKE": true, "XING": true, "ROW": true, "ALY": true, "BND": true, "RDG": true, "HL": true,
	"HOLW": true, "VW": true, "CRES": true, "PASS": true, "LNDG": true, "GRV": true, "GLN": true, "MDW": true, "HTS": true,
	"KNL": true, "VLY": true, "TRCE": true, "CRK": true, "PARK": true, "WALK": true, "ESTS": true, "CYN": true, "EXPY": true,
	"FWY": true, "TPKE": true, "PLZ": true, "CSWY": true, "BR": true, "CTR": true, "CRST": true, "MNR": true,
	"OVAL": true, "ORCH": true, "SPUR": true, "TRAK": true, "BLF": true, "BRK": true, "CMN": true, "FRST": true, "IS": true,
	"LK": true, "MTN": true, "PNES": true, "PR": true, "SHR": true, "SMT": true, "STA": true, "TRWY": true, "WLS": true,
	"VIS": true, "GDNS": true, "HBR": true,
}

// units returns the end of the unit after a street that ends at end
// (", Apt 4B", " Suite 200"), or of a unit on a line of its own ("123
// Main St\nApt 4B\nCity, ST ZIP"), or end when there is none.
func units(text []byte, end int) int {
	for n := 0; n < 2; n++ {
		// A building and its suite: "Building 2, Suite 2A", "Bldg 7
		// Ste 400".
		q := space(text, end)
		if q < 0 && end < len(text) && text[end] == ',' {
			q = space(text, end+1)
		}
		if q < 0 && end < len(text) && text[end] == '#' {
			q = end // "GRANDIOSE WAY#100"
		}
		if q < 0 {
			break
		}
		e := unit(text, q)
		if e == 0 {
			break
		}
		end = e
	}
	if e := unitLine(text, end); e > 0 {
		end = e
	}
	return end
}

// mailCode returns the end of a firm's location code after a street
// ending at i, ", " then one to three capitals and two to six digits
// (EB3848, MS12), before a comma or a line break; or 0.
func mailCode(text []byte, i int) int {
	if i+5 >= len(text) || text[i] != ',' || text[i+1] != ' ' {
		return 0
	}
	p := i + 2
	q := p
	for q < len(text) && isUpper(text[q]) && q-p < 4 {
		q++
	}
	if q == p || q-p > 3 {
		return 0
	}
	d := q
	for d < len(text) && isDigit(text[d]) && d-q < 7 {
		d++
	}
	if d-q < 2 || d-q > 6 || d >= len(text) || text[d] != ',' && text[d] != '\n' && text[d] != '\r' {
		return 0
	}
	return d
}

// unsuffixed returns the end of a street with no suffix whose words run
// from st to end: a full address only, with a unit or none, then the
// city, state and ZIP Code. The city may begin among those words, with
// no comma before it ("2951 El Camino Real Palo Alto, CA 94306"): each
// word from the second on is tried as its first.
func unsuffixed(text []byte, st, end int) (int, bool, float64) {
	if e, ok := unsuffixedAt(text, units(text, end)); ok {
		return e, true, 0.85
	}
	for k := st + 1; k < end; k++ {
		if text[k] == ' ' && text[k-1] != ',' {
			if e, ok := unsuffixedAt(text, k); ok {
				return e, true, 0.85
			}
		}
	}
	return 0, false, 0
}

// unsuffixedAt reads the city, state and ZIP Code at i, the ZIP Code in
// that state.
func unsuffixedAt(text []byte, i int) (int, bool) {
	if p, st := cityState(text, i); p >= 0 {
		if e := stateZIP(text, p, st); e > 0 && zipInState(text[space(text, p):e], st) {
			return e, true
		}
	}
	return 0, false
}

// zipInState reports whether a postal code, as stateZIP reads one, lies
// in the state st, written as its abbreviation or its name. Canada's and
// Australia's codes (a letter first, four digits) are taken as they are.
func zipInState(code []byte, st string) bool {
	if len(code) < 5 || !isDigit(code[0]) {
		return true
	}
	state, ok := gazetteer.StateForZIP(view(code[:5]))
	if !ok {
		return false
	}
	if named, ok := gazetteer.StateByAbbr(st); ok {
		return named.Abbr == state.Abbr
	}
	return strings.EqualFold(st, state.Name)
}

// namedStateCode reports whether text[p:e], or it and the word after it,
// name a state or province ("Illinois", "North Carolina", "ONTARIO") and
// a ZIP or postal code follows: the state after its town with no comma
// between them.
func namedStateCode(text []byte, p, e int) bool {
	code := func(k int) bool {
		return k+6 <= len(text) && text[k] == ' ' && (isDigit(text[k+1]) && isDigit(text[k+5]) || k+8 <= len(text) && gazetteer.CanadianPostalCode(view(text[k+1:k+8])))
	}
	if code(e) {
		return namedState(view(text[p:e]))
	}
	if q := space(text, e); q > 0 {
		if e2 := word(text, q); e2 > q && isUpper(text[q]) && code(e2) {
			return namedState(view(text[p:e2]))
		}
	}
	return false
}

// mixedState reports whether text[p:e] is a state's abbreviation in
// mixed case ("Tx", as people type it) followed by a ZIP Code of that
// state: only the ZIP Code tells it from a word ("Me", "Or", "In").
func mixedState(text []byte, p, e int) bool {
	if e-p != 2 || !isUpper(text[p]) || text[p+1] < 'a' || text[p+1] > 'z' || e+6 > len(text) || text[e] != ' ' || !boundary(text, e+6) {
		return false
	}
	for _, c := range text[e+1 : e+6] {
		if !isDigit(c) {
			return false
		}
	}
	ab := string([]byte{text[p], text[p+1] - 32})
	_, ok := gazetteer.StateByAbbr(ab)
	return ok && zipInState(text[e+1:e+6], ab)
}

// houseNumber returns the end of the house number at text[i], or 0: one
// to six digits, with a letter glued to them (221B), a half (123 1/2
// Main St), or a hyphen and the lot's number as Queens writes them
// (123-45 Queens Blvd); or a Wisconsin grid address's, a direction and
// digits twice (N6W23880 Bluemound Rd, W156N8480 Pilgrim Rd).
func houseNumber(text []byte, i int) int {
	j := i
	if j < len(text) && grid[text[j]] {
		j++
		k := j
		for k < len(text) && isDigit(text[k]) && k-j < 4 {
			k++
		}
		ns := func(c byte) bool { return c == 'N' || c == 'S' }
		if k == j || k >= len(text) || !grid[text[k]] || ns(text[k]) == ns(text[i]) {
			return 0 // no direction of the other axis: N6S…, NE5…
		}
		j = k + 1
		k = j
		for k < len(text) && isDigit(text[k]) && k-j < 6 {
			k++
		}
		if k == j || k-j > 5 || !boundary(text, k) {
			return 0
		}
		return k
	}
	for j < len(text) && isDigit(text[j]) && j-i < 7 {
		j++
	}
	if j == i || j-i > 6 {
		return 0
	}
	switch {
	case j+1 < len(text) && isUpper(text[j]) && text[j+1] == ' ':
		j++ // A letter glued to the house number: 221B, 12A.
	case j+2 < len(text) && text[j] == '-' && isUpper(text[j+1]) && text[j+2] == ' ':
		j += 2 // 35-B
	case j+4 < len(text) && text[j] == ' ' && string(text[j+1:j+4]) == "1/2" && text[j+4] == ' ':
		j += 4
	case j+3 < len(text) && text[j] == '-' && j-i <= 4 && isDigit(text[j+1]):
		// Queens' lot (123-45 Queens Blvd), or Canada's suite and civic
		// number (202-121 14th Street NW); not a local telephone number.
		k := j + 1
		for k < len(text) && isDigit(text[k]) && k-j <= 5 {
			k++
		}
		if n := k - j - 1; (n <= 3 && j-i <= 3 || n <= 5 && !(j-i == 3 && n == 4)) && k < len(text) && text[k] == ' ' {
			j = k
		}
	}
	if !boundary(text, j) {
		return 0
	}
	return j
}

// grid holds the directions a Wisconsin grid address's number is made of.
var grid = [256]bool{'N': true, 'S': true, 'E': true, 'W': true}

// GridLetter reports whether c can start a Wisconsin grid address's
// house number (N, S, E, W): a cheap test before Find is called there.
func GridLetter(c byte) bool { return grid[c] }

// frenchStreet returns the end of the rest of a French address after its
// house number, from text[p]: a street type (rue, avenue, boulevard,
// place, allée, chemin, quai, impasse, cours), the street's name of one
// to six words, capitalised or small words of names (de la, du, l'),
// then ", ", a five-digit postcode and a town of one to three
// capitalised words. It returns 0 if there is none: a US address ("12
// Place Street, Denver, CO") has no postcode before its town.
func frenchStreet(text []byte, p int) int {
	e := FrenchType(text, p)
	if e == 0 {
		return 0
	}
	if e < len(text) && text[e] == '.' {
		e++ // av., bd.
	}
	// The name: words up to the comma.
	words, last := 0, 0
	for words < 7 {
		q := space(text, e)
		if q < 0 {
			break
		}
		k := q
		for k < len(text) && (isAlpha(text[k]) || text[k] >= 0x80 || text[k] == '\'' || text[k] == '-') {
			k++
		}
		if k == q {
			break
		}
		w := text[q:k]
		if !(isUpper(w[0]) || w[0] >= 0xC3) && !streetParticle(w) && !bytes.HasPrefix(w, []byte("l'")) && !bytes.HasPrefix(w, []byte("d'")) {
			return 0
		}
		words++
		last, e = q, k
	}
	if words >= 2 && e+2 < len(text) && text[e] == ' ' && text[e+1] == '(' {
		// The town after the street with no comma, as a line joined to
		// the next: "58, rue Principale Ripon (Québec) J0V 1V0".
		return quebecTail(text, last)
	}
	if words > 0 && e+1 < len(text) && text[e] == '\n' {
		return quebecTail(text, e+1) // the town on the next line
	}
	if words == 0 || words > 6 || e+8 > len(text) || text[e] != ',' || text[e+1] != ' ' {
		return 0
	}
	if !isDigit(text[e+2]) {
		// Québec's form: "1234 rue Sherbrooke Ouest, Montréal (Québec)
		// H3A 1G1".
		return quebecTail(text, e+2)
	}
	z := e + 2
	for k := z; k < z+5; k++ {
		if !isDigit(text[k]) {
			return 0
		}
	}
	if !boundary(text, z+5) || z+6 >= len(text) || text[z+5] != ' ' || !(isUpper(text[z+6]) || text[z+6] >= 0xC3) {
		return 0
	}
	return townAt(text, z+6)
}

// quebecTail returns the end of the last line of an address in Québec
// from its town at text[p]: one to three capitalised words, the
// province ("QC", "Québec", "(Québec)") after a blank or a comma, and
// the postal code; or 0.
func quebecTail(text []byte, p int) int {
	for t := 0; t < 3 && p < len(text) && (isUpper(text[p]) || text[p] >= 0xC3); t++ {
		q := p
		for q < len(text) && (isAlpha(text[q]) || text[q] >= 0x80 || text[q] == '-' || text[q] == '\'') {
			q++
		}
		if q < len(text) && text[q] == ',' {
			q++
		}
		if q >= len(text) || text[q] != ' ' {
			return 0
		}
		p = q + 1
		for _, prov := range [...]string{"(Québec)", "(Quebec)", "Québec", "Quebec", "QC", "Qc"} {
			if !bytes.HasPrefix(text[p:], []byte(prov)) {
				continue
			}
			k := p + len(prov)
			if k < len(text) && text[k] == ',' {
				k++
			}
			k0 := k
			for k < len(text) && text[k] == ' ' && k-k0 < 2 {
				k++
			}
			if k == k0 {
				return 0
			}
			for _, n := range []int{7, 6} {
				if k+n <= len(text) && gazetteer.CanadianPostalCode(view(text[k:k+n])) && boundary(text, k+n) {
					return k + n
				}
			}
			return 0
		}
	}
	return 0
}

// townAt returns the end of a town's name after a postcode, from
// text[p]: one to three capitalised words (Saint-Denis, Boulogne-
// Billancourt, Den Haag), or 0.
func townAt(text []byte, p int) int {
	end := 0
	for t := 0; t < 3 && p < len(text) && (isUpper(text[p]) || text[p] >= 0xC3); t++ {
		q := p
		for q < len(text) && (isAlpha(text[q]) || text[q] >= 0x80 || text[q] == '-' || text[q] == '\'') {
			q++
		}
		end = q
		if q+1 < len(text) && text[q] == ' ' {
			p = q + 1
			// "Ciudad de México", "Aix-en-Provence"'s kin: a small
			// word of place names between capitalised ones.
			for _, w := range [...]string{"de ", "del ", "la ", "am ", "an ", "im ", "sur "} {
				if bytes.HasPrefix(text[p:], []byte(w)) && p+len(w) < len(text) && (isUpper(text[p+len(w)]) || text[p+len(w)] >= 0xC3) {
					p += len(w)
					break
				}
			}
			continue
		}
		break
	}
	return end
}

// FrenchType returns the end of a French street type at text[p], in
// any case (rue, Avenue, bd), or 0.
func FrenchType(text []byte, p int) int {
	if p+1 >= len(text) {
		return 0
	}
	// Their first two letters rule out most words unread.
	switch string([]byte{text[p] | 0x20, text[p+1] | 0x20}) {
	case "ru", "av", "bo", "bd", "pl", "al", "ch", "qu", "im", "co":
	default:
		return 0
	}
	e := p
	for e < len(text) && (isAlpha(text[e]) || text[e] >= 0x80) && e-p < 10 {
		e++
	}
	var b [10]byte
	w := text[p:e]
	if len(w) == 0 || len(w) > len(b) {
		return 0
	}
	for k, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	switch string(b[:len(w)]) {
	case "rue", "avenue", "av", "boulevard", "bd", "place", "allée", "allee", "chemin", "quai", "impasse", "cours":
		return e
	}
	return 0
}

// numberedRoad reports whether a street suffix is one that a number may
// follow: County Road 12, Route 9, Highway 61.
func numberedRoad(suffix string) bool {
	for _, s := range [...]string{"road", "rd", "route", "rte", "highway", "hwy"} {
		if strings.EqualFold(suffix, s) {
			return true
		}
	}
	return false
}

// stateEnds reports where an address with no ZIP Code ends whose city
// and state were parsed (cityState), the state st ending at e
// ("Burlington, Vermont."): a US state's, ending the sentence, the line
// or the clause; or 0.
func stateEnds(text []byte, e int, st string) int {
	if _, ok := gazetteer.StateByAbbr(st); !ok {
		named, ok := gazetteer.StateByName(st)
		if !ok {
			return 0
		}
		if text[e-1] == '.' && strings.EqualFold(named.Name, st) {
			e-- // "Burlington, Vermont.": the sentence's period, not Mass.'s
		}
	}
	if e >= len(text) {
		return e
	}
	switch c := text[e]; c {
	case ',', ';', ')', '\n', '\r':
		return e
	case '.':
		if e+1 == len(text) || text[e+1] == ' ' || text[e+1] == '\n' || text[e+1] == '\r' {
			return e
		}
	case ' ':
		if e+1 < len(text) && text[e+1] >= 'a' && text[e+1] <= 'z' {
			return e // "…, Austin, TX and then"
		}
	}
	return 0
}

// cityPostcode returns the end of a British address's last lines after a
// street ending at i: a town of one to three capitalised words, then a UK
// postcode, with a comma, a blank or a line break between the parts
// ("10 Downing Street, London SW1A 2AA", "…Street\nLondon\nSW1A 2AA"),
// or 0.
func cityPostcode(text []byte, i int) int {
	sep := func(p int) int {
		if p < len(text) && text[p] == ',' {
			p++
		}
		switch {
		case p < len(text) && text[p] == ' ':
			return p + 1
		case p < len(text) && text[p] == '\r' && p+1 < len(text) && text[p+1] == '\n':
			return p + 2
		case p < len(text) && text[p] == '\n':
			return p + 1
		}
		return -1
	}
	p := sep(i)
	for n := 0; p > 0 && n < 3; n++ {
		e := word(text, p)
		if e == p || !isUpper(text[p]) || isDigit(text[e-1]) {
			return 0
		}
		q := sep(e)
		if q < 0 {
			return 0
		}
		// A postcode of two parts, or one written without its blank.
		for _, k := range []int{8, 7, 6, 5} {
			if q+k <= len(text) && isAlpha(text[q+k-1]) && boundary(text, q+k) && gazetteer.UKPostcode(string(text[q:q+k])) {
				return q + k
			}
		}
		p = q
	}
	return 0
}

// cityPIN returns the end of an Indian address's last parts after a
// street ending at i: up to four parts of capitalised words apart by
// commas (a locality, the city), the last an Indian state or a city of
// India followed by its six-digit PIN code ("…, Churchgate, Mumbai,
// Maharashtra 400020", "…, Bengaluru - 560001", "…, Bengaluru 560001,
// Karnataka"), or 0.
func cityPIN(text []byte, i int) int {
	if i+2 >= len(text) || text[i] != ',' || text[i+1] != ' ' {
		return 0
	}
	p := i + 2
	for n := 0; n < 4; n++ {
		q := p
		for q < len(text) && isUpper(text[q]) {
			e := word(text, q)
			if e == q || e-p > 48 {
				return 0
			}
			q = e
			if q+1 < len(text) && text[q] == ' ' && (isUpper(text[q+1]) || q+4 < len(text) && string(text[q+1:q+5]) == "and ") {
				q++ // "Tamil Nadu", "Jammu and Kashmir"
				if text[q] == 'a' {
					q += 4
				}
				continue
			}
			break
		}
		if q == p {
			return 0
		}
		part := string(text[p:q])
		k := q
		for k < len(text) && k-q < 3 && (text[k] == ' ' || text[k] == '-' || text[k] == ',') {
			k++
		}
		e := k
		for e < len(text) && isDigit(text[e]) && e-k < 6 {
			e++
		}
		if e-k == 3 && e+4 <= len(text) && text[e] == ' ' && isDigit(text[e+1]) && isDigit(text[e+2]) && isDigit(text[e+3]) {
			e += 4 // "560 001"
		}
		if k > q && gazetteer.IndianPIN(string(text[k:e])) && (e == len(text) || !isDigit(text[e])) {
			state := gazetteer.IndianState(part)
			if c, ok := gazetteer.CityCountry(part); !state && (!ok || c != "IN") {
				return 0
			}
			if !state && e+2 < len(text) && text[e] == ',' && text[e+1] == ' ' {
				// "Bengaluru 560001, Karnataka": the state after.
				f := e + 2
				for f < len(text) && (isAlpha(text[f]) || text[f] == ' ' && f+1 < len(text) && isUpper(text[f+1])) {
					f++
				}
				if gazetteer.IndianState(string(text[e+2 : f])) {
					return f
				}
			}
			return e
		}
		if q+2 >= len(text) || text[q] != ',' || text[q+1] != ' ' {
			return 0
		}
		p = q + 2
	}
	return 0
}

// cityZIP returns the end of a town and a ZIP Code with no state between
// them after a street ending at i ("1603 Orrington Ave, Evanston 60201"),
// as people write an address to someone who knows the state: a comma,
// one to three capitalised words not all of them ordinary words, a blank
// and a ZIP Code in use, or 0.
// The ZIP Code says the state.
func cityZIP(text []byte, i int) int {
	if i+2 >= len(text) || text[i] != ',' || text[i+1] != ' ' {
		return 0
	}
	p := i + 2
	words := false // a word of the town is no ordinary word ("Order 12345" is none)
	for n := 0; n < 3; n++ {
		e := word(text, p)
		if e == p || !isUpper(text[p]) || e >= len(text) || text[e] != ' ' {
			return 0
		}
		words = words || !name.Ordinary(text[p:e])
		p = e + 1
		if p < len(text) && isDigit(text[p]) {
			if !words {
				return 0
			}
			z := p
			for z < len(text) && isDigit(text[z]) {
				z++
			}
			if z-p != 5 || !boundary(text, z) {
				return 0
			}
			if _, ok := gazetteer.StateForZIP(view(text[p:z])); !ok {
				return 0
			}
			if z+5 < len(text) && text[z] == '-' && isDigit(text[z+1]) {
				k := z + 1
				for k < len(text) && isDigit(text[k]) {
					k++
				}
				if k-z == 5 && boundary(text, k) {
					z = k // ZIP+4
				}
			}
			return z
		}
	}
	return 0
}

// commaSpace returns where the next part starts after a blank at i, a
// comma before it or not, or 0 when there is no blank.
func commaSpace(text []byte, i int) int {
	if i < len(text) && text[i] == ',' {
		i++
	}
	if i >= len(text) || text[i] != ' ' {
		return 0
	}
	return i + 1
}

// cityStateZIPLower is cityStateZIP in lower case: a city of one to three
// words, a comma or not, a state's abbreviation or name, and a ZIP Code
// of that state.
func cityStateZIPLower(text []byte, i int) int {
	p := commaSpace(text, i)
	if p == 0 {
		return 0
	}
	// The ZIP Code ends the address within the next few words; what is
	// before it is the city and the state.
	words := [6][2]int{}
	n := 0
	for n < len(words) && p < len(text) {
		e := word(text, p)
		if e == p {
			return 0
		}
		words[n] = [2]int{p, e}
		n++
		if e-p >= 5 && isDigit(text[p]) {
			break
		}
		if e < len(text) && text[e] == ',' {
			e++
		}
		if e >= len(text) || text[e] != ' ' {
			return 0
		}
		p = e + 1
	}
	if n < 3 {
		return 0
	}
	zw := words[n-1]
	z := zw[0]
	for z < zw[1] && isDigit(text[z]) {
		z++
	}
	if z-zw[0] != 5 || z != zw[1] {
		return 0
	}
	end := zw[1]
	if end+5 <= len(text) && text[end] == '-' && isDigit(text[end+1]) && isDigit(text[end+2]) && isDigit(text[end+3]) && isDigit(text[end+4]) && boundary(text, end+5) {
		end += 5 // ZIP+4
	}
	st, ok := gazetteer.StateForZIP(string(text[zw[0] : zw[0]+5]))
	if !ok {
		return 0
	}
	// The state: the last word before the ZIP Code, or the last two.
	for k := 1; k <= 2 && n-1-k >= 1; k++ {
		sw := string(text[words[n-1-k][0]:words[n-2][1]])
		if strings.EqualFold(sw, st.Abbr) || strings.EqualFold(sw, st.Name) {
			return end
		}
	}
	return 0
}

// unitLine returns the end of a unit ("Apt 4B", "Suite 200", "# 12")
// that is the whole of the line after the street line ending at i, or 0.
func unitLine(text []byte, i int) int {
	p := i
	if p < len(text) && text[p] == ',' {
		p++ // "225 E. John Carpenter Freeway, \nSuite 1500, Irving"
	}
	for p < len(text) && text[p] == ' ' && p-i < 3 {
		p++
	}
	if p < len(text) && text[p] == '\r' {
		p++
	}
	if p >= len(text) || text[p] != '\n' {
		return 0
	}
	p++
	for k := 0; k < 40 && p < len(text) && (text[p] == ' ' || text[p] == '\t'); k++ {
		p++
	}
	e := unit(text, p)
	if e == 0 || e < len(text) && text[e] != '\n' && text[e] != '\r' && text[e] != ',' {
		return 0
	}
	return e
}

// FindRoute is FindPOBox for the rural and highway contract routes'
// boxes: "RR 2 Box 152", "RR2 Box 152", "HC 61 Box 20", "Rural Route 2
// Box 152", in capitals as USPS writes them, with the city, state and ZIP
// Code after (full) or without.
func FindRoute(text []byte, i int) (end int, full bool, conf float64) {
	if i > 0 && (isAlpha(text[i-1]) || isDigit(text[i-1])) {
		return 0, false, 0
	}
	p := i
	switch {
	case p+12 <= len(text) && bytes.EqualFold(text[p:p+12], []byte("RURAL ROUTE ")):
		p += 12
	case p+2 < len(text) && (text[p] == 'R' && text[p+1] == 'R' || text[p] == 'H' && text[p+1] == 'C'):
		p += 2
		if text[p] == ' ' {
			p++
		}
	default:
		return 0, false, 0
	}
	q := p
	for p < len(text) && isDigit(text[p]) && p-q < 4 {
		p++
	}
	if p == q || p+5 > len(text) || text[p] != ' ' || !bytes.EqualFold(text[p+1:p+5], []byte("BOX ")) {
		return 0, false, 0
	}
	p += 5
	q = p
	for p < len(text) && isDigit(text[p]) && p-q < 6 {
		p++
	}
	if p == q || !boundary(text, p) {
		return 0, false, 0
	}
	if e := cityStateZIP(text, p); e > 0 {
		return e, true, 0.95
	}
	return p, false, 0.7
}

// FindPOBox parses a post-office box address starting at text[i]:
// "PO Box 1234", "P.O. Box 1234" or "P. O. BOX 1234", with the city,
// state and ZIP when they follow. It returns the end, whether the city,
// state and ZIP were found, and the confidence; end is 0 when there is
// none.
func FindPOBox(text []byte, i int) (end int, full bool, conf float64) {
	if i > 0 && (isAlpha(text[i-1]) || isDigit(text[i-1])) {
		return 0, false, 0
	}
	p := i
	expect := func(c byte) bool {
		if p < len(text) && (text[p] == c || text[p] == c+32) {
			p++
			return true
		}
		return false
	}
	skip := func(c byte) {
		if p < len(text) && text[p] == c {
			p++
		}
	}
	if p+15 < len(text) && strings.EqualFold(view(text[p:p+15]), "post office box") {
		p += 15 // "POST OFFICE BOX 129"
	} else {
		if !expect('P') {
			return 0, false, 0
		}
		skip('.')
		skip(' ')
		if !expect('O') {
			return 0, false, 0
		}
		skip('.')
		if p < len(text) && text[p] == ' ' {
			p++
		} else if p >= len(text) || text[p]|0x20 != 'b' {
			return 0, false, 0 // "P.O.BOX 167", "POBox 129" run together
		}
		if !expect('B') || !expect('O') || !expect('X') {
			return 0, false, 0
		}
	}
	if p = boxNumber(text, p); p < 0 {
		return 0, false, 0
	}
	if e := cityStateZIP(text, p); e > 0 {
		return e, true, 0.95
	}
	if e := cityStateZIPLower(text, p); e > 0 {
		return e, true, 0.9 // "po box 88, austin tx 78701", as typed in a chat
	}
	return p, false, 0.7
}

// boxNumber returns the end of a box's number after the word "Box" that
// ends at p (" 129", " # A3656", " #88"), or -1.
func boxNumber(text []byte, p int) int {
	if p >= len(text) || text[p] != ' ' {
		return -1
	}
	p++
	if p+1 < len(text) && text[p] == '#' {
		p++ // "PO Box # A3656", "PO Box #88"
		if text[p] == ' ' {
			p++
		}
	}
	q := p
	digits := 0
	for p < len(text) && (isDigit(text[p]) || isAlpha(text[p]) || text[p] == '-') && p-q < 10 {
		if isDigit(text[p]) {
			digits++
		}
		p++
	}
	if p == q || !(isDigit(text[q]) || isUpper(text[q]) && p-q >= 3 && digits >= 2) || !boundary(text, p) {
		return -1
	}
	return p
}

// FindBox parses a box without "PO" at text[i], "Box 63, Cordova, AK
// 99574", as rural mail is addressed where the post office holds it: only
// with its town, state and a ZIP Code after it. It returns the end, or 0.
func FindBox(text []byte, i int) int {
	if i > 0 && (isAlpha(text[i-1]) || isDigit(text[i-1])) || i+3 > len(text) || !bytes.EqualFold(text[i:i+3], []byte("box")) || text[i] != 'B' {
		return 0
	}
	p := boxNumber(text, i+3)
	if p < 0 {
		return 0
	}
	q, st := cityState(text, p)
	if q < 0 {
		return 0
	}
	e := stateZIP(text, q, st)
	k := e
	for k > q && (isDigit(text[k-1]) || text[k-1] == '-') {
		k--
	}
	if e == 0 || e-k < 5 || !zipInState(text[k:k+5], st) {
		return 0 // the code must lie in the state: a box alone says little
	}
	return e
}

func ordinal(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	s := strings.ToLower(w[n-2:])
	return (s == "st" || s == "nd" || s == "rd" || s == "th") && isDigit(w[n-3])
}

// floorWords are the ordinal words a floor is written with ("Fifth
// Floor").
var floorWords = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true, "eleventh": true, "twelfth": true, "ground": true, "top": true}

// floorAfter returns the end of a floor written before its designator,
// the word text[q:e] an ordinal ("Fifth Floor", "2nd Fl."), or 0.
func floorAfter(text []byte, q, e int) int {
	p := space(text, e)
	if p < 0 || p+1 >= len(text) || text[p] != 'F' {
		return 0
	}
	f := word(text, p)
	switch view(text[p:f]) {
	case "Floor", "FLOOR", "Fl", "FL", "Flr", "FLR":
	default:
		return 0
	}
	if w := view(text[q:e]); !ordinal(w) && !(isUpper(w[0]) && floorWords[strings.ToLower(w)]) {
		return 0
	}
	if f < len(text) && text[f] == '.' {
		f++
	}
	return f
}

// unit parses "Apt 4B", "# 23", "#23", "Unit 191", "Suite 200" at q.
func unit(text []byte, q int) int {
	if q >= len(text) {
		return 0 // "... Ct " at the very end of the text
	}
	var e int
	small := false // "apt 222", as people type it: only with a number
	if text[q] == '#' {
		e = q + 1
	} else {
		e = word(text, q)
		if e == q {
			return 0
		}
		if f := floorAfter(text, q, e); f > 0 {
			return f // "Fifth Floor", "2nd Fl"
		}
		if _, ok := gazetteer.UnitDesignator(view(text[q:e])); !ok && !unitAlias(view(text[q:e])) {
			return 0
		}
		small = !isUpper(text[q])
		if e < len(text) && text[e] == '.' {
			e++
		}
		if e+1 < len(text) && text[e] == ' ' && text[e+1] == '#' {
			e++ // "Suite #205"
		}
		if e < len(text) && text[e] == '#' {
			e++
		}
	}
	if e < len(text) && text[e] == ' ' {
		e++
	}
	v := word(text, e)
	if v == e || v-e > 8 {
		return 0
	}
	hasDigit := false
	for _, c := range text[e:v] {
		hasDigit = hasDigit || isDigit(c)
	}
	if !hasDigit && (v-e > 2 || small) {
		return 0
	}
	if hasDigit && v+3 < len(text) && text[v] == ' ' && grid[text[v+1]] && text[v+2] == ',' && text[v+3] == ' ' {
		v += 2 // the unit's wing: "STE 130 S, Melville"
	}
	return v
}

// unitAlias reports the designators forms and letters use besides
// Publication 28's: FLR for a floor, PMB for a private mailbox at a
// commercial mail receiving agency (which Publication 28 names in its
// own section).
func unitAlias(w string) bool {
	switch w {
	case "FLR", "Flr", "PMB", "Pmb":
		return true
	}
	return false
}

// cityStateZIP parses ", City, ST 12345" or " City, ST 12345-6789" at i
// and returns its end, or 0.
func cityStateZIP(text []byte, i int) int {
	p, st := cityState(text, i)
	if p < 0 {
		return 0
	}
	return stateZIP(text, p, st)
}

// cityState parses ", City, ST" or " City, State Name" at i: the city of
// one to four capitalised words, then a state or province, by its
// abbreviation or its name of one or two words (North Carolina). It
// returns the state's end and the state as written, or -1.
func cityState(text []byte, i int) (int, string) {
	p := i
	if p+3 < len(text) && text[p] == ' ' && text[p+1] == '-' && text[p+2] == ' ' && isUpper(text[p+3]) {
		p += 2 // "2590 Elm Road NE - Warren, OH 44483"
	}
	if p < len(text) && text[p] == ',' {
		p++
	}
	switch {
	case p < len(text) && text[p] == ' ':
		p++
	case p < len(text) && (text[p] == '\n' || text[p] == '\r'):
		// An address block: the city line follows the street line.
		p++
		if p < len(text) && text[p] == '\n' {
			p++
		}
		for k := 0; k < 40 && p < len(text) && (text[p] == ' ' || text[p] == '\t'); k++ {
			p++ // the city line may be indented under the street
		}
		p = skipLocalityLabel(text, p)
	default:
		return -1, ""
	}
	// City: 1-3 capitalised words.
	n := 0
	for n < 4 {
		e := townWord(text, p)
		if e == p {
			return -1, ""
		}
		n++
		p = e
		for p+1 < len(text) && text[p] == '-' && isUpper(text[p+1]) {
			p = townWord(text, p+1) // "Winston-Salem", "Wilkes-Barre"
		}
		if p == e && e-2 >= 0 && p+2 < len(text) && text[p] == '.' && text[p+1] == ' ' && isUpper(text[p+2]) && townAbbrev(text[e-2:e]) && (e-2 == 0 || !isAlpha(text[e-3])) {
			p++ // "St. Louis", "Mt. Pleasant", "Ft. Worth"
		}
		if q := townParticle(text, p); q > p {
			p = q // "Isle of Palms", "Coeur d'Alene"
			continue
		}
		if p+1 < len(text) && text[p] == ' ' && text[p+1] == ',' {
			p++ // "Charlotte , North Carolina"
		}
		if p < len(text) && text[p] == ',' {
			p++
			break
		}
		if p+1 < len(text) && text[p] == ' ' && isUpper(text[p+1]) {
			// Maybe the state follows without a comma: before its ZIP
			// Code, or ending the line ("Vineland NJ").
			e2 := word(text, p+1)
			if mixedState(text, p+1, e2) || e2-p-1 > 3 && namedStateCode(text, p+1, e2) {
				break // "Austin Tx 78755", "Springfield Illinois 62704"
			}
			if (e2-p-1 == 2 || e2-p-1 == 3) && isState(view(text[p+1:e2])) && (e2+2 < len(text) && text[e2] == ',' && text[e2+1] == ' ' && isDigit(text[e2+2]) || // "Dayton OH, 45402"
				e2 < len(text) && text[e2] == ' ' && e2+1 < len(text) && (isDigit(text[e2+1]) || e2+3 < len(text) && text[e2+1] == '-' && text[e2+2] == ' ' && isDigit(text[e2+3]) || e2+8 <= len(text) && isUpper(text[e2+1]) && gazetteer.CanadianPostalCode(view(text[e2+1:e2+8]))) ||
				e2-p-1 == 2 && isUpper(text[p+2]) && (e2 == len(text) || text[e2] == '\n' || text[e2] == '\r')) {
				break
			}
			p++
			continue
		}
		if p+4 < len(text) && text[p] == '\n' && isUpper(text[p+1]) && isUpper(text[p+2]) && text[p+3] == ' ' && isDigit(text[p+4]) && isState(view(text[p+1:p+3])) {
			break // the state and ZIP Code on a line of their own: "PORT WASHINGTON\nNY 11050"
		}
		return -1, ""
	}
	if p+3 < len(text) && text[p-1] == ',' && isUpper(text[p]) && isUpper(text[p+1]) && text[p+2] == ' ' && isDigit(text[p+3]) && isState(view(text[p:p+2])) {
		return p + 2, view(text[p : p+2]) // "LAKE MARY,FL 32746"
	}
	if p < len(text) && text[p] == '\n' {
		p++
	} else if p = space(text, p); p < 0 {
		return -1, ""
	}
	e := word(text, p)
	st := view(text[p:e])
	if !isState(st) && !mixedState(text, p, e) {
		// A state's name of two words: North Carolina, New York.
		q := space(text, e)
		if q < 0 || e-p < 3 {
			return -1, ""
		}
		e2 := word(text, q)
		if e2 == q || !isUpper(text[q]) || !namedState(view(text[p:e2])) {
			return -1, ""
		}
		e, st = e2, view(text[p:e2])
	}
	if e < len(text) && text[e] == '.' && e-p > 2 {
		e++ // the Associated Press's "Boston, Mass. 02134"
	}
	return e, st
}

// skipLocalityLabel returns where the line after the one at p starts
// when the line at p is a form's label for the last line of an address
// ("City, state, and ZIP code" on a W-9, "City or town, state, and ZIP
// code" on a W-4) between the street and the town, as a flattened form's
// text has it; otherwise p.
func skipLocalityLabel(text []byte, p int) int {
	if p >= len(text) || text[p] != 'C' && text[p] != 'c' {
		return p
	}
	e := bytes.IndexByte(text[p:], '\n')
	if e < 0 || e > 48 {
		return p
	}
	zip := false
	for _, w := range bytes.FieldsFunc(text[p:p+e], func(r rune) bool { return r == ' ' || r == ',' || r == '\r' || r == '\t' }) {
		switch strings.ToLower(string(w)) {
		case "zip", "postal":
			zip = true
		case "city", "town", "state", "province", "code", "or", "and", "&":
		default:
			return p
		}
	}
	if !zip {
		return p
	}
	return p + e + 1
}

// townWord returns the end of a town's word at p, which starts with a
// capital: letters, digits and apostrophes, and letters beyond ASCII
// ("Española", "Cañon City"). It returns p when there is none.
func townWord(text []byte, p int) int {
	if p >= len(text) {
		return p
	}
	if text[p] < utf8.RuneSelf {
		if !isUpper(text[p]) {
			return p
		}
	} else if r, _ := utf8.DecodeRune(text[p:]); !unicode.IsUpper(r) {
		return p
	}
	e := p
	for e < len(text) {
		if c := text[e]; c < utf8.RuneSelf {
			if !isAlpha(c) && !isDigit(c) && c != '\'' {
				break
			}
			e++
			continue
		}
		r, n := utf8.DecodeRune(text[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += n
	}
	return e
}

// townAbbrev reports whether a town's word of two letters is the
// abbreviation of Saint, Mount, Fort or Point, before its period.
func townAbbrev(w []byte) bool {
	switch string(w) {
	case "St", "Mt", "Ft", "Pt", "ST", "MT", "FT", "PT":
		return true
	}
	return false
}

// townParticle returns the end of a small word inside a town's name
// after its word that ends at p ("Isle of Palms", "Town of Tonawanda",
// "Lake of the Woods", "Coeur d'Alene", "Bahia de la Luna"): a blank,
// the particles, a blank and a capital. It returns p when there is none.
func townParticle(text []byte, p int) int {
	q := p
	for k := 0; k < 2 && q+1 < len(text) && text[q] == ' '; k++ {
		e := q + 1
		if e+2 < len(text) && text[e] == 'd' && (text[e+1] == '\'' || text[e+1] == 0xE2) {
			// "d'Alene", d’Alene: the particle glued to the word.
			if text[e+1] == '\'' {
				e += 2
			} else if e+4 < len(text) && text[e+2] == 0x80 && text[e+3] == 0x99 {
				e += 4
			}
			if e < len(text) && isUpper(text[e]) {
				return e
			}
			return p
		}
		for e < len(text) && text[e] >= 'a' && text[e] <= 'z' {
			e++
		}
		switch string(text[q+1 : e]) {
		case "of", "the", "de", "del", "la", "las", "los", "le", "du", "on", "upon":
		default:
			return p
		}
		q = e
		if q+1 < len(text) && text[q] == ' ' && isUpper(text[q+1]) {
			return q + 1
		}
	}
	return p
}

// stateZIP parses the postal code after a state st that ends at e: a ZIP
// Code, a Canadian postal code after a province, an Australian postcode
// after a state. It returns the code's end, or 0.
func stateZIP(text []byte, e int, st string) int {
	if e+2 < len(text) && text[e] == ',' && text[e+1] == ' ' && (isDigit(text[e+2]) || isUpper(text[e+2]) && e+9 <= len(text) && gazetteer.CanadianPostalCode(view(text[e+2:e+9]))) {
		e++ // "Fort Washington, PA, 19034", "Ottawa, ON, K1V 6P4"
	} else if e+3 < len(text) && text[e] == ' ' && text[e+1] == '-' && text[e+2] == ' ' && isDigit(text[e+3]) {
		e += 2 // "Austin Tx - 78755"
	} else if k := country(text, e); k > 0 {
		e = k // "Ann Arbor, MI, US, 48108", "Irving, Texas, USA 75039"
	}
	p := space(text, e)
	if p < 0 {
		return 0
	}
	if p < len(text) && text[p] == ' ' {
		p++ // "Boston, MA  02110": two blanks, as forms and letters set it
	}
	if _, ok := gazetteer.Province(st); ok {
		// Canada: "Toronto, ON M5V 2T6".
		for _, n := range []int{7, 6} {
			if p+n <= len(text) && gazetteer.CanadianPostalCode(view(text[p:p+n])) && boundary(text, p+n) {
				return p + n
			}
		}
		return 0
	}
	z := p
	for z < len(text) && isDigit(text[z]) {
		z++
	}
	if z-p == 4 && boundary(text, z) {
		if _, ok := gazetteer.AustralianState(st); ok {
			return z // Australia: "Sydney NSW 2000"
		}
	}
	if z-p != 5 {
		return 0
	}
	if z+5 < len(text)+1 && z < len(text) && text[z] == '-' {
		k := z + 1
		for k < len(text) && isDigit(text[k]) {
			k++
		}
		if k-z-1 == 4 {
			z = k
		}
	}
	if !boundary(text, z) {
		return 0
	}
	return z
}

// country returns where the country written between a state and its ZIP
// Code ends (", US,", ", USA", " U.S.A."), a comma after it taken, or 0.
func country(text []byte, e int) int {
	p := commaSpace(text, e)
	if p == 0 || p >= len(text) || text[p] != 'U' {
		return 0
	}
	for _, c := range []string{"U.S.A.", "USA", "U.S.", "US"} {
		if k := p + len(c); k+1 < len(text) && string(text[p:k]) == c && !isAlpha(text[k]) {
			if text[k] == ',' {
				k++
			}
			if text[k] == ' ' && isDigit(text[k+1]) {
				return k
			}
		}
	}
	return 0
}

// ColumnLocality finds the last line of an address laid out in a column
// beside others, as statements and letters print it: the street at
// text[st:end] is followed on its line by a gutter of three blanks or
// more and another column's text, and the next line holds, under the
// street (within two places), a city, state and ZIP Code that lies in
// that state ("DAYTON OH 45402-1187"), ending the line or followed by a
// gutter. It returns the city line's bounds, or 0, 0.
func ColumnLocality(text []byte, st, end int) (int, int) {
	k := end
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k-end < 3 || k >= len(text) || text[k] == '\n' || text[k] == '\r' {
		return 0, 0
	}
	ls := st
	for ls > 0 && text[ls-1] != '\n' {
		ls--
	}
	col := st - ls
	nl := bytes.IndexByte(text[k:], '\n')
	if nl < 0 {
		return 0, 0
	}
	ls2 := k + nl + 1
	q := ls2
	for q < len(text) && text[q] == ' ' && q-ls2 <= col+2 {
		q++
	}
	if q >= len(text) || q-ls2 < col-2 || q-ls2 > col+2 || !isUpper(text[q]) {
		return 0, 0
	}
	e := q
	for e < len(text) && text[e] != '\n' && text[e] != '\r' && !(e+2 < len(text) && text[e] == ' ' && text[e+1] == ' ' && text[e+2] == ' ') {
		e++
	}
	if e-q > 64 || !ValidLocality(string(text[q:e])) {
		return 0, 0
	}
	return q, e
}

// ValidLocality reports whether a structured value is the last line of
// a US or Canadian address by itself, "Dayton, OH 45402" or "Toronto,
// ON M5V 2T6", as invoices and mailing lists split an address into
// lines ("Bill to 3"). A US ZIP Code must lie in the state named.
func ValidLocality(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 || !isDigit(s[len(s)-1]) || !isUpper(s[0]) {
		return false
	}
	var buf [72]byte
	b := append(append(buf[:0], ' '), s...)
	if cityStateZIP(b, 0) != len(b) {
		return false
	}
	// The state is the word before the code.
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) < 3 {
		return false
	}
	zip, st := f[len(f)-1], f[len(f)-2]
	if _, ok := gazetteer.Province(st); ok {
		return true // "ON M5V 2T6": the fields split the code
	}
	if _, ok := gazetteer.Province(f[len(f)-3]); ok {
		return true
	}
	state, ok := gazetteer.StateForZIP(zip)
	if !ok {
		return false
	}
	if named, ok := gazetteer.StateByAbbr(st); ok {
		return named.Abbr == state.Abbr
	}
	// A state written out ("Dayton, Ohio 45402"): its name ends the
	// words before the code.
	return strings.HasSuffix(strings.ToLower(strings.Join(f[:len(f)-1], " ")), strings.ToLower(state.Name))
}

// StateZIP reports whether a structured value is a state and a ZIP Code
// with no city ("OH 45402", "OH, 45402-1187", "Ohio 45402"), as a "State
// Zip" column holds them. Under such a header the code need not lie in
// the state: a mistyped one is still the person's. It returns where the
// state ends and where the code starts in s.
func StateZIP(s string) (stateEnd, zipStart int, ok bool) {
	k := strings.LastIndexByte(s, ' ')
	if k < 2 || len(s)-k-1 < 5 || !allDigits(s[k+1:k+6]) || !ValidZIP(s[k+1:]) {
		return 0, 0, false
	}
	e := k
	for e > 0 && (s[e-1] == ' ' || s[e-1] == ',') {
		e--
	}
	st := s[:e]
	if len(st) == 2 {
		return e, k + 1, isUpper(st[0]) && isState(st)
	}
	_, ok = gazetteer.StateByName(st)
	return e, k + 1, ok
}

func isState(s string) bool {
	if len(s) == 2 {
		if !isUpper(s[0]) || !isUpper(s[1]) {
			return false
		}
		if _, ok := gazetteer.StateByAbbr(s); ok {
			return true
		}
		_, ok := gazetteer.Province(s)
		return ok
	}
	if len(s) == 3 {
		// NSW, VIC, QLD, TAS, ACT in capitals; Prince Edward Island's PEI.
		if !isUpper(s[0]) || !isUpper(s[1]) || !isUpper(s[2]) {
			return false
		}
		_, ok := gazetteer.AustralianState(s)
		return ok || s == "PEI"
	}
	return namedState(s)
}

// ValidStreet reports whether a structured value looks like a street
// line: a house number (or PO Box) and at least one word.
func ValidStreet(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 4 || len(s) > 120 {
		return false
	}
	if hasPrefixFold(s, "PO BOX") || hasPrefixFold(s, "P.O. BOX") {
		return true
	}
	// A ship's name is the street line of an FPO address ("USNS Harris",
	// "USS Nimitz (CVN 68)").
	if s[0] == 'U' {
		for _, p := range []string{"USS ", "USNS ", "USCGC "} {
			if len(s) > len(p)+2 && strings.HasPrefix(s, p) && isUpper(s[len(p)]) {
				return true
			}
		}
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return numberAfter(s)
	}
	if i > 6 {
		return false
	}
	if i+1 < len(s) && isUpper(s[i]) && s[i+1] == ' ' {
		i++ // 221B
	}
	if i >= len(s) || s[i] != ' ' {
		return false
	}
	return strings.IndexFunc(s[i:], func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }) >= 0
}

// ValidHouseNumber reports whether a structured value is a house number
// by itself, as files that split an address keep it in a column of its
// own ("House Number", "street_number"): one to six digits, with a letter
// or two (221B), a half (123 1/2) or a second number after a hyphen
// (12-14).
func ValidHouseNumber(s string) bool {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 6 || s[0] == '0' && i > 1 {
		return false
	}
	rest := s[i:]
	switch {
	case rest == "", rest == " 1/2":
		return true
	case len(rest) <= 2 && strings.IndexFunc(rest, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') }) < 0:
		return true // 221B
	case len(rest) >= 2 && len(rest) <= 7 && rest[0] == '-' && allDigits(rest[1:]):
		return true // 12-14
	}
	return false
}

// ValidStreetName reports whether a structured value is the name of a
// street with no house number, as files that split an address keep it
// ("Cedar Lane", "wallaby place", "N 5th St"): one to six words of
// letters, ordinals (5th) or abbreviations, the last a street suffix
// (a direction may follow it); named says the column is "Street Name",
// whose values need no suffix ("Broadway").
func ValidStreetName(s string, named bool) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || len(s) > 60 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 6 {
		return false
	}
	letters := false
	for _, w := range words {
		w = strings.TrimRight(w, ".,")
		if w == "" {
			return false
		}
		if isDigit(w[0]) {
			if !ordinal(w) {
				return false
			}
			continue
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '\'' && r != '-' && r != '.' {
				return false
			}
		}
		letters = letters || len(w) >= 2
	}
	if !letters {
		return false
	}
	if named {
		return true
	}
	last := strings.TrimRight(words[len(words)-1], ".,")
	if directions[last] && len(words) >= 3 {
		last = strings.TrimRight(words[len(words)-2], ".,")
	}
	_, ok := gazetteer.StreetSuffix(last)
	return ok && len(words) >= 2
}

// numberAfter reports whether a street line has its house number after
// the street's name, as most of Europe writes it ("Hauptstraße 5", "Via
// Roma 12", "ul. Marszałkowska 10/12"): letters first, a word of three
// letters or more, then a blank and a number of at most six digits.
func numberAfter(s string) bool {
	d := strings.IndexAny(s, "0123456789")
	if d < 4 || s[d-1] != ' ' || isDigit(s[0]) || s[0] == ' ' {
		return false
	}
	n := d
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	if n-d > 6 {
		return false
	}
	letters := 0
	for _, r := range s[:d] {
		switch {
		case unicode.IsLetter(r):
			letters++
			if letters >= 3 {
				return true
			}
		default:
			letters = 0
		}
	}
	return false
}

// stateAbbr[a][b] is set when the letters a, b (0 for A) are the USPS
// abbreviation of a state or territory, as gazetteer.StateByAbbr finds
// them: a table for the state column of every row.
var stateAbbr = func() (t [26][26]bool) {
	for _, st := range gazetteer.States() {
		a, b := st.Abbr[0]|0x20, st.Abbr[1]|0x20
		t[a-'a'][b-'a'] = true
	}
	// The Armed Forces' "states" of APO, FPO and DPO addresses: Americas,
	// Europe, Pacific.
	t['a'-'a']['a'-'a'], t['a'-'a']['e'-'a'], t['a'-'a']['p'-'a'] = true, true, true
	return
}()

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// ValidFull reports whether a structured value is a whole address with
// city, state and ZIP, and returns its length.
func ValidFull(s string) bool {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "  ") {
		s = gazetteer.JoinedAddress(s)
	}
	s = withoutUS(s)
	// A whole address starts with the house number and ends with the
	// ZIP: most street-only values stop here, without a copy and a parse.
	if len(s) == 0 || !isDigit(s[len(s)-1]) {
		return false
	}
	var buf [128]byte // most addresses: no copy on the heap
	b := append(buf[:0], s...)
	if k := strings.LastIndex(s, "PR 00"); k > 0 {
		// Puerto Rico: "Urb. Las Lomas, Calle 5 #123, San Juan, PR 00921".
		if st, e := FindPuertoRico(b, k+3); st == 0 && e == len(b) {
			return true
		}
	}
	var e int
	var full bool
	switch c := s[0] | 0x20; {
	case isDigit(s[0]):
		e, full, _ = Find(b, 0)
	case c == 'p' && len(s) > 1 && (s[1]|0x20 == 'o' || s[1] == '.'):
		// "PO Box 4417, Tulsa, OK 74159", or an Armed Forces post
		// office's box, "PSC 1234, Box 5678, APO AE 09204".
		if e, full, _ = FindPOBox(b, 0); !full {
			e, full = FindMilitary(b, 0), true
		}
	case c == 'r' || c == 'h':
		e, full, _ = FindRoute(b, 0)
	case c == 'u' || c == 'c' || c == 'p':
		e, full = FindMilitary(b, 0), true
	}
	return full && e == len(b)
}

// withoutUS returns s without a last line or part that names the United
// States ("…, OH 43215, US", "…\nUSA"), as contact exports format a
// whole address.
func withoutUS(s string) string {
	// US, USA, United States (of America): every name ends in s or a.
	if len(s) == 0 || s[len(s)-1]|0x20 != 's' && s[len(s)-1]|0x20 != 'a' {
		return s
	}
	k := strings.LastIndexAny(s, ",\n")
	if k < 0 {
		return s
	}
	switch strings.ToUpper(strings.TrimSpace(strings.ReplaceAll(s[k+1:], ".", ""))) {
	case "US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA":
		return strings.TrimRight(s[:k], " \r\n,")
	}
	return s
}

// ValidUnit reports whether a structured value is a unit ("Apt 4", "#23").
func ValidUnit(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if len(s) <= 20 && unit([]byte(s), 0) == len(s) {
		return true
	}
	// "4B", "12-A", "#7": a unit's number alone; not a measure's unit
	// ("kg/m2", "mm[Hg]"), which a column named "unit" holds as often.
	digit := false
	for _, c := range []byte(s) {
		switch {
		case isDigit(c):
			digit = true
		case isAlpha(c) || c == '-' || c == '#' || c == ' ':
		default:
			return false
		}
	}
	return len(s) <= 6 && digit
}

// ValidCity reports whether a structured value looks like a city name.
func ValidCity(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlpha(c) || c == ' ' || c == '.' || c == '-' || c == '\'' || c >= 0x80) {
			return false
		}
	}
	return true
}

// ValidCityState reports whether a structured value is a city and its
// state written together without a ZIP Code ("Columbus, OH", "Dayton,
// Ohio"), as a "City/State" column holds them.
func ValidCityState(s string) bool {
	s = strings.TrimSpace(s)
	k := strings.LastIndexByte(s, ',')
	return k > 0 && ValidCity(s[:k]) && ValidState(s[k+1:])
}

// namedState reports whether s is a US state's name, or a Canadian
// province (ON, Québec: no abbreviation is a state's), an Australian
// state or territory (NSW, Victoria: only WA is) or a Mexican state by
// its name (Jalisco).
func namedState(s string) bool {
	if _, ok := gazetteer.StateByName(s); ok {
		return true
	}
	if _, ok := gazetteer.Province(s); ok {
		return true
	}
	if _, ok := gazetteer.AustralianState(s); ok {
		return true
	}
	return gazetteer.MexicanState(s)
}

// ValidState reports whether a structured value is a US state or
// territory, by USPS abbreviation or name.
func ValidState(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		a, b := s[0]|0x20, s[1]|0x20 // lower case, for letters
		if a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' && stateAbbr[a-'a'][b-'a'] {
			return true
		}
	}
	return namedState(s)
}

// ValidZIP reports whether a structured value is a ZIP code: five
// digits, ZIP+4 (12345-6789) or nine digits; or a Canadian postal code
// or a UK postcode.
func ValidZIP(s string) bool {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 3:
		// 00907 stored as a number: Puerto Rico's, the Virgin Islands'
		// and Holtsville's ZIP Codes lose two zeros.
		if !allDigits(s) {
			return false
		}
		_, ok := gazetteer.StateForZIP("00" + s)
		return ok
	case 4, 5, 9: // 4: a ZIP stored as a number lost its leading zero (02134)
		return allDigits(s)
	case 10:
		return s[5] == '-' && allDigits(s[:5]) && allDigits(s[6:])
	}
	return gazetteer.CanadianPostalCode(s) || gazetteer.UKPostcode(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
