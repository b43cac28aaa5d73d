// Package bson extracts the values of MongoDB dumps: the .bson files
// that mongodump writes, one per collection, each a run of BSON
// documents. Leaked and ransomed MongoDB databases are among the most
// common sources of stolen personal data, and BSON is binary to every
// text tool.
//
// The documents are read one at a time with the MongoDB Go driver's bson
// package (each validated before it is walked), so memory holds one
// document. Each string and number becomes a segment whose Field is its
// key path without array indexes ("borrower.phones.number", as the JSON
// extractor names them) and whose Record is its document,
// "path#doc=N", located by byte offset for strings. Dates are ISO 8601 (a date at midnight UTC, as dates of
// birth are stored, without its time); decimals are written out. Binary
// values (GridFS chunks, encrypted fields, images) are not text: they
// are counted in a warning. Object IDs, booleans and other BSON types
// hold no personal data and are skipped.
package bson

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads BSON dumps. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "bson" }

// maxDoc bounds a document's size: MongoDB's limit is 16 MiB.
const maxDoc = 48 << 20

// Accepts implements scan.Extractor: a .bson name, or a head that opens
// with a whole valid BSON document.
func (Extractor) Accepts(name string, head []byte) bool {
	if strings.EqualFold(path.Ext(name), ".bson") {
		return true
	}
	if len(head) < 5 {
		return false
	}
	n := int(binary.LittleEndian.Uint32(head))
	if n < 5 || n > len(head) || head[n-1] != 0 {
		return false
	}
	// An empty document alone is too little to go on.
	return n > 5 && bson.Raw(head[:n]).Validate() == nil
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	w := &walker{in: in, emit: emit}
	var buf []byte
	var off int64
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var size [4]byte
		k, err := io.ReadFull(br, size[:])
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("document %d (byte %d): cut short after %d bytes", n, off, k)
		}
		l := int(binary.LittleEndian.Uint32(size[:]))
		if l < 5 || l > maxDoc {
			return fmt.Errorf("document %d (byte %d): invalid length %d; the rest of the file is not read", n, off, l)
		}
		if cap(buf) < l {
			buf = make([]byte, l)
		}
		doc := buf[:l]
		copy(doc, size[:])
		if _, err := io.ReadFull(br, doc[4:]); err != nil {
			return fmt.Errorf("document %d (byte %d): cut short", n, off)
		}
		off += int64(l)
		if err := bson.Raw(doc).Validate(); err != nil {
			in.Warning(fmt.Sprintf("document %d (byte %d) not read: invalid BSON: %v", n, off-int64(l), err))
			continue
		}
		w.record = in.Path + "#doc=" + strconv.Itoa(n)
		w.docOff, w.docCap = off-int64(l), cap(doc)
		if err := w.doc(bson.Raw(doc), "", 0); err != nil {
			return err
		}
	}
	if w.binary > 0 {
		in.Warning(fmt.Sprintf("%d binary values (not text) not scanned", w.binary))
	}
	return nil
}

// walker emits the values of documents.
type walker struct {
	in     *scan.Input
	emit   func(scan.Segment) error
	record string
	binary int
	// docOff is the document's offset in the file, docCap the capacity
	// of the slice it was read into: a string's offset is found from the
	// capacity left after it, the values being slices of the document.
	docOff int64
	docCap int
}

// maxDepth bounds nesting; BSON's own limit is 100.
const maxDepth = 200

// doc walks a document whose key path is prefix.
func (w *walker) doc(d bson.Raw, prefix string, depth int) error {
	if depth > maxDepth {
		return nil
	}
	els, err := d.Elements()
	if err != nil {
		return nil // validated already: cannot happen
	}
	for _, el := range els {
		key, err := el.KeyErr()
		if err != nil {
			continue
		}
		field := key
		if prefix != "" {
			field = prefix + "." + key
		}
		if err := w.value(el.Value(), field, depth); err != nil {
			return err
		}
	}
	return nil
}

// value emits one value, or walks it when it is a document or an array
// (whose elements take the array's key path).
//
// Values are read with the driver's ...OK accessors: a document that
// passes Validate may still hold a value too short for its type (fuzzing
// found a binary one), on which the plain accessors panic.
func (w *walker) value(v bson.RawValue, field string, depth int) error {
	var text string
	switch v.Type {
	case bson.TypeEmbeddedDocument:
		d, ok := v.DocumentOK()
		if !ok {
			return nil
		}
		return w.doc(d, field, depth+1)
	case bson.TypeArray:
		a, ok := v.ArrayOK()
		if !ok {
			return nil
		}
		vals, err := a.Values()
		if err != nil {
			return nil
		}
		for _, x := range vals {
			if err := w.value(x, field, depth+1); err != nil {
				return err
			}
		}
		return nil
	case bson.TypeString:
		text, _ = v.StringValueOK()
		if strings.TrimSpace(text) == "" {
			return nil
		}
		// The value is its length (4 bytes), its bytes and a NUL.
		seg := scan.Segment{Text: []byte(text), Offset: -1, Field: field, Record: w.record}
		if at := w.docCap - cap(v.Value); at >= 0 && cap(v.Value) >= len(text)+4 {
			seg.Offset = w.docOff + int64(at) + 4
		}
		return w.emit(seg)
	case bson.TypeInt32:
		n, ok := v.Int32OK()
		if !ok {
			return nil
		}
		text = strconv.FormatInt(int64(n), 10)
	case bson.TypeInt64:
		n, ok := v.Int64OK()
		if !ok {
			return nil
		}
		text = strconv.FormatInt(n, 10)
	case bson.TypeDouble:
		f, ok := v.DoubleOK()
		if !ok {
			return nil
		}
		text = strconv.FormatFloat(f, 'f', -1, 64)
	case bson.TypeDecimal128:
		d, ok := v.Decimal128OK()
		if !ok {
			return nil
		}
		text = d.String()
	case bson.TypeDateTime:
		ms, ok := v.DateTimeOK()
		if !ok {
			return nil
		}
		t := time.UnixMilli(ms).UTC()
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			text = t.Format(time.DateOnly)
		} else {
			text = t.Format(time.RFC3339)
		}
	case bson.TypeBinary:
		if st, _, ok := v.BinaryOK(); ok && st != 3 && st != 4 { // UUIDs are not data
			w.binary++
		}
		return nil
	default:
		return nil
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return w.emit(scan.Segment{Text: []byte(text), Offset: -1, Field: field, Record: w.record})
}
