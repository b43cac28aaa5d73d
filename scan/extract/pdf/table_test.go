package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFindTable reads tables whose text comes one cell per line, as the
// text layer of a table printed to PDF does, and leaves prose and lists
// of words alone.
func TestFindTable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lines  string
		header []string
		rows   int
		start  int
	}{
		{"register", "Payroll register\nEmployee Name\nSSN\nDate of Birth\nNet Pay\n" +
			"Sierra Jefferson\n361-55-9684\n08/25/1965\n3658.06\nDana Whitfield\n260-24-7091\n04/13/1984\n1417.73\nAna Souza\n355-11-4550\n05/06/1999\n2595.20\nPage 1 of 3",
			[]string{"Employee Name", "SSN", "Date of Birth", "Net Pay"}, 3, 1},
		// A row missing a cell shifts the rest: the table stops there.
		{"missing cell", "Name\nSSN\nDOB\nAna Souza\n355-11-4550\n05/06/1999\nDana Whitfield\n260-24-7091\n04/13/1984\nSierra Jefferson\n361-55-9684\n08/25/1965\nJohn Roe\n01/02/1990\nLinda Miller\n123-45-6789\n03/03/1970\nJames Brown\n234-56-7890\n04/04/1980",
			[]string{"Name", "SSN", "DOB"}, 3, 0},
		{"prose", "We are writing to tell you about an incident.\nYour name and address were involved.\nPlease call us.", nil, 0, 0},
		{"word list", "Apples\nPears\nPlums\nGrapes\nFigs\nDates\nLimes", nil, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, ok := findTable(strings.Split(tc.lines, "\n"))
			if tc.header == nil {
				if ok {
					t.Fatalf("found a table: %q", tb.header)
				}
				return
			}
			if !ok || !slices.Equal(tb.header, tc.header) || len(tb.rows) != tc.rows || tb.start != tc.start {
				t.Fatalf("table %v: header %q, %d rows from line %d", ok, tb.header, len(tb.rows), tb.start)
			}
		})
	}
}

// TestPageTable reads a PDF whose page holds a table: the rows come out
// as records whose cells are named by the header, and the text around
// the table as the page.
func TestPageTable(t *testing.T) {
	page := "Payroll register\nEmployee Name\nSSN\nDate of Birth\n" +
		"Sierra Jefferson\n361-55-9684\n08/25/1965\nDana Whitfield\n260-24-7091\n04/13/1984\nAna Souza\n355-11-4550\n05/06/1999\nConfidential"
	doc := makePDF(t, "", "", page)
	segs, warns, err := extract(t, bytes.NewReader(doc), int64(len(doc)))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var got []string
	for _, s := range segs {
		got = append(got, s.Record+" "+s.Field+"="+strings.ReplaceAll(string(s.Text), "\n", "|"))
	}
	want := []string{"file.pdf#page=1 =Payroll register",
		"file.pdf#page=1!row=1 Employee Name=Sierra Jefferson", "file.pdf#page=1!row=1 SSN=361-55-9684", "file.pdf#page=1!row=1 Date of Birth=08/25/1965",
		"file.pdf#page=1!row=2 Employee Name=Dana Whitfield", "file.pdf#page=1!row=2 SSN=260-24-7091", "file.pdf#page=1!row=2 Date of Birth=04/13/1984",
		"file.pdf#page=1!row=3 Employee Name=Ana Souza", "file.pdf#page=1!row=3 SSN=355-11-4550", "file.pdf#page=1!row=3 Date of Birth=05/06/1999",
		"file.pdf#page=1 =Confidential"}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	for _, s := range segs {
		if s.Page != 1 {
			t.Errorf("%q on page %d", s.Text, s.Page)
		}
	}
}

// TestPageRowTable reads a register whose rows are lines of cells apart
// by spaces: each row is a record, and its date of birth is named by its
// column, however far below the header it is.
func TestPageRowTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("Employee Name SSN Date of Birth Net Pay\n")
	for i := range 20 {
		fmt.Fprintf(&b, "Dana Whitfield 260-24-%04d 04/%02d/1984 1417.73\n", 7000+i, i+1)
	}
	doc := makePDF(t, "", "", b.String())
	segs, warns, err := extract(t, bytes.NewReader(doc), int64(len(doc)))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	births := 0
	for _, s := range segs {
		if s.Field == "Date of Birth" {
			births++
			if !strings.HasPrefix(s.Record, "file.pdf#page=1!row=") || !strings.HasPrefix(string(s.Text), "04/") {
				t.Errorf("%q in %s", s.Text, s.Record)
			}
		}
	}
	if births != 20 {
		t.Errorf("%d dates of birth named by their column, want 20", births)
	}
}
