package address

import (
	"bytes"
	"strings"

	"github.com/breachkit/breachkit/gazetteer"
)

// maxCountryWords is the most words a country's name takes ("United
// Kingdom", "Bosnia and Herzegovina").
const maxCountryWords = 4

// CountryAt reports whether a country other than the United States is
// named at text[i:], a capitalised word, and where its name ends.
func CountryAt(text []byte, i int) (end int, ok bool) {
	var buf [24]byte
	e := i
	for e < len(text) && (isAlpha(text[e]) || text[e] >= 0x80) {
		e++ // letters, accented ones too (Österreich, España)
	}
	if e-i < 2 || e-i > len(buf) {
		return 0, false
	}
	first := buf[:e-i]
	for k := i; k < e; k++ {
		buf[k-i] = text[k] | 0x20
	}
	if text[i] >= 0x80 || bytes.IndexFunc(text[i:e], func(r rune) bool { return r >= 0x80 }) >= 0 {
		first = []byte(strings.ToLower(string(text[i:e])))
	}
	if !gazetteer.CountryFirstWord(first) {
		return 0, false
	}
	// The longest run of words that names a country.
	ends := []int{e}
	for len(ends) < maxCountryWords {
		p := ends[len(ends)-1]
		if p+1 >= len(text) || text[p] != ' ' || !isAlpha(text[p+1]) {
			break
		}
		ends = append(ends, word(text, p+1))
	}
	for k := len(ends) - 1; k >= 0; k-- {
		if code, ok := gazetteer.CountryCode(string(text[i:ends[k]])); ok {
			if code == "US" {
				return 0, false
			}
			return ends[k], true
		}
	}
	return 0, false
}

// FindIntl finds an address outside the United States written on one
// line the way most of the world writes it, street, postcode and
// locality, then the country: "12 rue de la Paix, 75002 Paris, France",
// "Hauptstraße 5, 10115 Berlin, Germany", "10 Downing Street, London
// SW1A 2AA, United Kingdom". The country's name starts at text[c], right
// after ", ". It returns where the address starts: the street, which has
// a house number before or after its name.
func FindIntl(text []byte, c int) (start int, ok bool) {
	if c < 2 || text[c-2] != ',' || text[c-1] != ' ' {
		return 0, false
	}
	// The locality: a postcode (a word with digits) and a place name.
	locEnd := c - 2
	locStart := lineBack(text, locEnd, 48)
	if locStart == 0 || text[locStart-1] != ',' {
		return 0, false
	}
	loc := bytes.Fields(text[locStart:locEnd])
	codes, names := 0, 0
	for _, w := range loc {
		switch {
		case bytes.ContainsAny(w, "0123456789"):
			codes++
			if len(w) > 8 {
				return 0, false
			}
		case isUpper(w[0]) || w[0] >= 0xC0:
			names++
		}
	}
	if codes == 0 || codes > 2 || names == 0 || len(loc) > 5 {
		return 0, false
	}
	// The street: a number before its name (12 rue de la Paix) or after
	// it (Hauptstraße 5), in the run of words before the locality.
	stEnd := locStart - 1
	from := lineBack(text, stEnd, 80)
	var ws [][2]int
	for p := from; p < stEnd; {
		for p < stEnd && (text[p] == ' ' || text[p] == '\t') {
			p++
		}
		q := p
		for q < stEnd && text[q] != ' ' && text[q] != '\t' {
			q++
		}
		if q > p {
			ws = append(ws, [2]int{p, q})
		}
		p = q
	}
	num := -1
	for k, w := range ws {
		if isDigit(text[w[0]]) {
			num = k
			break
		}
	}
	if num < 0 || text[ws[num][1]-1] == ':' {
		return 0, false
	}
	if num < len(ws)-1 {
		// Number first: a name of letters must follow.
		if !isAlpha(text[ws[num+1][0]]) && text[ws[num+1][0]] < 0xC0 {
			return 0, false
		}
		return ws[num][0], true
	}
	// Number last: the name is the capitalised words before it, with
	// the small words of street names between them (Via della Spiga).
	k := num - 1
	first := -1
	for ; k >= 0 && num-k <= 4; k-- {
		w := text[ws[k][0]:ws[k][1]]
		if isUpper(w[0]) || w[0] >= 0xC0 {
			first = k
			continue
		}
		if !streetParticle(w) {
			break
		}
	}
	if first < 0 || ws[num][1]-ws[num][0] > 6 {
		return 0, false
	}
	return ws[first][0], true
}

// lineBack returns where the run of text ending at end starts: after the
// nearest comma, colon, semicolon, line break or sentence end before it,
// or limit bytes back when there is none that near.
func lineBack(text []byte, end, limit int) int {
	for p := end - 1; p >= 0 && end-p <= limit; p-- {
		switch text[p] {
		case ',', ':', ';', '\n', '\r', '(', '"':
			return p + 1
		case '.':
			if p+1 < len(text) && text[p+1] == ' ' && p > 1 && isAlpha(text[p-1]) && isAlpha(text[p-2]) {
				return p + 1
			}
		}
	}
	return max(0, end-limit)
}

// streetParticle reports whether w is one of the small words inside
// street names of Europe: "Via della Spiga", "Rue de la Paix", "Calle de
// Alcalá", "ul.".
func streetParticle(w []byte) bool {
	switch string(w) {
	case "de", "la", "le", "des", "du", "del", "della", "delle", "dei", "di", "da", "do", "dos", "das", "van", "von", "der", "den", "het", "ul.", "al.", "y", "e", "et":
		return true
	}
	return false
}

// FindNumberLast finds an address of continental Europe written with no
// country after it, whose house number is text[i:j] and comes after the
// street's name: a street word before the name (Via Roma 10, Calle
// Mayor 5, Rua Augusta 274) or a name ending in one (Hauptstraße 5,
// Mariahilfer Straße 12, Lindenweg 3), then ", ", a postcode of four or
// five digits (or Portugal's 1200-203, Poland's 00-624, Sweden's 111
// 51) and a town of one to three
// capitalised words ("…, 10115 Berlin"). It returns the address's start
// and end, or end 0.
func FindNumberLast(text []byte, i, j int) (start, end int) {
	if j-i > 4 || j+8 > len(text) || text[j] != ',' || text[j+1] != ' ' || i < 4 || text[i-1] != ' ' {
		return 0, 0
	}
	// The postcode and the town, after a Spanish floor and door if any
	// (Calle Mayor 15, 3º B, 28013 Madrid).
	z := j + 2
	if f := spanishFloor(text, z); f > 0 {
		z = f
	} else if c := colonia(text, z); c > 0 {
		z = c
	}
	e := z
	for e < len(text) && isDigit(text[e]) && e-z < 6 {
		e++
	}
	short := false // a postcode of four digits or more, or one of the shapes below
	switch {
	case (e-z == 4 || e-z == 2) && e+4 < len(text) && text[e] == '-' && isDigit(text[e+1]) && isDigit(text[e+2]) && isDigit(text[e+3]):
		e += 4 // Portugal's 1200-203, Poland's 00-624
		short = true
	case e-z == 3 && e+3 < len(text) && text[e] == ' ' && isDigit(text[e+1]) && isDigit(text[e+2]) && text[e+3] == ' ':
		e += 3 // Sweden's 111 51
		short = true
	}
	if !short && (e-z < 4 || e-z > 5) || e+1 >= len(text) || text[e] != ' ' || !(isUpper(text[e+1]) || text[e+1] >= 0xC3) {
		return 0, 0
	}
	if end = townAt(text, e+1); end == 0 {
		return 0, 0
	}
	// The street's words before the number: capitalised, or the small
	// words of names (Via della Spiga), one of them a street word.
	start = -1
	street := false
	k := i - 1 // the blank before the number
	if text[k-1] == ',' {
		k-- // Spain's comma before the number: Calle Mayor, 15
	}
	for w := 0; w < 5 && k > 0 && (text[k] == ' ' || w == 0 && text[k] == ','); w++ {
		if text[k] == ',' {
			k--
			if text[k] == ' ' {
				break
			}
			k++ // the word ends at the comma
		}
		b := k
		for b > 0 && (isAlpha(text[b-1]) || text[b-1] >= 0x80 || text[b-1] == '-' || text[b-1] == '\'' || text[b-1] == '.' || text[b-1] == '/') {
			b--
		}
		if b == k {
			break
		}
		word := text[b:k]
		switch {
		case isUpper(word[0]) || word[0] >= 0xC3:
			start = b
			street = street || streetFirstWord(word)
		case nordicStreet(word):
			street = true // "Karl Johans gate 22", "Strandvejen vej"
		case streetParticle(word):
			// Poland's "ul." (ulica) and "al." (aleja) name a street
			// and start it.
			if string(word) == "ul." || string(word) == "al." {
				street, start = true, b
			}
		default:
			w = 5 // a small word that is no particle: the street ends here
			continue
		}
		k = b - 1
	}
	if start < 0 || !street {
		return 0, 0
	}
	return start, end
}

// streetFirstWord reports whether w, capitalised, starts a street of
// continental Europe: a street word (Via, Calle, Rua, Piazza) or a name
// ending in one (Hauptstraße, Lindenweg, Kärntner Straße's Straße).
func streetFirstWord(w []byte) bool {
	var b [24]byte
	if len(w) > len(b) {
		return false
	}
	for k, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	l := string(b[:len(w)])
	switch l {
	case "via", "viale", "piazza", "corso", "calle", "avenida", "rua", "carrer", "plaza", "paseo", "largo", "travessa",
		"c/", "avda.", "avda", "av.", "pza.", "ctra.", "camino", "ronda", "travesía", "glorieta",
		// Belgium's, Switzerland's and Luxembourg's French streets put
		// the number last: Rue de la Loi 16, Avenue Louise 54.
		"rue", "avenue", "boulevard", "chaussée", "place", "quai", "chemin", "allée", "impasse", "route":
		return true
	}
	for _, s := range [...]string{"straße", "strasse", "gasse", "weg", "platz", "allee", "straat", "laan", "gracht", "plein",
		"gatan", "gata", "gate", "vägen", "väg", "veien", "vegen", "vej", "gade", "katu", "tie"} { // Scandinavia's and Finland's
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

// colonia returns where the postcode starts after a Mexican colonia (the
// district) at text[p] and the ", " after it ("Col. Roma Norte, 06700
// Ciudad de México"), or 0.
func colonia(text []byte, p int) int {
	var n int
	switch {
	case bytes.HasPrefix(text[p:], []byte("Col. ")):
		n = 5
	case bytes.HasPrefix(text[p:], []byte("Colonia ")):
		n = 8
	default:
		return 0
	}
	for q := p + n; q+2 < len(text) && q-p < 48 && text[q] != '\n'; q++ {
		if text[q] == ',' && text[q+1] == ' ' && isDigit(text[q+2]) {
			return q + 2
		}
	}
	return 0
}

// nordicStreet reports whether w, in small letters, is the street word
// Norway and Denmark write apart after the name: "Karl Johans gate 22",
// "Nørre Allé 7", "Kongens vei 3".
func nordicStreet(w []byte) bool {
	switch string(w) {
	case "gate", "gata", "vei", "veien", "vej", "gade", "allé", "plass", "torg", "vegen", "veg":
		return true
	}
	return false
}

// spanishFloor returns the end of a Spanish floor and door at text[p]
// and the ", " after them (3º B, 2.º izda., 1ºA, bajo), or 0. The
// ordinal signs º and ª are two bytes in UTF-8.
func spanishFloor(text []byte, p int) int {
	q := p
	for q < len(text) && isDigit(text[q]) && q-p < 2 {
		q++
	}
	if q == p {
		if q+4 < len(text) && (string(text[q:q+4]) == "bajo" || string(text[q:q+4]) == "Bajo") {
			q += 4
		} else {
			return 0
		}
	} else {
		if q < len(text) && text[q] == '.' {
			q++
		}
		if q+1 >= len(text) || text[q] != 0xC2 || text[q+1] != 0xBA && text[q+1] != 0xAA {
			return 0
		}
		q += 2
	}
	if q < len(text) && text[q] == ' ' {
		q++
	}
	// The door: a letter, a number, or left, right or centre.
	d := q
	for q < len(text) && (isAlpha(text[q]) || isDigit(text[q]) || text[q] == '.') && q-d < 6 {
		q++
	}
	if q+2 >= len(text) || text[q] != ',' || text[q+1] != ' ' || !isDigit(text[q+2]) {
		return 0
	}
	return q + 2
}

// FindBrazil finds a Brazilian address read back from its CEP, the postal
// code text[zs:ze] written 01305-100: on the same line, within 120 bytes
// before it, a street word (Rua, Av., Avenida, Alameda, Travessa, Praça,
// Rodovia, Estrada) starting a capitalised name, and a house number
// after it ("Rua Augusta, 1500, Consolação, São Paulo - SP, 01305-100";
// "Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100"). It
// returns the address's start, or ok false.
func FindBrazil(text []byte, zs, ze int) (start int, ok bool) {
	lo := lineStart(text, zs, 120)
	for p := lo; p < zs; p++ {
		if p > lo && (isAlpha(text[p-1]) || text[p-1] >= 0x80) || !isUpper(text[p]) {
			continue
		}
		q := p
		for q < zs && (isAlpha(text[q]) || text[q] == '.') {
			q++
		}
		if q+2 >= zs || text[q] != ' ' || !brazilStreet(text[p:q]) || !(isUpper(text[q+1]) || text[q+1] >= 0xC3) {
			continue
		}
		for d := q; d < zs; d++ {
			if isDigit(text[d]) && text[d-1] == ' ' || isDigit(text[d]) && text[d-1] == ',' {
				return p, true
			}
		}
		return 0, false
	}
	return 0, false
}

// brazilStreet reports whether w starts a Brazilian street's name: Rua,
// R., Avenida, Av., Alameda, Al., Travessa, Tv., Praça, Rodovia, Estrada,
// Largo.
func brazilStreet(w []byte) bool {
	switch strings.ToLower(string(w)) {
	case "rua", "r.", "avenida", "av.", "alameda", "al.", "travessa", "tv.", "rodovia", "estrada", "largo":
		return true
	}
	return false
}

// FindEircode finds an Irish address read back from its Eircode, whose
// routing key starts at text[zs] ("12 O'Connell Street Upper, Dublin 1,
// D01 F5P2"): on the same line, within 100 bytes before it, the first
// house number followed by a capitalised street name, with ", " just
// before the Eircode. It returns the address's start and end, or ok
// false.
func FindEircode(text []byte, zs int) (start, end int, ok bool) {
	if zs < 4 || text[zs-1] != ' ' || text[zs-2] != ',' || zs+8 > len(text) || !gazetteer.Eircode(string(text[zs:zs+8])) || zs+8 < len(text) && (isAlpha(text[zs+8]) || isDigit(text[zs+8])) {
		return 0, 0, false
	}
	lo := lineStart(text, zs, 100)
	for p := lo; p < zs-2; p++ {
		if !isDigit(text[p]) || p > lo && text[p-1] != ' ' && text[p-1] != ':' {
			continue
		}
		q := p
		for q < zs && isDigit(text[q]) {
			q++
		}
		if q-p <= 5 && q+1 < zs && text[q] == ' ' && isUpper(text[q+1]) {
			return p, zs + 8, true
		}
	}
	return 0, 0, false
}

// FindJapan finds a Japanese address at its postal code, three digits, a
// hyphen and four, text[zs:ze]: after the postal mark 〒 the address
// that follows it on its line ("〒150-0002 東京都渋谷区渋谷1-2-3"); else,
// written in Latin letters, the address before it on its line (after a
// label's colon), which starts with its block's numbers or names a ward
// or a town ("-ku,", "-shi,", "-cho,"), when a prefecture or a large city
// comes just before the code after a comma ("1-2-3 Shibuya, Shibuya-ku,
// Tokyo 150-0002"). It returns the address's start and end, or ok false.
func FindJapan(text []byte, zs, ze int) (start, end int, ok bool) {
	mark := zs
	if mark > 0 && text[mark-1] == ' ' {
		mark--
	}
	if mark >= 3 && string(text[mark-3:mark]) == "〒" {
		e := ze
		for e < len(text) && text[e] != '\n' && text[e] != '\r' && e-ze < 150 {
			e++
		}
		for e > ze && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == ',' || text[e-1] == '.') {
			e--
		}
		if e-ze < 6 {
			return 0, 0, false
		}
		return mark - 3, e, true
	}
	if zs < 8 || text[zs-1] != ' ' {
		return 0, 0, false
	}
	lo := lineStart(text, zs, 120)
	if k := bytes.LastIndex(text[lo:zs], []byte(": ")); k >= 0 {
		lo += k + 2 // after a label
	}
	for lo < zs && text[lo] == ' ' {
		lo++
	}
	if lo >= zs || !isDigit(text[lo]) && !isUpper(text[lo]) {
		return 0, 0, false
	}
	// The word before the code is the prefecture or the city, after a
	// comma: "…, Tokyo 150-0002", "…, Kanagawa-ken 220-0012".
	w := zs - 1
	for w > lo && (isAlpha(text[w-1]) || text[w-1] == '-') {
		w--
	}
	if w-lo < 3 || text[w-1] != ' ' || text[w-2] != ',' {
		return 0, 0, false
	}
	place := strings.ToLower(string(text[w : zs-1]))
	switch {
	case japanCities[place], strings.HasSuffix(place, "-ken"), strings.HasSuffix(place, "-shi"), strings.HasSuffix(place, "-ku"), strings.HasSuffix(place, "-fu"):
	default:
		return 0, 0, false
	}
	line := strings.ToLower(string(text[lo:w]))
	if isDigit(text[lo]) || strings.Contains(line, "-ku,") || strings.Contains(line, "-shi,") || strings.Contains(line, "-cho,") || strings.Contains(line, "-machi,") {
		return lo, ze, true
	}
	return 0, 0, false
}

// japanCities are Japan's prefecture-level cities and the names of
// prefectures written without their suffix, lower case, which end an
// address before its postal code.
var japanCities = map[string]bool{"tokyo": true, "osaka": true, "kyoto": true, "yokohama": true, "nagoya": true, "sapporo": true, "fukuoka": true,
	"kobe": true, "kawasaki": true, "saitama": true, "chiba": true, "hiroshima": true, "sendai": true, "hokkaido": true, "kanagawa": true,
	"aichi": true, "hyogo": true, "okinawa": true, "naha": true, "niigata": true, "shizuoka": true, "kumamoto": true, "okayama": true}

// lineStart returns where the line that holds text[i] starts, looking at
// most n bytes back (i-n when the line is longer).
func lineStart(text []byte, i, n int) int {
	lo := max(0, i-n)
	if k := bytes.LastIndexByte(text[lo:i], '\n'); k >= 0 {
		return lo + k + 1
	}
	return lo
}
