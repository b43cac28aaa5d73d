// Package aamva reads the data of a North American driver's licence or
// identity card as its PDF417 barcode holds it (AAMVA DL/ID Card Design
// Standard): after a header "ANSI " and the issuer's identification
// number (636xxx, or 604xxx for some Canadian provinces), one data element
// a line, its three-letter ID first: DAQ the licence number, DCS the
// family name, DAC the first name, DAD the middle names, DBB the birth
// date, DAG the street, DAI the city, DAJ the state, DAK the postal code.
// Identity-verification uploads and ID scanners keep this decoded text.
package aamva

// Kind says what a located element holds.
type Kind uint8

// The elements read.
const (
	Number    Kind = iota + 1 // DAQ: the licence or ID card number
	Surname                   // DCS (DAB in the 2000 version)
	Given                     // DAC (DCT, the given names, in 2009's: its first)
	Middle                    // DAD
	FullName                  // DAA, the 2000 version's whole name
	BirthDate                 // DBB: MMDDCCYY in the US, CCYYMMDD in Canada
	Street                    // DAG
	City                      // DAI
	State                     // DAJ
	ZIP                       // DAK: its first five digits, or a Canadian postal code
)

// Field is a located element's value: text[Start:End].
type Field struct {
	Start, End int
	Kind       Kind
}

var kinds = map[string]Kind{
	"DAQ": Number, "DCS": Surname, "DAB": Surname, "DAC": Given, "DCT": Given, "DAD": Middle, "DAA": FullName,
	"DBB": BirthDate, "DAG": Street, "DAI": City, "DAJ": State, "DAK": ZIP,
}

// Header reports whether text[i:] starts the header of a card's data:
// "ANSI " and six digits of an issuer identification number of the
// AAMVA's ranges.
func Header(text []byte, i int) bool {
	if i+11 > len(text) || string(text[i:i+5]) != "ANSI " {
		return false
	}
	for _, c := range text[i+5 : i+11] {
		if c < '0' || c > '9' {
			return false
		}
	}
	iin := string(text[i+5 : i+8])
	return iin == "636" || iin == "604"
}

// id reports whether b starts with an element ID: D and two capitals.
func id(b []byte) bool {
	return len(b) >= 3 && b[0] == 'D' && b[1] >= 'A' && b[1] <= 'Z' && b[2] >= 'A' && b[2] <= 'Z'
}

// maxLines bounds the lines read after a header.
const maxLines = 80

// Card is what Read found of a card's data.
type Card struct {
	Fields []Field
	End    int  // where the data ends
	IDCard bool // an identity card's subfile ("ID"), not a licence's ("DL")
}

// Read returns the elements of the card whose header starts at text[i]
// (Header) and where its data ends. The first line holds the header, the
// subfile designators and, after the last "DL" or "ID", the first
// element.
func Read(text []byte, i int) Card {
	var out []Field
	idCard := false
	ls := i
	le := lineEnd(text, ls)
	// The first element on the header's line: after the designators'
	// fixed part, the subfile type "DL" or "ID" and an element ID.
	first := -1
	for k := ls + 21; k+5 <= le; k++ {
		if (text[k] == 'D' && text[k+1] == 'L' || text[k] == 'I' && text[k+1] == 'D') && id(text[k+2:le]) {
			first, idCard = k+2, text[k] == 'I'
		}
	}
	end := le
	read := false
	if first >= 0 {
		out = element(text, first, le, out)
		read = true
	}
	for n := 0; n < maxLines; n++ {
		ls = le
		for ls < len(text) && (text[ls] == '\n' || text[ls] == '\r' || text[ls] == 0x1e) {
			ls++
		}
		if ls >= len(text) {
			break
		}
		le = lineEnd(text, ls)
		if !id(text[ls:le]) {
			if read {
				break
			}
			continue // the lines of the header before the elements
		}
		out = element(text, ls, le, out)
		read = true
		end = le
	}
	return Card{Fields: out, End: end, IDCard: idCard}
}

// lineEnd returns where the line that starts at s ends: at a line feed, a
// carriage return or a record separator.
func lineEnd(text []byte, s int) int {
	e := s
	for e < len(text) && text[e] != '\n' && text[e] != '\r' && text[e] != 0x1e {
		e++
	}
	return e
}

// element appends the value of the element at text[s:e] if it is one
// read here and not a placeholder (NONE, unavl).
func element(text []byte, s, e int, out []Field) []Field {
	k, ok := kinds[string(text[s:s+3])]
	if !ok {
		return out
	}
	vs, ve := s+3, e
	for ve > vs && (text[ve-1] == ' ' || text[ve-1] == ',') {
		ve--
	}
	switch k {
	case Given:
		// DCT of 2009 holds the given names together: the first.
		for q := vs; q < ve; q++ {
			if text[q] == ',' || text[q] == ' ' {
				ve = q
				break
			}
		}
	case ZIP:
		if ve-vs == 9 || ve-vs == 11 {
			digits := true
			for _, c := range text[vs:ve] {
				digits = digits && c >= '0' && c <= '9'
			}
			if digits {
				ve = vs + 5 // 850070000: ZIP+4 without its dash, or zeros
			}
		}
	}
	switch v := string(text[vs:ve]); {
	case ve-vs < 1, v == "NONE", v == "unavl", v == "UNAVL", v == "unavail":
		return out
	}
	return append(out, Field{vs, ve, k})
}
