package marked

import "testing"

func TestKeyword(t *testing.T) {
	for _, c := range []struct {
		in, text string
		ks, ke   int
	}{
		{"my |student| ID", "my student ID", 3, 10},
		{"|SIN| 1", "SIN 1", 0, 3},
		{"no bars", "no bars", -1, -1},
		{"one | bar", "one | bar", -1, -1},
	} {
		text, ks, ke := Keyword(c.in)
		if string(text) != c.text || ks != c.ks || ke != c.ke {
			t.Errorf("Keyword(%q) = %q, %d, %d", c.in, text, ks, ke)
		}
	}
}
