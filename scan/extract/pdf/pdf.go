// Package pdf extracts the text layer of PDF documents, one segment per
// page, with github.com/ledongthuc/pdf (pure Go).
//
// The library needs random access, so a source that is not an
// io.ReaderAt is spooled to a temporary file of at most
// Limits.MaxMemberSize bytes. A page without text (a scan) is read by
// Input.OCR when it is set; otherwise it
// is reported with Input.Warn as needing OCR, which makes the source
// partial; so is a page whose text cannot be decoded, or whose content stream expands past
// MaxPageContent. Encrypted documents open when they need no user
// password (owner-password-only files); otherwise Extract fails.
//
// A table in a page, whose text layer gives one cell per line, is read
// as rows named by its header, "path#page=N!row=R" (see table.go).
//
// The values of a filled form (an interactive AcroForm: loan
// applications, tax and benefit forms) are not in the page text: each
// filled field is a segment of its own, named by the field's
// description (/TU) or name (/T), in the record "path#form".
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/archive"
	lpdf "github.com/ledongthuc/pdf"
)

// MaxPageContent bounds the expanded size of one page's content stream:
// the library keeps every operand of a run without operators in memory,
// so a compressed stream of numbers could otherwise exhaust memory.
const MaxPageContent = 32 << 20

// maxPages bounds the page tree walk (nodes visited), against cycles.
const maxPages = 1 << 20

// Extractor reads PDF documents. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "pdf" }

// Accepts implements scan.Extractor: a .pdf name, or a %PDF- header in
// the first bytes.
func (Extractor) Accepts(name string, head []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".pdf") || bytes.Contains(head, []byte("%PDF-"))
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	ra, size, cleanup, err := archive.SpoolSource(in)
	if err != nil {
		return err
	}
	defer cleanup()
	fixed, fsize, err := normalise(ra, size)
	if err != nil {
		return err
	}
	if err := checkXref(fixed, fsize); err != nil {
		return fmt.Errorf("corrupt pdf: %v; not opened", err)
	}
	r, err := open(fixed, fsize)
	if err != nil {
		return err
	}
	pages, err := collect(r)
	if err != nil {
		return fmt.Errorf("corrupt pdf: page tree: %v", err)
	}
	if len(pages) == 0 {
		in.Warning("document has no pages")
	}
	fields, err := formFields(r)
	if err != nil {
		in.Warning(fmt.Sprintf("form fields not read: %v", err))
	}
	for _, f := range fields {
		if err := emit(scan.Segment{Text: []byte(f.value), Offset: -1, Field: f.name, Record: in.Path + "#form"}); err != nil {
			return err
		}
	}
	var carry *table // a table at the foot of the page before, read by position
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := i + 1
		text, err := pageText(p)
		if err != nil || strings.TrimSpace(text) == "" {
			carry = nil
		}
		switch {
		case err != nil:
			in.Warning(fmt.Sprintf("page %d: text not read: %v", n, err))
		case strings.TrimSpace(text) == "" && in.OCR != nil:
			// A scanned page: rendered and read by OCR, from the file on
			// disk or, inside an archive, from the spooled copy.
			t, err := in.OCR.PDFPage(ctx, in.File, io.NewSectionReader(ra, 0, size), n)
			if err != nil {
				in.Warning(fmt.Sprintf("page %d has no text layer and OCR failed: %v", n, err))
				continue
			}
			if err := emitPage(in.Path, n, strings.ReplaceAll(t, "\f", ""), emit); err != nil {
				return err
			}
		case strings.TrimSpace(text) == "":
			in.Warning(fmt.Sprintf("page %d has no text layer: needs OCR (scan --ocr)", n))
		default:
			// A table laid out by position, empty cells and all, is read
			// as such; otherwise the text in reading order.
			rows, t, st, en, ok, next := layoutTable(p, text, carry)
			carry = next
			if ok {
				if err := emitLayout(in.Path, n, rows, t, st, en, emit); err != nil {
					return err
				}
				continue
			}
			if err := emitPage(in.Path, n, text, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// emitPage emits a page's text: its tables, one cell per line under a
// header (findTable), as rows whose cells are named by their column,
// "path#page=N!row=R"; tables whose rows are lines of cells with dates of
// birth under their header (columns.EmitLines) as rows too; the other
// text as the page, "path#page=N".
func emitPage(path string, n int, text string, emit func(scan.Segment) error) error {
	lines := strings.Split(text, "\n")
	rec := fmt.Sprintf("%s#page=%d", path, n)
	rows := 0
	for len(lines) > 0 {
		t, ok := findTable(lines)
		if !ok {
			break
		}
		k, err := columns.EmitLines(lines[:t.start], rec, n, rows, emit)
		if err != nil {
			return err
		}
		if rows, err = emitRows(rec, n, rows+k, t, emit); err != nil {
			return err
		}
		lines = lines[t.end:]
	}
	_, err := columns.EmitLines(lines, rec, n, rows, emit)
	return err
}

// normalise makes a file the library accepts: it wants "%PDF-1.[0-7]"
// and an end of line as the first 9 bytes (PDF 2.0 and headers followed
// by a space are common), and "%%EOF" within the last bytes (writers and
// mail gateways append junk).
func normalise(ra io.ReaderAt, size int64) (io.ReaderAt, int64, error) {
	head := make([]byte, 1024)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	if !bytes.HasPrefix(head, []byte("%PDF-")) {
		if bytes.Contains(head, []byte("%PDF-")) {
			return nil, 0, errors.New("corrupt pdf: data before the %PDF- header")
		}
		return nil, 0, errors.New("corrupt pdf: no %PDF- header")
	}
	tailLen := min(size, 4096)
	tail := make([]byte, tailLen)
	if _, err := ra.ReadAt(tail, size-tailLen); err != nil && err != io.EOF {
		return nil, 0, fmt.Errorf("corrupt pdf: %v", err)
	}
	i := bytes.LastIndex(tail, []byte("%%EOF"))
	if i < 0 {
		return nil, 0, errors.New("corrupt pdf: no %%EOF marker (truncated?)")
	}
	return headerFix{ra}, size - tailLen + int64(i) + 5, nil
}

// headerFix reads as its ReaderAt with the first 9 bytes replaced by a
// header the library accepts.
type headerFix struct{ io.ReaderAt }

// fixedHeader is what the library checks for.
const fixedHeader = "%PDF-1.7\n"

// ReadAt implements io.ReaderAt.
func (h headerFix) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.ReaderAt.ReadAt(p, off)
	for i := off; i < int64(len(fixedHeader)) && i-off < int64(n); i++ {
		p[i-off] = fixedHeader[i]
	}
	return n, err
}

// open opens the document, turning the library's panics into errors.
func open(ra io.ReaderAt, size int64) (r *lpdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("corrupt pdf: %v", x)
		}
	}()
	r, err = lpdf.NewReader(ra, size)
	if err == lpdf.ErrInvalidPassword {
		return nil, errors.New("pdf is encrypted: needs a password")
	}
	if err != nil {
		return nil, fmt.Errorf("corrupt pdf: %v", err)
	}
	return r, nil
}

// collect walks the page tree in order, bounded in depth and nodes.
func collect(r *lpdf.Reader) (pages []lpdf.Page, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
		}
	}()
	budget := maxPages
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		if depth > 64 || budget <= 0 || v.IsNull() {
			return
		}
		budget--
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == lpdf.Array {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		pages = append(pages, lpdf.Page{V: v})
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages, nil
}

// formField is a filled field of a form: its label and its value.
type formField struct{ name, value string }

// maxFields bounds the form fields visited, against cycles and bombs.
const maxFields = 100000

// formFields returns the filled fields of the document's interactive
// form, in order: text fields and choices with a value; check boxes and
// radio buttons only when on ("Yes"), as their own name says what.
func formFields(r *lpdf.Reader) (out []formField, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
		}
	}()
	budget := maxFields
	var walk func(v lpdf.Value, label string, depth int)
	walk = func(v lpdf.Value, label string, depth int) {
		if depth > 32 || budget <= 0 || v.IsNull() {
			return
		}
		budget--
		if t := strings.TrimSpace(v.Key("TU").Text()); t != "" {
			label = t
		} else if t := strings.TrimSpace(v.Key("T").Text()); t != "" {
			label = t
		}
		if kids := v.Key("Kids"); kids.Kind() == lpdf.Array {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), label, depth+1)
			}
		}
		val := v.Key("V")
		var text string
		switch val.Kind() {
		case lpdf.String:
			text = val.Text()
		case lpdf.Array:
			var parts []string
			for i := 0; i < val.Len(); i++ {
				parts = append(parts, val.Index(i).Text())
			}
			text = strings.Join(parts, ", ")
		case lpdf.Name:
			if n := val.Name(); n != "Off" && n != "" {
				text = n
			}
		}
		if strings.TrimSpace(text) != "" {
			out = append(out, formField{name: label, value: text})
		}
	}
	fields := r.Trailer().Key("Root").Key("AcroForm").Key("Fields")
	for i := 0; i < fields.Len(); i++ {
		walk(fields.Index(i), "", 0)
	}
	return out, nil
}

// pageText returns a page's text, refusing content streams that expand
// past MaxPageContent.
func pageText(p lpdf.Page) (text string, err error) {
	defer func() {
		if x := recover(); x != nil {
			text, err = "", fmt.Errorf("%v", x)
		}
	}()
	c := p.V.Key("Contents")
	var size int64
	readers := []lpdf.Value{c}
	if c.Kind() == lpdf.Array {
		readers = readers[:0]
		for i := 0; i < c.Len(); i++ {
			readers = append(readers, c.Index(i))
		}
	}
	var lex contentLexer
	for _, v := range readers {
		if v.Kind() != lpdf.Stream {
			continue
		}
		rc := v.Reader()
		n, _ := io.Copy(&lex, io.LimitReader(rc, MaxPageContent+1-size))
		rc.Close()
		if size += n; size > MaxPageContent {
			return "", fmt.Errorf("content stream expands past %d bytes; not scanned", MaxPageContent)
		}
	}
	if lex.inHex() {
		return "", errors.New("content stream ends inside a hex string (damaged); not scanned")
	}
	return plainText(p)
}

// contentLexer follows a content stream as ledongthuc/pdf's lexer reads
// it, as far as strings and comments go, to tell whether it ends inside
// a hex string ("<48656c..." with no ">"): the library's lexer reads past
// the end of the stream as an endless run of white space there and never
// returns (found by FuzzPDF), so such a page is not handed to it.
type contentLexer struct {
	state  byte // 0 between tokens, '%' comment, '(' literal, '<' after a '<', 'h' hex string
	depth  int  // of parentheses in a literal string
	escape bool // a backslash in a literal string
}

// Write implements io.Writer.
func (l *contentLexer) Write(b []byte) (int, error) {
	for _, c := range b {
		switch l.state {
		case 0:
			switch c {
			case '%':
				l.state = '%'
			case '(':
				l.state, l.depth = '(', 1
			case '<':
				l.state = '<'
			}
		case '%':
			if c == '\r' || c == '\n' {
				l.state = 0
			}
		case '(':
			switch {
			case l.escape:
				l.escape = false
			case c == '\\':
				l.escape = true
			case c == '(':
				l.depth++
			case c == ')':
				if l.depth--; l.depth == 0 {
					l.state = 0
				}
			}
		case '<':
			l.state = 'h'
			if c == '<' {
				l.state = 0 // a dictionary
			} else if c == '>' {
				l.state = 0 // an empty hex string
			}
		case 'h':
			if c == '>' {
				l.state = 0
			}
		}
	}
	return len(b), nil
}

// inHex reports whether the stream so far ends inside a hex string.
func (l *contentLexer) inHex() bool { return l.state == 'h' || l.state == '<' }
