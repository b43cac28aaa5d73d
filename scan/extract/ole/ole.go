// Package ole reads the streams of OLE2 compound files, the container of
// legacy Office documents (.xls, .doc), over richardlehane/mscfb, within
// the scan's limits. The xls and doc extractors decode what is inside.
package ole

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"

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

// Stream is one stream of a compound file: its name, the storages it is
// in (outermost first) and its bytes.
type Stream struct {
	Path []string
	Name string
	Data []byte
}

// All returns every stream of the compound file in in.R, in the file's
// order, each at most the member limit and all together at most the
// total limit (beyond them it fails as Streams does).
func All(in *scan.Input) ([]Stream, error) {
	lim := archive.EffectiveLimits(in.Limits)
	var out []Stream
	var total int64
	err := walk(in, func(f *mscfb.File) error {
		if f.FileInfo().IsDir() {
			return nil
		}
		data, err := read(f, lim.MaxMemberSize)
		if err != nil {
			return err
		}
		if total += int64(len(data)); total > lim.MaxTotalSize {
			return fmt.Errorf("%w: the document's streams add up to more than %d bytes", archive.ErrLimit, lim.MaxTotalSize)
		}
		out = append(out, Stream{Path: append([]string(nil), f.Path...), Name: f.Name, Data: data})
		return nil
	})
	return out, err
}

// Streams returns the bytes of the named streams of the compound file in
// in.R (those it has), reading it at random (spooled, as archives are).
// A stream larger than the member limit fails with an error wrapping
// archive.ErrTooLarge; an EncryptionInfo stream, which only a
// password-protected Office document has, fails as encrypted.
func Streams(in *scan.Input, names ...string) (map[string][]byte, error) {
	lim := archive.EffectiveLimits(in.Limits)
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string][]byte{}
	err := walk(in, func(f *mscfb.File) error {
		if !want[f.Name] || out[f.Name] != nil {
			return nil
		}
		data, err := read(f, lim.MaxMemberSize)
		if err != nil {
			return err
		}
		out[f.Name] = data
		return nil
	})
	return out, err
}

// walk calls fn with each entry of the compound file in in.R, reading it
// at random (spooled, as archives are). An EncryptionInfo stream, which
// only a password-protected Office document has, fails as encrypted.
func walk(in *scan.Input, fn func(*mscfb.File) error) error {
	ra, size, cleanup, err := archive.SpoolSource(in)
	if err != nil {
		return err
	}
	defer cleanup()
	doc, err := mscfb.New(io.NewSectionReader(ra, 0, size))
	if err != nil {
		return fmt.Errorf("%w: not a readable compound file: %v", ErrCorrupt, err)
	}
	for {
		f, err := doc.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if f.Name == "EncryptionInfo" {
			return errors.New("encrypted (password-protected Office document); not scanned")
		}
		if err := fn(f); err != nil {
			return err
		}
	}
}

// read returns a stream's bytes, failing past max.
func read(f *mscfb.File, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading the %s stream: %v", ErrCorrupt, f.Name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: the %s stream is larger than %d bytes", archive.ErrTooLarge, f.Name, max)
	}
	return data, nil
}

// UTF16LE decodes the UTF-16LE text compound files store their strings
// in (MAPI properties, PowerPoint text atoms), dropping trailing NULs.
func UTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}

// Latin1 decodes 8-bit text as ISO 8859-1: the code page a file names is
// not looked up, as names and numbers read the same in the Western ones.
func Latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
