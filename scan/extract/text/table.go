package text

import (
	"bytes"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
)

// Tables printed in text. A database client's output pasted into a
// ticket, a chat or a terminal log is the commonest way a query's result
// leaves a database: MySQL's and SQLite's boxed tables ("| ssn |" between
// "+-----+" rules), psql's aligned output (a header, then "-----+-----"),
// Markdown's ("|---|---|"), SQLite's box drawing ("│ ssn │") and the
// blank-separated columns of sqlcmd and SQL*Plus under a rule of dashes
// ("----- ---------"). Read as prose, a row's name or date of birth has
// no cue; read as a table, each cell is named by its column, as in a CSV
// file. A table is told by a header line followed by a rule line; each
// line after it with as many cells is a row (a record), and the first
// line that is not ends it, as does a blank line. Expanded output, a
// record's values one a line under a mark (psql's "-[ RECORD 1 ]",
// MySQL's "*** 1. row ***"), gives each value named by its column and
// each record its own.

// table is the header of the table being read.
type table struct {
	cols []string
	// gaps, for a table whose columns are separated by blanks, holds
	// the [start, end) of each column in a line, from the rule's runs
	// of dashes; nil for a table whose cells are separated by bars.
	gaps [][2]int
}

// maxHeader bounds the header line kept while the next line is read.
const maxHeader = 4 << 10

// tableLine reads a line of text as part of a table: a rule, a header or
// a row. It reports whether the line has been dealt with (a rule, which
// holds no value, or a row, whose cells have been emitted); otherwise
// the line is text and is emitted as such by the caller.
func (t *splitter) tableLine(seg scan.Segment) (bool, error) {
	line := seg.Text
	if seg.Lead != 0 {
		t.tab, t.header = nil, t.header[:0]
		return false, nil
	}
	if k := recordMark(line); k != 0 {
		t.tab, t.header, t.vert, t.vrec, t.vkey = nil, t.header[:0], k, seg.Record, ""
		return true, nil
	}
	if t.vert != 0 {
		if key, val, ok := pair(line, t.vert); ok {
			if key[0] < key[1] {
				t.vkey = string(line[key[0]:key[1]])
			} // else a value's continuation line, of the same column
			if val[0] == val[1] || t.vkey == "" {
				return true, nil
			}
			cs := seg
			cs.Text = line[val[0]:val[1]]
			cs.Field, cs.Columns, cs.Record = t.vkey, nil, t.vrec
			if seg.Offset >= 0 {
				cs.Offset = seg.Offset + int64(val[0])
			}
			if at := seg.OffsetAt; at != nil {
				a := val[0]
				cs.OffsetAt = func(k int) int64 { return at(a + k) }
			}
			return true, t.emit(cs)
		}
		t.vert = 0
	}
	if t.tab == nil && len(t.header) > 0 {
		if gaps := dashRuns(line); len(gaps) >= 2 {
			if cols := gapCells(t.header, gaps); cols != nil && !hasEmpty(cols) {
				t.tab = &table{cols: names(t.header, cols), gaps: gaps}
				t.header = t.header[:0]
				return true, nil
			}
		}
	}
	if rule(line) {
		if t.tab == nil && len(t.header) > 0 {
			if cols := barCells(t.header); len(cols) >= 2 && !hasEmpty(cols) {
				t.tab = &table{cols: names(t.header, cols)}
			}
		}
		t.header = t.header[:0]
		return t.tab != nil, nil
	}
	if t.tab != nil {
		var cells [][2]int
		if t.tab.gaps != nil {
			cells = gapCells(line, t.tab.gaps)
		} else {
			cells = barCells(line)
		}
		if len(cells) == len(t.tab.cols) {
			return true, t.emitCells(seg, cells)
		}
		t.tab = nil
	}
	t.header = t.header[:0]
	if len(line) <= maxHeader && len(bytes.TrimSpace(line)) > 0 {
		t.header = append(t.header, line...)
	}
	return false, nil
}

// Kinds of records printed one value a line ("expanded" output).
const (
	vertPsql  = 1 // psql's \x: "-[ RECORD 1 ]----", then "ssn | 536-…"
	vertMySQL = 2 // MySQL's \G: "**** 1. row ****", then "ssn: 536-…"
)

// recordMark returns the kind of expanded output whose record's first
// line line is, or 0.
func recordMark(line []byte) int {
	l := bytes.TrimRight(line, " \r")
	switch {
	case bytes.HasPrefix(l, []byte("-[ RECORD ")) && bytes.IndexByte(l, ']') > 0:
		return vertPsql
	case bytes.HasPrefix(l, []byte("***")) && bytes.HasSuffix(l, []byte("***")) && bytes.Contains(l, []byte(". row *")):
		return vertMySQL
	}
	return 0
}

// pair splits a line of expanded output into its column name and value
// (trimmed spans); the name is empty on a long value's continuation
// line. It reports false for a line that is not one.
func pair(line []byte, kind int) (key, val [2]int, ok bool) {
	i, w := bytes.IndexByte(line, '|'), 1
	if kind == vertMySQL {
		i = bytes.Index(line, []byte(": "))
		if i < 0 && bytes.HasSuffix(bytes.TrimRight(line, " \r"), []byte(":")) {
			i = bytes.IndexByte(line, ':') // an empty value
		}
	}
	if i < 0 {
		return key, val, false
	}
	key, val = trimBlank(line, 0, i), trimBlank(line, min(i+w, len(line)), len(line))
	if key[1]-key[0] > 64 || kind == vertMySQL && key[0] == key[1] {
		return key, val, false
	}
	return key, val, true
}

// emitCells emits the cells of a row, each named by its column.
func (t *splitter) emitCells(seg scan.Segment, cells [][2]int) error {
	for i, c := range cells {
		if c[0] == c[1] {
			continue
		}
		cs := seg
		cs.Text = seg.Text[c[0]:c[1]]
		cs.Field, cs.Columns = t.tab.cols[i], t.tab.cols
		if seg.Offset >= 0 {
			cs.Offset = seg.Offset + int64(c[0])
		}
		if at := seg.OffsetAt; at != nil {
			a := c[0]
			cs.OffsetAt = func(k int) int64 { return at(a + k) }
		}
		if err := t.emit(cs); err != nil {
			return err
		}
	}
	return nil
}

// hasEmpty reports whether a header has a column with no name.
func hasEmpty(cols [][2]int) bool {
	for _, c := range cols {
		if c[0] == c[1] {
			return true
		}
	}
	return false
}

// tableish reports whether a line may be part of a table, cheaply: it
// holds a bar, or starts (after blanks) with a character a rule starts
// with. Other lines are only kept as the header a rule may follow.
func tableish(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return false
	}
	switch line[i] {
	case '-', '+', '|', '=', ':', '*', 0xE2:
		return true
	}
	return bytes.IndexByte(line[i:], '|') >= 0
}

// Printed reports whether head, the first bytes of a file, holds a
// table whose cells are separated by bars under a rule, as a database
// client prints it or Markdown writes it. Such a file is read by this
// extractor, which knows a rule from a row, rather than as delimited
// or fixed-width text.
func Printed(head []byte) bool {
	return hasTable(head, '\n', false)
}

// hasTable reports whether a paragraph holds a table: a header line
// followed by a rule line; with gaps, a blank-separated table too.
func hasTable(p []byte, eol byte, blanks bool) bool {
	if bytes.IndexByte(p, '|') < 0 && !bytes.Contains(p, []byte("---")) && !bytes.Contains(p, []byte(bar)) && !bytes.Contains(p, []byte(". row *")) {
		return false
	}
	var prev []byte
	for l := range bytes.SplitSeq(p, []byte{eol}) {
		if recordMark(l) != 0 {
			return true
		}
		if len(prev) > 0 {
			if gaps := dashRuns(l); gaps != nil {
				if cols := gapCells(prev, gaps); blanks && cols != nil && !hasEmpty(cols) {
					return true
				}
			} else if rule(l) {
				if cols := barCells(prev); len(cols) >= 2 && !hasEmpty(cols) {
					return true
				}
			}
		}
		prev = l
	}
	return false
}

// names returns the header's cells as column names.
func names(header []byte, cols [][2]int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = string(header[c[0]:c[1]])
	}
	return out
}

// bar is SQLite's box-drawing column separator, U+2502.
const bar = "\u2502"

// barCells splits a line at its bars ("|" or "│") into the spans of its
// trimmed cells; a bar at either end only closes the row. It returns
// nil for a line with no bar.
func barCells(line []byte) [][2]int {
	l := trimBlank(line, 0, len(line))
	a, b := l[0], l[1]
	if a == b || bytes.IndexByte(line[a:b], '|') < 0 && !bytes.Contains(line[a:b], []byte(bar)) {
		return nil
	}
	if line[a] == '|' {
		a++
	} else if bytes.HasPrefix(line[a:b], []byte(bar)) {
		a += len(bar)
	}
	if b > a && line[b-1] == '|' {
		b--
	} else if bytes.HasSuffix(line[a:b], []byte(bar)) {
		b -= len(bar)
	}
	var cells [][2]int
	start := a
	for i := a; i <= b; {
		w := 0
		switch {
		case i == b:
		case line[i] == '|':
			w = 1
		case line[i] == bar[0] && bytes.HasPrefix(line[i:b], []byte(bar)):
			w = len(bar)
		default:
			i++
			continue
		}
		cells = append(cells, trimBlank(line, start, i))
		if i == b {
			break
		}
		i += w
		start = i
	}
	return cells
}

// trimBlank returns [a, b) without the blanks at either end.
func trimBlank(line []byte, a, b int) [2]int {
	for a < b && (line[a] == ' ' || line[a] == '\t') {
		a++
	}
	for b > a && (line[b-1] == ' ' || line[b-1] == '\t' || line[b-1] == '\r') {
		b--
	}
	return [2]int{a, b}
}

// rule reports whether a line is a table's rule: only dashes (three or
// more), pluses, bars, colons, equals signs, blanks and box-drawing
// characters, with a plus, a bar or a box-drawing junction among them
// (a line of dashes alone is a prose divider, or a blank-separated
// table's rule, see dashRuns).
func rule(line []byte) bool {
	dashes, joins, ok := RuleMarks(line)
	return ok && dashes >= 3 && joins > 0
}

// RuleMarks counts the lines (dashes, equals signs, horizontal box
// drawing) and the junctions (pluses, bars, other box drawing) in b, and
// reports whether b holds nothing else but colons and blanks: whether
// it can be (part of) a printed table's rule. The csv extractor skips a
// record made of such cells, a rule saved as delimited text.
func RuleMarks(b []byte) (dashes, joins int, ok bool) {
	for i := 0; i < len(b); {
		switch b[i] {
		case '-', '=':
			dashes++
		case '+', '|':
			joins++
		case ':', ' ', '\t', '\r':
		default:
			r, w := utf8.DecodeRune(b[i:])
			if r < 0x2500 || r > 0x257F {
				return dashes, joins, false
			}
			if r == 0x2500 || r == 0x2550 || r == 0x2501 {
				dashes++
			} else {
				joins++
			}
			i += w
			continue
		}
		i++
	}
	return dashes, joins, true
}

// dashRuns returns the runs of dashes of a line that holds only dashes
// and blanks, at least two runs of three or more, as sqlcmd and SQL*Plus
// draw a rule under their column names; each run gives its column's
// place, which extends to the next run.
func dashRuns(line []byte) [][2]int {
	var runs [][2]int
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ', '\t', '\r':
			i++
		case '-':
			j := i
			for j < len(line) && line[j] == '-' {
				j++
			}
			if j-i < 3 {
				return nil
			}
			runs = append(runs, [2]int{i, j})
			i = j
		default:
			return nil
		}
	}
	if len(runs) < 2 {
		return nil
	}
	for k := range runs[:len(runs)-1] {
		runs[k][1] = runs[k+1][0] - 1
	}
	runs[len(runs)-1][1] = -1 // the last column runs to the end of the line
	return runs
}

// gapCells cuts a line of a blank-separated table at its columns'
// places. It returns nil when the line does not fit them: a character
// where a blank separates two columns, a first column left empty or
// more text past the rule than a last column would hold.
func gapCells(line []byte, gaps [][2]int) [][2]int {
	if len(line) <= gaps[0][0] || line[gaps[0][0]] == ' ' {
		return nil
	}
	cells := make([][2]int, len(gaps))
	for k, g := range gaps {
		a, b := g[0], g[1]
		if b < 0 || b > len(line) {
			b = len(line)
		}
		if a > len(line) {
			a = len(line)
		}
		if k > 0 && a > 0 && a <= len(line) && line[a-1] != ' ' && line[a-1] != '\t' {
			return nil
		}
		cells[k] = trimBlank(line, a, b)
	}
	return cells
}
