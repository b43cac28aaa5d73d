// Package govid recognises government identification numbers other than
// SSNs, ITINs, driver's licences and passports: alien registration
// (A-Number, USCIS) numbers, I-94 admission numbers, state ID card
// numbers, Department of Defense ID numbers and tribal ID numbers. HR
// files hold them (Form I-9 data), and the rule files of duties/rules
// with GOV_ID in their triggers count such a number, with a name, as
// personal information. Their shapes are common numbers, so
// a column's header or a label in text must say what they are.
package govid

import "bytes"

// Kind is the kind of number a header or label names.
type Kind uint8

const (
	// None is no government number.
	None Kind = iota
	// ANumber is an alien registration number (A-Number, USCIS number):
	// A and seven to nine digits, the A often left out.
	ANumber
	// I94 is an I-94 admission record number: eleven digits, or nine
	// digits, a letter and a digit.
	I94
	// StateID is a state identification card number, shaped as a
	// driver's licence number.
	StateID
	// DoDID is a Department of Defense ID number (EDIPI): ten digits.
	DoDID
	// Tribal is a tribal enrollment or ID number: letters and at least
	// two digits.
	Tribal
)

// Keywords label an A-Number in free text ("alien registration number",
// "USCIS #").
var Keywords = []string{"alien", "uscis"}

// Valid reports whether a column value is a number of kind k.
func Valid(v []byte, k Kind) bool {
	v = bytes.TrimSpace(v)
	switch k {
	case ANumber:
		return len(v) > 0 && aNumber(v) == len(v)
	case I94:
		if len(v) != 11 {
			return false
		}
		if digits(v) == 11 {
			return true
		}
		return digits(v[:9]) == 9 && upper(v[9]) && digit(v[10])
	case StateID:
		n, d := 0, 0
		for _, c := range v {
			switch {
			case digit(c):
				d++
				n++
			case upper(c) || c >= 'a' && c <= 'z':
				n++
			case c == '-' || c == ' ':
			default:
				return false
			}
		}
		return n >= 4 && n <= 15 && d >= 3
	case DoDID:
		return len(v) == 10 && digits(v) == 10
	case Tribal:
		if len(v) < 3 || len(v) > 20 {
			return false
		}
		d := 0
		for _, c := range v {
			switch {
			case digit(c):
				d++
			case upper(c) || c >= 'a' && c <= 'z' || c == '-' || c == ' ':
			default:
				return false
			}
		}
		return d >= 2
	}
	return false
}

// aNumber returns the length of the A-Number at the start of v: an
// optional "A" (with "-" or a blank after it), then seven to nine digits,
// or nine in groups of three ("123-456-789"); 0 when there is none.
func aNumber(v []byte) int {
	i := 0
	if i < len(v) && (v[i] == 'A' || v[i] == 'a') {
		i++
		if i < len(v) && (v[i] == '-' || v[i] == ' ') {
			i++
		}
	}
	st := i
	for i < len(v) && digit(v[i]) {
		i++
	}
	n := i - st
	if n == 3 && i+8 <= len(v) && v[i] == '-' && digits(v[i+1:i+4]) == 3 && v[i+4] == '-' && digits(v[i+5:i+8]) == 3 {
		i, n = i+8, 9
	}
	if n < 7 || n > 9 || i < len(v) && (digit(v[i]) || upper(v[i]) || v[i] >= 'a' && v[i] <= 'z') {
		return 0
	}
	return i
}

// Value returns the A-Number that follows a keyword ending at text[i]:
// after blanks, ":", "#" and the words "registration", "number", "no" and
// "is" ("alien registration number: A123456789", "USCIS# 123-456-789").
// It returns 0, 0 when there is none.
func Value(text []byte, i int) (start, end int) {
	j := i
	for n := 0; n < 5; n++ {
		for j < len(text) && j-i < 40 && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '.' || text[j] == '(' || text[j] == ')') {
			j++
		}
		w := j
		for w < len(text) && (text[w]|0x20 >= 'a' && text[w]|0x20 <= 'z') {
			w++
		}
		if w == j {
			break
		}
		word := text[j:w]
		if !(eq(word, "registration") || eq(word, "number") || eq(word, "no") || eq(word, "num") || eq(word, "is") || eq(word, "id")) {
			break
		}
		j = w
	}
	if n := aNumber(text[j:]); n > 0 {
		return j, j + n
	}
	return 0, 0
}

func eq(b []byte, s string) bool { return bytes.EqualFold(b, []byte(s)) }

func digits(b []byte) int {
	n := 0
	for _, c := range b {
		if digit(c) {
			n++
		}
	}
	return n
}

func digit(c byte) bool { return c >= '0' && c <= '9' }
func upper(c byte) bool { return c >= 'A' && c <= 'Z' }
