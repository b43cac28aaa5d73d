package address

import (
	"bytes"

	"github.com/breachkit/breachkit/gazetteer"
)

// FindMilitary parses an Armed Forces address starting at text[i]: a
// unit's or post office's box ("Unit 2050 Box 4190", "PSC 1234, Box
// 5678", "CMR 480 Box 123") or a ship ("USS Nimitz (CVN 68)"), then on
// the same line or the next "APO", "FPO" or "DPO", the region (AA, AE,
// AP) and a ZIP Code of that region (USPS Publication 28, section 225).
// Service members and their families abroad have their mail, and their
// breach letters, sent there. Without the APO line nothing is found: a
// unit and a box alone are as often a warehouse's. It returns the end,
// or 0.
func FindMilitary(text []byte, i int) int {
	if i > 0 && (isAlpha(text[i-1]) || isDigit(text[i-1])) {
		return 0
	}
	w := word(text, i)
	p := w
	switch string(text[i:w]) {
	case "PSC", "CMR", "Unit", "UNIT":
		if p = number(text, space(text, p), 5); p < 0 {
			return 0
		}
		if p < len(text) && text[p] == ',' {
			p++
		}
		if p = space(text, p); p < 0 || p+4 > len(text) || !bytes.EqualFold(text[p:p+4], []byte("BOX ")) {
			return 0
		}
		if p = number(text, p+4, 5); p < 0 {
			return 0
		}
	case "USS", "USNS", "USCGC":
		// The ship's name, one to three capitalised words, then its hull
		// number in brackets if given.
		n := 0
		for p = space(text, p); p > 0 && p < len(text) && isUpper(text[p]) && n < 3; n++ {
			p = word(text, p)
			if q := space(text, p); q > 0 && q < len(text) && isUpper(text[q]) {
				p = q
			}
		}
		if n == 0 || p < 0 {
			return 0
		}
		if p+2 < len(text) && text[p] == ' ' && text[p+1] == '(' {
			k := bytes.IndexByte(text[p+2:min(len(text), p+16)], ')')
			if k < 0 {
				return 0
			}
			p += k + 3
		}
	default:
		return 0
	}
	if p < 0 || p >= len(text) {
		return 0
	}
	// A comma and a blank, or the end of the line and the next's indent.
	if text[p] == ',' {
		p++
	}
	if p < len(text) && text[p] == '\r' {
		p++
	}
	line := p < len(text) && text[p] == '\n'
	for p < len(text) && (text[p] == ' ' || text[p] == '\n' && line) {
		p++
		line = false
	}
	if p+12 > len(text) {
		return 0
	}
	if o := text[p]; !(o == 'A' || o == 'F' || o == 'D') || text[p+1] != 'P' || text[p+2] != 'O' || text[p+3] != ' ' {
		return 0
	}
	region := string(text[p+4 : p+6])
	if region != "AA" && region != "AE" && region != "AP" || text[p+6] != ' ' {
		return 0
	}
	z := p + 7
	e := number(text, z, 5)
	if e-z != 5 {
		return 0
	}
	if r, _ := gazetteer.ZIPRegion(string(text[z:e])); r != region {
		return 0
	}
	if e+5 <= len(text) && text[e] == '-' {
		if k := number(text, e+1, 4); k-e-1 == 4 {
			e = k
		}
	}
	if !boundary(text, e) {
		return 0
	}
	return e
}

// number returns the end of a run of one to max digits at p that ends
// the word, or -1.
func number(text []byte, p, max int) int {
	if p < 0 {
		return -1
	}
	q := p
	for q < len(text) && isDigit(text[q]) && q-p < max {
		q++
	}
	if q == p || !boundary(text, q) {
		return -1
	}
	return q
}
