package gazetteer

import (
	"slices"
	"strings"
	"testing"
)

func TestStates(t *testing.T) {
	ss := States()
	if len(ss) != 56 {
		t.Fatalf("States() has %d entries, want 56 (50 states, DC, PR, GU, VI, AS, MP)", len(ss))
	}
	if !slices.IsSortedFunc(ss, func(a, b State) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("States() not sorted by Code")
	}
	for _, s := range ss {
		if s.Code != "US-"+s.Abbr || len(s.Abbr) != 2 || s.Name == "" {
			t.Errorf("malformed state %+v", s)
		}
	}
	for _, abbr := range []string{"DC", "PR", "GU", "VI", "AS", "MP"} {
		if _, ok := StateByAbbr(abbr); !ok {
			t.Errorf("StateByAbbr(%q) not found", abbr)
		}
	}
	ss[0].Name = "changed"
	if States()[0].Name == "changed" {
		t.Error("States() returns shared slice")
	}
}

func TestStateLookups(t *testing.T) {
	tests := []struct {
		fn, in, want string // want is the Code, "" for not found
	}{
		{"abbr", "TX", "US-TX"},
		{"abbr", "tx", "US-TX"},
		{"abbr", " ny ", "US-NY"},
		{"abbr", "AE", ""},
		{"abbr", "XX", ""},
		{"name", "texas", "US-TX"},
		{"name", "District of Columbia", "US-DC"},
		{"name", "washington, d.c.", "US-DC"},
		{"name", "Washington", "US-WA"},
		{"name", "NEW  YORK", "US-NY"},
		{"name", "virgin islands", "US-VI"},
		{"name", "U.S. Virgin Islands", "US-VI"},
		{"name", "Narnia", ""},
		{"code", "us-tx", "US-TX"},
		{"code", "TX", ""},
	}
	for _, tt := range tests {
		var s State
		var ok bool
		switch tt.fn {
		case "abbr":
			s, ok = StateByAbbr(tt.in)
		case "name":
			s, ok = StateByName(tt.in)
		case "code":
			s, ok = StateByCode(tt.in)
		}
		if ok != (tt.want != "") || s.Code != tt.want {
			t.Errorf("StateBy%s(%q) = %+v, %v; want %q", tt.fn, tt.in, s, ok, tt.want)
		}
	}
}

func TestStateForZIP(t *testing.T) {
	tests := []struct {
		zip, want string // want is the USPS abbreviation, "" for false
	}{
		{"10001", "NY"},
		{"75201", "TX"},
		{"75201-1234", "TX"},
		{"752011234", "TX"},
		{" 75201 ", "TX"},
		{"00901", "PR"},
		{"00601", "PR"},
		{"00802", "VI"},
		{"96910", "GU"},
		{"96950", "MP"},
		{"96799", "AS"},
		{"96813", "HI"},
		{"20001", "DC"},
		{"20500", "DC"},
		{"56901", "DC"},
		{"20101", "VA"},
		{"99501", "AK"},
		{"02108", "MA"},
		{"00501", "NY"},
		{"06390", "NY"},
		{"06901", "CT"},
		{"73960", "TX"},
		{"73301", "TX"},
		{"88510", "TX"},
		{"83414", "WY"},
		{"90210", "CA"},
		{"09001", ""}, // AE military
		{"34001", ""}, // AA military
		{"96201", ""}, // AP military
		{"96940", ""}, // Palau
		{"96960", ""}, // Marshall Islands
		{"00001", ""}, // not in use
		{"21301", ""}, // 213 not in use
		{"1000", ""},
		{"100011", ""},
		{"1000a", ""},
		{"10001-12", ""},
		{"10001-123a", ""},
		{"", ""},
	}
	for _, tt := range tests {
		s, ok := StateForZIP(tt.zip)
		if ok != (tt.want != "") || s.Abbr != tt.want {
			t.Errorf("StateForZIP(%q) = %+v, %v; want %q", tt.zip, s, ok, tt.want)
		}
	}
}

func TestMilitaryZIP(t *testing.T) {
	for _, z := range []string{"09001", "09801", "34001", "96201", "96601"} {
		if !IsMilitaryZIP(z) {
			t.Errorf("IsMilitaryZIP(%q) = false", z)
		}
		if _, ok := StateForZIP(z); ok {
			t.Errorf("StateForZIP(%q) found a state for a military ZIP", z)
		}
	}
	if r, ok := ZIPRegion("09001"); !ok || r != "AE" {
		t.Errorf("ZIPRegion(09001) = %q, %v; want AE", r, ok)
	}
	for _, z := range []string{"10001", "96940", "00001"} {
		if IsMilitaryZIP(z) {
			t.Errorf("IsMilitaryZIP(%q) = true", z)
		}
	}
}

func TestZIP3Prefixes(t *testing.T) {
	for _, s := range States() {
		ps := ZIP3Prefixes(s.Code)
		if len(ps) == 0 {
			t.Errorf("%s has no ZIP3 prefix", s.Code)
			continue
		}
		if !slices.IsSorted(ps) {
			t.Errorf("ZIP3Prefixes(%s) not sorted", s.Code)
		}
		zips := SpecialZIPs(s.Code)
		for _, p := range ps {
			if _, ok := zip3Index(p); !ok {
				t.Errorf("ZIP3Prefixes(%s): bad prefix %q", s.Code, p)
			}
		}
		// Every prefix, or for AS and MP every special ZIP, must map back.
		if len(zips) > 0 && (s.Abbr == "AS" || s.Abbr == "MP") {
			for _, z := range zips {
				if got, _ := StateForZIP(z); got != s {
					t.Errorf("StateForZIP(%s) = %v, want %v", z, got, s)
				}
			}
			continue
		}
		for _, p := range ps {
			if got, _ := StateForZIP(p + "00"); got != s {
				t.Errorf("prefix %s of %s maps to %v", p, s.Code, got)
			}
		}
	}
	if got := ZIP3Prefixes("US-PR"); !slices.Equal(got, []string{"006", "007", "009"}) {
		t.Errorf("ZIP3Prefixes(US-PR) = %v", got)
	}
	if got := ZIP3Prefixes("VI"); !slices.Equal(got, []string{"008"}) {
		t.Errorf("ZIP3Prefixes(VI) = %v", got)
	}
	if got := ZIP3Prefixes("US-XX"); got != nil {
		t.Errorf("ZIP3Prefixes(US-XX) = %v, want nil", got)
	}
	if got := SpecialZIPs("US-AS"); !slices.Equal(got, []string{"96799"}) {
		t.Errorf("SpecialZIPs(US-AS) = %v", got)
	}
}

// TestAPAbbreviations finds states by the Associated Press's
// abbreviations, with or without their full stops.
func TestAPAbbreviations(t *testing.T) {
	for in, want := range map[string]string{"Calif.": "CA", "Mass": "MA", "W.Va.": "WV", "N.H.": "NH", "Ga.": "GA", "Wash.": "WA", "Tex.": ""} {
		got, _ := StateByName(in)
		if got.Abbr != want {
			t.Errorf("StateByName(%q) = %q, want %q", in, got.Abbr, want)
		}
	}
}
