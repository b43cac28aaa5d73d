// Package dbf extracts the records of dBase, Clipper and FoxPro tables
// (.dbf): the storage of many older line-of-business applications, still
// in use at county offices, clinics and small lenders, and the attribute
// table of every shapefile.
//
// The header's field descriptors name the columns; each record is read
// in turn, deleted ones too (a deleted record keeps its data in the
// file), and each non-blank field becomes a segment named by its column,
// in the record "path#row=N", located by byte offset when the text is
// the file's own. Text is UTF-8 when valid, else in the code page the
// header names (Windows-1252 when it names none known). Memo fields are
// read from the .dbt or .fpt file beside the table when there is one (a
// table on disk); otherwise they are counted in a warning. Binary
// fields of Visual FoxPro (integers, doubles, currency, date-times) are
// decoded; general and picture fields are not text and are counted.
package dbf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads .dbf tables. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "dbf" }

// field is one column of the table.
type field struct {
	name     string
	typ      byte
	off, len int // within the record, after the deletion flag
}

// header is a table's layout.
type header struct {
	version   byte
	records   int
	headerLen int
	recordLen int
	ldid      byte // language driver: the code page
	fields    []field
}

// versions are the first bytes of the tables this package reads.
var versions = map[byte]bool{0x02: true, 0x03: true, 0x04: true, 0x05: true, 0x30: true, 0x31: true, 0x32: true, 0x43: true,
	0x63: true, 0x83: true, 0x8B: true, 0x8E: true, 0xCB: true, 0xF5: true, 0xFB: true}

// Accepts implements scan.Extractor: a .dbf name with a table's header,
// or any name whose head is a consistent table header.
func (Extractor) Accepts(name string, head []byte) bool {
	h, err := parseHeader(head)
	if strings.EqualFold(path.Ext(name), ".dbf") && len(head) >= 32 && versions[head[0]] {
		// A table with more field descriptors than the head holds.
		return err == nil || int(binary.LittleEndian.Uint16(head[8:])) > len(head)
	}
	if err != nil {
		return false
	}
	// Without the name, the layout must add up exactly and name fields
	// with letters.
	return len(h.fields) >= 2 && h.fields[0].name != "" && strings.IndexFunc(h.fields[0].name, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }) == 0
}

var errCorrupt = errors.New("corrupt dBase table")

// parseHeader reads the header from b (at least the field descriptors).
func parseHeader(b []byte) (*header, error) {
	if len(b) < 33 || !versions[b[0]] {
		return nil, errCorrupt
	}
	h := &header{version: b[0], records: int(binary.LittleEndian.Uint32(b[4:])), headerLen: int(binary.LittleEndian.Uint16(b[8:])),
		recordLen: int(binary.LittleEndian.Uint16(b[10:])), ldid: b[29]}
	if m, d := b[2], b[3]; m < 1 || m > 12 || d < 1 || d > 31 {
		return nil, fmt.Errorf("%w: last update month %d day %d", errCorrupt, m, d)
	}
	if h.headerLen < 33 || h.recordLen < 2 {
		return nil, fmt.Errorf("%w: header of %d bytes, records of %d", errCorrupt, h.headerLen, h.recordLen)
	}
	off := 0
	for p := 32; ; p += 32 {
		if p >= len(b) || p >= h.headerLen {
			return nil, fmt.Errorf("%w: field descriptors do not end", errCorrupt)
		}
		if b[p] == 0x0D {
			break
		}
		if p+32 > len(b) {
			return nil, fmt.Errorf("%w: field descriptors cut short", errCorrupt)
		}
		d := b[p : p+32]
		name := string(bytes.TrimRight(d[:11], "\x00 "))
		if i := strings.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		f := field{name: name, typ: d[11], off: off, len: int(d[16])}
		if f.typ == 'C' && h.version != 0x30 && h.version != 0x31 && h.version != 0x32 {
			f.len |= int(d[17]) << 8 // Clipper's long character fields
		}
		if f.len == 0 || !strings.ContainsRune("CNFDLMIBTYGPV0@+OQW", rune(f.typ)) {
			return nil, fmt.Errorf("%w: field %q of type %q and length %d", errCorrupt, name, f.typ, f.len)
		}
		off += f.len
		h.fields = append(h.fields, f)
	}
	if len(h.fields) == 0 || 1+off != h.recordLen {
		return nil, fmt.Errorf("%w: the fields add up to %d bytes, the records are %d", errCorrupt, 1+off, h.recordLen)
	}
	return h, nil
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(32)
	if len(head) < 32 {
		return fmt.Errorf("%w: %d bytes", errCorrupt, len(head))
	}
	hl := int(binary.LittleEndian.Uint16(head[8:]))
	hb := make([]byte, max(hl, 33))
	if _, err := io.ReadFull(br, hb[:hl]); err != nil {
		return fmt.Errorf("%w: header cut short", errCorrupt)
	}
	h, err := parseHeader(hb[:hl])
	if err != nil {
		return err
	}
	x := &extraction{in: in, h: h, emit: emit, dec: codePage(h.ldid)}
	defer x.closeMemo()
	rec := make([]byte, h.recordLen)
	for n := 1; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		off := int64(hl) + int64(n-1)*int64(h.recordLen)
		k, err := io.ReadFull(br, rec)
		if err == io.EOF || k == 1 && rec[0] == 0x1A {
			break
		}
		if err != nil {
			in.Warning(fmt.Sprintf("record %d cut short (%d of %d bytes); the header counts %d records", n, k, h.recordLen, h.records))
			break
		}
		if rec[0] == 0x1A && n > h.records {
			break // the end-of-file mark
		}
		if err := x.record(rec, off, n); err != nil {
			return err
		}
	}
	if x.memoMissing > 0 {
		in.Warning(fmt.Sprintf("%d memo values not read: the memo file (.dbt or .fpt) is not beside the table", x.memoMissing))
	}
	if x.binary > 0 {
		in.Warning(fmt.Sprintf("%d general or picture values (not text) not scanned", x.binary))
	}
	return nil
}

// extraction is the state of one table's reading.
type extraction struct {
	in          *scan.Input
	h           *header
	emit        func(scan.Segment) error
	dec         encoding.Encoding
	memo        *memo
	memoTried   bool
	memoMissing int
	binary      int
	names       []string // the fields' names, given to each value (scan.Segment.Columns)
}

// record emits the fields of one record at byte offset off.
func (x *extraction) record(rec []byte, off int64, n int) error {
	id := x.in.Path + "#row=" + strconv.Itoa(n)
	if x.names == nil {
		for _, f := range x.h.fields {
			x.names = append(x.names, f.name)
		}
	}
	for _, f := range x.h.fields {
		raw := rec[1+f.off : 1+f.off+f.len]
		seg := scan.Segment{Field: f.name, Columns: x.names, Record: id, Offset: -1}
		switch f.typ {
		case 'C', 'N', 'F', 'D', 'V':
			st, en := trim(raw)
			if st >= en {
				continue
			}
			seg.Text = raw[st:en]
			if utf8.Valid(seg.Text) {
				seg.Offset = off + 1 + int64(f.off+st)
			} else {
				seg.Text = x.decode(seg.Text)
			}
		case 'I':
			seg.Text = []byte(strconv.FormatInt(int64(int32(binary.LittleEndian.Uint32(raw))), 10))
		case 'B', 'O':
			if f.typ == 'B' && x.h.version != 0x30 && x.h.version != 0x31 && x.h.version != 0x32 {
				// dBase's B is a memo block number.
				t, err := x.memoText(raw)
				if err != nil || len(t) == 0 {
					continue
				}
				seg.Text = t
				break
			}
			if len(raw) != 8 {
				continue
			}
			seg.Text = []byte(strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64(raw)), 'f', -1, 64))
		case 'Y':
			if len(raw) != 8 {
				continue
			}
			seg.Text = []byte(strconv.FormatFloat(float64(int64(binary.LittleEndian.Uint64(raw)))/10000, 'f', -1, 64))
		case 'T', '@':
			if len(raw) != 8 {
				continue
			}
			seg.Text = julian(raw)
		case 'M':
			t, err := x.memoText(raw)
			if err != nil || len(t) == 0 {
				continue
			}
			seg.Text = t
		case 'G', 'P', 'W', 'Q':
			if len(bytes.Trim(raw, " \x00")) > 0 {
				x.binary++
			}
			continue
		default:
			continue // logical, autoincrement, timestamps of rows
		}
		if len(bytes.TrimSpace(seg.Text)) == 0 {
			continue
		}
		if err := x.emit(seg); err != nil {
			return err
		}
	}
	return nil
}

// trim returns the span of b without padding spaces and NULs.
func trim(b []byte) (int, int) {
	st, en := 0, len(b)
	for st < en && (b[st] == ' ' || b[st] == 0) {
		st++
	}
	for en > st && (b[en-1] == ' ' || b[en-1] == 0) {
		en--
	}
	return st, en
}

// decode reads text in the table's code page.
func (x *extraction) decode(b []byte) []byte {
	out, err := x.dec.NewDecoder().Bytes(b)
	if err != nil {
		return []byte(string(b))
	}
	return out
}

// julian renders a Visual FoxPro date-time: a Julian day number and
// milliseconds since midnight.
func julian(b []byte) []byte {
	day := int64(int32(binary.LittleEndian.Uint32(b)))
	ms := int64(int32(binary.LittleEndian.Uint32(b[4:])))
	if day == 0 {
		return nil
	}
	t := time.Unix((day-2440588)*86400, 0).UTC().Add(time.Duration(ms) * time.Millisecond)
	if ms == 0 {
		return []byte(t.Format(time.DateOnly))
	}
	return []byte(t.Format(time.RFC3339))
}

// codePage returns the encoding a language driver ID names; Windows-1252
// for those not known.
func codePage(ldid byte) encoding.Encoding {
	switch ldid {
	case 0x01:
		return charmap.CodePage437
	case 0x02:
		return charmap.CodePage850
	case 0x64:
		return charmap.CodePage852
	case 0x65:
		return charmap.CodePage866
	case 0xC8:
		return charmap.Windows1250
	case 0xC9:
		return charmap.Windows1251
	case 0xCB:
		return charmap.Windows1253
	case 0xCA:
		return charmap.Windows1254
	}
	return charmap.Windows1252
}

// memo is an open memo file: dBase III/IV (.dbt) or FoxPro (.fpt).
type memo struct {
	f     *os.File
	fox   bool
	block int64
}

// memoText reads the memo whose block number is in raw.
func (x *extraction) memoText(raw []byte) ([]byte, error) {
	var blk int64
	if len(raw) == 4 {
		blk = int64(binary.LittleEndian.Uint32(raw))
	} else {
		st, en := trim(raw)
		if st >= en {
			return nil, nil
		}
		v, err := strconv.ParseInt(string(raw[st:en]), 10, 64)
		if err != nil {
			return nil, nil
		}
		blk = v
	}
	if blk <= 0 {
		return nil, nil
	}
	m := x.openMemo()
	if m == nil {
		x.memoMissing++
		return nil, nil
	}
	return m.read(blk, x)
}

// openMemo opens the memo file beside the table, once.
func (x *extraction) openMemo() *memo {
	if x.memoTried {
		return x.memo
	}
	x.memoTried = true
	if x.in.Sibling == nil {
		return nil
	}
	base := strings.TrimSuffix(path.Base(x.in.Path), path.Ext(x.in.Path))
	for _, ext := range []string{".fpt", ".FPT", ".dbt", ".DBT"} {
		f, err := x.in.Sibling(base + ext)
		if err != nil {
			continue
		}
		m := &memo{f: f, fox: strings.EqualFold(ext, ".fpt"), block: 512}
		var h [8]byte
		if _, err := f.ReadAt(h[:], 0); err == nil {
			if m.fox {
				m.block = int64(binary.BigEndian.Uint16(h[6:]))
			} else if bs := int64(binary.LittleEndian.Uint16(h[4:])); x.h.version == 0x8B && bs >= 512 {
				m.block = bs // dBase IV keeps its block size
			}
		}
		if m.block <= 0 {
			m.block = 512
		}
		x.memo = m
		return m
	}
	return nil
}

// maxMemo bounds one memo's text.
const maxMemo = 16 << 20

// read returns the text of memo block blk.
func (m *memo) read(blk int64, x *extraction) ([]byte, error) {
	at := blk * m.block
	if m.fox {
		var h [8]byte
		if _, err := m.f.ReadAt(h[:], at); err != nil {
			return nil, err
		}
		if binary.BigEndian.Uint32(h[:]) != 1 {
			x.binary++ // a picture or an object
			return nil, nil
		}
		n := int64(binary.BigEndian.Uint32(h[4:]))
		if n > maxMemo {
			n = maxMemo
		}
		b := make([]byte, n)
		k, _ := m.f.ReadAt(b, at+8)
		return x.text(b[:k]), nil
	}
	// dBase III: text up to 0x1A; dBase IV: a length after a marker.
	var h [8]byte
	if _, err := m.f.ReadAt(h[:], at); err == nil && binary.LittleEndian.Uint32(h[:]) == 0x0008FFFF {
		n := int64(binary.LittleEndian.Uint32(h[4:])) - 8
		n = max(0, min(n, maxMemo))
		b := make([]byte, n)
		k, _ := m.f.ReadAt(b, at+8)
		return x.text(b[:k]), nil
	}
	var out []byte
	buf := make([]byte, 4096)
	for int64(len(out)) < maxMemo {
		k, err := m.f.ReadAt(buf, at+int64(len(out)))
		if i := bytes.IndexByte(buf[:k], 0x1A); i >= 0 {
			return x.text(append(out, buf[:i]...)), nil
		}
		out = append(out, buf[:k]...)
		if err != nil {
			break
		}
	}
	return x.text(out), nil
}

// text decodes memo bytes when they are not UTF-8.
func (x *extraction) text(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return x.decode(b)
}

func (x *extraction) closeMemo() {
	if x.memo != nil {
		x.memo.f.Close()
	}
}

// Memo recognises the memo file of a table (.dbt, .fpt). Its text is
// read with the table, by Extractor, when the table is beside it; a memo
// file alone (its table not taken, or inside an archive) is read as the
// runs of text in its blocks, "path#memo=N".
type Memo struct{}

// Format implements scan.Extractor.
func (Memo) Format() string { return "dbf-memo" }

// Accepts implements scan.Extractor: a .dbt or .fpt name.
func (Memo) Accepts(name string, head []byte) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".dbt" || ext == ".fpt"
}

// Extract implements scan.Extractor.
func (Memo) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	if in.Sibling != nil {
		base := strings.TrimSuffix(path.Base(in.Path), path.Ext(in.Path))
		for _, ext := range []string{".dbf", ".DBF"} {
			if f, err := in.Sibling(base + ext); err == nil {
				f.Close()
				return nil // read with its table
			}
		}
	}
	br := bufio.NewReaderSize(in.R, 64<<10)
	var run []byte
	var start, off int64
	n := 0
	flush := func() error {
		t := bytes.TrimSpace(run)
		if len(t) >= 3 {
			n++
			seg := scan.Segment{Text: t, Offset: start + int64(bytes.Index(run, t)), Record: in.Path + "#memo=" + strconv.Itoa(n)}
			if !utf8.Valid(t) {
				seg.Text, _ = charmap.Windows1252.NewDecoder().Bytes(t)
				seg.Offset = -1
			}
			if err := emit(seg); err != nil {
				return err
			}
		}
		run = run[:0]
		return nil
	}
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return err
		}
		if off&0xFFFF == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if c < 0x09 || c == 0x1A || c > 0x0D && c < 0x20 || len(run) >= maxMemo {
			if err := flush(); err != nil {
				return err
			}
		} else {
			if len(run) == 0 {
				start = off
			}
			run = append(run, c)
		}
		off++
	}
}
