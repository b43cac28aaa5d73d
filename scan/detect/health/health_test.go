package health

import "testing"

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"1EG4-TE5-MK73": true, "1EG4TE5MK73": true, // MBI
		"943 476 5919": true, "9434765919": true, // NHS, check digit 9
		"1234-567-890-AB": true, "XWB100234567": true, "P100234": true,
		"12ab": false, "Dana Whitfield": false, "1234  5678": false, "abc.1234": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"943 476 5919": true, "943476 5919": false, "401 023 2137": true, "401 023 2130": false, "12345": false} {
		if got := ValidNHS(s); got != want {
			t.Errorf("ValidNHS(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add("943 476 5919")
	f.Add("1EG4-TE5-MK73")
	f.Fuzz(func(t *testing.T, s string) {
		if ValidNHS(s) && !Valid(s) {
			t.Errorf("%q is an NHS number but not a health ID", s)
		}
	})
}
