package govid

import (
	"testing"

	"github.com/breachkit/breachkit/scan/detect/internal/marked"
)

func TestValid(t *testing.T) {
	tests := []struct {
		v    string
		k    Kind
		want bool
	}{
		{"A123456789", ANumber, true},
		{"a-1234567", ANumber, true},
		{"123-456-789", ANumber, true},
		{"A123456", ANumber, false},
		{"A1234567890", ANumber, false},
		{"A12345678X", ANumber, false},
		{"", ANumber, false},
		{"12345678901", I94, true},
		{"123456789A1", I94, true},
		{"123456789a1", I94, false},
		{"1234567890", I94, false},
		{"S12345678", StateID, true},
		{"S12", StateID, false},
		{"1234567890", DoDID, true},
		{"123456789", DoDID, false},
		{"TR-004512", Tribal, true},
		{"Navajo", Tribal, false},
		{"424 870 533", SIN, true},
		{"424-870-533", SIN, true},
		{"424870533", SIN, true},
		{"424 870-533", SIN, false}, // separators disagree
		{"424870534", SIN, false},   // Luhn
		{"046 454 286", SIN, false}, // Canada's published example; 0 is no one's
		{"130 692 544", SIN, false}, // Canada's other example
		{"842 870 533", SIN, false}, // 8 is no one's
		{"4248705331", SIN, false},
		{"AB 12 34 56 C", NINO, true},
		{"AB123456C", NINO, true},
		{"ab123456c", NINO, true},
		{"AB123456", NINO, true}, // stored without its suffix
		{"QQ 12 34 56 C", NINO, false},
		{"GB123456A", NINO, false},
		{"AO123456A", NINO, false},
		{"AB123456E", NINO, false},
		{"AB12345C", NINO, false},
		{"AB 123456 C", NINO, true}, // as forms and letters write it too
		{"AB 123 456 C", NINO, true},
		{"AB 1234 56 C", NINO, false},
		{"AB 12 3456 C", NINO, false},
	}
	for _, tt := range tests {
		if got := Valid([]byte(tt.v), tt.k); got != tt.want {
			t.Errorf("Valid(%q, %d) = %v, want %v", tt.v, tt.k, got, tt.want)
		}
	}
}

func TestValue(t *testing.T) {
	tests := []struct{ text, want string }{ // the keyword ends at '|'
		{"alien| registration number: A123456789 on file", "A123456789"},
		{"USCIS|# 123-456-789", "123-456-789"},
		{"alien| no. a12345678.", "a12345678"},
		{"alien| species 123456789", ""},
		{"USCIS| number A123", ""},
	}
	for _, tt := range tests {
		i := 0
		for tt.text[i] != '|' {
			i++
		}
		text := []byte(tt.text[:i] + tt.text[i+1:])
		st, en := Value(text, i)
		if got := string(text[st:en]); got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzValue checks that Value and Valid never panic and that Value's
// range is inside the text after the keyword.
func FuzzValue(f *testing.F) {
	f.Add([]byte("alien registration number: A123456789"), 5)
	f.Add([]byte("USCIS# 123-456-789"), 5)
	f.Fuzz(func(t *testing.T, text []byte, i int) {
		for k := ANumber; k <= Tribal; k++ {
			Valid(text, k)
		}
		if i < 0 || i > len(text) {
			return
		}
		if st, en := Value(text, i); en > 0 && (st < i || en > len(text) || st >= en) {
			t.Fatalf("Value(%q, %d) = %d, %d", text, i, st, en)
		}
	})
}

func TestLabelled(t *testing.T) {
	tests := []struct{ text, want string }{ // the keyword is between '|'s
		{"employee |SIN|: 424 870 533 on file", "424 870 533"},
		{"Social |Insurance| Number 424-870-533.", "424-870-533"},
		{"national |insurance| no. AB 12 34 56 C", "AB 12 34 56 C"},
		{"|NINO| AB123456D", "AB123456D"},
		{"|NINO| AB123456", ""},                     // no suffix in text
		{"a |sin| 424 870 533", ""},                 // the word sin, not capitals
		{"health |insurance| number 424870533", ""}, // not social or national
		{"|SIN| 424870534", ""},                     // Luhn
		{"mon |NAS| : 424 870 533", "424 870 533"},  // the SIN in French
		{"le |NAS| est 424 870 533", "424 870 533"},
		{"a |nas| drive 424 870 533", ""}, // network storage, not capitals
	}
	for _, tt := range tests {
		text, ks, ke := marked.Keyword(tt.text)
		st, en, _ := Labelled(text, ks, ke)
		if got := string(text[st:en]); got != tt.want {
			t.Errorf("Labelled(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzLabelled(f *testing.F) {
	f.Add([]byte("Social Insurance Number: 424 870 533"), 7, 16)
	f.Add([]byte("NINO AB 12 34 56 C"), 0, 4)
	f.Fuzz(func(t *testing.T, text []byte, ks, ke int) {
		if ks < 0 || ke < ks || ke > len(text) {
			return
		}
		st, en, _ := Labelled(text, ks, ke)
		if en != 0 && (st < ke || en > len(text) || st >= en) {
			t.Errorf("Labelled(%q, %d, %d) = %d, %d", text, ks, ke, st, en)
		}
		Valid(text, SIN)
		Valid(text, NINO)
	})
}
