package health

import (
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"1EG4-TE5-MK73": true, "1EG4TE5MK73": true, // MBI
		"943 476 5919": true, "9434765919": true, // NHS, check digit 9
		"1234-567-890-AB": true, "XWB100234567": true, "P100234": true,
		"12ab": false, "Dana Whitfield": false, "1234  5678": false, "abc.1234": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"943 476 5919": true, "943476 5919": false, "401 023 2137": true, "401 023 2130": false, "12345": false} {
		if got := ValidNHS(s); got != want {
			t.Errorf("ValidNHS(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add("943 476 5919")
	f.Add("1EG4-TE5-MK73")
	f.Fuzz(func(t *testing.T, s string) {
		if ValidNHS(s) && !Valid(s) {
			t.Errorf("%q is an NHS number but not a health ID", s)
		}
	})
}

func TestNHSLabelled(t *testing.T) {
	for _, c := range []struct{ after, want string }{ // the text after "NHS"
		{" number: 943-476-5919", "943-476-5919"},
		{" No. 943 476 5919 on file", "943 476 5919"},
		{" number 9434765919", "9434765919"},
		{" number: 943-476-5918", ""},  // check digit
		{" number: 943-476 5919", ""},  // separators differ
		{" number: 943-476-59190", ""}, // runs on
		{" trust 943-476-5919", ""},    // not a number's label
	} {
		text := []byte("NHS" + c.after)
		st, en := NHSLabelled(text, 3)
		if got := string(text[st:en]); got != c.want {
			t.Errorf("NHSLabelled(%q) = %q, want %q", text, got, c.want)
		}
	}
}

func FuzzNHSLabelled(f *testing.F) {
	f.Add([]byte("NHS number: 943-476-5919"))
	f.Fuzz(func(t *testing.T, text []byte) {
		for i := 0; i <= len(text) && i < 8; i++ {
			st, en := NHSLabelled(text, i)
			if en != 0 && (st < i || en > len(text) || !ValidNHS(strings.ReplaceAll(string(text[st:en]), "-", " "))) {
				t.Fatalf("NHSLabelled(%q, %d) = %d, %d", text, i, st, en)
			}
		}
	})
}

func TestBIC(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"A", 1}, {"A ", 1}, {"B1", 2}, {"BA,", 2}, {"C1", 2}, {"C", 0}, {"F", 0}, {"D", 1},
		{"T", 1}, {"TA", 2}, {"W9", 2}, {"X", 0}, {"A1", 2}, {"AB", 0}, {"B12", 0}, {"Ab", 0}, {"", 0}, {"a", 0},
	}
	for _, tt := range tests {
		if got := BIC([]byte(tt.s)); got != tt.want {
			t.Errorf("BIC(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
