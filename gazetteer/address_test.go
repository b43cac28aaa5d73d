package gazetteer

import (
	"slices"
	"testing"
)

func TestStreetSuffix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Street", "ST"}, {"Str", "ST"}, {"St", "ST"}, {"st.", "ST"}, {"STRT", "ST"},
		{"Avenue", "AVE"}, {"Ave", "AVE"}, {"Av", "AVE"}, {"ave.", "AVE"},
		{"Boulevard", "BLVD"}, {"blvd", "BLVD"},
		{"Road", "RD"}, {"Drive", "DR"}, {"Lane", "LN"}, {"Court", "CT"},
		{"Place", "PL"}, {"Terrace", "TER"}, {"Circle", "CIR"}, {"Parkway", "PKWY"},
		{"Highway", "HWY"}, {"Way", "WAY"}, {"Trail", "TRL"}, {"Square", "SQ"},
		{"Meadow", "MDW"}, {"MDW", "MDW"}, {"Meadows", "MDWS"},
		{"Parks", "PARK"}, {"Loops", "LOOP"},
		{" Pike ", "PIKE"},
		{"Apartment", ""}, {"", ""}, {".", ""}, {"Main", ""},
	}
	for _, tt := range tests {
		got, ok := StreetSuffix(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("StreetSuffix(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	if n, ok := StreetSuffixName("str."); !ok || n != "STREET" {
		t.Errorf("StreetSuffixName(str.) = %q, %v", n, ok)
	}
}

func TestStreetSuffixes(t *testing.T) {
	all := StreetSuffixes()
	if len(all) < 190 || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Fatalf("StreetSuffixes() = %d entries, sorted %v, want >= 190 sorted unique", len(all), slices.IsSorted(all))
	}
	for _, a := range all {
		if got, ok := StreetSuffix(a); !ok || got != a {
			t.Errorf("StreetSuffix(%q) = %q, %v; a canonical abbreviation must map to itself", a, got, ok)
		}
	}
	for _, want := range []string{"ST", "AVE", "BLVD", "RD", "DR", "LN", "CT"} {
		if !slices.Contains(all, want) {
			t.Errorf("StreetSuffixes() lacks %s", want)
		}
	}
}

func TestUnitDesignator(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Apartment", "APT"}, {"Apt", "APT"}, {"apt.", "APT"},
		{"Suite", "STE"}, {"Ste", "STE"}, {"STE.", "STE"},
		{"#", "#"}, {"Unit", "UNIT"}, {"Floor", "FL"}, {"Fl", "FL"},
		{"Building", "BLDG"}, {"Room", "RM"}, {"Penthouse", "PH"},
		{"Trailer", "TRLR"}, {"Space", "SPC"}, {"Basement", "BSMT"},
		{"Street", ""}, {"", ""},
	}
	for _, tt := range tests {
		got, ok := UnitDesignator(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("UnitDesignator(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	all := UnitDesignators()
	if len(all) != 25 || !slices.Contains(all, "#") {
		t.Errorf("UnitDesignators() = %v", all)
	}
	if n, ok := UnitDesignatorName("ste"); !ok || n != "SUITE" {
		t.Errorf("UnitDesignatorName(ste) = %q, %v", n, ok)
	}
}

func TestJoinedAddress(t *testing.T) {
	for in, want := range map[string]string{
		"4417 Birchwood Lane  Apt 2  Dayton  OH  45402  US": "4417 Birchwood Lane, Apt 2, Dayton, OH 45402",
		"4417 Birchwood Lane  Dayton OH 45402 US":           "4417 Birchwood Lane, Dayton, OH 45402",
		"100 King St W  Toronto  ON  M5V 2T6  CA":           "100 King St W, Toronto, ON M5V 2T6, CA",
		"12 Main St": "12 Main St",
	} {
		if got := JoinedAddress(in); got != want {
			t.Errorf("JoinedAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
