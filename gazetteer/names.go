package gazetteer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// nameTable is a ranked list of names with their frequency per 100,000
// people, parsed from a file of "name,per100k" lines, most frequent first.
type nameTable struct {
	once sync.Once
	file string
	list []string           // normalised names, most frequent first
	freq map[string]float64 // normalised name -> share of population (0..1)
}

func (t *nameTable) load() *nameTable {
	t.once.Do(func() {
		recs := readRecords(t.file, 2)
		// Sized up front: growing a map of 100,000 names one rehash at
		// a time was most of the scan's start.
		t.freq = make(map[string]float64, len(recs))
		t.list = make([]string, 0, len(recs))
		for _, r := range recs {
			f, err := strconv.ParseFloat(r[1], 64)
			if err != nil || f < 0 {
				panic(fmt.Sprintf("gazetteer: data/%s: bad frequency %q", t.file, r[1]))
			}
			n := NormalizeName(r[0])
			if _, dup := t.freq[n]; dup || n == "" {
				continue
			}
			t.list = append(t.list, n)
			t.freq[n] = f / 100000
		}
	})
	return t
}

var (
	givenTable   = nameTable{file: "given_names.csv"}
	surnameTable = nameTable{file: "surnames.csv"}
)

// foldAccent maps common accented Latin letters to their base letter.
var foldAccent = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a',
	'ç': 'c', 'č': 'c', 'ć': 'c',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ě': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i',
	'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u',
	'ý': 'y', 'ÿ': 'y',
	'š': 's', 'ś': 's', 'ž': 'z', 'ź': 'z', 'ż': 'z', 'ř': 'r', 'ł': 'l',
}

// NormalizeName returns the form of a given name or surname used as a key by
// this package: lower case, common accents removed, and everything but
// letters dropped, so "O'Brien" gives "obrien", "José" gives "jose" and
// "De La Cruz" gives "delacruz". This matches how the Census Bureau and the
// Social Security Administration spell names in their lists.
func NormalizeName(s string) string {
	if lowerASCII(s) {
		return s // the shipped lists and most keys: nothing to change
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldAccent[r]; ok {
			r = f
		}
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CommonGivenNames is how many of GivenNames, the first, are the most
// frequent given names, listed as they are. The rest, down to rank 20,000,
// are rarer names that are not also common English words (data/SOURCES.md):
// enough to find "Ngozi" or "Svetlana" in text, where a rare name alone is
// weaker evidence than a common one.
const CommonGivenNames = 5000

// GivenNames returns the shipped given (first) names, lower case, most
// frequent first. Male and female uses of a name are combined.
func GivenNames() []string {
	return slices.Clone(givenTable.load().list)
}

// Surnames returns the shipped surnames, lower case, most frequent first.
func Surnames() []string {
	return slices.Clone(surnameTable.load().list)
}

// CommonWords returns common English words, lower case (see
// data/SOURCES.md): for telling a capitalised ordinary word ("Collections
// Reports") from a name the gazetteer lacks ("Ngozi Okonkwo").
func CommonWords() []string {
	recs := readRecords("common_words.csv", 1)
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r[0]
	}
	return out
}

// IsGivenName reports whether s is a shipped given name, compared after
// NormalizeName (so case-insensitively).
func IsGivenName(s string) bool {
	_, ok := givenTable.load().freq[NormalizeName(s)]
	return ok
}

// IsSurname reports whether s is a shipped surname, compared after
// NormalizeName (so case-insensitively).
func IsSurname(s string) bool {
	_, ok := surnameTable.load().freq[NormalizeName(s)]
	return ok
}

// SurnameFrequency returns the share of the US population that has surname
// s (e.g. about 0.0083 for "Smith"), or 0 if s is not a shipped surname. It
// is meant for term-frequency weighting in record matching: agreement on a
// rare surname is stronger evidence than agreement on a common one.
func SurnameFrequency(s string) float64 {
	return surnameTable.load().freq[NormalizeName(s)]
}

// GivenNameFrequency returns the share of people given the name s (both
// sexes combined), or 0 if s is not a shipped given name. See
// data/SOURCES.md for the population it is measured on.
func GivenNameFrequency(s string) float64 {
	return givenTable.load().freq[NormalizeName(s)]
}

// SurnameParticles are the words that begin surnames in many languages,
// in lower case: de la Cruz, de los Santos, del Rio, van der Berg, von Trapp, da Silva,
// dos Santos, bin Laden.
var SurnameParticles = []string{"de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "las", "le", "los",
	"van", "von", "ten", "ter", "bin", "ibn", "al", "el", "y"}

// SurnameParticle reports whether w, in lower case, is one of
// SurnameParticles.
func SurnameParticle(w string) bool {
	for _, p := range SurnameParticles {
		if w == p {
			return true
		}
	}
	return false
}

// Generational suffixes, by code: Generation returns one of these. They
// tell a father from a son of the same name, who often share an address.
const (
	NoGeneration uint8 = iota
	Junior
	Senior
	Second
	Third
	Fourth
)

// generations maps the written forms of generational suffixes, in lower
// case without periods, to their codes.
var generations = map[string]uint8{"jr": Junior, "junior": Junior, "sr": Senior, "senior": Senior,
	"ii": Second, "2nd": Second, "iii": Third, "3rd": Third, "iv": Fourth, "4th": Fourth}

// GenerationalSuffixes are the short written forms of the generational
// suffixes, in lower case: the ones that follow a name in running text.
var GenerationalSuffixes = []string{"jr", "sr", "ii", "iii", "iv"}

// Generation returns the code of the generational suffix w ("Jr.", "SR",
// "III", "junior"), or NoGeneration.
func Generation(w string) uint8 {
	w = strings.Trim(strings.TrimSpace(w), ".,")
	if len(w) > 6 {
		return NoGeneration
	}
	return generations[strings.ToLower(w)]
}

// lowerASCII reports whether s is made of the letters a-z only, which
// NormalizeName leaves as they are.
func lowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
