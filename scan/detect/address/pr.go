package address

import (
	"bytes"
	"strings"
)

// FindPuertoRico finds a Puerto Rico address from its ZIP Code at
// text[z], after "PR ": "Urb. Las Lomas, Calle 5 #123, San Juan, PR
// 00921", or as USPS Publication 28 writes it, a line each ("URB ROYAL
// OAK", "123 CALLE 1", "BAYAMON PR 00961-0123"). Such addresses have no
// street suffix, the street's word comes first (Calle, Avenida) and an
// urbanization often names the place, so they are read back from the
// end: the town, then one to three parts before it, the first of them
// starting with a house number or a word of Puerto Rico's addresses
// (Urb, Cond, Res, Bo, Calle, Ave, Carr…), and one holding a number.
// The ZIP Code must be one of Puerto Rico's (006, 007, 009). It returns
// the address's start and end, or 0, 0.
func FindPuertoRico(text []byte, z int) (start, end int) {
	if z < 4 || z+5 > len(text) || string(text[z-3:z]) != "PR " || text[z] != '0' || text[z+1] != '0' ||
		!(text[z+2] == '6' || text[z+2] == '7' || text[z+2] == '9') {
		return 0, 0
	}
	end = number(text, z, 5)
	if end-z != 5 {
		return 0, 0
	}
	if end+5 <= len(text) && text[end] == '-' {
		if k := number(text, end+1, 4); k-end-1 == 4 {
			end = k
		}
	}
	if !boundary(text, end) {
		return 0, 0
	}
	// The parts before "PR", the town's first, back to the start of the
	// address: each ends at a comma or a line's end.
	p := z - 3
	for p > 0 && (text[p-1] == ' ' || text[p-1] == ',') {
		p--
	}
	var starts []int // each part's start, the town's first
	for len(starts) < 4 && p > 0 {
		b := p
		for b > 0 && p-b < 60 && text[b-1] != ',' && text[b-1] != '\n' && text[b-1] != ':' {
			b--
		}
		if b > 0 && text[b-1] != ',' && text[b-1] != '\n' && text[b-1] != ':' {
			break // a part of sixty bytes or more: prose, no address's
		}
		a := b
		for a < p && (text[a] == ' ' || text[a] == '\t') {
			a++
		}
		if a >= p || !prPart(text[a:p]) {
			break
		}
		if len(starts) == 0 {
			starts = append(starts, a) // the town
		} else if prStart(text, a) {
			starts = append(starts, a)
		} else {
			// "lives at 1234 Calle Amapola": the address starts inside
			// the part, and nothing before it is the address's.
			if k := innerStart(text, a, p); k > 0 {
				starts = append(starts, k)
			}
			break
		}
		if b == 0 || text[b-1] == ':' || text[b-1] == '\n' && b >= 2 && (text[b-2] == '\n' || text[b-2] == '\r' && b >= 3 && text[b-3] == '\n') {
			break // a label's colon, or a blank line: the address starts here
		}
		p = b - 1
		if text[p] == '\n' && p > 0 && text[p-1] == '\r' {
			p--
		}
		for p > 0 && text[p-1] == ' ' {
			p--
		}
	}
	// A street's number in some part before the town.
	if len(starts) < 2 || !bytes.ContainsAny(text[starts[len(starts)-1]:starts[0]], "0123456789") {
		return 0, 0
	}
	return starts[len(starts)-1], end
}

// innerStart returns the first word of text[a:p] after its first that
// may start an address (prStart), or 0.
func innerStart(text []byte, a, p int) int {
	for k := a + 1; k < p; k++ {
		if text[k-1] == ' ' && prStart(text, k) {
			return k
		}
	}
	return 0
}

// prPart reports whether a part of an address holds only what addresses
// are written with: letters (accented too), digits, blanks, and . # - '
// and /.
func prPart(b []byte) bool {
	letters := 0
	for _, c := range b {
		switch {
		case isAlpha(c) || c >= 0x80:
			letters++
		case isDigit(c) || c == ' ' || c == '.' || c == '#' || c == '-' || c == '\'' || c == '/':
		default:
			return false
		}
	}
	return letters > 0 || len(b) <= 6
}

// prWords start the parts of Puerto Rico's addresses: urbanización,
// condominio, residencial, barrio, barriada, sector, parcelas,
// extensión, calle, avenida, carretera, paseo, camino.
var prWords = map[string]bool{"urb": true, "urbanizacion": true, "urbanización": true, "cond": true, "condominio": true,
	"res": true, "residencial": true, "bo": true, "barrio": true, "bda": true, "barriada": true, "sect": true, "sector": true,
	"parc": true, "parcelas": true, "ext": true, "calle": true, "c": true, "ave": true, "avenida": true, "carr": true,
	"carretera": true, "paseo": true, "camino": true}

// prStart reports whether an address may start at text[a]: with a
// house number, or one of prWords.
func prStart(text []byte, a int) bool {
	if isDigit(text[a]) {
		return true
	}
	e := a
	for e < len(text) && (isAlpha(text[e]) || text[e] >= 0x80) && e-a < 14 {
		e++
	}
	return e > a && prWords[strings.ToLower(string(text[a:e]))]
}
