package gazetteer

import (
	"slices"
	"strings"
	"sync"
)

// designatorTable maps the accepted spellings of a street suffix or unit
// designator (upper case) to its USPS standard abbreviation.
type designatorTable struct {
	once   sync.Once
	file   string
	toAbbr map[string]string
	names  map[string]string // abbreviation -> primary name (first listed)
	abbrs  []string          // sorted unique abbreviations
}

func (t *designatorTable) load() {
	t.once.Do(func() {
		t.toAbbr = map[string]string{}
		t.names = map[string]string{}
		recs := readRecords(t.file, 2)
		// Other forms first, so that a standard abbreviation or primary
		// name always maps to its own entry (Publication 28 lists "MDW",
		// the abbreviation of MEADOW, among the forms of MEADOWS).
		for _, r := range recs {
			for _, v := range r[2:] {
				t.toAbbr[v] = r[0]
			}
		}
		for _, r := range recs {
			t.toAbbr[r[1]] = r[0]
			if _, ok := t.names[r[0]]; !ok {
				t.names[r[0]] = r[1]
			}
		}
		for _, r := range recs {
			t.toAbbr[r[0]] = r[0]
			if !slices.Contains(t.abbrs, r[0]) {
				t.abbrs = append(t.abbrs, r[0])
			}
		}
		slices.Sort(t.abbrs)
	})
}

func (t *designatorTable) lookup(word string) (string, bool) {
	t.load()
	w := strings.TrimSpace(word)
	if len(w) > 1 {
		w = strings.TrimSuffix(w, ".")
	}
	var buf [32]byte
	if u, ok := upperASCII(buf[:0], w); ok {
		a, ok := t.toAbbr[string(u)] // no allocation for a map key
		return a, ok
	}
	w = strings.ToUpper(strings.TrimSpace(word))
	if len(w) > 1 {
		w = strings.TrimSuffix(w, ".")
	}
	a, ok := t.toAbbr[w]
	return a, ok
}

// upperASCII appends s upper-cased to dst, without allocating when dst
// has room; it reports false, and the caller falls back to
// strings.ToUpper, when s is not all ASCII. Detectors look words up
// here for every candidate address, and ToUpper's new string each time
// was a measurable share of a scan.
func upperASCII(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

var (
	suffixTable = designatorTable{file: "street_suffixes.csv"}
	unitTable   = designatorTable{file: "unit_designators.csv"}
)

// StreetSuffix returns the USPS standard abbreviation of a street suffix
// (street type) per USPS Publication 28 Appendix C1: "Street", "Str" and
// "St" give "ST"; "Avenue", "Ave" and "Av" give "AVE". The comparison is
// case-insensitive and a trailing period is ignored. It reports false for a
// word that is not a recognised suffix form.
func StreetSuffix(word string) (abbr string, ok bool) {
	return suffixTable.lookup(word)
}

// StreetSuffixes returns the sorted USPS standard street suffix
// abbreviations ("ALY", "ANX", ..., "ST", ...).
func StreetSuffixes() []string {
	suffixTable.load()
	return slices.Clone(suffixTable.abbrs)
}

// StreetSuffixName returns the primary street suffix name for a standard
// abbreviation or any other accepted form: "ST" and "str." give "STREET".
func StreetSuffixName(word string) (string, bool) {
	a, ok := StreetSuffix(word)
	if !ok {
		return "", false
	}
	return suffixTable.names[a], true
}

// UnitDesignator returns the USPS approved abbreviation of a secondary unit
// designator per USPS Publication 28 Appendix C2: "Apartment" and "Apt" give
// "APT", "Suite" and "Ste" give "STE", and "#" gives "#". The comparison is
// case-insensitive and a trailing period is ignored.
func UnitDesignator(word string) (abbr string, ok bool) {
	return unitTable.lookup(word)
}

// LeadingUnit reports whether word is a unit's designator that may come
// before the street line, with its number and a comma, as British and
// Irish addresses write it ("Flat 2, 10 High Street", "Apartment 4B, 77
// Beacon St"): Flat, Apartment, Apt, Unit, Suite, Ste, in any case, a
// trailing period ignored. Designators such as Lot, Key or Stop are left
// out: before a comma and a number they are as often something else.
func LeadingUnit(word string) bool {
	switch strings.ToLower(strings.TrimSuffix(word, ".")) {
	case "flat", "apartment", "apt", "unit", "suite", "ste":
		return true
	}
	return false
}

// UnitDesignators returns the sorted approved unit designator abbreviations,
// including "#".
func UnitDesignators() []string {
	unitTable.load()
	return slices.Clone(unitTable.abbrs)
}

// UnitDesignatorName returns the full designator name for an abbreviation
// or name: "ste" gives "SUITE".
func UnitDesignatorName(word string) (string, bool) {
	a, ok := UnitDesignator(word)
	if !ok {
		return "", false
	}
	return unitTable.names[a], true
}

// JoinedAddress rewrites an address whose lines were joined with runs of
// blanks, as Mailchimp exports them ("4417 Birchwood Lane  Dayton OH
// 45402 US"), with commas between the lines, and drops a last line that
// says the United States.
func JoinedAddress(s string) string {
	var parts []string
	for p := range strings.SplitSeq(s, "  ") {
		if p = strings.Trim(p, " ,"); p != "" {
			parts = append(parts, p)
		}
	}
	us := func(p string) bool {
		switch strings.ToUpper(strings.ReplaceAll(p, ".", "")) {
		case "US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA":
			return true
		}
		return false
	}
	if n := len(parts); n > 1 && us(parts[n-1]) {
		parts = parts[:n-1]
	}
	// The state and the ZIP Code in lines of their own: one line.
	for i := len(parts) - 1; i >= 2 && i >= len(parts)-2; i-- {
		if (parts[i][0] >= '0' && parts[i][0] <= '9' || CanadianPostalCode(parts[i])) && isStateName(parts[i-1]) {
			parts = append(parts[:i-1], append([]string{parts[i-1] + " " + parts[i]}, parts[i+1:]...)...)
			break
		}
	}
	// "Dayton OH 45402 US" as one line: the country dropped, a comma
	// after the city.
	if n := len(parts); n > 0 {
		f := strings.Fields(parts[n-1])
		if k := len(f); k >= 4 && us(f[k-1]) && f[k-2][0] >= '0' && f[k-2][0] <= '9' {
			f = f[:k-1]
		}
		if k := len(f); k >= 3 && isStateName(f[k-2]) && !strings.HasSuffix(f[k-3], ",") {
			f[k-3] += ","
		}
		parts[n-1] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}

// isStateName reports whether s is a US state's abbreviation or name,
// or a Canadian province's.
func isStateName(s string) bool {
	if _, ok := StateByAbbr(s); ok {
		return true
	}
	if _, ok := StateByName(s); ok {
		return true
	}
	_, ok := Province(s)
	return ok
}
