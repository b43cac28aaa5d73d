package detect

import "testing"

func TestSpokenDigits(t *testing.T) {
	tests := []struct {
		text, span, digits string
	}{
		{"caller: sure its four one two six five seven seven three three", "four one two six five seven seven three three", "412657733"},
		{"oh sure, two one nine oh nine double nine nine eight", "two one nine oh nine double nine nine eight", "219099998"},
		{"its three one two, eight six seven, five three oh nine.", "three one two, eight six seven, five three oh nine", "3128675309"},
		{"Four One Two - Six Five - Seven Seven Three Three", "Four One Two - Six Five - Seven Seven Three Three", "412657733"},
		{"triple seven two one four five six eight", "triple seven two one four five six eight", "777214568"},
		{"one two three", "", ""},                                  // too short
		{"four one two six\nfive seven seven three three", "", ""}, // a line's end
		{"one of the two agents saw nine files", "", ""},
		{"zero one two three four five six seven eight nine zero one two three four five six seven eight nine", "", ""}, // too long
	}
	for _, tt := range tests {
		st, en, d := spokenDigits([]byte(tt.text), 0, len(tt.text), nil)
		got := ""
		if en > 0 {
			got = tt.text[st:en]
		}
		if got != tt.span || string(d) != tt.digits {
			t.Errorf("spokenDigits(%q) = %q, %q; want %q, %q", tt.text, got, d, tt.span, tt.digits)
		}
	}
}

func FuzzSpokenDigits(f *testing.F) {
	f.Add("caller: four one two six five seven seven three three", 3)
	f.Add("double nine triple oh one two three four five", 0)
	f.Fuzz(func(t *testing.T, text string, i int) {
		if i < 0 || i > len(text) {
			return
		}
		st, en, d := spokenDigits([]byte(text), i, len(text), nil)
		if en == 0 {
			if len(d) != 0 {
				t.Fatalf("no run but digits %q", d)
			}
			return
		}
		if st < i || en > len(text) || st >= en || len(d) < 9 || len(d) > 19 {
			t.Fatalf("spokenDigits(%q, %d) = %d, %d, %q", text, i, st, en, d)
		}
	})
}
