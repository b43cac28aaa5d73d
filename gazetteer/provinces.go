package gazetteer

import "strings"

// provinces are Canada's provinces and territories by their postal
// abbreviation (Canada Post), with their English and French names. None
// of the abbreviations is also a US state's.
var provinces = map[string][]string{
	"AB": {"Alberta"}, "BC": {"British Columbia", "Colombie-Britannique"}, "MB": {"Manitoba"},
	"NB": {"New Brunswick", "Nouveau-Brunswick"}, "NL": {"Newfoundland and Labrador", "Terre-Neuve-et-Labrador", "Newfoundland"},
	"NS": {"Nova Scotia", "Nouvelle-Écosse"}, "NT": {"Northwest Territories", "Territoires du Nord-Ouest"}, "NU": {"Nunavut"},
	"ON": {"Ontario"}, "PE": {"Prince Edward Island", "Île-du-Prince-Édouard"}, "QC": {"Quebec", "Québec"},
	"SK": {"Saskatchewan"}, "YT": {"Yukon"},
}

var provinceNames = func() map[string]string {
	m := map[string]string{}
	for code, names := range provinces {
		m[strings.ToLower(code)] = code
		for _, n := range names {
			m[strings.ToLower(n)] = code
		}
	}
	m["pq"], m["nf"], m["yk"], m["pei"] = "QC", "NL", "YT", "PE" // older abbreviations still written (and in Province)
	return m
}()

// Province returns the postal abbreviation of a Canadian province or
// territory written as its abbreviation or its English or French name.
func Province(s string) (string, bool) {
	if len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' {
		// A state's abbreviation, as most addresses write it: no
		// folding needed.
		if _, ok := provinces[s]; ok {
			return s, true
		}
		switch s {
		case "PQ":
			return "QC", true
		case "NF":
			return "NL", true
		case "YK":
			return "YT", true
		}
		return "", false
	}
	c, ok := provinceNames[strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))]
	return c, ok
}

// CanadianPostalCode reports whether s is a Canadian postal code: letter,
// digit, letter, an optional blank, digit, letter, digit (K1A 0B1), with
// the letters Canada Post uses.
func CanadianPostalCode(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 7 && s[3] == ' ' || len(s) == 7 && s[3] == '-' {
		s = s[:3] + s[4:]
	}
	if len(s) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		c := s[i]
		if i%2 == 1 {
			if c < '0' || c > '9' {
				return false
			}
			continue
		}
		if c < 'A' || c > 'Z' || strings.IndexByte("DFIOQU", c) >= 0 || i == 0 && (c == 'W' || c == 'Z') {
			return false
		}
	}
	return true
}

// australianStates are Australia's states and territories by their
// abbreviation, with their names. Only WA is also a US state's.
var australianStates = map[string]string{
	"NSW": "New South Wales", "VIC": "Victoria", "QLD": "Queensland", "SA": "South Australia",
	"WA": "Western Australia", "TAS": "Tasmania", "ACT": "Australian Capital Territory", "NT": "Northern Territory",
}

var australianStateNames = func() map[string]string {
	m := map[string]string{}
	for code, name := range australianStates {
		m[strings.ToLower(code)] = code
		m[strings.ToLower(name)] = code
	}
	return m
}()

// AustralianState returns the abbreviation of an Australian state or
// territory written as its abbreviation or its name.
func AustralianState(s string) (string, bool) {
	c, ok := australianStateNames[strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))]
	return c, ok
}

// AustralianPostcode reports whether s is an Australian postcode: four
// digits.
func AustralianPostcode(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) == 4 && allDigits(s)
}

// mexicanStates are the names of Mexico's states and its capital, lower
// case and without accents. None is a US state's ("New Mexico" is).
var mexicanStates = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{"aguascalientes", "baja california", "baja california sur", "campeche", "chiapas", "chihuahua",
		"ciudad de mexico", "cdmx", "distrito federal", "coahuila", "coahuila de zaragoza", "colima", "durango", "guanajuato",
		"guerrero", "hidalgo", "jalisco", "mexico", "estado de mexico", "michoacan", "michoacan de ocampo", "morelos", "nayarit",
		"nuevo leon", "oaxaca", "puebla", "queretaro", "quintana roo", "san luis potosi", "sinaloa", "sonora", "tabasco",
		"tamaulipas", "tlaxcala", "veracruz", "veracruz de ignacio de la llave", "yucatan", "zacatecas"} {
		m[s] = true
	}
	return m
}()

// MexicanState reports whether s names a state of Mexico (or its capital,
// Ciudad de México), with or without accents: a five-digit código postal
// next to it is no ZIP Code (44100 is Guadalajara's and Cleveland's).
func MexicanState(s string) bool {
	s = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))
	if s == "" {
		return false
	}
	return mexicanStates[unaccent.Replace(s)]
}

// unaccent drops the accents Mexican state names carry.
var unaccent = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u")

// indianStates are the names of India's 28 states and 8 union
// territories (ISO 3166-2:IN, as the Government of India lists them),
// with the older spellings addresses still carry (Orissa, Pondicherry,
// Uttaranchal), lower case.
var indianStates = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{"andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
		"himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh", "maharashtra", "manipur", "meghalaya", "mizoram",
		"nagaland", "odisha", "orissa", "punjab", "rajasthan", "sikkim", "tamil nadu", "telangana", "tripura", "uttar pradesh",
		"uttarakhand", "uttaranchal", "west bengal", "andaman and nicobar islands", "chandigarh",
		"dadra and nagar haveli and daman and diu", "delhi", "nct of delhi", "jammu and kashmir", "ladakh",
		"lakshadweep", "puducherry", "pondicherry"} {
		m[s] = true
	}
	return m
}()

// IndianState reports whether s names a state or union territory of
// India: a six-digit number after it is its PIN code.
func IndianState(s string) bool {
	return indianStates[strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))]
}

// IndianPIN reports whether s is an Indian postal index number: six
// digits, the first not 0 ("560001"; "560 001" is written too).
func IndianPIN(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	return len(s) == 6 && allDigits(s) && s[0] != '0'
}
