// Package xlsb extracts the cells of Excel binary workbooks (.xlsb):
// Excel's smaller, faster format, chosen for the largest exports, which
// is where lists of customers end up.
//
// An .xlsb is a zip package like an .xlsx whose parts are records
// instead of XML (MS-XLSB): a type and a size, each in 7-bit groups,
// then the data. The workbook part lists the sheets, the shared-string
// part holds the text, the styles part the number formats, and each
// sheet part its rows and cells, streamed a record at a time. Cells go
// through xlsx.Rows and numbers through xlsx.FormatNumber, so a sheet
// reads the same whether it was saved as .xlsx, .xls or .xlsb.
package xlsb

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
	"github.com/breachkit/breachkit/scan/extract/xlsx"
)

// Extractor reads .xlsb workbooks. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "xlsb" }

// Accepts implements scan.Extractor: an .xlsb name.
func (Extractor) Accepts(name string, head []byte) bool {
	return strings.EqualFold(path.Ext(name), ".xlsb") && archive.IsZip(head)
}

// Record types (MS-XLSB 2.3.2).
const (
	brtRowHdr      = 0x00
	brtCellBlank   = 0x01
	brtCellRk      = 0x02
	brtCellError   = 0x03
	brtCellBool    = 0x04
	brtCellReal    = 0x05
	brtCellSt      = 0x06
	brtCellIsst    = 0x07
	brtFmlaString  = 0x08
	brtFmlaNum     = 0x09
	brtFmlaBool    = 0x0A
	brtFmlaError   = 0x0B
	brtSSTItem     = 0x13
	brtFmt         = 0x2C
	brtXF          = 0x2F
	brtWbProp      = 0x99
	brtBundleSh    = 0x9C
	brtBeginCellXF = 0x269
	brtEndCellXF   = 0x26A
)

var errCorrupt = errors.New("corrupt xlsb")

// maxRecord bounds one record's data.
const maxRecord = 64 << 20

// records calls fn with each record of r.
func records(r io.Reader, fn func(typ int, data []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for {
		typ, err := varint(br, 2)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		size, err := varint(br, 4)
		if err != nil {
			return fmt.Errorf("%w: record 0x%X cut short", errCorrupt, typ)
		}
		if size > maxRecord {
			return fmt.Errorf("%w: record 0x%X of %d bytes", errCorrupt, typ, size)
		}
		if cap(buf) < size {
			buf = make([]byte, size)
		}
		data := buf[:size]
		if _, err := io.ReadFull(br, data); err != nil {
			return fmt.Errorf("%w: record 0x%X cut short", errCorrupt, typ)
		}
		if err := fn(typ, data); err != nil {
			return err
		}
	}
}

// varint reads a record type or size: up to n bytes of 7 bits, low
// first, the high bit saying another follows.
func varint(br *bufio.Reader, n int) (int, error) {
	v := 0
	for i := 0; i < n; i++ {
		b, err := br.ReadByte()
		if err != nil {
			if i > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		v |= int(b&0x7F) << (7 * i)
		if b&0x80 == 0 {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%w: a length longer than %d bytes", errCorrupt, n)
}

// wideString reads an XLWideString at b[off:]: a count of UTF-16 units
// and the units. It returns the string and the offset after it.
func wideString(b []byte, off int) (string, int, bool) {
	if off+4 > len(b) {
		return "", 0, false
	}
	n := int(binary.LittleEndian.Uint32(b[off:]))
	off += 4
	if n == -1 || n == 0xFFFFFFFF {
		return "", off, true // a null string
	}
	if n < 0 || n > (len(b)-off)/2 {
		return "", 0, false
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[off+2*i:])
	}
	return string(utf16.Decode(u)), off + 2*n, true
}

// book is a workbook being read.
type book struct {
	in    *scan.Input
	lim   scan.Limits
	files map[string]*zip.File
	sst   []string
	xlsx.Formats
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	zr, lim, cleanup, err := archive.OpenPackage(in, "xlsb")
	if err != nil {
		return err
	}
	defer cleanup()
	b := &book{in: in, lim: lim, files: map[string]*zip.File{}, Formats: xlsx.Formats{Custom: map[int]string{}}}
	for _, f := range zr.File {
		b.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	type sheet struct{ name, part string }
	var sheets []sheet
	rels, err := b.rels("xl/_rels/workbook.bin.rels")
	if err != nil {
		return err
	}
	err = b.part("xl/workbook.bin", true, func(typ int, d []byte) error {
		switch typ {
		case brtWbProp:
			if len(d) >= 4 {
				b.Date1904 = binary.LittleEndian.Uint32(d)&1 != 0
			}
		case brtBundleSh:
			rel, off, ok := wideString(d, 8)
			name, _, ok2 := wideString(d, off)
			if ok && ok2 {
				if t, found := rels[rel]; found {
					sheets = append(sheets, sheet{name, t})
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.part("xl/sharedstrings.bin", false, func(typ int, d []byte) error {
		if typ == brtSSTItem && len(d) >= 1 {
			s, _, ok := wideString(d, 1)
			if !ok {
				return fmt.Errorf("%w: shared string %d", errCorrupt, len(b.sst))
			}
			b.sst = append(b.sst, s)
		}
		return nil
	}); err != nil {
		return err
	}
	inXF := false
	if err := b.part("xl/styles.bin", false, func(typ int, d []byte) error {
		switch typ {
		case brtFmt:
			if len(d) >= 2 {
				if code, _, ok := wideString(d, 2); ok {
					b.Custom[int(binary.LittleEndian.Uint16(d))] = code
				}
			}
		case brtBeginCellXF:
			inXF = true
		case brtEndCellXF:
			inXF = false
		case brtXF:
			if inXF && len(d) >= 4 {
				b.XF = append(b.XF, int(binary.LittleEndian.Uint16(d[2:])))
			}
		}
		return nil
	}); err != nil {
		in.Warning(fmt.Sprintf("xlsb styles unreadable, dates shown as numbers: %v", err))
	}
	for _, sh := range sheets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.sheet(ctx, sh.name, sh.part, emit); err != nil {
			return err
		}
	}
	return archive.Pictures(in, zr, b.lim, "xl/media/")
}

// part reads the records of a part; a missing part is an error only when
// required.
func (b *book) part(name string, required bool, fn func(int, []byte) error) error {
	f := b.files[name]
	if f == nil {
		if required {
			return fmt.Errorf("%w: no %s", errCorrupt, name)
		}
		return nil
	}
	rc, err := archive.OpenMember(f, name, b.lim)
	if err != nil {
		return err
	}
	defer rc.Close()
	return records(rc, fn)
}

// rels reads a relationships part: target part names by ID, resolved
// against xl/.
func (b *book) rels(name string) (map[string]string, error) {
	f := b.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: no %s", errCorrupt, name)
	}
	rc, err := archive.OpenMember(f, name, b.lim)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errCorrupt, name, err)
	}
	out := map[string]string{}
	for _, r := range doc.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		out[r.ID] = strings.ToLower(t)
	}
	return out, nil
}

// sheet streams one worksheet's cells to emit.
func (b *book) sheet(ctx context.Context, name, part string, emit func(scan.Segment) error) error {
	rows := xlsx.NewRows(b.in, name, emit)
	var row []xlsx.Cell
	rowNum := 0
	flush := func() error {
		err := rows.Row(rowNum, row)
		row = nil
		if err != nil {
			return err
		}
		return ctx.Err()
	}
	add := func(d []byte, text string, isText bool) {
		if len(d) < 8 || text == "" {
			return
		}
		col := int(binary.LittleEndian.Uint32(d)) + 1
		if col < 1 || col > 16384 {
			return
		}
		row = append(row, xlsx.Cell{Ref: xlsx.ColName(col) + strconv.Itoa(rowNum), Col: col, Text: text, IsText: isText})
	}
	style := func(d []byte) int { return int(binary.LittleEndian.Uint32(d[4:]) & 0xFFFFFF) }
	err := b.part(part, true, func(typ int, d []byte) error {
		switch typ {
		case brtRowHdr:
			if len(d) < 4 {
				return nil
			}
			if err := flush(); err != nil {
				return err
			}
			rowNum = int(binary.LittleEndian.Uint32(d)) + 1
		case brtCellRk:
			if len(d) >= 12 {
				add(d, b.Number(xlsx.RK(binary.LittleEndian.Uint32(d[8:])), style(d)), false)
			}
		case brtCellReal, brtFmlaNum:
			if len(d) >= 16 {
				add(d, b.Number(math.Float64frombits(binary.LittleEndian.Uint64(d[8:])), style(d)), false)
			}
		case brtCellSt, brtFmlaString:
			if s, _, ok := wideString(d, 8); ok {
				add(d, s, true)
			}
		case brtCellIsst:
			if len(d) >= 12 {
				if i := int(binary.LittleEndian.Uint32(d[8:])); i < len(b.sst) {
					add(d, b.sst[i], true)
				}
			}
		case brtCellBool, brtFmlaBool:
			if len(d) >= 9 {
				add(d, map[bool]string{true: "TRUE", false: "FALSE"}[d[8] != 0], false)
			}
		}
		return nil
	})
	if err != nil {
		if ferr := flush(); ferr != nil {
			return ferr
		}
		if ferr := rows.Finish(); ferr != nil {
			return ferr
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		b.in.Warning(fmt.Sprintf("sheet %q not read to the end: %v", name, err))
		return nil
	}
	if err := flush(); err != nil {
		return err
	}
	return rows.Finish()
}
