// Package xls extracts the cells of legacy Excel workbooks (.xls, Excel
// 97 to 2003, the BIFF8 format), still common in exports from older
// systems and in the mail archives of a breach. Cells become segments
// exactly as from an .xlsx workbook (package xlsx): one per non-empty
// cell, located by sheet and cell, named by their column's header, with
// numbers, dates and zero-padded formats (an SSN stored as a number)
// rendered the way a person reads them.
//
// The workbook is a compound file (read with richardlehane/mscfb) whose
// "Workbook" stream is a sequence of BIFF records; the few this needs
// (sheets, shared strings, formats, cell values) are decoded here.
// A password-protected workbook (a FILEPASS record) is reported as
// encrypted, an Excel 5.0/95 workbook as unsupported.
package xls

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/ole"
	"github.com/breachkit/breachkit/scan/extract/xlsx"
)

// Extractor reads .xls workbooks. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "xls" }

// Accepts implements scan.Extractor: an .xls (or .xlt template) name
// with the compound-file signature.
func (Extractor) Accepts(name string, head []byte) bool {
	n := strings.ToLower(name)
	return (strings.HasSuffix(n, ".xls") || strings.HasSuffix(n, ".xlt")) && ole.Is(head)
}

// BIFF record types used here.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recFilePass   = 0x002F
	recDateMode   = 0x0022
	recFormat     = 0x041E
	recXF         = 0x00E0
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recRString    = 0x00D6
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
)

// errCorrupt wraps what is wrong with a damaged workbook.
var errCorrupt = ole.ErrCorrupt

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	streams, err := ole.Streams(in, "Workbook", "Book")
	if err != nil {
		return err
	}
	stream := streams["Workbook"]
	if stream == nil {
		if streams["Book"] != nil {
			return errors.New("Excel 5.0/95 workbook (BIFF5) is not supported; save it as .xlsx to scan it")
		}
		return errors.New("no Workbook stream: not an Excel 97-2003 workbook")
	}
	b := &book{in: in, data: stream, Formats: xlsx.Formats{Custom: map[int]string{}}}
	if err := b.globals(); err != nil {
		return err
	}
	for _, sh := range b.sheets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.sheet(sh, emit); err != nil {
			if errors.Is(err, errCorrupt) {
				in.Warning(fmt.Sprintf("sheet %q: %v", sh.name, err))
				continue
			}
			return err
		}
	}
	return nil
}

// book is a workbook being read.
type book struct {
	in           *scan.Input
	data         []byte
	xlsx.Formats // number formats, XFs and the date system
	sst          []string
	sheets       []sheetRef
}

type sheetRef struct {
	name string
	pos  int // offset of the sheet's BOF in the stream
}

// record is one BIFF record: its type and data, and where the next starts.
type record struct {
	typ  uint16
	data []byte
	next int
}

// readRecord reads the record at offset i of the stream.
func (b *book) readRecord(i int) (record, error) {
	if i+4 > len(b.data) {
		return record{}, fmt.Errorf("%w: record header cut at byte %d", errCorrupt, i)
	}
	typ := binary.LittleEndian.Uint16(b.data[i:])
	n := int(binary.LittleEndian.Uint16(b.data[i+2:]))
	if i+4+n > len(b.data) {
		return record{}, fmt.Errorf("%w: record 0x%04X cut at byte %d", errCorrupt, typ, i)
	}
	return record{typ: typ, data: b.data[i+4 : i+4+n], next: i + 4 + n}, nil
}

// globals reads the workbook globals: formats, XFs, the date system,
// shared strings and the list of sheets.
func (b *book) globals() error {
	r, err := b.readRecord(0)
	if err != nil {
		return err
	}
	if r.typ != recBOF || len(r.data) < 4 {
		return fmt.Errorf("%w: the Workbook stream does not start with a BOF record", errCorrupt)
	}
	if v := binary.LittleEndian.Uint16(r.data); v != 0x0600 {
		return fmt.Errorf("Excel workbook version 0x%04X is not supported (BIFF8, Excel 97-2003, is); save it as .xlsx to scan it", v)
	}
	for i := r.next; i < len(b.data); {
		r, err := b.readRecord(i)
		if err != nil {
			return err
		}
		i = r.next
		d := r.data
		switch r.typ {
		case recEOF:
			return nil
		case recFilePass:
			return errors.New("encrypted (password-protected workbook); not scanned")
		case recDateMode:
			b.Date1904 = len(d) >= 2 && binary.LittleEndian.Uint16(d) == 1
		case recFormat:
			if len(d) >= 2 {
				s, _, err := unicodeString(d[2:], 2)
				if err == nil {
					b.Custom[int(binary.LittleEndian.Uint16(d))] = s
				}
			}
		case recXF:
			if len(d) >= 4 {
				b.XF = append(b.XF, int(binary.LittleEndian.Uint16(d[2:])))
			}
		case recBoundSheet:
			if len(d) < 8 {
				return fmt.Errorf("%w: short BOUNDSHEET record", errCorrupt)
			}
			pos := int(binary.LittleEndian.Uint32(d))
			kind := d[5] // 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module
			name, _, err := unicodeString(d[6:], 1)
			if err != nil {
				return fmt.Errorf("%w: sheet name: %v", errCorrupt, err)
			}
			if kind == 0 {
				b.sheets = append(b.sheets, sheetRef{name: name, pos: pos})
			}
		case recSST:
			// The strings run on through the CONTINUE records after it.
			parts := [][]byte{d}
			for i < len(b.data) {
				c, err := b.readRecord(i)
				if err != nil || c.typ != recContinue {
					break
				}
				parts = append(parts, c.data)
				i = c.next
			}
			if err := b.readSST(parts); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("%w: the workbook globals have no EOF record", errCorrupt)
}

// readSST decodes the shared strings from the SST record and its
// CONTINUE records.
func (b *book) readSST(parts [][]byte) error {
	if len(parts[0]) < 8 {
		return fmt.Errorf("%w: short SST record", errCorrupt)
	}
	unique := int(binary.LittleEndian.Uint32(parts[0][4:]))
	c := &cursor{parts: parts, off: 8}
	for k := 0; k < unique; k++ {
		s, err := c.richString()
		if err != nil {
			return fmt.Errorf("%w: shared string %d of %d: %v", errCorrupt, k+1, unique, err)
		}
		b.sst = append(b.sst, s)
	}
	return nil
}

// cursor reads across a record and its CONTINUE records.
type cursor struct {
	parts [][]byte
	p     int // current part
	off   int // offset in it
}

var errShort = errors.New("data ends early")

// bytes returns the next n bytes, which may span parts (not characters).
func (c *cursor) bytes(n int) ([]byte, error) {
	var out []byte
	for n > 0 {
		if c.p >= len(c.parts) {
			return nil, errShort
		}
		rest := c.parts[c.p][c.off:]
		if len(rest) == 0 {
			c.p, c.off = c.p+1, 0
			continue
		}
		k := min(n, len(rest))
		if out == nil && k == n {
			c.off += k
			return rest[:k], nil
		}
		out = append(out, rest[:k]...)
		c.off += k
		n -= k
	}
	return out, nil
}

// richString reads an XLUnicodeRichExtendedString: when its characters
// run into the next CONTINUE record, that record starts with a new
// flags byte saying whether they go on in one or two bytes each.
func (c *cursor) richString() (string, error) {
	h, err := c.bytes(3)
	if err != nil {
		return "", err
	}
	cch := int(binary.LittleEndian.Uint16(h))
	flags := h[2]
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		x, err := c.bytes(2)
		if err != nil {
			return "", err
		}
		runs = int(binary.LittleEndian.Uint16(x))
	}
	if flags&0x04 != 0 {
		x, err := c.bytes(4)
		if err != nil {
			return "", err
		}
		ext = int(binary.LittleEndian.Uint32(x))
	}
	var units []uint16
	wide := flags&0x01 != 0
	for len(units) < cch {
		if c.p >= len(c.parts) {
			return "", errShort
		}
		rest := c.parts[c.p][c.off:]
		if len(rest) == 0 {
			// Characters continue in the next record, after its flags byte.
			c.p, c.off = c.p+1, 0
			if c.p >= len(c.parts) || len(c.parts[c.p]) == 0 {
				return "", errShort
			}
			wide = c.parts[c.p][0]&0x01 != 0
			c.off = 1
			continue
		}
		size := 1
		if wide {
			size = 2
		}
		k := min(cch-len(units), len(rest)/size)
		if k == 0 {
			return "", errShort
		}
		for j := 0; j < k; j++ {
			if wide {
				units = append(units, binary.LittleEndian.Uint16(rest[2*j:]))
			} else {
				units = append(units, uint16(rest[j]))
			}
		}
		c.off += k * size
	}
	if ext < 0 || runs*4+ext > 1<<24 {
		return "", fmt.Errorf("%w: string formatting of %d bytes", errCorrupt, runs*4+ext)
	}
	if _, err := c.bytes(runs*4 + ext); err != nil {
		return "", err
	}
	return string(utf16.Decode(units)), nil
}

// unicodeString reads an XLUnicodeString (a count of lenSize bytes, a
// flags byte, the characters) from d, and returns it and the bytes after.
func unicodeString(d []byte, lenSize int) (string, []byte, error) {
	if len(d) < lenSize+1 {
		return "", nil, errShort
	}
	var cch int
	if lenSize == 1 {
		cch = int(d[0])
	} else {
		cch = int(binary.LittleEndian.Uint16(d))
	}
	flags := d[lenSize]
	d = d[lenSize+1:]
	if flags&0x01 == 0 {
		if len(d) < cch {
			return "", nil, errShort
		}
		units := make([]uint16, cch)
		for j := range units {
			units[j] = uint16(d[j])
		}
		return string(utf16.Decode(units)), d[cch:], nil
	}
	if len(d) < 2*cch {
		return "", nil, errShort
	}
	units := make([]uint16, cch)
	for j := range units {
		units[j] = binary.LittleEndian.Uint16(d[2*j:])
	}
	return string(utf16.Decode(units)), d[2*cch:], nil
}

// sheet reads one worksheet's cells and emits them row by row.
func (b *book) sheet(sh sheetRef, emit func(scan.Segment) error) error {
	r, err := b.readRecord(sh.pos)
	if err != nil {
		return err
	}
	if r.typ != recBOF {
		return fmt.Errorf("%w: no BOF record where the sheet should start", errCorrupt)
	}
	rows := xlsx.NewRows(b.in, sh.name, emit)
	var row []xlsx.Cell
	rowNum := -1
	// Cells come in row order (Excel writes them so); a cell of a new row
	// flushes the row before it.
	add := func(rw, col int, text string, isText bool) error {
		if rw != rowNum {
			if err := rows.Row(rowNum+1, row); err != nil {
				return err
			}
			row, rowNum = row[:0], rw
		}
		if strings.TrimSpace(text) != "" {
			row = append(row, xlsx.Cell{Ref: xlsx.ColName(col+1) + strconv.Itoa(rw+1), Col: col + 1, Text: text, IsText: isText})
		}
		return nil
	}
	pendingString := false // a FORMULA with a string result: its STRING record follows
	var pr, pc int
	for i := r.next; i < len(b.data); {
		r, err := b.readRecord(i)
		if err != nil {
			if ferr := rows.Row(rowNum+1, row); ferr != nil {
				return ferr
			}
			rows.Finish()
			return err
		}
		i = r.next
		d := r.data
		if r.typ == recEOF {
			break
		}
		if len(d) < 6 && r.typ != recString && r.typ != recContinue {
			continue
		}
		var rw, col, xf int
		if len(d) >= 6 {
			rw, col, xf = int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), int(binary.LittleEndian.Uint16(d[4:]))
		}
		switch r.typ {
		case recLabelSST:
			if len(d) < 10 {
				continue
			}
			k := int(binary.LittleEndian.Uint32(d[6:]))
			if k >= len(b.sst) {
				b.in.Warning(fmt.Sprintf("sheet %q cell %s%d: shared string %d of %d", sh.name, xlsx.ColName(col+1), rw+1, k, len(b.sst)))
				continue
			}
			err = add(rw, col, b.sst[k], true)
		case recLabel, recRString:
			s, _, serr := unicodeString(d[6:], 2)
			if serr != nil {
				b.in.Warning(fmt.Sprintf("sheet %q cell %s%d: damaged text", sh.name, xlsx.ColName(col+1), rw+1))
				continue
			}
			err = add(rw, col, s, true)
		case recNumber:
			if len(d) < 14 {
				continue
			}
			err = add(rw, col, b.Number(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])), xf), false)
		case recRK:
			if len(d) < 10 {
				continue
			}
			err = add(rw, col, b.Number(xlsx.RK(binary.LittleEndian.Uint32(d[6:])), xf), false)
		case recMulRK:
			// row, first column, then (XF, RK) pairs, then the last column.
			for j, c := 4, col; j+6 <= len(d)-2; j, c = j+6, c+1 {
				xf := int(binary.LittleEndian.Uint16(d[j:]))
				if err = add(rw, c, b.Number(xlsx.RK(binary.LittleEndian.Uint32(d[j+2:])), xf), false); err != nil {
					break
				}
			}
		case recFormula:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			if res[6] == 0xFF && res[7] == 0xFF {
				switch res[0] {
				case 0: // a string, in the STRING record that follows
					pendingString, pr, pc = true, rw, col
				case 1:
					err = add(rw, col, pick(res[2] != 0, "TRUE", "FALSE"), false)
				}
				continue
			}
			err = add(rw, col, b.Number(math.Float64frombits(binary.LittleEndian.Uint64(res)), xf), false)
		case recString:
			if pendingString {
				pendingString = false
				if s, _, serr := unicodeString(d, 2); serr == nil {
					err = add(pr, pc, s, true)
				}
			}
		case recBoolErr:
			if len(d) >= 8 && d[7] == 0 {
				err = add(rw, col, pick(d[6] != 0, "TRUE", "FALSE"), false)
			}
		}
		if err != nil {
			return err
		}
	}
	if err := rows.Row(rowNum+1, row); err != nil {
		return err
	}
	return rows.Finish()
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
