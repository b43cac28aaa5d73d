package odf

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

type segOut struct{ Field, Record, Cell, Text string }

func extract(t testing.TB, path string, data []byte) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: path, R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(r string) { warns = append(warns, r) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, s.Sheet + "!" + s.Cell, string(s.Text)})
		return nil
	})
	return out, warns, err
}

func fixture(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSpreadsheet reads a sheet LibreOffice Calc wrote from a customer
// export (testdata/makeodf.sh): cells named by the header row, numbers
// and dates as read, the empty column and the blank row skipped.
func TestSpreadsheet(t *testing.T) {
	got, warns, err := extract(t, "customers.ods", fixture(t, "customers.ods"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var rows []string
	for _, s := range got {
		if s.Field != "" {
			rows = append(rows, s.Cell+" "+s.Field+"="+s.Text)
		}
	}
	want := []string{
		"customers!A2 First Name=Sierra", "customers!B2 Last Name=Jefferson", "customers!C2 SSN=383-41-8663",
		"customers!D2 Date of Birth=1971-03-09", "customers!E2 Email=sierra.jefferson@example.com", "customers!G2 Balance=1250.5",
		"customers!A3 First Name=Dana", "customers!B3 Last Name=Whitfield", "customers!C3 SSN=412558901",
		"customers!D3 Date of Birth=1984-11-30", "customers!E3 Email=dana.whitfield@example.org", "customers!G3 Balance=99",
		"customers!A5 First Name=José", "customers!B5 Last Name=Álvarez", "customers!C5 SSN=512-44-7081",
		"customers!D5 Date of Birth=1990-01-02", "customers!E5 Email=jose.alvarez@example.net", "customers!G5 Balance=0",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("got\n%q\nwant\n%q", rows, want)
	}
	if len(got) != len(want)+6 {
		t.Errorf("%d segments, want %d (the header's 6 cells too)", len(got), len(want)+6)
	}
}

// TestText reads a letter LibreOffice Writer wrote: heading, paragraphs,
// a list, and a table whose rows are records named by its header.
func TestText(t *testing.T) {
	got, warns, err := extract(t, "letter.odt", fixture(t, "letter.odt"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var paras, cells []string
	for _, s := range got {
		if strings.Contains(s.Record, "#para=") {
			paras = append(paras, s.Text)
		} else {
			cells = append(cells, s.Record[strings.IndexByte(s.Record, '#'):]+" "+s.Field+"="+s.Text)
		}
	}
	wantParas := []string{"Notice of data incident", "Dear José Álvarez, your SSN 512-44-7081 was in the files.", "Call back at (415) 867-5309.", "Signed, the servicing team."}
	if !slices.Equal(paras, wantParas) {
		t.Errorf("paragraphs\n%q\nwant\n%q", paras, wantParas)
	}
	wantCells := []string{"#table=1!row=1 =Name", "#table=1!row=1 =SSN", "#table=1!row=1 =Email",
		"#table=1!row=2 Name=Sierra Jefferson", "#table=1!row=2 SSN=383-41-8663", "#table=1!row=2 Email=sierra.jefferson@example.com",
		"#table=1!row=3 Name=Dana Whitfield\nsecond line", "#table=1!row=3 SSN=412-55-8901", "#table=1!row=3 Email=dana.whitfield@example.org"}
	if !slices.Equal(cells, wantCells) {
		t.Errorf("cells\n%q\nwant\n%q", cells, wantCells)
	}
}

// pkg builds an OpenDocument package from its parts, mimetype first and
// stored, as the format requires.
func pkg(t testing.TB, mime string, parts map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(mime))
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write([]byte(parts[n]))
	}
	zw.Close()
	return b.Bytes()
}

const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"`

// TestValuesAndRepeats checks the shapes LibreOffice writes that the
// fixture does not show: numbers shown with separators or in scientific
// notation, a zero-padded number, a date with a time, a run of repeated
// rows, a million empty rows, repeated cells, text:s spaces and a
// comment whose author is not the value.
func TestValuesAndRepeats(t *testing.T) {
	content := `<office:document-content ` + ns + `><office:body><office:spreadsheet><table:table table:name="S">` +
		`<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Account</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="string"><text:p>Opened</text:p></table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
		`<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>Ana<text:s text:c="2"/>Souza</text:p>` +
		`<office:annotation><dc:creator>Reviewer Name</dc:creator><text:p>checked</text:p></office:annotation></table:table-cell>` +
		`<table:table-cell office:value-type="float" office:value="123456789012"><text:p>123,456,789,012</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="date" office:date-value="2001-02-03T00:00:00"><text:p>02/03/01</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1234567890123456"><text:p>1.23457E+15</text:p></table:table-cell>` +
		`<table:table-cell office:value-type="float" office:value="12345678"><text:p>012345678</text:p></table:table-cell></table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	data := pkg(t, "application/vnd.oasis.opendocument.spreadsheet", map[string]string{"content.xml": content})
	got, warns, err := extract(t, "book.bin", data)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var cells []string
	for _, s := range got {
		cells = append(cells, s.Cell+" "+s.Field+"="+s.Text)
	}
	want := []string{"S!A1 =Name", "S!B1 =Account", "S!C1 =Opened",
		"S!A1048002 Name=Ana  Souza", "S!B1048002 Account=123456789012", "S!C1048002 Opened=2001-02-03",
		"S!A1048003 Name=Ana  Souza", "S!B1048003 Account=123456789012", "S!C1048003 Opened=2001-02-03",
		"S!A1048004 Name=1234567890123456", "S!B1048004 Account=1234567890123456", "S!C1048004 Opened=012345678"}
	if !slices.Equal(cells, want) {
		t.Errorf("got\n%q\nwant\n%q", cells, want)
	}
	if !(Extractor{}).Accepts("book.bin", data[:512]) || (archive.Zip{}).Accepts("book.bin", data[:512]) {
		t.Error("a package named otherwise is not recognised by its mimetype")
	}
}

// TestBadInput: an encrypted document is reported as such, a package
// without content as corrupt, and broken XML keeps what came before it
// with a warning.
func TestBadInput(t *testing.T) {
	enc := pkg(t, "application/vnd.oasis.opendocument.text", map[string]string{
		"content.xml":           "\x00\x01 encrypted bytes",
		"META-INF/manifest.xml": `<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`,
	})
	if _, _, err := extract(t, "a.odt", enc); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("encrypted: err %v", err)
	}
	if _, _, err := extract(t, "a.ods", pkg(t, "application/vnd.oasis.opendocument.spreadsheet", nil)); err == nil || !strings.Contains(err.Error(), "content.xml") {
		t.Errorf("no content: err %v", err)
	}
	broken := pkg(t, "application/vnd.oasis.opendocument.text", map[string]string{"content.xml": `<office:document-content ` + ns + `><office:body><office:text><text:p>Ana Souza 383-41-8663</text:p><text:p>cut`})
	got, warns, err := extract(t, "b.odt", broken)
	if err != nil || len(got) == 0 || got[0].Text != "Ana Souza 383-41-8663" || len(warns) != 1 {
		t.Errorf("broken: %q, warnings %q, err %v", got, warns, err)
	}
}

// FuzzExtract starts from small packages: the LibreOffice files are
// large enough that the fuzzer spends its time minimising them.
func FuzzExtract(f *testing.F) {
	sheet := `<office:document-content ` + ns + `><office:body><office:spreadsheet><table:table table:name="S">` +
		`<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2"><text:p>1<text:s/>x</text:p></table:table-cell></table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	letter := `<office:document-content ` + ns + `><office:body><office:text><text:h>T</text:h><text:p>a<text:tab/>b</text:p>` +
		`<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>`
	f.Add(pkg(f, "application/vnd.oasis.opendocument.spreadsheet", map[string]string{"content.xml": sheet}))
	f.Add(pkg(f, "application/vnd.oasis.opendocument.text", map[string]string{"content.xml": letter}))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 100}
		in := &scan.Input{Path: "f", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
	})
}

// TestRepeatBudget checks that repetition cannot blow a small file up
// into millions of segments: past maxCopies, repeats are read once.
func TestRepeatBudget(t *testing.T) {
	cell := `<table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>x</text:p></table:table-cell>`
	content := `<office:document-content ` + ns + `><office:body><office:spreadsheet><table:table table:name="S">` +
		strings.Repeat(`<table:table-row table:number-rows-repeated="100">`+strings.Repeat(cell, 20)+`</table:table-row>`, 10) +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	got, warns, err := extract(t, "big.ods", pkg(t, "application/vnd.oasis.opendocument.spreadsheet", map[string]string{"content.xml": content}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) > maxCopies+20*10*100 || len(warns) != 1 {
		t.Errorf("%d segments, warnings %q", len(got), warns)
	}
}
