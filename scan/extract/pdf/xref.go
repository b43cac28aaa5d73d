package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ledongthuc/pdf sizes its cross-reference table by the object numbers
// the file names: an xref subsection "9999999999 1", or /Size or /Index
// of a cross-reference stream, makes it allocate a slot for every number
// below, and at tens of gigabytes the Go runtime ends the whole process
// ("out of memory"; no recover catches it). A fuzzed 1.7 kB file had it
// take 1.7 GB. checkXref reads the file first and refuses object numbers
// no file of its size can hold: an object takes more than four bytes
// ("1 0 obj" alone takes seven).

// maxObject is the largest object number a file of size bytes is let
// name.
func maxObject(size int64) int64 { return size/4 + 4096 }

// errForgedXref is wrapped by the errors of checkXref.
var errForgedXref = errors.New("forged cross-reference table")

// checkXref returns an error if an xref subsection, or the /Size or
// /Index of a cross-reference stream or trailer, in the PDF in ra names
// an object number beyond maxObject(size).
func checkXref(ra io.ReaderAt, size int64) error {
	limit := maxObject(size)
	const chunk, overlap = 1 << 20, 4096
	buf := make([]byte, chunk+overlap)
	for off := int64(0); off < size; off += chunk {
		n, err := ra.ReadAt(buf, off)
		if n == 0 && err != nil {
			return nil // the reader reports it
		}
		b := buf[:n]
		// Only keywords starting in this chunk: the overlap is the next
		// chunk's start.
		end := min(n, chunk)
		if err := scanXref(b, end, limit); err != nil {
			return fmt.Errorf("%w at byte %d or after", err, off)
		}
	}
	return nil
}

// scanXref checks the keywords that start in b[:end].
func scanXref(b []byte, end int, limit int64) error {
	for _, kw := range [][]byte{[]byte("xref"), []byte("/Size"), []byte("/Index")} {
		for i := 0; i < end; {
			k := bytes.Index(b[i:], kw)
			if k < 0 || i+k >= end {
				break
			}
			at := i + k
			i = at + len(kw)
			if kw[0] == 'x' {
				// Any "xref", even glued to what comes before: the reader
				// starts where startxref points. (After startxref itself
				// comes one number, not the pairs of a table.)
				if err := xrefTable(b[i:], limit); err != nil {
					return err
				}
				continue
			}
			if i < len(b) && isNameChar(b[i]) || !inXRefDict(b, at) {
				continue // another name (/Indexed), or another dictionary's /Size (an attachment's bytes)
			}
			if err := xrefNumbers(b[i:], kw[1] == 'I', limit); err != nil {
				return err
			}
		}
	}
	return nil
}

// inXRefDict reports whether b[at] lies in a dictionary of /Type /XRef:
// only a cross-reference stream's /Size and /Index size the table. The
// dictionary is found by its brackets, up to 4 KiB either way.
func inXRefDict(b []byte, at int) bool {
	start, end := -1, -1
	depth := 0
	for k := at - 1; k >= 1 && at-k < 4096 && start < 0; k-- {
		if b[k-1] == '>' && b[k] == '>' {
			depth++
			k--
		} else if b[k-1] == '<' && b[k] == '<' {
			if depth == 0 {
				start = k - 1
			}
			depth--
			k--
		}
	}
	depth = 0
	for k := at; k+1 < len(b) && k-at < 4096 && end < 0; k++ {
		if b[k] == '<' && b[k+1] == '<' {
			depth++
			k++
		} else if b[k] == '>' && b[k+1] == '>' {
			if depth == 0 {
				end = k
			}
			depth--
			k++
		}
	}
	if start < 0 || end < 0 {
		return false
	}
	d := b[start:end]
	x := bytes.Index(d, []byte("/XRef"))
	return x >= 0 && (x+5 == len(d) || !isNameChar(d[x+5]))
}

// xrefTable checks the subsection headers of a classic xref table: pairs
// of first object number and count, each followed by count entries of
// three tokens, up to "trailer".
func xrefTable(b []byte, limit int64) error {
	p := 0
	for range 1 << 20 {
		first, ok1 := number(b, &p)
		count, ok2 := number(b, &p)
		if !ok1 || !ok2 {
			return nil // trailer, or malformed: the reader says which
		}
		if first > limit || count > limit || first+count > limit {
			return fmt.Errorf("%w: subsection of %d objects from %d (a file this size holds at most %d)", errForgedXref, count, first, limit)
		}
		// Skip the entries: 20 bytes each in a well-formed table.
		for range count {
			if _, ok := number(b, &p); !ok {
				return nil
			}
			if _, ok := number(b, &p); !ok {
				return nil
			}
			skipSpace(b, &p)
			if p >= len(b) || b[p] != 'n' && b[p] != 'f' {
				return nil
			}
			p++
		}
	}
	return nil
}

// xrefNumbers checks the value of /Size (a number) or /Index (an array
// of first-and-count pairs).
func xrefNumbers(b []byte, index bool, limit int64) error {
	p := 0
	if !index {
		if n, ok := number(b, &p); ok && n > limit {
			return fmt.Errorf("%w: /Size %d (a file this size holds at most %d objects)", errForgedXref, n, limit)
		}
		return nil
	}
	skipSpace(b, &p)
	if p >= len(b) || b[p] != '[' {
		return nil
	}
	p++
	for range 1 << 16 {
		first, ok1 := number(b, &p)
		count, ok2 := number(b, &p)
		if !ok1 || !ok2 {
			return nil
		}
		if first > limit || count > limit || first+count > limit {
			return fmt.Errorf("%w: /Index of %d objects from %d (a file this size holds at most %d)", errForgedXref, count, first, limit)
		}
	}
	return nil
}

// number reads an unsigned integer after white space at b[*p]; false if
// there is none (or it has more than 18 digits, which is also refused by
// the caller's limit: it reports a value above any limit).
func number(b []byte, p *int) (int64, bool) {
	skipSpace(b, p)
	if *p < len(b) && b[*p] == '+' {
		*p++ // the reader takes +5 for 5
	}
	st := *p
	var n int64
	for *p < len(b) && b[*p] >= '0' && b[*p] <= '9' {
		if *p-st < 18 {
			n = n*10 + int64(b[*p]-'0')
		} else {
			n = 1 << 62
		}
		*p++
	}
	if *p == st || *p < len(b) && (b[*p] == '.' || isNameChar(b[*p]) && !(b[*p] >= '0' && b[*p] <= '9')) {
		return 0, false
	}
	return n, true
}

func skipSpace(b []byte, p *int) {
	for *p < len(b) && space(b[*p]) {
		*p++
	}
}

// space reports PDF white space.
func space(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// isNameChar reports a byte that continues a PDF name or keyword.
func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}
