// Package csv extracts the cells of delimited text files: CSV, TSV and
// files separated by semicolons or pipes. The delimiter is sniffed from
// the first lines; quoted fields may hold delimiters, doubled quotes and
// newlines. Each cell becomes a segment whose Field is its column header
// (when the first row is a header) and whose Record is the row, so that
// file[Start:End] is exactly the cell's value. Memory is bounded: the
// file is read through a window that grows only to hold one record.
package csv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/text"
)

// MaxRecord is the largest record (row) read; a longer one stops the
// source with an error.
const MaxRecord = 64 << 20

// Extractor reads delimited text.
type Extractor struct{}

// Format returns "csv".
func (Extractor) Format() string { return "csv" }

// Accepts takes files named .csv, .tsv, .tab or .psv; .txt and .dat
// files whose first lines are plainly delimited (exports from
// spreadsheets and mainframes are often named so); and delimited text
// saved as .xls.
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv", ".tab", ".psv":
		return !scan.Binary(head)
	case ".txt", ".dat":
		// A table a database client printed ("| ssn |" under
		// "+-----+") is the text extractor's, which tells its rules.
		return !scan.Binary(head) && Delimited(head) && !text.Printed(head)
	case ".xls":
		// Delimited text saved as .xls, as many applications export
		// "Excel" files; a real workbook is binary, markup goes to xml.
		h := bytes.TrimLeft(head, " \t\r\n\xEF\xBB\xBF")
		return !scan.Binary(head) && !bytes.HasPrefix(h, []byte("<"))
	}
	return false
}

// Sniff picks the delimiter of head: the candidate (comma, tab,
// semicolon, pipe) that occurs outside quotes most often on the first
// line and as often on the next lines.
func Sniff(head []byte, name string) byte {
	best, bestScore := byte(','), -1
	if strings.EqualFold(path.Ext(name), ".tsv") || strings.EqualFold(path.Ext(name), ".tab") {
		best = '\t'
	}
	if strings.EqualFold(path.Ext(name), ".psv") {
		best = '|'
	}
	lines := splitLines(head, 16)
	// Title lines above the table (a report's name, when it was made)
	// hold no delimiter: the table's lines decide.
	for k := 0; k < 10 && len(lines) > 1 && !hasDelim(lines[0]); k++ {
		lines = lines[1:]
	}
	if len(lines) > 6 {
		lines = lines[:6]
	}
	for _, d := range []byte{',', '\t', ';', '|'} {
		if len(lines) == 0 {
			break
		}
		n0 := countOutside(lines[0], d)
		if n0 == 0 {
			continue
		}
		score := n0 * 10
		for _, l := range lines[1:] {
			if countOutside(l, d) == n0 {
				score += 5
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// Delimited reports whether head (the first bytes of a file, UTF-8 or
// UTF-16 with a byte order mark) is a table rather than prose: at least
// three complete lines with the same number of one delimiter outside
// quotes — a tab or pipe at least once, a semicolon or comma at least
// twice, as sentences seldom hold two commas on every line, and not
// every line ending with a full stop, as a paragraph does — or two
// lines of three or more columns cut by tabs or pipes.
func Delimited(head []byte) bool {
	if dec, _ := scan.Decoder16(head); dec != nil {
		h, _ := dec.Bytes(head[:len(head)&^1])
		head = h
	}
	lines := splitLines(head, 6)
	if len(lines) < 2 || bytes.IndexByte(head, '\n') < 0 {
		return false
	}
	for _, d := range []byte{'\t', '|', ';', ','} {
		n0 := countOutside(lines[0], d)
		if n0 == 0 || (d == ',' || d == ';') && n0 < 2 {
			continue
		}
		if len(lines) == 2 && (n0 < 2 || d == ',' || d == ';') {
			// A header and one row: a table only when three or more
			// columns are cut by tabs or pipes, which prose never holds.
			continue
		}
		same, lead, stops := true, 0, 0
		for _, l := range lines {
			if countOutside(l, d) != n0 {
				same = false
				break
			}
			if len(l) > 0 && l[0] == d {
				lead++
			}
			if t := bytes.TrimRight(l, " \r"); len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == '?' || t[len(t)-1] == '!') {
				stops++
			}
		}
		// Every line starting with the delimiter is indentation (a tab
		// before each line of prose), not an empty first column; every
		// line ending as a sentence does is a paragraph, its commas
		// the sentence's.
		if same && lead < len(lines) && !(stops == len(lines) && (d == ',' || d == ';')) {
			return true
		}
	}
	return false
}

// hasDelim reports whether a line holds a candidate delimiter outside
// quotes.
func hasDelim(l []byte) bool {
	for _, d := range []byte{',', '\t', ';', '|'} {
		if countOutside(l, d) > 0 {
			return true
		}
	}
	return false
}

// tableWidth is how many columns the table in head has: one more than
// the delimiters on its first line that has any; 1 when none has.
func tableWidth(head []byte, d byte) int {
	for _, l := range splitLines(head, 16) {
		if n := countOutside(l, d); n > 0 {
			return n + 1
		}
	}
	return 1
}

func splitLines(b []byte, n int) [][]byte {
	var out [][]byte
	for len(out) < n {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break // an incomplete last line says little
		}
		out = append(out, b[:i])
		b = b[i+1:]
	}
	if len(out) == 0 && len(b) > 0 {
		out = append(out, b)
	}
	return out
}

func countOutside(l []byte, d byte) int {
	n, q := 0, false
	for _, c := range l {
		if c == '"' {
			q = !q
		} else if c == d && !q {
			n++
		}
	}
	return n
}

// Extract reads in.R and emits one segment per non-empty cell.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	bufSize := 256 << 10
	if in.Size >= 0 && in.Size+16 < int64(bufSize) {
		bufSize = max(int(in.Size)+16, 512) // a small file: a small buffer
	}
	p := &parser{r: in.R, buf: make([]byte, 0, bufSize)}
	// Sniff from the first bytes.
	if err := p.fill(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if bytes.HasPrefix(p.buf, []byte{0xEF, 0xBB, 0xBF}) {
		p.pos = 3
	}
	if dec, bom := scan.Decoder16(p.buf); dec != nil {
		// UTF-16, as Excel's "Unicode Text" export (with a byte order
		// mark) and SQL Server's bcp -w (without) write: decoded to
		// UTF-8 as it is read, each cell located in the UTF-16 file by
		// counting code units.
		p = &parser{r: dec.Reader(io.MultiReader(bytes.NewReader(bytes.Clone(p.buf)), in.R)), buf: p.buf[:0], decoded: true, bom: int64(bom), size: in.Size}
		if err := p.fill(); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("UTF-16 text: %v", err)
		}
	}
	defer func() {
		if p.strays > 0 {
			in.Warning(fmt.Sprintf("%d quoted field(s) never closed, the first at byte %d: each opening quote was read as a character, and the rows after it as rows", p.strays, p.strayFrom))
		}
	}()
	head := p.buf[p.pos:min(len(p.buf), p.pos+8192)]
	p.eol = '\n'
	if bytes.IndexByte(p.buf, '\n') < 0 && bytes.IndexByte(p.buf, '\r') >= 0 {
		// Lines end in CR alone, as classic Mac OS wrote them (Excel's
		// "CSV (Macintosh)"): CR ends a record. The sniffing reads a
		// copy with LF.
		p.eol = '\r'
		head = bytes.ReplaceAll(head, []byte{'\r'}, []byte{'\n'})
	}
	p.delim = Sniff(head, in.Path)
	// A table of several columns may have title lines above it: records
	// of one value before the header are its preamble, emitted as text.
	preamble := tableWidth(head, p.delim) >= 2
	pre := 0
	var header []string
	var cols []string // the header's names, given to each cell (scan.Segment.Columns)
	group := 0        // cells of a header with gaps, until the next record is read
	// The columns of a table of label-value pairs (an entity-attribute-
	// value export).
	pairs := columns.Pairs{Label: -1, Value: -1, Entity: -1}
	row := 0
	var cells []cell
	var rec string
	var names scan.RecordNames
	rowPrefix := in.Path + "#row="
	var seg scan.Segment
	// A file without a header row is profiled: its first rows are held
	// back until the columns' contents have been looked at, then emitted
	// with the names inferred, like the rows after them.
	profiling := false
	var held columns.Holder
	release := func() error {
		profiling = false
		names, err := held.Release(emit)
		header = append(names, "")
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		cells, err = p.record(cells[:0])
		if err != nil {
			return err
		}
		if cells == nil {
			if profiling {
				return release()
			}
			return nil
		}
		if ruleRow(p, cells) {
			continue // "+----+----+", "|---|---|": a printed table's border holds no value
		}
		if header == nil && row == 0 && preamble && pre < 10 && filled(p, cells) <= 1 {
			pre++
			for i := range cells {
				if cellSegment(p, &cells[i], in.Path+"#preamble="+strconv.Itoa(pre), &seg) {
					if err := emit(seg); err != nil {
						return err
					}
				}
			}
			continue
		}
		preamble = false
		if group > 0 {
			// Under a header with gaps (a group header exported from
			// merged cells), a wider row of names is the header; the
			// group's names stay on the columns it leaves empty.
			n := filled(p, cells)
			wider := n > group && isHeader(p, cells) && !hasDigits(p, cells)
			group = 0
			if wider {
				for len(header)-1 < len(cells) {
					header = slices.Insert(header, len(header)-1, "")
				}
				for i, name := range cellNames(p, cells) {
					if name != "" {
						header[i] = name
					}
				}
				pairs = columns.PairColumns(header)
				cols = nil
				continue
			}
		}
		if header == nil && row == 0 {
			if isHeader(p, cells) {
				// A directory export's short attribute names glossed
				// ("sn (surname)"); the sentinel keeps row 0 from being
				// tested again.
				header = append(columns.Directory(cellNames(p, cells)), "")
				pairs = columns.PairColumns(header)
				if n := filled(p, cells); n < len(cells) && n > 0 {
					group = n
				}
				row = 0
				continue
			}
			header = []string{""}
			profiling = true
		}
		row++
		if cols == nil && len(header) > 1 {
			cols = slices.Clone(header[:len(header)-1])
		}
		rec = names.Name(rowPrefix, row)
		label := "" // the row's label, in a table of label-value pairs
		for i := range cells {
			c := &cells[i]
			if profiling && c.unesc != nil {
				// Held past this record: off the record's arenas.
				c.val, c.unesc = bytes.Clone(c.val), slices.Clone(c.unesc)
			}
			if !cellSegment(p, c, rec, &seg) {
				continue
			}
			if profiling {
				if c.unesc == nil && utf8.Valid(seg.Text) {
					seg.Text = bytes.Clone(seg.Text) // it points into the read buffer
				}
				held.Add(i, seg)
				continue
			}
			if i < len(header)-1 {
				seg.Field, seg.Columns = header[i], cols
				switch {
				case i == pairs.Entity:
					// One record per entity, not per row: a person's
					// name, SSN and birth date are rows of their own.
					rec = in.Path + "#" + header[i] + "=" + strings.TrimSpace(string(seg.Text))
				case i == pairs.Label:
					label = columns.PairLabel(string(seg.Text))
				case i == pairs.Value && label != "":
					seg.Field = label // a meta_value named by its meta_key
				}
				seg.Record = rec
			}
			if err := emit(seg); err != nil {
				return err
			}
		}
		if profiling && held.EndRow() {
			if err := release(); err != nil {
				return err
			}
		}
	}
}

// cellSegment sets seg to the segment of a non-empty cell: its text
// (decoded from Latin-1 when it is not UTF-8) and where each byte is in
// the file. It reports false for an empty or blank cell. seg is reused
// from cell to cell: a fresh Segment returned by value for each was a
// fifth of the extractor's time.
func cellSegment(p *parser, c *cell, rec string, seg *scan.Segment) bool {
	t := c.text(p)
	if blank(t) {
		return false
	}
	seg.Text, seg.Offset, seg.OffsetAt, seg.Record, seg.Field, seg.Columns = t, c.off, nil, rec, "", nil
	if p.decoded {
		// UTF-16: each code unit is two bytes of the file, after its
		// byte order mark if it has one. A byte of the cell's UTF-8
		// text is at the units before the cell, and before it in the
		// cell (a doubled quote, dropped from the text, counts as one
		// more).
		seg.Offset = -1
		base := p.bom + 2*(p.ubase+p.unitsTo(int(c.off-p.base)))
		text, m, size := bytes.Clone(t), c.unesc, p.size
		seg.OffsetAt = func(i int) int64 {
			i = min(max(i, 0), len(text))
			u := int64(utf16Units(text[:i]))
			if m != nil && i < len(m) {
				u += int64(m[i] - i)
			} else if m != nil && len(m) > 0 {
				u += int64(m[len(m)-1] + 1 - len(m))
			}
			if o := base + 2*u; size < 0 || o <= size {
				return o
			}
			return size // a last odd byte decoded as U+FFFD
		}
		return true
	}
	if c.unesc != nil {
		seg.Offset = -1
		m := c.unesc
		base := c.off
		seg.OffsetAt = func(i int) int64 {
			if i >= len(m) {
				if len(m) == 0 {
					return base
				}
				return base + int64(m[len(m)-1]) + 1
			}
			return base + int64(m[i])
		}
	}
	if !utf8.Valid(t) {
		// Not UTF-8: an export in Latin-1 (or Windows-1252), as
		// spreadsheet programs write them. Decode the cell and map each
		// decoded byte back to the byte it came from.
		dec, from := latin1(t)
		at := seg.OffsetAt
		if at == nil {
			base := c.off
			at = func(i int) int64 { return base + int64(i) }
		}
		n := len(t)
		seg.Text, seg.Offset = dec, -1
		seg.OffsetAt = func(i int) int64 {
			if i >= len(from) {
				return at(n)
			}
			return at(from[i])
		}
	}
	return true
}

// blank reports whether t is empty or white space only, as
// bytes.TrimSpace would leave nothing, without its cost on the common
// cell that starts with a printable ASCII byte.
func blank(t []byte) bool {
	for _, b := range t {
		switch b {
		case ' ', '\t', '\r', '\n', '\v', '\f':
			continue
		}
		if b < utf8.RuneSelf {
			return false
		}
		return len(bytes.TrimSpace(t)) == 0
	}
	return true
}

// latin1 decodes b as ISO 8859-1 (every byte one character, as the text
// extractor reads invalid UTF-8) into UTF-8, and returns for each byte of
// the result the index in b of the byte it came from.
func latin1(b []byte) ([]byte, []int) {
	out := make([]byte, 0, len(b)+len(b)/4)
	from := make([]int, 0, cap(out))
	for i, c := range b {
		if c < 0x80 {
			out = append(out, c)
			from = append(from, i)
			continue
		}
		out = append(out, 0xC0|c>>6, 0x80|c&0x3F)
		from = append(from, i, i)
	}
	return out, from
}

// isHeader says whether the first record names columns: every cell has
// a letter, none has an '@' or is mostly digits.
// filled counts the cells that are not blank.
func filled(p *parser, cells []cell) int {
	n := 0
	for i := range cells {
		if !blank(cells[i].text(p)) {
			n++
		}
	}
	return n
}

// cellNames returns the cells' text, trimmed, as column names.
func cellNames(p *parser, cells []cell) []string {
	names := make([]string, len(cells))
	for i, c := range cells {
		t := c.text(p)
		if !utf8.Valid(t) {
			t, _ = latin1(t)
		}
		names[i] = strings.TrimSpace(string(t))
	}
	return names
}

// hasDigits reports whether a cell holds a digit.
func hasDigits(p *parser, cells []cell) bool {
	for _, c := range cells {
		if bytes.ContainsAny(c.text(p), "0123456789") {
			return true
		}
	}
	return false
}

// ruleRow reports whether a record is a rule of a table printed by a
// database client or written in Markdown and saved as delimited text:
// psql's "-----+-----", Markdown's "|---|:--:|", MySQL's "+---+---+",
// SQLite's box drawing. Only dashes, equals signs, pluses, colons,
// blanks and box-drawing characters, three dashes at least. Taken for a
// row, it would be the first value of each column.
func ruleRow(p *parser, cells []cell) bool {
	dashes := 0
	for _, c := range cells {
		d, _, ok := text.RuleMarks(c.text(p))
		if !ok {
			return false
		}
		dashes += d
	}
	return dashes >= 3
}

func isHeader(p *parser, cells []cell) bool {
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		t := c.text(p)
		letters, digits := 0, 0
		for _, b := range t {
			switch {
			case b >= '0' && b <= '9':
				digits++
			case b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z':
				letters++
			case b == '@':
				return false
			}
		}
		if len(bytes.TrimSpace(t)) > 0 && (letters == 0 || digits > letters) || len(t) > 64 {
			return false
		}
	}
	// Letters alone do not make a header: "Anna,Berg,1200 Mission St"
	// is a person. Taken for a header, that row would never be scanned.
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = strings.TrimSpace(string(c.text(p)))
	}
	return !columns.LooksLikeData(texts)
}

// cell is one field of the current record: where its value starts in the
// file and where it sits in the parser's buffer, or its unescaped copy.
type cell struct {
	off        int64 // file offset of the first byte of the value
	start, end int   // in p.buf
	unesc      []int // for a value with doubled quotes: buffer offsets (relative to off) of each byte of val
	val        []byte
}

func (c cell) text(p *parser) []byte {
	if c.unesc != nil {
		return c.val
	}
	return p.buf[c.start:c.end]
}

type parser struct {
	r     io.Reader
	buf   []byte
	pos   int   // next byte to read in buf
	base  int64 // file offset of buf[0]
	eof   bool
	delim byte
	eol   byte // what ends a record: LF, or CR in a file without LF
	// decoded is set when the bytes parsed were decoded from UTF-16:
	// offsets into them are not offsets into the file. ubase counts the
	// UTF-16 code units before buf[0]; uCount those of buf[:uIdx].
	decoded       bool
	bom           int64 // the length of a decoded file's byte order mark
	ubase, uCount int64
	uIdx          int
	size          int64 // of the file, or -1: decoded offsets stay inside it
	// vals and unescs hold the unescaped text of quoted cells with
	// doubled quotes, and its map to the raw bytes, for one record.
	vals   []byte
	unescs []int
	// strays counts the quotes that opened a field and never closed it
	// (at the end of the file, or past strayLimit bytes): each was read
	// as a character, so that the rows after it are not one cell.
	strays    int
	strayFrom int64 // the file offset of the first (in a UTF-16 file, of the decoded text)
}

// strayLimit is how far a quoted field may run before its opening quote
// is taken for a stray one: real quoted cells (a note with line breaks)
// are far shorter, and a stray quote early in a large export would
// otherwise hold every later row in one cell until MaxRecord stops the
// read.
const strayLimit = 1 << 20

// fill reads more bytes into buf, compacting what was consumed before pos
// only when told (keep is the first index still needed).
func (p *parser) fill() error {
	if p.eof {
		return io.EOF
	}
	if len(p.buf) == cap(p.buf) {
		if cap(p.buf) >= MaxRecord {
			return fmt.Errorf("a record is longer than %d MiB", MaxRecord>>20)
		}
		nb := make([]byte, len(p.buf), 2*cap(p.buf))
		copy(nb, p.buf)
		p.buf = nb
	}
	n, err := p.r.Read(p.buf[len(p.buf):cap(p.buf)])
	p.buf = p.buf[:len(p.buf)+n]
	if errors.Is(err, io.EOF) {
		p.eof = true
		if n > 0 {
			return nil
		}
		return io.EOF
	}
	return err
}

// compact drops the bytes before keep.
func (p *parser) compact(keep int) {
	if keep == 0 {
		return
	}
	if p.decoded {
		p.ubase += int64(utf16Units(p.buf[:keep]))
		p.uIdx, p.uCount = 0, 0
	}
	n := copy(p.buf, p.buf[keep:])
	p.buf = p.buf[:n]
	p.base += int64(keep)
	p.pos -= keep
}

// unitsTo returns the UTF-16 code units of buf[:idx], counting on from
// the last answer: cells are located in order.
func (p *parser) unitsTo(idx int) int64 {
	if idx < p.uIdx {
		p.uIdx, p.uCount = 0, 0
	}
	p.uCount += int64(utf16Units(p.buf[p.uIdx:idx]))
	p.uIdx = idx
	return p.uCount
}

// utf16Units returns how many UTF-16 code units the UTF-8 text b takes:
// one for each character, two for one beyond the Basic Multilingual
// Plane (a four-byte sequence).
func utf16Units(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
		if c >= 0xF0 {
			n++
		}
	}
	return n
}

// record parses the next record into cells; nil at the end of input.
func (p *parser) record(cells []cell) ([]cell, error) {
	for {
		// Skip empty lines between records.
		for p.pos < len(p.buf) && (p.buf[p.pos] == '\n' || p.buf[p.pos] == '\r') {
			p.pos++
		}
		if p.pos < len(p.buf) {
			break
		}
		p.compact(p.pos)
		if err := p.fill(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			return nil, err
		}
	}
	start := p.pos
	for {
		cs, end, ok := p.parse(start, cells)
		if ok {
			p.pos = end
			return cs, nil
		}
		// Need more bytes: keep the record start.
		if start > 0 {
			p.compact(start)
			start = 0
		}
		if err := p.fill(); err != nil {
			if errors.Is(err, io.EOF) {
				cs, end, _ := p.parseFinal(start, cells)
				p.pos = end
				return cs, nil
			}
			return nil, err
		}
	}
}

// stray reports whether the quote at b[i] opens a field that never
// closes: none follows in the rest of the file (final), or none within
// strayLimit bytes. It counts such quotes.
func (p *parser) stray(b []byte, i int, final bool) bool {
	end := min(len(b), i+1+strayLimit)
	for j := i + 1; j < end; {
		k := bytes.IndexByte(b[j:end], '"')
		if k < 0 {
			break
		}
		j += k
		if j+1 < len(b) && b[j+1] == '"' {
			j += 2
			continue
		}
		return false // it closes
	}
	if !final && len(b)-i <= strayLimit {
		return false // more bytes may close it
	}
	if p.strays == 0 {
		p.strayFrom = p.base + int64(i)
	}
	p.strays++
	return true
}

// parse parses a record starting at buf[i]; ok is false when the buffer
// ends before the record does.
func (p *parser) parse(i int, cells []cell) ([]cell, int, bool) {
	return p.parseAt(i, cells, false)
}

func (p *parser) parseFinal(i int, cells []cell) ([]cell, int, bool) {
	return p.parseAt(i, cells, true)
}

func (p *parser) parseAt(i int, cells []cell, final bool) ([]cell, int, bool) {
	b := p.buf
	d := p.delim
	cells = cells[:0]
	p.vals, p.unescs = p.vals[:0], p.unescs[:0]
	for {
		if i < len(b) && b[i] == '"' && !p.stray(b, i, final) {
			// Quoted field.
			j := i + 1
			esc := false
			for {
				k := bytes.IndexByte(b[j:], '"')
				if k < 0 {
					return nil, 0, false // stray said more bytes may close it
				}
				j += k
				if j+1 < len(b) && b[j+1] == '"' {
					esc = true
					j += 2
					continue
				}
				if j+1 >= len(b) && !final {
					return nil, 0, false
				}
				break
			}
			c := cell{off: p.base + int64(i+1), start: i + 1, end: j}
			if esc {
				// Unescaped into the record's arenas: a cell's val and
				// unesc are valid until the next record, like the cell.
				raw := b[i+1 : j]
				v, u := len(p.vals), len(p.unescs)
				for k := 0; k < len(raw); k++ {
					p.vals = append(p.vals, raw[k])
					p.unescs = append(p.unescs, k)
					if raw[k] == '"' && k+1 < len(raw) && raw[k+1] == '"' {
						k++
					}
				}
				c.val, c.unesc = p.vals[v:len(p.vals):len(p.vals)], p.unescs[u:len(p.unescs):len(p.unescs)]
			}
			cells = append(cells, c)
			i = j + 1
			// Skip anything up to the delimiter or end of line.
			for i < len(b) && b[i] != d && b[i] != p.eol {
				i++
			}
		} else {
			j := i
			for j < len(b) && b[j] != d && b[j] != p.eol {
				j++
			}
			if j >= len(b) && !final {
				return nil, 0, false
			}
			e := j
			if e > i && b[e-1] == '\r' {
				e--
			}
			cells = append(cells, cell{off: p.base + int64(i), start: i, end: e})
			i = j
		}
		if i >= len(b) {
			if !final {
				return nil, 0, false
			}
			return cells, i, true
		}
		if b[i] == p.eol {
			return cells, i + 1, true
		}
		i++ // delimiter
	}
}
