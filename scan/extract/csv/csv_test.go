package csv

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
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
		if st < 0 || en > int64(len(data)) || st > en {
			t.Fatalf("%s: segment %d-%d outside the file (%d bytes)", name, st, en, len(data))
		}
		if s.OffsetAt == nil && !bytes.Equal(data[st:en], s.Text) {
			t.Fatalf("%s: segment at %d-%d is not the file's bytes", name, st, en)
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
