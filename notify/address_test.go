package notify

import (
	"slices"
	"testing"

	"github.com/breachkit/breachkit/people"
)

// TestAddressLines writes envelopes as each country's post reads them.
func TestAddressLines(t *testing.T) {
	for _, c := range []struct {
		a    people.Address
		want []string
	}{
		{people.Address{Street: "2621 Washington Ave", Unit: "Apt 4B", City: "Tulsa", State: "OK", ZIP: "74103"}, []string{"2621 Washington Ave Apt 4B", "Tulsa, OK 74103"}},
		{people.Address{Street: "Hauptstraße 5", City: "Berlin", ZIP: "10115", Country: "Deutschland"}, []string{"Hauptstraße 5", "10115 Berlin", "Germany"}},
		{people.Address{Street: "12 rue de la Paix", City: "Paris", ZIP: "75002", Country: "FR"}, []string{"12 rue de la Paix", "75002 Paris", "France"}},
		{people.Address{Street: "221B Baker Street", City: "London", ZIP: "NW1 6XE", Country: "United Kingdom"}, []string{"221B Baker Street", "London", "NW1 6XE", "United Kingdom"}},
		{people.Address{Street: "100 King St W", City: "Toronto", State: "ON", ZIP: "M5V 2T6"}, []string{"100 King St W", "Toronto, ON M5V 2T6", "Canada"}},
		{people.Address{Street: "1 Main Rd", City: "Springfield", Country: "Atlantis"}, []string{"1 Main Rd", "Springfield", "Atlantis"}},
	} {
		if got := addressLines(&c.a); !slices.Equal(got, c.want) {
			t.Errorf("%+v: got %q, want %q", c.a, got, c.want)
		}
	}
}
