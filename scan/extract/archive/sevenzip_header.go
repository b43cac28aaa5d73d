package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"

	"github.com/ulikunitz/xz/lzma"
)

// The 7-Zip reader (github.com/bodgit/sevenzip) makes a slice as long as
// a count in the archive's header says before it reads the elements: a
// forged count (four billion files in a header of a few bytes) asks for
// tens of gigabytes, and the Go runtime then ends the whole process with
// "out of memory", which no recover catches. checkSevenZipHeader walks
// the header first, in the order the reader will, and refuses an archive
// whose counts could not be backed by the header's own bytes: every
// counted element (a file, a stream, a folder, a coder, a size) takes at
// least a byte of header (a file two, for its name), so a count larger
// than the bytes left is a lie.

// Header limits: a header (plain, or as decoded) larger than
// maxSevenZipHeader bytes is refused (a million files with their names,
// times and sizes take about 120 MiB), and so is one declaring more than
// maxSevenZipFiles files.
const (
	maxSevenZipHeader = 256 << 20
	maxSevenZipFiles  = 4_000_000
)

// 7-Zip header property IDs (7zFormat.txt).
const (
	szEnd              = 0x00
	szHeader           = 0x01
	szMainStreamsInfo  = 0x04
	szFilesInfo        = 0x05
	szPackInfo         = 0x06
	szUnpackInfo       = 0x07
	szSubStreamsInfo   = 0x08
	szSize             = 0x09
	szCRC              = 0x0A
	szFolderID         = 0x0B
	szCodersUnpackSize = 0x0C
	szNumUnpackStream  = 0x0D
	szEncodedHeader    = 0x17
)

// errSevenZipForged is wrapped by the errors checkSevenZipHeader returns
// for a count the header cannot back. errSevenZipRefused ends the walk
// where the reader refuses the header itself (external data, bad bind
// pairs), before any allocation by a count.
var (
	errSevenZipForged  = errors.New("forged 7-Zip header")
	errSevenZipRefused = errors.New("refused by the reader")
)

// checkSevenZipHeader reads the header of the 7-Zip archive in ra and
// returns an error if a count in it is larger than its bytes allow, or
// the header is larger than maxSevenZipHeader. It returns nil when the
// header is sound, and also when it cannot read it (no signature, a
// damaged start header, a header coded with a method it does not decode
// or encrypted): the reader reports those itself without allocating by a
// count.
func checkSevenZipHeader(ra io.ReaderAt, size int64) error {
	_, err := sevenZipFiles(ra, size)
	return err
}

// sevenZipFiles is checkSevenZipHeader that also returns the number of
// files the header declares, -1 when it did not get that far.
func sevenZipFiles(ra io.ReaderAt, size int64) (int64, error) {
	off, ok := sevenZipStart(ra, size)
	if !ok {
		return -1, nil
	}
	var sh [32]byte
	if _, err := ra.ReadAt(sh[:], off); err != nil {
		return -1, nil
	}
	next, nsize := binary.LittleEndian.Uint64(sh[12:]), binary.LittleEndian.Uint64(sh[20:])
	base := off + 32 // where packed streams and the header offset count from
	if nsize == 0 {
		return -1, nil // an empty archive
	}
	if nsize > maxSevenZipHeader {
		return -1, fmt.Errorf("%w: header of %d bytes (more than %d)", errSevenZipForged, nsize, maxSevenZipHeader)
	}
	if next >= uint64(size) || uint64(base)+next >= uint64(size) {
		return -1, nil // no header at all: the reader says so
	}
	// The reader checks the header's checksum only once it has parsed it,
	// and parses what there is of a cut header: so is it walked here, damaged
	// or cut.
	hdr := make([]byte, min(nsize, uint64(size-base)-next))
	if n, _ := ra.ReadAt(hdr, base+int64(next)); n < len(hdr) {
		hdr = hdr[:n]
	}
	files := int64(-1)
	if err := walkSevenZipHeader(ra, base, hdr, &files); errors.Is(err, errSevenZipForged) {
		return files, err
	}
	return files, nil
}

// walkSevenZipHeader walks the header hdr (plain or encoded) and sets
// *files to the number of files it declares.
func walkSevenZipHeader(ra io.ReaderAt, base int64, hdr []byte, files *int64) error {
	w := &szWalker{b: hdr, files: files}
	id, err := w.byte()
	if err != nil {
		return err
	}
	switch id {
	case szHeader:
		return w.header()
	case szEncodedHeader:
		si, err := w.streamsInfo()
		if err != nil {
			return err
		}
		plain, err := si.decodeHeader(ra, base)
		if err != nil || plain == nil {
			return err
		}
		w = &szWalker{b: plain, files: files}
		if id, err := w.byte(); err != nil || id != szHeader {
			return nil // the reader says the header is malformed
		}
		return w.header()
	}
	return nil
}

// sevenZipStart returns the offset of the first 7-Zip signature in the
// first MiB (a self-extracting archive has a program before it) whose
// start header's checksum holds, as the reader looks for it.
func sevenZipStart(ra io.ReaderAt, size int64) (int64, bool) {
	buf := make([]byte, min(size, 1<<20))
	n, _ := ra.ReadAt(buf, 0)
	buf = buf[:n]
	for i := 0; ; {
		k := bytes.Index(buf[i:], sevenZipMagic)
		if k < 0 {
			return 0, false
		}
		at := i + k
		if at+32 <= len(buf) && crc32.ChecksumIEEE(buf[at+12:at+32]) == binary.LittleEndian.Uint32(buf[at+8:]) {
			return int64(at), true
		}
		i = at + 1
	}
}

// szWalker reads a 7-Zip header held in memory.
type szWalker struct {
	b     []byte
	p     int
	files *int64 // set when the files are counted
}

// errSevenZipShort ends the walk of a cut header: what it held has been
// checked, and the reader stops where the walk did.
var errSevenZipShort = errors.New("header ends early")

func (w *szWalker) left() uint64 { return uint64(len(w.b) - w.p) }

func (w *szWalker) byte() (byte, error) {
	if w.p >= len(w.b) {
		return 0, errSevenZipShort
	}
	w.p++
	return w.b[w.p-1], nil
}

// number reads a 7-Zip variable-length number: the leading one bits of
// the first byte say how many bytes follow.
func (w *szWalker) number() (uint64, error) {
	b, err := w.byte()
	if err != nil {
		return 0, err
	}
	l := bits.LeadingZeros8(^b)
	var v uint64
	if l < 7 {
		v = uint64(b&(1<<(8-l)-1)) << (8 * l)
	}
	for i := range l {
		c, err := w.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c) << (8 * i)
	}
	return v, nil
}

// count reads a number that the reader will make a slice of, and refuses
// it when the bytes left cannot hold per bytes for each element.
func (w *szWalker) count(what string, per uint64) (uint64, error) {
	n, err := w.number()
	if err != nil {
		return 0, err
	}
	return n, w.bound(what, n, per)
}

// bound refuses n elements of per bytes each when the bytes left cannot
// hold them.
func (w *szWalker) bound(what string, n, per uint64) error {
	if n > w.left()/per+1 {
		return fmt.Errorf("%w: %d %s in %d bytes", errSevenZipForged, n, what, w.left())
	}
	return nil
}

func (w *szWalker) skip(n uint64) error {
	if n > w.left() {
		return errSevenZipShort
	}
	w.p += int(n)
	return nil
}

func (w *szWalker) expect(id byte) error {
	got, err := w.byte()
	if err != nil {
		return err
	}
	if got != id {
		return fmt.Errorf("%w: property %#x where %#x belongs", errSevenZipForged, got, id)
	}
	return nil
}

// digests skips the CRCs of n items: a byte saying whether all are
// defined, else a bit each, then four bytes per defined CRC.
func (w *szWalker) digests(n uint64) error {
	all, err := w.byte()
	if err != nil {
		return err
	}
	defined := n
	if all == 0 {
		if err := w.bound("CRC flags", n, 1); err != nil {
			return err
		}
		defined = 0
		for i := uint64(0); i < n; i += 8 {
			c, err := w.byte()
			if err != nil {
				return err
			}
			if n-i < 8 {
				c &= 0xFF << (8 - (n - i))
			}
			defined += uint64(bits.OnesCount8(c))
		}
	}
	return w.skip(4 * defined)
}

// digestsThenEnd reads the optional CRCs of n items when id introduces
// them, then the end of the section named where.
func (w *szWalker) digestsThenEnd(id byte, n uint64, where string) error {
	if id == szCRC {
		if err := w.digests(n); err != nil {
			return err
		}
		var err error
		if id, err = w.byte(); err != nil {
			return err
		}
	}
	if id != szEnd {
		return fmt.Errorf("%w: property %#x in %s", errSevenZipForged, id, where)
	}
	return nil
}

// szFolder is what decoding the encoded header needs of a folder.
type szFolder struct {
	coders   []szCoder
	unpacked []uint64
}

type szCoder struct {
	id, props []byte
	in, out   uint64
}

// szStreams is what decoding the encoded header needs of streams info.
type szStreams struct {
	packPos   uint64
	packSizes []uint64
	folders   []szFolder
}

func (w *szWalker) streamsInfo() (*szStreams, error) {
	si := &szStreams{}
	id, err := w.byte()
	if err != nil {
		return nil, err
	}
	if id == szPackInfo {
		if err := w.packInfo(si); err != nil {
			return nil, err
		}
		if id, err = w.byte(); err != nil {
			return nil, err
		}
	}
	if id == szUnpackInfo {
		if err := w.unpackInfo(si); err != nil {
			return nil, err
		}
		if id, err = w.byte(); err != nil {
			return nil, err
		}
	}
	if id == szSubStreamsInfo {
		if err := w.subStreamsInfo(si); err != nil {
			return nil, err
		}
		if id, err = w.byte(); err != nil {
			return nil, err
		}
	}
	if id != szEnd {
		return nil, fmt.Errorf("%w: property %#x in streams info", errSevenZipForged, id)
	}
	return si, nil
}

func (w *szWalker) packInfo(si *szStreams) error {
	var err error
	if si.packPos, err = w.number(); err != nil {
		return err
	}
	n, err := w.count("packed streams", 1)
	if err != nil {
		return err
	}
	id, err := w.byte()
	if err != nil {
		return err
	}
	if id == szSize {
		for range n {
			s, err := w.number()
			if err != nil {
				return err
			}
			si.packSizes = append(si.packSizes, s)
		}
		if id, err = w.byte(); err != nil {
			return err
		}
	}
	return w.digestsThenEnd(id, n, "pack info")
}

func (w *szWalker) unpackInfo(si *szStreams) error {
	if err := w.expect(szFolderID); err != nil {
		return err
	}
	n, err := w.count("folders", 2)
	if err != nil {
		return err
	}
	if ext, err := w.byte(); err != nil {
		return err
	} else if ext != 0 {
		return errSevenZipRefused // external folders
	}
	for range n {
		f, err := w.folder()
		if err != nil {
			return err
		}
		si.folders = append(si.folders, f)
	}
	if err := w.expect(szCodersUnpackSize); err != nil {
		return err
	}
	for k := range si.folders {
		f := &si.folders[k]
		var outs uint64
		for _, c := range f.coders {
			outs += c.out
		}
		if err := w.bound("unpack sizes", outs, 1); err != nil {
			return err
		}
		for range outs {
			s, err := w.number()
			if err != nil {
				return err
			}
			f.unpacked = append(f.unpacked, s)
		}
	}
	id, err := w.byte()
	if err != nil {
		return err
	}
	return w.digestsThenEnd(id, n, "unpack info")
}

func (w *szWalker) folder() (szFolder, error) {
	var f szFolder
	n, err := w.count("coders", 2)
	if err != nil {
		return f, err
	}
	var in, out uint64
	for range n {
		v, err := w.byte()
		if err != nil {
			return f, err
		}
		c := szCoder{in: 1, out: 1}
		idLen := uint64(v & 0xF)
		if err := w.skip(idLen); err != nil {
			return f, err
		}
		c.id = w.b[w.p-int(idLen) : w.p]
		if v&0x10 != 0 {
			if c.in, err = w.count("coder inputs", 1); err != nil {
				return f, err
			}
			if c.out, err = w.count("coder outputs", 1); err != nil {
				return f, err
			}
		}
		if v&0x20 != 0 {
			ps, err := w.count("property bytes", 1)
			if err != nil {
				return f, err
			}
			if err := w.skip(ps); err != nil {
				return f, err
			}
			c.props = w.b[w.p-int(ps) : w.p]
		}
		in, out = in+c.in, out+c.out
		f.coders = append(f.coders, c)
	}
	if out == 0 || in < out {
		return f, errSevenZipRefused // no bind pairs can join these coders
	}
	pairs := out - 1
	if err := w.bound("bind pairs", pairs, 2); err != nil {
		return f, err
	}
	for range 2 * pairs {
		if _, err := w.number(); err != nil {
			return f, err
		}
	}
	if packed := in - pairs; packed > 1 {
		if err := w.bound("packed streams", packed, 1); err != nil {
			return f, err
		}
		for range packed {
			if _, err := w.number(); err != nil {
				return f, err
			}
		}
	}
	return f, nil
}

func (w *szWalker) subStreamsInfo(si *szStreams) error {
	id, err := w.byte()
	if err != nil {
		return err
	}
	// Each stream of a folder but its last has its size written: the
	// streams beyond one per folder take a byte each at least.
	streams := make([]uint64, len(si.folders))
	var files, sized uint64
	for i := range streams {
		streams[i] = 1
		if id == szNumUnpackStream {
			if streams[i], err = w.count("substreams", 1); err != nil {
				return err
			}
		}
		files += streams[i]
		if streams[i] > 1 {
			sized += streams[i] - 1
		}
	}
	if err := w.bound("substreams", sized, 1); err != nil {
		return err
	}
	if id == szNumUnpackStream {
		if id, err = w.byte(); err != nil {
			return err
		}
	}
	if id == szSize {
		for _, s := range streams {
			for j := uint64(1); j < s; j++ {
				if _, err := w.number(); err != nil {
					return err
				}
			}
		}
		if id, err = w.byte(); err != nil {
			return err
		}
	}
	return w.digestsThenEnd(id, files, "substreams info")
}

// header walks a plain header after its ID.
func (w *szWalker) header() error {
	id, err := w.byte()
	if err != nil {
		return err
	}
	if id == szMainStreamsInfo {
		if _, err := w.streamsInfo(); err != nil {
			return err
		}
		if id, err = w.byte(); err != nil {
			return err
		}
	}
	if id != szFilesInfo {
		return errSevenZipRefused // archive properties, additional streams
	}
	// Every file's properties follow; each file takes two bytes at least
	// (its name's terminator), and all the reader keeps of a file is
	// made as one slice of the declared count.
	files, err := w.count("files", 2)
	if err != nil {
		return err
	}
	*w.files = int64(files)
	if files > maxSevenZipFiles {
		return fmt.Errorf("%w: %d files (more than %d)", errSevenZipForged, files, maxSevenZipFiles)
	}
	return nil
}

// decodeHeader decodes the encoded header the streams info describes
// and returns it, or nil when it is coded with a method other than
// LZMA, LZMA2 or none (encrypted headers among them).
func (si *szStreams) decodeHeader(ra io.ReaderAt, base int64) ([]byte, error) {
	if len(si.folders) != 1 || len(si.folders[0].coders) != 1 || len(si.packSizes) < 1 || len(si.folders[0].unpacked) != 1 {
		return nil, nil
	}
	c, u := si.folders[0].coders[0], si.folders[0].unpacked[0]
	if u > maxSevenZipHeader {
		return nil, fmt.Errorf("%w: header expands to %d bytes (more than %d)", errSevenZipForged, u, maxSevenZipHeader)
	}
	packed := io.NewSectionReader(ra, base+int64(min(si.packPos, 1<<62)), int64(min(si.packSizes[0], 1<<62)))
	var r io.Reader
	switch {
	case bytes.Equal(c.id, []byte{0}):
		r = packed
	case bytes.Equal(c.id, []byte{3, 1, 1}) && len(c.props) == 5:
		// A classic .lzma stream is these properties, the size, the data.
		var h [13]byte
		copy(h[:5], c.props)
		binary.LittleEndian.PutUint64(h[5:], u)
		lr, err := lzma.NewReader(io.MultiReader(bytes.NewReader(h[:]), packed))
		if err != nil {
			return nil, nil
		}
		r = lr
	case bytes.Equal(c.id, []byte{0x21}) && len(c.props) == 1:
		lr, err := lzma.Reader2Config{DictCap: int(max(u, lzma.MinDictCap))}.NewReader2(packed)
		if err != nil {
			return nil, nil
		}
		r = lr
	default:
		return nil, nil
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(u)))
	if err != nil {
		return nil, nil // damaged: the reader says so
	}
	return out, nil
}
