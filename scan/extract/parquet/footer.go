package parquet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go/format"
)

// A Parquet file's metadata is a Thrift structure in the compact
// protocol at its end. parquet-go makes a slice as long as a list's
// declared size before it reads the elements, so a 25-byte file whose
// schema list claims two billion entries asks for hundreds of gigabytes
// and the Go runtime ends the whole process ("out of memory"; no recover
// catches it). checkFooter walks the metadata first, without knowing its
// fields, and refuses a list, map or string longer than the bytes left
// to hold it: in the compact protocol every element takes a byte at
// least.

// maxFooter is the largest metadata checkFooter reads; a larger footer is
// left to the library (its own reads are then bounded by the file).
const maxFooter = 256 << 20

// errForged is wrapped by the errors of checkFooter.
var errForged = errors.New("forged metadata")

// checkFooter reads the footer of the Parquet file in ra and returns an
// error if a size in it is larger than its bytes allow. It returns nil
// when there is no footer to read: the library reports that itself.
func checkFooter(ra io.ReaderAt, size int64) error {
	if size < 12 {
		return nil
	}
	var tail [8]byte
	if _, err := ra.ReadAt(tail[:], size-8); err != nil || string(tail[4:]) != "PAR1" {
		return nil
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 || n > maxFooter {
		return nil
	}
	meta := make([]byte, n)
	if _, err := ra.ReadAt(meta, size-8-n); err != nil {
		return nil
	}
	w := &thriftWalker{b: meta}
	if err := w.structure(0); err != nil {
		return fmt.Errorf("%w: %v", errForged, err)
	}
	return nil
}

// thriftWalker reads values of the Thrift compact protocol held in
// memory, checking sizes against the bytes left.
type thriftWalker struct {
	b []byte
	p int
}

var errShort = errors.New("metadata ends early")

func (w *thriftWalker) byte() (byte, error) {
	if w.p >= len(w.b) {
		return 0, errShort
	}
	w.p++
	return w.b[w.p-1], nil
}

func (w *thriftWalker) varint() (uint64, error) {
	var v uint64
	for s := 0; s < 64; s += 7 {
		c, err := w.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7F) << s
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("varint longer than 10 bytes")
}

func (w *thriftWalker) skip(n uint64) error {
	if n > uint64(len(w.b)-w.p) {
		return errShort
	}
	w.p += int(n)
	return nil
}

// elements checks that n elements of at least per bytes each fit in the
// bytes left.
func (w *thriftWalker) elements(what string, n, per uint64) error {
	if left := uint64(len(w.b) - w.p); n > left/per {
		return fmt.Errorf("a %s of %d elements in %d bytes", what, n, left)
	}
	return nil
}

// maxDepth bounds the nesting of structures, lists and maps.
const maxDepth = 64

// structure walks the fields of a struct up to its stop byte.
func (w *thriftWalker) structure(depth int) error {
	if depth > maxDepth {
		return errors.New("nested too deeply")
	}
	for {
		h, err := w.byte()
		if err != nil {
			return err
		}
		if h == 0 {
			return nil
		}
		if h>>4 == 0 { // the field ID follows in full
			if _, err := w.varint(); err != nil {
				return err
			}
		}
		t := h & 0x0F
		if t == 1 || t == 2 { // a bool field's value is its type
			continue
		}
		if err := w.value(t, depth); err != nil {
			return err
		}
	}
}

// value walks one value of compact type t.
func (w *thriftWalker) value(t byte, depth int) error {
	if depth > maxDepth {
		return errors.New("nested too deeply")
	}
	switch t {
	case 1, 2, 3: // a bool or byte in a list or map: one byte
		return w.skip(1)
	case 4, 5, 6: // i16, i32, i64
		_, err := w.varint()
		return err
	case 7: // double
		return w.skip(8)
	case 8: // binary or string
		n, err := w.varint()
		if err != nil {
			return err
		}
		if err := w.elements("string", n, 1); err != nil {
			return err
		}
		return w.skip(n)
	case 9, 10: // list, set
		h, err := w.byte()
		if err != nil {
			return err
		}
		n := uint64(h >> 4)
		if n == 15 {
			if n, err = w.varint(); err != nil {
				return err
			}
		}
		et := h & 0x0F
		if err := w.elements("list", n, 1); err != nil {
			return err
		}
		for range n {
			if err := w.value(et, depth+1); err != nil {
				return err
			}
		}
		return nil
	case 11: // map
		n, err := w.varint()
		if err != nil || n == 0 {
			return err
		}
		kv, err := w.byte()
		if err != nil {
			return err
		}
		if err := w.elements("map", n, 2); err != nil {
			return err
		}
		for range n {
			if err := w.value(kv>>4, depth+1); err != nil {
				return err
			}
			if err := w.value(kv&0x0F, depth+1); err != nil {
				return err
			}
		}
		return nil
	case 12: // struct
		return w.structure(depth + 1)
	case 13: // uuid
		return w.skip(16)
	}
	return fmt.Errorf("unknown Thrift type %d", t)
}

// errLZ4Raw is why a file with LZ4_RAW-compressed columns is not read:
// parquet-go v0.32.1 decodes an LZ4 page by doubling its buffer until the
// block fits, and a damaged block never fits, so one bad page grows the
// buffer until the runtime aborts the process (found by FuzzExtract).
var errLZ4Raw = errors.New("LZ4_RAW-compressed Parquet is not read: the decoder (parquet-go v0.32.1) cannot stop on a damaged LZ4 page; convert the file to Snappy or ZSTD (e.g. with DuckDB or pyarrow) and scan it again")

// lz4Raw reports whether a column chunk of the file is LZ4_RAW-compressed.
func lz4Raw(m *format.FileMetaData) bool {
	for _, rg := range m.RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.Codec == format.Lz4Raw {
				return true
			}
		}
	}
	return false
}
