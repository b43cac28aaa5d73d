package ssn

import "testing"

func TestValid(t *testing.T) {
	for _, tt := range []struct {
		d    string
		want bool
	}{
		{"412657733", true},
		{"773123456", true}, // randomised since 2011: areas 734–749 and 773–899 are issued
		{"000123456", false},
		{"666123456", false},
		{"912345678", false}, // an ITIN's area
		{"412007733", false},
		{"412650000", false},
		{"078051120", false}, // the Woolworth wallet card
		{"219099999", false},
		{"123456789", false},
		{"012345678", false},
		{"111111111", false},
		{"987654321", false},
		{"12345678", false},
	} {
		if got := Valid([]byte(tt.d)); got != tt.want {
			t.Errorf("Valid(%s) = %v, want %v", tt.d, got, tt.want)
		}
	}
}
