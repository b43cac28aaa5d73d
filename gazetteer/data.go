package gazetteer

import (
	"embed"
	"fmt"
	"strings"
)

// dataFS holds the reference data files. Their formats are described in
// their header comments and checked by the package tests.
//
//go:embed data/*.csv
var dataFS embed.FS

// readRecords returns the comma-separated records of the embedded file
// data/name, skipping blank lines and comment lines (those starting with
// "# ", or consisting of "#" alone). Every record must have at least
// minFields fields. Fields are trimmed of surrounding spaces.
//
// The files are part of the binary and verified by the tests, so a malformed
// file is a programming error and panics.
func readRecords(name string, minFields int) [][]string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("gazetteer: %v", err))
	}
	// One string for the whole file: every field is a substring of it, so
	// the 61,000 common words cost one allocation, not one each (the
	// scan loads these lists at its start, where every millisecond is
	// waited for).
	text := string(b)
	lines := strings.Count(text, "\n") + 1
	fields := make([]string, 0, lines+strings.Count(text, ",")) // every record's fields, one after the other
	ends := make([]int, 0, lines)                               // where each record's fields end in fields
	line := 0
	for len(text) > 0 {
		line++
		var t string
		t, text, _ = strings.Cut(text, "\n")
		t = strings.TrimSpace(t)
		if t == "" || t == "#" || strings.HasPrefix(t, "# ") {
			continue
		}
		n := 0
		for f := range strings.SplitSeq(t, ",") {
			fields = append(fields, strings.TrimSpace(f))
			n++
		}
		if n < minFields {
			panic(fmt.Sprintf("gazetteer: data/%s:%d: want at least %d fields, got %d", name, line, minFields, n))
		}
		ends = append(ends, len(fields))
	}
	out := make([][]string, len(ends))
	a := 0
	for i, e := range ends {
		out[i] = fields[a:e:e]
		a = e
	}
	return out
}
