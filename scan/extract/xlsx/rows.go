package xlsx

import (
	"fmt"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// Rows turns the rows of one worksheet into segments, one per cell,
// located by sheet and cell and named by their column's header. The
// first non-empty row is the header when it looks like one; a sheet
// without a header row is profiled, its first rows held back until its
// columns are named from their values. The xlsx and xls extractors
// share it, so that a sheet reads the same in either format.
type Rows struct {
	in        *scan.Input
	sheet     string
	emit      func(scan.Segment) error
	header    map[int]string
	decided   bool
	profiling bool
	held      columns.Holder
}

// NewRows starts the rows of the sheet named sheet of in.
func NewRows(in *scan.Input, sheet string, emit func(scan.Segment) error) *Rows {
	return &Rows{in: in, sheet: sheet, emit: emit}
}

// Row emits, or holds back, the non-empty cells of row rowNum (1-based).
func (r *Rows) Row(rowNum int, row []Cell) error {
	if len(row) == 0 {
		return nil
	}
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
		} else {
			r.profiling = true
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

// Finish emits the held rows of a sheet too short to finish profiling.
func (r *Rows) Finish() error {
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
