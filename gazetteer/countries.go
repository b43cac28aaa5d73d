package gazetteer

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryCode returns the ISO 3166-1 alpha-2 code of a country written as
// its alpha-2 or alpha-3 code (FR, FRA), its English name (France,
// Czechia, United Kingdom), its name in its own main language
// (Deutschland, España, Österreich, Polska) or a common other name (UK,
// England, Holland, U.S.A.). Names come from the Unicode CLDR data of
// golang.org/x/text, so every country has one. Case, dots and extra
// blanks do not matter.
func CountryCode(s string) (string, bool) {
	c, ok := countries()[countryKey(s)]
	return c, ok
}

// CountryName returns the English name of the country with ISO 3166-1
// alpha-2 code code (FR is France), or "" for a code that names none.
func CountryName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() {
		return ""
	}
	return display.English.Regions().Name(r)
}

// CountryFirstWord reports whether w, a word in lower case, is the first
// word of a country's name or code ("france", "united", "deu"): a cheap
// test before CountryCode is asked about a run of words.
func CountryFirstWord(w []byte) bool {
	_, ok := countryFirst()[string(w)]
	return ok
}

var countryFirst = sync.OnceValue(func() map[string]struct{} {
	m := map[string]struct{}{}
	for k := range countries() {
		first, _, _ := strings.Cut(k, " ")
		m[first] = struct{}{}
	}
	return m
})

// countryAliases are names in common use that CLDR does not give as a
// country's name.
var countryAliases = map[string]string{
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
	"united kingdom of great britain and northern ireland": "GB",
	"us": "US", "usa": "US", "united states of america": "US", "america": "US",
	"holland": "NL", "the netherlands": "NL", "czech republic": "CZ", "republic of ireland": "IE", "eire": "IE", "éire": "IE",
	"south korea": "KR", "republic of korea": "KR", "russian federation": "RU", "turkey": "TR", "türkiye": "TR",
	"viet nam": "VN", "ivory coast": "CI", "swaziland": "SZ", "macedonia": "MK", "burma": "MM",
}

// nameLangs are the languages whose names of countries are known besides
// English and each country's own.
var nameLangs = []string{"fr", "de", "es", "it", "nl", "pt", "pl", "sv"}

// retired are codes CLDR still knows that name no country of today, or
// name one under another code (UK is GB, FX metropolitan France).
var retired = map[string]bool{"UK": true, "FX": true, "DD": true, "SU": true, "YU": true, "ZR": true, "TP": true, "BU": true, "CS": true,
	"NT": true, "YD": true, "DY": true, "HV": true, "NH": true, "RH": true, "VD": true, "AN": true, "EU": true, "EZ": true, "UN": true, "QO": true}

var countries = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	en := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || retired[code] {
				continue
			}
			m[countryKey(code)] = code
			if iso3 := r.ISO3(); len(iso3) == 3 {
				m[countryKey(iso3)] = code
			}
			if n := en.Name(r); n != "" {
				m[countryKey(n)] = code
			}
			// The name in the country's most likely language, and in
			// the languages most exports in Europe are written in.
			langs := nameLangs
			if base, conf := language.Make("und-" + code).Base(); conf != language.No {
				langs = append([]string{base.String()}, nameLangs...)
			}
			for _, l := range langs {
				if namer := display.Regions(language.Make(l)); namer != nil {
					if n := namer.Name(r); n != "" {
						if _, taken := m[countryKey(n)]; !taken {
							m[countryKey(n)] = code
						}
					}
				}
			}
		}
	}
	for k, v := range countryAliases {
		m[countryKey(k)] = v
	}
	return m
})

// countryKey is the form names are compared in: lower case, without
// dots, single blanks.
func countryKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, ".", ""))), " ")
}

// CityCountry returns the country (ISO 3166-1 alpha-2) of a city outside
// the United States written as it is where it lies or in a common
// English form ("Bruxelles", "München", "Zurich", "Lisboa"): capitals and
// cities of 100,000 or more whose names no US city of note shares (see
// data/SOURCES.md). Case and surrounding blanks do not matter. It tells a
// person's country when the address names none and its postal code is
// no US state's.
func CityCountry(city string) (string, bool) {
	f := strings.Fields(strings.ToLower(city))
	if c, ok := cities()[strings.Join(f, " ")]; ok {
		return c, true
	}
	if n := len(f); n >= 2 && len(f[n-1]) <= 2 {
		// A district after the city: "København V", "Praha 1",
		// "Marseille 8".
		c, ok := cities()[strings.Join(f[:n-1], " ")]
		return c, ok
	}
	return "", false
}

var cities = sync.OnceValue(func() map[string]string {
	recs := readRecords("cities.csv", 2)
	m := make(map[string]string, len(recs))
	for _, r := range recs {
		m[r[0]] = r[1]
	}
	return m
})

// postcodeDigits is how many digits the postal codes of the countries of
// cities.csv hold, as the Universal Postal Union's "Postal addressing
// systems" describes them (a hyphen or a blank inside, and letters, as
// the Netherlands' 1015 CJ, not counted). Ireland's and Malta's codes are
// letters and digits mixed, and are not listed.
var postcodeDigits = map[string]int{
	"AT": 4, "BE": 4, "BG": 4, "BR": 8, "CH": 4, "CL": 7, "CY": 4, "CZ": 5, "DE": 5, "DK": 4, "EE": 5, "ES": 5, "FI": 5, "FR": 5,
	"GR": 5, "HR": 5, "HU": 4, "ID": 5, "IL": 7, "IN": 6, "IS": 3, "IT": 5, "JP": 7, "KE": 5, "KR": 5, "LI": 4, "LT": 5, "LU": 4,
	"LV": 4, "MX": 5, "MY": 5, "NG": 6, "NL": 4, "NO": 4, "NZ": 4, "PH": 4, "PL": 5, "PT": 7, "RO": 6, "SA": 5, "SE": 5, "SG": 6,
	"SI": 4, "SK": 5, "TH": 5, "TR": 5, "VN": 6, "ZA": 4,
}

// PostcodeFits reports whether code can be a postal code of the country
// cc: it holds as many digits as that country's do, or it is empty, or
// the country's codes are not listed. "Delhi 13753" is no address in
// India, whose PIN codes have six digits (Delhi, New York's is 13753).
func PostcodeFits(cc, code string) bool {
	want, ok := postcodeDigits[cc]
	if !ok {
		return true
	}
	n := 0
	for i := 0; i < len(code); i++ {
		if code[i] >= '0' && code[i] <= '9' {
			n++
		}
	}
	return n == 0 || n == want
}
