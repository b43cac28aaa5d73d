package scan

import (
	"bytes"
	"unicode/utf8"
)

// mayEscape reports whether b holds a '%' or a '+', which a percent-
// encoded value has, or a backslash: a short value (a cell) is looked
// over in one loop, a long one with the vectorised searches.
func mayEscape(b []byte) bool {
	if len(b) >= 64 {
		return bytes.IndexByte(b, '%') >= 0 || bytes.IndexByte(b, '+') >= 0 || bytes.IndexByte(b, '\\') >= 0
	}
	for _, c := range b {
		if c == '%' || c == '+' || c == '\\' {
			return true
		}
	}
	return false
}

// unescapeLines returns seg with the escaped line ends and tabs that
// text written as a string literal holds (a log's message "…\nDOB
// 03/14/1975", a MySQL or PostgreSQL dump's field, a stack trace in a
// CSV cell) read as the characters they stand for, so that "\nDOB" is no
// word "nDOB" and the date keeps its keyword. The escape's two bytes
// become a blank and the character, so every byte stays where it was in
// the file and Offset and OffsetAt hold as they are. A backslash in a
// Windows path ("C:\Users\nancy", see windowsPath) is no escape, and an
// escaped backslash ("\\n") stays. ok is false when there was nothing to
// read so.
func unescapeLines(seg Segment) (Segment, bool) {
	t := seg.Text
	var out []byte
	for i := 0; i+1 < len(t); i++ {
		if t[i] != '\\' {
			continue
		}
		c := t[i+1]
		if c == '\\' {
			i++ // an escaped backslash
			continue
		}
		var to byte
		switch c {
		case 'n':
			to = '\n'
		case 'r':
			to = '\r'
		case 't':
			to = '\t'
		default:
			continue
		}
		if windowsPath(t, i) {
			continue // C:\Users\nancy, \\fs01\tom
		}
		if out == nil {
			out = bytes.Clone(t)
		}
		out[i], out[i+1] = ' ', to
		i++
	}
	if out == nil {
		return seg, false
	}
	seg.Text = out
	return seg, true
}

// percentDecoded returns seg with the percent-escapes that stand for text
// decoded (%40 is '@', %20 a space), and the plus signs between letters
// in a query string's values read as spaces, so that the detectors see
// john.doe@example.com and John Doe where web server and proxy logs,
// tracking links and captured form posts wrote john.doe%40example.com and
// John+Doe. The decoded text is located through OffsetAt, each byte at
// the escape it came from, so a finding's span still covers the file's
// own bytes. ok is false when there was nothing to decode.
func percentDecoded(seg Segment) (Segment, bool) {
	t := seg.Text
	query := bytes.IndexByte(t, '=') >= 0 && (bytes.IndexByte(t, '?') >= 0 || bytes.IndexByte(t, '&') >= 0)
	var out []byte
	var src []int
	// begin starts the decoded copy at the first change, at t[i].
	begin := func(i int) {
		if out == nil {
			out, src = make([]byte, 0, len(t)), make([]int, 0, len(t)+1)
			out = append(out, t[:i]...)
			for k := 0; k < i; k++ {
				src = append(src, k)
			}
		}
	}
	changed := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '%' && i+2 < len(t) && isHex(t[i+1]) && isHex(t[i+2]):
			b := unhex(t[i+1])<<4 | unhex(t[i+2])
			if b < 0x20 || b == 0x7F {
				break // a control character: not text, left as written
			}
			begin(i)
			out = append(out, b)
			src = append(src, i)
			i += 2
			changed = true
			continue
		case c == '+' && query && i > 0 && i+1 < len(t) && isLetter(t[i-1]) && isLetter(t[i+1]):
			begin(i)
			out = append(out, ' ')
			src = append(src, i)
			changed = true
			continue
		}
		if out != nil {
			out = append(out, c)
			src = append(src, i)
		}
	}
	if !changed || !utf8.Valid(out) {
		return seg, false
	}
	src = append(src, len(t))
	d := seg
	d.Text = out
	// The lead, counted in decoded bytes.
	if seg.Lead > 0 {
		lead := 0
		for lead < len(out) && src[lead] < seg.Lead {
			lead++
		}
		d.Lead = lead
	}
	switch {
	case seg.OffsetAt != nil:
		at := seg.OffsetAt
		d.OffsetAt = func(i int) int64 {
			if i < 0 || i >= len(src) {
				return -1
			}
			return at(src[i])
		}
	case seg.Offset >= 0:
		base := seg.Offset
		d.OffsetAt = func(i int) int64 {
			if i < 0 || i >= len(src) {
				return -1
			}
			return base + int64(src[i])
		}
		d.Offset = -1
	}
	return d, true
}

// windowsPath reports whether the backslash at t[i] is in a Windows path:
// the run of non-blank bytes around it (up to 256 each way) has a drive
// ("C:\"), starts a UNC name ("\\fs01"), or has a backslash before a
// letter that starts no escape ("\Users", "\Documents").
func windowsPath(t []byte, i int) bool {
	blank := func(c byte) bool {
		return c == ' ' || c == '"' || c == '\'' || c == '\n' || c == '\r' || c == '\t' || c == '<' || c == '>'
	}
	a, b := i, i
	for a > 0 && a > i-256 && !blank(t[a-1]) {
		a--
	}
	for b < len(t) && b < i+256 && !blank(t[b]) {
		b++
	}
	tok := t[a:b]
	if len(tok) > 2 && tok[0] == '\\' && tok[1] == '\\' && isLetter(tok[2]) || bytes.Contains(tok, []byte(`:\`)) {
		return true
	}
	for k := 0; k+1 < len(tok); k++ {
		if tok[k] == '\\' {
			switch c := tok[k+1]; {
			case c == 'n' || c == 'r' || c == 't' || c == 'u' || c == 'b' || c == 'f':
			case isLetter(c):
				return true
			}
			k++
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
