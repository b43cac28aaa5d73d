package pdf

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// A table drawn by a report writer puts each cell at its column's x: the
// text layer read in order (findTable) gives one cell per line, and an
// empty cell (no apartment, no middle name) shifts every cell after it.
// Read by position, an empty cell is a gap under its header. layout
// reads a page's text with positions, and posTable finds a table in it:
// a row of header cells, then rows whose cells sit under them.

// run is a piece of text drawn at one place: a cell, a word of one, or a
// line of prose; size is its font size on the page.
type run struct {
	x, y, size float64
	s          string
}

// end estimates where a run's text ends: glyphs average about half their
// font size in width, a little more (the widths themselves are not read).
func (r run) end() float64 {
	return r.x + float64(utf8.RuneCountInString(r.s))*r.size*0.55
}

// wordGap is how far apart (in font sizes) two runs of a row may be and
// still be one cell: writers that place each word on its own ("Date",
// "of", "Birth") leave a word space, about a quarter of it, and the
// estimate of a run's end can be off by a little more.
const wordGap = 0.8

// rowTol is how near in y (points) two runs must be to share a row.
const rowTol = 2.0

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// layout returns the page's runs in rows, top to bottom, each row left to
// right. A run is the text shown from one position: each text-positioning
// operator (BT, Td, TD, Tm, T*, ', ") starts one, at the origin of the
// text matrix in page space. Glyph widths are not needed (ledongthuc's
// Content computes them by reading the font from the file for every
// glyph, forty times the cost of the text itself).
func layout(p lpdf.Page) (rows [][]run, err error) {
	defer func() {
		if x := recover(); x != nil {
			rows, err = nil, fmt.Errorf("%v", x)
		}
	}()
	var runs []run
	var b strings.Builder
	var cur run
	flush := func() {
		if s := strings.TrimSpace(b.String()); s != "" {
			cur.s = s
			runs = append(runs, cur)
		}
		b.Reset()
	}
	walkText(p, func(w *textWalker, e textEvent, raw string, n float64) {
		switch e {
		case evBegin, evMove, evLine:
			// A new run where the text matrix now points.
			flush()
			x, y, size := w.at()
			cur = run{x: x, y: y, size: size}
		case evEnd:
			flush()
		case evShow:
			b.WriteString(w.decode(raw))
		case evGap:
			if n < -200 {
				b.WriteByte(' ') // a gap of a word space or more
			}
		}
	})
	flush()
	// Rows: top (largest y) first, runs within rowTol of a row's first
	// one in it, left to right.
	slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(b.y, a.y) })
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[i].y-runs[j].y < rowTol {
			j++
		}
		row := runs[i:j]
		slices.SortStableFunc(row, func(a, b run) int { return cmp.Compare(a.x, b.x) })
		rows = append(rows, row)
		i = j
	}
	return rows, nil
}

// joinWords returns the runs of a row with those that are words of one
// cell joined: each starts within wordGap font sizes of where the one
// before ends. Header cells and lines of text are read so; the cells of
// a table's rows are not (a long value may come near its neighbour), as
// each goes under its nearest header anyway.
func joinWords(row []run) []run {
	out := []run{row[0]}
	for _, r := range row[1:] {
		last := &out[len(out)-1]
		if gap := r.x - last.end(); gap < wordGap*math.Max(last.size, 1) {
			last.s += " " + r.s
			continue
		}
		out = append(out, r)
	}
	return out
}

// posTable finds the first table in rows: a header row of at least
// minCols cells that name columns (columns.HeaderRow), then at least
// minRows rows of two or more cells, each under the header cell nearest
// its x. It returns the table and the rows it spans, rows[start:end].
func posTable(rows [][]run) (t table, start, end int, ok bool) {
	for h := range rows {
		row := joinWords(rows[h])
		if len(row) < minCols || len(row) > maxCols {
			continue
		}
		head := make([]string, len(row))
		good := true
		for i, r := range row {
			head[i] = r.s
			good = good && headerCell(r.s)
		}
		if !good || !columns.HeaderRow(head) {
			continue
		}
		body, k := bodyRows(rows, h+1, row)
		if len(body) >= minRows && consistent(body) {
			return table{header: head, rows: body, cols: row}, h, k, true
		}
	}
	return table{}, 0, 0, false
}

// bodyRows reads rows from rows[from] on while they have two cells or
// more, each run under the header cell in cols nearest it, and returns
// them and where they end.
func bodyRows(rows [][]run, from int, cols []run) ([][]string, int) {
	var body [][]string
	k := from
	for ; k < len(rows) && len(joinWords(rows[k])) >= 2; k++ {
		cells := make([]string, len(cols))
		for _, r := range rows[k] {
			c := nearest(cols, r.x)
			if cells[c] != "" {
				cells[c] += " "
			}
			cells[c] += r.s
		}
		body = append(body, cells)
	}
	return body, k
}

// alignTol is how near (points) a cell must start to its column's header
// for a page to continue the table of the page before.
const alignTol = 3.0

// contTable reads the rows at the top of a page as the continuation of a
// table whose header, cols, was on the page before: after at most two
// rows of page heading, rows in which two cells or more start where the
// header's cells start.
func contTable(rows [][]run, t table) (table, int, int, bool) {
	for s := 0; s < 3 && s < len(rows); s++ {
		k := s
		for k < len(rows) && aligned(rows[k], t.cols) >= 2 {
			k++
		}
		if k == s {
			continue
		}
		body, _ := bodyRows(rows[:k], s, t.cols)
		if len(body) == k-s && (len(body) < minRows || consistent(body)) {
			return table{header: t.header, rows: body, cols: t.cols}, s, k, true
		}
	}
	return table{}, 0, 0, false
}

// aligned counts the cells of a row that start where a header cell does.
func aligned(row []run, cols []run) int {
	n := 0
	for _, r := range joinWords(row) {
		if math.Abs(cols[nearest(cols, r.x)].x-r.x) <= alignTol {
			n++
		}
	}
	return n
}

// nearest returns the index of the header cell whose x is nearest x.
func nearest(head []run, x float64) int {
	best := 0
	for i, h := range head {
		if math.Abs(h.x-x) < math.Abs(head[best].x-x) {
			best = i
		}
	}
	return best
}

// consistent reports whether the rows read as records: every column of
// three or more values keeps one shape (digits or letters) in four
// values of five, and one column holds digits in all but one of its
// values and in at least minRows rows (an ID, an SSN, a date, an
// amount). Text set in columns (a code listing, a glossary, a calendar)
// fails one or the other.
func consistent(rows [][]string) bool {
	digits := false
	for c := range rows[0] {
		n, num := 0, 0
		for _, r := range rows {
			if r[c] == "" {
				continue
			}
			n++
			if shape(r[c]) == 'n' {
				num++
			}
		}
		if n >= 3 && num*5 < n*4 && (n-num)*5 < n*4 {
			return false
		}
		if n >= minRows && num >= n-1 {
			digits = true
		}
	}
	return digits
}

// mayHoldTable reports whether lines read in order hold a run of
// minCols+1 or more short lines that name columns followed by lines with
// digits: a table of records drawn cell by cell reads so (its header one
// cell per line, then its cells), and only then is the page's layout
// worth reading (it costs several times the text).
func mayHoldTable(lines []string) bool {
	run := 0
	for i, l := range lines {
		if !headerCell(l) {
			run = 0
			continue
		}
		run++
		if run < minCols+1 || !columns.HeaderRow(trimAll(lines[i+1-run:i+1])) {
			continue
		}
		digits := 0
		for _, d := range lines[i+1 : min(len(lines), i+1+minRows*run)] {
			if strings.ContainsAny(d, "0123456789") {
				digits++
			}
		}
		if digits >= minRows {
			return true
		}
	}
	return false
}

// layoutTable reads the page's layout when its text may hold a table,
// and returns the rows and the table found in them, if any.
//
// A table that ran to the foot of the page before (prev, from the last
// call; nil if none) may go on at the top of this one without its header:
// its rows are read under that header. It returns the table to carry to
// the next page, if this one runs to the foot of this page.
func layoutTable(p lpdf.Page, text string, prev *table) (rows [][]run, t table, start, end int, ok bool, carry *table) {
	if prev == nil && !mayHoldTable(strings.Split(text, "\n")) {
		return nil, table{}, 0, 0, false, nil
	}
	rows, err := layout(p)
	if err != nil {
		return nil, table{}, 0, 0, false, nil
	}
	t, start, end, ok = posTable(rows)
	if !ok && prev != nil {
		t, start, end, ok = contTable(rows, *prev)
	}
	if ok && end >= len(rows)-2 {
		// At the foot: a page number or a line of footer may follow.
		carry = &t
	}
	return rows, t, start, end, ok, carry
}

// rowText is a row of runs as a line: cells two spaces apart, as the
// register readers (columns.EmitLines) expect a line of cells.
func rowText(r []run) string {
	r = joinWords(r)
	s := make([]string, len(r))
	for i, x := range r {
		s[i] = x.s
	}
	return strings.Join(s, "  ")
}

// emitLayout emits a page whose layout holds a table: the rows before it
// as text, the table's rows as records whose cells are named by their
// header, then the rows after it, with one count of rows for the page's
// records.
func emitLayout(path string, n int, rows [][]run, t table, start, end int, emit func(scan.Segment) error) error {
	rec := fmt.Sprintf("%s#page=%d", path, n)
	lines := func(rs [][]run) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = rowText(r)
		}
		return out
	}
	count, err := columns.EmitLines(lines(rows[:start]), rec, n, 0, emit)
	if err != nil {
		return err
	}
	count, err = emitRows(rec, n, count, t, emit)
	if err != nil {
		return err
	}
	_, err = columns.EmitLines(lines(rows[end:]), rec, n, count, emit)
	return err
}

// emitRows emits a table's rows as records "rec!row=R", numbered on from
// count, and returns the new count.
func emitRows(rec string, n, count int, t table, emit func(scan.Segment) error) (int, error) {
	for _, row := range t.rows {
		count++
		r := fmt.Sprintf("%s!row=%d", rec, count)
		for c, v := range row {
			if v == "" {
				continue
			}
			if err := emit(scan.Segment{Text: []byte(v), Offset: -1, Page: n, Field: t.header[c], Record: r}); err != nil {
				return count, err
			}
		}
	}
	return count, nil
}
