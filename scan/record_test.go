package scan

import (
	"strconv"
	"testing"
)

// TestRecordNames checks that names made in shared blocks are what
// concatenation gives, and stay so while later names fill and replace
// the block.
func TestRecordNames(t *testing.T) {
	var r RecordNames
	var names []string
	for i := range 5000 {
		names = append(names, r.Name("dir/file.csv#row=", i))
	}
	long := r.Name(string(make([]byte, 40<<10)), 7)
	for i, n := range names {
		if want := "dir/file.csv#row=" + strconv.Itoa(i); n != want {
			t.Fatalf("name %d = %q, want %q", i, n, want)
		}
	}
	if len(long) != 40<<10+1 || long[len(long)-1] != '7' {
		t.Errorf("long name of %d bytes", len(long))
	}
}
