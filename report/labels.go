package report

import (
	"slices"
	"strings"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
)

// elementShort are short names for element combinations.
var elementShort = map[breachkit.Element]string{
	breachkit.SSN: "SSN", breachkit.ITIN: "ITIN", breachkit.DOB: "DOB", breachkit.Email: "Email",
	breachkit.Phone: "Phone", breachkit.Address: "Address", breachkit.PersonName: "Name",
	breachkit.BankAccount: "Bank acct", breachkit.RoutingNumber: "Routing no", breachkit.CardNumber: "Card",
	breachkit.DriversLicense: "DL", breachkit.Passport: "Passport", breachkit.HealthID: "Health ID",
	breachkit.Credentials: "Login", breachkit.AccessCode: "Access code", breachkit.Biometric: "Biometric",
	breachkit.MedicalInfo: "Medical", breachkit.GovID: "Gov ID", breachkit.Genetic: "Genetic",
	breachkit.DigitalSignature: "Signature", breachkit.MothersMaidenName: "Maiden name",
	breachkit.EmployeeID: "Employee ID", breachkit.StudentID: "Student ID",
}

// elementLabel names an element for the reader.
func elementLabel(e breachkit.Element) string { return e.Label() }

// readingOrder is the order of elements in a combination's label: who,
// then the identifiers that make a breach notifiable, then contact data.
var readingOrder = func() map[breachkit.Element]int {
	m := map[breachkit.Element]int{}
	for i, e := range []breachkit.Element{breachkit.PersonName, breachkit.SSN, breachkit.ITIN, breachkit.DOB,
		breachkit.DriversLicense, breachkit.Passport, breachkit.GovID, breachkit.StudentID, breachkit.EmployeeID, breachkit.CardNumber, breachkit.BankAccount,
		breachkit.RoutingNumber, breachkit.AccessCode, breachkit.HealthID, breachkit.MedicalInfo, breachkit.Biometric,
		breachkit.Genetic, breachkit.Credentials, breachkit.Email, breachkit.Phone, breachkit.Address} {
		m[e] = i + 1
	}
	return m
}()

// comboLabel names a set of elements briefly: "Name + SSN + DOB".
func comboLabel(set breachkit.ElementSet) string {
	if len(set) == 0 {
		return "(none)"
	}
	s := slices.Clone(set)
	slices.SortStableFunc(s, func(a, b breachkit.Element) int {
		ra, rb := readingOrder[a], readingOrder[b]
		if ra == 0 {
			ra = len(readingOrder) + 1
		}
		if rb == 0 {
			rb = len(readingOrder) + 1
		}
		return ra - rb
	})
	parts := make([]string, len(s))
	for i, e := range s {
		if l, ok := elementShort[e]; ok {
			parts[i] = l
		} else {
			parts[i] = elementLabel(e)
		}
	}
	return strings.Join(parts, " + ")
}

// countryNames names the countries most often seen in US breaches; other
// codes are shown as they are.
var countryNames = map[string]string{
	"AR": "Argentina", "AU": "Australia", "AT": "Austria", "BE": "Belgium", "BR": "Brazil",
	"CA": "Canada", "CH": "Switzerland", "CL": "Chile", "CN": "China", "CO": "Colombia",
	"CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "ES": "Spain", "FI": "Finland",
	"FR": "France", "GB": "United Kingdom", "GR": "Greece", "HK": "Hong Kong", "IE": "Ireland",
	"IL": "Israel", "IN": "India", "IT": "Italy", "JP": "Japan", "KR": "South Korea",
	"MX": "Mexico", "NL": "Netherlands", "NO": "Norway", "NZ": "New Zealand", "PH": "Philippines",
	"PL": "Poland", "PT": "Portugal", "SE": "Sweden", "SG": "Singapore", "TW": "Taiwan",
	"UA": "Ukraine", "ZA": "South Africa", "EU": "European Union", "US": "United States",
	"IS": "Iceland", "LI": "Liechtenstein", "EEA": "EEA (Iceland, Liechtenstein, Norway)",
	"TH": "Thailand", "MY": "Malaysia", "ID": "Indonesia", "VN": "Vietnam", "TR": "Türkiye",
	"SA": "Saudi Arabia", "KE": "Kenya", "NG": "Nigeria",
}

// jurisdictionName names a jurisdiction code for the reader.
func jurisdictionName(code string) string {
	if s, ok := gazetteer.StateByCode(code); ok {
		return s.Name
	}
	switch {
	case code == "US":
		return "United States (federal)"
	case strings.EqualFold(code, "unknown") || code == "":
		return "Unknown"
	}
	if n, ok := countryNames[strings.ToUpper(code)]; ok {
		return n
	}
	return code
}

// tilePos places each state, DC and territory on the tile-grid map: a
// 12 by 9 grid of equal squares that keeps each one's rough position.
var tilePos = map[string][2]int{ // USPS abbreviation -> column, row
	"AK": {0, 0}, "ME": {11, 0},
	"WI": {6, 1}, "VT": {10, 1}, "NH": {11, 1},
	"WA": {1, 2}, "ID": {2, 2}, "MT": {3, 2}, "ND": {4, 2}, "MN": {5, 2}, "IL": {6, 2}, "MI": {7, 2}, "NY": {9, 2}, "MA": {10, 2},
	"OR": {1, 3}, "NV": {2, 3}, "WY": {3, 3}, "SD": {4, 3}, "IA": {5, 3}, "IN": {6, 3}, "OH": {7, 3}, "PA": {8, 3}, "NJ": {9, 3}, "CT": {10, 3}, "RI": {11, 3},
	"CA": {1, 4}, "UT": {2, 4}, "CO": {3, 4}, "NE": {4, 4}, "MO": {5, 4}, "KY": {6, 4}, "WV": {7, 4}, "VA": {8, 4}, "MD": {9, 4}, "DE": {10, 4},
	"AZ": {2, 5}, "NM": {3, 5}, "KS": {4, 5}, "AR": {5, 5}, "TN": {6, 5}, "NC": {7, 5}, "SC": {8, 5}, "DC": {9, 5},
	"OK": {4, 6}, "LA": {5, 6}, "MS": {6, 6}, "AL": {7, 6}, "GA": {8, 6},
	"HI": {0, 7}, "TX": {4, 7}, "FL": {9, 7},
	"GU": {0, 8}, "MP": {1, 8}, "AS": {2, 8}, "PR": {10, 8}, "VI": {11, 8},
}
