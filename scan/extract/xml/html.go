package xml

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/breachkit/breachkit/scan"
)

// maxToken bounds one token of an HTML document (a tag, or a run of text
// between tags); a longer one ends the read with an error.
const maxToken = 16 << 20

// extractHTML reads an HTML document with golang.org/x/net/html's
// tokenizer, which takes what browsers take: unclosed and stray tags,
// unquoted attributes, a bare "<" or "&" in text, Office's conditional
// comments. encoding/xml, even lenient, stops at the first of these and
// loses the rest of the page.
func extractHTML(ctx context.Context, in *scan.Input, r io.Reader, emit func(scan.Segment) error) error {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxToken)
	var pos int64 // offset of the current token
	rec := 0
	record := in.Path
	skip := 0           // inside <script> or <style>
	var tables []*table // open tables, innermost last
	ntables := 0
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tt := z.Next()
		raw := z.Raw()
		start := pos
		pos += int64(len(raw))
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); errors.Is(err, io.EOF) {
				return nil
			} else if errors.Is(err, html.ErrBufferExceeded) {
				return fmt.Errorf("a tag or text run longer than %d bytes at byte %d", maxToken, start)
			} else {
				return err
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			nb, hasAttr := z.TagName()
			name := string(nb)
			switch {
			case name == "table":
				ntables++
				tables = append(tables, &table{n: ntables})
			case len(tables) > 0 && name == "thead":
				tables[len(tables)-1].inHead = true
			case len(tables) > 0 && name == "tr":
				tb := tables[len(tables)-1]
				tb.endFirstRow()
				tb.row++
				tb.col, tb.cell = -1, ""
				record = in.Path + "#table=" + strconv.Itoa(tb.n) + ",row=" + strconv.Itoa(tb.row)
			case len(tables) > 0 && (name == "td" || name == "th"):
				tb := tables[len(tables)-1]
				tb.col++
				tb.cell = name
				tb.data = tb.data || name == "td" && !tb.inHead
			case blocks[name]:
				rec++
				record = in.Path + "#elem=" + strconv.Itoa(rec)
			}
			if (name == "script" || name == "style") && tt == html.StartTagToken {
				skip++
			}
			// The tokenizer decodes attribute values in its buffer, over
			// the raw bytes: keep them first.
			var rawc, lraw []byte // raw, and with ASCII letters lowered (keys come lowered)
			if hasAttr {
				rawc = bytes.Clone(raw)
				lraw = asciiLower(rawc)
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(v) == 0 {
					continue
				}
				seg := scan.Segment{Text: bytes.Clone(v), Offset: -1, Field: name + "@" + string(k), Record: record}
				if i := attrValue(rawc, lraw, k, v); i >= 0 {
					seg.Offset = start + int64(i)
				} else if vs, ve := attrSpan(lraw, string(k)); vs >= 0 {
					// References in the value (&amp;, &#64;).
					seg.OffsetAt = offsetAt(start+int64(vs), rawc[vs:ve], seg.Text)
				}
				if err := emit(seg); err != nil {
					return err
				}
			}
		case html.EndTagToken:
			nb, _ := z.TagName()
			name := string(nb)
			if len(tables) > 0 {
				switch name {
				case "table":
					tables = tables[:len(tables)-1]
				case "tr":
					tables[len(tables)-1].endFirstRow()
				case "thead":
					tables[len(tables)-1].inHead = false
				case "td", "th":
					tables[len(tables)-1].cell = ""
				}
			}
			if name == "script" || name == "style" {
				skip = max(0, skip-1)
			}
		case html.TextToken:
			// Text decodes entities, CRs and NULs in the tokenizer's
			// buffer, over the raw bytes: without them the text is the
			// file's own.
			exact := bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, 0) < 0
			var rawc []byte
			if !exact {
				rawc = bytes.Clone(raw) // to map the decoded text back to
			}
			t := z.Text()
			if skip > 0 || len(bytes.TrimSpace(t)) == 0 {
				break
			}
			seg := scan.Segment{Text: bytes.Clone(t), Offset: -1, Record: record}
			// Elements say nothing about values, but a table's header
			// cells do.
			if len(tables) > 0 {
				tb := tables[len(tables)-1]
				switch {
				case tb.cell == "th" && !tb.data || tb.cell == "td" && tb.inHead:
					tb.header(string(bytes.TrimSpace(t)))
				case tb.cell == "td" && tb.col >= 0 && tb.col < len(tb.heads):
					seg.Field = tb.heads[tb.col]
				case tb.cell == "td" && tb.row == 1 && tb.col >= 0 && tb.heads == nil:
					// A first row of plain cells may name the columns.
					for len(tb.first) <= tb.col {
						tb.first = append(tb.first, "")
					}
					tb.first[tb.col] = strings.TrimSpace(tb.first[tb.col] + " " + string(bytes.TrimSpace(t)))
				}
			}
			if exact && len(t) == len(raw) {
				seg.Offset = start
			} else if rawc != nil {
				seg.OffsetAt = offsetAt(start, rawc, seg.Text)
			}
			if err := emit(seg); err != nil {
				return err
			}
		}
	}
}

// attrValue returns where the value v of the attribute k starts in a
// tag's raw bytes, written as it reads (quoted or not, no entities), or
// -1. lraw is raw with its ASCII letters lowered.
func attrValue(raw, lraw, k, v []byte) int {
	for _, q := range []string{`"`, `'`, ""} {
		key := append(append(bytes.Clone(k), '='), q...)
		for from := 0; from < len(lraw); {
			i := bytes.Index(lraw[from:], key)
			if i < 0 {
				break
			}
			vi := from + i + len(key)
			if bytes.HasPrefix(raw[vi:], v) && bytes.HasPrefix(raw[vi+len(v):], []byte(q)) && (from+i == 0 || !isNameByte(lraw[from+i-1])) {
				return vi
			}
			from = vi
		}
	}
	return -1
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':'
}

// asciiLower lowers ASCII letters only, so that offsets stay those of b.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
