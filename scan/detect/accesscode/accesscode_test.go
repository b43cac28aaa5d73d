package accesscode

import "testing"

func TestValue(t *testing.T) {
	tests := []struct {
		text string // the label ends at the first '|'
		kind Kind
		want string
	}{
		{"cvv| 123", CardCode, "123"},
		{"cvv|: 4821.", CardCode, "4821"},
		{"security code| is 042", CardCode, "042"},
		{"pin|#0917", PIN, "0917"},
		{"pin| number 0917", PIN, "0917"},
		{"cvv| 12", CardCode, ""},
		{"cvv| 12345", CardCode, ""},
		{"pin| 123456", PIN, ""},
		{"cvv| 123-456", CardCode, ""},
		{"cvv| 123abc", CardCode, ""},
		{"cvv| on file 123", CardCode, ""},
		{"cvv|", CardCode, ""},
	}
	for _, tt := range tests {
		i := 0
		for tt.text[i] != '|' {
			i++
		}
		text := []byte(tt.text[:i] + tt.text[i+1:])
		st, en := Value(text, i, tt.kind)
		if got := string(text[st:en]); got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		w, pv, nx string
		want      Kind
	}{
		{"CVV", "", "", CardCode},
		{"cvc2", "", "", CardCode},
		{"PIN", "ATM", "4821", PIN},
		{"PIN", "", "code", None},
		{"security", "card", "code", CardCode},
		{"Security", "Social", "code", None},
		{"security", "", "question", None},
		{"card", "", "", None},
	}
	for _, tt := range tests {
		if got := KindOf([]byte(tt.w), []byte(tt.pv), []byte(tt.nx)); got != tt.want {
			t.Errorf("KindOf(%q, %q, %q) = %d, want %d", tt.w, tt.pv, tt.nx, got, tt.want)
		}
	}
}

// FuzzValue checks that Value never panics and returns digits inside the
// text after the label.
func FuzzValue(f *testing.F) {
	f.Add([]byte("cvv: 123"), 3)
	f.Add([]byte("pin# 4821"), 3)
	f.Fuzz(func(t *testing.T, text []byte, i int) {
		if i < 0 || i > len(text) {
			return
		}
		for _, k := range []Kind{CardCode, PIN} {
			st, en := Value(text, i, k)
			if en == 0 {
				continue
			}
			if st < i || en > len(text) || st >= en {
				t.Fatalf("Value(%q, %d) = %d, %d", text, i, st, en)
			}
			for _, c := range text[st:en] {
				if c < '0' || c > '9' {
					t.Fatalf("Value(%q, %d) = %q: not digits", text, i, text[st:en])
				}
			}
		}
	})
}
