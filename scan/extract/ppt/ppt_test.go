package ppt

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func extract(name string, data []byte) ([]scan.Segment, []string, error) {
	var segs []scan.Segment
	var warns []string
	in := &scan.Input{Path: name, R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		s.Text = bytes.Clone(s.Text)
		segs = append(segs, s)
		return nil
	})
	return segs, warns, err
}

// TestPresentation reads every text atom of testdata/roster.ppt
// (makeppt.pl): the slide list's UTF-16 and 8-bit text, a text box drawn
// on a slide, a notes page and a footer, each under its slide's record.
func TestPresentation(t *testing.T) {
	segs, warns, err := extract("deck.ppt", read(t, "roster.ppt"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var got []string
	for _, s := range segs {
		if s.Offset != -1 || s.Field != "" {
			t.Errorf("segment %q: offset %d field %q", s.Text, s.Offset, s.Field)
		}
		got = append(got, strings.TrimPrefix(s.Record, "deck.ppt")+" "+string(s.Text))
	}
	want := []string{
		"#slide=1 Employee roster\nQ3 2023",
		"#slide=2 Ana Souza\nSSN 383-41-8663",
		" Company Confidential",
		"#slide=2 Dana Whitfield, DOB 03/14/1987\nRenée Dubois 512-44-7081",
		"#notes=1 Call Sierra Jefferson at (415) 867-5309",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestDamaged: a password-protected presentation is reported as such; a
// cut or foreign file gets one error, never a panic; a presentation cut
// after some text keeps that text, with a warning.
func TestDamaged(t *testing.T) {
	if _, _, err := extract("locked.ppt", read(t, "locked.ppt")); err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("locked: %v", err)
	}
	data := read(t, "roster.ppt")
	for _, n := range []int{0, 8, 512, len(data) / 2} {
		if _, _, err := extract("cut.ppt", data[:n]); err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
	if !(Extractor{}).Accepts("Deck.PPS", data[:8]) || (Extractor{}).Accepts("deck.ppt", []byte("PK\x03\x04")) || (Extractor{}).Accepts("book.xls", data[:8]) {
		t.Error("Accepts")
	}
	xls, err := os.ReadFile(filepath.Join("..", "xls", "testdata", "customers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := extract("x.ppt", xls); err == nil || !strings.Contains(err.Error(), "not a PowerPoint") {
		t.Errorf("a workbook named .ppt: %v", err)
	}
}

// TestCutRecords damages the record tree itself: a record longer than
// its container is an error, with the text before it kept.
func TestCutRecords(t *testing.T) {
	text := []byte{0xA0, 0x0F}
	rec := func(ver uint16, typ []byte, body []byte) []byte {
		h := make([]byte, 8, 8+len(body))
		h[0], h[2], h[3] = byte(ver), typ[0], typ[1]
		binary.LittleEndian.PutUint32(h[4:], uint32(len(body)))
		return append(h, body...)
	}
	good := rec(0, text, []byte("A\x00n\x00a\x00"))
	bad := append(rec(0, text, []byte("B\x00")), 0xFF) // trailing byte: a header cut short
	w := &walker{ctx: context.Background(), path: "p", emit: func(scan.Segment) error { return nil }}
	if err := w.walk(append(good, bad...), 0, ""); err == nil || w.emitted != 2 {
		t.Errorf("err %v, %d emitted", err, w.emitted)
	}
	long := rec(0, text, []byte("A\x00"))
	long[4] = 200 // longer than what follows
	if err := (&walker{ctx: context.Background(), emit: func(scan.Segment) error { return nil }}).walk(long, 0, ""); err == nil {
		t.Error("a record longer than its container: no error")
	}
	deep := rec(0, text, []byte("A\x00"))
	for i := 0; i <= maxDepth; i++ {
		deep = rec(0xF, []byte{0xE8, 0x03}, deep)
	}
	if err := (&walker{ctx: context.Background(), emit: func(scan.Segment) error { return nil }}).walk(deep, 0, ""); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("containers nested %d deep: %v", maxDepth+1, err)
	}
}

func FuzzPPT(f *testing.F) {
	f.Add(read(f, "roster.ppt"))
	f.Add(read(f, "locked.ppt"))
	f.Fuzz(func(t *testing.T, data []byte) { extract("f.ppt", data) })
}
