package csv

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type segOut struct {
	Field, Record string
	Start, End    int64
}

func extract(t testing.TB, name string, data []byte) ([]segOut, error) {
	var out []segOut
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: name, R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		st, en := s.Offset, s.Offset+int64(len(s.Text))
		if s.OffsetAt != nil {
			st, en = s.OffsetAt(0), s.OffsetAt(len(s.Text))
		}
		if s.Offset < 0 && s.OffsetAt == nil {
			// Not located by offset.
			out = append(out, segOut{s.Field, s.Record, -1, -1})
			return nil
		}
		if st < 0 || en > int64(len(data)) || st > en {
			t.Fatalf("%s: segment %d-%d outside the file (%d bytes)", name, st, en, len(data))
		}
		if s.OffsetAt == nil && !bytes.Equal(data[st:en], s.Text) {
			t.Fatalf("%s: segment at %d-%d is not the file's bytes", name, st, en)
		}
		// An unescaped cell is its bytes with each doubled quote single
		// (TestUTF16 checks the cells of UTF-16 files).
		utf16File := len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF)
		if raw := data[st:en]; s.OffsetAt != nil && !utf16File && utf8.Valid(raw) && !bytes.Equal(bytes.ReplaceAll(raw, []byte(`""`), []byte(`"`)), s.Text) {
			t.Fatalf("%s: segment %q at %d-%d is not the file's %q unescaped", name, s.Text, st, en, raw)
		}
		out = append(out, segOut{s.Field, s.Record, st, en})
		return nil
	})
	return out, err
}

// TestGolden extracts each testdata/*.csv|tsv and compares the segments
// (field, record, offsets) with testdata/NAME.golden.json; -update
// rewrites them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.[ct]sv")
	if len(files) == 0 {
		t.Fatal("no test inputs")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := extract(t, filepath.Base(f), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		js, _ := json.MarshalIndent(got, "", " ")
		golden := f + ".golden.json"
		if *update {
			os.WriteFile(golden, js, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%s: %v (run with -update)", golden, err)
		}
		if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(js)) {
			t.Errorf("%s: segments differ from %s", f, golden)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       byte
	}{
		{"a.csv", "a,b,c\n1,2,3\n", ','},
		{"a.csv", "a;b;c\n1;2;3\n", ';'},
		{"a.tsv", "a\tb\n1\t2\n", '\t'},
		{"a.csv", "a|b|c\n1|2|3\n", '|'},
		{"a.csv", "\"x,y\";b\n\"1,2\";3\n", ';'},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head), tt.name); got != tt.want {
			t.Errorf("Sniff(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

// TestQuotedOffsets checks doubled quotes, embedded newlines and CRLF.
func TestQuotedOffsets(t *testing.T) {
	data := []byte("name,notes\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\nJones,plain\r\n")
	segs, err := extract(t, "q.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 4 {
		t.Fatalf("got %d segments, want 4", len(segs))
	}
	if segs[0].Field != "name" || segs[1].Field != "notes" || segs[3].Record != "q.csv#row=2" {
		t.Errorf("fields/records wrong: %+v", segs)
	}
	if string(data[segs[0].Start:segs[0].End]) != "Smith, J" || string(data[segs[3].Start:segs[3].End]) != "plain" {
		t.Errorf("offsets wrong: %+v", segs)
	}
}

// TestHeldEscapes checks the cells with doubled quotes of a file without
// a header row, whose first rows are held back while the columns are
// profiled: each must keep its own text and map, not the last row's.
func TestHeldEscapes(t *testing.T) {
	data := []byte("Anna,412-55-8901,\"said \"\"one\"\"\"\nJohn,523-44-9012,\"said \"\"two, longer\"\"\"\nMaria,601-23-4455,\"\"\"three\"\"\"\n")
	segs, err := extract(t, "h.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 9 {
		t.Fatalf("got %d segments, want 9", len(segs))
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("a,b\n1,2\n")
	f.Add("\"x\"\"y\",\"z\n\"\n")
	f.Add("a\tb\r\n\"unterminated")
	f.Fuzz(func(t *testing.T, s string) {
		extract(t, "f.csv", []byte(s))
	})
}

// TestLatin1 checks that cells that are not UTF-8 are decoded as Latin-1
// and that every decoded cell maps back to exactly its bytes in the file,
// quoted and escaped ones included.
func TestLatin1(t *testing.T) {
	data, err := os.ReadFile("testdata/latin1.csv")
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	decoded := 0
	err = Extractor{}.Extract(context.Background(), &scan.Input{Path: "latin1.csv", R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		if !utf8.Valid(s.Text) {
			t.Errorf("segment %q is not UTF-8", s.Text)
		}
		fields = append(fields, s.Field)
		if s.OffsetAt == nil {
			return nil
		}
		decoded++
		st, en := s.OffsetAt(0), s.OffsetAt(len(s.Text))
		// The range is the value inside its quotes, with doubled quotes.
		raw := bytes.ReplaceAll(data[st:en], []byte(`""`), []byte(`"`))
		if want, _ := latin1(raw); !bytes.Equal(want, s.Text) {
			t.Errorf("segment %q maps to %d-%d, which reads %q", s.Text, st, en, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if decoded != 5 {
		t.Errorf("%d cells decoded, want 5", decoded)
	}
	if len(fields) == 0 || fields[0] != "Prénom" || fields[2] != "Téléphone" {
		t.Errorf("headers read as %q", fields)
	}
}

// BenchmarkExtract measures the CSV extractor alone (parse, locate,
// emit each cell) on a generated customer export.
func BenchmarkExtract(b *testing.B) {
	var data bytes.Buffer
	data.WriteString("Customer ID,First Name,Last Name,Date of Birth,SSN,Email,Phone,Address,City,State,ZIP,Order Number,Comments\n")
	for i := 0; data.Len() < 8<<20; i++ {
		fmt.Fprintf(&data, "CUST-%07d,Derek,Montes,1995-02-%02d,587-72-%04d,montes.derek%d@example.com,646.954.%04d,\"%d Aspen Ter, Apt 4\",Red Falls,PA,17012,%012d,\"Called 2025-05-05, left \"\"voicemail\"\"\"\n",
			i, i%28+1, i%10000, i, i%10000, i%9000+100, i)
	}
	b.SetBytes(int64(data.Len()))
	cells := 0
	for b.Loop() {
		err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "x.csv", R: bytes.NewReader(data.Bytes()), Size: int64(data.Len())}, func(s scan.Segment) error {
			cells++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestTextSavedAsXLS checks that delimited text saved as .xls is read as
// a table, while a binary workbook and markup under that name are left
// to their own extractors.
func TestTextSavedAsXLS(t *testing.T) {
	tsv := []byte("Name\tSSN\nJane Roe\t123-45-6780\n")
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if !(Extractor{}).Accepts("export.xls", tsv) || (Extractor{}).Accepts("book.xls", ole) || (Extractor{}).Accepts("report.xls", []byte("<table>")) {
		t.Fatal("Accepts")
	}
	segs, err := extract(t, "export.xls", tsv)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 2 || segs[1].Field != "SSN" {
		t.Errorf("segments %+v", segs)
	}
}

// TestUTF16 reads delimited text in UTF-16 with a byte order mark, as
// Excel's "Unicode Text" export writes it (little-endian, tabs), and
// big-endian too, and without a mark, as SQL Server's bcp -w writes it:
// cells decoded and named by the header, located in the file by
// counting code units (a character beyond the BMP takes two).
func TestUTF16(t *testing.T) {
	text := "Name\tSSN\r\nJosé Álvarez\t383-41-8663\r\n\"Roe, Jane\"\t512-44-7081\r\n\"Ann \"\"Nan\"\" 😀 Lee\"\t601-23-4455\r\n"
	for _, tc := range []struct {
		order interface {
			binary.AppendByteOrder
			binary.ByteOrder
		}
		bom bool
	}{{binary.LittleEndian, true}, {binary.BigEndian, true}, {binary.LittleEndian, false}, {binary.BigEndian, false}} {
		order := tc.order
		var data []byte
		if tc.bom {
			data = order.AppendUint16(data, 0xFEFF)
		}
		for _, u := range utf16.Encode([]rune(text)) {
			data = order.AppendUint16(data, u)
		}
		var got []scan.Segment
		err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.txt", R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
			s.Text = bytes.Clone(s.Text)
			got = append(got, s)
			return nil
		})
		if err != nil {
			t.Fatalf("%v: %v", order, err)
		}
		if len(got) != 6 || string(got[0].Text) != "José Álvarez" || got[0].Field != "Name" || string(got[3].Text) != "512-44-7081" || got[3].Field != "SSN" || got[3].Record != "u.txt#row=2" {
			t.Fatalf("%v: %+v", order, got)
		}
		// Each cell is located in the UTF-16 file: its code units there
		// decode to its text, a doubled quote single.
		for _, s := range got {
			if s.Offset != -1 || s.OffsetAt == nil {
				t.Fatalf("%v: %q not located", order, s.Text)
			}
			st, en := s.OffsetAt(0), s.OffsetAt(len(s.Text))
			if st < 2 && tc.bom || en > int64(len(data)) || (en-st)%2 != 0 || st%2 != 0 {
				t.Fatalf("%v: %q at %d-%d", order, s.Text, st, en)
			}
			var units []uint16
			for k := st; k < en; k += 2 {
				units = append(units, order.Uint16(data[k:]))
			}
			if raw := string(utf16.Decode(units)); strings.ReplaceAll(raw, `""`, `"`) != string(s.Text) {
				t.Errorf("%v: %q at %d-%d is %q in the file", order, s.Text, st, en, raw)
			}
		}
	}
}

// TestDelimitedTxt checks which .txt and .dat files are taken as tables:
// plainly delimited exports (UTF-16 ones too), not prose or logs.
func TestDelimitedTxt(t *testing.T) {
	u16 := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return b
	}
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"export.txt", []byte("Name\tSSN\tDOB\nAna Souza\t383-41-8663\t1971-03-09\nJo Li\t512-44-7081\t1980-01-02\n"), true},
		{"EXPORT.DAT", []byte("ACCT|NAME|SSN\n0001|ANA SOUZA|383418663\n0002|JO LI|512447081\n0003|MAX|601234455\n"), true},
		{"unicode.txt", u16("Name\tSSN\r\nAna\t383-41-8663\r\nJo\t512-44-7081\r\nMax\t601-23-4455\r\n"), true},
		{"people.txt", []byte("id,name,ssn\n1,Ana,383-41-8663\n2,Jo,512-44-7081\n"), true},
		{"notes.txt", []byte("Called Ana Souza today, she asked about escrow.\nHer SSN is on file, DOB too.\nWill call back, maybe Monday, or Tuesday.\n"), false},
		{"letter.txt", []byte("Dear Ana,\n\nThank you for your letter.\n"), false},
		// Sentences with two commas each: paragraphs, not rows.
		{"paragraphs.txt", []byte("Please send the card to Flat 2, 10 High Street, Oxford OX1 4AB as soon as possible.\nThe tenant lives at Apartment 4B, 77 Beacon St, Boston MA 02108 since May.\nSee page 2, 10 High Street, Oxford OX1 4AB for the form.\n"), false},
		{"addresses.txt", []byte("name,street,city\nAna Souza,12 Oak St.,Boise\nJo Li,1 Elm St.,Reno\n"), true},
		{"short.txt", []byte("a\tb\nc\td\n"), false},
		{"one-row.txt", []byte("First Name\tLast Name\tSSN\tPhone\r\nTeodora\tVukasinovic\t412-65-9087\t203-551-9842\r\n"), true},
		{"one-row.dat", []byte("NAME|SSN|DOB\nANA SOUZA|383418663|19710309\n"), true},
		{"two-lines.txt", []byte("Called Ana, then Jo, then Max.\nAll three, again, said no.\n"), false},
		{"log.txt", []byte("2024-01-01 10:00 INFO start\n2024-01-01 10:01 INFO user ana logged in\n2024-01-01 10:02 WARN slow\n"), false},
		{"indented.txt", []byte("\tDear Ana,\n\tthank you for your letter of May 3.\n\tWe will call you soon.\n"), false},
	}
	for _, tt := range tests {
		if got := (Extractor{}).Accepts(tt.name, tt.head); got != tt.want {
			t.Errorf("Accepts(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestPreamble reads exports with title lines above the table, comma-
// and tab-delimited: the titles are text, the header still names the
// columns; a one-column file keeps its header.
func TestPreamble(t *testing.T) {
	tests := []struct {
		name, data string
		want       []segOut
	}{
		{"r.csv", "Customer Export\nGenerated 2024-01-01 by CRM\n\nName,SSN\nAna Souza,383-41-8663\n", []segOut{
			{"", "r.csv#preamble=1", 0, 15}, {"", "r.csv#preamble=2", 16, 43},
			{"Name", "r.csv#row=1", 54, 63}, {"SSN", "r.csv#row=1", 64, 75}}},
		{"r.tsv", "Report\nName\tSSN\tDOB\nAna Souza\t383-41-8663\t1971-03-09\n", []segOut{
			{"", "r.tsv#preamble=1", 0, 6},
			{"Name", "r.tsv#row=1", 20, 29}, {"SSN", "r.tsv#row=1", 30, 41}, {"DOB", "r.tsv#row=1", 42, 52}}},
		{"e.csv", "email\nana@example.com\njo@example.org\n", []segOut{
			{"", "e.csv#row=1", 0, 5}, {"", "e.csv#row=2", 6, 21}, {"", "e.csv#row=3", 22, 36}}},
		// A group header exported from merged cells, then the header.
		{"g.csv", "Customer,,Identity,,Notes\nFirst,Last,SSN,Birth Date\nAna,Souza,383-41-8663,1971-03-09,called\n", []segOut{
			{"First", "g.csv#row=1", 52, 55}, {"Last", "g.csv#row=1", 56, 61}, {"SSN", "g.csv#row=1", 62, 73},
			{"Birth Date", "g.csv#row=1", 74, 84}, {"Notes", "g.csv#row=1", 85, 91}}},
		// Trailing commas after a header are not a group: data follows.
		{"t.csv", "Name,SSN,,\nAna Souza,383-41-8663,,\n", []segOut{
			{"Name", "t.csv#row=1", 11, 20}, {"SSN", "t.csv#row=1", 21, 32}}},
	}
	for _, tt := range tests {
		got, err := extract(t, tt.name, []byte(tt.data))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestCROnly reads a file whose lines end in CR alone (classic Mac OS,
// Excel's "CSV (Macintosh)"): one record per line, the header naming
// the columns, offsets into the file.
func TestCROnly(t *testing.T) {
	data := []byte("Name,SSN\rAna Souza,383-41-8663\rJo Li,512-44-7081\r")
	got, err := extract(t, "mac.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []segOut{{"Name", "mac.csv#row=1", 9, 18}, {"SSN", "mac.csv#row=1", 19, 30}, {"Name", "mac.csv#row=2", 31, 36}, {"SSN", "mac.csv#row=2", 37, 48}}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}

// TestPairs reads an entity-attribute-value export: each value is named
// by its row's attribute, and the rows of one entity make one record.
func TestPairs(t *testing.T) {
	got, err := extract(t, "e.csv", []byte("entity_id,attribute,value\n1,first_name,Ana\n1,ssn,383-41-8663\n2,first_name,Jo\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []segOut{
		{"entity_id", "e.csv#entity_id=1", 26, 27}, {"attribute", "e.csv#entity_id=1", 28, 38}, {"first_name", "e.csv#entity_id=1", 39, 42},
		{"entity_id", "e.csv#entity_id=1", 43, 44}, {"attribute", "e.csv#entity_id=1", 45, 48}, {"ssn", "e.csv#entity_id=1", 49, 60},
		{"entity_id", "e.csv#entity_id=2", 61, 62}, {"attribute", "e.csv#entity_id=2", 63, 73}, {"first_name", "e.csv#entity_id=2", 74, 76},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}

// TestStrayQuote reads the rows after a quote that opens a field and
// never closes it, at the end of a small file or past strayLimit in a
// large one, instead of taking them for one cell, and warns once.
func TestStrayQuote(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		rows int
	}{
		{"at the end", "Name,SSN\n\"Dana Whitfield,412-65-7733\nSean OBrien,523-71-0098\nMaria Gonzalez,287-40-1156\n", 3},
		{"far on", "Name,SSN\n\"Dana Whitfield,412-65-7733\n" + strings.Repeat("Sean OBrien,523-71-0098\n", strayLimit/20) + "\"Ana \"\"Souza\"\"\",383-41-8663\n", strayLimit/20 + 2},
		{"closed", "Name,SSN\n\"Whitfield,\nDana\",412-65-7733\nSean OBrien,523-71-0098\n", 2},
	} {
		var warns []string
		records := map[string]bool{}
		err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "q.csv", R: strings.NewReader(tt.data), Size: int64(len(tt.data)),
			Warn: func(w string) { warns = append(warns, w) }}, func(s scan.Segment) error {
			if s.Field != "" {
				records[s.Record] = true
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(records) != tt.rows {
			t.Errorf("%s: %d rows, want %d", tt.name, len(records), tt.rows)
		}
		if stray := tt.name != "closed"; stray != (len(warns) == 1) {
			t.Errorf("%s: warnings %q", tt.name, warns)
		}
	}
}

// TestColumns checks that each cell under a header carries the header's
// names, the table's context for the detectors, and a preamble's none;
// under a group header, the names of the header row that completes it.
func TestColumns(t *testing.T) {
	data := "Export\nCustomer,,Identity\nFirst,Last,Member #\nAna,Souza,10023\n"
	var got [][]string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "m.csv", R: strings.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		got = append(got, s.Columns)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{nil, {"First", "Last", "Member #"}, {"First", "Last", "Member #"}, {"First", "Last", "Member #"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("columns %q, want %q", got, want)
	}
}

// TestRuleRow skips the rule of a printed table saved as delimited text:
// taken for a row, it was each column's first value.
func TestRuleRow(t *testing.T) {
	data := []byte("| name | ssn |\n|:-----|-----|\n| Ana Souza | 383-41-8663 |\n")
	var got []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "t.psv", R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		got = append(got, s.Field+"="+strings.TrimSpace(string(s.Text))+"@"+s.Record)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "name=Ana Souza@t.psv#row=1 ssn=383-41-8663@t.psv#row=1"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
