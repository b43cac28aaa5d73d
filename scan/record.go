package scan

import (
	"strconv"
	"unsafe"
)

// RecordNames makes the record names of one source ("path#row=17"),
// many to a block of memory: an extractor that names every row or line
// of a large file makes millions, and a string allocated for each was a
// measurable part of reading a CSV file. A name stays valid as long as it
// is referenced; the zero value is ready.
type RecordNames struct {
	buf []byte
}

// Name returns prefix followed by n in decimal.
func (r *RecordNames) Name(prefix string, n int) string {
	need := len(prefix) + 20
	if cap(r.buf)-len(r.buf) < need {
		// A new block: the bytes of names already made are never
		// written again, so the strings over them stay immutable.
		r.buf = make([]byte, 0, max(16<<10, need))
	}
	st := len(r.buf)
	r.buf = append(r.buf, prefix...)
	r.buf = strconv.AppendInt(r.buf, int64(n), 10)
	return unsafe.String(&r.buf[st], len(r.buf)-st)
}
