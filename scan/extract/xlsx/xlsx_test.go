package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/xuri/excelize/v2"
)

// got is one emitted segment in short form.
type got struct{ sheet, cell, field, record, text string }

func extract(t testing.TB, data []byte) ([]got, []string, error) {
	var segs []got
	var warns []string
	in := &scan.Input{Path: "book.xlsx", R: bytes.NewReader(data), Size: int64(len(data)),
		Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset != -1 || s.OffsetAt != nil {
			t.Errorf("cell %s has an offset", s.Cell)
		}
		segs = append(segs, got{s.Sheet, s.Cell, s.Field, s.Record, string(s.Text)})
		return nil
	})
	return segs, warns, err
}

// excelizeBook builds a workbook with excelize (fictional people).
func excelizeBook(t testing.TB, stream bool) []byte {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	isoFmt := "yyyy-mm-dd hh:mm"
	dtStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &isoFmt})
	rows := [][]any{
		{"Name", "SSN", "Born", "Card", "Balance", "Seen", "Active"},
		{"Jane Roe", 123456789, 32874.0, 4111111111111111, 1234.5, 45306.5, true},
		{"John Doe", "078-05-1120", 21916.0, nil, 0.1 + 0.2, nil, false},
	}
	if stream {
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			vals := make([]any, len(r))
			for j, v := range r {
				switch {
				case i > 0 && j == 2 && v != nil:
					vals[j] = excelize.Cell{StyleID: dateStyle, Value: v}
				case i > 0 && j == 5 && v != nil:
					vals[j] = excelize.Cell{StyleID: dtStyle, Value: v}
				default:
					vals[j] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, vals); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	} else {
		for i, r := range rows {
			for j, v := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if v != nil {
					f.SetCellValue("Sheet1", cell, v)
				}
			}
		}
		f.SetCellStyle("Sheet1", "C2", "C3", dateStyle)
		f.SetCellStyle("Sheet1", "F2", "F2", dtStyle)
	}
	f.NewSheet("Notes")
	f.SetCellValue("Notes", "B2", "Call Jane Roe at +1 555 0100")
	f.SetCellValue("Notes", "B3", "second line")
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExcelizeBooks(t *testing.T) {
	want := []got{
		{"Sheet1", "A1", "", "book.xlsx#sheet=Sheet1!row=1", "Name"},
		{"Sheet1", "B1", "", "book.xlsx#sheet=Sheet1!row=1", "SSN"},
		{"Sheet1", "C1", "", "book.xlsx#sheet=Sheet1!row=1", "Born"},
		{"Sheet1", "D1", "", "book.xlsx#sheet=Sheet1!row=1", "Card"},
		{"Sheet1", "E1", "", "book.xlsx#sheet=Sheet1!row=1", "Balance"},
		{"Sheet1", "F1", "", "book.xlsx#sheet=Sheet1!row=1", "Seen"},
		{"Sheet1", "G1", "", "book.xlsx#sheet=Sheet1!row=1", "Active"},
		{"Sheet1", "A2", "Name", "book.xlsx#sheet=Sheet1!row=2", "Jane Roe"},
		{"Sheet1", "B2", "SSN", "book.xlsx#sheet=Sheet1!row=2", "123456789"},
		{"Sheet1", "C2", "Born", "book.xlsx#sheet=Sheet1!row=2", "1990-01-01"},
		{"Sheet1", "D2", "Card", "book.xlsx#sheet=Sheet1!row=2", "4111111111111111"},
		{"Sheet1", "E2", "Balance", "book.xlsx#sheet=Sheet1!row=2", "1234.5"},
		{"Sheet1", "F2", "Seen", "book.xlsx#sheet=Sheet1!row=2", "2024-01-15T12:00:00"},
		{"Sheet1", "G2", "Active", "book.xlsx#sheet=Sheet1!row=2", "TRUE"},
		{"Sheet1", "A3", "Name", "book.xlsx#sheet=Sheet1!row=3", "John Doe"},
		{"Sheet1", "B3", "SSN", "book.xlsx#sheet=Sheet1!row=3", "078-05-1120"},
		{"Sheet1", "C3", "Born", "book.xlsx#sheet=Sheet1!row=3", "1960-01-01"},
		{"Sheet1", "E3", "Balance", "book.xlsx#sheet=Sheet1!row=3", "0.3"},
		{"Sheet1", "G3", "Active", "book.xlsx#sheet=Sheet1!row=3", "FALSE"},
		{"Notes", "B2", "", "book.xlsx#sheet=Notes!row=2", "Call Jane Roe at +1 555 0100"},
		{"Notes", "B3", "", "book.xlsx#sheet=Notes!row=3", "second line"},
	}
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			segs, warns, err := extract(t, excelizeBook(t, stream))
			if err != nil || len(warns) > 0 {
				t.Fatalf("err %v warns %q", err, warns)
			}
			if len(segs) != len(want) {
				t.Fatalf("got %d segments, want %d:\n%v", len(segs), len(want), segs)
			}
			for i := range want {
				if segs[i] != want[i] {
					t.Errorf("segment %d = %+v, want %+v", i, segs[i], want[i])
				}
			}
		})
	}
}

// handBook writes a workbook from raw parts, for what excelize does not write.
func handBook(t testing.TB, parts map[string]string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"} {
		if body, ok := parts[name]; ok {
			f, _ := w.Create(name)
			io.WriteString(f, body)
		}
	}
	w.Close()
	return b.Bytes()
}

const (
	wbXML     = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr %s/><sheets><sheet name="People" sheetId="1" r:id="rId1"/><sheet name="Chart" sheetId="2" r:id="rId9"/></sheets></workbook>`
	relsXML   = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`
	sstXML    = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>email</t></si><si><r><t>Jane </t></r><r><t>Roe</t></r><rPh><t>ジェーン</t></rPh></si></sst>`
	stylesXML = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="[$-409]d\-mmm\-yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;ID &quot;0"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`
)

func TestHandBooks(t *testing.T) {
	base := map[string]string{
		"xl/workbook.xml":            fmt.Sprintf(wbXML, ""),
		"xl/_rels/workbook.xml.rels": relsXML,
		"xl/sharedStrings.xml":       sstXML,
		"xl/styles.xml":              stylesXML,
	}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	sheet := func(rows string) string {
		return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
	}
	tests := []struct {
		name    string
		parts   map[string]string
		want    []string // "Cell|Field|Text"
		warn    string
		wantErr string
	}{
		{name: "shared rich text, no refs, exponent, custom date, quoted format",
			parts: with("xl/worksheets/sheet1.xml", sheet(`<row r="3"><c t="s"><v>0</v></c><c><v>1</v></c></row><row><c t="s"><v>1</v></c><c t="inlineStr"><is><t>jane.roe@example.com</t></is></c><c s="1"><v>45306</v></c><c s="2"><v>1.23456789E8</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>formula text</v></c></row>`)),
			want:  []string{"A3||email", "B3||1", "A4||Jane Roe", "B4||jane.roe@example.com", "C4||2024-01-15", "D4||123456789", "F4||formula text"}},
		{name: "header row then data",
			parts: with("xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Full name</t></is></c><c r="C1" t="inlineStr"><is><t>Phone</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Jane Roe</t></is></c><c r="C2"><v>5550100</v></c><c r="D2"><v>7</v></c></row>`)),
			want:  []string{"A1||Full name", "C1||Phone", "A2|Full name|Jane Roe", "C2|Phone|5550100", "D2||7"}},
		{name: "1904 dates",
			parts: with("xl/workbook.xml", fmt.Sprintf(wbXML, `date1904="1"`), "xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="A1" s="1"><v>0</v></c></row>`)),
			want:  []string{"A1||1904-01-01"}},
		{name: "corrupt sheet XML keeps earlier rows",
			parts: with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>jane.roe@example.com</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheet`),
			want:  []string{"A1||jane.roe@example.com", "A2||1"}, warn: `sheet "People": corrupt XML`},
		{name: "missing sheet part", parts: with(), warn: `sheet "People" not read: part missing`},
		{name: "no workbook", parts: map[string]string{"xl/worksheets/sheet1.xml": sheet("")}, wantErr: "no xl/workbook.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, warns, err := extract(t, handBook(t, tt.parts))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, s := range segs {
				have = append(have, s.cell+"|"+s.field+"|"+s.text)
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.warn != "" && !strings.Contains(strings.Join(warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", warns, tt.warn)
			}
			if tt.warn == "" && len(warns) > 0 {
				t.Errorf("unexpected warnings %q", warns)
			}
		})
	}
}

func TestCorrupt(t *testing.T) {
	data := excelizeBook(t, false)
	for _, d := range [][]byte{data[:len(data)/2], []byte("not a zip")} {
		if _, _, err := extract(t, d); err == nil || !strings.Contains(err.Error(), "corrupt xlsx") {
			t.Errorf("err = %v", err)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"123456789", "123456789"},
		{"123456789.0", "123456789"},
		{"1.23456789E8", "123456789"},
		{"1.23456789012E+11", "123456789012"},
		{"0.30000000000000004", "0.3"},
		{"-12.5", "-12.5"},
		{"1E-3", "0.001"},
		{"00123", "00123"},
		{"abc", "abc"},
		{"12345678901234567890123", "12345678901234567890123"},
	}
	for _, tt := range tests {
		if got := Number(tt.in); got != tt.want {
			t.Errorf("Number(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		serial float64
		d1904  bool
		want   string
	}{
		{1, false, "1900-01-01"},
		{59, false, "1900-02-28"},
		{61, false, "1900-03-01"},
		{32874, false, "1990-01-01"},
		{45306.75, false, "2024-01-15T18:00:00"},
		{0.5, false, "12:00:00"},
		{0, true, "1904-01-01"},
	}
	for _, tt := range tests {
		if got, ok := SerialDate(tt.serial, tt.d1904); !ok || got != tt.want {
			t.Errorf("SerialDate(%v, %v) = %q, want %q", tt.serial, tt.d1904, got, tt.want)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"yyyy-mm-dd", true}, {"d-mmm-yy", true}, {"[$-409]mmmm d, yyyy", true}, {"h:mm AM/PM", true},
		{"0.00", false}, {"#,##0", false}, {`"Days "0`, false}, {"General", false}, {"[h]:mm:ss", false},
		{`0.00\h`, false}, {"0.00E+00", false}, {`[Red]0;[Blue]-0`, false},
	}
	for _, tt := range tests {
		if got := IsDateFormat(tt.code); got != tt.want {
			t.Errorf("IsDateFormat(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"a.xlsx", nil, true}, {"A.XLSM", nil, true}, {"a.csv", []byte("a,b"), false},
		{"blob", handBook(t, map[string]string{"xl/workbook.xml": "x"}), true},
		{"blob", []byte("PK\x03\x04"), false},
	}
	for _, tt := range tests {
		if got := (Extractor{}).Accepts(tt.name, tt.head); got != tt.want {
			t.Errorf("Accepts(%q) = %v", tt.name, got)
		}
	}
}

func FuzzXLSX(f *testing.F) {
	f.Add(excelizeBook(f, false))
	f.Add(excelizeBook(f, true))
	f.Add(handBook(f, map[string]string{"xl/workbook.xml": fmt.Sprintf(wbXML, ""), "xl/_rels/workbook.xml.rels": relsXML,
		"xl/sharedStrings.xml": sstXML, "xl/styles.xml": stylesXML,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c t="s"><v>1</v></c><c s="1"><v>4</v></c></row></sheetData></worksheet>`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 100}
		in := &scan.Input{Path: "f.xlsx", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
	})
}

// TestHeaderlessSheet checks that a sheet that starts with data has its
// columns named from their values, and that no row is lost or moved.
func TestHeaderlessSheet(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Anna", "Berg", "412-55-8901", "anna.berg@gmail.com", "Portland", "OR"},
		{"John", "Miller", "523-44-9012", "jm@yahoo.com", "Austin", "TX"},
		{"Maria", "Garcia", "601-23-4455", "mg@example.org", "Boston", "MA"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3) // data from row 3
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	segs, warns, err := extract(t, buf.Bytes())
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v warns %q", err, warns)
	}
	if len(segs) != 18 {
		t.Fatalf("got %d segments, want 18: %v", len(segs), segs)
	}
	want := []string{"first name (inferred)", "last name (inferred)", "ssn (inferred)", "email (inferred)", "city (inferred)", "state (inferred)"}
	for i, s := range segs {
		if s.field != want[i%6] || s.text != fmt.Sprint(rows[i/6][i%6]) {
			t.Errorf("segment %d: %q in field %q, want %q in %q", i, s.text, s.field, rows[i/6][i%6], want[i%6])
		}
	}
}

func TestZeroTemplate(t *testing.T) {
	tests := []struct{ code, tmpl, n, want string }{
		{"000-00-0000", "000-00-0000", "12345678", "012-34-5678"},
		{`000\-00\-0000`, "000-00-0000", "512448721", "512-44-8721"},
		{"00000", "00000", "2134", "02134"},
		{"00000-0000", "00000-0000", "21341234", "02134-1234"},
		{`"ID "00000`, "ID 00000", "42", "ID 00042"},
		{"00000", "00000", "1234567", "1234567"}, // more digits than places: in front
		{"00000", "00000", "12.5", "12.5"},       // not a whole number: as stored
		{"[<=9999999]###-####;(###) ###-####", "", "", ""},
		{"#,##0", "", "", ""}, {"0.00", "", "", ""}, {"000", "", "", ""}, {"General", "", "", ""}, {"yyyy-mm-dd", "", "", ""},
	}
	for _, tt := range tests {
		tmpl := ZeroTemplate(tt.code)
		if tmpl != tt.tmpl {
			t.Errorf("ZeroTemplate(%q) = %q, want %q", tt.code, tmpl, tt.tmpl)
			continue
		}
		if tmpl != "" {
			if got := Pad(tt.n, tmpl); got != tt.want {
				t.Errorf("Pad(%q, %q) = %q, want %q", tt.n, tmpl, got, tt.want)
			}
		}
	}
}

// TestPaddedNumbers checks end to end that SSNs and ZIP codes stored as
// numbers with Excel's padding formats keep their leading zeros.
func TestPaddedNumbers(t *testing.T) {
	f := excelize.NewFile()
	ssnFmt, zipFmt := "000-00-0000", "00000"
	ssn, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &ssnFmt})
	zip, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &zipFmt})
	f.SetSheetRow("Sheet1", "A1", &[]any{"SSN", "ZIP", "Count"})
	f.SetSheetRow("Sheet1", "A2", &[]any{12345678, 2134, 2134})
	f.SetCellStyle("Sheet1", "A2", "A2", ssn)
	f.SetCellStyle("Sheet1", "B2", "B2", zip)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	segs, _, err := extract(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"A2": "012-34-5678", "B2": "02134", "C2": "2134"}
	for _, s := range segs {
		if w, ok := want[s.cell]; ok && s.text != w {
			t.Errorf("%s = %q, want %q", s.cell, s.text, w)
		}
		delete(want, s.cell)
	}
	if len(want) > 0 {
		t.Errorf("cells not emitted: %v", want)
	}
}

// TestEncrypted checks that a password-protected workbook (an OLE
// compound file around the encrypted package) is reported as encrypted,
// not as corrupt.
func TestEncrypted(t *testing.T) {
	data := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 4096)...)
	_, _, err := extract(t, data)
	if err == nil || !strings.Contains(err.Error(), "encrypted xlsx") {
		t.Fatalf("err = %v, want one that says the workbook is encrypted", err)
	}
}

// TestComments reads the notes on cells (written by excelize, as Excel
// writes them): each in its cell's row, named "comment".
func TestComments(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Balance"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Jane Roe", 1234.5})
	if err := f.AddComment("Sheet1", excelize.Comment{Cell: "B2", Author: "agent", Paragraph: []excelize.RichTextRun{{Text: "agent: "}, {Text: "called her, SSN 383-41-8663 confirmed"}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	segs, warns, err := extract(t, buf.Bytes())
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	for _, s := range segs {
		if s.field == "comment" {
			if s.cell != "B2" || s.record != "book.xlsx#sheet=Sheet1!row=2" || !strings.Contains(s.text, "SSN 383-41-8663") {
				t.Errorf("comment %+v", s)
			}
			return
		}
	}
	t.Errorf("no comment in %+v", segs)
}
