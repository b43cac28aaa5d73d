package scan

import "testing"

// TestPositions reads values of fixed positions: trimmed, unused when
// blank or zeros, what a short record holds.
func TestPositions(t *testing.T) {
	r := []byte("  AB  0000 12  X")
	for _, tt := range []struct {
		from, to, lo, hi int
		ok               bool
	}{
		{1, 6, 2, 4, true},   // "  AB  " trimmed
		{7, 10, 0, 0, false}, // "0000": unused
		{11, 14, 11, 13, true},
		{16, 20, 15, 16, true}, // past a short record: what it holds
		{17, 20, 0, 0, false},
		{3, 2, 0, 0, false},
	} {
		lo, hi, ok := Positions(r, tt.from, tt.to)
		if ok != tt.ok || ok && (lo != tt.lo || hi != tt.hi) {
			t.Errorf("Positions(%d, %d) = %d, %d, %v; want %d, %d, %v", tt.from, tt.to, lo, hi, ok, tt.lo, tt.hi, tt.ok)
		}
	}
}
