package gazetteer

import "testing"

func TestUKPostcode(t *testing.T) {
	for in, want := range map[string]bool{
		"SW1A 2AA": true, "sw1a2aa": true, "M1 1AA": true, "M60 1NW": true, "CR2 6XH": true,
		"DN55 1PT": true, "W1A 1HQ": true, "EC1A 1BB": true, "NW1 6XE": true, "GIR 0AA": true,
		"BT1 5GS": true, "JE2 3AB": true, " B33 8TH ": true,
		"": false, "12345": false, "K1A 0B1": false, "QA1 1AA": false, // Q never first
		"AI1 1AA":  false,                    // I never second
		"SW1A 2AC": false, "SW1A 2OA": false, // C and O never inward
		"W1I 1AA": false, "EC1C 1BB": false, // letters a district never ends in
		"SW1A  2AA": false, "SW1A-2AA": false, "SW12A 2AA": false, "1W1 1AA": false, "M1 AAA": false,
	} {
		if got := UKPostcode(in); got != want {
			t.Errorf("UKPostcode(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzUKPostcode(f *testing.F) {
	f.Add("SW1A 2AA")
	f.Add("GIR0AA")
	f.Fuzz(func(t *testing.T, s string) {
		if UKPostcode(s) && CanadianPostalCode(s) {
			t.Errorf("%q is both a UK and a Canadian postcode", s)
		}
	})
}

func TestEircode(t *testing.T) {
	for s, want := range map[string]bool{
		"A65 F4E2": true, "D02 X285": true, "d6w pv38": true, "D01F5P2": true, "T12 XK5N": true,
		"SW1A 2AA": false, "M5V 2T6": false, "12345": false, "A65 1234": true, "A65 0000": false, "A65 F4E": false, "AB1 F4E2": false,
	} {
		if got := Eircode(s); got != want {
			t.Errorf("Eircode(%q) = %v, want %v", s, got, want)
		}
	}
}
