package ps

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Record, Text string }

func extract(t testing.TB, data string) []segOut {
	t.Helper()
	var out []segOut
	in := &scan.Input{Path: "job.ps", R: strings.NewReader(data), Size: int64(len(data))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset != -1 {
			t.Errorf("offset %d, want -1", s.Offset)
		}
		out = append(out, segOut{s.Record, string(s.Text)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A page as groff writes it, with fictional people only: kerned pieces
// of words, positions that start new lines, line drawings whose numbers
// must not come out, an image's hex data, escapes and troff's hyphen.
const groff = "%!PS-Adobe-3.0\n%%Creator: groff version 1.22.4\n%%Title: Notice to Dana Whitfield\n%%For: Ana Souza\n%%Pages: 1\n" +
	"/F0 10/Times-Roman@0 SF\n%%Page: 1 1\n%%BeginPageSetup\nBP\n%%EndPageSetup\n" +
	"(Da)112 96 Q(na Whitf)-.2 E(ield <dwhitf@e)-.8 E(xample.org>)-.18 E\n" +
	"(SSN 512\\25544\\2557081)112 108 Q(phone \\(415\\) 867-5309)2.5 E\n" +
	"172 642 168 642 DL 176 642 172 642 DL 180 642 176 642 DL\n" +
	"<89504e470d0a1a0a0000000d494844523334186612345678> pop\n" +
	"(con\\214gured)72 120 Q\n0 Cg EP\nshowpage\n"

// A page as a program writes it with moveto and show.
const plain = "%!PS\n/Helvetica findfont 12 scalefont setfont\n" +
	"72 700 moveto (Account holder: Sierra Jefferson) show\n" +
	"72 686 moveto (4417 Birchwood Lane) show\n" +
	"72 672 moveto (Dayton, OH 45402) show\nshowpage\n" +
	"72 700 moveto (Page two) show\nshowpage\n"

// TestPages reads the pages of both kinds of writer.
func TestPages(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       []segOut
	}{
		{"groff", groff, []segOut{
			{"job.ps#para=1", "Notice to Dana Whitfield"},
			{"job.ps#para=2", "Ana Souza"},
			{"job.ps#para=3", "Dana Whitfield <dwhitf@example.org>\nSSN 512-44-7081 phone (415) 867-5309\nconfigured"},
		}},
		{"moveto", plain, []segOut{
			{"job.ps#para=1", "Account holder: Sierra Jefferson\n4417 Birchwood Lane\nDayton, OH 45402"},
			{"job.ps#para=2", "Page two"},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := extract(t, c.data); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		name, head string
		want       bool
	}{
		{"job.ps", "%!PS-Adobe-3.0\n", true},
		{"job.bin", "%!PS-Adobe-3.0\n", true},
		{"fig.eps", "%!\n", true},
		{"notes.txt", "%!\n", false},
		{"notes.txt", "Dear Ana,", false},
	} {
		if got := (Extractor{}).Accepts(c.name, []byte(c.head)); got != c.want {
			t.Errorf("Accepts(%q, %q) = %v, want %v", c.name, c.head, got, c.want)
		}
	}
}

// TestUnclosed reads a file cut inside a string and inside a hex string
// without an error: what was read is kept.
func TestUnclosed(t *testing.T) {
	got := extract(t, "%!PS\n72 700 moveto (Sierra Jefferson) show (cut off")
	if len(got) != 1 || got[0].Text != "Sierra Jefferson\ncut off" && got[0].Text != "Sierra Jefferson cut off" && got[0].Text != "Sierra Jeffersoncut off" {
		t.Errorf("got %q", got)
	}
	extract(t, "%!PS\n<8950")
}

func FuzzExtract(f *testing.F) {
	f.Add(groff)
	f.Add(plain)
	f.Add("%!PS\n(a\\\n\\101\\)(b)<~abc~><<>>%%Title: (x)\n")
	f.Fuzz(func(t *testing.T, data string) {
		in := &scan.Input{Path: "f.ps", R: strings.NewReader(data), Size: int64(len(data))}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Record == "" {
				t.Fatal("segment without record")
			}
			return nil
		})
	})
}
