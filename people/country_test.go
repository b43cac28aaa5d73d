package people

import (
	"testing"

	"github.com/breachkit/breachkit"
)

// TestCountryJurisdiction places people by the country of their address:
// a country column, or a country ending a whole address, decides before
// a postcode that happens to be a US ZIP Code (75002 is Allen, Texas, and
// a district of Paris); a US territory written as a country is that
// territory; a Canadian province or postal code is Canada; a US address
// without a country stays with its state.
func TestCountryJurisdiction(t *testing.T) {
	for _, c := range []struct {
		name string
		vals []Value
		want string
	}{
		{"country column", []Value{{breachkit.Address, "street", "12 rue de la Paix", 1, 0}, {breachkit.Address, "zip", "75002", 2, 0}, {breachkit.Address, "city", "Paris", 3, 0}, {breachkit.Address, "country", "France", 4, 0}}, "FR"},
		{"country code", []Value{{breachkit.Address, "zip", "10115", 1, 0}, {breachkit.Address, "country", "DEU", 2, 0}}, "DE"},
		{"country alone", []Value{{breachkit.Address, "country", "United Kingdom", 1, 0}}, "GB"},
		{"whole address", []Value{{breachkit.Address, "full", "12 rue de la Paix, 75002 Paris, France", 1, 0}}, "FR"},
		{"territory", []Value{{breachkit.Address, "city", "San Juan", 1, 0}, {breachkit.Address, "country", "Puerto Rico", 2, 0}}, "US-PR"},
		{"united states", []Value{{breachkit.Address, "zip", "75002", 1, 0}, {breachkit.Address, "country", "USA", 2, 0}}, "US-TX"},
		{"us whole address", []Value{{breachkit.Address, "full", "2621 Washington Ave, Tulsa, OK 74103, United States", 1, 0}}, "US-OK"},
		{"state named like a country", []Value{{breachkit.Address, "full", "12 Peachtree St, Atlanta, Georgia", 1, 0}}, "US-GA"},
		{"canadian province", []Value{{breachkit.Address, "city", "Toronto", 1, 0}, {breachkit.Address, "state", "ON", 2, 0}}, "CA"},
		{"canadian postal code", []Value{{breachkit.Address, "zip", "H3Z 2Y7", 1, 0}}, "CA"},
		{"canadian whole address", []Value{{breachkit.Address, "full", "100 King St W, Toronto, ON M5V 2T6", 1, 0}}, "CA"},
	} {
		r := BuildRecord("r", c.vals)
		if len(r.Addresses) == 0 {
			t.Errorf("%s: no address", c.name)
			continue
		}
		if got, _ := jurisdiction(&r.Addresses[0]); got != c.want {
			t.Errorf("%s: jurisdiction %q, want %q (%+v)", c.name, got, c.want, r.Addresses[0])
		}
	}
	a := parseFullAddress("221B Baker Street, Flat 2, London NW1 6XE, UK")
	if a.Street != "221B Baker Street" || a.Unit != "Flat 2" || a.City != "London" || a.ZIP != "NW1 6XE" || a.Country != "GB" {
		t.Errorf("UK address parsed as %+v", a)
	}
}

// TestSurnameFirst reads names written surname first without a comma, as
// bank and payroll ledgers write them, only where the gazetteer is sure
// which word is which.
func TestSurnameFirst(t *testing.T) {
	for in, want := range map[string][3]string{
		"WILLIAMS DESHAWN T":  {"DESHAWN", "T", "WILLIAMS"},
		"HOLLOWAY MARGARET":   {"MARGARET", "", "HOLLOWAY"},
		"MARGARET A HOLLOWAY": {"MARGARET", "A", "HOLLOWAY"},
		"Margaret Holloway":   {"Margaret", "", "Holloway"},
		"Holloway Margaret":   {"Holloway", "", "Margaret"}, // not in capitals: as written
		"TAYLOR LEE":          {"TAYLOR", "", "LEE"},
		"NGUYEN VAN AN":       {"NGUYEN", "VAN", "AN"},
	} {
		g, m, s, _ := splitFullName(in)
		if got := [3]string{g, m, s}; got != want {
			t.Errorf("splitFullName(%q) = %q, want %q", in, got, want)
		}
	}
}
