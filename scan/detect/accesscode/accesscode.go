// Package accesscode recognises the codes that unlock a payment card or
// an account: a card's security code (CVV, CVC, CSC, CID) and a PIN.
// Most of the rule files of duties/rules (ACCESS_CODE in their triggers)
// count a card or account number as personal information only with such
// a code, so finding them decides whether a card breach must be
// notified. A code is a few digits and means nothing
// without its label: free text needs the keyword right before the value,
// and a column its header.
package accesscode

import "bytes"

// Keywords label a code in free text. "security" counts only as
// "security code" (not "social security"), see Value.
var Keywords = []string{"cvv", "cvc", "csc", "cvn", "cvd", "pin", "security"}

// Kind is what a label says the code is, which sets its length.
type Kind uint8

const (
	// None is no code label.
	None Kind = iota
	// CardCode is a card's security code: three digits, four on
	// American Express cards.
	CardCode
	// PIN is a personal identification number: four to six digits in a
	// column, four in free text (six-digit "PIN codes" are Indian postal
	// codes, and a PIN in a note is nearly always four).
	PIN
)

// KindOf returns the kind of code the keyword w (in any case) labels,
// given the word after it (nx) and the one before (pv), "" when none:
// "security" labels a card code only as "security code", and never after
// "social".
func KindOf(w, pv, nx []byte) Kind {
	switch {
	case eq(w, "cvv"), eq(w, "cvc"), eq(w, "csc"), eq(w, "cvn"), eq(w, "cvd"), eq(w, "cvv2"), eq(w, "cvc2"):
		return CardCode
	case eq(w, "pin"):
		if eq(nx, "code") {
			return None // an Indian postal code
		}
		return PIN
	case eq(w, "security"):
		if (eq(nx, "code") || eq(nx, "cd")) && !eq(pv, "social") {
			return CardCode
		}
	}
	return None
}

func eq(b []byte, s string) bool { return bytes.EqualFold(b, []byte(s)) }

// Value returns the code that follows a label ending at text[i]: after
// separators (": ", "#", "=", "-") and the filler words "code", "number",
// "no" and "is", a run of digits of the kind's length that no other digit,
// letter or digit group continues ("CVV 123", "pin# 4821", "security code
// is 0042"). It returns 0, 0 when there is none.
func Value(text []byte, i int, k Kind) (start, end int) {
	j := i
	for n := 0; n < 4 && j < len(text); n++ {
		for j < len(text) && j-i < 24 && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '=' || text[j] == '-' || text[j] == '\t' || text[j] == '(' || text[j] == ')') {
			j++
		}
		w := j
		for w < len(text) && (text[w]|0x20 >= 'a' && text[w]|0x20 <= 'z' || text[w] == '.' || text[w] == '2') {
			w++
		}
		if w == j {
			break
		}
		word := bytes.TrimSuffix(text[j:w], []byte("."))
		if !(eq(word, "code") || eq(word, "number") || eq(word, "no") || eq(word, "num") || eq(word, "is") || eq(word, "cvv") || eq(word, "cvv2") || eq(word, "cvc") || eq(word, "cvc2")) {
			return 0, 0
		}
		j = w
	}
	k0 := j
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	n := j - k0
	switch k {
	case CardCode:
		if n != 3 && n != 4 {
			return 0, 0
		}
	case PIN:
		if n != 4 {
			return 0, 0
		}
	default:
		return 0, 0
	}
	if j < len(text) {
		c := text[j]
		if c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_' || c == '@' {
			return 0, 0
		}
		if (c == '-' || c == '/' || c == '.' || c == ',') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
			return 0, 0 // "pin 1234-5678", "cvv 12/25": a longer value
		}
	}
	return k0, j
}

// Valid reports whether a column value is a code of kind k: digits only
// (surrounding blanks aside), three or four for a card code, four to six
// for a PIN.
func Valid(v []byte, k Kind) bool {
	v = bytes.TrimSpace(v)
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	switch k {
	case CardCode:
		return len(v) == 3 || len(v) == 4
	case PIN:
		return len(v) >= 4 && len(v) <= 6
	}
	return false
}
