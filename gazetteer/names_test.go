package gazetteer

import (
	"slices"
	"testing"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Smith", "smith"}, {"O'Brien", "obrien"}, {"José", "jose"},
		{"De La Cruz", "delacruz"}, {"Peña", "pena"}, {"Mary-Ann", "maryann"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func checkRankedList(t *testing.T, what string, names []string, freq func(string) float64, min int) {
	t.Helper()
	if len(names) < min {
		t.Errorf("%s: %d names, want at least %d", what, len(names), min)
	}
	prev := 1.0
	seen := map[string]bool{}
	for i, n := range names {
		if n == "" || n != NormalizeName(n) {
			t.Errorf("%s[%d] = %q is not normalised", what, i, n)
		}
		if seen[n] {
			t.Errorf("%s: duplicate %q", what, n)
		}
		seen[n] = true
		f := freq(n)
		if f <= 0 || f > prev {
			t.Errorf("%s: %q (rank %d) has frequency %g after %g; want positive, non-increasing", what, n, i+1, f, prev)
		}
		prev = f
	}
}

func TestSurnames(t *testing.T) {
	s := Surnames()
	checkRankedList(t, "Surnames", s, SurnameFrequency, 1000)
	if s[0] != "smith" {
		t.Errorf("most frequent surname = %q, want smith", s[0])
	}
	for _, n := range []string{"SMITH", "Garcia", "nguyen", "O'Brien", "De La Cruz", "Muñoz"} {
		if !IsSurname(n) {
			t.Errorf("IsSurname(%q) = false", n)
		}
	}
	if IsSurname("zzyzx") || SurnameFrequency("zzyzx") != 0 {
		t.Error("unknown surname found")
	}
	if f := SurnameFrequency("Smith"); f < 0.0082 || f > 0.0083 {
		t.Errorf("SurnameFrequency(Smith) = %g, want about 0.00828", f)
	}
	if !(SurnameFrequency("smith") > SurnameFrequency("johnson") && SurnameFrequency("johnson") > SurnameFrequency("joyce")) {
		t.Error("surname frequencies out of order")
	}
}

func TestGivenNames(t *testing.T) {
	g := GivenNames()
	checkRankedList(t, "GivenNames", g, GivenNameFrequency, 2000)
	for _, n := range []string{"michael", "James", "MARY", "Robert", "José", "liam", "olivia"} {
		if !IsGivenName(n) {
			t.Errorf("IsGivenName(%q) = false", n)
		}
	}
	if !slices.Contains(g[:10], "mary") || !slices.Contains(g[:10], "michael") {
		t.Errorf("top 10 given names = %v", g[:10])
	}
	if IsGivenName("qwxz") || GivenNameFrequency("qwxz") != 0 {
		t.Error("unknown given name found")
	}
	if GivenNameFrequency("michael") <= GivenNameFrequency("bob") {
		t.Error("michael should be more frequent than bob")
	}
	g[0] = "changed"
	if GivenNames()[0] == "changed" {
		t.Error("GivenNames() returns shared slice")
	}
}

// TestRareGivenNames checks the rarer names after CommonGivenNames: there
// are some, they are less frequent than the common ones, and none is a
// common English word, a state's name or two letters long.
func TestRareGivenNames(t *testing.T) {
	g := GivenNames()
	if len(g) <= CommonGivenNames {
		t.Fatalf("%d given names, want more than the %d common ones", len(g), CommonGivenNames)
	}
	words := map[string]bool{}
	for _, w := range CommonWords() {
		words[w] = true
	}
	for _, w := range []string{"the", "value", "island", "collections", "report"} {
		if !words[w] {
			t.Errorf("CommonWords lacks %q", w)
		}
	}
	last := GivenNameFrequency(g[CommonGivenNames-1])
	for _, n := range g[CommonGivenNames:] {
		if f := GivenNameFrequency(n); f > last {
			t.Errorf("rare name %q (%g) more frequent than the last common one (%g)", n, f, last)
		}
		if _, ok := StateByName(n); words[n] || ok || len(n) < 3 {
			t.Errorf("rare name %q is a word, a state or too short", n)
		}
	}
	for _, n := range []string{"ngozi", "svetlana", "oluwaseun"} {
		if i := slices.Index(g, n); i < CommonGivenNames {
			t.Errorf("%q at %d, want a rare name", n, i)
		}
	}
}
