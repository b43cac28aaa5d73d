package name

import "testing"

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
