package sqlite

import (
	"encoding/binary"
	"errors"
	"strings"

	"github.com/breachkit/breachkit"
)

// The data column of a finding packs what is read back but never
// searched by SQL: its location, record, reasons, sealed value and
// fingerprint. One blob binds and stores faster than nine columns.
//
//	version byte (1)
//	flags byte: bit 0 set when the record is stored without the source
//	            path it starts with
//	uvarint start+1, end+1 (0 for none), page
//	sheet, cell, record: uvarint length, bytes
//	uvarint number of reasons, each uvarint length, bytes
//	value, fingerprint: uvarint length, bytes
const (
	dataVersion  = 1
	flagRelative = 1
)

// appendData appends the packed data of f to b.
func appendData(b []byte, f *breachkit.Finding) []byte {
	rec, flags := f.Record, byte(0)
	if f.Path != "" && len(rec) > len(f.Path) && strings.HasPrefix(rec, f.Path) {
		rec, flags = rec[len(f.Path):], flagRelative
	}
	b = append(b, dataVersion, flags)
	b = binary.AppendUvarint(b, uint64(f.Start+1))
	b = binary.AppendUvarint(b, uint64(f.End+1))
	b = binary.AppendUvarint(b, uint64(f.Page))
	b = appendBytes(b, f.Sheet)
	b = appendBytes(b, f.Cell)
	b = appendBytes(b, rec)
	b = binary.AppendUvarint(b, uint64(len(f.Reasons)))
	for _, r := range f.Reasons {
		b = appendBytes(b, r)
	}
	b = appendBytes(b, f.Value)
	return appendBytes(b, f.Fingerprint)
}

func appendBytes[T ~string | ~[]byte](b []byte, s T) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errData = errors.New("finding data: malformed")

// readData fills f's packed fields from b; f.Path must be set.
func readData(b []byte, f *breachkit.Finding) error {
	if len(b) < 2 || b[0] != dataVersion || b[1]&^flagRelative != 0 {
		return errData
	}
	d := dataReader{b: b[2:]}
	flags := b[1]
	f.Start = int64(d.uvarint()) - 1
	f.End = int64(d.uvarint()) - 1
	f.Page = int(d.uvarint())
	f.Sheet = string(d.bytes())
	f.Cell = string(d.bytes())
	f.Record = string(d.bytes())
	if flags&flagRelative != 0 {
		f.Record = f.Path + f.Record
	}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return errData
	}
	f.Reasons = nil
	if n > 0 {
		f.Reasons = make([]string, n)
		for i := range f.Reasons {
			f.Reasons[i] = string(d.bytes())
		}
	}
	f.Value = breachkit.Sealed(append([]byte(nil), d.bytes()...))
	f.Fingerprint = append([]byte(nil), d.bytes()...)
	if d.bad || len(d.b) != 0 {
		return errData
	}
	return nil
}

// dataReader reads the parts of a packed blob; bad is set, and the
// reads return zero values, once the blob runs short.
type dataReader struct {
	b   []byte
	bad bool
}

func (d *dataReader) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dataReader) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}
