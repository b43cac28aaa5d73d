package doc

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Record, Field, Text string }

func extract(t testing.TB, data []byte) ([]segOut, error) {
	var out []segOut
	in := &scan.Input{Path: "d.doc", R: bytes.NewReader(data), Size: int64(len(data))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Record, s.Field, string(s.Text)})
		return nil
	})
	return out, err
}

func read(t testing.TB, name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDocuments reads the documents testdata/makedoc.sh writes: text
// around a table whose first row names its columns, accented and curly
// characters, and a Cyrillic paragraph.
func TestDocuments(t *testing.T) {
	tests := []struct {
		file string
		want []segOut
	}{
		{"latin.doc", []segOut{
			{"d.doc#para=1", "", "Re: escrow shortage for José Álvarez, SSN 512-44-7081."},
			{"d.doc#para=2", "", "Call back at (415) 867-5309 about the “loan modification”."},
			{"d.doc#table=1!row=1", "", "Name"},
			{"d.doc#table=1!row=1", "", "SSN"},
			{"d.doc#table=1!row=1", "", "Email"},
			{"d.doc#table=1!row=2", "Name", "Sierra Jefferson"},
			{"d.doc#table=1!row=2", "SSN", "383-41-8663"},
			{"d.doc#table=1!row=2", "Email", "sierra.jefferson@example.com"},
			{"d.doc#table=1!row=3", "Name", "Dana Whitfield"},
			{"d.doc#table=1!row=3", "SSN", "412-55-8901"},
			{"d.doc#table=1!row=3", "Email", "dana.whitfield@example.org"},
			{"d.doc#para=3", "", "Signed, the servicing team."},
		}},
		{"unicode.doc", []segOut{
			{"d.doc#para=1", "", "Клиент Иван Петров, SSN 601-23-4455, DOB 03/09/1971."},
		}},
	}
	for _, tt := range tests {
		got, err := extract(t, read(t, tt.file))
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.file, got, tt.want)
		}
	}
}

// wordStreams builds the streams of a minimal Word 97 document whose
// text is the given pieces, each in one byte a character (Windows-1252,
// "compressed") or two (UTF-16), as Word itself mixes them.
func wordStreams(pieces []string, compressed []bool) map[string][]byte {
	le := binary.LittleEndian
	wd := make([]byte, 32+2+2+2+34*8)
	le.PutUint16(wd, 0xA5EC)
	le.PutUint16(wd[2:], 0x00C1)
	le.PutUint16(wd[36:], 34) // csw 0, cslw 0, then 34 (fc, lcb) pairs
	var cps, pcds []byte
	cp := 0
	for i, p := range pieces {
		cps = le.AppendUint32(cps, uint32(cp))
		off := len(wd)
		fc := uint32(off)
		if compressed[i] {
			for _, r := range p {
				b := byte(r)
				for k, w := range win1252 {
					if w == r {
						b = byte(0x80 + k)
					}
				}
				wd = append(wd, b)
			}
			fc = uint32(2*off) | 1<<30
			cp += len([]rune(p))
		} else {
			u := utf16.Encode([]rune(p))
			for _, c := range u {
				wd = le.AppendUint16(wd, c)
			}
			cp += len(u)
		}
		pcds = append(pcds, 0, 0)
		pcds = le.AppendUint32(pcds, fc)
		pcds = append(pcds, 0, 0)
	}
	cps = le.AppendUint32(cps, uint32(cp))
	table := []byte{0x01, 2, 0, 0xAA, 0xBB, 0x02} // a property modifier, then the piece table
	table = le.AppendUint32(table, uint32(len(cps)+len(pcds)))
	table = append(append(table, cps...), pcds...)
	le.PutUint32(wd[38+33*8+4:], uint32(len(table)))
	return map[string][]byte{"WordDocument": wd, "0Table": table}
}

// TestPieces reads a piece table mixing one-byte (Windows-1252) and
// two-byte pieces, and refuses damaged or encrypted ones with a reason.
func TestPieces(t *testing.T) {
	st := wordStreams([]string{"José “Pepe” Álvarez, SSN 512-44-7081\r", "Иван Петров\r", "€ 100 – paid\r"}, []bool{true, false, true})
	got, err := pieceText(st)
	if want := "José “Pepe” Álvarez, SSN 512-44-7081\rИван Петров\r€ 100 – paid\r"; err != nil || got != want {
		t.Fatalf("got %q, %v\nwant %q", got, err, want)
	}
	enc := wordStreams([]string{"x"}, []bool{true})
	binary.LittleEndian.PutUint16(enc["WordDocument"][0x0A:], 0x0100)
	if _, err := pieceText(enc); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("encrypted: %v", err)
	}
	old := wordStreams([]string{"x"}, []bool{true})
	binary.LittleEndian.PutUint16(old["WordDocument"][2:], 100)
	if _, err := pieceText(old); err == nil || !strings.Contains(err.Error(), "Word 6/95") {
		t.Errorf("Word 95: %v", err)
	}
	// Three pieces over the same 800 bytes: more text than the stream
	// holds, refused rather than tripled.
	same := wordStreams([]string{strings.Repeat("x", 400)}, []bool{false})
	tb := same["0Table"]
	pcd := tb[len(tb)-8:]
	var table []byte
	table = append(table, 0x02)
	table = binary.LittleEndian.AppendUint32(table, 4*4+3*8)
	for k := range 4 {
		table = binary.LittleEndian.AppendUint32(table, uint32(400*k))
	}
	for range 3 {
		table = append(table, pcd...)
	}
	same["0Table"] = table
	binary.LittleEndian.PutUint32(same["WordDocument"][38+33*8+4:], uint32(len(table)))
	if _, err := pieceText(same); err == nil || !strings.Contains(err.Error(), "more text than") {
		t.Errorf("overlapping pieces: %v", err)
	}
	cut := wordStreams([]string{"some text"}, []bool{false})
	cut["WordDocument"] = cut["WordDocument"][:len(cut["WordDocument"])-4]
	if _, err := pieceText(cut); err == nil || !strings.Contains(err.Error(), "outside the document") {
		t.Errorf("cut: %v", err)
	}
}

// TestDamaged cuts a document at several places: one error each, never
// a panic; and other compound files and non-OLE .doc files are refused.
func TestDamaged(t *testing.T) {
	data := read(t, "latin.doc")
	for _, n := range []int{0, 8, 512, len(data) / 2} {
		if _, err := extract(t, data[:n]); err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
	if !(Extractor{}).Accepts("Letter.DOC", data[:8]) || (Extractor{}).Accepts("letter.doc", []byte("{\\rtf1")) || (Extractor{}).Accepts("book.xls", data[:8]) {
		t.Error("Accepts")
	}
	xls, err := os.ReadFile(filepath.Join("..", "xls", "testdata", "customers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := extract(t, xls); err == nil || !strings.Contains(err.Error(), "no WordDocument") {
		t.Errorf("a workbook named .doc: %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(read(f, "latin.doc"))
	f.Add(read(f, "unicode.doc"))
	f.Fuzz(func(t *testing.T, data []byte) { extract(t, data) })
}

// FuzzPieces fuzzes the piece table and text decoding without the
// compound file around them.
func FuzzPieces(f *testing.F) {
	st := wordStreams([]string{"José 512-44-7081\r", "Иван\r"}, []bool{true, false})
	f.Add(st["WordDocument"], st["0Table"])
	f.Fuzz(func(t *testing.T, wd, table []byte) {
		text, err := pieceText(map[string][]byte{"WordDocument": wd, "0Table": table, "1Table": table})
		if err == nil {
			split(context.Background(), "f.doc", text, func(scan.Segment) error { return nil })
		}
	})
}

// TestOneRowTable reads a table of one row (a letter's address block laid
// out in a table) as the body's paragraphs, each line of each cell one,
// in order with the paragraphs around it; a table of two rows stays rows.
func TestOneRowTable(t *testing.T) {
	var got []segOut
	s := NewSplitter(context.Background(), "d.doc", func(seg scan.Segment) error {
		got = append(got, segOut{seg.Record, seg.Field, string(seg.Text)})
		return nil
	})
	text := "Acme Mortgage\r" + "Ana Souza\r2093 Highland St\x07November 3, 2025\x07\x07" + "Dear Ana Souza,\r" +
		"Jo Li\x07212-45-6792\x07\x07Kai Park\x07383-41-8664\x07\x07" + "End\r"
	for _, r := range text {
		if err := s.WriteRune(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	want := []segOut{
		{"d.doc#para=1", "", "Acme Mortgage"}, {"d.doc#para=2", "", "Ana Souza"}, {"d.doc#para=3", "", "2093 Highland St"},
		{"d.doc#para=4", "", "November 3, 2025"}, {"d.doc#para=5", "", "Dear Ana Souza,"},
		{"d.doc#table=2!row=1", "", "Jo Li"}, {"d.doc#table=2!row=1", "", "212-45-6792"},
		{"d.doc#table=2!row=2", "", "Kai Park"}, {"d.doc#table=2!row=2", "", "383-41-8664"},
		{"d.doc#para=6", "", "End"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}
