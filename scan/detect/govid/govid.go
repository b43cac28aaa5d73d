// Package govid recognises government identification numbers other than
// SSNs, ITINs, driver's licences and passports: alien registration
// (A-Number, USCIS) numbers, I-94 admission numbers, state ID card
// numbers, Department of Defense ID numbers and tribal ID numbers;
// Canada's Social Insurance Number and the UK's National Insurance
// number; and (National, in europe.go and the other regions' files) the
// national identity and tax numbers of the countries whose laws
// duties/rules holds, each with its check. HR files hold them (Form I-9
// data, a subsidiary's payroll abroad), and the rule files of
// duties/rules with GOV_ID in their triggers count such a number, with a
// name, as personal information.
// Their shapes are common numbers, so a column's header or a label in
// text must say what they are.
package govid

import (
	"bytes"
	"slices"
)

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
	// SIN is a Canadian Social Insurance Number: nine digits, written
	// 3-3-3, with a Luhn check digit.
	SIN
	// NINO is a UK National Insurance number: two letters, six digits
	// and a letter A–D (AB 12 34 56 C).
	NINO
)

// Keywords label a number in free text: an A-Number ("alien
// registration number", "USCIS #"), a SIN ("SIN", "social insurance
// number") or a NINO ("NINO", "NI number", "national insurance number").
var Keywords = []string{"alien", "uscis", "sin", "nino", "ni", "insurance", "nas"}

// Reason returns the rule reason of a Canadian SIN ("rule:ca-sin") or a
// UK NINO ("rule:gb-nino"), whose country code people reads, or "".
func (k Kind) Reason() string {
	switch k {
	case SIN:
		return "rule:ca-sin"
	case NINO:
		return "rule:gb-nino"
	}
	return ""
}

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
	case SIN:
		return sin(v) == len(v) && len(v) > 0
	case NINO:
		// A column may store it without its final letter.
		n := nino(v, false)
		return n > 0 && n == len(v)
	}
	return false
}

// sin returns the length of the Social Insurance Number at the start of
// v: nine digits, plain or in groups of three joined by blanks or
// hyphens, passing the Luhn check, whose first digit is a province's
// (1–7) or a temporary resident's (9); 0 and 8 are not used for people
// (as the public descriptions of the SIN list the first digits). The
// fictitious examples those descriptions use (046 454 286, 130 692 544)
// are no one's. It returns 0 when there is none.
func sin(v []byte) int {
	var d [9]byte
	n, i := 0, 0
	for i < len(v) && n < 9 {
		if n > 0 && n%3 == 0 && (v[i] == ' ' || v[i] == '-') && i+1 < len(v) && digit(v[i+1]) {
			if sep := v[i]; n == 6 && v[i-4] != sep {
				return 0 // 130-692 544: separators must agree
			}
			i++
		}
		if !digit(v[i]) {
			return 0
		}
		d[n] = v[i] - '0'
		n, i = n+1, i+1
	}
	if n != 9 || i < len(v) && (digit(v[i]) || upper(v[i]) || v[i] >= 'a' && v[i] <= 'z') {
		return 0
	}
	if d[0] == 0 || d[0] == 8 {
		return 0
	}
	sum := 0
	for k, x := range d {
		if k%2 == 1 {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += int(x)
	}
	if sum%10 != 0 || string(v[:i]) == "130 692 544" || string(v[:i]) == "130-692-544" || string(v[:i]) == "130692544" {
		return 0
	}
	return i
}

// nino returns the length of the National Insurance number at the start
// of v: a prefix of two letters, six digits together, in pairs or in
// threes, and a suffix A–D, with the prefixes HMRC leaves out (its
// National Insurance Manual, NIM39110: no D, F, I, Q, U or V, no O
// second, and not BG, GB, KN, NK, NT, TN or ZZ). The suffix may be missing only when suffixed is
// false. HMRC's example QQ 12 34 56 C is no one's. It returns 0 when
// there is none.
func nino(v []byte, suffixed bool) int {
	if len(v) < 8 {
		return 0
	}
	a, b := v[0]&^0x20, v[1]&^0x20
	if !upper(a) || !upper(b) || bytes.IndexByte([]byte("DFIQUV"), a) >= 0 || bytes.IndexByte([]byte("DFIOQUV"), b) >= 0 {
		return 0
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return 0
	}
	// The six digits: together, in pairs or in threes, with one blank
	// between the groups when they are apart ("AB 123456 C", "AB 123 456
	// C", "AB 12 34 56 C").
	i := 2
	spaced := v[i] == ' '
	if spaced {
		i++
	}
	run := 0
	for i < len(v) && digit(v[i]) {
		i, run = i+1, run+1
	}
	group := run
	switch {
	case run == 6:
	case spaced && (run == 2 || run == 3):
		for n := run; n < 6; n += group {
			if i+group >= len(v) || v[i] != ' ' || digits(v[i+1:i+1+group]) != group {
				return 0
			}
			i += 1 + group
		}
	default:
		return 0
	}
	j := i
	if spaced && j < len(v) && v[j] == ' ' {
		j++
	}
	if j < len(v) && (v[j]&^0x20 >= 'A' && v[j]&^0x20 <= 'D') && (j+1 == len(v) || !isWord(v[j+1])) {
		return j + 1
	}
	if suffixed || i < len(v) && isWord(v[i]) {
		return 0
	}
	return i
}

func isWord(c byte) bool { return digit(c) || upper(c) || c >= 'a' && c <= 'z' }

// Labelled returns the SIN or NINO that follows its label, and its kind, the keyword
// text[ks:ke]: "SIN" or "NAS" in capitals, "NINO", or "insurance" after "social"
// or "national", then words such as "number" and "no", blanks, ":" and
// "#" ("Social Insurance Number: 527 419 331", "NI number"… is left to
// columns). It returns 0, 0, None when there is none.
func Labelled(text []byte, ks, ke int) (start, end int, kind Kind) {
	w := text[ks:ke]
	switch {
	case string(w) == "SIN", string(w) == "NAS":
		// The SIN in French is the NAS (numéro d'assurance sociale).
		kind = SIN
	case eq(w, "nino"), string(w) == "NI":
		kind = NINO
	case eq(w, "insurance"):
		p := ks - 1
		for p > 0 && text[p] == ' ' {
			p--
		}
		q := p + 1
		for p >= 0 && text[p]|0x20 >= 'a' && text[p]|0x20 <= 'z' {
			p--
		}
		switch prev := text[p+1 : q]; {
		case eq(prev, "social"):
			kind = SIN
		case eq(prev, "national"):
			kind = NINO
		default:
			return 0, 0, None
		}
	default:
		return 0, 0, None
	}
	j := afterLabel(text, ke, "number", "no", "num", "nbr", "is", "est")
	if j >= len(text) {
		return 0, 0, None
	}
	var n int
	if kind == SIN {
		n = sin(text[j:])
	} else {
		n = nino(text[j:], true)
	}
	if n == 0 {
		return 0, 0, None
	}
	return j, j + n, kind
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
	j := afterLabel(text, i, "registration", "number", "no", "num", "is", "id")
	if n := aNumber(text[j:]); n > 0 {
		return j, j + n
	}
	return 0, 0
}

// afterLabel returns where the value after a label ending at text[i]
// starts: past blanks, ":", "#", ".", parentheses and up to five of the
// given words (any case) that may stand between label and value.
func afterLabel(text []byte, i int, words ...string) int {
	j := i
	for n := 0; n < 5; n++ {
		for j < len(text) && j-i < 40 && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '.' || text[j] == '(' || text[j] == ')') {
			j++
		}
		w := j
		for w < len(text) && (text[w]|0x20 >= 'a' && text[w]|0x20 <= 'z') {
			w++
		}
		if w == j || !slices.ContainsFunc(words, func(s string) bool { return eq(text[j:w], s) }) {
			break
		}
		j = w
	}
	return j
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
