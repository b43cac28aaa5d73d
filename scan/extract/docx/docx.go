// Package docx extracts the text of Word documents (.docx, .docm) as
// segments, one per paragraph, streaming each part with encoding/xml; and,
// with the same parser, of PowerPoint presentations (.pptx, see
// pptx.go), whose DrawingML text has the same paragraphs and tables.
//
// The body (word/document.xml) is read first, then headers, footers,
// footnotes, endnotes and comments. A paragraph's runs are joined (tabs
// and breaks kept as "\t" and "\n"); deleted text of tracked changes is
// kept, field codes are not, and the fallback copy of text boxes is
// skipped. Offsets are -1: a paragraph is located by its record.
//
// Records: a paragraph of the body is "path#para=N" (N counts the body's
// paragraphs from 1, table cells included); one of another part is
// "path#part=header1!para=N". A paragraph in a table is "path#table=T!row=R"
// (the row is the record: a person in a table of people), but in a table
// of one row, a layout (a letterhead, an address block), it is the
// body's paragraph it is; and when the
// table's first row is a header (marked as a repeating header row, or
// mostly short text without digits) the other rows' paragraphs get the
// header cell's text as Field.
package docx

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Extractor reads .docx and .docm documents. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "docx" }

// Accepts implements scan.Extractor: a .docx or .docm name, or a zip
// whose first member lies under word/.
func (Extractor) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".docx") || strings.HasSuffix(lower, ".docm") {
		return true
	}
	return archive.FirstMemberHasPrefix(head, "word/")
}

// maxPara is how much text of one paragraph is held before it is emitted
// in pieces.
const maxPara = 1 << 20

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	zr, lim, cleanup, err := archive.OpenPackage(in, "docx")
	if err != nil {
		return err
	}
	defer cleanup()
	var body *zip.File
	var others []*zip.File
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if !strings.HasPrefix(name, "word/") || strings.Count(name, "/") != 1 || !strings.HasSuffix(name, ".xml") {
			continue
		}
		base := strings.TrimSuffix(path.Base(name), ".xml")
		switch {
		case base == "document":
			body = f
		case strings.HasPrefix(base, "header"), strings.HasPrefix(base, "footer"),
			base == "footnotes", base == "endnotes", base == "comments":
			others = append(others, f)
		}
	}
	if body == nil {
		return errors.New("corrupt docx: no word/document.xml")
	}
	sort.Slice(others, func(i, j int) bool { return partOrder(others[i].Name) < partOrder(others[j].Name) })
	for i, f := range append([]*zip.File{body}, others...) {
		if err := ctx.Err(); err != nil {
			return err
		}
		prefix := in.Path + "#"
		part := strings.TrimSuffix(path.Base(f.Name), ".xml")
		if i > 0 {
			prefix += "part=" + part + "!"
		}
		p, err := readPart(ctx, f, lim, prefix, emit)
		if p == nil {
			in.Warning(fmt.Sprintf("part %s not read: %v", part, err))
			continue
		}
		if err != nil {
			if p.emitErr {
				return err
			}
			if i == 0 && p.para == 0 {
				return fmt.Errorf("corrupt docx: %v", err)
			}
			in.Warning(fmt.Sprintf("part %s read partly: %v", part, err))
		}
	}
	return archive.Pictures(in, zr, lim, "word/media/")
}

// readPart reads one part of a package, its paragraphs named from
// prefix ("deck.pptx#slide=2!"), and returns its parser, or nil when the
// member could not be opened. A register typed one paragraph a row is
// read by rows.
func readPart(ctx context.Context, f *zip.File, lim scan.Limits, prefix string, emit func(scan.Segment) error) (*parser, error) {
	rc, err := archive.OpenMember(f, f.Name, lim)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	paras := columns.NewParagraphs(emit)
	p := &parser{emit: paras.Emit, prefix: prefix}
	err = p.run(ctx, xml.NewDecoder(rc))
	if ferr := paras.Flush(); ferr != nil && err == nil {
		p.emitErr = true
		err = ferr
	}
	return p, err
}

// partOrder sorts parts: headers, footers, footnotes, endnotes, comments,
// then by number ("header2" before "header10").
func partOrder(name string) string {
	base := strings.ToLower(strings.TrimSuffix(path.Base(name), ".xml"))
	kinds := []string{"header", "footer", "footnotes", "endnotes", "comments"}
	for i, k := range kinds {
		if strings.HasPrefix(base, k) {
			n, _ := strconv.Atoi(strings.TrimPrefix(base, k))
			return fmt.Sprintf("%d-%09d", i, n)
		}
	}
	return "9-" + base
}

// table is the state of one (possibly nested) table.
type table struct {
	num       int
	row       int // 1-based row being read
	cell      int // 0-based grid column of the cell being read
	span      int // grid span of the cell being read
	header    []string
	hdrMarked bool           // the row is marked as a repeating header row
	first     []scan.Segment // the first row's paragraphs, held
	firstPara []string       // their records as paragraphs of the body
	decided   bool           // whether the first row was judged
	// single is set when the first row ended without being a header:
	// its paragraphs are held until a second row makes them a row of the
	// table, or the table's end a layout of one row (a letter's address
	// block, a letterhead), whose paragraphs are the body's.
	single bool
	cells  map[int]*strings.Builder // first row's cell texts by column
}

// parser turns one part's XML into paragraph segments.
type parser struct {
	emit    func(scan.Segment) error
	emitErr bool
	prefix  string
	para    int // paragraphs started
	tables  int
	stack   []*strings.Builder // open paragraphs (text boxes nest them)
	nums    []int              // their numbers
	tbls    []*table
	inText  bool
	skip    int // depth inside skipped subtrees
}

// run reads the part.
func (p *parser) run(ctx context.Context, d *xml.Decoder) error {
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return p.endAll()
		}
		if err != nil {
			p.endAll()
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.skip > 0 {
				p.skip++
				continue
			}
			if err := p.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if p.skip > 0 {
				p.skip--
				continue
			}
			if err := p.end(t); err != nil {
				return err
			}
			if t.Name.Local == "p" && p.para%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		case xml.CharData:
			if p.inText && p.skip == 0 && len(p.stack) > 0 {
				p.stack[len(p.stack)-1].Write(t)
				if p.stack[len(p.stack)-1].Len() > maxPara {
					if err := p.flushPara(false); err != nil {
						return err
					}
				}
			}
		}
	}
}

// start handles a start element.
func (p *parser) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "Fallback", "instrText", "rPh":
		p.skip = 1
	case "p":
		p.para++
		p.stack = append(p.stack, &strings.Builder{})
		p.nums = append(p.nums, p.para)
	case "t", "delText":
		p.inText = true
	case "tab", "ptab":
		p.write("\t")
	case "br", "cr":
		p.write("\n")
	case "noBreakHyphen":
		p.write("-")
	case "tbl":
		p.tables++
		p.tbls = append(p.tbls, &table{num: p.tables})
	case "tr":
		if tb := p.table(); tb != nil {
			tb.row++
			tb.cell, tb.span = 0, 0
			tb.hdrMarked = false
			if tb.single {
				if err := p.emitFirst(tb, false); err != nil {
					return err
				}
			}
		}
	case "tblHeader":
		if tb := p.table(); tb != nil && attr(t, "val") != "0" && attr(t, "val") != "false" {
			tb.hdrMarked = true
		}
	case "tc":
		if tb := p.table(); tb != nil {
			tb.cell += tb.span
			tb.span = 1
		}
	case "gridSpan":
		if tb := p.table(); tb != nil {
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 0 && n < 1000 {
				tb.span = n
			}
		}
	}
	return nil
}

// end handles an end element.
func (p *parser) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "t", "delText":
		p.inText = false
	case "p":
		if len(p.stack) > 0 {
			err := p.flushPara(true)
			p.pop()
			return err
		}
	case "tr":
		if tb := p.table(); tb != nil && tb.row == 1 && !tb.decided && !tb.single {
			return p.endFirstRow(tb, true)
		}
	case "tbl":
		if tb := p.table(); tb != nil {
			if tb.single {
				if err := p.emitFirst(tb, true); err != nil {
					return err
				}
			} else if !tb.decided {
				if err := p.endFirstRow(tb, false); err != nil {
					return err
				}
			}
			p.tbls = p.tbls[:len(p.tbls)-1]
		}
	}
	return nil
}

// pop closes the innermost paragraph.
func (p *parser) pop() {
	p.stack = p.stack[:len(p.stack)-1]
	p.nums = p.nums[:len(p.nums)-1]
}

// table is the innermost open table, or nil.
func (p *parser) table() *table {
	if len(p.tbls) == 0 {
		return nil
	}
	return p.tbls[len(p.tbls)-1]
}

// write adds text to the open paragraph.
func (p *parser) write(s string) {
	if p.skip == 0 && len(p.stack) > 0 {
		p.stack[len(p.stack)-1].WriteString(s)
	}
}

// flushPara emits the innermost paragraph's text (all of it at its end,
// or a piece when it grew past maxPara).
func (p *parser) flushPara(final bool) error {
	sb := p.stack[len(p.stack)-1]
	text := sb.String()
	sb.Reset()
	if strings.TrimSpace(text) == "" {
		return nil
	}
	seg := scan.Segment{Text: []byte(text), Offset: -1, Record: fmt.Sprintf("%spara=%d", p.prefix, p.nums[len(p.nums)-1])}
	tb := p.table()
	if tb == nil || len(p.stack) > 1 {
		return p.send(seg)
	}
	para := seg.Record
	seg.Record = fmt.Sprintf("%stable=%d!row=%d", p.prefix, tb.num, tb.row)
	if tb.row == 1 && !tb.decided {
		if tb.cells == nil {
			tb.cells = map[int]*strings.Builder{}
		}
		c := tb.cells[tb.cell]
		if c == nil {
			c = &strings.Builder{}
			tb.cells[tb.cell] = c
		}
		if c.Len() > 0 {
			c.WriteByte(' ')
		}
		c.WriteString(strings.TrimSpace(text))
		tb.first = append(tb.first, seg)
		tb.firstPara = append(tb.firstPara, para)
		if len(tb.first) > 256 || c.Len() > maxPara { // not a header: stop holding
			return p.endFirstRow(tb, false)
		}
		return nil
	}
	if tb.cell < len(tb.header) {
		seg.Field, seg.Columns = tb.header[tb.cell], tb.header
	}
	return p.send(seg)
}

// endFirstRow decides whether a table's first row is its header and
// emits the row's held paragraphs; with hold, a row that is not a header
// stays held until the table shows whether it has another (emitFirst).
func (p *parser) endFirstRow(tb *table, hold bool) error {
	if tb.cells != nil && (tb.hdrMarked || looksLikeHeader(tb.cells)) && len(tb.first) <= 256 {
		for col, c := range tb.cells {
			for len(tb.header) <= col {
				tb.header = append(tb.header, "")
			}
			tb.header[col] = c.String()
		}
	} else if hold && len(tb.first) > 0 {
		tb.single = true
		return nil
	}
	return p.emitFirst(tb, false)
}

// emitFirst emits the held paragraphs of a table's first row: as the
// body's paragraphs when the table had no other row (asBody), else as
// its first row.
func (p *parser) emitFirst(tb *table, asBody bool) error {
	for i, pd := range tb.first {
		if asBody {
			pd.Record = tb.firstPara[i]
		}
		if err := p.send(pd); err != nil {
			return err
		}
	}
	tb.first, tb.firstPara, tb.cells, tb.decided, tb.single = nil, nil, nil, true, false
	return nil
}

// send emits a segment, remembering whether emit failed.
func (p *parser) send(seg scan.Segment) error {
	if err := p.emit(seg); err != nil {
		p.emitErr = true
		return err
	}
	return nil
}

// endAll flushes what is open at the end of a part (or at an error).
func (p *parser) endAll() error {
	for len(p.stack) > 0 {
		if err := p.flushPara(true); err != nil {
			return err
		}
		p.pop()
	}
	for len(p.tbls) > 0 {
		tb := p.table()
		if tb.single {
			if err := p.emitFirst(tb, false); err != nil {
				return err
			}
		} else if !tb.decided {
			if err := p.endFirstRow(tb, false); err != nil {
				return err
			}
		}
		p.tbls = p.tbls[:len(p.tbls)-1]
	}
	return nil
}

// attr returns an attribute's value by local name.
func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// looksLikeHeader reports whether a first row's cells look like column
// names (columns.HeaderRow).
func looksLikeHeader(cells map[int]*strings.Builder) bool {
	texts := make([]string, 0, len(cells))
	for _, c := range cells {
		texts = append(texts, c.String())
	}
	return columns.HeaderRow(texts)
}
