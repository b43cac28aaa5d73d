package xml

import (
	"bytes"
	"html"
)

// rawOffsets maps each byte of text to where it comes from in raw, the
// markup it was decoded from: a character or entity reference (&amp;,
// &#64;, &eacute;) gives all its decoded bytes the reference's offset,
// CR LF and a lone CR read as LF, a CDATA section gives its content. The
// result has one more element than text, the end of raw, so a value's
// end maps too. It returns nil when text is not raw decoded so (the
// caller then reports no offsets rather than wrong ones).
func rawOffsets(raw, text []byte) []int {
	m := make([]int, 0, len(text)+1)
	j := 0
	lit := func(i int) bool { // raw[i] read as itself
		if j >= len(text) || text[j] != raw[i] {
			return false
		}
		m = append(m, i)
		j++
		return true
	}
	for i := 0; i < len(raw); {
		switch c := raw[i]; {
		case c == '<' && bytes.HasPrefix(raw[i:], []byte("<![CDATA[")):
			e := bytes.Index(raw[i+9:], []byte("]]>"))
			if e < 0 {
				return nil
			}
			for k := i + 9; k < i+9+e; k++ {
				if raw[k] == '\r' && k+1 < i+9+e && raw[k+1] == '\n' {
					continue
				}
				if raw[k] == '\r' && j < len(text) && text[j] == '\n' {
					m = append(m, k)
					j++
					continue
				}
				if !lit(k) {
					return nil
				}
			}
			i += 9 + e + 3
		case c == '&':
			if semi := bytes.IndexByte(raw[i:min(len(raw), i+40)], ';'); semi > 1 {
				ref := string(raw[i : i+semi+1])
				if dec := html.UnescapeString(ref); dec != ref && bytes.HasPrefix(text[j:], []byte(dec)) {
					for range len(dec) {
						m = append(m, i)
					}
					j += len(dec)
					i += semi + 1
					continue
				}
			}
			if !lit(i) { // a bare ampersand, as HTML allows
				return nil
			}
			i++
		case c == '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++ // the LF stands for both
				continue
			}
			if j >= len(text) || text[j] != '\n' {
				return nil
			}
			m = append(m, i)
			j++
			i++
		default:
			if !lit(i) {
				return nil
			}
			i++
		}
	}
	if j != len(text) {
		return nil
	}
	return append(m, len(raw))
}

// offsetAt returns a Segment's OffsetAt for text decoded from raw, which
// starts at the file offset start, or nil when rawOffsets cannot map it.
func offsetAt(start int64, raw, text []byte) func(int) int64 {
	m := rawOffsets(raw, text)
	if m == nil {
		return nil
	}
	return func(k int) int64 {
		if k < 0 {
			return -1
		}
		return start + int64(m[min(k, len(m)-1)])
	}
}

// attrSpan returns where the quoted value of the attribute named name
// (its local name, after any prefix) is in a start tag's raw bytes, or
// -1, -1.
func attrSpan(raw []byte, name string) (int, int) {
	for from := 0; from < len(raw); {
		i := bytes.Index(raw[from:], []byte(name))
		if i < 0 {
			break
		}
		i += from
		from = i + len(name)
		if i > 0 && raw[i-1] != ':' && raw[i-1] != ' ' && raw[i-1] != '\t' && raw[i-1] != '\n' && raw[i-1] != '\r' {
			continue // the end of a longer name
		}
		k := i + len(name)
		for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t' || raw[k] == '\n' || raw[k] == '\r') {
			k++
		}
		if k >= len(raw) || raw[k] != '=' {
			continue
		}
		k++
		for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t' || raw[k] == '\n' || raw[k] == '\r') {
			k++
		}
		if k >= len(raw) || raw[k] != '"' && raw[k] != '\'' {
			continue
		}
		if e := bytes.IndexByte(raw[k+1:], raw[k]); e >= 0 {
			return k + 1, k + 1 + e
		}
		return -1, -1
	}
	return -1, -1
}
