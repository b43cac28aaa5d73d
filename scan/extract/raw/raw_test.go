package raw

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// filler is binary that holds no run of text.
func filler(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + i*37%0x7F)
		if i%5 == 0 {
			b[i] = byte(i % 7)
		}
	}
	return b
}

func utf16(s string) []byte {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

type seg struct {
	text, record string
}

func extract(t *testing.T, data []byte) ([]seg, []string, error) {
	t.Helper()
	var segs []seg
	var warns []string
	in := &scan.Input{Path: "db.mdf", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		// Every character maps back to the byte (or, in UTF-16, the
		// first byte of the unit) it came from.
		for i, c := range s.Text {
			off := s.OffsetAt(i)
			if c == '\n' {
				continue
			}
			if off < 0 || off >= int64(len(data)) || data[off] != c {
				t.Fatalf("%q[%d] maps to %d", s.Text, i, off)
			}
		}
		segs = append(segs, seg{string(s.Text), s.Record})
		return nil
	})
	return segs, warns, err
}

// TestRuns finds ASCII runs (a C string's last character kept), UTF-16
// runs (the first character kept after a length byte that reads as a
// letter), drops short ones, joins near runs into one segment and starts
// another after a gap.
func TestRuns(t *testing.T) {
	var data []byte
	data = append(data, filler(40)...)
	data = append(data, "Name Ana Souza\x00"...)
	data = append(data, filler(9)...)
	data = append(data, 'A') // a length byte that reads as a letter
	data = append(data, utf16("SSN 383-41-8663")...)
	data = append(data, 0x07, 0x07)
	data = append(data, "abc"...) // too short
	data = append(data, filler(30)...)
	far := len(data) + 600
	data = append(data, filler(600)...)
	data = append(data, "4417 Birchwood Lane, Dayton, OH 45402"...)
	data = append(data, filler(10)...)
	segs, warns, err := extract(t, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []seg{
		{"Name Ana Souza\nSSN 383-41-8663", "db.mdf#at=40"},
		{"4417 Birchwood Lane, Dayton, OH 45402", "db.mdf#at=" + strconv.Itoa(far)},
	}
	if !slices.Equal(segs, want) {
		t.Errorf("got %q\nwant %q", segs, want)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "only its runs of text") {
		t.Errorf("warnings %q", warns)
	}
}

// TestLongFile reads a file larger than the read buffer and segments
// longer than MaxSegment: every run is found once.
func TestLongFile(t *testing.T) {
	var data []byte
	for i := 0; i < 20000; i++ {
		data = append(data, "SSN 383-41-8663"...)
		data = append(data, 0x01, 0x02)
	}
	segs, _, err := extract(t, data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range segs {
		if len(s.text) > MaxSegment {
			t.Fatalf("segment of %d bytes", len(s.text))
		}
		n += strings.Count(s.text, "383-41-8663")
	}
	if n != 20000 {
		t.Errorf("%d of 20000 runs", n)
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		head []byte
		want bool
	}{
		{append([]byte{0x01, 0x0F, 0x00, 0x00}, filler(60)...), true},
		{[]byte("plain text, not binary"), false},
		{append([]byte("\x00\x00\x00\x18ftypmp42"), filler(60)...), false},
		{append([]byte("MZ\x90\x00"), filler(60)...), false},
		{append([]byte{0xFF, 0xFB, 0x90, 0x00}, filler(60)...), false},
	} {
		if got := (Extractor{}).Accepts("f", tt.head); got != tt.want {
			t.Errorf("Accepts(%q) = %v", tt.head[:8], got)
		}
	}
}

func FuzzRuns(f *testing.F) {
	f.Add([]byte("Name Ana Souza\x00\x01A" + string(utf16("SSN 383-41-8663"))))
	f.Add([]byte{0x41, 0, 0x42, 0, 0x43})
	f.Fuzz(func(t *testing.T, data []byte) { extract(t, data) })
}

// TestRefused: ciphertext (ransomware's output) and a binary without text
// are refused with the reason, not listed as read.
func TestRefused(t *testing.T) {
	cipher := make([]byte, 8192)
	x := uint32(2463534242)
	for i := range cipher {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		cipher[i] = byte(x)
	}
	for name, data := range map[string][]byte{"customers.csv.locked": cipher, "blank.bin": filler(4096)} {
		in := &scan.Input{Path: name, R: bytes.NewReader(data), Size: int64(len(data))}
		err := Extractor{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "unsupported format") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
