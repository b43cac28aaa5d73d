package gazetteer

import (
	"bufio"
	"bytes"
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
	var out [][]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || t == "#" || strings.HasPrefix(t, "# ") {
			continue
		}
		f := strings.Split(t, ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if len(f) < minFields {
			panic(fmt.Sprintf("gazetteer: data/%s:%d: want at least %d fields, got %d", name, line, minFields, len(f)))
		}
		out = append(out, f)
	}
	if err := sc.Err(); err != nil {
		panic(fmt.Sprintf("gazetteer: data/%s: %v", name, err))
	}
	return out
}
