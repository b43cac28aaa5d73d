package text

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
)

// cells extracts data and returns each segment as "field=text@record",
// checking that each is located at the file's bytes (or, for UTF-16
// text, at code units that decode to it).
func cells(t *testing.T, data []byte, utf16le bool) []string {
	t.Helper()
	var out []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "t.txt", R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		st, en := s.Offset, s.Offset+int64(len(s.Text))
		if s.OffsetAt != nil {
			st, en = s.OffsetAt(0), s.OffsetAt(len(s.Text))
		}
		switch {
		case st < 0 || en > int64(len(data)) || st > en:
			t.Fatalf("%q at %d-%d, outside the file", s.Text, st, en)
		case utf16le:
			var units []uint16
			for k := st; k+1 < en; k += 2 {
				units = append(units, uint16(data[k])|uint16(data[k+1])<<8)
			}
			if got := string(utf16.Decode(units)); got != string(s.Text) {
				t.Fatalf("%q at %d-%d is %q in the file", s.Text, st, en, got)
			}
		case !bytes.Equal(data[st:en], s.Text):
			t.Fatalf("%q at %d-%d is %q in the file", s.Text, st, en, data[st:en])
		}
		if s.Field != "" {
			out = append(out, fmt.Sprintf("%s=%s@%s", s.Field, s.Text, strings.TrimPrefix(s.Record, "t.txt#")))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPrintedTables reads the tables database clients print and
// Markdown writes: each cell named by its column, each row a record.
func TestPrintedTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"mysql", "mysql> select name, ssn from t;\n+-------------+-------------+\n| name        | ssn         |\n+-------------+-------------+\n| Ana Souza   | 383-41-8663 |\n| Jo Li       |             |\n+-------------+-------------+\n2 rows in set (0.00 sec)\n",
			[]string{"name=Ana Souza@line=5", "ssn=383-41-8663@line=5", "name=Jo Li@line=6"}},
		{"psql", " name      |     ssn\n-----------+-------------\n Ana Souza | 383-41-8663\n Jo Li     | 512-44-7081\n(2 rows)\n\n",
			[]string{"name=Ana Souza@line=3", "ssn=383-41-8663@line=3", "name=Jo Li@line=4", "ssn=512-44-7081@line=4"}},
		{"markdown", "Records from the ticket:\n\n| Name | DOB |\n|:-----|----:|\n| Ana Souza | 1971-03-09 |\n",
			[]string{"Name=Ana Souza@line=5", "DOB=1971-03-09@line=5"}},
		{"sqlite box", "┌───────────┬─────────────┐\n│   name    │     ssn     │\n├───────────┼─────────────┤\n│ Ana Souza │ 383-41-8663 │\n└───────────┴─────────────┘\n",
			[]string{"name=Ana Souza@line=4", "ssn=383-41-8663@line=4"}},
		{"sql*plus", "SQL> select name, ssn from t;\n\nNAME       SSN\n---------- -----------\nAna Souza  383-41-8663\nJo Li      512-44-7081\n\n2 rows selected.\n",
			[]string{"NAME=Ana Souza@line=5", "SSN=383-41-8663@line=5", "NAME=Jo Li@line=6", "SSN=512-44-7081@line=6"}},
		{"psql expanded", "-[ RECORD 1 ]-----\nname | Ana Souza\nssn  | 383-41-8663\n-[ RECORD 2 ]-----\nname | Jo Li\nnote | first line\n     | second line\n",
			[]string{"name=Ana Souza@line=1", "ssn=383-41-8663@line=1", "name=Jo Li@line=4", "note=first line@line=4", "note=second line@line=4"}},
		{"mysql vertical", "*************************** 1. row ***************************\n name: Ana Souza\n  ssn: 383-41-8663\n note:\n*************************** 2. row ***************************\n name: Jo Li\n2 rows in set (0.00 sec)\n",
			[]string{"name=Ana Souza@line=1", "ssn=383-41-8663@line=1", "name=Jo Li@line=5"}},
		// A cell that ends in a question mark asks nothing of the
		// next row.
		{"question", " name      | note\n-----------+---------\n Ana Souza | called?\n Jo Li     | no\n",
			[]string{"name=Ana Souza@line=3", "note=called?@line=3", "name=Jo Li@line=4", "note=no@line=4"}},
		// A row that does not fit ends the table; the lines after it
		// are text.
		{"table ends", "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 |\n| 6 | 7 |\n", []string{"a=1@line=3", "b=2@line=3"}},
		// Not tables: prose with a bar, a divider under a sentence, a
		// header with an unnamed column, one column.
		{"prose", "Use a | b to pipe.\n----------\nThen go on.\n", nil},
		{"divider", "Notes on the call\n-----------------\nAna Souza called.\n", nil},
		{"unnamed column", "| a |   |\n|---|---|\n| 1 | 2 |\n", nil},
		{"one column", "| a |\n|---|\n| 1 |\n", nil},
		{"words under dashes", "Call log\n---- ---\nAna called\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cells(t, []byte(tt.text), false)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestPrintedTableLong keeps a table's header over a table longer than a
// paragraph (its lines are then read one by one), and locates the cells
// of a table in UTF-16.
func TestPrintedTableLong(t *testing.T) {
	var b strings.Builder
	b.WriteString(" name      |     ssn\n-----------+-------------\n")
	rows := MaxParagraph/24 + 10
	for range rows {
		b.WriteString(" Ana Souza | 383-41-8663\n")
	}
	got := cells(t, []byte(b.String()), false)
	if len(got) != 2*rows || got[len(got)-1] != fmt.Sprintf("ssn=383-41-8663@line=%d", rows+2) {
		t.Fatalf("%d cells, the last %q", len(got), got[len(got)-1])
	}

	var data []byte
	for _, u := range utf16.Encode([]rune("| name | ssn |\n|---|---|\n| José | 383-41-8663 |\n")) {
		data = append(data, byte(u), byte(u>>8))
	}
	got = cells(t, data, true)
	if strings.Join(got, " ") != "name=José@line=3 ssn=383-41-8663@line=3" {
		t.Fatalf("UTF-16: %q", got)
	}
}

// TestPrinted tells a file that is a printed table from delimited text.
func TestPrinted(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{"+----+-----+\n| id | ssn |\n+----+-----+\n| 1  | x   |\n", true},
		{" id | ssn\n----+-----\n 1  | x\n", true},
		{"id|ssn\n1|x\n2|y\n", false},
		{"NAME  SSN\n----- -----\nAna   x\n", false}, // blank-separated: the fixed-width extractor's
	} {
		if got := Printed([]byte(tt.head)); got != tt.want {
			t.Errorf("Printed(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}
