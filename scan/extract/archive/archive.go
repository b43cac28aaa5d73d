// Package archive extracts the members of zip, 7-Zip, RAR, tar (plain, or
// compressed with gzip, bzip2, xz or Zstandard), gzip, bzip2, xz and
// Zstandard sources. It emits no segments itself:
// each member goes back to the pipeline through scan.Input.Member, which
// picks the member's extractor and scans it as a source of its own named
// "outer.zip!/inner/file.csv".
//
// Expansion is bounded by scan.Limits, measured on the bytes actually
// decompressed, never on sizes claimed by headers: the nesting depth, the
// expanded size of one member, the expanded size of the whole archive, the
// ratio of expanded to compressed bytes of a member (checked once a member
// has expanded past RatioGrace) and the number of members. Exceeding the
// ratio or the total size is treated as a decompression bomb: extraction
// stops with an error that wraps ErrLimit. Exceeding the member size cuts
// that member short (its reader fails with an error wrapping ErrTooLarge)
// and the archive goes on with a warning.
//
// Member names are never used to create files. A name that tries to leave
// the archive (../, an absolute path, a drive letter, a NUL or control
// byte, a backslash path) is reported with Input.Warn and the member is
// scanned under a sanitised name (see SafeName).
package archive

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// RatioGrace is how many bytes a member may expand to before its
// expanded/compressed ratio is checked: small, very repetitive files
// (a column of zeros) legitimately exceed any ratio.
const RatioGrace = 1 << 20

var (
	// ErrLimit marks a decompression bomb: the expanded/compressed ratio
	// or the total expanded size of an archive went over its limit, or
	// zip members overlap. The pipeline should stop the whole top-level
	// source when a member's extraction fails with it (return it from
	// Input.Member), so nested bombs (42.zip) stop at the first leaf.
	ErrLimit = errors.New("archive expansion limit exceeded")
	// ErrTooLarge marks a member cut short at Limits.MaxMemberSize.
	ErrTooLarge = errors.New("archive member too large")
	// ErrTooDeep marks an archive nested deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("archive nested too deep")
)

// EffectiveLimits returns the limits to enforce: scan.DefaultLimits when
// l is nil, and for each zero or negative field of l the default value
// (a zero limit never means "unlimited").
func EffectiveLimits(l *scan.Limits) scan.Limits {
	d := scan.DefaultLimits
	if l == nil {
		return d
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxMemberSize > 0 {
		d.MaxMemberSize = l.MaxMemberSize
	}
	if l.MaxTotalSize > 0 {
		d.MaxTotalSize = l.MaxTotalSize
	}
	if l.MaxRatio > 0 {
		d.MaxRatio = l.MaxRatio
	}
	if l.MaxMembers > 0 {
		d.MaxMembers = l.MaxMembers
	}
	return d
}

// checkDepth fails when a container at in.Depth may not be expanded.
func checkDepth(in *scan.Input, lim scan.Limits) error {
	if in.Depth >= lim.MaxDepth {
		return fmt.Errorf("%w: %d levels of archives (limit %d); members not scanned", ErrTooDeep, in.Depth, lim.MaxDepth)
	}
	return nil
}

// SafeName turns a member name from an archive or an e-mail into a
// relative slash-separated path that cannot leave its container: it drops
// NUL and control bytes, turns backslashes into slashes, removes a drive
// letter, leading slashes and "." and ".." elements. ok is false when the
// name had to change for any of these reasons (not for a mere trailing
// slash). An empty result becomes fallback.
func SafeName(name, fallback string) (safe string, ok bool) {
	ok = true
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == 0 || r < 0x20 || r == 0x7f || r == '\uFFFD':
			ok = false
		case r == '\\':
			ok = false
			b.WriteByte('/')
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) >= 2 && s[1] == ':' && (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z') {
		ok = false
		s = s[2:]
	}
	if strings.HasPrefix(s, "/") {
		ok = false
	}
	var parts []string
	for _, p := range strings.Split(s, "/") {
		switch p {
		case "", ".":
		case "..":
			ok = false
		default:
			parts = append(parts, p)
		}
	}
	safe = path.Join(parts...)
	if safe == "" || safe == "." {
		safe = fallback
	}
	return safe, ok
}

// memberName sanitises an archive member's name and warns when it was unsafe.
func memberName(in *scan.Input, raw string, i int) string {
	name, ok := SafeName(raw, fmt.Sprintf("member-%d", i+1))
	if !ok {
		in.Warning(fmt.Sprintf("member %q has an unsafe path; scanned as %q", raw, name))
	}
	return name
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

// Read implements io.Reader.
func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// budget is the expansion allowance of one archive.
type budget struct {
	lim   scan.Limits
	total int64 // bytes expanded from the archive so far
	err   error // sticky ErrLimit error: the archive is a bomb
}

// add counts n more expanded bytes and reports whether the total is still
// within the limit; past it, b.err is set.
func (b *budget) add(n int64, what string) bool {
	b.total += n
	if b.total > b.lim.MaxTotalSize && b.err == nil {
		b.err = fmt.Errorf("%w: %s expands past the total limit of %d bytes", ErrLimit, what, b.lim.MaxTotalSize)
	}
	return b.err == nil
}

// ratioExceeded reports whether expanded bytes from compressed ones break
// the ratio limit (after RatioGrace).
func (b *budget) ratioExceeded(expanded, compressed int64) bool {
	return expanded > RatioGrace && float64(expanded) > b.lim.MaxRatio*float64(max(compressed, 1))
}

// errEncrypted is what a member's reader returns when its data needs a
// password, so that the member is reported as encrypted, not corrupt.
var errEncrypted = errors.New("encrypted (password-protected)")

// meter is the reader handed to the pipeline for one member: it counts the
// member's expanded bytes and stops at the member size, ratio and total
// limits, and remembers a read error of the data itself (corruption).
type meter struct {
	b          *budget
	name       string
	r          io.Reader    // expanded member bytes
	raw        func() int64 // compressed bytes consumed so far (source-wide)
	raw0       int64        // raw() when the member started
	countTotal bool         // whether member bytes count towards b.total
	n          int64
	crc        hash.Hash32 // when set, checked against want at EOF
	want       uint32
	eof        bool
	tooLarge   error // member cut at MaxMemberSize
	dataErr    error // error from the decompressor or container
}

// newMeter starts metering a member read from r.
func newMeter(b *budget, name string, r io.Reader, raw func() int64, countTotal bool) *meter {
	return &meter{b: b, name: name, r: r, raw: raw, raw0: raw(), countTotal: countTotal}
}

// Read implements io.Reader.
func (m *meter) Read(p []byte) (int, error) {
	if m.b.err != nil {
		return 0, m.b.err
	}
	if m.tooLarge != nil {
		return 0, m.tooLarge
	}
	if m.dataErr != nil {
		return 0, m.dataErr
	}
	if m.eof {
		return 0, io.EOF
	}
	// Read at most one byte past the member limit, to notice it.
	if room := m.b.lim.MaxMemberSize - m.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := m.r.Read(p)
	if m.n+int64(n) > m.b.lim.MaxMemberSize {
		n = int(m.b.lim.MaxMemberSize - m.n)
		m.tooLarge = fmt.Errorf("%w: member %q is larger than the limit of %d bytes", ErrTooLarge, m.name, m.b.lim.MaxMemberSize)
		err = m.tooLarge
	}
	m.n += int64(n)
	if m.crc != nil {
		m.crc.Write(p[:n])
	}
	if m.countTotal && !m.b.add(int64(n), fmt.Sprintf("member %q", m.name)) {
		return n, m.b.err
	}
	if m.b.ratioExceeded(m.n, m.raw()-m.raw0) {
		m.b.err = fmt.Errorf("%w: member %q expands more than %g times its compressed size", ErrLimit, m.name, m.b.lim.MaxRatio)
		return n, m.b.err
	}
	switch {
	case err == io.EOF:
		m.eof = true
		if m.crc != nil && m.crc.Sum32() != m.want {
			m.dataErr = fmt.Errorf("corrupt archive: member %q fails its checksum", m.name)
			return n, m.dataErr
		}
	case errors.Is(err, errEncrypted):
		m.dataErr = fmt.Errorf("member %q is encrypted; not scanned", m.name)
		return n, m.dataErr
	case err != nil && err != m.tooLarge:
		m.dataErr = fmt.Errorf("corrupt archive: member %q: %v", m.name, err)
		return n, m.dataErr
	}
	return n, err
}

// withCRC makes m check the CRC-32 of the member at EOF.
func (m *meter) withCRC(want uint32) *meter {
	m.crc, m.want = crc32.NewIEEE(), want
	return m
}

// hand gives a metered member to the pipeline and turns what happened into
// the archive's outcome: nil to go on, or an error that ends the archive
// (a bomb, or an error the pipeline returned to stop).
func hand(in *scan.Input, m *meter, size int64) error {
	if in.Member == nil {
		return errors.New("archive: the pipeline gave no Member function")
	}
	err := in.Member(m.name, size, m)
	if m.b.err != nil {
		return m.b.err
	}
	if err != nil {
		return err
	}
	if m.tooLarge != nil {
		in.Warning(m.tooLarge.Error() + "; scanned partly")
	}
	if m.dataErr != nil {
		in.Warning(m.dataErr.Error())
	}
	return nil
}

// more reports whether member i (0-based) of an archive may be read:
// not when the scan was cancelled (the context's error) nor past
// lim.MaxMembers (nil, with a warning that the rest were not scanned).
func more(ctx context.Context, in *scan.Input, i int, lim scan.Limits) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if i == lim.MaxMembers {
		in.Warning(fmt.Sprintf("archive has more than %d members; the rest were not scanned", lim.MaxMembers))
		return false, nil
	}
	return true, nil
}

// spoolArchive starts a container that needs random access (zip, 7z):
// it checks the nesting depth and spools the source (see Spool) under
// the effective limits, which it returns.
func spoolArchive(in *scan.Input) (lim scan.Limits, ra io.ReaderAt, size int64, cleanup func(), err error) {
	lim = EffectiveLimits(in.Limits)
	if err = checkDepth(in, lim); err != nil {
		return lim, nil, 0, nil, err
	}
	ra, size, cleanup, err = Spool(in, lim.MaxMemberSize)
	return lim, ra, size, cleanup, err
}

// SpoolSource is Spool under the effective member limit of in, for the
// document formats that are read at random (PDF, SQLite, OLE files).
func SpoolSource(in *scan.Input) (ra io.ReaderAt, size int64, cleanup func(), err error) {
	return Spool(in, EffectiveLimits(in.Limits).MaxMemberSize)
}

// Spool gives random access to a source: in.ReaderAt for a file on disk,
// whatever its size; otherwise one of at most maxSize bytes: in.R
// itself when it is an io.ReaderAt whose size is known, else a temporary
// file, unlinked as soon as possible, that cleanup closes and removes; its
// contents are encrypted with a key held only in memory (spool.go).
// It fails when the source is larger than maxSize.
func Spool(in *scan.Input, maxSize int64) (ra io.ReaderAt, size int64, cleanup func(), err error) {
	if in.ReaderAt != nil && in.Size >= 0 {
		// A file on disk: read in place, whatever its size.
		return in.ReaderAt, in.Size, func() {}, nil
	}
	if r, ok := in.R.(io.ReaderAt); ok {
		size := in.Size
		if s, ok := in.R.(interface{ Size() int64 }); ok && size < 0 {
			size = s.Size()
		}
		if f, ok := in.R.(*os.File); ok && size < 0 {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				size = fi.Size()
			}
		}
		if size >= 0 {
			return r, size, func() {}, nil
		}
	}
	sp, err := newSealedSpool()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("spooling the source to a temporary file: %w", err)
	}
	f := sp.f
	name := f.Name()
	removed := os.Remove(name) == nil // unlink now where the system allows it
	cleanup = func() {
		f.Close()
		if !removed {
			os.Remove(name)
		}
	}
	n, err := sp.fill(io.LimitReader(in.R, maxSize+1))
	if err != nil {
		cleanup()
		return nil, 0, nil, fmt.Errorf("spooling the source to a temporary file: %w", err)
	}
	if n > maxSize {
		cleanup()
		return nil, 0, nil, fmt.Errorf("%w: source is larger than %d bytes and must be read at random", ErrTooLarge, maxSize)
	}
	return sp, n, cleanup, nil
}
