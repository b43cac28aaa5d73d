package columns

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestKeys checks that each record's values carry all of the record's
// fields, those after them too, and that a record too large to hold goes
// on with the fields seen so far.
func TestKeys(t *testing.T) {
	var got []string
	k := &Keys{Emit: func(s scan.Segment) error {
		got = append(got, s.Record+":"+s.Field+"="+strings.Join(s.Columns, ","))
		return nil
	}}
	for _, s := range []scan.Segment{{Record: "r1", Field: "name"}, {Record: "r1", Field: "email"}, {Record: "r2", Field: "memberId"}} {
		if err := k.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.Flush(); err != nil {
		t.Fatal(err)
	}
	want := []string{"r1:name=name,email", "r1:email=name,email", "r2:memberId=memberId"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	got = got[:0]
	for i := range maxKeyed + 2 {
		if err := k.Add(scan.Segment{Record: "big", Field: fmt.Sprint("f", i%3)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(got) != maxKeyed+2 || !strings.HasSuffix(got[len(got)-1], "=f0,f1,f2") {
		t.Errorf("a large record: %d values, the last %q", len(got), got[len(got)-1])
	}

	// A document of thousands of keys gives at most maxKeys, the same
	// slice to every value (the detectors read a table once per slice),
	// and keys, not paths.
	var cols [][]string
	k = &Keys{Emit: func(s scan.Segment) error { cols = append(cols, s.Columns); return nil }}
	for i := range 3000 {
		if err := k.Add(scan.Segment{Record: "doc", Field: fmt.Sprint("shapes.s", i, ".key", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := len(cols[len(cols)-1]); n != maxKeys || len(cols[0]) != maxKeys || cols[0][0] != "key0" {
		t.Errorf("a document of 3000 keys: %d and %d columns, the first %q", len(cols[0]), n, cols[0][0])
	}
}
