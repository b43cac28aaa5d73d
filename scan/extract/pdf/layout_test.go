package pdf

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// gridPDF draws rows of cells at their columns' x, as report writers
// draw tables (borders, fixed widths), then a line of text below.
func gridPDF(t testing.TB, widths []float64, rows [][]string, footer string) []byte {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 10)
	f.CellFormat(0, 8, "Payroll register, March", "", 1, "L", false, 0, "")
	for _, r := range rows {
		for i, c := range r {
			align := "L"
			if i == len(r)-1 {
				align = "R" // a numeric column, right-aligned
			}
			f.CellFormat(widths[i], 7, c, "1", 0, align, false, 0, "")
		}
		f.Ln(-1)
	}
	f.CellFormat(0, 8, footer, "", 1, "L", false, 0, "")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLayoutTable reads a table drawn cell by cell whose rows leave cells
// empty: each value stays under its own header (read in text order, the
// empty apartment shifted Dana Whitfield's SSN under "Apt" and ended the
// table there).
func TestLayoutTable(t *testing.T) {
	doc := gridPDF(t, []float64{50, 15, 35, 35, 25}, [][]string{
		{"Employee Name", "Apt", "SSN", "Date of Birth", "Net Pay"},
		{"Sierra Jefferson", "4B", "361-55-9684", "08/25/1965", "1,417.73"},
		{"Dana Whitfield", "", "260-24-7091", "04/13/1984", "988.10"},
		{"Ana Souza", "12", "", "05/06/1999", "2,002.00"},
		{"Marcus O'Neil", "", "485-77-6351", "07/13/1995", "1,210.55"},
	}, "Confidential: contains personal data")
	segs, warns, err := extract(t, bytes.NewReader(doc), int64(len(doc)))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var got []string
	for _, s := range segs {
		got = append(got, strings.TrimPrefix(s.Record, "file.pdf#page=1")+" "+s.Field+"="+string(s.Text))
	}
	want := []string{
		" =Payroll register, March",
		"!row=1 Employee Name=Sierra Jefferson", "!row=1 Apt=4B", "!row=1 SSN=361-55-9684", "!row=1 Date of Birth=08/25/1965", "!row=1 Net Pay=1,417.73",
		"!row=2 Employee Name=Dana Whitfield", "!row=2 SSN=260-24-7091", "!row=2 Date of Birth=04/13/1984", "!row=2 Net Pay=988.10",
		"!row=3 Employee Name=Ana Souza", "!row=3 Apt=12", "!row=3 Date of Birth=05/06/1999", "!row=3 Net Pay=2,002.00",
		"!row=4 Employee Name=Marcus O'Neil", "!row=4 SSN=485-77-6351", "!row=4 Date of Birth=07/13/1995", "!row=4 Net Pay=1,210.55",
		" =Confidential: contains personal data",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	for _, s := range segs {
		if s.Page != 1 {
			t.Errorf("%q on page %d", s.Text, s.Page)
		}
	}
}

// TestLayoutProse checks that text set in lines, and cells without a
// header that names columns, are left to the reading-order path.
func TestLayoutProse(t *testing.T) {
	doc := gridPDF(t, []float64{60, 60}, [][]string{
		{"Monday", "Tuesday"},
		{"Meeting", "Lunch"},
		{"Review", "Travel"},
		{"Call", "Report"},
	}, "end")
	segs, _, err := extract(t, bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range segs {
		if strings.Contains(s.Record, "!row=") {
			t.Errorf("%q read as a table row %s", s.Text, s.Record)
		}
	}
}

// TestLayoutWords reads a table whose writer places every word on its
// own, as justified and some exported text is set: the header's words
// are joined into its cells ("Date of Birth"), a name's words go under
// their column, a sentence below ends the table.
func TestLayoutWords(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 10)
	words := func(x, y float64, s string) {
		for _, w := range strings.Fields(s) {
			f.Text(x, y, w)
			x += f.GetStringWidth(w + " ")
		}
	}
	cols := []float64{40, 200, 300}
	rows := [][]string{
		{"Employee Name", "SSN", "Date of Birth"},
		{"Sierra Jefferson", "361-55-9684", "08/25/1965"},
		{"Dana Whitfield", "", "04/13/1984"},
		{"Ana Souza", "355-11-4550", "05/06/1999"},
	}
	for i, r := range rows {
		for c, v := range r {
			words(cols[c], float64(100+20*i), v)
		}
	}
	words(40, 200, "Keep this register in a locked cabinet")
	got := pageCells(t, f, 1)
	want := []string{
		"!row=1 Employee Name=Sierra Jefferson", "!row=1 SSN=361-55-9684", "!row=1 Date of Birth=08/25/1965",
		"!row=2 Employee Name=Dana Whitfield", "!row=2 Date of Birth=04/13/1984",
		"!row=3 Employee Name=Ana Souza", "!row=3 SSN=355-11-4550", "!row=3 Date of Birth=05/06/1999",
		" =Keep this register in a locked cabinet",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestLayoutContinued reads a register that runs onto a second page
// without its header: the second page's rows go under the first page's
// columns, after the page's own heading, empty cells and all.
func TestLayoutContinued(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 10)
	widths := []float64{50, 35, 35}
	row := func(cells ...string) {
		for i, c := range cells {
			f.CellFormat(widths[i], 7, c, "1", 0, "L", false, 0, "")
		}
		f.Ln(-1)
	}
	f.AddPage()
	f.CellFormat(0, 8, "Payroll register", "", 1, "L", false, 0, "")
	row("Employee Name", "SSN", "Date of Birth")
	row("Sierra Jefferson", "361-55-9684", "08/25/1965")
	row("Dana Whitfield", "260-24-7091", "04/13/1984")
	row("Ana Souza", "355-11-4550", "05/06/1999")
	f.AddPage()
	f.CellFormat(0, 8, "Payroll register (continued)", "", 1, "L", false, 0, "")
	row("Marcus O'Neil", "", "07/13/1995")
	row("Priya Raghunathan", "217-82-9397", "05/04/1967")
	f.CellFormat(0, 8, "Page 2", "", 1, "L", false, 0, "")
	got := pageCells(t, f, 2)
	want := []string{
		" =Payroll register (continued)",
		"!row=1 Employee Name=Marcus O'Neil", "!row=1 Date of Birth=07/13/1995",
		"!row=2 Employee Name=Priya Raghunathan", "!row=2 SSN=217-82-9397", "!row=2 Date of Birth=05/04/1967",
		" =Page 2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("page 2: got\n%q\nwant\n%q", got, want)
	}
}

// pageCells writes f, extracts it and returns page's segments as
// "!row=R Field=text" (" =text" for text outside tables).
func pageCells(t *testing.T, f *fpdf.Fpdf, page int) []string {
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	segs, _, err := extract(t, bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range segs {
		if s.Page == page {
			got = append(got, strings.TrimPrefix(s.Record, "file.pdf#page="+strconv.Itoa(page))+" "+s.Field+"="+string(s.Text))
		}
	}
	return got
}
