package rtf

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "n.rtf", R: strings.NewReader(data), Size: int64(len(data)), Warn: func(r string) { warns = append(warns, r) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset != -1 {
			t.Errorf("offset %d, want -1", s.Offset)
		}
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// A letter as Word writes it, with fictional people only: tables that
// are not text, a picture and binary data whose digits must not come
// out, escaped and Unicode characters with their fallbacks, a hyperlink
// field, and a table with a header row.
const letter = `{\rtf1\ansi\ansicpg1252\deff0\uc1{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss Arial;}}` +
	`{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\author Preparer 383418663}{\title Notice}}` + "\r\n" +
	`{\*\generator Riched20 10.0.19041}\viewkind4\pard\plain\f0\fs24 Dear Jos\'e9 Garc\'eda,\par` + "\r\n" +
	`Your SSN 512-44-7081 was exposed\u8212\'97see below.\par` +
	`{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d4948445233341866 }` +
	`{\*\shppict{\pict\jpegblip 383418663}}{\bin7 9999999}` +
	`Email {\field{\*\fldinst HYPERLINK "mailto:hidden@example.com"}{\fldrslt ana.souza@example.com}}\line phone (415) 867-5309\par` +
	` Smile \u-10179?\u-8704? ok\~now\par` +
	`\trowd\cellx2000\cellx4000\pard\intbl Name\cell SSN\cell\row` +
	`\trowd\cellx2000\cellx4000\pard\intbl Sierra Jefferson\par second line\cell 601-23-4455\cell\row` +
	`\pard After the table \{braces\} and \\backslash\par}` + "\r\n" + `trailing junk`

func TestLetter(t *testing.T) {
	got, warns, err := extract(t, letter)
	if err != nil {
		t.Fatal(err)
	}
	want := []segOut{
		{"", "n.rtf#para=1", "Dear José García,"},
		{"", "n.rtf#para=2", "Your SSN 512-44-7081 was exposed—see below."},
		{"", "n.rtf#para=3", "Email ana.souza@example.com\nphone (415) 867-5309"},
		{"", "n.rtf#para=4", "Smile 😀 ok now"},
		{"", "n.rtf#table=1!row=1", "Name"},
		{"", "n.rtf#table=1!row=1", "SSN"},
		{"Name", "n.rtf#table=1!row=2", "Sierra Jefferson\nsecond line"},
		{"SSN", "n.rtf#table=1!row=2", "601-23-4455"},
		{"", "n.rtf#para=5", "After the table {braces} and \\backslash"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %q", warns)
	}
}

// TestCodePages checks escaped bytes in a Cyrillic and a Japanese
// (double-byte) code page, a trail byte written plainly included.
func TestCodePages(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"cp1251", `{\rtf1\ansi\ansicpg1251 \'c8\'e2\'e0\'ed \'cf\'e5\'f2\'f0\'ee\'e2\par}`, "Иван Петров"},
		{"shift-jis", `{\rtf1\ansi\ansicpg932 \'8e\'52\'93\'63 \'8eR\'93c\par}`, "山田 山田"},
		{"mac", `{\rtf1\mac Jos\'8e\par}`, "José"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := extract(t, tc.doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Text != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBadInput checks that a truncated document keeps its text and warns,
// and that a damaged escape is an error naming the problem.
func TestBadInput(t *testing.T) {
	got, warns, err := extract(t, `{\rtf1\ansi{\b Sierra Jefferson SSN 601-23-4455`)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Text != "Sierra Jefferson SSN 601-23-4455" || len(warns) != 1 || !strings.Contains(warns[0], "unclosed") {
		t.Errorf("truncated: got %q, warnings %q", got, warns)
	}
	if _, _, err := extract(t, `{\rtf1 a\'zz}`); !errors.Is(err, errCorrupt) {
		t.Errorf("bad hex: err %v", err)
	}
	if _, _, err := extract(t, strings.Repeat("{", maxDepth+2)); !errors.Is(err, errCorrupt) {
		t.Errorf("deep nesting: err %v", err)
	}
}

func TestAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"a.rtf", `{\rtf1\ansi`, true},
		{"letter.doc", `{\rtf1\ansi`, true}, // Word saves RTF under .doc names
		{"a.rtf", "\xEF\xBB\xBF\r\n{\\rtf1", true},
		{"a.rtf", "plain text", false},
		{"a.txt", `{"rtf": 1}`, false},
	} {
		if got := (Extractor{}).Accepts(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Accepts(%q, %q) = %v", tc.name, tc.head, got)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(letter)
	f.Add(`{\rtf1\ansi\ansicpg932 \'8eR\u-10179?}`)
	f.Add(`{\rtf1 {\bin99 x}}`)
	f.Fuzz(func(t *testing.T, data string) {
		in := &scan.Input{Path: "f.rtf", R: strings.NewReader(data), Size: int64(len(data))}
		Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Record == "" {
				t.Fatal("segment without record")
			}
			return nil
		})
	})
}
