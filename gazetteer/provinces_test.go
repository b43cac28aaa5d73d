package gazetteer

import "testing"

func TestProvinces(t *testing.T) {
	for in, want := range map[string]string{"ON": "ON", "qc": "QC", "Québec": "QC", "British Columbia": "BC", "P.E.I.": "PE", "Nova Scotia": "NS"} {
		if got, ok := Province(in); !ok || got != want {
			t.Errorf("Province(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"TX", "CA", "Texas", "Ontario Street", ""} {
		if got, ok := Province(in); ok {
			t.Errorf("Province(%q) = %q", in, got)
		}
	}
	for _, abbr := range []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"} {
		if _, ok := StateByAbbr(abbr); ok {
			t.Errorf("%s is also a US state's abbreviation", abbr)
		}
	}
	for in, want := range map[string]bool{"M5V 2T6": true, "k1a0b1": true, "H3Z-2Y7": true, "W5V 2T6": false, "M5V 2TX": false, "75002": false, "D1A 0B1": false} {
		if got := CanadianPostalCode(in); got != want {
			t.Errorf("CanadianPostalCode(%q) = %v", in, got)
		}
	}
}

func TestAustralianState(t *testing.T) {
	for in, want := range map[string]string{"NSW": "NSW", "vic": "VIC", "Queensland": "QLD", "W.A.": "WA", "Northern Territory": "NT", "TX": "", "": ""} {
		if got, _ := AustralianState(in); got != want {
			t.Errorf("AustralianState(%q) = %q, want %q", in, got, want)
		}
	}
	if !AustralianPostcode("2000") || AustralianPostcode("20000") || AustralianPostcode("20a0") {
		t.Error("AustralianPostcode")
	}
}

func TestMexicanState(t *testing.T) {
	for in, want := range map[string]bool{"Jalisco": true, "Nuevo León": true, "CDMX": true, "Ciudad de México": true, "Yucatán": true,
		"New Mexico": false, "NM": false, "Texas": false, "": false} {
		if got := MexicanState(in); got != want {
			t.Errorf("MexicanState(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIndianState(t *testing.T) {
	for in, want := range map[string]bool{"Karnataka": true, "Tamil Nadu": true, "tamil  nadu": true, "Orissa": true, "NCT of Delhi": true,
		"Georgia": false, "Kerala State": false, "": false} {
		if got := IndianState(in); got != want {
			t.Errorf("IndianState(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{"560001": true, "560 001": true, "060001": false, "56001": false, "5600011": false} {
		if got := IndianPIN(in); got != want {
			t.Errorf("IndianPIN(%q) = %v, want %v", in, got, want)
		}
	}
}
