// Package xml extracts the text and attribute values of XML and HTML
// documents with encoding/xml (non-strict for HTML). Each text node and
// attribute value becomes a segment whose Field is the element name
// ("ssn", or "customer@ssn" for an attribute) and whose Record is the
// child of the root element it sits in. Values written with entities
// have no byte offsets; the rest are exact.
package xml

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads XML and HTML.
type Extractor struct{}

// Format returns "xml".
func (Extractor) Format() string { return "xml" }

// Accepts takes .xml, .html, .htm, .xhtml files and heads starting with
// "<?xml" or "<!DOCTYPE html" or "<html".
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".html", ".htm", ".xhtml", ".rss", ".atom":
		return true
	}
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"))
	return bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html"))
}

type keeper struct {
	r    io.Reader
	buf  []byte
	base int64
}

func (k *keeper) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	k.buf = append(k.buf, p[:n]...)
	return n, err
}

func (k *keeper) trim(off int64) {
	d := int(off - k.base)
	if d < 1<<20 || d > len(k.buf) {
		return
	}
	n := copy(k.buf, k.buf[d:])
	k.buf = k.buf[:n]
	k.base = off
}

func (k *keeper) raw(s, e int64) []byte {
	if s < k.base || e > k.base+int64(len(k.buf)) || s > e {
		return nil
	}
	return k.buf[s-k.base : e-k.base]
}

// Extract reads in.R and emits text and attribute values.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	k := &keeper{r: in.R}
	dec := xml.NewDecoder(k)
	ext := strings.ToLower(path.Ext(in.Path))
	if ext == ".html" || ext == ".htm" {
		dec.Strict = false
		dec.AutoClose = xml.HTMLAutoClose
		dec.Entity = xml.HTMLEntity
	}
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []string
	rec := 0
	record := in.Path
	skip := 0 // inside <script> or <style>
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		end := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			if len(stack) == 2 {
				rec++
				record = in.Path + "#elem=" + strconv.Itoa(rec)
			}
			if name == "script" || name == "style" {
				skip++
			}
			raw := k.raw(start, end)
			for _, a := range t.Attr {
				if a.Value == "" {
					continue
				}
				seg := scan.Segment{Text: []byte(a.Value), Offset: -1, Field: name + "@" + a.Name.Local, Record: record}
				if raw != nil {
					for _, q := range []string{`"`, `'`} {
						pat := a.Name.Local + "=" + q + a.Value + q
						if i := bytes.Index(raw, []byte(pat)); i >= 0 {
							seg.Offset = start + int64(i+len(a.Name.Local)+2)
							break
						}
					}
				}
				if err := emit(seg); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if t.Name.Local == "script" || t.Name.Local == "style" {
				skip = max(0, skip-1)
			}
		case xml.CharData:
			if skip > 0 || len(bytes.TrimSpace(t)) == 0 {
				break
			}
			seg := scan.Segment{Text: append([]byte(nil), t...), Offset: -1, Record: record}
			if len(stack) > 0 {
				seg.Field = stack[len(stack)-1]
				if ext == ".html" || ext == ".htm" {
					seg.Field = "" // HTML elements say nothing about values
				}
			}
			raw := k.raw(start, end)
			if bytes.Equal(raw, t) {
				seg.Offset = start
			} else if i := bytes.Index(raw, []byte("<![CDATA[")); i >= 0 && bytes.Equal(raw[i+9:len(raw)-3], t) {
				seg.Offset = start + int64(i+9)
			}
			if err := emit(seg); err != nil {
				return err
			}
		}
		k.trim(end)
	}
}
