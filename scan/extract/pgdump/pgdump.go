// Package pgdump reads PostgreSQL dumps in pg_dump's custom format
// (pg_dump -Fc, the usual ".dump" backup of a database): a table of
// contents, then each table's rows as COPY data, compressed. Stolen
// database backups often come this way, and to every text tool they are
// binary.
//
// The archive is read as a stream, by the layout that pg_dump's
// pg_backup_archiver.c and pg_backup_custom.c write (archive versions
// 1.12 to 1.16, PostgreSQL 12 to 17). Each table's data becomes a member,
// "<schema>.<table>.sql": its COPY statement, the rows and the end mark,
// which the pipeline reads with the SQL extractor, so that each value is
// named by its column. Large objects become members "blob_<oid>". Data
// compressed with gzip or zstd is read; LZ4 is reported as not read.
//
// The table of contents of the directory and tar formats (toc.dat) holds
// no rows: it is recorded as read, and DataFile reads each NNNN.dat(.gz)
// data file beside it as its table, named by the table of contents.
package pgdump

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads pg_dump archives. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "pg_dump" }

// Accepts implements scan.Extractor: the archive's magic, "PGDMP".
func (Extractor) Accepts(name string, head []byte) bool {
	return bytes.HasPrefix(head, []byte("PGDMP"))
}

// Archive formats and block types, as pg_backup_archiver.h numbers them.
const (
	formatCustom = 1
	blockData    = 1
	blockBlobs   = 3
)

// Archive versions whose layout differs.
const (
	v1_12 = 1<<16 | 12<<8
	v1_14 = 1<<16 | 14<<8
	v1_15 = 1<<16 | 15<<8
	v1_16 = 1<<16 | 16<<8
	vMax  = 1<<16 | 16<<8 | 0xFF
)

// Compression of the data blocks.
const (
	compNone = iota
	compGzip
	compLZ4
	compZstd
)

var errCorrupt = errors.New("corrupt pg_dump archive")

// reader reads the archive's primitive values.
type reader struct {
	r       *bufio.Reader
	version int
	intSize int
	offSize int
	err     error
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	b, err := r.r.ReadByte()
	if err != nil {
		r.err = err
	}
	return b
}

// int reads a sign byte and intSize bytes, least significant first.
func (r *reader) int() int {
	neg := r.byte() != 0
	v := 0
	for i := 0; i < r.intSize; i++ {
		b := r.byte()
		if i < 8 {
			v |= int(b) << (8 * i)
		}
	}
	if neg {
		v = -v
	}
	return v
}

// str reads a length and that many bytes; ok is false for the null
// string (length -1).
func (r *reader) str() (s string, ok bool) {
	n := r.int()
	if n < 0 || r.err != nil {
		return "", false
	}
	if n > 64<<20 {
		r.err = fmt.Errorf("%w: a string of %d bytes", errCorrupt, n)
		return "", false
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.err = err
		return "", false
	}
	return string(b), true
}

// offset reads a data offset: a state byte and offSize bytes.
func (r *reader) offset() {
	r.byte()
	for i := 0; i < r.offSize; i++ {
		r.byte()
	}
}

// entry is one item of the table of contents that can have data.
type entry struct {
	tag, desc, namespace, copyStmt string
	file                           string // the data file, in the directory and tar formats
}

// readHeader reads the archive's header up to its table of contents and
// returns its format and the compression of its data.
func readHeader(r *reader) (format, comp int, err error) {
	var magic [5]byte
	if _, err := io.ReadFull(r.r, magic[:]); err != nil || string(magic[:]) != "PGDMP" {
		return 0, 0, fmt.Errorf("%w: no PGDMP signature", errCorrupt)
	}
	vmaj, vmin, vrev := r.byte(), r.byte(), r.byte()
	r.version = int(vmaj)<<16 | int(vmin)<<8 | int(vrev)
	r.intSize, r.offSize = int(r.byte()), int(r.byte())
	format = int(r.byte())
	if r.err != nil {
		return 0, 0, fmt.Errorf("%w: header cut short", errCorrupt)
	}
	if r.version < v1_12 || r.version > vMax {
		return 0, 0, fmt.Errorf("pg_dump archive version %d.%d is not read (only 1.12 to 1.16, from PostgreSQL 12 to 17)", vmaj, vmin)
	}
	if r.intSize < 1 || r.intSize > 8 || r.offSize < 1 || r.offSize > 8 {
		return 0, 0, fmt.Errorf("%w: integer size %d, offset size %d", errCorrupt, r.intSize, r.offSize)
	}
	comp = compNone
	if r.version >= v1_15 {
		comp = int(r.byte())
	} else if lvl := r.int(); lvl != 0 {
		comp = compGzip
	}
	for range 7 { // the dump's time: sec, min, hour, day, month, year, isdst
		r.int()
	}
	r.str() // database name
	r.str() // server version
	r.str() // pg_dump version
	if r.err != nil {
		return 0, 0, fmt.Errorf("%w: header cut short: %v", errCorrupt, r.err)
	}
	return format, comp, nil
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	r := &reader{r: bufio.NewReaderSize(in.R, 64<<10)}
	format, comp, err := readHeader(r)
	if err != nil {
		return err
	}
	if format != formatCustom {
		return nil // a toc.dat of the directory or tar format: DataFile reads the data beside it
	}
	entries, err := readTOC(r, format)
	if err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		bt, err := r.r.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		id := r.int()
		if r.err != nil {
			return fmt.Errorf("%w: data block cut short", errCorrupt)
		}
		e := entries[id]
		switch bt {
		case blockData:
			name := "data_" + strconv.Itoa(id) + ".sql"
			if e != nil && e.tag != "" {
				name = memberName(e.namespace, e.tag) + ".sql"
			}
			if err := dataMember(in, r, comp, name, e); err != nil {
				return err
			}
		case blockBlobs:
			if err := blobs(in, r, comp); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: block type %d", errCorrupt, bt)
		}
	}
}

// readTOC reads the table of contents: the entries by dump ID.
func readTOC(r *reader, format int) (map[int]*entry, error) {
	n := r.int()
	if r.err != nil || n < 0 || n > 10_000_000 {
		return nil, fmt.Errorf("%w: table of contents of %d entries", errCorrupt, n)
	}
	entries := map[int]*entry{}
	for i := 0; i < n; i++ {
		id := r.int()
		r.int() // hadDumper
		r.str() // tableoid
		r.str() // oid
		var e entry
		e.tag, _ = r.str()
		e.desc, _ = r.str()
		r.int() // section
		r.str() // definition
		r.str() // drop statement
		e.copyStmt, _ = r.str()
		e.namespace, _ = r.str()
		r.str() // tablespace
		if r.version >= v1_14 {
			r.str() // table access method
		}
		if r.version >= v1_16 {
			r.int() // relkind
		}
		r.str() // owner
		r.str() // "false": tables with OIDs are gone
		for k := 0; ; k++ {
			if _, ok := r.str(); !ok || k > 1_000_000 {
				break // dependencies end with a null string
			}
		}
		if format == formatCustom {
			r.offset()
		} else {
			e.file, _ = r.str() // the data file of the directory and tar formats
		}
		if r.err != nil {
			return nil, fmt.Errorf("%w: table of contents cut short at entry %d of %d: %v", errCorrupt, i+1, n, r.err)
		}
		entries[id] = &e
	}
	return entries, nil
}

// memberName is "schema.table" with characters that do not belong in a
// name replaced.
func memberName(schema, table string) string {
	n := table
	if schema != "" {
		n = schema + "." + table
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < 0x20 {
			return '_'
		}
		return r
	}, n)
}

// chunks reads a block's data: chunks of a length and bytes, up to a
// chunk of length 0.
type chunks struct {
	r    *reader
	left int
	done bool
}

func (c *chunks) Read(p []byte) (int, error) {
	for c.left == 0 {
		if c.done {
			return 0, io.EOF
		}
		n := c.r.int()
		if c.r.err != nil {
			return 0, c.r.err
		}
		if n < 0 {
			return 0, fmt.Errorf("%w: chunk of %d bytes", errCorrupt, n)
		}
		if n == 0 {
			c.done = true
			return 0, io.EOF
		}
		c.left = n
	}
	n, err := c.r.r.Read(p[:min(len(p), c.left)])
	c.left -= n
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// drain reads the block to its end, so the next block can be read.
func (c *chunks) drain() error {
	_, err := io.Copy(io.Discard, c)
	return err
}

// decompress returns the reader of a block's data.
func decompress(c *chunks, comp int) (io.Reader, func(), error) {
	switch comp {
	case compNone:
		return c, func() {}, nil
	case compGzip:
		z, err := zlib.NewReader(c)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", errCorrupt, err)
		}
		return z, func() { z.Close() }, nil
	case compZstd:
		z, err := zstd.NewReader(c, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", errCorrupt, err)
		}
		return z, z.Close, nil
	}
	return nil, nil, fmt.Errorf("pg_dump data compressed with LZ4 (or method %d) is not read", comp)
}

// dataMember hands a table's rows to the pipeline as a COPY statement.
func dataMember(in *scan.Input, r *reader, comp int, name string, e *entry) error {
	c := &chunks{r: r}
	if e == nil || !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(e.copyStmt)), "COPY ") {
		// Not table rows (or no entry says what they are): skipped whole.
		if e != nil && e.desc != "" && e.desc != "TABLE DATA" {
			return c.drain()
		}
		in.Warning(fmt.Sprintf("pg_dump block %q has no COPY statement; not read", name))
		return c.drain()
	}
	data, done, err := decompress(c, comp)
	if err != nil {
		in.Warning(fmt.Sprintf("%s: %v", name, err))
		return c.drain()
	}
	defer done()
	stmt := strings.TrimSpace(e.copyStmt) + "\n"
	tail := &endMark{r: data}
	body := io.MultiReader(strings.NewReader(stmt), tail, tail.mark())
	if in.Member == nil {
		return c.drain()
	}
	if err := in.Member(name, -1, body); err != nil {
		return err
	}
	// A member reader may stop early (a limit): step to the block's end.
	if _, err := io.Copy(io.Discard, data); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		in.Warning(fmt.Sprintf("%s: %v", name, err))
	}
	return c.drain()
}

// endMark passes a table's COPY data through and remembers its last
// line, so that the end mark ("\.") is added only when the data lacks it
// (pg_dump writes it into the archive, followed by blank lines).
type endMark struct {
	r    io.Reader
	last []byte // the last non-empty line seen, up to 3 bytes
	cur  []byte // the current line, up to 3 bytes
}

func (m *endMark) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			if len(m.cur) > 0 {
				m.last = append(m.last[:0], m.cur...)
			}
			m.cur = m.cur[:0]
		} else if len(m.cur) < 3 {
			m.cur = append(m.cur, c)
		} else {
			m.cur = append(m.cur[:0], 'x', 'x', 'x') // a long line: not the mark
		}
	}
	return n, err
}

// mark returns the reader of the end mark, empty when the data had one.
func (m *endMark) mark() io.Reader {
	return readerFunc(func(p []byte) (int, error) {
		if len(m.cur) == 0 && (string(m.last) == "\\." || string(m.last) == "\\.\r") {
			return 0, io.EOF
		}
		m.last, m.cur = []byte("\\."), nil
		return copy(p, "\n\\.\n"), io.EOF
	})
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// blobs hands each large object of a BLOBS block to the pipeline.
func blobs(in *scan.Input, r *reader, comp int) error {
	for {
		oid := r.int()
		if r.err != nil {
			return fmt.Errorf("%w: large objects cut short", errCorrupt)
		}
		if oid == 0 {
			return nil
		}
		c := &chunks{r: r}
		data, done, err := decompress(c, comp)
		if err != nil {
			in.Warning(fmt.Sprintf("blob_%d: %v", oid, err))
			if err := c.drain(); err != nil {
				return err
			}
			continue
		}
		if in.Member != nil {
			if err := in.Member("blob_"+strconv.Itoa(oid), -1, data); err != nil {
				done()
				return err
			}
		}
		done()
		if err := c.drain(); err != nil {
			return err
		}
	}
}
