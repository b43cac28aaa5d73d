package gazetteer

import (
	"slices"
	"testing"
)

func TestNicknames(t *testing.T) {
	tests := []struct {
		name string
		want []string // must all be present
	}{
		{"robert", []string{"bob", "bobby", "rob", "robbie"}},
		{"Bob", []string{"robert"}},
		{"william", []string{"bill", "billy", "will", "willie"}},
		{"margaret", []string{"peggy", "maggie", "meg"}},
		{"peggy", []string{"margaret"}},
		{"elizabeth", []string{"liz", "beth", "betty"}},
		{"alex", []string{"alexander", "alexandra"}},
	}
	for _, tt := range tests {
		got := Nicknames(tt.name)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Nicknames(%q) = %v, lacks %q", tt.name, got, w)
			}
		}
		if slices.Contains(got, NormalizeName(tt.name)) {
			t.Errorf("Nicknames(%q) contains the name itself", tt.name)
		}
	}
	if got := Nicknames("zzyzx"); got != nil {
		t.Errorf("Nicknames(unknown) = %v", got)
	}
	if got := FormalNames("bill"); !slices.Equal(got, []string{"william"}) {
		t.Errorf("FormalNames(bill) = %v", got)
	}
}

// TestNicknameSymmetry checks that a is in Nicknames(b) exactly when b is
// in Nicknames(a), and that such pairs are SameGivenName.
func TestNicknameSymmetry(t *testing.T) {
	d := nicknames()
	names := map[string]bool{}
	for _, g := range d.groups {
		for _, n := range g {
			names[n] = true
		}
	}
	for b := range names {
		for _, a := range Nicknames(b) {
			if !slices.Contains(Nicknames(a), b) && !shareFormal(a, b) {
				t.Errorf("%q in Nicknames(%q) but not vice versa", a, b)
			}
			if !SameGivenName(a, b) || !SameGivenName(b, a) {
				t.Errorf("SameGivenName(%q, %q) = false", a, b)
			}
		}
	}
}

func shareFormal(a, b string) bool {
	for _, f := range FormalNames(a) {
		if slices.Contains(FormalNames(b), f) {
			return true
		}
	}
	return false
}

func TestSameGivenName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Bob", "Robert", true},
		{"robert", "BOB", true},
		{"Bob", "Rob", true},
		{"Peggy", "Margaret", true},
		{"Bill", "William", true},
		{"Liz", "Elizabeth", true},
		{"Betty", "Liz", true},
		{"Jack", "John", true},
		{"Ted", "Edward", true},
		{"Ted", "Theodore", true},
		{"Chris", "Christopher", true},
		{"Chris", "Christine", true},
		{"Christopher", "Christine", false},
		{"Edward", "Theodore", false},
		{"Robert", "William", false},
		{"Mary", "Maria", false},
		{"Zelda", "zelda", true},
		{"", "", false},
		{"José", "jose", true},
	}
	for _, tt := range tests {
		if got := SameGivenName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameGivenName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNicknameTableSize(t *testing.T) {
	pairs := 0
	for _, g := range nicknames().groups {
		pairs += len(g) - 1
	}
	if pairs < 300 {
		t.Errorf("nickname table has %d formal-nickname pairs, want at least 300", pairs)
	}
}
