package scan

import (
	"slices"
	"testing"
)

// TestPercentDecoded: escapes and query-string pluses are decoded, each
// decoded byte located at the escape it came from; text without them,
// and escapes of control characters, are left alone.
func TestPercentDecoded(t *testing.T) {
	raw := "GET /lookup?email=john.doe%40example.com&name=Sierra+Jefferson&q=50%25+off HTTP/1.1"
	d, ok := percentDecoded(Segment{Text: []byte(raw), Offset: 100})
	if !ok || string(d.Text) != "GET /lookup?email=john.doe@example.com&name=Sierra Jefferson&q=50%+off HTTP/1.1" {
		t.Fatalf("decoded %q, %v", d.Text, ok)
	}
	// The e-mail's span maps back onto the file's bytes.
	st := slices.Index(d.Text, 'j')
	en := st + len("john.doe@example.com")
	if got := raw[d.OffsetAt(st)-100 : d.OffsetAt(en)-100]; got != "john.doe%40example.com" {
		t.Errorf("span maps to %q", got)
	}
	for _, s := range []string{"plain text", "50% off", "+1 212 555 0100", "a%0Ab", "x%zz", "C++ and a+b"} {
		if _, ok := percentDecoded(Segment{Text: []byte(s), Offset: 0}); ok {
			t.Errorf("%q was decoded", s)
		}
	}
	// The lead is counted in decoded bytes; a segment located by a
	// function keeps going through it.
	d, ok = percentDecoded(Segment{Text: []byte("a%20b c%40d"), Lead: 5, OffsetAt: func(i int) int64 { return int64(i) * 2 }})
	if !ok || string(d.Text) != "a b c@d" || d.Lead != 3 || d.OffsetAt(5) != 2*7 || d.OffsetAt(len(d.Text)) != 2*11 {
		t.Errorf("decoded %q lead %d, offsets %d %d", d.Text, d.Lead, d.OffsetAt(5), d.OffsetAt(len(d.Text)))
	}
}

// TestUnescapeLines: escaped line ends and tabs in text written as a
// string literal are read as what they stand for, byte for byte in place;
// Windows paths and escaped backslashes are left as written.
func TestUnescapeLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`re: 617-253-1000\nDOB 03/14/1975`, "re: 617-253-1000 \nDOB 03/14/1975"},
		{`user updated\tssn=219-09-9998\tdob=1975-03-14`, "user updated \tssn=219-09-9998 \tdob=1975-03-14"},
		{`line one\r\nline two`, "line one \r \nline two"},
		{`C:\Users\nancy\tax.pdf`, ""},
		{`\\fs01\tom\notes.txt`, ""},
		{`Users\Documents\nancy`, ""},
		{`a literal \\n stays`, ""},
		{`no escapes here`, ""},
		{`ends in a backslash \`, ""},
	} {
		seg := Segment{Text: []byte(tc.in), Offset: 7}
		got, ok := unescapeLines(seg)
		if tc.want == "" {
			if ok {
				t.Errorf("%q was read as %q", tc.in, got.Text)
			}
			continue
		}
		if !ok || string(got.Text) != tc.want || got.Offset != 7 {
			t.Errorf("%q: got %q (ok %v, offset %d), want %q", tc.in, got.Text, ok, got.Offset, tc.want)
		}
		if string(seg.Text) != tc.in {
			t.Errorf("%q: the segment's own text was changed", tc.in)
		}
	}
}
