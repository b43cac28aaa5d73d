package assigned

import (
	"testing"

	"github.com/breachkit/breachkit/scan/detect/internal/marked"
)

func TestValid(t *testing.T) {
	for v, want := range map[string]bool{
		"E104512": true, "004512": true, " 7731 ": true, "A-2231": true, "stu_2024.17": true,
		"12": false, "000": false, "N/A": false, "ABCDEF": false, "": false, "E 104512": false,
		"123456789012345678901": false,
	} {
		if got := Valid([]byte(v)); got != want {
			t.Errorf("Valid(%q) = %v, want %v", v, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add([]byte("E104512"))
	f.Fuzz(func(t *testing.T, v []byte) {
		if Valid(v) && len(v) < 3 {
			t.Errorf("Valid(%q) for fewer than three bytes", v)
		}
	})
}

func TestLabelled(t *testing.T) {
	tests := []struct {
		text, want string
		k          Kind
	}{ // the keyword is between '|'s
		{"|Employee| ID: E104512, hired 2019", "E104512", Employee},
		{"my |student| ID is 2834722 and", "2834722", Student},
		{"my |student| ID 2834722 and", "2834722", Student},
		{"|student| number: S-2834722.", "S-2834722", Student},
		{"|EMPLID| 100234", "100234", Employee},
		{"|employee| #4512 on leave", "4512", Employee},
		{"|employee| handbook 2024", "", None},
		{"|employee| ID: TBD", "", None},
		{"|student| ID: ab12", "", None}, // two digits
		{"|employee| id a1b2c3@example.com", "", None},
	}
	for _, tt := range tests {
		text, ks, ke := marked.Keyword(tt.text)
		st, en, k := Labelled(text, ks, ke)
		if got := string(text[st:en]); got != tt.want || k != tt.k {
			t.Errorf("Labelled(%q) = %q, %d; want %q, %d", tt.text, got, k, tt.want, tt.k)
		}
	}
}

func FuzzLabelled(f *testing.F) {
	f.Add([]byte("Employee ID: E104512"), 0, 8)
	f.Fuzz(func(t *testing.T, text []byte, ks, ke int) {
		if ks < 0 || ke < ks || ke > len(text) {
			return
		}
		st, en, k := Labelled(text, ks, ke)
		if k != None && (st < ke || en > len(text) || en-st < 3) {
			t.Errorf("Labelled(%q, %d, %d) = %d, %d", text, ks, ke, st, en)
		}
	})
}
