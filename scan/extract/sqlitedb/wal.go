package sqlitedb

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// A database in WAL mode keeps its latest changes in a write-ahead log
// beside it (app.db-wal) until they are checkpointed into the database
// file; an application that was running, or killed, when its files were
// taken leaves rows there that the .db does not hold. The log is read
// here, by the file format (https://www.sqlite.org/fileformat2.html#walformat),
// rather than by SQLite, which would want to write a -shm index beside
// it: the pages of its committed frames are laid over the database's.

// walMagic starts a WAL file; the last bit says whether its checksums
// read words big-endian.
const walMagic = 0x377f0682

// walHeader and frameHeader are the sizes of the log's and each frame's
// header.
const (
	walHeader   = 32
	frameHeader = 24
)

// isWAL reports whether head starts a write-ahead log.
func isWAL(head []byte) bool {
	return len(head) >= 4 && binary.BigEndian.Uint32(head)&^1 == walMagic
}

// overlay is a database image with the committed pages of its log laid
// over it.
type overlay struct {
	base     io.ReaderAt
	baseSize int64
	wal      io.ReaderAt
	pageSize int64
	size     int64            // the database's size after the last commit
	pages    map[uint32]int64 // page number → offset of its newest committed copy in the log
}

// readWAL reads the log's committed frames. It returns nil, nil when the
// log holds none (empty, or reset by a checkpoint), and an error when it
// is not a log of a database with pages of pageSize.
func readWAL(wal io.ReaderAt, walSize int64, base io.ReaderAt, baseSize, pageSize int64) (*overlay, error) {
	var h [walHeader]byte
	if walSize < walHeader {
		return nil, nil
	}
	if _, err := wal.ReadAt(h[:], 0); err != nil {
		return nil, err
	}
	magic := binary.BigEndian.Uint32(h[:])
	if magic&^1 != walMagic {
		return nil, errors.New("not a SQLite write-ahead log")
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	ps := int64(binary.BigEndian.Uint32(h[8:]))
	if ps != pageSize {
		return nil, fmt.Errorf("its pages are %d bytes, the database's %d", ps, pageSize)
	}
	s0, s1 := walChecksum(order, h[:24], 0, 0)
	if s0 != binary.BigEndian.Uint32(h[24:]) || s1 != binary.BigEndian.Uint32(h[28:]) {
		return nil, errors.New("its header checksum does not match")
	}
	salt := h[16:24]
	o := &overlay{base: base, baseSize: baseSize, wal: wal, pageSize: ps, pages: map[uint32]int64{}}
	pending := map[uint32]int64{}
	frame := make([]byte, frameHeader+ps)
	for off := int64(walHeader); off+frameHeader+ps <= walSize; off += frameHeader + ps {
		if _, err := wal.ReadAt(frame, off); err != nil {
			return nil, err
		}
		// A frame belongs to this generation of the log when its salt is
		// the header's and the running checksum holds; the first that
		// fails ends the log.
		if !bytes.Equal(frame[8:16], salt) {
			break
		}
		s0, s1 = walChecksum(order, frame[:8], s0, s1)
		s0, s1 = walChecksum(order, frame[frameHeader:], s0, s1)
		if s0 != binary.BigEndian.Uint32(frame[16:]) || s1 != binary.BigEndian.Uint32(frame[20:]) {
			break
		}
		pg := binary.BigEndian.Uint32(frame)
		if pg == 0 {
			break
		}
		pending[pg] = off + frameHeader
		if commit := binary.BigEndian.Uint32(frame[4:]); commit != 0 {
			// A commit: its transaction's pages count.
			for p, at := range pending {
				o.pages[p] = at
			}
			clear(pending)
			o.size = int64(commit) * ps
		}
	}
	if len(o.pages) == 0 {
		return nil, nil
	}
	return o, nil
}

// walChecksum continues the log's checksum over b (a multiple of 8 bytes).
func walChecksum(order binary.ByteOrder, b []byte, s0, s1 uint32) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// Size is the database's size after the log's last commit.
func (o *overlay) Size() int64 { return o.size }

// ReadAt reads the database as the log's last commit left it. The
// header says "legacy" rather than "WAL" mode, so that SQLite reads the
// image as the whole database and looks for no log of its own.
func (o *overlay) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		at := off + int64(n)
		if at >= o.size {
			return n, io.EOF
		}
		pg := uint32(at/o.pageSize) + 1
		in := at % o.pageSize
		chunk := min(int64(len(p)-n), o.pageSize-in, o.size-at)
		dst := p[n : n+int(chunk)]
		if w, ok := o.pages[pg]; ok {
			if _, err := o.wal.ReadAt(dst, w+in); err != nil {
				return n, err
			}
		} else if at < o.baseSize {
			m, err := o.base.ReadAt(dst[:min(chunk, o.baseSize-at)], at)
			clear(dst[m:])
			if err != nil && err != io.EOF {
				return n, err
			}
		} else {
			clear(dst)
		}
		if pg == 1 && in <= 19 && in+chunk > 18 {
			for k := int64(18); k <= 19; k++ {
				if k >= in && k < in+chunk {
					dst[k-in] = 1
				}
			}
		}
		n += int(chunk)
	}
	return n, nil
}

// pageSizeOf reads the page size from a database header.
func pageSizeOf(ra io.ReaderAt) (int64, error) {
	var b [2]byte
	if _, err := ra.ReadAt(b[:], 16); err != nil {
		return 0, err
	}
	ps := int64(binary.BigEndian.Uint16(b[:]))
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps&(ps-1) != 0 {
		return 0, fmt.Errorf("invalid page size %d", ps)
	}
	return ps, nil
}

// withWAL returns the database with its log beside it applied, or the
// database alone when there is no log (or no folder: a member of an
// archive). A log that cannot be used is warned about.
func withWAL(in *scan.Input, ra io.ReaderAt, size int64) (io.ReaderAt, int64, func()) {
	none := func() {}
	if in.Sibling == nil {
		return ra, size, none
	}
	name := path.Base(in.Path) + "-wal"
	f, err := in.Sibling(name)
	if err != nil {
		return ra, size, none // no log: the database is all there is
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		in.Warning(fmt.Sprintf("%s beside the database not read: %v", name, err))
		return ra, size, none
	}
	ps, err := pageSizeOf(ra)
	if err != nil {
		f.Close()
		return ra, size, none // the database itself will say what is wrong
	}
	o, err := readWAL(f, fi.Size(), ra, size, ps)
	if err != nil || o == nil {
		f.Close()
		if err != nil {
			in.Warning(fmt.Sprintf("%s beside the database not read (%v): changes not yet checkpointed into the database are not scanned", name, err))
		}
		return ra, size, none
	}
	return o, o.Size(), func() { f.Close() }
}

// WAL recognises the write-ahead log of a SQLite database (app.db-wal)
// and its shared-memory index (app.db-shm). The log's content is read
// with its database, by Extractor; the log is recorded as a source of
// its own, with its digest, and is reported as skipped when its
// database is not beside it. The index holds page numbers and hashes,
// no data: it is recorded as read.
type WAL struct{}

// Format implements scan.Extractor.
func (WAL) Format() string { return "sqlite-wal" }

// walIndexVersion starts a -shm index, in the byte order of the machine
// that wrote it.
const walIndexVersion = 3007000

// Accepts implements scan.Extractor: a head with the log's magic, or a
// -shm name with the index's version.
func (WAL) Accepts(name string, head []byte) bool {
	if isWAL(head) {
		return true
	}
	return strings.HasSuffix(name, "-shm") && len(head) >= 4 &&
		(binary.LittleEndian.Uint32(head) == walIndexVersion || binary.BigEndian.Uint32(head) == walIndexVersion)
}

// Extract implements scan.Extractor: it checks that the database the log
// belongs to is beside it, where Extractor reads them together.
func (WAL) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	base := path.Base(in.Path)
	if strings.HasSuffix(base, "-shm") {
		return nil // an index of the log: no data of its own
	}
	db, ok := strings.CutSuffix(base, "-wal")
	if !ok {
		return fmt.Errorf("a SQLite write-ahead log named %q, not <database>-wal: its database is not known, and a log is read only with its database", base)
	}
	if in.Sibling == nil {
		return fmt.Errorf("a SQLite write-ahead log inside an archive: it is read only with its database %q beside it on disk; extract the archive and scan the folder", db)
	}
	f, err := in.Sibling(db)
	if err != nil {
		return fmt.Errorf("a SQLite write-ahead log without its database %q beside it: its changes cannot be read alone", db)
	}
	defer f.Close()
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, magic) {
		return fmt.Errorf("a SQLite write-ahead log whose database %q is not a SQLite database", db)
	}
	return nil // read with the database
}
