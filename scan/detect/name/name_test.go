package name

import (
	"strings"
	"testing"
)

// TestIsParticle holds IsParticle, which compares bytes for speed, to
// the particles of the lexicon.
func TestIsParticle(t *testing.T) {
	for w := range particles {
		if !IsParticle([]byte(w)) {
			t.Errorf("IsParticle(%q) = false", w)
		}
	}
	for _, w := range []string{"", "the", "and", "dee", "vanilla", "De", "a"} {
		if IsParticle([]byte(w)) {
			t.Errorf("IsParticle(%q) = true", w)
		}
	}
}

func TestFirmAt(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"Fannie Mae; investor", 10},
		{"FREDDIE MAC loan", 11},
		{"Ernst & Young LLP", 13},
		{"Jones Lang LaSalle Inc.", 18},
		{"Morgan Stanley-Wright", 0},
		{"Edward Jonesboro", 0},
		{"Fannie", 0},
		{"Dana Whitfield", 0},
	} {
		if got := FirmAt([]byte(c.text), 0); got != c.want {
			t.Errorf("FirmAt(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

func TestMaybeFirm(t *testing.T) {
	for _, f := range firms {
		for k := strings.IndexByte(f, ' '); k <= len(f); k++ {
			if k == len(f) || f[k] == ' ' {
				if !MaybeFirm([]byte(f), 0, k) {
					t.Errorf("MaybeFirm(%q) = false", f[:k])
				}
			}
		}
	}
}

// TestFold: accented letters are spelled by their base letter, those of
// Latin Extended-B and Additional (Vietnamese, Romanian) too.
func TestFold(t *testing.T) {
	for r, want := range map[rune]string{'é': "e", 'Ł': "l", 'ß': "ss", 'ễ': "e", 'Ư': "u", 'ơ': "o", 'Ș': "s", 'ț': "t", 'Ạ': "a", 'ƒ': "f", 'ə': "", '中': ""} {
		if got := fold(r); got != want {
			t.Errorf("fold(%q) = %q, want %q", r, got, want)
		}
	}
}
