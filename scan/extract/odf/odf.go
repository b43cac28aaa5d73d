// Package odf extracts OpenDocument spreadsheets (.ods, LibreOffice
// Calc) and text documents (.odt, LibreOffice Writer), the formats of
// many public bodies and of anyone who saves from LibreOffice.
//
// Both are zip packages whose content.xml is streamed with encoding/xml,
// so memory holds one row or one paragraph. A sheet goes through
// xlsx.Rows, so that it reads as the same sheet saved as .xlsx would:
// cells located by sheet and cell ("C5"), named by the header row, a
// sheet without one profiled. Values are read as a person reads them:
// the cell's shown text, except that numbers shown with thousands
// separators or in scientific notation give their plain digits and dates
// their ISO 8601 date. Repeated rows and columns (LibreOffice writes a
// run of equal cells once) are expanded up to maxRepeat.
//
// A text document goes to doc.Splitter: paragraphs and headings are
// "path#para=N", tables rows named by their header row, as Word
// documents are. Comments are read as paragraphs; the deleted text of
// tracked changes is kept, as in docx, since it is in the file.
//
// A password-protected document (its content encrypted, as the package
// manifest says) is reported as encrypted.
package odf

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/archive"
	"github.com/breachkit/breachkit/scan/extract/doc"
	"github.com/breachkit/breachkit/scan/extract/xlsx"
)

// Extractor reads .ods and .odt documents. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "odf" }

// Accepts implements scan.Extractor: an OpenDocument spreadsheet or
// text name, or a package whose mimetype member says it is one.
func (Extractor) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".ods", ".odt", ".ots", ".ott"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	t := archive.OpenDocumentType(head)
	return strings.HasSuffix(t, ".spreadsheet") || strings.HasSuffix(t, ".text")
}

// maxRepeat is how many times a repeated row or cell with a value is
// emitted; the rest of the run is skipped (an empty run is only counted).
// maxCopies bounds the cells that repetition adds to a document, so that
// a small file cannot expand into millions of segments; past it, a
// repeated row or cell is read once, with a warning.
const (
	maxRepeat = 100
	maxCopies = 100_000
)

// maxCell is the most text held for one cell or paragraph.
const maxCell = 1 << 20

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	zr, lim, cleanup, err := archive.OpenPackage(in, "OpenDocument")
	if err != nil {
		return err
	}
	defer cleanup()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if err := encrypted(files, lim); err != nil {
		return err
	}
	kind := mimetype(files, lim)
	if kind == "" {
		if strings.HasSuffix(strings.ToLower(in.Path), ".ods") || strings.HasSuffix(strings.ToLower(in.Path), ".ots") {
			kind = "spreadsheet"
		} else {
			kind = "text"
		}
	}
	f := files["content.xml"]
	if f == nil {
		return errors.New("corrupt OpenDocument: no content.xml")
	}
	rc, err := archive.OpenMember(f, "content.xml", lim)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var ex interface {
		start(se xml.StartElement) error
		end(name string) error
		text(t []byte)
		finish() error
	}
	switch kind {
	case "spreadsheet", "spreadsheet-template":
		ex = &sheets{in: in, emit: emit, ctx: ctx}
	case "text", "text-template", "text-web", "text-master":
		ex = &text{out: doc.NewSplitter(ctx, in.Path, emit)}
	default:
		return fmt.Errorf("OpenDocument %s is not read (only spreadsheets and text documents)", kind)
	}
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if depth > 0 {
				in.Warning(fmt.Sprintf("content.xml ends inside %d open elements (truncated?); the text before the end was scanned", depth))
			}
			if err := ex.finish(); err != nil {
				return err
			}
			return archive.Pictures(in, zr, lim, "pictures/")
		}
		if err != nil {
			if ferr := ex.finish(); ferr != nil {
				return ferr
			}
			if errors.Is(err, archive.ErrLimit) || errors.Is(err, archive.ErrTooLarge) {
				in.Warning(fmt.Sprintf("content.xml not read to the end: %v", err))
			} else {
				in.Warning(fmt.Sprintf("content.xml: corrupt XML: %v", err))
			}
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if err := ex.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			depth--
			if err := ex.end(t.Name.Space + ":" + t.Name.Local); err != nil {
				return err
			}
		case xml.CharData:
			ex.text(t)
		}
	}
}

// mimetype returns the document kind its mimetype member names
// ("spreadsheet", "text"), or "".
func mimetype(files map[string]*zip.File, lim scan.Limits) string {
	f := files["mimetype"]
	if f == nil || f.UncompressedSize64 > 100 {
		return ""
	}
	rc, err := archive.OpenMember(f, "mimetype", lim)
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 100))
	kind, _ := strings.CutPrefix(strings.TrimSpace(string(b)), "application/vnd.oasis.opendocument.")
	return kind
}

// encrypted returns an error when the manifest says content.xml is
// encrypted.
func encrypted(files map[string]*zip.File, lim scan.Limits) error {
	f := files["META-INF/manifest.xml"]
	if f == nil {
		return nil
	}
	rc, err := archive.OpenMember(f, "META-INF/manifest.xml", lim)
	if err != nil {
		return nil // the content itself will say whether it can be read
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
	if bytes.Contains(b, []byte("encryption-data")) {
		return errors.New("encrypted (password-protected OpenDocument): its content cannot be read without the password")
	}
	return nil
}

// attr returns an attribute's value by prefix and local name.
func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// repeat reads a number-*-repeated attribute: at least 1.
func repeat(se xml.StartElement, local string) int {
	n, err := strconv.Atoi(attr(se, "table", local))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// cellText gathers the text of a cell or paragraph: runs joined, text:s
// as spaces, tabs and line breaks kept, paragraphs on lines of their own.
type cellText struct {
	b     strings.Builder
	paras int
	skip  int // depth inside content that is not text (annotations' metadata)
}

func (c *cellText) add(t []byte) {
	if c.skip == 0 && c.b.Len() < maxCell {
		c.b.Write(t)
	}
}

// inline handles the elements inside a paragraph; it reports whether se
// was one.
func (c *cellText) inline(se xml.StartElement) bool {
	if se.Name.Space != "text" {
		return false
	}
	switch se.Name.Local {
	case "s":
		n, err := strconv.Atoi(attr(se, "text", "c"))
		if err != nil || n < 1 {
			n = 1
		}
		c.add([]byte(strings.Repeat(" ", min(n, 64))))
	case "tab":
		c.add([]byte{'\t'})
	case "line-break":
		c.add([]byte{'\n'})
	case "p", "h":
		if c.paras > 0 {
			c.add([]byte{'\n'})
		}
		c.paras++
	default:
		return false
	}
	return true
}

func (c *cellText) reset() {
	c.b.Reset()
	c.paras = 0
	c.skip = 0
}

// sheets reads the tables of a spreadsheet.
type sheets struct {
	in   *scan.Input
	ctx  context.Context
	emit func(scan.Segment) error
	rows *xlsx.Rows
	// rowNum is the number of the last row read; rowRep how many times
	// the current row repeats.
	rowNum, rowRep int
	col            int // columns read in the current row
	row            []xlsx.Cell
	inCell         bool
	cell           struct {
		rep                 int
		typ, value, dateVal string
	}
	txt   cellText
	depth int // nesting of tables: a table inside a cell is read as text
	// copies counts the cells added by repetition, against maxCopies.
	copies int
	capped bool
}

// repeats returns how many times to emit something repeated n times
// that holds cells cells, taking the copies from the budget.
func (s *sheets) repeats(n, cells int) int {
	n = min(n, maxRepeat)
	if n <= 1 {
		return n
	}
	if s.copies+(n-1)*cells > maxCopies {
		if !s.capped {
			s.capped = true
			s.in.Warning(fmt.Sprintf("repeated rows and cells were read once each past %d copies", maxCopies))
		}
		return 1
	}
	s.copies += (n - 1) * cells
	return n
}

func (s *sheets) start(se xml.StartElement) error {
	switch {
	case se.Name.Space == "table" && se.Name.Local == "table":
		s.depth++
		if s.depth == 1 {
			s.rows = xlsx.NewRows(s.in, attr(se, "table", "name"), s.emit)
			s.rowNum = 0
		}
	case s.depth != 1:
	case se.Name.Space == "table" && se.Name.Local == "table-row" && !s.inCell:
		s.rowRep = repeat(se, "number-rows-repeated")
		s.row, s.col = s.row[:0], 0
	case se.Name.Space == "table" && (se.Name.Local == "table-cell" || se.Name.Local == "covered-table-cell") && !s.inCell:
		s.inCell = true
		s.cell.rep = repeat(se, "number-columns-repeated")
		s.cell.typ = attr(se, "office", "value-type")
		s.cell.value = attr(se, "office", "value")
		s.cell.dateVal = attr(se, "office", "date-value")
		s.txt.reset()
	case s.inCell && se.Name.Space == "office" && se.Name.Local == "annotation":
		s.txt.skip++ // a comment: its author and date are not the cell's value
	case s.inCell:
		s.txt.inline(se)
	}
	return nil
}

func (s *sheets) text(t []byte) {
	if s.inCell && s.depth == 1 {
		s.txt.add(t)
	}
}

func (s *sheets) end(name string) error {
	switch name {
	case "table:table":
		s.depth--
		if s.depth == 0 && s.rows != nil {
			err := s.rows.Finish()
			s.rows = nil
			return err
		}
	case "office:annotation":
		if s.inCell && s.txt.skip > 0 {
			s.txt.skip--
		}
	case "table:table-cell", "table:covered-table-cell":
		if !s.inCell || s.depth != 1 {
			return nil
		}
		s.inCell = false
		v, isText := s.value()
		n := min(s.cell.rep, columns.MaxColumns-s.col)
		if v != "" {
			for k := 0; k < s.repeats(n, 1); k++ {
				s.row = append(s.row, xlsx.Cell{Col: s.col + k + 1, Text: v, IsText: isText})
			}
		}
		s.col += max(n, 0)
	case "table:table-row":
		if s.inCell || s.depth != 1 || s.rows == nil {
			return nil
		}
		if len(s.row) == 0 {
			s.rowNum += s.rowRep // a run of empty rows: counted, not read
			return nil
		}
		reps := s.repeats(s.rowRep, len(s.row))
		for k := 0; k < reps; k++ {
			s.rowNum++
			row := make([]xlsx.Cell, len(s.row))
			for i, c := range s.row {
				c.Ref = xlsx.ColName(c.Col) + strconv.Itoa(s.rowNum)
				row[i] = c
			}
			if err := s.rows.Row(s.rowNum, row); err != nil {
				return err
			}
		}
		s.rowNum += s.rowRep - reps
		return s.ctx.Err()
	}
	return nil
}

// value renders the current cell as a person reads it and says whether
// it is text.
func (s *sheets) value() (string, bool) {
	shown := strings.TrimSpace(s.txt.b.String())
	switch s.cell.typ {
	case "float", "currency", "percentage":
		v := s.cell.value
		if v == "" {
			return shown, false
		}
		// 123,456,789 and 1.23457E+08 are how the number was shown, not
		// the number; a zero-padded 012345678 is kept as shown.
		plain := strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(shown)
		if shown == "" || plain == v || strings.ContainsAny(shown, "Ee") && s.cell.typ == "float" {
			return v, false
		}
		return shown, false
	case "date":
		if d := s.cell.dateVal; len(d) >= 10 {
			if len(d) == 10 || strings.HasPrefix(d[10:], "T00:00:00") {
				return d[:10], false
			}
			return d, false
		}
		return shown, false
	case "boolean", "time":
		return shown, false
	}
	return shown, shown != ""
}

func (s *sheets) finish() error {
	if s.rows != nil {
		err := s.rows.Finish()
		s.rows = nil
		return err
	}
	return nil
}

// text reads the body of a text document into a doc.Splitter.
type text struct {
	out *doc.Splitter
	// table nesting, and whether a paragraph of the current cell was
	// written (the next is on a new line).
	tables   int
	cellPara bool
	txt      cellText
	inPara   int
	err      error
}

func (t *text) start(se xml.StartElement) error {
	if t.err != nil {
		return t.err
	}
	switch {
	case se.Name.Space == "table" && se.Name.Local == "table":
		t.tables++
	case se.Name.Space == "table" && se.Name.Local == "table-cell" && t.tables == 1:
		t.cellPara = false
	case se.Name.Space == "text" && (se.Name.Local == "p" || se.Name.Local == "h"):
		if t.inPara == 0 {
			t.txt.reset()
		} else {
			t.txt.add([]byte{' '}) // a comment's or note's paragraph inside this one
		}
		t.inPara++
	case se.Name.Space == "dc":
		t.txt.skip++ // a comment's author and date
	case t.inPara > 0:
		t.txt.inline(se)
	}
	return nil
}

func (t *text) text(b []byte) {
	if t.inPara > 0 {
		t.txt.add(b)
	}
}

func (t *text) end(name string) error {
	if t.err != nil {
		return t.err
	}
	switch name {
	case "dc:creator", "dc:date":
		if t.txt.skip > 0 {
			t.txt.skip--
		}
	case "text:p", "text:h":
		if t.inPara == 0 {
			return nil
		}
		t.inPara--
		if t.inPara > 0 {
			return nil // a paragraph inside a note inside a paragraph
		}
		s := t.txt.b.String()
		t.txt.reset()
		switch {
		case t.tables == 0:
			t.write(s)
			t.mark(0x0D)
		case strings.TrimSpace(s) == "":
		default:
			if t.cellPara {
				t.mark(0x0B) // the cell's next paragraph: a new line
			}
			t.write(s)
			t.cellPara = true
		}
	case "table:table-cell":
		switch t.tables {
		case 1:
			t.mark(0x07)
		case 0:
		default:
			t.write("\t") // a cell of a table inside a cell
		}
	case "table:table-row":
		if t.tables == 1 {
			t.mark(0x07)
		}
	case "table:table":
		if t.tables > 0 {
			t.tables--
		}
	}
	return t.err
}

func (t *text) write(s string) {
	for _, r := range s {
		if t.err == nil {
			t.err = t.out.WriteRune(r)
		}
	}
}

func (t *text) mark(r rune) {
	if t.err == nil {
		t.err = t.out.WriteRune(r)
	}
}

func (t *text) finish() error {
	if t.inPara > 0 {
		// A paragraph the document did not close (it was cut short).
		t.inPara = 1
		t.end("text:p")
	}
	if t.err != nil {
		return t.err
	}
	return t.out.Close()
}
