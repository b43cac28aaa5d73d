package archive

import (
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Zip extracts the members of a zip archive. It needs random access: a
// source that is not an io.ReaderAt is spooled to a temporary file of at
// most Limits.MaxMemberSize bytes. Stored, deflated and bzip2 members are
// read; encrypted members and other methods are skipped with a warning.
type Zip struct{}

// Format implements scan.Extractor.
func (Zip) Format() string { return "zip" }

// officeExts are zip-based names that the xlsx, xlsb, docx (pptx too) and odf
// extractors read.
var officeExts = []string{".xlsx", ".xlsm", ".xlsb", ".docx", ".docm", ".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ods", ".odt", ".ots", ".ott"}

// Accepts implements scan.Extractor: a .zip name or a zip signature,
// except for the office formats that have extractors of their own.
func (Zip) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	for _, ext := range officeExts {
		if strings.HasSuffix(lower, ext) {
			return false
		}
	}
	if t := OpenDocumentType(head); strings.HasSuffix(t, ".spreadsheet") || strings.HasSuffix(t, ".text") {
		return false // an OpenDocument sheet or text under another name
	}
	return strings.HasSuffix(lower, ".zip") || IsZip(head)
}

// IsZip reports whether head starts with a zip signature (a local file
// header, or the end record of an empty archive).
func IsZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")) ||
		bytes.HasPrefix(head, []byte("PK\x07\x08PK\x03\x04"))
}

// Extract implements scan.Extractor.
func (Zip) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	lim, ra, size, cleanup, err := spoolArchive(in)
	if err != nil {
		return err
	}
	defer cleanup()
	zr, err := zip.NewReader(ra, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return fmt.Errorf("corrupt archive: %v", err)
	}
	b := &budget{lim: lim}
	var spans spanSet
	for i, f := range zr.File {
		if ok, err := more(ctx, in, i, lim); !ok {
			return err
		}
		if strings.HasSuffix(f.Name, "/") || f.Mode().IsDir() {
			continue
		}
		name := memberName(in, f.Name, i)
		off, err := f.DataOffset()
		if err != nil {
			in.Warning(fmt.Sprintf("corrupt archive: member %q: %v", name, err))
			continue
		}
		if !spans.add(off, int64(f.CompressedSize64)) {
			return fmt.Errorf("%w: member %q overlaps another member's data", ErrLimit, name)
		}
		rc, err := openLimited(f, name, b)
		if err != nil {
			in.Warning(err.Error())
			continue
		}
		hint := int64(f.UncompressedSize64)
		if f.UncompressedSize64 > uint64(lim.MaxMemberSize) {
			hint = -1
		}
		err = hand(in, rc.(*meterCloser).meter, hint)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// meterCloser is a meter over a decompressor that needs closing.
type meterCloser struct {
	*meter
	close func() error
}

// Close implements io.Closer.
func (m *meterCloser) Close() error { return m.close() }

// openLimited opens a zip member under budget b: the reader fails past the
// limits and at a checksum mismatch. Encrypted members and unsupported
// methods are refused with an error naming the member.
func openLimited(f *zip.File, name string, b *budget) (io.ReadCloser, error) {
	if f.Flags&0x1 != 0 {
		return nil, fmt.Errorf("member %q is encrypted; not scanned", name)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, fmt.Errorf("corrupt archive: member %q: %v", name, err)
	}
	cnt := &counter{r: raw}
	var dec io.Reader
	closeFn := func() error { return nil }
	switch f.Method {
	case zip.Store:
		dec = cnt
	case zip.Deflate:
		fr := flate.NewReader(cnt)
		dec, closeFn = fr, fr.Close
	case 12: // bzip2
		dec = bzip2.NewReader(cnt)
	default:
		return nil, fmt.Errorf("member %q uses unsupported compression method %d; not scanned", name, f.Method)
	}
	m := newMeter(b, name, dec, func() int64 { return cnt.n }, true).withCRC(f.CRC32)
	return &meterCloser{meter: m, close: closeFn}, nil
}

// OpenMember opens one member of a zip-based document (xlsx, docx) for
// reading under lim: the reader fails with an error wrapping ErrTooLarge
// past lim.MaxMemberSize, with one wrapping ErrLimit past lim.MaxRatio
// (after RatioGrace) or lim.MaxTotalSize, and at a checksum mismatch.
// name is used in errors. Encrypted members and compression methods other
// than store, deflate and bzip2 are refused.
func OpenMember(f *zip.File, name string, lim scan.Limits) (io.ReadCloser, error) {
	return openLimited(f, name, &budget{lim: lim})
}

// spanSet holds the byte ranges of zip members' data, to refuse members
// that overlap (the "non-recursive" zip bomb).
type spanSet struct {
	starts, ends []int64 // sorted by start, non-overlapping
}

// add records [off, off+n) and reports false when it overlaps a range
// already recorded. Empty ranges are ignored.
func (s *spanSet) add(off, n int64) bool {
	if n <= 0 {
		return true
	}
	end := off + n
	i := sort.Search(len(s.starts), func(i int) bool { return s.starts[i] >= off })
	if i < len(s.starts) && s.starts[i] < end {
		return false
	}
	if i > 0 && s.ends[i-1] > off {
		return false
	}
	s.starts = append(s.starts, 0)
	s.ends = append(s.ends, 0)
	copy(s.starts[i+1:], s.starts[i:])
	copy(s.ends[i+1:], s.ends[i:])
	s.starts[i], s.ends[i] = off, end
	return true
}
