package gazetteer

import "testing"

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"France": "FR", "FRA": "FR", "fr": "FR", "Deutschland": "DE", "Germany": "DE", "España": "ES", "Österreich": "AT",
		"United Kingdom": "GB", "U.K.": "GB", "England": "GB", "Polska": "PL", "Czechia": "CZ", "Czech Republic": "CZ",
		"United States": "US", "U.S.A.": "US", "Canada": "CA", "Puerto Rico": "PR", "Nederland": "NL", " italia ": "IT",
		"Ireland": "IE", "Sverige": "SE", "Ελλάδα": "GR", "Belgique": "BE", "Allemagne": "DE", "Schweiz": "CH",
	} {
		if got, ok := CountryCode(in); !ok || got != want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Texas", "Springfield", "XX", "Main Street"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q, want none", in, got)
		}
	}
}

func TestCountryFirstWord(t *testing.T) {
	for w, want := range map[string]bool{"france": true, "united": true, "czech": true, "deu": true, "texas": false, "the": true, "main": false} {
		if got := CountryFirstWord([]byte(w)); got != want {
			t.Errorf("CountryFirstWord(%q) = %v", w, got)
		}
	}
}

func TestCityCountry(t *testing.T) {
	for in, want := range map[string]string{
		"Bruxelles": "BE", " münchen ": "DE", "Zurich": "CH", "Lisboa": "PT", "São Paulo": "BR", "Ciudad de México": "MX",
		"København V": "DK", "Praha 1": "CZ",
		"Paris": "", "Dublin": "", "Springfield": "", "": "", "Springfield IL": "",
	} {
		got, ok := CityCountry(in)
		if got != want || ok != (want != "") {
			t.Errorf("CityCountry(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestPostcodeFits(t *testing.T) {
	for _, c := range []struct {
		cc, code string
		want     bool
	}{
		{"IN", "560001", true}, {"IN", "560 001", true}, {"IN", "13753", false}, {"KR", "06234", true}, {"JP", "150-0002", true},
		{"NL", "1015 CJ", true}, {"BR", "01305-100", true}, {"DE", "8033", false}, {"IE", "D02 X285", true}, {"XX", "1", true}, {"FR", "", true},
	} {
		if got := PostcodeFits(c.cc, c.code); got != c.want {
			t.Errorf("PostcodeFits(%q, %q) = %v, want %v", c.cc, c.code, got, c.want)
		}
	}
}
