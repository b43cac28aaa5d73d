// Package extracttest holds what the tests of extractors that locate
// segments by byte offset share: running an extractor on bytes, with
// every segment checked to be the file's own bytes at its offset, and
// the fuzz target that checks the same on any input.
package extracttest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// Extract runs x on data as the file at path and returns its segments
// and warnings, failing t on an error or on a segment that is not
// data[Offset:Offset+len(Text)].
func Extract(t testing.TB, x scan.Extractor, path, data string) ([]scan.Segment, []string) {
	t.Helper()
	var segs []scan.Segment
	var warns []string
	in := &scan.Input{Path: path, R: strings.NewReader(data), Size: int64(len(data)), Warn: func(r string) { warns = append(warns, r) }}
	err := x.Extract(context.Background(), in, func(s scan.Segment) error {
		if !located(s, data) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		s.Text = append([]byte(nil), s.Text...) // extractors reuse their buffers
		segs = append(segs, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return segs, warns
}

// Fuzz is the fuzz target of such an extractor: on any input, seeded
// with seeds, every segment is the file's bytes at its offset, and
// nothing panics.
func Fuzz(f *testing.F, x scan.Extractor, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		in := &scan.Input{Path: "f", R: strings.NewReader(data), Size: int64(len(data))}
		_ = x.Extract(context.Background(), in, func(s scan.Segment) error {
			if !located(s, data) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

func located(s scan.Segment, data string) bool {
	return s.Offset >= 0 && s.Offset+int64(len(s.Text)) <= int64(len(data)) && data[s.Offset:s.Offset+int64(len(s.Text))] == string(s.Text)
}

// Fixed builds a fixed-length record of n characters from fields at
// 1-based positions (position, text, position, text…), blank elsewhere,
// as the NACHA, Metro 2 and FIRE layouts place them.
func Fixed(n int, fields ...any) string {
	b := bytes.Repeat([]byte{' '}, n)
	for i := 0; i+1 < len(fields); i += 2 {
		copy(b[fields[i].(int)-1:], fields[i+1].(string))
	}
	return string(b)
}

// Mapped checks a segment located by OffsetAt, as extractors that decode
// (entities, quoted-printable, escapes) locate theirs: its offsets must
// not go back and must stay within a file of size bytes. It returns a
// description of the first fault, or "".
func Mapped(s scan.Segment, size int) string {
	if s.OffsetAt == nil {
		return ""
	}
	prev := int64(0)
	for i := 0; i <= len(s.Text); i++ {
		o := s.OffsetAt(i)
		if o < prev || o > int64(size) {
			return fmt.Sprintf("%q: offset %d of byte %d goes back or past the file's %d bytes", s.Text, o, i, size)
		}
		prev = o
	}
	return ""
}
