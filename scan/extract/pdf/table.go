package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan/columns"
)

// A table in a PDF page (a payroll register, a patient list, a report
// printed from a spreadsheet) comes out of the text layer one cell per
// line: the header's cells, then each row's cells in turn. Read as prose,
// a date of birth forty rows below its column's header has no keyword
// near it. table finds such a run: a header of short lines that read as
// column names, then rows of as many lines whose cells keep the same
// shape (digits or letters) column by column.

// table is a table found in a page's lines.
type table struct {
	start, end int // the lines of the header and rows: lines[start:end]
	header     []string
	rows       [][]string
	cols       []run // the header cells where they lie, for a table read by position
}

// Bounds of a table: its columns, its fewest rows, and a header cell's
// length.
const (
	minCols    = 2
	maxCols    = 16
	minRows    = 3
	maxHeadLen = 40
	// maxCellWords bounds the words of a cell: more is a line of cells.
	maxCellWords = 4
)

// findTable returns the table in lines that reads best, if any: the
// most cells, less three for each cell out of its column's shape.
func findTable(lines []string) (table, bool) {
	var best table
	bestScore, found := 0, false
	for h := 0; h+minCols <= len(lines); h++ {
		if !headerCell(lines[h]) {
			continue
		}
		for k := minCols; k <= maxCols && h+k <= len(lines); k++ {
			if !headerCell(lines[h+k-1]) {
				break
			}
			head := lines[h : h+k]
			if !columns.HeaderRow(head) {
				continue
			}
			rows, misses := tableRows(lines[h+k:], k)
			if len(rows) < minRows {
				continue
			}
			if score := len(rows)*k - 3*misses; !found || score > bestScore {
				best, bestScore, found = table{start: h, end: h + k + len(rows)*k, header: trimAll(head), rows: rows}, score, true
			}
		}
	}
	return best, found
}

// headerCell reports whether a line can name a column: short, of a few
// words, with a letter and no digit. (A line of many words is a header
// of a whole row: columns.EmitLines reads those tables.)
func headerCell(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || utf8.RuneCountInString(l) > maxHeadLen || len(strings.Fields(l)) > maxCellWords {
		return false
	}
	letter := false
	for _, r := range l {
		if unicode.IsDigit(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter
}

// shape is what a cell holds: 'n' mostly digits, 'a' mostly letters.
func shape(c string) byte {
	d, l := 0, 0
	for _, r := range c {
		switch {
		case unicode.IsDigit(r):
			d++
		case unicode.IsLetter(r):
			l++
		}
	}
	if d > 0 && d >= l {
		return 'n'
	}
	return 'a'
}

// tableRows reads rows of k lines while they keep the shape of the first
// row column by column (one column may differ when there are four or
// more: a note, a missing middle name), and counts the cells that
// differ.
func tableRows(lines []string, k int) (rows [][]string, misses int) {
	var first []byte
	for r := 0; (r+1)*k <= len(lines); r++ {
		row := trimAll(lines[r*k : (r+1)*k])
		if first == nil {
			first = make([]byte, k)
			for c, v := range row {
				first[c] = shape(v)
			}
			// The header's own shape repeated is not a row of data.
			if !strings.ContainsRune(string(first), 'n') && k > 1 {
				return nil, 0
			}
		}
		miss := 0
		for c, v := range row {
			if len(strings.Fields(v)) > maxCellWords {
				return rows, misses // a line of cells, not a cell
			}
			if v == "" || shape(v) != first[c] {
				miss++
			}
		}
		if miss > 1 || miss == 1 && k < 4 {
			break
		}
		rows = append(rows, row)
		misses += miss
	}
	return rows, misses
}

func trimAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimSpace(l)
	}
	return out
}
