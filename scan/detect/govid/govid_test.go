package govid

import "testing"

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
