package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bodgit/sevenzip"

	"github.com/breachkit/breachkit/scan"
)

// SevenZip extracts the members of a 7-Zip archive, the format attackers
// most often stage stolen data in. Like Zip it needs random access and
// spools a stream to a temporary file. Password-protected archives and
// members are reported as encrypted, not as corrupt.
//
// A solid 7-Zip archive compresses many members as one stream, so a
// member has no compressed size of its own: the ratio limit compares
// each member's expanded bytes with the size of the whole archive, which
// can only understate the true ratio. The member, total and count
// limits apply as to any archive.
type SevenZip struct{}

// Format implements scan.Extractor.
func (SevenZip) Format() string { return "7z" }

// sevenZipMagic starts every 7-Zip archive.
var sevenZipMagic = []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}

// Accepts implements scan.Extractor: a .7z name or the 7-Zip signature.
func (SevenZip) Accepts(name string, head []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".7z") || bytes.HasPrefix(head, sevenZipMagic)
}

// Extract implements scan.Extractor.
func (SevenZip) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	lim, ra, size, cleanup, err := spoolArchive(in)
	if err != nil {
		return err
	}
	defer cleanup()
	if err := checkSevenZipHeader(ra, size); err != nil {
		return fmt.Errorf("corrupt archive: %v; not opened", err)
	}
	var zr *sevenzip.Reader
	err = recovered(func() (err error) { zr, err = sevenzip.NewReader(ra, size); return err })
	if err != nil {
		if encrypted(err) {
			return errors.New("encrypted archive (password-protected 7z, names hidden too); not scanned")
		}
		return fmt.Errorf("corrupt archive: %v", err)
	}
	b := &budget{lim: lim}
	whole := func() int64 { return size }
	for i, f := range zr.File {
		if ok, err := more(ctx, in, i, lim); !ok {
			return err
		}
		if f.FileInfo().IsDir() {
			continue
		}
		name := memberName(in, f.Name, i)
		var rc io.ReadCloser
		err := recovered(func() (err error) { rc, err = f.Open(); return err })
		if err != nil {
			if encrypted(err) {
				in.Warning(fmt.Sprintf("member %q is encrypted; not scanned", name))
			} else {
				in.Warning(fmt.Sprintf("corrupt archive: member %q: %v", name, err))
			}
			continue
		}
		hint := int64(f.UncompressedSize)
		if f.UncompressedSize > uint64(lim.MaxMemberSize) {
			hint = -1
		}
		m := newMeter(b, name, &sevenZipMember{rc: rc, name: name}, whole, true)
		m.raw0 = 0 // the whole archive is the denominator of every member's ratio
		err = hand(in, m, hint)
		recovered(rc.Close)
		if err != nil {
			return err
		}
	}
	return nil
}

// sevenZipMember reads a member and turns the library's error for a
// member that needs a password into one that says so.
type sevenZipMember struct {
	rc   io.Reader
	name string
}

// Read implements io.Reader.
func (s *sevenZipMember) Read(p []byte) (n int, err error) {
	err = recovered(func() error {
		n, err = s.rc.Read(p)
		return err
	})
	if err != nil && err != io.EOF && encrypted(err) {
		err = errEncrypted
	}
	return n, err
}

// recovered runs f and turns a panic of the 7-Zip reader into an error:
// fuzzing found damaged headers on which it dereferences nil, and a
// damaged archive must be reported as such, not as a breachkit bug.
func recovered(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged 7-Zip data (%v)", p)
		}
	}()
	return f()
}

// encrypted reports whether err says the data needs a password.
func encrypted(err error) bool {
	var re *sevenzip.ReadError
	return errors.As(err, &re) && re.Encrypted
}
