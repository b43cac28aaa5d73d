package text

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/breachkit/breachkit/scan"
)

type seg struct {
	text       string
	lead       int
	start, end int64
	record     string
}

func extract(t testing.TB, data []byte) ([]seg, []string) {
	var out []seg
	var warns []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "t.txt", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(r string) { warns = append(warns, r) }}, func(s scan.Segment) error {
		st, en := s.Offset, s.Offset+int64(len(s.Text))
		if s.OffsetAt != nil {
			st, en = s.OffsetAt(0), s.OffsetAt(len(s.Text))
		}
		if st < 0 || en > int64(len(data)) || st > en {
			t.Fatalf("segment %d-%d outside the file (%d bytes)", st, en, len(data))
		}
		if s.OffsetAt == nil && !bytes.Equal(data[st:en], s.Text) {
			t.Fatalf("segment at %d-%d is not the file's bytes", st, en)
		}
		out = append(out, seg{string(s.Text), s.Lead, st, en, s.Record})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, warns
}

func TestParagraphs(t *testing.T) {
	data := []byte("first line\nsecond\n\nnext para\r\n")
	segs, _ := extract(t, data)
	if len(segs) != 2 || segs[0].text != "first line\nsecond" || segs[1].text != "next para" || segs[1].record != "t.txt#para=2" {
		t.Fatalf("segments = %+v", segs)
	}
}

func TestEncodings(t *testing.T) {
	// UTF-16LE with BOM: offsets map back to the 2-byte units.
	u := utf16.Encode([]rune("SSN 123-45-6780"))
	data := []byte{0xFF, 0xFE}
	for _, c := range u {
		data = append(data, byte(c), byte(c>>8))
	}
	var got []scan.Segment
	Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.txt", R: bytes.NewReader(data)}, func(s scan.Segment) error {
		got = append(got, s)
		return nil
	})
	if len(got) != 1 || string(got[0].Text) != "SSN 123-45-6780" || got[0].OffsetAt(4) != 2+8 || got[0].OffsetAt(len(got[0].Text)) != int64(len(data)) {
		t.Fatalf("UTF-16 decode wrong")
	}
	// UTF-16 without a mark, big-endian and little-endian, as .NET's
	// Encoding.Unicode and SQL Server's bcp -w write it.
	for _, be := range []bool{false, true} {
		data = data[:0]
		for _, c := range u {
			if be {
				data = append(data, byte(c>>8), byte(c))
			} else {
				data = append(data, byte(c), byte(c>>8))
			}
		}
		if (Extractor{}).Accepts("u.txt", data) == false {
			t.Fatalf("UTF-16 without a mark (big-endian %v) refused", be)
		}
		got = got[:0]
		Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.txt", R: bytes.NewReader(data)}, func(s scan.Segment) error {
			got = append(got, s)
			return nil
		})
		if len(got) != 1 || string(got[0].Text) != "SSN 123-45-6780" || got[0].OffsetAt(4) != 8 || got[0].OffsetAt(len(got[0].Text)) != int64(len(data)) {
			t.Fatalf("UTF-16 without a mark (big-endian %v) decoded wrong", be)
		}
	}
	// Latin-1: é is one byte in the file, two in the text.
	lat := []byte("Jos\xe9 SSN 123-45-6780")
	segs, warns := extract(t, lat)
	if len(warns) != 0 || len(segs) != 1 || !strings.HasPrefix(segs[0].text, "José") {
		t.Fatalf("Latin-1 fallback wrong: %d warnings", len(warns))
	}
}

// TestLongLine checks that a single line longer than the window is cut
// into pieces with context, in bounded memory, covering every byte.
func TestLongLine(t *testing.T) {
	line := strings.Repeat("word SSN 123-45-6780 ", (3*Window)/21)
	segs, _ := extract(t, []byte(line))
	if len(segs) < 3 {
		t.Fatalf("got %d pieces, want at least 3", len(segs))
	}
	covered := int64(0)
	for _, s := range segs {
		if len(s.text) > Window+LeadBytes+8192 {
			t.Fatalf("piece of %d bytes is larger than the window", len(s.text))
		}
		if s.start+int64(s.lead) != covered {
			t.Fatalf("piece starts at %d (+%d lead), want %d", s.start, s.lead, covered)
		}
		covered = s.end
	}
	if covered != int64(len(line)) {
		t.Fatalf("covered %d of %d bytes", covered, len(line))
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("a\n\nb\r\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, 0x3D, 0xD8})
	f.Add([]byte("caf\xe9\n"))
	f.Add([]byte("\xd3\xd5\xf0\xf0\xf1\x40\xe2\xd6\xe4\xe9\xc1\x6b\x40\xc1\xd5\xc1\x40\x40\xe2\xe2\xd5\x40\xf3\xf8\xf3\x60\xf4\xf1\x60\xf8\xf6\xf6\xf3\x25\xd3\xd5"))
	f.Add([]byte("1 a {\"k\":\"v\\u0041\"}\n2 b {\"n\":[1,{\"x\":\"y\"}]}\n3 c {}\n"))
	f.Add([]byte("+---+----+\n| a | bb |\n+---+----+\n| 1 |  2 |\n"))
	f.Add([]byte(" a | b\n---+---\n x | y\n(1 row)\n"))
	f.Add([]byte("A    B\n---- ----\nxx   yy\n"))
	f.Add([]byte("-[ RECORD 1 ]--\na | x\n  | y\n*** 1. row ***\n a: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		extract(t, data)
	})
}

// TestCardData keeps a licence's barcode data, one element a line, in one
// segment: its lines look like a list but are one person's.
func TestCardData(t *testing.T) {
	data := []byte("@\n\x1e\rANSI 636026080102DL00410288ZA03290015DLDAQD44719023\nDCSORTIZ-BAUER\nDACMARISOL\nDBB03141986\nDAJAZ\n\nDAQ\nDCS\nDAC\n")
	segs, _ := extract(t, data)
	if len(segs) != 4 || !strings.Contains(segs[0].text, "DCSORTIZ-BAUER\nDACMARISOL") {
		t.Fatalf("segments = %+v", segs)
	}
}

func TestListLike(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"2025-01-01 login a\n2025-01-01 login b\n2025-01-02 login c", true},
		{"- Jane Doe, SSN 212-45-6791\n- Bob Lee\n- Ann Fox", true},
		{"[INFO] a\n[INFO] b\n[WARN] c\n[INFO] d\nnot marked", true},
		{"Borrower Jane Doe called on 2025-01-01 about her\nloan and asked us to update the address on\nfile to 12 Main St.", false},
		{"1. one\n2. two", false}, // two lines: a paragraph
		{"jdoe@example.com:hunter22\nann.fox@example.org;Winter24!\nb.lee@example.net|qwerty12", true},
		{"Jane Doe\nRegional manager\njane@example.com", false}, // a signature
		// A log whose events span lines: half its lines start with a
		// time stamp.
		{"2024-05-01 10:00:03 POST /users\n  Parameters: {\"first_name\"=>\"Ana\"}\n2024-05-01 10:00:04 POST /users\n  Parameters: {}", true},
		{"Dec  6 10:00:00 host app: a\njava.lang.Exception: b\n\tat c\nDec  6 10:00:01 host app: d\n\tat e\nDec  6 10:00:02 host app: f", true},
		{"[06/Dec/2026:10:00:00 +0000] a\nb\n[06/Dec/2026:10:00:01 +0000] c", true},
		{"I, [2024-05-01T10:00:03.123 #1]  INFO -- : Started\nParameters: x\nI, [2024-05-01T10:00:04.123 #1]  INFO -- : Done", true},
		// Times without dates are a note's, not a log's.
		{"10:30 called the borrower\nShe confirmed her address\n11:00 called back\nNo answer", false},
	}
	for _, tt := range tests {
		if got := listLike([]byte(tt.text), '\n'); got != tt.want {
			t.Errorf("listLike(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestJSONTail checks that a log line ending in a JSON object gives the
// text before it as it is and the object's values named by their keys,
// at their bytes in the file and in the line's record; a line whose
// braces are not JSON stays text.
func TestJSONTail(t *testing.T) {
	data := []byte("2024-05-01 10:00 INFO kyc {\"first_name\":\"Ana\",\"ssn\":\"512-44-8725\",\"tags\":[\"a\\u0041\"]}\n" +
		"2024-05-01 10:01 INFO note {not json}\n" +
		"2024-05-01 10:02 INFO done\n")
	var fields []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "t.log", R: bytes.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		st := s.Offset
		if s.OffsetAt != nil {
			st = s.OffsetAt(0)
		}
		if s.OffsetAt == nil && !bytes.Equal(data[st:st+int64(len(s.Text))], s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, st)
		}
		fields = append(fields, fmt.Sprintf("%s=%s@%s", s.Field, s.Text, s.Record))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"=2024-05-01 10:00 INFO kyc @t.log#line=1",
		"first_name=Ana@t.log#line=1",
		"ssn=512-44-8725@t.log#line=1",
		"tags=aA@t.log#line=1",
		"=2024-05-01 10:01 INFO note {not json}@t.log#line=2",
		"=2024-05-01 10:02 INFO done@t.log#line=3",
	}
	if strings.Join(fields, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(fields, "\n"), strings.Join(want, "\n"))
	}
}

// TestCROnly reads text whose lines end in CR alone (classic Mac OS):
// paragraphs split at its blank lines, located in the file.
func TestCROnly(t *testing.T) {
	data := []byte("Spoke with Ana Souza, SSN 383-41-8663.\r\rSpoke with Jo Li, SSN 512-44-7081.\r")
	got, _ := extract(t, data)
	if len(got) != 2 || got[0].text != "Spoke with Ana Souza, SSN 383-41-8663." || got[1].start != 40 || got[0].record == got[1].record {
		t.Errorf("%+v", got)
	}
}

// TestSizeUnderstated reads a source longer than its Input.Size says
// (an archive member whose header lies): all of it, in growing reads.
func TestSizeUnderstated(t *testing.T) {
	data := bytes.Repeat([]byte("Spoke with Ana Souza, SSN 383-41-8663.\n\n"), 20000)
	n := 0
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "m.txt", R: bytes.NewReader(data), Size: 10}, func(s scan.Segment) error {
		n += bytes.Count(s.Text, []byte("383-41-8663"))
		return nil
	})
	if err != nil || n != 20000 {
		t.Errorf("err %v, %d of 20000 values", err, n)
	}
}

// TestEBCDIC reads a mainframe extract in code page 037: the text comes
// out as UTF-8, each piece mapping back to the file's own bytes, one
// byte a character. ASCII, Latin-1, UTF-8 and random bytes are not taken
// for EBCDIC.
func TestEBCDIC(t *testing.T) {
	plain := "LN0012345678 SOUZA, ANA      4417 BIRCHWOOD LANE  DAYTON, OH 45402 SSN 383-41-8663\n" +
		"LN0012345679 WHITFIELD, DANA 200 OAK ST           COLUMBUS, OH 43215 SSN 512-44-7081\n"
	data, err := charmap.CodePage037.NewEncoder().Bytes([]byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	if !EBCDIC(data) {
		t.Fatal("not recognised as EBCDIC")
	}
	segs, warns := extract(t, data)
	var text []string
	for _, s := range segs {
		text = append(text, s.text)
		back, _ := charmap.CodePage037.NewDecoder().Bytes(data[s.start:s.end])
		if got := strings.ReplaceAll(string(back), "\u0085", "\n"); !strings.HasSuffix(got, s.text) {
			t.Errorf("piece %q maps to %q in the file", s.text, got)
		}
	}
	if got := strings.Join(text, "\n"); !strings.Contains(got, "SSN 383-41-8663") || !strings.Contains(got, "WHITFIELD, DANA") || len(warns) > 0 {
		t.Errorf("decoded %q, warnings %q", got, warns)
	}
	for _, b := range [][]byte{[]byte(plain), []byte("Jos\xe9 \xc0 l'\xe9cole, SSN 123-45-6780, caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 Montr\xe9al"),
		[]byte("Müller, Jürgen — Straße 5, 10115 Berlin, Deutschland"), bytes.Repeat([]byte{0x8F, 0x13, 0xC1, 0xFF, 0x40, 0x00, 0x7A}, 20)} {
		if EBCDIC(b) {
			t.Errorf("%q taken for EBCDIC", b[:20])
		}
	}
}
