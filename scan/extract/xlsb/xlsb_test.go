package xlsb

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
)

// rec encodes one record (MS-XLSB 2.1.4): its type and size in 7-bit
// groups, then the data.
func rec(typ int, parts ...[]byte) []byte {
	data := bytes.Join(parts, nil)
	return append(varintBytes(varintBytes(nil, typ), len(data)), data...)
}

// varintBytes appends v in 7-bit groups, low first, the high bit set on
// all but the last.
func varintBytes(b []byte, v int) []byte {
	for v >= 0x80 {
		b = append(b, byte(v&0x7F)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func u32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func u16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }

// ws is an XLWideString.
func ws(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := u32(uint32(len(u)))
	for _, c := range u {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

// cell is a Cell structure: the column and the XF.
func cell(col, xf uint32) []byte { return append(u32(col), u32(xf)...) }

// rk encodes an integer as an RK number.
func rk(v int32) []byte { return u32(uint32(v)<<2 | 0x02) }

// workbook builds an .xlsb package of one sheet of fictional customers:
// shared and inline strings, an RK, a double, a date and an SSN stored as
// a number with Excel's zero-padding format.
func workbook(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, parts ...[]byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(bytes.Join(parts, nil))
	}
	put("[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>`+
		`<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>`+
		`<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>`+
		`<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/></Types>`))
	put("_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`))
	put("xl/workbook.bin", rec(0x83), rec(brtWbProp, u32(0), u32(0), ws("")), rec(0x8F),
		rec(brtBundleSh, u32(0), u32(1), ws("rId1"), ws("Customers")), rec(0x90), rec(0x84))
	put("xl/_rels/workbook.bin.rels", []byte(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.bin"/>`+
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.bin"/></Relationships>`))
	put("xl/sharedStrings.bin", rec(0x9F, u32(4), u32(4)),
		rec(brtSSTItem, []byte{0}, ws("Name")), rec(brtSSTItem, []byte{0}, ws("SSN")), rec(brtSSTItem, []byte{0}, ws("Date of Birth")),
		rec(brtSSTItem, []byte{0}, ws("Sierra Jefferson")), rec(0xA0))
	// XF 0: General; XF 1: format 14 (a date); XF 2: custom 164, 000-00-0000.
	xf := func(fmt uint16) []byte { return rec(brtXF, u16(0xFFFF), u16(fmt), make([]byte, 12)) }
	put("xl/styles.bin", rec(0x296), rec(0x267, u32(1)), rec(brtFmt, u16(164), ws("000-00-0000")), rec(0x268),
		rec(0x272, u32(1)), xf(0), rec(0x273),
		rec(brtBeginCellXF, u32(3)), xf(0), xf(14), xf(164), rec(brtEndCellXF), rec(0x297))
	put("xl/worksheets/sheet1.bin", rec(0x81), rec(0x91),
		rec(brtRowHdr, u32(0), make([]byte, 9)), rec(brtCellIsst, cell(0, 0), u32(0)), rec(brtCellIsst, cell(1, 0), u32(1)), rec(brtCellIsst, cell(2, 0), u32(2)), rec(brtCellSt, cell(3, 0), ws("Balance")),
		rec(brtRowHdr, u32(1), make([]byte, 9)), rec(brtCellIsst, cell(0, 0), u32(3)), rec(brtCellRk, cell(1, 2), rk(12448721)),
		rec(brtCellReal, cell(2, 1), binary.LittleEndian.AppendUint64(nil, math.Float64bits(26001))), rec(brtCellReal, cell(3, 0), binary.LittleEndian.AppendUint64(nil, math.Float64bits(1250.5))),
		rec(brtRowHdr, u32(2), make([]byte, 9)), rec(brtCellSt, cell(0, 0), ws("José Álvarez")), rec(brtCellRk, cell(1, 2), rk(512447081)),
		rec(brtCellBlank, cell(2, 0)), rec(brtCellBool, cell(3, 0), []byte{1}),
		rec(0x92), rec(0x82))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type segOut struct{ Field, Cell, Text string }

func extract(t testing.TB, data []byte) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "c.xlsb", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Sheet + "!" + s.Cell, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// TestWorkbook reads a sheet as its .xlsx twin reads: named by the header
// row, the date as a date, the SSN stored as a number padded back.
func TestWorkbook(t *testing.T) {
	got, warns, err := extract(t, workbook(t))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []segOut{
		{"", "Customers!A1", "Name"}, {"", "Customers!B1", "SSN"}, {"", "Customers!C1", "Date of Birth"}, {"", "Customers!D1", "Balance"},
		{"Name", "Customers!A2", "Sierra Jefferson"}, {"SSN", "Customers!B2", "012-44-8721"}, {"Date of Birth", "Customers!C2", "1971-03-09"}, {"Balance", "Customers!D2", "1250.5"},
		{"Name", "Customers!A3", "José Álvarez"}, {"SSN", "Customers!B3", "512-44-7081"}, {"Balance", "Customers!D3", "TRUE"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestDamaged cuts the sheet part: the rows before the cut are kept, and
// a warning says the sheet was not read to the end.
func TestDamaged(t *testing.T) {
	data := workbook(t)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		w, _ := zw.Create(f.Name)
		if strings.HasSuffix(f.Name, "sheet1.bin") {
			w.Write(b.Bytes()[:b.Len()-40])
		} else {
			w.Write(b.Bytes())
		}
	}
	zw.Close()
	got, warns, err := extract(t, buf.Bytes())
	if err != nil || len(got) < 6 || len(warns) != 1 || !strings.Contains(warns[0], "not read to the end") {
		t.Errorf("%d values, warnings %q, err %v", len(got), warns, err)
	}
	if _, _, err := extract(t, []byte("PK\x03\x04 not a zip")); err == nil {
		t.Error("no error for a damaged package")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(workbook(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 100}
		in := &scan.Input{Path: "f.xlsb", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		Extractor{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
	})
}
