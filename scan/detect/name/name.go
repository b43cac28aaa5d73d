// Package name recognises the names of people. In structured data the
// column says what a value is (first, middle, last or full name) and the
// value only has to look like a name. In free text a name is two to four
// capitalised words — a given name from the gazetteer, optional middle
// names or initials, and a surname from the gazetteer — or a title (Mr.,
// Ms., Dr.) followed by capitalised words. Words that begin a street
// address or end in a city, state form are not names.
package name

import (
	"sync"

	"github.com/breachkit/breachkit/gazetteer"
)

// Keywords are words that introduce a person's name in free text.
var Keywords = []string{"name", "borrower", "customer", "from", "dear", "mr", "mrs", "ms", "dr", "applicant", "client", "member", "patient", "employee", "co-borrower", "cosigner", "spoke", "attn", "attention", "insured", "tenant", "signed", "holder"}

var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "mx": true, "prof": true}

// notName are capitalised words that the gazetteer lists as names but
// that in business text are far more often something else.
var notName = map[string]bool{
	"will": true, "may": true, "june": true, "april": true, "august": true, "bill": true, "cash": true,
	"lake": true, "river": true, "summer": true, "glen": true, "park": true, "hill": true, "day": true,
	"price": true, "long": true, "young": true, "white": true, "green": true, "king": true, "rock": true,
	"mark": true, "chase": true, "bank": true, "grant": true, "page": true, "case": true, "field": true,
	"west": true, "north": true, "south": true, "east": true, "new": true, "fort": true, "mount": true,
	"saint": true, "st": true, "street": true, "ave": true, "dear": true, "hope": true, "faith": true,
	"joy": true, "ray": true, "rich": true, "wood": true, "woods": true, "ford": true, "dean": true,
	"sterling": true, "major": true, "sunny": true, "dale": true, "rose": true, "lane": true,
}

var (
	once              sync.Once
	given, surnameSet map[string]bool
)

func load() {
	given = map[string]bool{}
	surnameSet = map[string]bool{}
	for _, g := range gazetteer.GivenNames() {
		given[g] = true
	}
	for _, s := range gazetteer.Surnames() {
		surnameSet[s] = true
	}
}

func lower(w []byte, buf *[32]byte) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	b := buf[:0]
	for _, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+32)
		case c >= 'a' && c <= 'z':
			b = append(b, c)
		case c == '\'' || c == '-':
		default:
			return nil, false
		}
	}
	return b, true
}

// IsGiven reports whether the word is a given name (ASCII, any case).
func IsGiven(w []byte) bool {
	once.Do(load)
	var buf [32]byte
	l, ok := lower(w, &buf)
	return ok && given[string(l)]
}

// IsSurname reports whether the word is a surname (ASCII, any case).
func IsSurname(w []byte) bool {
	once.Do(load)
	var buf [32]byte
	l, ok := lower(w, &buf)
	return ok && surnameSet[string(l)]
}

// IsTitle reports whether the word is a title such as Mr or Dr.
func IsTitle(w []byte) bool {
	var buf [32]byte
	l, ok := lower(w, &buf)
	return ok && titles[string(l)]
}

func uncommon(w []byte) bool {
	var buf [32]byte
	l, ok := lower(w, &buf)
	return ok && !notName[string(l)]
}

// Valid reports whether a whole structured value looks like a name or a
// part of one: letters with spaces, hyphens, apostrophes, periods and a
// comma ("Smith, John Q."), at most six words, at least one letter.
func Valid(s string) bool {
	if len(s) == 0 || len(s) > 80 {
		return false
	}
	letters, words := 0, 0
	inWord := false
	for _, r := range s {
		switch {
		case r == ' ' || r == ',':
			inWord = false
		case r == '-' || r == '\'' || r == '.' || r == '’':
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127:
			letters++
			if !inWord {
				words++
				inWord = true
			}
		default:
			return false
		}
	}
	if letters == 0 || words > 6 {
		return false
	}
	switch s {
	case "NULL", "null", "N/A", "n/a", "NA", "None", "none", "Unknown", "unknown", "TBD", "Test", "test":
		return false
	}
	return true
}

// Word is a word of free text: its byte range and whether it starts
// with a capital letter or is all capitals.
type Word struct {
	Start, End int
}

// Find looks for a name whose first word is words[0] (the words that
// follow in the same sentence come after it, separated by single spaces
// or ". " after an initial). It returns how many words the name takes
// and the confidence, or 0 words when there is none. titled says the
// word before words[0] was a title (Mr., Ms.).
func Find(text []byte, words []Word, titled bool) (int, float64) {
	once.Do(load)
	if len(words) == 0 {
		return 0, 0
	}
	w0 := text[words[0].Start:words[0].End]
	if !capital(w0) {
		return 0, 0
	}
	if titled {
		n := 1
		for n < len(words) && n < 3 && capital(text[words[n].Start:words[n].End]) && joined(text, words[n-1], words[n]) {
			n++
		}
		return n, 0.8
	}
	if !IsGiven(w0) || !uncommon(w0) || len(w0) < 2 {
		return 0, 0
	}
	// Given [Middle|Initial]{0,2} Surname
	n := 1
	for n < len(words) && n <= 3 && joined(text, words[n-1], words[n]) {
		w := text[words[n].Start:words[n].End]
		if !capital(w) {
			break
		}
		if IsSurname(w) && (n+1 >= len(words) || !joined(text, words[n], words[n+1]) || !capital(text[words[n+1].Start:words[n+1].End]) || !(IsSurname(text[words[n+1].Start:words[n+1].End]))) {
			if !uncommon(w) {
				return 0, 0
			}
			return n + 1, 0.8
		}
		if len(w) == 1 || IsGiven(w) || IsSurname(w) {
			n++
			continue
		}
		break
	}
	return 0, 0
}

func capital(w []byte) bool {
	return len(w) > 0 && w[0] >= 'A' && w[0] <= 'Z'
}

// joined reports whether two words are separated by one space, or by a
// period and a space after an initial.
func joined(text []byte, a, b Word) bool {
	gap := text[a.End:b.Start]
	return len(gap) == 1 && gap[0] == ' ' || a.End-a.Start == 1 && len(gap) == 2 && gap[0] == '.' && gap[1] == ' '
}
