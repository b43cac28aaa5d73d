// Package ole reads the streams of OLE2 compound files, the container of
// legacy Office documents (.xls, .doc), over richardlehane/mscfb, within
// the scan's limits. The xls and doc extractors decode what is inside.
package ole

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Magic starts every compound file.
var Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Is reports whether head starts a compound file.
func Is(head []byte) bool { return bytes.HasPrefix(head, Magic) }

// ErrCorrupt wraps what is wrong with a damaged compound file.
var ErrCorrupt = errors.New("corrupt document")

// Streams returns the bytes of the named streams of the compound file in
// in.R (those it has), reading it at random (spooled, as archives are).
// A stream larger than the member limit fails with an error wrapping
// archive.ErrTooLarge; an EncryptionInfo stream, which only a
// password-protected Office document has, fails as encrypted.
func Streams(in *scan.Input, names ...string) (map[string][]byte, error) {
	lim := archive.EffectiveLimits(in.Limits)
	ra, size, cleanup, err := archive.Spool(in, lim.MaxMemberSize)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	doc, err := mscfb.New(io.NewSectionReader(ra, 0, size))
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable compound file: %v", ErrCorrupt, err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string][]byte{}
	for {
		f, err := doc.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if f.Name == "EncryptionInfo" {
			return nil, errors.New("encrypted (password-protected Office document); not scanned")
		}
		if !want[f.Name] || out[f.Name] != nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, lim.MaxMemberSize+1))
		if err != nil {
			return nil, fmt.Errorf("%w: reading the %s stream: %v", ErrCorrupt, f.Name, err)
		}
		if int64(len(data)) > lim.MaxMemberSize {
			return nil, fmt.Errorf("%w: the %s stream is larger than %d bytes", archive.ErrTooLarge, f.Name, lim.MaxMemberSize)
		}
		out[f.Name] = data
	}
}
