package people

import (
	"testing"

	"github.com/breachkit/breachkit"
)

func TestSplitByName(t *testing.T) {
	v := func(e breachkit.Element, s string, at int64) Value { return Value{Type: e, Value: s, Order: at} }
	memo := []Value{
		v(breachkit.SSN, "412-55-8901", 30), v(breachkit.PersonName, "Jennifer Martinez", 10), v(breachkit.DOB, "06/12/1979", 50),
		v(breachkit.PersonName, "Robert T. Kim", 100), v(breachkit.SSN, "523 44 9012", 130),
		v(breachkit.PersonName, "Kim, Patricia", 200), v(breachkit.Email, "pkim@example.com", 260),
		v(breachkit.Phone, "503-555-0177", 5), // before any name: the first person's
	}
	finds := make([]FindingRef, len(memo))
	for i := range finds {
		finds[i] = FindingRef{ID: int64(i + 1)}
	}
	all := func(n int, b bool) []bool {
		f := make([]bool, n)
		for i := range f {
			f[i] = b
		}
		return f
	}
	// An e-mail: the sender's name and address from the headers, then a
	// body about two customers.
	mail := []Value{
		v(breachkit.PersonName, "Agent Smith", 1), v(breachkit.Email, "agent@example.com", 2),
		v(breachkit.PersonName, "Robert Kim", 100), v(breachkit.SSN, "523 44 9012", 130),
		v(breachkit.PersonName, "Patricia Kim", 200), v(breachkit.SSN, "601-23-4455", 230),
	}
	tests := []struct {
		name  string
		vals  []Value
		fixed []bool
		want  [][]int64 // finding IDs per group
	}{
		{"memo of three people", memo, all(len(memo), false), [][]int64{{8, 2, 1, 3}, {4, 5}, {6, 7}}},
		{"a row is one person", memo, all(len(memo), true), [][]int64{{1, 2, 3, 4, 5, 6, 7, 8}}},
		{"one name", memo[:3], all(3, false), [][]int64{{1, 2, 3}}},
		{"mail headers go with the first", mail, []bool{true, true, false, false, false, false}, [][]int64{{3, 4, 1, 2}, {5, 6}}},
	}
	for _, tt := range tests {
		gs := splitByName(tt.vals, finds[:len(tt.vals)], tt.fixed)
		var got [][]int64
		for _, g := range gs {
			var ids []int64
			for _, f := range g.finds {
				ids = append(ids, f.ID)
			}
			if len(g.finds) != len(g.vals) {
				t.Errorf("%s: %d values but %d findings in a group", tt.name, len(g.vals), len(g.finds))
			}
			got = append(got, ids)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d groups %v, want %v", tt.name, len(got), got, tt.want)
			continue
		}
		for i := range got {
			if !equalIDs(got[i], tt.want[i]) {
				t.Errorf("%s: group %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
