package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// Rows turns the rows of one worksheet into segments, one per cell,
// located by sheet and cell and named by their column's header. The
// first non-empty row is the header when it looks like one; a sheet
// without a header row is profiled, its first rows held back until its
// columns are named from their values. Rows of one value above the
// first wider row (a report's title, when it was run) are its preamble:
// emitted as text, they do not stand for the header; in a sheet of one
// column they are its rows. A header with gaps (a group header over
// merged cells) gives way to a wider header row under it. The xlsx and
// xls extractors share it, so that a sheet reads the same in either
// format.
type Rows struct {
	in      *scan.Input
	sheet   string
	emit    func(scan.Segment) error
	header  map[int]string
	cols    []string // the header's names, given to each cell (scan.Segment.Columns)
	decided bool
	// group is a header row with gaps (a group header over merged cells,
	// "Customer" over "First" and "Last"): the row under it may be the
	// header that names every column.
	group     []Cell
	profiling bool
	held      columns.Holder
	// lead holds the leading rows of one value until a wider row says
	// they are a preamble, or the sheet's end that they are its rows.
	lead    [][]Cell
	leadNum []int
}

// maxLead is how many leading rows of one value are held.
const maxLead = 10

// NewRows starts the rows of the sheet named sheet of in.
func NewRows(in *scan.Input, sheet string, emit func(scan.Segment) error) *Rows {
	return &Rows{in: in, sheet: sheet, emit: emit}
}

// Row emits, or holds back, the non-empty cells of row rowNum (1-based).
func (r *Rows) Row(rowNum int, row []Cell) error {
	if len(row) == 0 {
		return nil
	}
	if !r.decided {
		switch {
		case len(row) == 1 && len(r.lead) < maxLead:
			r.lead = append(r.lead, append([]Cell(nil), row...))
			r.leadNum = append(r.leadNum, rowNum)
			return nil
		case len(row) > 1 && len(r.lead) > 0:
			// The held rows were a preamble above the table.
			for i, l := range r.lead {
				rec := fmt.Sprintf("%s#sheet=%s!row=%d", r.in.Path, r.sheet, r.leadNum[i])
				for _, c := range l {
					if err := r.emit(scan.Segment{Text: []byte(c.Text), Offset: -1, Sheet: r.sheet, Cell: c.Ref, Record: rec}); err != nil {
						return err
					}
				}
			}
			r.lead, r.leadNum = nil, nil
		case len(r.lead) > 0:
			// A column of single values: the held rows are its first.
			if err := r.replay(); err != nil {
				return err
			}
		}
	}
	return r.row(rowNum, row)
}

// replay passes the held leading rows on as the sheet's first rows.
func (r *Rows) replay() error {
	lead, nums := r.lead, r.leadNum
	r.lead, r.leadNum = nil, nil
	for i, l := range lead {
		if err := r.row(nums[i], l); err != nil {
			return err
		}
	}
	return nil
}

// row emits, or holds back, a row past any preamble.
func (r *Rows) row(rowNum int, row []Cell) error {
	isHeader := false
	if !r.decided {
		r.decided = true
		texts := make([]string, len(row))
		for i, c := range row {
			texts[i] = strings.TrimSpace(c.Text)
		}
		if looksLikeHeader(row) && !columns.LooksLikeData(texts) {
			isHeader = true
			r.header = map[int]string{}
			for _, c := range row {
				r.header[c.Col] = strings.TrimSpace(c.Text)
			}
			if row[len(row)-1].Col-row[0].Col+1 > len(row) {
				r.group = append([]Cell(nil), row...)
			}
		} else {
			r.profiling = true
		}
	} else if g := r.group; g != nil {
		// Under a group header, a wider row of names is the header; the
		// group's names stay on columns it leaves empty.
		r.group = nil
		texts := make([]string, len(row))
		for i, c := range row {
			texts[i] = strings.TrimSpace(c.Text)
		}
		if len(row) > len(g) && looksLikeHeader(row) && allNames(row) && !columns.LooksLikeData(texts) {
			isHeader = true
			for _, c := range row {
				r.header[c.Col] = strings.TrimSpace(c.Text)
			}
			r.cols = nil
		}
	}
	rec := fmt.Sprintf("%s#sheet=%s!row=%d", r.in.Path, r.sheet, rowNum)
	for _, c := range row {
		seg := scan.Segment{Text: []byte(c.Text), Offset: -1, Sheet: r.sheet, Cell: c.Ref, Record: rec}
		if r.profiling {
			r.held.Add(c.Col, seg)
			continue
		}
		if !isHeader {
			seg.Field = r.header[c.Col]
			if r.cols == nil && len(r.header) > 0 {
				for _, name := range r.header {
					r.cols = append(r.cols, name)
				}
				slices.Sort(r.cols) // in a steady order: a map's is random
			}
			seg.Columns = r.cols
		}
		if err := r.emit(seg); err != nil {
			return err
		}
	}
	if r.profiling && r.held.EndRow() {
		return r.release()
	}
	return nil
}

// allNames reports whether every cell of a row could name a column: text
// with a letter, no digit and no '@'.
func allNames(row []Cell) bool {
	for _, c := range row {
		t := strings.TrimSpace(c.Text)
		if !c.IsText || len(t) > 64 || strings.ContainsAny(t, "0123456789@") || strings.IndexFunc(t, isLetter) < 0 {
			return false
		}
	}
	return true
}

// Finish emits the held rows of a sheet too short to finish profiling.
func (r *Rows) Finish() error {
	if err := r.replay(); err != nil {
		return err
	}
	if r.profiling {
		return r.release()
	}
	return nil
}

// release names the columns of a profiled sheet and emits its held rows.
func (r *Rows) release() error {
	r.profiling = false
	names, err := r.held.Release(r.emit)
	r.header = map[int]string{}
	for i, name := range names {
		if name != "" {
			r.header[i] = name
		}
	}
	return err
}
