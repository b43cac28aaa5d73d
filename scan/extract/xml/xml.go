// Package xml extracts the text and attribute values of XML documents
// with encoding/xml, and of HTML documents with golang.org/x/net/html's
// tokenizer (html.go), which reads pages as browsers do. Each text node and
// attribute value becomes a segment whose Field is the element name
// ("ssn", or "customer@ssn" for an attribute) and whose Record is the
// element it sits in that repeats under the document's wrappers (see
// records.go): each <customer> of <export><customers>, with the
// addresses listed inside it. In HTML, element names say
// nothing about values: there each block (paragraph, list item, table
// row...) is a record of its own, and a table cell takes its column's
// header (<th>, the cells of <thead>, or a first row that reads as column
// names) as its Field, so that an HTML table reads like a CSV file. Values written with entities have no byte
// offsets; the rest are exact.
package xml

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	jsonx "github.com/breachkit/breachkit/scan/extract/json"
)

// Extractor reads XML and HTML.
type Extractor struct{}

// Format returns "xml".
func (Extractor) Format() string { return "xml" }

// Accepts takes .xml, .html, .htm, .xhtml files, heads starting with
// "<?xml", "<!DOCTYPE html", "<html" or "<table", and .xls files that
// are markup rather than a binary workbook (HTML tables or Excel 2003
// XML saved under that name).
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".html", ".htm", ".xhtml", ".rss", ".atom":
		return true
	}
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"))
	return bytes.HasPrefix(h, []byte("<?xml")) || sniffHTML(head) ||
		strings.EqualFold(path.Ext(name), ".xls") && bytes.HasPrefix(h, []byte("<"))
}

// sniffHTML reports whether head starts an HTML document: a doctype,
// an <html> element, or (as exports saved as .xls do) a <table>.
func sniffHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"))
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) || bytes.HasPrefix(h, []byte("<table"))
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

// labelled are the elements of form exports that take their text's name
// from a label attribute (<field name="SSN">). An element named as a
// label (columns.LabelName) names its next sibling named as a value
// (<key>SSN</key><value>…</value>).
var labelled = map[string]bool{"field": true, "item": true, "attribute": true, "attr": true, "property": true, "prop": true, "param": true, "parameter": true, "entry": true, "var": true, "variable": true, "column": true, "col": true, "data": true, "answer": true, "value": true, "input": true, "element": true}

// maxDepth bounds the nesting of elements: real documents stay in the
// tens, and a file of two million nested tags held half a gigabyte before
// it was stopped.
const maxDepth = 10000

// Extract reads in.R and emits text and attribute values.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) (err error) {
	r, emit := scan.Unmarked(bufio.NewReader(in.R), emit)
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	head, _ := br.Peek(512)
	k := &keeper{r: br}
	dec := xml.NewDecoder(k)
	ext := strings.ToLower(path.Ext(in.Path))
	// HTML by its name or by its start: web applications' "Excel"
	// exports are often an HTML table saved as .xls.
	html := ext == ".html" || ext == ".htm" || sniffHTML(head)
	if html {
		return extractHTML(ctx, in, br, emit)
	}
	if bytes.Contains(head, []byte(spreadsheetNS)) {
		return extractSpreadsheet(ctx, in, br, emit)
	}
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []string
	var fields, labels []string // per open element: its text's Field, a label for its children
	keys := &columns.Keys{Emit: emit}
	defer func() {
		// What a record held is emitted, whatever stopped the read.
		if ferr := keys.Flush(); err == nil {
			err = ferr
		}
	}()
	recs := &recorder{path: in.Path, emit: keys.Add}
	skip := 0 // inside <script> or <style> (XHTML)
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			// What was read is emitted, whatever stopped the read.
			if ferr := recs.finish(); ferr != nil {
				return ferr
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		end := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if len(stack) >= maxDepth {
				return fmt.Errorf("corrupt document: elements nested deeper than %d levels at byte %d", maxDepth, end)
			}
			stack = append(stack, name)
			// The Field of the element's text: its name, or the label it
			// carries (<field name="Date of birth">) or its sibling gave
			// (<key>SSN</key><value>…</value>), as form exports write.
			labelAttr := ""
			field := name
			lname := strings.ToLower(name)
			if labelled[lname] {
				for _, a := range t.Attr {
					if columns.LabelName(a.Name.Local) && columns.PairLabel(a.Value) != "" {
						field, labelAttr = columns.PairLabel(a.Value), a.Name.Local
						break
					}
				}
			}
			if labelAttr == "" && columns.ValueName(lname) && len(labels) > 0 && labels[len(labels)-1] != "" {
				field = labels[len(labels)-1]
			}
			fields = append(fields, field)
			labels = append(labels, "")
			scalars := 0
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" && a.Name.Space != "xsi" && !strings.HasPrefix(a.Name.Space, "http://www.w3.org/") {
					scalars++
				}
			}
			if err := recs.start(name, scalars); err != nil {
				return err
			}
			if name == "script" || name == "style" {
				skip++
			}
			raw := k.raw(start, end)
			// C-CDA and HL7 v3 write identifiers as <id root="OID"
			// extension="value"/>: the OID says what the value is.
			// Codes likewise: <value code="E11.9" codeSystem="2.16.840.1.113883.6.90"
			// displayName="…"/>, a problem's diagnosis.
			idLabel, codeLabel := "", ""
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "root":
					idLabel = jsonx.IdentifierSystem("urn:oid:" + a.Value)
				case "codeSystem":
					codeLabel = jsonx.IdentifierSystem("urn:oid:" + a.Value)
				}
			}
			for _, a := range t.Attr {
				if a.Value == "" {
					continue
				}
				seg := scan.Segment{Text: []byte(a.Value), Offset: -1, Field: name + "@" + a.Name.Local}
				if idLabel != "" && a.Name.Local == "extension" {
					seg.Field = idLabel
				}
				if codeLabel != "" && (a.Name.Local == "code" || a.Name.Local == "displayName") {
					key := "code"
					if a.Name.Local == "displayName" {
						key = "display"
					}
					if f := jsonx.CodingField(codeLabel, key); f != "" {
						seg.Field = f
					}
				}
				if a.Name.Local == labelAttr {
					seg.Field = "" // a label, not a value named "name"
				}
				if raw != nil {
					for _, q := range []string{`"`, `'`} {
						pat := a.Name.Local + "=" + q + a.Value + q
						if i := bytes.Index(raw, []byte(pat)); i >= 0 {
							seg.Offset = start + int64(i+len(a.Name.Local)+2)
							break
						}
					}
					if seg.Offset < 0 {
						if vs, ve := attrSpan(raw, a.Name.Local); vs >= 0 {
							seg.OffsetAt = offsetAt(start+int64(vs), raw[vs:ve], seg.Text)
						}
					}
				}
				if err := recs.out(seg); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if err := recs.end(); err != nil {
				return err
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if len(fields) > 0 {
				fields, labels = fields[:len(fields)-1], labels[:len(labels)-1]
			}
			if t.Name.Local == "script" || t.Name.Local == "style" {
				skip = max(0, skip-1)
			}
		case xml.CharData:
			if skip > 0 || len(bytes.TrimSpace(t)) == 0 {
				break
			}
			recs.text()
			seg := scan.Segment{Text: append([]byte(nil), t...), Offset: -1}
			if len(fields) > 0 {
				seg.Field = fields[len(fields)-1]
				// A label element's text names its next sibling value.
				if n := len(stack); n >= 2 && columns.LabelName(stack[n-1]) {
					labels[len(labels)-2] = columns.PairLabel(string(t))
				}
			}
			raw := k.raw(start, end)
			if bytes.Equal(raw, t) {
				seg.Offset = start
			} else if i := bytes.Index(raw, []byte("<![CDATA[")); i >= 0 && bytes.Equal(raw[i+9:len(raw)-3], t) {
				seg.Offset = start + int64(i+9)
			} else if raw != nil {
				// References (&amp;, &#64;) or CRs: each decoded byte
				// is mapped to its markup.
				seg.OffsetAt = offsetAt(start, raw, t)
			}
			if err := recs.out(seg); err != nil {
				return err
			}
		}
		k.trim(end)
	}
}

// blocks are the HTML elements that start a record of their own.
var blocks = map[string]bool{"p": true, "li": true, "div": true, "section": true, "article": true, "dd": true, "dt": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "address": true, "tr": true}

// table is an open HTML table: its number in the document, the row and
// column being read, and the column headers met so far.
type table struct {
	n, row, col int
	cell        string // "td" or "th" while inside a cell
	inHead      bool   // inside <thead>
	data        bool   // a data cell (td outside thead) has been met: a later th labels a row, not a column
	heads       []string
	first       []string // the first row's cell texts, while it may turn out to be the header
	decided     bool     // the first row has been judged
}

// endFirstRow takes the first row's plain cells as the column headers
// when the table has no <th> headers and the row reads as column names
// (columns.HeaderRow), as Word tables are judged.
func (tb *table) endFirstRow() {
	if tb.decided || tb.row != 1 {
		return
	}
	tb.decided = true
	if tb.heads == nil && columns.HeaderRow(tb.first) {
		tb.heads = tb.first
	}
	tb.first = nil
}

// header records text of a header cell as the name of the current
// column; a header cell's text in several pieces is joined.
func (tb *table) header(text string) {
	for len(tb.heads) <= tb.col {
		tb.heads = append(tb.heads, "")
	}
	if tb.col < 0 {
		return
	}
	if tb.heads[tb.col] != "" {
		text = tb.heads[tb.col] + " " + text
	}
	tb.heads[tb.col] = text
}
