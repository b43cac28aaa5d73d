package yaml

import (
	"strconv"
	"unicode/utf8"

	yamlv3 "go.yaml.in/yaml/v3"
)

// offsetAt maps each byte of a scalar that is not a byte copy of the file
// (escapes in double quotes, ” in single quotes, lines folded or a
// block's indentation removed) to where it is written, or returns nil.
func (w *walker) offsetAt(n *yamlv3.Node) func(int) int64 {
	if n.Line < 1 || n.Line > len(w.lines) || n.Column < 1 {
		return nil
	}
	at := w.lines[n.Line-1] + n.Column - 1
	switch n.Style {
	case yamlv3.DoubleQuotedStyle, yamlv3.SingleQuotedStyle:
		at++
	case yamlv3.LiteralStyle, yamlv3.FoldedStyle:
		// The content starts on the line after the | or >.
		if n.Line >= len(w.lines) {
			return nil
		}
		at = w.lines[n.Line]
	}
	if at < 0 || at > len(w.data) {
		return nil
	}
	m := align(w.data, at, []byte(n.Value), n.Style)
	if m == nil {
		return nil
	}
	return func(k int) int64 {
		if k < 0 {
			return -1
		}
		return int64(m[min(k, len(m)-1)])
	}
}

// align walks data from at and value side by side and returns the offset
// in data of each byte of value, then where the value ends; nil when they
// part. Characters match themselves; in double quotes an escape matches
// what it stands for, in single quotes ” a quote; a run of blanks and
// line ends matches a run of them (folding and indentation), and blanks
// in data before a character are indentation.
func align(data []byte, at int, value []byte, style yamlv3.Style) []int {
	m := make([]int, 0, len(value)+1)
	i, j := at, 0
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for j < len(value) {
		if i >= len(data) {
			return nil
		}
		c := data[i]
		switch {
		case style == yamlv3.DoubleQuotedStyle && c == '\\':
			dec, n := unescape(data[i:])
			if n == 0 {
				return nil
			}
			if len(dec) == 0 { // an escaped line end
				i += n
				continue
			}
			if len(value)-j < len(dec) || string(value[j:j+len(dec)]) != string(dec) {
				return nil
			}
			for range len(dec) {
				m = append(m, i)
			}
			i += n
			j += len(dec)
		case style == yamlv3.SingleQuotedStyle && c == '\'' && i+1 < len(data) && data[i+1] == '\'' && value[j] == '\'':
			m = append(m, i)
			i += 2
			j++
		case c == value[j]:
			m = append(m, i)
			i++
			j++
		case space(c) && space(value[j]):
			i0 := i
			for i < len(data) && space(data[i]) {
				i++
			}
			for j < len(value) && space(value[j]) {
				m = append(m, i0)
				j++
			}
		case c == ' ' || c == '\t':
			i++ // indentation
		default:
			return nil
		}
	}
	return append(m, i)
}

// simpleEscapes are YAML's one-character escapes and what they stand
// for; hexEscapes the number of hex digits after \x, \u and \U.
var (
	simpleEscapes = map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
		'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	hexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8}
)

// unescape decodes the double-quoted escape at the start of b and returns
// what it stands for and its length; 0 when it is not one. An escaped
// line end (and the blanks after it) stands for nothing.
func unescape(b []byte) ([]byte, int) {
	if len(b) < 2 {
		return nil, 0
	}
	if s, ok := simpleEscapes[b[1]]; ok {
		return []byte(s), 2
	}
	if b[1] == '\n' || b[1] == '\r' {
		n := 2
		for n < len(b) && (b[n] == ' ' || b[n] == '\t' || b[n] == '\n' || b[n] == '\r') {
			n++
		}
		return []byte{}, n
	}
	width := hexEscapes[b[1]]
	if width == 0 || len(b) < 2+width {
		return nil, 0
	}
	r, err := strconv.ParseUint(string(b[2:2+width]), 16, 32)
	if err != nil {
		return nil, 0
	}
	if b[1] == 'x' {
		return []byte{byte(r)}, 2 + width
	}
	return utf8.AppendRune(nil, rune(r)), 2 + width
}
