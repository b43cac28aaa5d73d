// Package dob recognises dates of birth. A date is a date of birth only
// when a keyword ("DOB", "born", "birth") or a column says so: the same
// date shapes are everywhere in due dates, statement dates and
// timestamps. Dates must be real calendar dates between 1900 and today.
// Accepted shapes: 1980-05-17, 05/17/1980, 5/17/1980, 17.05.1980,
// 17-May-1980, May 17, 1980, 17 May 1980, 17MAY1980, and 19800517 in a
// date column.
package dob

import (
	"strings"
	"time"

	"github.com/breachkit/breachkit/scan/detect/internal/wordset"
)

// Keywords are the words that, near a date, say it is a date of birth:
// English, and the words of German, French, Spanish, Italian, Dutch and
// Polish notes ("geboren am", "née le", "nacido el", "nato il"; not
// "NATO" in capitals, the alliance), and Swedish and Danish "born".
var Keywords = []string{"dob", "birth", "born", "birthday", "birthdate", "bday", "d.o.b",
	"geboren", "geb", "geburtsdatum", "geburtstag", "naissance", "nacido", "nacida", "nacimiento", "nato", "nata", "nascita",
	"geboortedatum", "urodzony", "urodzona", "urodzenia", "née", "né", "född", "født"}

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// foreignMonths are French, German, Spanish and Italian month names, as
// notes abroad write a date of birth ("née le 23 avril 1982", "geboren
// am 14. März 1978", "nacido el 30 de enero de 1979", "nato il 9
// febbraio 1973"); the names shared with English's are in months.
var foreignMonths = map[string]int{
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
	"setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12,
}

// Month returns the month number of a month name or its English
// abbreviation (case-insensitive; English, French, German, Spanish and
// Italian names), or 0.
func Month(w string) int {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if m := months[w]; m > 0 {
		return m
	}
	return foreignMonths[w]
}

// MonthBytes is Month for an English month's name or abbreviation given
// as bytes, without allocating: the text rules look every capitalised
// word up in it.
func MonthBytes(w []byte) int {
	if len(w) > 9 { // longer than any month name
		return 0
	}
	v, _ := monthSet.LookupFold(w)
	return int(v)
}

// ForeignMonthBytes is Month for a French, German, Spanish or Italian
// month's name given as bytes, which the text rules look up only after a
// day ("23 avril", "14. März").
func ForeignMonthBytes(w []byte) int {
	if len(w) > 10 { // longer than any month name (septiembre)
		return 0
	}
	v, _ := foreignSet.LookupFold(w)
	return int(v)
}

// monthSet and foreignSet are months and foreignMonths, for lookups by
// bytes.
var monthSet, foreignSet = wordSet(months), wordSet(foreignMonths)

func wordSet(words map[string]int) *wordset.Set {
	m := map[string]uint32{}
	for k, v := range words {
		m[k] = uint32(v)
	}
	return wordset.New(m)
}

// maxYear is the latest year of birth accepted: this year.
var maxYear = time.Now().Year()

// ValidDate reports whether y-m-d is a real calendar date in the range a
// living person's birth date can take.
func ValidDate(y, m, d int) bool {
	if y < 1900 || y > maxYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func num(b []byte) int {
	v := 0
	for _, c := range b {
		v = v*10 + int(c-'0')
	}
	return v
}

// Score validates a numeric date candidate: digit groups split by one
// separator ("/", "-" or "."), year first (4-2-2) or last (2-2-4, month
// first unless the first part exceeds 12). The shape alone gives little
// confidence: most dates are not birth dates.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(groups) == 1 && len(digits) == 8 {
		// 19850709: the compact ISO form of logs, HL7 and database
		// exports; 07091985, the month (or day) first, as forms and
		// mainframe records write it. Like a two-digit year it needs a
		// birth keyword.
		if y := num(digits[:4]); (y/100 == 19 || y/100 == 20) && ValidDate(y, num(digits[4:6]), num(digits[6:])) {
			return 0.02, true
		}
		if y := num(digits[4:]); (y/100 == 19 || y/100 == 20) && (ValidDate(y, num(digits[:2]), num(digits[2:4])) || ValidDate(y, num(digits[2:4]), num(digits[:2]))) {
			return 0.02, true
		}
		return 0, false
	}
	if len(groups) != 3 || seps[0] != seps[1] || (seps[0] != '/' && seps[0] != '-' && seps[0] != '.') {
		return 0, false
	}
	a := digits[:groups[0]]
	b := digits[groups[0] : groups[0]+groups[1]]
	c := digits[groups[0]+groups[1]:]
	var y, m, d int
	switch {
	case len(a) == 4 && len(b) <= 2 && len(c) <= 2 && len(b) > 0 && len(c) > 0:
		y, m, d = num(a), num(b), num(c)
	case len(c) == 4 && len(a) <= 2 && len(b) <= 2:
		m, d, y = num(a), num(b), num(c)
		if m > 12 {
			m, d = d, m
		}
	case len(c) == 2 && len(a) <= 2 && len(b) <= 2 && seps[0] != '.':
		// 5/17/80: a two-digit year is a birth year of the last hundred
		// years. The shape alone says almost nothing; only a keyword
		// (DOB, born) makes it a birth date.
		m, d, y = num(a), num(b), 1900+num(c)
		if m > 12 {
			m, d = d, m
		}
		if y+100 <= maxYear {
			y += 100
		}
		if !ValidDate(y, m, d) {
			return 0, false
		}
		return 0.02, true
	default:
		return 0, false
	}
	if !ValidDate(y, m, d) {
		return 0, false
	}
	return 0.1, true
}

// Compact reports whether w is a date written day, month abbreviation
// and year without separators (04JUL1961, 04JUL61), as SAS, mainframe
// and airline systems print dates, and a valid birth date.
func Compact(w []byte) bool {
	if len(w) != 7 && len(w) != 9 || !digits(w[:2]) || !digits(w[5:]) {
		return false
	}
	m := MonthBytes(w[2:5])
	if m == 0 {
		return false
	}
	d, y := num(w[:2]), num(w[5:])
	if len(w) == 7 {
		y += 1900
		if y+100 <= maxYear {
			y += 100
		}
	}
	return ValidDate(y, m, d)
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Parse reads a whole value as a date in any accepted shape and reports
// whether it is a valid birth date.
func Parse(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 32 {
		return false
	}
	if Compact([]byte(s)) {
		return true
	}
	if len(s) == 8 && allDigits(s) {
		// YYYYMMDD, or MMDDYYYY as credit reporting (Metro 2) and
		// mainframe files write it, or DDMMYYYY.
		b := []byte(s)
		return ValidDate(num(b[:4]), num(b[4:6]), num(b[6:])) ||
			ValidDate(num(b[4:]), num(b[:2]), num(b[2:4])) ||
			ValidDate(num(b[4:]), num(b[2:4]), num(b[:2]))
	}
	// Numeric shapes.
	var groups []int
	var seps, digits []byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
			n++
		case n > 0 && (c == '/' || c == '-' || c == '.'):
			groups = append(groups, n)
			seps = append(seps, c)
			n = 0
		default:
			groups = nil
			i = len(s)
		}
	}
	if groups != nil && n > 0 {
		groups = append(groups, n)
		if _, ok := Score(digits, groups, seps); ok {
			return true
		}
	}
	_, ok := ParseText(s, false)
	return ok
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ParseText reads a date with a month name at the start of s ("May 17,
// 1980", "17-May-1980", "17 May 1980", "May-17-1980") and returns its
// length in bytes. With prefix false the whole of s must be the date.
func ParseText(s string, prefix bool) (int, bool) {
	toks, ends, nt := tokens(s)
	try := func(k int, y, m, d int) (int, bool) {
		if !ValidDate(y, m, d) {
			return 0, false
		}
		if !prefix && ends[k-1] != len(strings.TrimRight(s, " .")) {
			return 0, false
		}
		return ends[k-1], true
	}
	if nt < 3 {
		return 0, false
	}
	// Month D, YYYY / Month Dth, YYYY / Month D YYYY / Mon-D-YYYY
	if m := Month(toks[0]); m > 0 && isNum(toks[2], 4, 4) {
		if d, ok := day(toks[1]); ok {
			return try(3, num([]byte(toks[2])), m, d)
		}
	}
	// D Month YYYY / Dth Month YYYY / D-Mon-YYYY, and D-Mon-YY as
	// database exports write it (03-MAR-75: a birth year of the last
	// hundred years).
	if m := Month(toks[1]); m > 0 {
		if d, ok := day(toks[0]); ok {
			switch {
			case isNum(toks[2], 4, 4):
				return try(3, num([]byte(toks[2])), m, d)
			case isNum(toks[2], 2, 2) && len(s) > ends[0] && s[ends[0]] == '-':
				y := 1900 + num([]byte(toks[2]))
				if y+100 <= maxYear {
					y += 100
				}
				return try(3, y, m, d)
			}
		}
	}
	return 0, false
}

// day reads a day of the month: 1 or 2 digits, optionally with an
// ordinal suffix (1st, 2nd, 3rd, 17th).
func day(s string) (int, bool) {
	n := 0
	for n < len(s) && n < 2 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 {
		return 0, false
	}
	switch strings.ToLower(s[n:]) {
	case "":
	case "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	return num([]byte(s[:n])), true
}

func isNum(s string, lo, hi int) bool {
	return len(s) >= lo && len(s) <= hi && allDigits(s)
}

// tokens splits the first three words of s (runs of letters and
// digits, separated by spaces, commas, dashes, slashes or a period after
// a month abbreviation) and returns where each ends, and how many
// there are. Arrays, not slices: a date is looked for at every month
// name and capitalised day, and slices would be allocated each time.
func tokens(s string) (toks [3]string, ends [3]int, n int) {
	i := 0
	for n < 3 && i < len(s) {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == ',' || s[j] == '-' || s[j] == '/' || s[j] == '.' && n == 1) && j-i < 3 {
			j++
		}
		if n > 0 && j == i {
			break
		}
		i = j
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] >= 0x80) {
			j++ // février, März: a month's letters run on over accents
		}
		if j == i {
			break
		}
		if w := s[i:j]; n > 0 && (w == "de" || w == "del" || w == "of" && n == 1) {
			i = j // "30 de enero de 1979": Spanish joins them with "de"; "5th of January"
			continue
		}
		toks[n], ends[n] = s[i:j], j
		n++
		i = j
	}
	return toks, ends, n
}
