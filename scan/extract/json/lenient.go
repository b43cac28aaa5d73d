package json

import (
	"bufio"
	"bytes"
)

// lenient reads JSON as Python's json.dumps and JavaScript engines may
// write it, with the bare numbers NaN, Infinity and -Infinity, which
// encoding/json refuses: the rest of such a file was lost. Outside
// strings each is replaced by a number of the same length ("0.0",
// "0.000000", "-0.000000"), so that every offset still holds.
type lenient struct {
	r        *bufio.Reader
	str, esc bool   // inside a string; after its backslash
	sub      []byte // the rest of a replacement cut by the end of the last Read
	pos      int64  // bytes read so far
	// at are the offsets of the replacements not yet asked about: their
	// numbers are no values of the file, and Replaced says so.
	at []int64
}

// Replaced reports whether the number at offset off stands for a
// non-finite word; offsets must be asked in increasing order.
func (l *lenient) Replaced(off int64) bool {
	for len(l.at) > 0 && l.at[0] < off {
		l.at = l.at[1:]
	}
	return len(l.at) > 0 && l.at[0] == off
}

var nonFinite = []struct{ word, number string }{{"NaN", "0.0"}, {"Infinity", "0.000000"}, {"-Infinity", "-0.000000"}}

// Read reads from the underlying reader, replacing the non-finite
// words outside strings in what it returns.
func (l *lenient) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	i := 0
	for ; i < n && len(l.sub) > 0; i++ {
		p[i], l.sub = l.sub[0], l.sub[1:]
	}
	for ; i < n; i++ {
		c := p[i]
		if l.str {
			switch {
			case l.esc:
				l.esc = false
			case c == '\\':
				l.esc = true
			case c == '"':
				l.str = false
			}
			continue
		}
		switch c {
		case '"':
			l.str = true
		case 'N', 'I', '-':
			i += l.replace(p[i:n], l.pos+int64(i)) - 1
		}
	}
	l.pos += int64(n)
	return n, err
}

// replace overwrites a non-finite word at the start of p (its end may
// still be in the reader) with its number, and returns how many bytes of
// p it took (1 for anything else).
func (l *lenient) replace(p []byte, off int64) int {
	head := p
	if len(p) < 10 {
		more, _ := l.r.Peek(10 - len(p))
		head = append(append([]byte(nil), p...), more...)
	}
	for _, w := range nonFinite {
		if !bytes.HasPrefix(head, []byte(w.word)) || len(head) > len(w.word) && isWordByte(head[len(w.word)]) {
			continue
		}
		k := copy(p, w.number)
		l.sub = []byte(w.number[k:])
		l.at = append(l.at, off)
		return max(k, 1)
	}
	return 1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
