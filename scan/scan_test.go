package scan

import (
	"context"
	"slices"
	"strings"
	"testing"
)

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

// TestFixedRecords reads records one a line (a line far too long in
// pieces, none over maxRecordLine) and written back to back, each with
// its offset in the file.
func TestFixedRecords(t *testing.T) {
	long := strings.Repeat("x", 3*maxRecordLine+5)
	for _, tt := range []struct {
		name, data string
		want       []int // record lengths
	}{
		{"lines", "abcd\r\nefgh\nij\n", []int{4, 4, 2}},
		{"a long line", "abcd\n" + long + "\nefgh", []int{4, maxRecordLine, maxRecordLine, maxRecordLine, 5, 4}},
		{"back to back", "abcdefghij", []int{4, 4, 2}},
	} {
		var got []int
		err := FixedRecords(context.Background(), strings.NewReader(tt.data), 4, func(rec []byte, off int64, num int) error {
			if string(rec) != tt.data[off:off+int64(len(rec))] {
				t.Errorf("%s: record %d at %d is not the file's bytes", tt.name, num, off)
			}
			got = append(got, len(rec))
			return nil
		})
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}
