// Package mrz reads the machine-readable zone of passports, identity cards
// and visas (ICAO Doc 9303): the two or three lines of capitals, digits
// and '<' fillers at the foot of the data page, which OCR of a scanned
// document keeps. A zone is taken only when its check digits hold, so a
// line of '<' in a program's output is none. It gives the document
// number, the holder's surname and given names, and the date of birth,
// each located in the text.
package mrz

// Kind says what a located field of the zone is.
type Kind uint8

// The fields a zone gives.
const (
	DocNumber Kind = iota + 1 // the passport's or card's number
	Surname                   // the primary identifier: the surname(s)
	Given                     // one given name
	BirthDate                 // YYMMDD
)

// Field is a located field of a zone: text[Start:End].
type Field struct {
	Start, End int
	Kind       Kind
}

// Zone is a machine-readable zone found in a text.
type Zone struct {
	Start, End int  // the zone's bytes, its lines and the line ends between them
	Passport   bool // a passport's (document code P), not an identity card's or a visa's
	Fields     []Field
}

// valid reports whether c may appear in a zone.
func valid(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<' }

// value is a character's value for the check digit: digits their own,
// letters 10 to 35, the filler 0.
func value(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 0
}

// check reports whether d is the check digit of s: the sum of its values
// weighted 7, 3, 1 in turn, modulo 10.
func check(s []byte, d byte) bool {
	if d == '<' {
		d = '0' // an empty optional field's check digit may be a filler
	}
	if d < '0' || d > '9' {
		return false
	}
	w := [3]int{7, 3, 1}
	sum := 0
	for i, c := range s {
		sum += value(c) * w[i%3]
	}
	return sum%10 == int(d-'0')
}

// composite reports whether d checks the concatenation of parts.
func composite(d byte, parts ...[]byte) bool {
	var buf [64]byte
	n := 0
	for _, p := range parts {
		n += copy(buf[n:], p)
	}
	return check(buf[:n], d)
}

// line returns the bounds of the line of text around i, without a
// carriage return.
func line(text []byte, i int) (int, int) {
	s := i
	for s > 0 && text[s-1] != '\n' && i-s <= 44 {
		s--
	}
	return s, lineEnd(text, s, i)
}

// lineEnd returns the end of the line that starts at s, looked for from
// k on, without a carriage return; it reads no further than a zone's
// longest line and one byte.
func lineEnd(text []byte, s, k int) int {
	e := k
	for e < len(text) && text[e] != '\n' && e-s <= 45 {
		e++
	}
	if e > s && text[e-1] == '\r' {
		e--
	}
	return e
}

// zoneLine reports whether text[s:e] is a line of a zone: 30, 36 or 44
// characters of capitals, digits and fillers.
func zoneLine(text []byte, s, e int) bool {
	if n := e - s; n != 30 && n != 36 && n != 44 {
		return false
	}
	for _, c := range text[s:e] {
		if !valid(c) {
			return false
		}
	}
	return true
}

// next returns the bounds of the line after the one ending at e, or -1.
func next(text []byte, e int) (int, int) {
	if e < len(text) && text[e] == '\r' {
		e++
	}
	if e >= len(text) || text[e] != '\n' {
		return -1, -1
	}
	return e + 1, lineEnd(text, e+1, e+1)
}

// prev returns the bounds of the line before the one starting at s, or -1.
func prev(text []byte, s int) (int, int) {
	if s < 1 || text[s-1] != '\n' {
		return -1, -1
	}
	e := s - 1
	if e > 0 && text[e-1] == '\r' {
		e--
	}
	b := e
	for b > 0 && text[b-1] != '\n' && e-b <= 45 {
		b--
	}
	return b, e
}

// At finds a zone with a line around text[i] (a '<' of it, say) and
// reports whether there is one.
func At(text []byte, i int) (Zone, bool) {
	s, e := line(text, i)
	if !zoneLine(text, s, e) {
		return ocrNames(text, s, e)
	}
	n := e - s
	// The zone's first line: up to two lines before this one of the
	// same length.
	first := s
	for k := 0; k < 2; k++ {
		ps, pe := prev(text, first)
		if ps < 0 || pe-ps != n || !zoneLine(text, ps, pe) {
			break
		}
		first = ps
	}
	var lines [3][2]int
	count := 0
	for ls, le := first, first+n; ls >= 0 && count < 3 && le-ls == n && zoneLine(text, ls, le); ls, le = next(text, le) {
		lines[count] = [2]int{ls, le}
		count++
	}
	var z Zone
	var ok bool
	switch {
	case (n == 44 || n == 36) && count >= 2:
		z, ok = twoLines(text, lines[0], lines[1])
	case n == 30 && count >= 3:
		z, ok = td1(text, lines[0], lines[1], lines[2])
	}
	return z, ok
}

// ocrNames reads a two-line zone whose first line, text[s:e], OCR gave a
// filler or two too many or too few ("…EMEKA<<<<<<<<<<<<<<<<<<<<<"):
// the second line must be whole and its check digits hold; the first
// line only gives the names, which the fillers do not change.
func ocrNames(text []byte, s, e int) (Zone, bool) {
	if e-s < 34 || e-s > 47 || e-s == 36 || e-s == 44 || text[s] != 'P' && text[s] != 'I' && text[s] != 'A' && text[s] != 'C' && text[s] != 'V' {
		return Zone{}, false
	}
	for _, c := range text[s:e] {
		if !valid(c) {
			return Zone{}, false
		}
	}
	ns, ne := next(text, e)
	if ns < 0 || ne-ns != 44 && ne-ns != 36 || !zoneLine(text, ns, ne) {
		return Zone{}, false
	}
	if d := ne - ns - (e - s); d < -3 || d > 3 {
		return Zone{}, false // not the same zone's lines
	}
	return twoLines(text, [2]int{s, e}, [2]int{ns, ne})
}

// names locates the surname and given names of a name field
// (SURNAME<<GIVEN<NAMES<<<).
func names(text []byte, s, e int, out []Field) []Field {
	k := s
	for k < e && text[k] != '<' {
		k++
	}
	// A surname of several words is written with single fillers between
	// them (DE<LA<CRUZ); it ends at the double filler.
	for k+1 < e && text[k] == '<' && text[k+1] != '<' {
		k++
		for k < e && text[k] != '<' {
			k++
		}
	}
	if k == s {
		return out
	}
	out = append(out, Field{s, k, Surname})
	g := k
	for g < e && text[g] == '<' {
		g++
	}
	for g < e {
		h := g
		for h < e && text[h] != '<' {
			h++
		}
		if h == g {
			break
		}
		out = append(out, Field{g, h, Given})
		g = h
		if g+1 < e && text[g] == '<' && text[g+1] == '<' {
			break // the fillers after the last name
		}
		for g < e && text[g] == '<' {
			g++
		}
	}
	return out
}

// number locates a document number of nine characters (fillers trimmed).
func number(s int, text []byte) Field {
	e := s + 9
	for e > s && text[e-1] == '<' {
		e--
	}
	return Field{s, e, DocNumber}
}

// date reports whether b (YYMMDD) is a date of some year.
func date(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	m := int(b[2]-'0')*10 + int(b[3]-'0')
	d := int(b[4]-'0')*10 + int(b[5]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// twoLines reads a zone of two lines: a passport's of 44 (TD3), or a
// card's or an older visa's of 36 (TD2). Their second lines differ only
// in the length of the optional field before the composite check digit,
// which ends the line.
func twoLines(text []byte, l1, l2 [2]int) (Zone, bool) {
	a, b := text[l1[0]:l1[1]], text[l2[0]:l2[1]]
	last := len(b) - 1
	if !(a[0] >= 'A' && a[0] <= 'Z') || !check(b[0:9], b[9]) || !date(b[13:19]) || !check(b[13:19], b[19]) || !check(b[21:27], b[27]) ||
		!composite(b[last], b[0:10], b[13:20], b[21:last]) {
		return Zone{}, false
	}
	z := Zone{Start: l1[0], End: l2[1], Passport: a[0] == 'P'}
	z.Fields = names(text, l1[0]+5, l1[1], z.Fields)
	z.Fields = append(z.Fields, number(l2[0], text), Field{l2[0] + 13, l2[0] + 19, BirthDate})
	return z, true
}

// td1 reads an identity card's three lines of 30.
func td1(text []byte, l1, l2, l3 [2]int) (Zone, bool) {
	a, b := text[l1[0]:l1[1]], text[l2[0]:l2[1]]
	if !(a[0] >= 'A' && a[0] <= 'Z') || !check(a[5:14], a[14]) || !date(b[0:6]) || !check(b[0:6], b[6]) || !check(b[8:14], b[14]) ||
		!composite(b[29], a[5:30], b[0:7], b[8:15], b[18:29]) {
		return Zone{}, false
	}
	z := Zone{Start: l1[0], End: l3[1], Passport: a[0] == 'P'}
	z.Fields = names(text, l3[0], l3[1], z.Fields)
	z.Fields = append(z.Fields, number(l1[0]+5, text), Field{l2[0], l2[0] + 6, BirthDate})
	return z, true
}
