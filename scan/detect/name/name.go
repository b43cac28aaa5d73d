// Package name recognises the names of people. In structured data the
// column says what a value is (first, middle, last or full name) and the
// value only has to look like a name. In free text a name is two to four
// capitalised words — a given name from the gazetteer, optional middle
// names or initials, and a surname from the gazetteer — or a title (Mr.,
// Ms., Dr.) followed by capitalised words. Words that begin a street
// address or end in a city, state form are not names.
package name

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan/detect/internal/wordset"
)

// Keywords are words that introduce a person's name in free text.
var Keywords = []string{"name", "borrower", "customer", "from", "dear", "mr", "mrs", "ms", "dr", "applicant", "client", "member", "patient", "employee", "co-borrower", "cosigner", "spoke", "attn", "attention", "insured", "tenant", "signed", "holder"}

// englishTitles are the titles written in any case (MRS SMITH).
var englishTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "mx": true, "prof": true}

// titles adds the titles of letters abroad, where GDPR's people live:
// Frau Schneider, Sra. Villanueva, Señora Martínez, Mme Lefèvre, Signora
// Esposito, Sig.ra Bianchi, Dott. Ferrari, Dhr. de Vries. Not Sr or Don,
// a suffix and a given name. Those of dottedTitles are titles only with
// their period.
var titles = func() map[string]bool {
	m := map[string]bool{"herr": true, "frau": true, "sra": true, "srta": true, "senor": true, "senora": true, "mme": true,
		"mlle": true, "monsieur": true, "madame": true, "signor": true, "signora": true, "dhr": true, "mevr": true,
		"señor": true, "señora": true, "señorita": true}
	for t := range dottedTitles {
		m[t] = true
	}
	for t := range englishTitles {
		m[t] = true
	}
	return m
}()

// dottedTitles are Italian abbreviated titles, written with a period and
// often a feminine ending after it (Sig.ra, Sig.na, Dott.ssa): without
// the period "Sig" is as often a brand (Sig Sauer).
var dottedTitles = map[string]bool{"sig": true, "dott": true, "avv": true}

// TitleEnd returns where the title text[i:j] (its letters, a lexicon
// Title) ends with what belongs to it: the period of "Dr." and the
// feminine ending of "Sig.ra" or "Dott.ssa". It returns -1 when the word
// is a title only with a period it lacks.
func TitleEnd(text []byte, i, j int) int {
	if j < len(text) && text[j] == '.' {
		k := j + 1
		for k < len(text) && k-j <= 4 && text[k] >= 'a' && text[k] <= 'z' {
			k++
		}
		switch string(text[j+1 : k]) {
		case "ra", "na", "ssa":
			if k < len(text) && text[k] == '.' {
				k++
			}
			return k
		}
		return j + 1
	}
	var b [32]byte
	if l, ok := lower(text[i:j], &b); ok && dottedTitles[string(l)] {
		return -1
	}
	return j
}

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
	// Rarer given names that begin places: San Francisco, Easter Island.
	"san": true, "santa": true, "easter": true,
	// Names the registers hold that are words of a record's state.
	"unknown": true,
}

// isPlaceStart reports whether w is one of the words of notName that
// begin a place's name far more often than a person's.
func isPlaceStart(w []byte) bool {
	for _, p := range [...]string{"saint", "st", "san", "santa", "fort", "mount", "lake", "new"} {
		if bytes.EqualFold(w, []byte(p)) {
			return true
		}
	}
	return false
}

// Role says what a word can be around a name. A word may have several
// roles ("Kim" is a given name and a surname), or-ed together.
type Role uint32

// The roles of the name lexicon.
const (
	Given    Role = 1 << iota // a given name of the gazetteer
	Surname                   // a surname of the gazetteer
	Title                     // Mr, Ms, Dr...
	Common                    // a name far more often an ordinary word (Will, Bill, Lake)
	Stop                      // a word that stands next to names without being one
	Cue                       // a word that introduces a lower-case name ("for jane doe")
	Particle                  // a word of a surname before its main word (de la Cruz, van Dyke)
	Suffix                    // a generational suffix after a name (Jr, Sr, III)
	Rare                      // a rarer given name of the gazetteer (Ngozi, Svetlana): weaker alone than Given
)

// particles are the gazetteer's surname particles, as a set.
var particles = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range gazetteer.SurnameParticles {
		m[p] = true
	}
	return m
}()

// IsParticle reports whether w, in lower case, is a surname particle
// (de, van, del...). It is asked of every lower-case word after a
// capitalised one, so it compares bytes rather than looking words up.
func IsParticle(w []byte) bool {
	switch string(w) {
	case "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "las", "le", "los", "van", "von",
		"ten", "ter", "bin", "ibn", "al", "el", "y": // gazetteer.SurnameParticles (TestIsParticle)
		return true
	}
	return false
}

// PostNominal reports whether w is a degree or a licence written after
// a name ("Jane Eckles PhD", "Ana Ruiz RN", "Tom Hale Esq"): it ends the
// name and is no part of it. Only the written forms of the professions
// are taken ("MD", "PhD"), not words ("Do"). "MD" and "DO" are asked
// without the periods of "M.D.", which WordEnd leaves out.
func PostNominal(w []byte) bool {
	switch string(w) {
	case "MD", "DO", "PhD", "PHD", "RN", "NP", "DDS", "DMD", "DPM", "OD", "PharmD", "Esq", "ESQ", "CPA", "JD", "MBA", "LPN", "LVN", "CNA",
		"CRNA", "APRN", "FNP", "LCSW", "LMFT", "LPC", "PsyD", "EdD", "DNP", "MSN", "BSN", "FACS", "FACP", "FAAP", "MPH", "CFP", "CFA", "RPh",
		"PA-C", "DVM", "FNP-C", "FNP-BC", "MSW", "LICSW", "OTR", "DPT", "PT", "CRNP", "DrPH", "MPA", "CPNP", "RD", "LD", "CNM", "CNS":
		return true
	}
	return false
}

// particleFold is IsParticle in any case ("DE", "Van"), without a
// lexicon lookup: SurnameFirst asks it of every capitalised word.
func particleFold(w []byte) bool {
	var b [12]byte
	l, ok := foldShort(w, &b, 5)
	return ok && IsParticle(l)
}

// foldShort lowers the ASCII letters of w into buf, when w is not empty
// and at most max bytes long (a fixed buffer: no bounds check in the
// loop, which runs for every capitalised word).
func foldShort(w []byte, buf *[12]byte, max int) ([]byte, bool) {
	if len(w) == 0 || len(w) > max || len(w) > len(buf) {
		return nil, false
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

// suffixes tell a father from a son: part of the name, and of who it is.
var suffixes = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range gazetteer.GenerationalSuffixes {
		m[w] = true
	}
	return m
}()

var (
	once sync.Once
	// lex holds every word of the lexicon with its roles, so that one
	// lookup answers every question asked of a word.
	lex *wordset.Set
)

func load() {
	l := Lexicon()
	m := make(map[string]uint32, len(l))
	for w, r := range l {
		m[w] = uint32(r)
	}
	lex = wordset.New(m)
}

// Lexicon returns the words this package knows, lower case, with their
// roles: for a caller that folds these roles into a word lookup of its
// own (the detector's keyword table) and so looks each word up once.
func Lexicon() map[string]Role {
	given, surnames := gazetteer.GivenNames(), gazetteer.Surnames()
	m := make(map[string]Role, len(given)+len(surnames)) // sized: growing it was a tenth of the scan's start
	for i, w := range given {
		if i < gazetteer.CommonGivenNames {
			m[w] |= Given
		} else {
			m[w] |= Rare
		}
	}
	for _, w := range surnames {
		m[w] |= Surname
	}
	for _, set := range []struct {
		words map[string]bool
		role  Role
	}{{titles, Title}, {notName, Common}, {stop, Stop}, {cues, Cue}, {particles, Particle}, {suffixes, Suffix}} {
		for w, ok := range set.words {
			if ok {
				m[w] |= set.role
			}
		}
	}
	return m
}

// lower lower-cases a word into buf, spelling accented Latin letters in
// ASCII (José as jose) and leaving out apostrophes and hyphens (O'Brien
// as obrien); false if w has other bytes than letters or is too long.
func lower(w []byte, buf *[32]byte) ([]byte, bool) {
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 32
		case c >= 'a' && c <= 'z':
		case c == '\'' || c == '-':
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(w[i:])
			i += n - 1
			if apostrophe(r) {
				continue
			}
			f := fold(r)
			if f == "" || len(b)+len(f) > len(buf) {
				return nil, false
			}
			b = append(b, f...)
			continue
		default:
			return nil, false
		}
		if len(b) == len(buf) {
			return nil, false
		}
		b = append(b, c)
	}
	return b, true
}

// RolesOf returns the roles of a word in any case; 0 for a word the
// lexicon lacks or one with bytes other than letters, apostrophes and
// hyphens. A hyphenated word also takes the roles of its parts: a given
// name from its first part (Jean-Luc, Mary-Kate), a surname from any
// (García-López, Smith-Jones).
func RolesOf(w []byte) Role {
	once.Do(load)
	var buf [32]byte
	l, ok := lower(w, &buf)
	if !ok {
		return 0
	}
	v, _ := lex.Lookup(l)
	r := Role(v)
	if string(w) == "Ó" || string(w) == "Ní" {
		// Irish surnames' particles: Siobhán Ó Briain, Áine Ní Bhriain.
		r |= Particle
	}
	if h := bytes.IndexByte(w, '-'); h > 0 && h < len(w)-1 {
		first := true
		for part := range bytes.SplitSeq(w, []byte("-")) {
			p := RolesOf(part)
			if first {
				r |= p & (Given | Common | Stop | Title)
				first = false
			}
			r |= p & Surname
		}
	}
	return r
}

// IsGiven reports whether the word is a given name (ASCII, any case).
func IsGiven(w []byte) bool { return RolesOf(w)&Given != 0 }

// IsSurname reports whether the word is a surname (ASCII, any case).
func IsSurname(w []byte) bool { return RolesOf(w)&Surname != 0 }

// TitleCase reports whether w, a title of the lexicon, is written as a
// title: in any case for the English ones (MRS SMITH in a mail merge),
// with small letters for those of other languages (Sra, not a program's
// SRA; Frau, not FRAU).
func TitleCase(w []byte) bool {
	if !capitals(w) {
		return true
	}
	var b [32]byte
	l, ok := lower(w, &b)
	return ok && englishTitles[string(l)]
}

// HasStop reports whether a word of s is one that names no person but a
// place or an organisation, and is no name of the gazetteer
// ("Nantucket Cottage Hospital", "Fontaine Medical Center", "Acme Inc";
// not "Valerie Hall").
func HasStop(s string) bool {
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if r := RolesOf([]byte(w)); r&Stop != 0 && r&(Given|Surname) == 0 {
			return true
		}
	}
	return false
}

// IsTitle reports whether the word is a title such as Mr or Dr.
func IsTitle(w []byte) bool { return RolesOf(w)&Title != 0 }

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
		case r == ' ' || r == ',' || r == '&':
			inWord = false // "John & Mary Smith": a loan's joint borrowers in one cell
		case r == '-' || r == '\'' || r == '.' || r == '’':
		case r == '"' || r == '(' || r == ')' || r == '“' || r == '”':
			inWord = false // a nickname: Robert "Bob" Smith, Dana (DJ) Whitfield
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
	core := s
	if c := s[0]; c == '"' || c == '(' || c >= 0x80 {
		core = strings.Trim(s, `"()“” `)
	}
	switch core {
	case "NULL", "null", "N/A", "n/a", "NA", "None", "none", "Unknown", "unknown", "TBD", "Test", "test", "blank", "Blank", "empty", "Empty":
		return false // also "(none)", "(blank)": placeholders, not names
	}
	return true
}

// ValidNumbered reports whether s is a name each of whose words has one
// to three digits after its letters ("Jacinto644", "José Eduardo181
// Gómez206"), as synthetic patient records (Synthea's) make names unique:
// a name only under a column of names.
func ValidNumbered(s string) bool {
	if len(s) == 0 || len(s) > 80 {
		return false
	}
	var buf [80]byte
	b := buf[:0]
	for w := range strings.FieldsSeq(s) {
		k := len(w)
		for k > 0 && w[k-1] >= '0' && w[k-1] <= '9' {
			k--
		}
		if n := len(w) - k; n > 3 || k < 2 {
			return false
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, w[:k]...)
	}
	return len(b) < len(s) && Valid(string(b))
}

// Word is a word of free text: its byte range and its roles (RolesOf),
// which the caller looks up once.
type Word struct {
	Start, End int
	Roles      Role
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
	if !Capital(w0) {
		return 0, 0
	}
	if titled {
		if ordinary(w0, words[0].Roles) && len(w0) <= 4 {
			return 0, 0 // "Miss. We did not find": a short word of the language
		}
		n := 1
		for n < len(words) && n < 3 && Capital(text[words[n].Start:words[n].End]) && joined(text, words[n-1], words[n]) {
			n++
		}
		return n, 0.8
	}
	if words[0].Roles&Given == 0 || len(w0) < 2 {
		return 0, 0
	}
	if words[0].Roles&Common != 0 {
		// Joy, Will, Grace: given names that are also words make a name
		// only before a surname that is not one ("JOY PATTERSON", not
		// "Grace Period"); and none begins a place ("Saint Kitts", "San
		// Marino", "Fort Knox").
		if isPlaceStart(w0) {
			return 0, 0
		}
		if len(words) < 2 || !joined(text, words[0], words[1]) || words[1].Roles&(Surname|Common|Stop) != Surname ||
			!Capital(text[words[1].Start:words[1].End]) || len(words) > 2 && joined(text, words[1], words[2]) && Capital(text[words[2].Start:words[2].End]) && words[2].Roles&Suffix == 0 {
			return 0, 0
		}
		return withSuffix(text, words, 2), 0.7
	}
	// Given [Middle|Initial]{0,2} [particles] Surname [Jr|Sr|III]
	n := 1
	for n < len(words) && n <= 5 && joined(text, words[n-1], words[n]) {
		w, r := text[words[n].Start:words[n].End], words[n].Roles
		if r&Particle != 0 && particleAt(text, words, n) {
			n++
			continue
		}
		if !Capital(w) {
			break
		}
		if r&Surname != 0 && (n+1 >= len(words) || !joined(text, words[n], words[n+1]) || !Capital(text[words[n+1].Start:words[n+1].End]) || words[n+1].Roles&Surname == 0) &&
			!(r&Given != 0 && n+1 < len(words) && joined(text, words[n], words[n+1]) && particleAt(text, words, n+1)) {
			// (A given name that is a surname too, then a surname's
			// particles, is a middle name: "Juan Carlos de la Cruz".)
			if r&Common != 0 {
				// King, Long, Ray: surnames that are also words.
				return withSuffix(text, words, n+1), 0.7
			}
			if lastUnknown(text, words, n+1, r&Given != 0) {
				// "Julian Andres Klode <jak@…>": a middle name that is
				// a surname too, then a surname the gazetteer lacks
				// where the name plainly ends.
				return n + 2, 0.8
			}
			return withSuffix(text, words, n+1), 0.8
		}
		if len(w) == 1 || r&(Given|Surname) != 0 {
			n++
			continue
		}
		if n >= 2 && lastUnknown(text, words, n, true) {
			// "(Juan José Arboleda)": two given names, then a surname
			// the gazetteer lacks where the name plainly ends.
			return n + 1, 0.7
		}
		break
	}
	return 0, 0
}

// stop are capitalised words that follow or precede given names in
// business text without being names.
var stop = map[string]bool{
	"period": true, "bank": true, "mortgage": true, "services": true, "service": true, "payment": true, "payments": true,
	"account": true, "loan": true, "insurance": true, "company": true, "group": true, "inc": true, "llc": true, "corp": true,
	"center": true, "department": true, "team": true, "support": true, "corporation": true, "incorporated": true, "institute": true, "associates": true, "the": true, "and": true, "of": true, "for": true,
	"from": true, "with": true, "to": true, "in": true, "on": true, "at": true, "by": true, "card": true, "number": true,
	"date": true, "due": true, "total": true, "balance": true, "amount": true, "statement": true, "escrow": true, "tax": true,
	"county": true, "city": true, "state": true, "street": true, "road": true, "avenue": true, "drive": true, "university": true,
	"college": true, "school": true, "hospital": true, "church": true, "foundation": true, "trust": true, "fund": true,
	"financial": true, "harbor": true, "capital": true, "national": true, "federal": true, "savings": true, "credit": true,
	"union": true, "office": true, "house": true, "hall": true, "building": true, "plaza": true, "tower": true, "mall": true,
	"email": true, "phone": true, "address": true, "name": true, "dob": true, "ssn": true, "id": true, "note": true, "notes": true,
	"please": true, "thanks": true, "thank": true, "dear": true, "hi": true, "hello": true, "regards": true, "sincerely": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"lines": true, "movers": true, // Allied Van Lines, Two Men and a Truck Movers
	// Street words of Portuguese and Italian addresses: Rua Garrett,
	// Viale Monza (Calle and Avenida are listed above).
	"rua": true, "viale": true, "piazza": true, "travessa": true, "praça": true,
	"borrower": true, "customer": true, "agent": true, "manager": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"error": true, "warn": true, "info": true, "debug": true, "called": true, "verified": true, "requests": true,
	// Words that open a sentence before a comma ("Also, Kay Mann's new
	// cell…"), where surname-first names are looked for; none is a
	// surname.
	"also": true, "however": true, "therefore": true, "meanwhile": true, "otherwise": true, "besides": true, "finally": true,
	"additionally": true, "furthermore": true, "moreover": true, "unfortunately": true, "fortunately": true, "instead": true,
	"anyway": true, "actually": true, "currently": true, "recently": true, "previously": true, "originally": true, "yes": true,
	"okay": true, "sorry": true, "congratulations": true, "attention": true, "fyi": true, "regarding": true, "hey": true,
	"everyone": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true, "again": true, "then": true,
	// A ship in an FPO address ("USNS Harris"), a unit's or a post
	// office's box in an APO address ("Unit 2050 Box 4190", "PSC 1234").
	"uss": true, "usns": true, "uscgc": true, "unit": true, "psc": true, "cmr": true,
	// A street's word written first, in Spanish and Puerto Rico's
	// addresses ("Calle Luna", "Avenida Ponce").
	"calle": true, "avenida": true, "carretera": true, "urb": true, "urbanizacion": true,
	// Places and a document's parts ("Long Island", "Meta Section").
	"island": true, "islands": true, "section": true,
	// A program's values ("False, True", "OBJECT, True", "NaN Invalid",
	// "DASH URL"), and a region's name ("Asia Pacific").
	"true": true, "false": true, "none": true, "null": true, "self": true, "invalid": true, "url": true, "uri": true,
	"api": true, "http": true, "https": true, "json": true, "xml": true, "sql": true, "pacific": true, "atlantic": true,
}

// plausible reports whether w, with roles r, can be a name word the
// gazetteer lacks: two or more letters (apostrophes and hyphens allowed)
// with a vowel or known as a surname (Ng), and not a stop word.
func plausible(w []byte, r Role) bool {
	if len(w) < 2 || len(w) > 20 || r&(Stop|Common) != 0 {
		return false
	}
	vowel := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '\'' || c == '-':
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			switch c | 0x20 {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				vowel = true
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(w[i:])
			i += n - 1
			if apostrophe(r) {
				continue
			}
			if !unicode.IsLetter(r) {
				return false
			}
			switch fold(r) {
			case "a", "e", "i", "o", "u", "y", "ae", "oe":
				vowel = true
			}
		default:
			return false
		}
	}
	// Ng, a surname of the gazetteer, has no vowel.
	return vowel || r&Surname != 0
}

// Plausible reports whether w can start a name the gazetteer may lack;
// false rules out Find and Loose both, so a caller need not collect the
// words after it.
func Plausible(w []byte, r Role) bool {
	return r&Given != 0 && len(w) >= 2 || plausible(w, r)
}

// Loose looks for a name where only one of the first and last words is
// in the gazetteer: a given name and a plausible surname, or a plausible
// given name and a surname (misspelt and uncommon names). It returns the
// number of words and the confidence, lower than Find's.
func Loose(text []byte, words []Word) (int, float64) {
	once.Do(load)
	if len(words) < 2 {
		return 0, 0
	}
	w0 := text[words[0].Start:words[0].End]
	// A given name that is an ordinary word too (Bill, Grant, Mark) goes
	// on only written as a name, for commonGiven below.
	commonFirst := words[0].Roles&(Given|Common) == Given|Common && NameCase(w0) && !placeWord(w0)
	if !Capital(w0) || !plausible(w0, words[0].Roles) && !commonFirst {
		return 0, 0
	}
	if words[0].Roles&(Particle|Given) == Particle {
		return 0, 0 // DE LA CRUZ, MARIA: the surname comes first (SurnameFirst)
	}
	if placeBefore(text, words[0].Start) {
		return 0, 0 // the Los Angeles Lakers, San Jose Sharks: a place's name
	}
	// Vietnamese order: a surname, Van or Thi, a given name (Nguyen Van
	// Thanh, Tran Thi Mai, Nguyễn Văn An). The given name may be an
	// English word as well (An, Long, Son): after Văn or Thị, written
	// with their marks, it is a name (not after "Van": Brown Van Lines).
	if len(words) >= 3 && words[0].Roles&Surname != 0 && joined(text, words[0], words[1]) && joined(text, words[1], words[2]) {
		w1, w2 := text[words[1].Start:words[1].End], text[words[2].Start:words[2].End]
		var b [32]byte
		if l, ok := lower(w1, &b); ok && (string(l) == "van" || string(l) == "thi") && Capital(w2) &&
			(plausible(w2, words[2].Roles) || len(w1) > 3 && NameCase(w2) && NameCase(text[words[0].Start:words[0].End]) && onlyLetters(w2)) {
			return 3, 0.7
		}
	}
	n := 1
	if len(words) > 2 && words[1].End-words[1].Start == 1 && Capital(text[words[1].Start:words[1].End]) && joined(text, words[0], words[1]) {
		n = 2 // middle initial
	}
	np := n
	for n < len(words) && words[n].Roles&Particle != 0 && joined(text, words[n-1], words[n]) && particleAt(text, words, n) {
		n++ // de la, van der
	}
	particled := n > np
	if n >= len(words) || !joined(text, words[n-1], words[n]) {
		return 0, 0
	}
	wl, rl := text[words[n].Start:words[n].End], words[n].Roles
	if !Capital(wl) || !plausible(wl, rl) {
		return 0, 0
	}
	// A further capitalised word makes it a title or an organisation,
	// unless it is a suffix (Jr, III).
	if m := withSuffix(text, words, n+1); m > n+1 {
		n = m - 1
	} else if n+1 < len(words) && joined(text, words[n], words[n+1]) && Capital(text[words[n+1].Start:words[n+1].End]) && !labelAfter(text[words[n+1].Start:words[n+1].End]) {
		w2 := text[words[n+1].Start:words[n+1].End]
		if !particled || words[n+1].Roles&(Surname|Common) != Surname || !NameCase(w2) || n+2 < len(words) && joined(text, words[n+1], words[n+2]) && Capital(text[words[n+2].Start:words[n+2].End]) {
			return 0, 0
		}
		// A Spanish name's second surname after a first one with its
		// particles: Maria de los Santos Gutierrez.
		n++
		wl, rl = w2, words[n].Roles
	}
	r0 := words[0].Roles
	g, s := r0&(Given|Common) == Given, rl&(Surname|Common) == Surname
	// A rare given name counts written as a name is, Ngozi Okonkwo; not
	// in capitals (USTAR, PAX, KEM, a program's words), before one
	// (Param AST, Berkeley TestFloat) or before an ordinary word (Chan
	// Value).
	rare := !g && r0&(Rare|Common|Stop) == Rare && NameCase(w0) && NameCase(wl) && !ordinary(wl, rl)
	if !s && determinerBefore(text, words[0].Start) && ordinary(wl, rl) {
		// "the Ledger Report", "our Art Director": a thing or a post with
		// a given name's word first, not a person (Rob Pike, Tom Lord
		// stand without "the").
		return 0, 0
	}
	// A given name that is an ordinary word too (Bill, Grant, Mark)
	// before a word written as a name that is none (Bill Hartley): "Bill
	// Payment", "Grant Application" have an ordinary word second.
	// Not after "the" (the Chase Sapphire card) or another capitalised
	// word (Hebrew Mark Dagesh, a character's name), not before a word
	// of the language that is no surname (Will Echo), a country (Lake
	// Malawi) or a word joined to a small one (Lake Formation-managed).
	commonGiven := commonFirst && NameCase(wl) && rl&(Common|Stop) == 0 && !ordinary(wl, rl) &&
		(rl&Surname != 0 || !ordinary(wl, 0)) && !isCountry(wl) && !lowerAfterHyphen(wl)
	if commonFirst && (!commonGiven || determinerBefore(text, words[0].Start) || capitalBefore(text, words[0].Start)) {
		return 0, 0
	}
	switch {
	case g && s:
		return n + 1, 0.8
	case g && !(acronym(w0) && hasSmall(wl)):
		// A given name and a word the gazetteer lacks; not a given
		// name's letters in capitals before a word that is not ("ISA
		// Manual", an acronym).
		return n + 1, 0.65
	case rare && s:
		return n + 1, 0.7
	case rare, commonGiven:
		return n + 1, 0.6
	case s && (!ordinary(w0, r0) && !(len(w0) == 2 && !hasSmall(w0)) || addressAfter(text, words[n].End) || !hasSmall(w0) && gazetteer.SurnameFrequency(string(wl)) >= commonSurname && len(gazetteer.FormalNames(string(w0))) > 0):
		// A first word the gazetteer lacks before a surname it knows
		// (Ngozi Okafor, JOOLYNN SMITH); not an ordinary word ("No Rand
		// methods", "An Adler-32 checksum", "CAPITAL LETTER YI") unless
		// an e-mail address follows (Havoc Pennington <hp@…>), or, in
		// capitals, a nickname before a common surname (DOT LANG; not
		// "CYRILLIC SMALL LETTER YU").
		return n + 1, 0.6
	}
	return 0, 0
}

// placeWord reports a given name that starts places' names more often
// than people's: Saint Kitts, Lake Tahoe, Fort Worth, Mount Shasta.
func placeWord(w []byte) bool {
	for _, p := range placeWords {
		if bytes.EqualFold(w, p) {
			return true
		}
	}
	return false
}

var placeWords = [][]byte{[]byte("saint"), []byte("san"), []byte("santa"), []byte("lake"), []byte("fort"), []byte("port"), []byte("mount"), []byte("cape")}

// placeBefore reports whether the word one blank before text[i] starts
// places' names with a given name after it: Los (Angeles), Las, San
// (Jose), Santa (Maria), El.
func placeBefore(text []byte, i int) bool {
	if i < 3 || text[i-1] != ' ' {
		return false
	}
	k := i - 1
	for k > 0 && letter(text[k-1]) && i-k < 8 {
		k--
	}
	if k > 0 && letter(text[k-1]) {
		return false
	}
	switch string(text[k : i-1]) {
	case "Los", "LOS", "Las", "LAS", "San", "SAN", "Santa", "SANTA", "El", "EL":
		return true
	}
	return false
}

// capitalBefore reports whether a capitalised word stands one blank
// before text[i], on the same line.
func capitalBefore(text []byte, i int) bool {
	if i < 2 || text[i-1] != ' ' {
		return false
	}
	k := i - 1
	for k > 0 && letter(text[k-1]) {
		k--
	}
	return k < i-1 && text[k] >= 'A' && text[k] <= 'Z'
}

// isCountry reports whether w names a country (Malawi, Chad).
func isCountry(w []byte) bool {
	_, ok := gazetteer.CountryCode(string(w))
	return ok && len(w) > 3 // not a code (US, GBR)
}

// lowerAfterHyphen reports a word joined by a hyphen to one in small
// letters (Formation-managed), as no double surname is written.
func lowerAfterHyphen(w []byte) bool {
	h := bytes.IndexByte(w, '-')
	return h >= 0 && h+1 < len(w) && w[h+1] >= 'a' && w[h+1] <= 'z'
}

// determinerBefore reports whether the word before text[i] is an article,
// a demonstrative or a possessive ("the", "our"), which stands before a
// thing's name and not before a person's.
func determinerBefore(text []byte, i int) bool {
	j := i
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	if j == i {
		return false
	}
	k := j
	for k > 0 && letter(text[k-1]) {
		k--
	}
	if j-k < 1 || j-k > 5 {
		return false
	}
	switch strings.ToLower(string(text[k:j])) {
	case "the", "a", "an", "our", "your", "their", "his", "her", "its", "my", "this", "that", "these", "those", "each", "every", "any", "no":
		return true
	}
	return false
}

// NameCase reports whether w is written as a name usually is: a capital,
// then small letters, with one more capital only after Mc or Mac, an
// apostrophe or a hyphen (McDonald, O'Neil, Smith-Jones).
func NameCase(w []byte) bool {
	if len(w) < 2 || !Capital(w) {
		return false
	}
	small := false
	for k := 1; k < len(w); k++ {
		c := w[k]
		switch {
		case c >= 'a' && c <= 'z' || c >= utf8.RuneSelf:
			small = true
		case c >= 'A' && c <= 'Z':
			p := w[k-1]
			if !(p == '\'' || p == '-' || k == 2 && w[0] == 'M' && w[1] == 'c' || k == 3 && w[0] == 'M' && w[1] == 'a' && w[2] == 'c') {
				return false
			}
		}
	}
	return small
}

// onlyLetters reports whether w is letters only, ASCII or not.
func onlyLetters(w []byte) bool {
	for _, c := range w {
		if !letter(c) && c < utf8.RuneSelf {
			return false
		}
	}
	return true
}

// particleAt reports whether words[n] is a surname particle that a
// capitalised word of the name follows.
func particleAt(text []byte, words []Word, n int) bool {
	return words[n].Roles&Particle != 0 && n+1 < len(words) && joined(text, words[n], words[n+1]) &&
		Capital(text[words[n+1].Start:words[n+1].End]) && words[n+1].Roles&(Particle|Suffix) == 0 ||
		// de la Cruz: two particles, then the word.
		words[n].Roles&Particle != 0 && n+2 < len(words) && words[n+1].Roles&Particle != 0 && joined(text, words[n], words[n+1]) && particleAt(text, words, n+1)
}

// lastUnknown reports whether words[m] is a capitalised word the
// gazetteer lacks, no ordinary English word, joined to the word before
// it, and the name plainly ends after it: an e-mail address follows
// ("Daniel Kahn Gillmor <dkg@…>"), or, when the word before may be a
// middle name (given), the text or its line ends, or a bracket, a comma
// or two blanks follow.
func lastUnknown(text []byte, words []Word, m int, given bool) bool {
	if m >= len(words) || !joined(text, words[m-1], words[m]) {
		return false
	}
	w, r := text[words[m].Start:words[m].End], words[m].Roles
	if r != 0 || !Capital(w) || !plausible(w, r) || ordinary(w, r) {
		return false
	}
	e := words[m].End
	if addressAfter(text, e) {
		return true
	}
	return given && (fieldEnd(text, e) || e < len(text) && text[e] == ')' || e+1 < len(text) && text[e] == ' ' && text[e+1] == ']')
}

// withSuffix returns m, the number of words of a name, plus one when the
// word after it is a generational suffix (Jr, Sr, III).
func withSuffix(text []byte, words []Word, m int) int {
	if m < len(words) && words[m].Roles&Suffix != 0 && joined(text, words[m-1], words[m]) {
		return m + 1
	}
	return m
}

// cues are words that introduce a name written in lower case ("for jane
// doe", "name=jane doe").
var cues = map[string]bool{"for": true, "from": true, "borrower": true, "customer": true, "name": true, "named": true, "client": true, "applicant": true, "member": true, "user": true, "dear": true, "hi": true, "hello": true, "with": true, "by": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"patient": true, "insured": true, "subscriber": true, "employee": true, "tenant": true, "student": true, "guarantor": true, "beneficiary": true,
	"cardholder": true, "policyholder": true, "claimant": true, "spouse": true}

// commonSurname is the share of people with a surname (11.5 per
// 100,000) above which it is among the 1,022 commonest of the 2010
// Census.
const commonSurname = 11.5e-5

// acronym reports whether w is two to five capitals: IMAP, ISA.
func acronym(w []byte) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, c := range w {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// hasSmall reports whether w has a small ASCII letter: a word written as
// a name (Ngozi, JingPiao), not in capitals.
func hasSmall(w []byte) bool {
	for _, c := range w {
		if c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// addressAfter reports whether an e-mail address in angle brackets
// follows text[e] after one or two blanks: the words before it are its
// display name.
func addressAfter(text []byte, e int) bool {
	k := e
	for k < len(text) && k-e < 2 && text[k] == ' ' {
		k++
	}
	return k > e && k < len(text) && text[k] == '<'
}

// ListItemEnd reports whether a name written surname first ends a list's
// item at text[e]: a semicolon or an address in angle brackets follows,
// or the line ends before another item written so ("Heard, Marie\r\nHendry, Brent", "Tweed, Sheila; Sacks,
// Edward", "Heard, Marie </O=ENRON/…>"); not "Family, Len, terminating
// NUL".
func ListItemEnd(text []byte, e int) bool {
	if e >= len(text) {
		return false
	}
	switch text[e] {
	case '\r', '\n':
		// One name a line: the next line's item is written so too.
		k := e
		for k < len(text) && (text[k] == '\r' || text[k] == '\n') && k-e < 2 {
			k++ // at the margin: an indented line goes on a wrapped list
		}
		// The next line is an item written so ("Van Hooser, Steve"),
		// within three capitalised words, or a mail's next header
		// ("To:\tTweed, Sheila\r\nCc:").
		for n := 0; n < 3; n++ {
			w := WordEnd(text, k)
			if w == k || w+1 >= len(text) || !Capital(text[k:w]) {
				return false
			}
			if text[w] == ',' && text[w+1] == ' ' || n == 0 && text[w] == ':' {
				return true
			}
			if text[w] != ' ' {
				return false
			}
			k = w + 1
		}
		return false
	case ';':
		return true
	case ' ':
		return e+1 < len(text) && text[e+1] == '<'
	}
	return false
}

// commaBefore reports whether a comma ends the item before text[i], with
// blanks or a line break between, or before a capitalised word that
// ends there ("…, Gary\n    Tierney"): the word at i goes on a list.
func commaBefore(text []byte, i int) bool {
	k := blanksBefore(text, i)
	if k < i && k > 0 && text[k-1] == ',' {
		return true
	}
	if k == i || text[i-1] != ' ' && text[i-1] != '\t' || bytes.IndexByte(text[k:i], '\n') < 0 {
		// Across a line break only into an indented line, a wrapped
		// list's: one name a line at the margin ("Hendry, Brent\r\n
		// Leite, Francisco") is a list of its own.
		return false
	}
	w := k
	for w > 0 && letter(text[w-1]) {
		w--
	}
	if w == k || !(text[w] >= 'A' && text[w] <= 'Z') {
		return false
	}
	k = blanksBefore(text, w)
	return k < w && k > 0 && text[k-1] == ','
}

// blanksBefore returns where the blanks and line breaks (at most 16)
// that end at text[i] start.
func blanksBefore(text []byte, i int) int {
	k := i
	for k > 0 && i-k < 16 && (text[k-1] == ' ' || text[k-1] == '\t' || text[k-1] == '\n' || text[k-1] == '\r') {
		k--
	}
	return k
}

// fieldEnd reports whether a name's field ends at text[i]: the text or
// its line ends, or a comma, semicolon, tab, bracket or two blanks
// follow.
func fieldEnd(text []byte, i int) bool {
	if i >= len(text) {
		return true
	}
	switch text[i] {
	case '\n', '\r', '\t', ',', ';', '(':
		return true
	case ' ':
		return i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '(')
	}
	return false
}

// SuffixAfter returns where a name ending at text[end] ends with the
// generational suffix that may follow it after one blank ("Jr", "III"),
// or end when none does.
func SuffixAfter(text []byte, end int) int {
	once.Do(load)
	if end+1 >= len(text) || text[end] != ' ' {
		return end
	}
	if j := WordEnd(text, end+1); j > end+1 && RolesOf(text[end+1:j])&Suffix != 0 {
		return j
	}
	return end
}

// joined reports whether two words are separated by one space, or by a
// period and a space or two blanks after an initial.
func joined(text []byte, a, b Word) bool {
	gap := text[a.End:b.Start]
	// After an initial, ". " or two blanks: a W-2's "first name and
	// initial" box ends before its "Last name" one ("DESHAWN T  MITCHELL").
	// A line break only where the detector let one in, a paragraph's
	// wrapping between a name's first two words.
	return len(gap) == 1 && (gap[0] == ' ' || gap[0] == '\n') || a.End-a.Start == 1 && len(gap) == 2 && (gap[0] == '.' || gap[0] == ' ') && gap[1] == ' '
}

// SurnameFirst finds a name written surname first, "Kim, Patricia" or
// "Kim, Patricia A.", whose first word is text[i:j]: a capitalised
// surname of the gazetteer, a comma and a space, and a capitalised given
// name of the gazetteer, optionally with a middle initial. Neither may be
// an ordinary word ("Will", "Long"). After a cue ("Name: O'NEIL,
// MARCUS") the surname need not be in the gazetteer, only not an
// ordinary word, and the confidence is lower. It returns the end of the
// name and its confidence, or 0.
func SurnameFirst(text []byte, i, j int, cued bool) (int, float64) {
	once.Do(load)
	w := text[i:j]
	// Particles before the surname: "DE LA CRUZ, MARIA", "Van Dyke, Ann".
	particled := false
	for p := 0; p < 3 && j+1 < len(text) && text[j] == ' ' && particleFold(w); p++ {
		e := WordEnd(text, j+1)
		if e == j+1 {
			return 0, 0
		}
		i, j, particled = j+1, e, true
		w = text[i:j]
	}
	if j+3 >= len(text) || text[j] != ',' || text[j+1] != ' ' && !(text[j+1] >= 'A' && text[j+1] <= 'Z') || !Capital(w) || i > 0 && (text[i-1] == '{' || text[i-1] == '(' || text[i-1] == '[' || text[i-1] == '.') {
		// Not "{Mask, Len}", "(Index, Len)": a program's list.
		return 0, 0
	}
	// "SMITH,JAMES D": no blank after the comma, as health records'
	// systems write a name; held to a stricter test below.
	tight := text[j+1] != ' '

	conf := 0.75
	listOnly := false // taken only where a list's item plainly ends
	switch roles := RolesOf(w); {
	case roles&(Surname|Common) == Surname:
	case cued && roles&(Title|Cue) == 0 && plausible(w, roles):
		conf = 0.7
	case particled && roles&(Title|Cue|Stop) == 0 && plausible(w, roles&^(Common|Given)):
		// "De Luca, Marco": the particle says surname, whatever else
		// its word is (Luca is a given name too).
		conf = 0.7
	case roles&(Surname|Common|Stop) == Surname|Common:
		// White, Young, Long: surnames that are words too, in a list
		// one name a line ("White, Ann\r\n").
		conf, listOnly = 0.7, true
	case roles&(Title|Cue|Given) == 0 && len(w) >= 3:
		// A surname the gazetteer lacks, before a given name it knows
		// ("Whitfield, Dana"): a name written for a list; checked
		// further once the given name is. Of three letters only where
		// the list's item plainly ends ("Lay, Kenneth </O=ENRON/…>").
		conf, listOnly = 0.6, len(w) == 3
	default:
		return 0, 0
	}
	k := j + 2
	if tight {
		k = j + 1
	}
	e := WordEnd(text, k)
	g := text[k:e]
	if tight && !(RolesOf(g)&(Given|Common|Stop) == Given && (cued || RolesOf(w)&(Surname|Common) == Surname) && tightEnd(text, e)) {
		// Without the blank, only a given name the gazetteer knows,
		// after a label or a surname it knows, where the field ends:
		// not "Color,Size" or "Width,Height" in a program.
		return 0, 0
	}
	// After a cue a rarer given name does too, where a name's field
	// ends after it ("PATIENT: OKONKWO, NGOZI A        MRN"; not "by
	// ESR, January 2001", "user ARNs, IAM role").
	gr := RolesOf(g)
	rare := gr&(Given|Common|Stop) != Given
	if len(g) < 2 || !Capital(g) || rare && !((cued || ListItemEnd(text, e)) && gr&(Rare|Common|Stop) == Rare) || listOnly && (rare || !ListItemEnd(text, e)) {
		// (A rarer given name counts too where a list's item plainly
		// ends after it: "Sweet, Twanda\r\nTweed, Sheila".)
		return 0, 0
	}
	if conf == 0.6 && (len(g) == 2 && g[1] >= 'A' && g[1] <= 'Z' || !plausible(w, RolesOf(w)) || streetWord(w) || ordinary(w, RolesOf(w)) && !ListItemEnd(text, e) || !hasSmall(w) && hasSmall(g)) {
		// "Sunside, AL": a town and its state, not Al; "Hwy, Brook":
		// the end of a street; "Family, Len": an ordinary word;
		// "TYPE_FCONST, Val": a program's name in capitals, then a
		// word that is not.
		return 0, 0
	}
	if e < len(text) && text[e] >= '0' && text[e] <= '9' {
		return 0, 0
	}
	if e+2 < len(text) && text[e] == ' ' && text[e+1] >= 'A' && text[e+1] <= 'Z' && (text[e+2] >= 'a' && text[e+2] <= 'z' || text[e+2] == '\'') && !cued {
		// "Adebayo Ogunleye, Sarah O'Connor", "…, Gary\n Tierney,
		// George McCollister", "Sohaib ul Hassan, Nicola Tuveri": a
		// list of names written given name first, not one written
		// surname first; told by the word before, or by a surname
		// after the given name where a middle name would stand.
		nr := RolesOf(text[e+1 : WordEnd(text, e+1)])
		if capitalBefore(text, i) || commaBefore(text, i) || nr&(Given|Stop|Common|Suffix) == 0 {
			return 0, 0
		}
	}
	if e+2 < len(text) && text[e] == ' ' && text[e+1] >= 'A' && text[e+1] <= 'Z' {
		// A middle name the gazetteer knows, where the field ends:
		// "SMITH, JOHN ROBERT".
		if m := WordEnd(text, e+1); m-e > 2 && Capital(text[e+1:m]) && RolesOf(text[e+1:m])&(Given|Common|Stop) == Given && fieldEnd(text, m) {
			return m, conf
		}
	}
	// A middle initial: " A." or " A " before a non-letter.
	switch {
	case e+2 < len(text) && text[e] == ' ' && text[e+1] >= 'A' && text[e+1] <= 'Z' && text[e+2] == '.':
		e += 3
	case e+1 < len(text) && text[e] == ' ' && text[e+1] >= 'A' && text[e+1] <= 'Z' && (e+2 == len(text) || text[e+2] == ' ' || text[e+2] == ',' || text[e+2] == '\t' || text[e+2] == '\n' || text[e+2] == '\r'):
		e += 2 // "ALVAREZ, JENNIFER M  DOB ..."
	}
	if rare && !(e == len(text) || text[e] == '\n' || text[e] == '\r' || text[e] == '\t' || e+1 < len(text) && text[e] == ' ' && text[e+1] == ' ') {
		return 0, 0
	}
	return e, conf
}

// tightEnd reports whether a name written "SMITH,JAMES" ends at e: the
// end of the text or of a line, a field's gap or tab, a middle initial,
// or a degree after a comma ("Ahu,Amanda D,MD").
func tightEnd(text []byte, e int) bool {
	if e == len(text) {
		return true
	}
	switch text[e] {
	case '\n', '\r', '\t':
		return true
	case ',':
		return e+2 < len(text) && text[e+1] >= 'A' && text[e+1] <= 'Z' && text[e+2] >= 'A' && text[e+2] <= 'Z'
	case ' ':
		if e+1 < len(text) && text[e+1] == ' ' {
			return true
		}
		if e+2 <= len(text) && text[e+1] >= 'A' && text[e+1] <= 'Z' {
			return e+2 == len(text) || text[e+2] == ' ' || text[e+2] == ',' || text[e+2] == '.' || text[e+2] == '\n' || text[e+2] == '\r' || text[e+2] == '\t'
		}
	}
	return false
}

// labelAfter reports whether w, in any case, is a label that notes and
// forms write right after a name ("Dana Whitfield DOB 03/14/1987", "Ana
// Souza SSN ..."): a capitalised word that ends the name rather than
// making it an organisation's.
func labelAfter(w []byte) bool {
	var b [12]byte
	l, ok := foldShort(w, &b, 8)
	if !ok {
		return false
	}
	switch string(l) {
	case "ssn", "ss", "dob", "dl", "dln", "mrn", "id", "tin", "itin", "acct", "account", "tel", "ph", "phone",
		"cell", "mobile", "email", "born", "age", "address", "addr":
		return true
	}
	return false
}

// Labelled finds a name written after a label and a colon ("Name: Ngozi
// Okonkwo-Adeyemi", "Customer: Thandiwe Mbeki"), whose first word is at
// text[i]: the label says what follows, so neither word need be in the
// gazetteer, only capitalised and able to be a name (a vowel, not a stop
// word: "Customer: Account Services" is none). Two to four words, an
// initial or a particle among them; the confidence is that of a name
// the gazetteer does not know.
func Labelled(text []byte, i int) (int, float64) {
	once.Do(load)
	k, words, end, relaxed := i, 0, 0, false
	var strict [4][2]int // the words taken as plausible names, by offsets
	ns := 0
	for words < 4 && k < len(text) {
		j := WordEnd(text, k)
		if j == k {
			break
		}
		w := text[k:j]
		if words > 0 && j-k == 1 && w[0] == 'I' && j+1 < len(text) && text[j] == ' ' && text[j+1] >= 'a' && text[j+1] <= 'z' {
			break // "Hello Jane I am Tom": the pronoun, not an initial
		}
		switch {
		case words > 0 && IsParticle(w):
		case len(w) == 1 && words > 0 && w[0] >= 'A' && w[0] <= 'Z':
		case !Capital(w):
			return 0, 0
		default:
			switch r := RolesOf(w); {
			case words >= 2 && r&Suffix != 0:
				// "Whitcombe Jr.": a generational suffix ends the name.
				return j, 0.6
			case plausible(w, r):
				strict[ns] = [2]int{k, j}
				ns++
			case r&(Given|Surname) != 0 && r&Stop == 0 && plausible(w, r&^Common) && (words > 0 || !afterNumber(text, i)):
				// Wood, Young, King: a surname that is a word too,
				// taken beside a word that is no English word ("Adah
				// Wood"; not "Chase Bank", "Will Call", nor "23 May"
				// before a name).
				relaxed = true
			default:
				return 0, 0
			}
		}
		words++
		end = j
		if j < len(text) && text[j] == ' ' {
			k = j + 1
		} else if j+1 < len(text) && text[j] == '.' && text[j+1] == ' ' && j-k == 1 {
			k = j + 2
		} else {
			break
		}
		if k < len(text) && !(text[k] >= 'A' && text[k] <= 'Z') && !IsParticle(text[k:WordEnd(text, k)]) {
			break // the name ends before a lower-case word
		}
	}
	if words < 2 || IsParticle(text[i:WordEnd(text, i)]) {
		return 0, 0
	}
	if relaxed {
		known := false
		for _, w := range strict[:ns] {
			if v := text[w[0]:w[1]]; !ordinary(v, RolesOf(v)) {
				known = true
				break
			}
		}
		if !known {
			return 0, 0
		}
	}
	return end, 0.6
}

// afterNumber reports whether a number and a blank come before text[i].
func afterNumber(text []byte, i int) bool {
	return i >= 2 && text[i-1] == ' ' && text[i-2] >= '0' && text[i-2] <= '9'
}

// PersonLabel reports whether w, in any case, is a label of forms and
// notes whose value is a person's name ("Borrower: ...", "Patient:
// ..."); not "From:" or "To:", which as often name a department.
func PersonLabel(w []byte) bool {
	if len(w) < 4 {
		return false
	}
	var b [12]byte
	l, ok := foldShort(w, &b, 12)
	if !ok {
		return false
	}
	switch string(l) {
	case "name", "borrower", "coborrower", "customer", "client", "applicant", "member", "patient", "insured", "employee",
		"tenant", "debtor", "claimant", "beneficiary", "guarantor", "decedent", "deceased", "subscriber", "cardholder",
		"policyholder", "cosigner", "guardian", "spouse", "holder", "owner", "mortgagor", "consumer", "resident", "student",
		// Other languages' words for a customer, a patient, a holder, a
		// name: Kunde, klant, klient, kund, cliente, paciente, titular.
		"kunde", "klant", "klient", "kund", "cliente", "paciente", "titular", "nombre", "nome", "naam", "navn", "namn", "patientin":
		return true
	}
	return false
}

// greeting reports whether w opens a letter or a message to a person:
// Dear, Hello, Hi, Attn.
func greeting(w []byte) bool {
	var b [12]byte
	l, ok := foldShort(w, &b, 9)
	if !ok {
		return false
	}
	switch string(l) {
	case "dear", "hello", "hi", "attn", "attention":
		return true
	}
	return false
}

// streetWord reports whether w is a street suffix or its abbreviation
// ("Hwy, Brookhaven" ends a street, it does not start a name).
func streetWord(w []byte) bool {
	_, ok := gazetteer.StreetSuffix(string(bytes.ToLower(w)))
	return ok
}

// Initialled finds a name written with initials before a surname,
// text[i:j]: "J. Smith", "J.A. Smith", "T. J. Hooper", the "first initial
// and last name" that breach laws count as a name. It returns where the
// initials start and the name's end and confidence, or 0, 0, 0. A
// surname the gazetteer knows may follow initials at a field's or line's
// start, after a label, a title, a word for a person's role or a word in
// small letters ("Payee: T. Hooper", "Customer J. Smith", "signed by J.
// Smith"); not after a number ("1200 N. Washington") or before another
// capitalised word ("N. Lee Highway", "J. Crew Group"). Only after a
// title may the surname be one the gazetteer lacks ("Dr. A. B.
// Quellhorst"), or the initials lack their full stops and the name be in
// capitals ("MR J A SMITH").
func Initialled(text []byte, i, j, lead int) (start, end int, conf float64) {
	once.Do(load)
	w := text[i:j]
	// bare: initials without full stops, a surname in capitals ("MR J A
	// SMITH", as mainframes print it) or one the gazetteer lacks ("Dr. J.
	// Quellhorst"), which only a title vouches for.
	r := RolesOf(w)
	bare := !NameCase(w) || r&Surname == 0
	if r&(Common|Stop) != 0 || !NameCase(w) && !allCaps(w) {
		return 0, 0, 0
	}
	if j+1 < len(text) && text[j] == ' ' && text[j+1] >= 'A' && text[j+1] <= 'Z' || j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '-') {
		return 0, 0, 0
	}
	c := i // the start of at most three initials
	dotted := 0
initials:
	for range 3 {
		switch {
		case c-3 >= lead && text[c-1] == ' ' && text[c-2] == '.' && upperASCII(text[c-3]) && (c-3 == lead || !alnum(text[c-4])):
			c -= 3 // "J. "
			dotted++
		case c < i && c-2 >= lead && text[c-1] == '.' && upperASCII(text[c-2]) && (c-2 == lead || !alnum(text[c-3])):
			c -= 2 // "J." before "A. "
			dotted++
		case c-3 >= lead && text[c-1] == ' ' && upperASCII(text[c-2]) && text[c-3] == ' ':
			c -= 2 // "J " after a title
			bare = true
		default:
			break initials
		}
	}
	if c == i {
		return 0, 0, 0
	}
	// The surname: the gazetteer's, or one it lacks that only a title
	// vouches for (bare). After two initials with full stops ("J. R. R.
	// Tolkien", "T. S. Eliot") a word in name case that is no ordinary
	// word needs no title, and may be a given name too.
	// A given name as the surname ("J. Eliot", "R. James") needs a
	// label, a title or a word for the person before the initials.
	givenOnly := false
	if dotted >= 2 && NameCase(w) && plausible(w, r) && !ordinary(w, r) && !placeInitials(text[c:i]) {
		bare = false
	} else if r&Surname == 0 && r&(Given|Rare) != 0 && r&^(Given|Rare) == 0 && dotted > 0 && NameCase(w) && plausible(w, r) && !ordinary(w, r) {
		givenOnly, bare = true, false
	} else if r&Surname == 0 && (r != 0 || !NameCase(w) || !plausible(w, r) || ordinary(w, r)) {
		return 0, 0, 0
	}
	conf = 0.7
	switch {
	case givenOnly && (c-2 < lead || text[c-1] != ' '):
		return 0, 0, 0
	case bare && (c-2 < lead || text[c-1] != ' '):
		return 0, 0, 0
	case bare:
		// Only "MR J A SMITH": the title right before the initials.
		e := c - 1
		if text[e-1] == '.' {
			e--
		}
		k := e
		for k > lead && letter(text[k-1]) {
			k--
		}
		if k == e || k > lead && alnum(text[k-1]) || !IsTitle(text[k:e]) {
			return 0, 0, 0
		}
	case c == lead && !givenOnly:
	case bytes.IndexByte([]byte("\n\t:,(\";"), text[c-1]) >= 0 && !givenOnly:
	case text[c-1] != ' ' || c-2 < lead:
		return 0, 0, 0
	case text[c-2] == ':' || bytes.IndexByte([]byte(",;"), text[c-2]) >= 0 && !givenOnly:
	default:
		e := c - 1
		if text[e-1] == '.' {
			e-- // "Dr."
		}
		k := e
		for k > lead && letter(text[k-1]) {
			k--
		}
		wb := text[k:e]
		switch {
		case len(wb) == 0 || k > lead && alnum(text[k-1]):
			return 0, 0, 0
		case IsTitle(wb):
		case PersonLabel(wb) && e == c-1:
			// "Customer J. Smith called", "Borrower J. Reynolds".
		case greeting(wb) && e == c-1:
			// "Dear J. Eliot,", "Hello R. Okonkwo".
		case wb[0] >= 'a' && wb[0] <= 'z' && e == c-1 && !givenOnly:
			conf = 0.6 // "signed by J. Smith"
		default:
			return 0, 0, 0
		}
	}
	return c, j, conf
}

// placeInitials reports whether b, initials with full stops, is a
// place's or a box's: "U.S. ", "U. K. ", "P.O. ", "D.C. ", "N.Y. ".
func placeInitials(b []byte) bool {
	var k []byte
	for _, c := range b {
		if upperASCII(c) {
			k = append(k, c)
		}
	}
	switch string(k) {
	case "US", "UK", "PO", "DC", "NY", "LA", "SF", "NJ", "EU":
		return true
	}
	return false
}

// allCaps reports whether w, two letters or more, has no small letter.
func allCaps(w []byte) bool {
	if len(w) < 2 {
		return false
	}
	for _, c := range w {
		if c >= 'a' && c <= 'z' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func upperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func alnum(c byte) bool { return letter(c) || c >= '0' && c <= '9' }
