package gazetteer

import (
	"slices"
	"strings"
	"sync"
)

// State is a US state, the District of Columbia, or an inhabited US
// territory (Puerto Rico, Guam, the U.S. Virgin Islands, American Samoa and
// the Northern Mariana Islands).
type State struct {
	Code string // ISO 3166-2 code, e.g. "US-TX"
	Abbr string // USPS two-letter abbreviation, e.g. "TX"
	Name string // English name, e.g. "Texas"
}

// stateTables holds the parsed states.csv, zip3.csv and zip5.csv.
type stateTables struct {
	once     sync.Once
	list     []State             // sorted by Code
	byAbbr   map[string]State    // "TX"
	byName   map[string]State    // normalised name and alternative names
	zip3     [1000]string        // prefix -> USPS region abbreviation ("" = not in use)
	zip5     map[string]string   // five-digit exceptions -> USPS region abbreviation
	prefixes map[string][]string // state Code -> sorted ZIP3 prefixes
	special  map[string][]string // state Code -> sorted five-digit exceptions
}

var stateData stateTables

func loadStates() {
	d := &stateData
	d.byAbbr = map[string]State{}
	d.byName = map[string]State{}
	for _, r := range readRecords("states.csv", 3) {
		s := State{Code: r[0], Abbr: r[1], Name: r[2]}
		d.list = append(d.list, s)
		d.byAbbr[s.Abbr] = s
		for _, n := range r[2:] {
			d.byName[normalizePlaceName(n)] = s
		}
	}
	slices.SortFunc(d.list, func(a, b State) int { return strings.Compare(a.Code, b.Code) })

	d.prefixes = map[string][]string{}
	for _, r := range readRecords("zip3.csv", 2) {
		p, abbr := r[0], r[1]
		n, ok := zip3Index(p)
		if !ok {
			panic("gazetteer: data/zip3.csv: bad prefix " + p)
		}
		d.zip3[n] = abbr
		if s, ok := d.byAbbr[abbr]; ok {
			d.prefixes[s.Code] = append(d.prefixes[s.Code], p)
		}
	}
	d.zip5 = map[string]string{}
	d.special = map[string][]string{}
	for _, r := range readRecords("zip5.csv", 2) {
		z, abbr := r[0], r[1]
		d.zip5[z] = abbr
		if s, ok := d.byAbbr[abbr]; ok {
			d.special[s.Code] = append(d.special[s.Code], z)
		}
	}
	// A territory with no prefix of its own (AS, MP) is given the shared
	// prefixes of its exceptional ZIP Codes.
	for code, zips := range d.special {
		if len(d.prefixes[code]) > 0 {
			continue
		}
		for _, z := range zips {
			if !slices.Contains(d.prefixes[code], z[:3]) {
				d.prefixes[code] = append(d.prefixes[code], z[:3])
			}
		}
	}
	for _, m := range []map[string][]string{d.prefixes, d.special} {
		for k := range m {
			slices.Sort(m[k])
		}
	}
}

func states() *stateTables {
	stateData.once.Do(loadStates)
	return &stateData
}

// zip3Index parses a three-digit prefix.
func zip3Index(p string) (int, bool) {
	if len(p) != 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < 3; i++ {
		if p[i] < '0' || p[i] > '9' {
			return 0, false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n, true
}

// normalizePlaceName lower-cases s, drops periods and collapses runs of
// white space, so that "Washington, D.C." and "washington dc" compare equal.
func normalizePlaceName(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer(".", "", ",", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// States returns the 50 states, the District of Columbia, and the territories
// PR, GU, VI, AS and MP, sorted by Code.
func States() []State {
	return slices.Clone(states().list)
}

// StateByAbbr returns the state with the given USPS abbreviation ("TX"),
// compared case-insensitively. Armed Forces codes (AA, AE, AP) are not
// states and are not found.
func StateByAbbr(abbr string) (State, bool) {
	var buf [8]byte
	if u, ok := upperASCII(buf[:0], strings.TrimSpace(abbr)); ok {
		s, ok := states().byAbbr[string(u)]
		return s, ok
	}
	s, ok := states().byAbbr[strings.ToUpper(strings.TrimSpace(abbr))]
	return s, ok
}

// StateByName returns the state with the given name ("texas", "District of
// Columbia"), compared case-insensitively and ignoring periods and extra
// spaces. A few common alternative names are also accepted, e.g.
// "Washington DC" and "Virgin Islands".
func StateByName(name string) (State, bool) {
	s, ok := states().byName[normalizePlaceName(name)]
	return s, ok
}

// StateByCode returns the state with the given ISO 3166-2 code ("US-TX"),
// compared case-insensitively.
func StateByCode(code string) (State, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if s, ok := StateByAbbr(strings.TrimPrefix(code, "US-")); ok && s.Code == code {
		return s, true
	}
	return State{}, false
}

// ZIP5 returns the five-digit ZIP Code of "75201", "75201-1234" or
// "752011234" (surrounding spaces allowed), or "" for anything else
// (Brazil's CEP 01310-100 included).
func ZIP5(zip string) string {
	z, _ := zip5Of(zip)
	return z
}

// zip5Of extracts the five-digit ZIP Code from "75201", "75201-1234" or
// "752011234" (surrounding spaces allowed).
func zip5Of(zip string) (string, bool) {
	z := strings.TrimSpace(zip)
	switch {
	case len(z) == 5:
	case len(z) == 10 && z[5] == '-':
		if !allDigits(z[6:]) {
			return "", false
		}
	case len(z) == 9:
		if !allDigits(z[5:]) {
			return "", false
		}
	default:
		return "", false
	}
	if !allDigits(z[:5]) {
		return "", false
	}
	return z[:5], true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ZIPRegion returns the USPS region abbreviation a ZIP Code is assigned to:
// a state or territory abbreviation, "AA", "AE" or "AP" for Armed Forces
// (APO/FPO/DPO) addresses, or "PW", "FM" or "MH" for the freely associated
// states served by the USPS. It accepts the same forms as StateForZIP and
// reports false for malformed ZIP Codes and prefixes not in use.
func ZIPRegion(zip string) (string, bool) {
	z, ok := zip5Of(zip)
	if !ok {
		return "", false
	}
	d := states()
	if r, ok := d.zip5[z]; ok {
		return r, true
	}
	n, _ := zip3Index(z[:3])
	r := d.zip3[n]
	return r, r != ""
}

// StateForZIP returns the state or territory a ZIP Code belongs to, decided
// by its first three digits (the USPS 3-digit ZIP Code prefix) plus a short
// list of five-digit exceptions (American Samoa 96799, the Northern Mariana
// Islands 96950-96952, and a few ZIP Codes that cross a state line).
// It accepts "75201", "75201-1234" and "752011234".
//
// It reports false for malformed input, prefixes not in use, military
// APO/FPO/DPO ZIP Codes (AA 340, AE 090-098, AP 962-966), and the freely
// associated states (Palau, Micronesia, Marshall Islands), which are not
// states. Prefix 969 is shared by Guam and other Pacific islands; apart from
// the listed exceptions it maps to Guam.
func StateForZIP(zip string) (State, bool) {
	r, ok := ZIPRegion(zip)
	if !ok {
		return State{}, false
	}
	return StateByAbbr(r)
}

// IsMilitaryZIP reports whether zip is an Armed Forces (APO/FPO/DPO) ZIP
// Code: region AA, AE or AP.
func IsMilitaryZIP(zip string) bool {
	r, _ := ZIPRegion(zip)
	return r == "AA" || r == "AE" || r == "AP"
}

// ZIP3Prefixes returns the sorted 3-digit ZIP Code prefixes assigned to the
// state with the given ISO 3166-2 code ("US-TX"; the USPS abbreviation "TX"
// is also accepted). It returns nil for an unknown code.
//
// American Samoa and the Northern Mariana Islands have no prefix of their
// own: their prefixes (967, shared with Hawaii, and 969, shared with Guam)
// are included, but only the ZIP Codes listed by SpecialZIPs resolve to them.
// Generators should use SpecialZIPs for those two territories.
func ZIP3Prefixes(code string) []string {
	s, ok := lookupState(code)
	if !ok {
		return nil
	}
	return slices.Clone(states().prefixes[s.Code])
}

// SpecialZIPs returns the sorted five-digit ZIP Codes that StateForZIP
// assigns to the state with the given code (or abbreviation) by exception
// rather than by prefix, e.g. "96799" for American Samoa. Most states have
// none.
func SpecialZIPs(code string) []string {
	s, ok := lookupState(code)
	if !ok {
		return nil
	}
	return slices.Clone(states().special[s.Code])
}

func lookupState(codeOrAbbr string) (State, bool) {
	if s, ok := StateByCode(codeOrAbbr); ok {
		return s, true
	}
	return StateByAbbr(codeOrAbbr)
}
