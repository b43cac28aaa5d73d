// Package fixed extracts fixed-width tables: the record layouts of
// mainframe and core-banking extracts (COBOL copybook files), and the
// printed reports of older systems, where each column of a line is a
// field at the same position in every line, padded with spaces. Without
// it such a file is prose to the detectors, and a column of nine-digit
// numbers with no keyword near is not a column of SSNs.
//
// A file is taken as fixed-width when the lines of its head (at least
// four) share gutters, positions blank in every line, that cut them into
// at least three fields, each at most maxField characters wide, the last
// not running prose; a first line whose words sit over those fields and
// read as column names (columns.HeaderRow) names them. A printed report
// has lines that are not records (a title, a total) in those gutters:
// there a header line of names two spaces apart fixes the fields, each
// starting under its name, when most lines below fit them. Without a
// header the columns are named from their values (columns.Holder), as
// for a CSV file without a header row.
//
// A register whose rows are lines of cells apart by single spaces (not
// aligned) is read by rows when its header names a date of birth
// (columns.FindRowTable): each row is a record, its date of birth a
// segment named by its column.
//
// Each field of each line is a segment of the record "path#row=N",
// located by byte offset. Lines that do not fit the layout (page titles,
// totals, a second section) are emitted whole as text, "path#line=N";
// repeats of the header line and ruler lines (-----) are skipped.
// Positions are counted in characters: UTF-8 names (José) do not shift
// the columns after them; a line that is not UTF-8 is read as Latin-1.
package fixed

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/text"
)

// Extractor reads fixed-width tables. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "fixed-width" }

// Bounds of a layout: the fewest data lines and fields that make one,
// the widest field, and the longest line read as a record.
const (
	minLines = 4
	minField = 3
	maxField = 60
	maxLine  = 64 << 10
)

// Accepts implements scan.Extractor: text whose first lines share a
// fixed-width layout.
func (Extractor) Accepts(name string, head []byte) bool {
	if bytes.Count(head, []byte{'\n'}) < minLines || bytes.IndexByte(head, '\t') >= 0 || scan.Binary(head) || text.Printed(head) {
		return false
	}
	lines := completeLines(head)
	if hexDump(lines) {
		return false
	}
	if _, ok := detect(lines); ok {
		return true
	}
	_, ok := births(lines)
	return ok
}

// hexDump reports lines most of which are a dump of bytes, as hexdump -C
// and xxd write them: an offset of eight hexadecimal digits and bytes in
// pairs of them ("00000010  00 00 00 …"). Its columns line up, but its
// cells are bytes, not fields; it is read as text.
func hexDump(lines [][]byte) bool {
	n := 0
	for _, l := range lines {
		if len(l) < 12 || !isHex(l[:8]) || l[8] != ' ' && l[8] != ':' {
			continue
		}
		if b := bytes.TrimLeft(l[8:], ": "); len(b) >= 2 && isHex(b[:2]) {
			n++
		}
	}
	return n*2 > len(lines)
}

// isHex reports whether b is hexadecimal digits, at least one.
func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return len(b) > 0
}

// births finds a register whose rows are lines of space-separated cells
// with a date of birth under the header (columns.FindRowTable): it is
// read by rows, each date of birth named by its column.
func births(lines [][]byte) (columns.RowTable, bool) {
	ls := make([]string, len(lines))
	for i, l := range lines {
		ls[i] = string(l)
	}
	t, ok := columns.FindRowTable(ls)
	return t, ok && t.HasBirths()
}

// completeLines returns the non-blank lines of head, the last (maybe cut
// short) left out unless head ends with a line end.
func completeLines(head []byte) [][]byte {
	var out [][]byte
	for len(head) > 0 {
		i := bytes.IndexByte(head, '\n')
		if i < 0 {
			break
		}
		l := bytes.TrimRight(head[:i], "\r ")
		head = head[i+1:]
		if len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// layout is where the fields of a fixed-width table lie, in characters.
type layout struct {
	starts, ends []int    // field i is [starts[i], ends[i]); the last runs on to the line's end
	names        []string // from the header line, or nil
	header       string   // the header line, trimmed, to skip its repeats
}

// detect finds the layout of lines, and the header among them if any.
// A clean extract has gutters blank in every line. A printed report has
// lines that are not records (its title, a total): there the header
// line fixes the fields, each starting where its name starts, and the
// records are the lines with a blank just before each of those starts.
// The reading that finds more fields wins.
func detect(lines [][]byte) (layout, bool) {
	var rs [][]rune
	for _, l := range lines {
		if !ruler(l) {
			rs = append(rs, runesOf(l))
		}
	}
	if len(rs) < minLines {
		return layout{}, false
	}
	lay, ok := gutters(rs)
	if ok {
		lay.findHeader(rs)
	}
	if rep, found := anchored(rs); found && (!ok || len(rep.starts) > len(lay.starts)) {
		return rep, true
	}
	return lay, ok
}

// anchored finds a report's header among the first lines: names
// separated by two spaces or more that read as a header row, with most
// of the lines after it fitting under them.
func anchored(rs [][]rune) (layout, bool) {
	for h := 0; h < min(len(rs), 10); h++ {
		names, starts := spaced(rs[h])
		if len(names) < minField || !columns.HeaderRow(names) {
			continue
		}
		lay := layout{starts: starts, names: names, header: strings.TrimSpace(string(rs[h]))}
		for i := range starts {
			end := 1 << 30
			if i+1 < len(starts) {
				end = starts[i+1] - 1
				if end-starts[i] > maxField {
					return layout{}, false
				}
			}
			lay.ends = append(lay.ends, end)
		}
		fit, rest := 0, 0
		for _, l := range rs[h+1:] {
			if strings.TrimSpace(string(l)) == lay.header {
				continue
			}
			rest++
			if len(l) > starts[1] && lay.fits(l) {
				fit++
			}
		}
		if fit >= minLines-1 && fit*5 >= rest*3 {
			return lay, true
		}
	}
	return layout{}, false
}

// spaced splits a line into names separated by two spaces or more, with
// where each starts.
func spaced(l []rune) (names []string, starts []int) {
	for p := 0; p < len(l); {
		if l[p] == ' ' {
			p++
			continue
		}
		s := p
		for p < len(l) && !(l[p] == ' ' && (p+1 >= len(l) || l[p+1] == ' ')) {
			p++
		}
		names = append(names, string(l[s:p]))
		starts = append(starts, s)
	}
	return names, starts
}

// findHeader looks for the line that names the fields, before the first
// record, and reports whether there is one. A field with no name of its
// own in it belongs to the field before (a value with a space where the
// values above had none).
func (lay *layout) findHeader(lines [][]rune) bool {
	for _, l := range lines {
		if names, ok := lay.headerNames(l); ok {
			lay.names, lay.header = names, strings.TrimSpace(string(l))
			return true
		}
		if lay.fits(l) && !lay.nameless(l) {
			return false // a record first: no header
		}
	}
	return false
}

// nameless reports whether l leaves a field without a word, as a header
// line with fewer names than fields does.
func (lay *layout) nameless(l []rune) bool {
	_, ok := lay.words(l)
	return !ok
}

// gutters finds the fields of lines: runs of positions where some line
// has a character, between positions blank in every line.
func gutters(lines [][]rune) (layout, bool) {
	width := 0
	for _, l := range lines {
		width = max(width, len(l))
	}
	if width < 15 {
		return layout{}, false
	}
	used := make([]bool, width)
	for _, l := range lines {
		for p, r := range l {
			if r != ' ' {
				used[p] = true
			}
		}
	}
	var lay layout
	for p := 0; p < width; {
		if !used[p] {
			p++
			continue
		}
		s := p
		for p < width && used[p] {
			p++
		}
		lay.starts = append(lay.starts, s)
		lay.ends = append(lay.ends, p)
	}
	if len(lay.starts) < minField {
		return layout{}, false
	}
	for i := range lay.starts {
		if lay.ends[i]-lay.starts[i] > maxField {
			return layout{}, false
		}
	}
	// The last field of a log or a note is running text: more words than
	// a name or an address has.
	last := len(lay.starts) - 1
	words, vals := 0, 0
	for _, l := range lines {
		if len(l) > lay.starts[last] {
			words += len(strings.Fields(string(l[lay.starts[last]:])))
			vals++
		}
	}
	if vals > 0 && lay.ends[last]-lay.starts[last] > 30 && words > vals*9/2 {
		return layout{}, false
	}
	// Every field holds a value in most lines, or it is not a column but
	// the chance alignment of a few words.
	for i := range lay.starts {
		n := 0
		for _, l := range lines {
			if len(l) > lay.starts[i] && strings.TrimSpace(string(l[lay.starts[i]:min(len(l), lay.ends[i])])) != "" {
				n++
			}
		}
		if n*2 < len(lines) {
			return layout{}, false
		}
	}
	return lay, true
}

// fits reports whether a line has blanks in every gutter of the layout.
func (lay *layout) fits(l []rune) bool {
	for i := 1; i < len(lay.starts); i++ {
		for p := lay.ends[i-1]; p < lay.starts[i] && p < len(l); p++ {
			if l[p] != ' ' {
				return false
			}
		}
	}
	return true
}

// words assigns the words of a line to the fields they start in (words
// before the first field go to it); it fails when a word runs across a
// gutter. ok is false too when a field gets no word.
func (lay *layout) words(l []rune) (names []string, ok bool) {
	names = make([]string, len(lay.starts))
	for p := 0; p < len(l); {
		if l[p] == ' ' {
			p++
			continue
		}
		s := p
		for p < len(l) && l[p] != ' ' {
			p++
		}
		f := 0
		for f+1 < len(lay.starts) && lay.starts[f+1] <= s {
			f++
		}
		if f+1 < len(lay.starts) && p > lay.starts[f+1] {
			return nil, false // a word across two fields
		}
		if names[f] != "" {
			names[f] += " "
		}
		names[f] += string(l[s:p])
	}
	for _, n := range names {
		if n == "" {
			return names, false
		}
	}
	return names, true
}

// headerNames reads a line as the names of the fields. A field without a
// word of its own, after the first, is merged into the one before; the
// names must then read as a header row.
func (lay *layout) headerNames(l []rune) ([]string, bool) {
	names, ok := lay.words(l)
	if names == nil {
		return lay.spacedNames(l)
	}
	if names[0] == "" {
		return nil, false
	}
	if !ok {
		merged := layout{}
		var kept []string
		for i, n := range names {
			if n == "" {
				merged.ends[len(merged.ends)-1] = lay.ends[i]
				continue
			}
			merged.starts = append(merged.starts, lay.starts[i])
			merged.ends = append(merged.ends, lay.ends[i])
			kept = append(kept, n)
		}
		if len(kept) < minField || !columns.HeaderRow(kept) {
			return nil, false
		}
		lay.starts, lay.ends = merged.starts, merged.ends
		return kept, true
	}
	return names, columns.HeaderRow(names)
}

// spacedNames reads a header whose names, separated by two spaces or
// more, may be wider than the values under them ("DATE OF BIRTH" over
// 19800517): one name per field, each nearest the start of its field.
func (lay *layout) spacedNames(l []rune) ([]string, bool) {
	names, starts := spaced(l)
	if len(names) != len(lay.starts) {
		return nil, false
	}
	for i, s := range starts {
		if i+1 < len(starts) && s >= lay.starts[i+1] || i > 0 && s < lay.ends[i-1] {
			return nil, false
		}
	}
	return names, columns.HeaderRow(names)
}

// ruler reports whether a line is made of rule characters (----- ====).
func ruler(l []byte) bool {
	n := 0
	for _, c := range l {
		switch c {
		case '-', '=', '_', '*', '+', '|':
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}

// runesOf decodes a line as UTF-8, or as Latin-1 when it is not.
func runesOf(l []byte) []rune {
	if utf8.Valid(l) {
		return []rune(string(l))
	}
	rs := make([]rune, len(l))
	for i, c := range l {
		rs[i] = rune(c)
	}
	return rs
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(4096)
	lines := completeLines(head)
	lay, ok := detect(lines)
	x := &extraction{in: in, emit: emit, lay: lay, profiling: lay.names == nil && len(lay.starts) > 0}
	if !ok {
		x.lay = layout{}
		if rt, ok := births(lines); ok {
			x.rt = &rt
		}
		// Otherwise Accepts saw a table in a head this reader does not
		// see: the file is read as lines of text.
	}
	var off int64
	for n := 1; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, err := br.ReadSlice('\n')
		long := false
		for err == bufio.ErrBufferFull {
			// A line longer than the buffer: not a record; its pieces are
			// text.
			long = true
			if e := x.text(line, off, n); e != nil {
				return e
			}
			off += int64(len(line))
			line, err = br.ReadSlice('\n')
		}
		if len(line) > 0 {
			var e error
			if long {
				e = x.text(line, off, n)
			} else {
				e = x.line(line, off, n)
			}
			if e != nil {
				return e
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			return x.finish()
		}
		if err != nil {
			return err
		}
	}
}

// extraction is the state of one file's reading.
type extraction struct {
	in        *scan.Input
	emit      func(scan.Segment) error
	lay       layout
	row       int
	profiling bool
	held      columns.Holder
	names     []string // inferred when profiling ends
	seg       scan.Segment
	// rt is the register read by rows, when the file is one.
	rt *columns.RowTable
}

// line handles one line, its end included, at byte offset off.
func (x *extraction) line(raw []byte, off int64, n int) error {
	l := bytes.TrimRight(raw, "\r\n")
	trimmed := bytes.TrimRight(l, " ")
	if len(bytes.TrimSpace(trimmed)) == 0 || ruler(trimmed) {
		return nil
	}
	if x.rt != nil {
		return x.register(l, off, n)
	}
	rs := runesOf(trimmed)
	if len(x.lay.starts) == 0 || !x.lay.fits(rs) {
		return x.text(l, off, n)
	}
	if x.lay.header != "" && strings.TrimSpace(string(rs)) == x.lay.header {
		// The header, at the top and of each page. Column names hold no
		// digits as a rule; one that does may be a record taken for the
		// header, and is read as text, lest its values be lost.
		if bytes.ContainsAny(trimmed, "0123456789") {
			return x.text(l, off, n)
		}
		return nil
	}
	// Byte offset of each character (a Latin-1 line: one byte each).
	var byteAt []int
	if !utf8.Valid(trimmed) {
		byteAt = nil
	} else if len(rs) != len(trimmed) {
		byteAt = make([]int, 0, len(rs)+1)
		for i := range string(trimmed) {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(trimmed))
	}
	at := func(p int) int {
		p = min(p, len(rs))
		if byteAt != nil {
			return byteAt[p]
		}
		return p
	}
	latin := !utf8.Valid(trimmed)
	x.row++
	rec := x.in.Path + "#row=" + strconv.Itoa(x.row)
	for i, s := range x.lay.starts {
		if s >= len(rs) {
			break
		}
		e := len(rs)
		if i+1 < len(x.lay.starts) {
			e = min(x.lay.ends[i], len(rs))
		}
		// Trim the field's padding.
		for s < e && rs[s] == ' ' {
			s++
		}
		for e > s && rs[e-1] == ' ' {
			e--
		}
		if s >= e {
			continue
		}
		seg := scan.Segment{Record: rec, Offset: off + int64(at(s))}
		if latin {
			seg.Text, seg.Offset = []byte(string(rs[s:e])), -1
		} else {
			seg.Text = trimmed[at(s):at(e)]
		}
		if x.profiling {
			seg.Text = bytes.Clone(seg.Text) // held past this line
			x.held.Add(i, seg)
			continue
		}
		switch {
		case x.lay.names != nil:
			seg.Field = x.lay.names[i]
		case i < len(x.names):
			seg.Field = x.names[i]
		}
		if err := x.emit(seg); err != nil {
			return err
		}
	}
	if x.profiling && x.held.EndRow() {
		return x.release()
	}
	return nil
}

// register handles a line of a register read by rows: a row is a record
// with its dates of birth named by their column; any other line is text.
func (x *extraction) register(l []byte, off int64, n int) error {
	if !utf8.Valid(l) {
		l = []byte(string(runesOf(l)))
		off = -1
	}
	s := string(l)
	if len(columns.DateSpans(s)) != len(x.rt.Dates) || strings.TrimSpace(s) == "" {
		return x.text(l, off, n)
	}
	x.row++
	rec := x.in.Path + "#row=" + strconv.Itoa(x.row)
	// The row with its named values blanked is not the file's bytes, but
	// each of its bytes is where the file has it.
	row := scan.Segment{Offset: -1, Record: rec}
	if off >= 0 {
		row.OffsetAt = func(i int) int64 { return off + int64(i) }
	}
	return x.rt.EmitRow(s, row, x.emit)
}

// text emits a line that is not a record as free text.
func (x *extraction) text(l []byte, off int64, n int) error {
	l = bytes.TrimRight(l, "\r\n")
	if len(bytes.TrimSpace(l)) == 0 {
		return nil
	}
	seg := scan.Segment{Text: l, Offset: off, Record: x.in.Path + "#line=" + strconv.Itoa(n)}
	if !utf8.Valid(l) {
		seg.Text, seg.Offset = []byte(string(runesOf(l))), -1
	}
	return x.emit(seg)
}

// release names the columns from the held rows and emits them.
func (x *extraction) release() error {
	x.profiling = false
	names, err := x.held.Release(x.emit)
	x.names = names
	return err
}

func (x *extraction) finish() error {
	if x.profiling {
		return x.release()
	}
	return nil
}
