package columns

import (
	"slices"
	"strings"
	"testing"
)

// TestRowTable finds the dates of birth of a register whose rows are
// lines of space-separated cells: by their order under the header, not
// by a keyword near them; a hire date beside them is left alone.
func TestRowTable(t *testing.T) {
	lines := strings.Split(`EMPLOYEE REGISTER
Employee Name SSN Hire Date Date of Birth Net Pay
Sierra Jefferson 361-55-9684 03/01/2015 08/25/1965 3658.06
Dana Whitfield 260-24-7091 11/15/2019 04/13/1984 1417.73
Page 1 of 2
EMPLOYEE REGISTER
Ana Souza 355-11-4550 2020-01-06 1999-05-06 2595.20
José Álvarez 512-44-7081 01/02/2021 01-Feb-1990 1800.00

Total 4 employees`, "\n")
	tb, ok := FindRowTable(lines)
	if !ok || tb.Header != 1 || !slices.Equal(tb.Dates, []string{"Date", "Date of Birth"}) || !slices.Equal(tb.Rows, []int{2, 3, 6, 7}) {
		t.Fatalf("table %v: %+v", ok, tb)
	}
	rest, births := tb.Split(lines[2])
	if rest != "Sierra Jefferson             03/01/2015            3658.06" || !slices.Equal(births, []Cell{{"Date of Birth", "08/25/1965", 40}, {"SSN", "361-55-9684", 17}}) {
		t.Errorf("split: %q %v", rest, births)
	}
	if _, b := tb.Split(lines[7]); !slices.Equal(b, []Cell{{"Date of Birth", "01-Feb-1990", 38}, {"SSN", "512-44-7081", 15}}) {
		t.Errorf("split: %v", b)
	}
	for name, text := range map[string]string{
		"prose":     "We found that the date of birth\nof each customer was exposed on 11/01/2023.\nPlease call 1-800-555-0100.",
		"no header": "Sierra Jefferson 08/25/1965\nDana Whitfield 04/13/1984\nAna Souza 05/06/1999",
		"too short": "Name Date of Birth\nSierra Jefferson 08/25/1965\nDana Whitfield 04/13/1984",
		"sentence":  "Patient DOB and address on file\nVisit 03/04/2024 normal\nVisit 04/04/2024 normal\nVisit 05/04/2024 normal",
	} {
		if tb, ok := FindRowTable(strings.Split(text, "\n")); ok {
			t.Errorf("%s: found %+v", name, tb)
		}
	}
	for _, w := range []string{"08/25/1965", "8-25-65", "1965-08-25", "25.08.1965", "25-Aug-1965"} {
		if !dateWord(w) {
			t.Errorf("%q is a date", w)
		}
	}
	for _, w := range []string{"361-55-9684", "3658.06", "1-800-555", "12/2024", "v1.2.3"} {
		if dateWord(w) {
			t.Errorf("%q is not a date", w)
		}
	}
}
