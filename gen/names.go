package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/breachkit/breachkit/gazetteer"
)

var (
	routingMu    sync.Mutex
	routingCache = map[uint64][]string{}
)

// stateInfo is one of the 50 states, DC or PR with the ZIP prefixes that
// map back to it and its population weight.
type stateInfo struct {
	code, abbr, name string
	zip3             []string
	weight           int
}

// statePop is the approximate population in units of 100,000, used to
// spread people over the states realistically.
var statePop = map[string]int{
	"AL": 51, "AK": 7, "AZ": 74, "AR": 30, "CA": 390, "CO": 58, "CT": 36, "DE": 10, "DC": 7, "FL": 226,
	"GA": 110, "HI": 14, "ID": 20, "IL": 125, "IN": 69, "IA": 32, "KS": 29, "KY": 45, "LA": 46, "ME": 14,
	"MD": 62, "MA": 70, "MI": 100, "MN": 57, "MS": 29, "MO": 62, "MT": 11, "NE": 20, "NV": 32, "NH": 14,
	"NJ": 93, "NM": 21, "NY": 196, "NC": 108, "ND": 8, "OH": 118, "OK": 40, "OR": 43, "PA": 130, "PR": 32,
	"RI": 11, "SC": 54, "SD": 9, "TN": 71, "TX": 305, "UT": 34, "VT": 6, "VA": 87, "WA": 78, "WV": 18,
	"WI": 59, "WY": 6,
}

var (
	stateOnce   sync.Once
	stateList   []stateInfo
	stateTotal  int
	stateIndex  map[string]int
	suffixList  []string
	givenList   []string
	surnameList []string
	stateErr    error
)

func loadGazetteer() {
	stateIndex = map[string]int{}
	for _, s := range gazetteer.States() {
		w, ok := statePop[s.Abbr]
		if !ok {
			continue // territories other than PR
		}
		var z3 []string
		for _, p := range gazetteer.ZIP3Prefixes(s.Code) {
			// keep only prefixes whose every ZIP we might draw maps back
			if st, ok := gazetteer.StateForZIP(p + "50"); ok && st.Abbr == s.Abbr {
				z3 = append(z3, p)
			}
		}
		if len(z3) == 0 {
			stateErr = fmt.Errorf("gen: gazetteer has no ZIP prefix for %s", s.Code)
			continue
		}
		stateIndex[s.Abbr] = len(stateList)
		stateList = append(stateList, stateInfo{code: s.Code, abbr: s.Abbr, name: s.Name, zip3: z3, weight: w})
		stateTotal += w
	}
	if len(stateList) != len(statePop) && stateErr == nil {
		stateErr = fmt.Errorf("gen: gazetteer lists %d of the %d states, DC and PR", len(stateList), len(statePop))
	}
	for _, s := range gazetteer.StreetSuffixes() {
		suffixList = append(suffixList, titleCase(s))
	}
	// The gazetteer's given names go on past the most frequent, for
	// finding rarer names in text; people are made from the most
	// frequent only, so that a corpus of one seed stays the same as the
	// list grows.
	givenList = gazetteer.GivenNames()
	givenList = givenList[:min(len(givenList), gazetteer.CommonGivenNames)]
	surnameList = gazetteer.Surnames()
	if len(givenList) == 0 || len(surnameList) == 0 {
		stateErr = fmt.Errorf("gen: gazetteer has no names")
	}
}

// gazetteerErr reports whether the gazetteer has what the generator needs.
func gazetteerErr() error {
	stateOnce.Do(loadGazetteer)
	return stateErr
}

func weightedState(r *rand.Rand) stateInfo {
	stateOnce.Do(loadGazetteer)
	n := r.IntN(stateTotal)
	for _, s := range stateList {
		if n < s.weight {
			return s
		}
		n -= s.weight
	}
	return stateList[len(stateList)-1]
}

func stateByAbbr(abbr string) stateInfo {
	stateOnce.Do(loadGazetteer)
	return stateList[stateIndex[abbr]]
}

// zipFor draws a ZIP Code that gazetteer.StateForZIP maps back to st.
func zipFor(r *rand.Rand, st stateInfo) string {
	for try := 0; ; try++ {
		z := fmt.Sprintf("%s%02d", st.zip3[r.IntN(len(st.zip3))], r.IntN(100))
		if got, ok := gazetteer.StateForZIP(z); ok && got.Abbr == st.abbr {
			return z
		}
		if try > 50 {
			return st.zip3[0] + "50"
		}
	}
}

func streetSuffixes() []string { stateOnce.Do(loadGazetteer); return suffixList }
func givenNames() []string     { stateOnce.Do(loadGazetteer); return givenList }
func surnames() []string       { stateOnce.Do(loadGazetteer); return surnameList }

// nickname returns a nickname of given (title case) or "".
func nickname(r *rand.Rand, given string) string {
	n := gazetteer.Nicknames(strings.ToLower(given))
	if len(n) == 0 {
		return ""
	}
	return titleCase(n[r.IntN(len(n))])
}
