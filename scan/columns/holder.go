package columns

import (
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Bounds of what a Holder keeps before the columns are named: the first
// rows of a table, and never more than this much text whatever they hold.
const (
	HoldRows  = 200
	HoldBytes = 4 << 20
)

// MaxColumns is the most columns a sheet has in Excel and LibreOffice
// (XFD). Extractors read no cell beyond it, and a Holder names none.
const MaxColumns = 16384

// Holder holds back the cells of a table without a header row until its
// columns have been named by Infer, then emits them with those names.
// An extractor adds the cells of each row, ends the row, and releases
// when Full says so or the table ends; later rows take the names from
// Release's result.
type Holder struct {
	cells []heldCell
	cols  [][]string
	rows  int
	bytes int
}

type heldCell struct {
	col int
	seg scan.Segment
}

// Add holds the segment of a cell in column col. Its text must not be
// reused by the caller.
func (h *Holder) Add(col int, seg scan.Segment) {
	h.cells = append(h.cells, heldCell{col, seg})
	h.bytes += len(seg.Text)
	if col < 0 || col > MaxColumns {
		return // not a column a sheet has: held, never named
	}
	for len(h.cols) <= col {
		h.cols = append(h.cols, nil)
	}
	h.cols[col] = append(h.cols[col], strings.TrimSpace(string(seg.Text)))
}

// EndRow counts a row and reports whether enough is held to name the
// columns.
func (h *Holder) EndRow() bool {
	h.rows++
	return h.rows >= HoldRows || h.bytes >= HoldBytes
}

// Release names the columns, emits every held cell with its column's
// name as Field, and returns the names (index = column) for the rows
// that follow. The Holder is empty afterwards.
func (h *Holder) Release(emit func(scan.Segment) error) ([]string, error) {
	names := Infer(h.cols)
	cells := h.cells
	*h = Holder{}
	for _, c := range cells {
		if c.col < len(names) {
			c.seg.Field = names[c.col]
		}
		if err := emit(c.seg); err != nil {
			return names, err
		}
	}
	return names, nil
}
