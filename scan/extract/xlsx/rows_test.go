package xlsx

import (
	"slices"
	"strconv"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestRowsPreamble feeds sheets to Rows: a report with a title and a
// run date above its header (the titles are text, the header names the
// columns), and a sheet of one column, whose single values are its rows
// and whose first is its header.
func TestRowsPreamble(t *testing.T) {
	text := func(rowNum int, vals ...string) []Cell {
		var cs []Cell
		for i, v := range vals {
			cs = append(cs, Cell{Ref: ColName(i+1) + strconv.Itoa(rowNum), Col: i + 1, Text: v, IsText: true})
		}
		return cs
	}
	type out struct{ Cell, Field, Text string }
	run := func(rows ...[]Cell) []out {
		var got []out
		r := NewRows(&scan.Input{Path: "b.xlsx"}, "Report", func(s scan.Segment) error {
			got = append(got, out{s.Cell, s.Field, string(s.Text)})
			return nil
		})
		for i, row := range rows {
			if len(row) > 0 {
				if err := r.Row(i+1, row); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := r.Finish(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := run(text(1, "Delinquent accounts"), text(2, "Run 2024-01-01"), nil,
		text(4, "Name", "SSN"), text(5, "Ana Souza", "383-41-8663"))
	want := []out{{"A1", "", "Delinquent accounts"}, {"A2", "", "Run 2024-01-01"},
		{"A4", "", "Name"}, {"B4", "", "SSN"}, {"A5", "Name", "Ana Souza"}, {"B5", "SSN", "383-41-8663"}}
	if !slices.Equal(got, want) {
		t.Errorf("report:\n got %q\nwant %q", got, want)
	}
	got = run(text(1, "Email"), text(2, "ana@example.com"), text(3, "jo@example.org"))
	want = []out{{"A1", "", "Email"}, {"A2", "Email", "ana@example.com"}, {"A3", "Email", "jo@example.org"}}
	if !slices.Equal(got, want) {
		t.Errorf("one column:\n got %q\nwant %q", got, want)
	}
	// Longer than the rows held: the values are rows all the same.
	long := [][]Cell{text(1, "Email")}
	for i := 2; i <= 14; i++ {
		long = append(long, text(i, "p"+strconv.Itoa(i)+"@example.com"))
	}
	got = run(long...)
	if len(got) != 14 || got[0].Field != "" || got[13] != (out{"A14", "Email", "p14@example.com"}) {
		t.Errorf("long column: %q", got)
	}
	// A group header over merged cells ("Customer" over A:B, "Identity"
	// over C:D) gives way to the header row under it; a column it names
	// that the row under leaves empty keeps the group's name.
	at := func(rowNum int, cells map[int]string) []Cell {
		var cs []Cell
		for col := 1; col <= 5; col++ {
			if v, ok := cells[col]; ok {
				cs = append(cs, Cell{Ref: ColName(col) + strconv.Itoa(rowNum), Col: col, Text: v, IsText: true})
			}
		}
		return cs
	}
	got = run(at(1, map[int]string{1: "Customer", 3: "Identity", 5: "Notes"}),
		at(2, map[int]string{1: "First", 2: "Last", 3: "SSN", 4: "Birth Date"}),
		at(3, map[int]string{1: "Ana", 2: "Souza", 3: "383-41-8663", 4: "1971-03-09", 5: "called"}))
	want = []out{{"A1", "", "Customer"}, {"C1", "", "Identity"}, {"E1", "", "Notes"},
		{"A2", "", "First"}, {"B2", "", "Last"}, {"C2", "", "SSN"}, {"D2", "", "Birth Date"},
		{"A3", "First", "Ana"}, {"B3", "Last", "Souza"}, {"C3", "SSN", "383-41-8663"}, {"D3", "Birth Date", "1971-03-09"}, {"E3", "Notes", "called"}}
	if !slices.Equal(got, want) {
		t.Errorf("group header:\n got %q\nwant %q", got, want)
	}
	// A gap in a header over rows of data is only a gap.
	got = run(at(1, map[int]string{1: "Name", 3: "SSN"}), at(2, map[int]string{1: "Ana Souza", 2: "x", 3: "383-41-8663"}))
	want = []out{{"A1", "", "Name"}, {"C1", "", "SSN"}, {"A2", "Name", "Ana Souza"}, {"B2", "", "x"}, {"C2", "SSN", "383-41-8663"}}
	if !slices.Equal(got, want) {
		t.Errorf("gap:\n got %q\nwant %q", got, want)
	}
}

// TestRowsColumns checks that the cells under a header carry its names
// (scan.Segment.Columns), the table's context for the detectors.
func TestRowsColumns(t *testing.T) {
	var got [][]string
	r := NewRows(&scan.Input{Path: "m.xlsx"}, "Members", func(s scan.Segment) error {
		got = append(got, s.Columns)
		return nil
	})
	row := func(n int, vals ...string) []Cell {
		var cs []Cell
		for i, v := range vals {
			cs = append(cs, Cell{Ref: ColName(i+1) + strconv.Itoa(n), Col: i + 1, Text: v, IsText: true})
		}
		return cs
	}
	for i, cs := range [][]Cell{row(1, "Member #", "Member Name"), row(2, "10023", "Dana Whitfield")} {
		if err := r.Row(i+1, cs); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	cols := []string{"Member #", "Member Name"}
	if want := [][]string{nil, nil, cols, cols}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("columns %q, want %q", got, want)
	}
}
