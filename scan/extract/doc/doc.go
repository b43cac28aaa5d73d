// Package doc extracts the text of legacy Word documents (.doc, Word 97
// to 2003), still common among the letters, forms and scanned-in
// records of a breach.
//
// The document is a compound file (read with richardlehane/mscfb). Its
// text is found through the piece table in the table stream, each piece
// in Windows-1252 or UTF-16 in the WordDocument stream, as MS-DOC
// describes; formatting is not read. The main text, footnotes, headers,
// comments, endnotes and text boxes all come out, in that order.
//
// Segments: a paragraph is "path#para=N". In a table, whose cells end
// with a cell mark and rows with an extra one, a cell is a segment of
// its row's record "path#table=T!row=R", named by the cell above it in
// the table's first row when that row looks like a header. Offsets are
// -1: the text is decoded from pieces of a stream inside the file.
//
// A password-protected document is reported as encrypted; Word 6 and
// 95 documents as unsupported.
package doc

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/ole"
)

// Extractor reads .doc documents. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "doc" }

// Accepts implements scan.Extractor: a .doc (or .dot template) name with
// the compound-file signature.
func (Extractor) Accepts(name string, head []byte) bool {
	n := strings.ToLower(name)
	return (strings.HasSuffix(n, ".doc") || strings.HasSuffix(n, ".dot")) && ole.Is(head)
}

var errCorrupt = ole.ErrCorrupt

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	streams, err := ole.Streams(in, "WordDocument", "0Table", "1Table")
	if err != nil {
		return err
	}
	if streams["WordDocument"] == nil {
		return errors.New("no WordDocument stream: not a Word 97-2003 document")
	}
	text, err := pieceText(streams)
	if err != nil {
		return err
	}
	return split(ctx, in.Path, text, emit)
}

// pieceText returns the document's text through its piece table.
func pieceText(streams map[string][]byte) (string, error) {
	wd := streams["WordDocument"]
	if len(wd) < 34 {
		return "", fmt.Errorf("%w: WordDocument stream of %d bytes", errCorrupt, len(wd))
	}
	if binary.LittleEndian.Uint16(wd) != 0xA5EC {
		return "", fmt.Errorf("%w: no Word file information block", errCorrupt)
	}
	if nFib := binary.LittleEndian.Uint16(wd[2:]); nFib < 101 {
		return "", fmt.Errorf("Word 6/95 document (file format %d) is not supported; save it as .docx to scan it", nFib)
	}
	flags := binary.LittleEndian.Uint16(wd[0x0A:])
	if flags&0x0100 != 0 {
		return "", errors.New("encrypted (password-protected document); not scanned")
	}
	table := streams["0Table"]
	if flags&0x0200 != 0 {
		table = streams["1Table"]
	}
	// The FIB: a fixed base, then counted arrays of 16-bit, 32-bit and
	// (offset, length) pair values; fcClx/lcbClx are pair 33.
	p := 32
	csw := int(binary.LittleEndian.Uint16(wd[p:]))
	p += 2 + 2*csw
	if p+2 > len(wd) {
		return "", fmt.Errorf("%w: file information block cut short", errCorrupt)
	}
	cslw := int(binary.LittleEndian.Uint16(wd[p:]))
	p += 2 + 4*cslw
	if p+2 > len(wd) {
		return "", fmt.Errorf("%w: file information block cut short", errCorrupt)
	}
	pairs := int(binary.LittleEndian.Uint16(wd[p:]))
	p += 2
	if pairs <= 33 || p+34*8 > len(wd) {
		return "", fmt.Errorf("%w: file information block without a piece table", errCorrupt)
	}
	fcClx := int(binary.LittleEndian.Uint32(wd[p+33*8:]))
	lcbClx := int(binary.LittleEndian.Uint32(wd[p+33*8+4:]))
	if table == nil || fcClx < 0 || lcbClx <= 0 || fcClx+lcbClx > len(table) || fcClx+lcbClx < fcClx {
		return "", fmt.Errorf("%w: piece table outside the table stream", errCorrupt)
	}
	clx := table[fcClx : fcClx+lcbClx]
	// Skip the property modifiers (0x01) to the piece table (0x02).
	for len(clx) > 0 && clx[0] == 0x01 {
		if len(clx) < 3 {
			return "", fmt.Errorf("%w: piece table cut short", errCorrupt)
		}
		n := int(binary.LittleEndian.Uint16(clx[1:]))
		if 3+n > len(clx) {
			return "", fmt.Errorf("%w: piece table cut short", errCorrupt)
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return "", fmt.Errorf("%w: no piece table", errCorrupt)
	}
	lcb := int(binary.LittleEndian.Uint32(clx[1:]))
	plc := clx[5:]
	if lcb < 4 || lcb > len(plc) || (lcb-4)%12 != 0 {
		return "", fmt.Errorf("%w: piece table of %d bytes", errCorrupt, lcb)
	}
	n := (lcb - 4) / 12
	cps, pcds := plc[:4*(n+1)], plc[4*(n+1):lcb]
	var sb strings.Builder
	// Pieces do not overlap, so their bytes add up to at most the
	// stream's: a piece table that says otherwise would make gigabytes of
	// text out of a small file.
	budget := len(wd)
	for i := 0; i < n; i++ {
		cp0 := int(binary.LittleEndian.Uint32(cps[4*i:]))
		cp1 := int(binary.LittleEndian.Uint32(cps[4*i+4:]))
		chars := cp1 - cp0
		if chars < 0 || chars > len(wd) {
			return "", fmt.Errorf("%w: piece %d of %d characters", errCorrupt, i, chars)
		}
		fc := binary.LittleEndian.Uint32(pcds[8*i+2:])
		need := chars
		if fc&(1<<30) == 0 {
			need *= 2
		}
		if budget -= need; budget < 0 {
			return "", fmt.Errorf("%w: the pieces add up to more text than the document holds", errCorrupt)
		}
		if fc&(1<<30) != 0 {
			// Compressed: one byte per character, in Windows-1252.
			off := int(fc&^(1<<30)) / 2
			if off+chars > len(wd) {
				return "", fmt.Errorf("%w: piece %d outside the document", errCorrupt, i)
			}
			for _, c := range wd[off : off+chars] {
				sb.WriteRune(cp1252(c))
			}
			continue
		}
		off := int(fc)
		if off+2*chars > len(wd) {
			return "", fmt.Errorf("%w: piece %d outside the document", errCorrupt, i)
		}
		units := make([]uint16, chars)
		for j := range units {
			units[j] = binary.LittleEndian.Uint16(wd[off+2*j:])
		}
		sb.WriteString(string(utf16.Decode(units)))
	}
	return sb.String(), nil
}

// cp1252 maps a Windows-1252 byte to its character.
func cp1252(c byte) rune {
	if c >= 0x80 && c <= 0x9F {
		return win1252[c-0x80]
	}
	return rune(c)
}

var win1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// split emits the text as paragraphs and table cells through a Splitter.
func split(ctx context.Context, path string, text string, emit func(scan.Segment) error) error {
	s := NewSplitter(ctx, path, emit)
	for _, r := range text {
		if err := s.WriteRune(r); err != nil {
			return err
		}
	}
	return s.Close()
}

// MaxParagraph is the most text a Splitter holds for one paragraph
// outside a table; a longer one is emitted in pieces of this size.
const MaxParagraph = 1 << 20

// Splitter turns text written in Word's convention into segments, as it
// is written: 0x0D ends a paragraph, 0x07 a table cell (a second one,
// alone, the row), 0x0B is a line break, 0x0C a page break; 0x13-0x15
// bracket a field's code and result, and the code (HYPERLINK "...") is
// kept. Paragraph marks inside a cell after its row's first cell become
// line breaks; in a row's first cell they cannot be told from paragraphs
// before the table without the formatting, and end a paragraph.
//
// A paragraph is the segment "path#para=N"; a table cell is a segment
// of its row's record "path#table=T!row=R", named by the cell above it
// when the table's first row looks like a header. A table of one row is
// a layout (a letterhead, an address block): its cells' lines are
// paragraphs. Offsets are -1. Other
// document formats that share Word's model of text (RTF) feed it too.
type Splitter struct {
	ctx      context.Context
	paras    *columns.Paragraphs
	cur      strings.Builder
	lastCell bool // the previous character ended a cell
	splitter
}

// NewSplitter returns a Splitter that emits the segments of the
// document at path.
func NewSplitter(ctx context.Context, path string, emit func(scan.Segment) error) *Splitter {
	// A register typed one paragraph a row is read by rows.
	paras := columns.NewParagraphs(emit)
	return &Splitter{ctx: ctx, paras: paras, splitter: splitter{path: path, emit: paras.Emit}}
}

// WriteRune takes the next character of the text.
func (s *Splitter) WriteRune(r rune) error {
	switch {
	case r == 0x07 && s.lastCell && s.cur.Len() == 0:
		// The row's own end mark.
		if err := s.endRow(); err != nil {
			return err
		}
		if err := s.ctx.Err(); err != nil {
			return err
		}
		s.lastCell = false
	case r == 0x07:
		if !s.inTable {
			s.inTable, s.tables, s.rowNum, s.header = true, s.tables+1, 0, nil
		}
		s.row = append(s.row, clean(s.cur.String()))
		s.cur.Reset()
		s.lastCell = true
	case r == 0x0D && len(s.row) > 0:
		s.cur.WriteByte('\n') // a paragraph inside a cell
		s.lastCell = false
	case r == 0x0D:
		return s.flush()
	default:
		s.cur.WriteRune(r)
		s.lastCell = false
		if s.cur.Len() >= MaxParagraph && len(s.row) == 0 {
			return s.flush()
		}
	}
	return nil
}

// flush emits the text held as a paragraph.
func (s *Splitter) flush() error {
	err := s.paragraph(s.cur.String())
	s.cur.Reset()
	s.lastCell = false
	if err == nil {
		err = s.ctx.Err()
	}
	return err
}

// Close emits what is left: a row not ended, a table's held row and the
// last paragraph.
func (s *Splitter) Close() error {
	if err := s.endRow(); err != nil {
		return err
	}
	if err := s.endTable(); err != nil {
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	return s.paras.Flush()
}

// splitter is the state of a Splitter: the paragraph count and the
// table being read.
type splitter struct {
	path    string
	emit    func(scan.Segment) error
	para    int
	tables  int
	inTable bool
	rowNum  int
	row     []string
	header  []string
	// held is a table's first row when it is not a header, until a
	// second row makes it a row of the table or the table's end a layout
	// of one row (a letter's address block), whose lines are paragraphs.
	held []string
}

// paragraph emits a paragraph outside any table row, which also ends the
// table before it.
func (s *splitter) paragraph(t string) error {
	if err := s.endTable(); err != nil {
		return err
	}
	s.inTable = false
	t = clean(t)
	if strings.TrimSpace(t) == "" {
		return nil
	}
	s.para++
	return s.emit(scan.Segment{Text: []byte(t), Offset: -1, Record: fmt.Sprintf("%s#para=%d", s.path, s.para)})
}

// endTable emits a table's held first row, the table having no other,
// as the body's paragraphs: each line of each cell one.
func (s *splitter) endTable() error {
	held := s.held
	s.held = nil
	for _, c := range held {
		for _, l := range strings.Split(c, "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			s.para++
			if err := s.emit(scan.Segment{Text: []byte(l), Offset: -1, Record: fmt.Sprintf("%s#para=%d", s.path, s.para)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// endRow emits the cells of the row just ended, named by the header row.
// A first row that is not a header is held (endTable).
func (s *splitter) endRow() error {
	if len(s.row) == 0 {
		return nil
	}
	s.rowNum++
	switch {
	case s.rowNum == 1 && columns.HeaderRow(s.row):
		s.header = append([]string(nil), s.row...)
	case s.rowNum == 1:
		s.held = append([]string(nil), s.row...)
		s.row = s.row[:0]
		return nil
	case s.rowNum == 2 && s.held != nil:
		first := s.held
		s.held = nil
		if err := s.emitRow(first, 1); err != nil {
			return err
		}
	}
	if err := s.emitRow(s.row, s.rowNum); err != nil {
		return err
	}
	s.row = s.row[:0]
	return nil
}

// emitRow emits the cells of row n of the current table.
func (s *splitter) emitRow(row []string, n int) error {
	rec := fmt.Sprintf("%s#table=%d!row=%d", s.path, s.tables, n)
	for i, c := range row {
		if strings.TrimSpace(c) == "" {
			continue
		}
		seg := scan.Segment{Text: []byte(c), Offset: -1, Record: rec}
		if n > 1 && i < len(s.header) {
			seg.Field = strings.TrimSpace(s.header[i])
		}
		if err := s.emit(seg); err != nil {
			return err
		}
	}
	return nil
}

// clean turns Word's remaining control characters into spaces or line
// breaks.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 0x0B, 0x0C, 0x0E:
			return '\n'
		case 0x13, 0x14, 0x15, 0x01, 0x08, 0x1E, 0x1F:
			if r == 0x1E {
				return '-' // non-breaking hyphen
			}
			if r == 0x1F {
				return -1 // optional hyphen
			}
			return ' '
		}
		if r < 0x20 && r != '\t' && r != '\n' {
			return ' '
		}
		return r
	}, s)
}
