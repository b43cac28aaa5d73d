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
