package detect

import (
	"bytes"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan/detect/card"
	"github.com/breachkit/breachkit/scan/detect/phone"
	"github.com/breachkit/breachkit/scan/detect/ssn"
)

// spokenReach is how far after an SSN's, a phone's or a card's keyword a
// number read out in words is looked for: the caller's answer on the
// agent's question's line or the next ("agent: and your social?\ncaller:
// sure it's four one two …").
const spokenReach = 160

// spokenStartReach is how far after the keyword the number's first word
// must come.
const spokenStartReach = 64

// writtenReach is how far after the keyword a number written in digits
// makes the pass look no further: the keyword's value is that number.
const writtenReach = 48

// spoken records the numbers read out digit by digit in words that
// follow an SSN's, a phone's or a card's keyword, as speech-to-text
// writes a call ("four one two six five seven seven three three"): an
// SSN (nine digits, valid), a phone number (ten, or eleven after a 1,
// valid in North America) or a card number (Luhn and an issuer). Only
// the words after a keyword that names the number are read, and only
// where no number in digits follows it, so prose pays little for it
// (docs/PERFORMANCE.md, session 31).
func (e *Engine) spoken(s *scratch, text []byte, lead int) {
	const want = 1<<classSSN | 1<<classPhone | 1<<classCard
	done, ti := 0, 0 // ti: the first number token at or after the hit
	for k := range s.hits {
		h := &s.hits[k]
		if h.classes&want == 0 || h.end < done || h.start < lead {
			continue
		}
		if !spokenCue(text[h.start:h.end]) {
			continue // "call", "tax", "payment": words of prose more often
		}
		for ti < len(s.toks) && s.toks[ti].start < h.end {
			ti++
		}
		if ti < len(s.toks) && s.toks[ti].start < h.end+writtenReach {
			continue // the number written in digits, as nearly always
		}
		var buf [24]byte
		st, en, d := spokenDigits(text, h.end, min(len(text), h.end+spokenReach), buf[:0])
		if en == 0 {
			done = min(len(text), h.end+spokenReach)
			continue
		}
		done = en
		var typ breachkit.Element
		class := 0
		switch {
		case len(d) == 9 && ssn.Valid(d):
			typ, class = breachkit.SSN, classSSN
		case len(d) == 10 && phone.Valid(d), len(d) == 11 && d[0] == '1' && phone.Valid(d[1:]):
			typ, class = breachkit.Phone, classPhone
		case len(d) >= 13 && card.Valid(d) && !card.Test(d):
			typ, class = breachkit.CardNumber, classCard
		default:
			continue
		}
		kw, why := e.context(s, st, en, class)
		if conf := 0.1 + 0.89*kw; kw > 0 && conf >= e.min {
			s.found = append(s.found, span{st, en, conf, typ, "rule:spoken-digits", why})
		}
	}
}

// spokenDigits finds in text[i:lim] the first run of nine to nineteen
// digits said as words ("four", "zero", "oh" but not first, "double
// five", a digit written as one) and returns its span and its digits
// appended to d; en is 0 when there is none. Any word of another kind
// ends a run, and so does a line's end: a caller's answer is on one line.
func spokenDigits(text []byte, i, lim int, d []byte) (st, en int, out []byte) {
	d0 := len(d)
	st = -1
	k := i
	for k < lim {
		if st < 0 && k-i > spokenStartReach {
			break // the answer comes right after its question
		}
		if c := text[k]; !isAlnum(c) {
			if c == '\n' && st >= 0 {
				break
			}
			k++
			continue
		}
		j := k + 1
		for j < lim && isAlnum(text[j]) {
			j++
		}
		if !spokenStart[text[k]] || j-k > 6 {
			// No digit's word starts so, or is so long: most words.
			if len(d)-d0 >= 9 {
				break
			}
			d, st, k = d[:d0], -1, j
			continue
		}
		n, v := digitWord(text[k:j])
		rep := 1
		if n == 0 && (bytes.EqualFold(text[k:j], []byte("double")) || bytes.EqualFold(text[k:j], []byte("triple"))) {
			// "double five": the next word's digit twice, or three times.
			a := j
			for a < lim && text[a] == ' ' {
				a++
			}
			b := a
			for b < lim && isAlnum(text[b]) {
				b++
			}
			if m, x := digitWord(text[a:b]); m == 1 && a > j {
				n, v, j, rep = 1, x, b, 2
				if text[k]|0x20 == 't' {
					rep = 3
				}
			}
		}
		if n == 1 && st < 0 && bytes.EqualFold(text[k:j], []byte("oh")) {
			n = 0 // "oh sure, it's four one two …": an interjection
		}
		if n == 0 {
			if len(d)-d0 >= 9 {
				break
			}
			d, st = d[:d0], -1
			k = j
			continue
		}
		if st < 0 {
			st = k
		}
		for range rep {
			d = append(d, v)
		}
		en, k = j, j
		if len(d)-d0 > 19 {
			break // no number of these kinds is this long
		}
	}
	if st < 0 || len(d)-d0 < 9 || len(d)-d0 > 19 {
		return 0, 0, d[:d0]
	}
	return st, en, d
}

// digitWord returns 1 and the digit a word says ("four" 4, "oh" 0, "7"
// 7), or 0.
func digitWord(w []byte) (int, byte) {
	if len(w) == 1 && w[0] >= '0' && w[0] <= '9' {
		return 1, w[0]
	}
	if len(w) < 2 || len(w) > 5 {
		return 0, 0
	}
	var b [5]byte
	for i, c := range w {
		b[i] = c | 0x20
	}
	switch string(b[:len(w)]) {
	case "zero", "oh":
		return 1, '0'
	case "one":
		return 1, '1'
	case "two":
		return 1, '2'
	case "three":
		return 1, '3'
	case "four":
		return 1, '4'
	case "five":
		return 1, '5'
	case "six":
		return 1, '6'
	case "seven":
		return 1, '7'
	case "eight":
		return 1, '8'
	case "nine":
		return 1, '9'
	}
	return 0, 0
}

// spokenStart holds the first bytes of the words spokenDigits reads: a
// digit, or the first letter of zero, oh, one … nine, double, triple.
var spokenStart = func() (t [256]bool) {
	for _, c := range []byte("0123456789zotfsend") {
		t[c] = true
		if c >= 'a' {
			t[c-'a'+'A'] = true
		}
	}
	return
}()

// spokenCue reports whether a keyword names the number itself (ssn,
// social, card, phone, telephone, cell, mobile, callback), which a
// number read out may follow; "call", "tax" and "payment" are prose too
// often to look after each.
func spokenCue(w []byte) bool {
	if len(w) < 3 || len(w) > 9 {
		return false
	}
	var n string
	switch w[0] | 0x20 {
	case 's':
		n = "ssn"
		if len(w) == 6 {
			n = "social"
		}
	case 'c':
		n = "card"
		switch {
		case len(w) == 8:
			n = "callback"
		case w[1]|0x20 == 'e':
			n = "cell"
		}
	case 'p':
		n = "phone"
	case 't':
		n = "telephone"
	case 'm':
		n = "mobile"
	default:
		return false
	}
	return bytes.EqualFold(w, []byte(n))
}
