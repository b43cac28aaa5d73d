package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nwaples/rardecode/v2"

	"github.com/breachkit/breachkit/scan"
)

// Rar extracts the members of a RAR archive (RAR 1.5 to 5), the other
// format stolen data is staged in, read as a stream with
// nwaples/rardecode. Password-protected archives and members are
// reported as encrypted; a multi-volume archive is read as far as the
// volume at hand goes. The decoder's dictionary is capped at
// MaxRarDictionary, so that a header cannot make it reserve gigabytes.
type Rar struct{}

// MaxRarDictionary is the largest decoding dictionary a RAR member may
// ask for; WinRAR's default is 32 MiB (RAR 5) and its largest 4 GiB.
const MaxRarDictionary = 256 << 20

// Format implements scan.Extractor.
func (Rar) Format() string { return "rar" }

// rarMagic starts RAR 1.5-4 ("Rar!\x1a\x07\x00") and RAR 5
// ("Rar!\x1a\x07\x01\x00") archives.
var rarMagic = []byte("Rar!\x1a\x07")

// Accepts implements scan.Extractor: a .rar name or the RAR signature.
func (Rar) Accepts(name string, head []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".rar") || bytes.HasPrefix(head, rarMagic)
}

// Extract implements scan.Extractor.
func (Rar) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	lim := EffectiveLimits(in.Limits)
	if err := checkDepth(in, lim); err != nil {
		return err
	}
	cnt := &counter{r: in.R}
	rr, err := rardecode.NewReader(cnt, rardecode.MaxDictionarySize(MaxRarDictionary))
	if err != nil {
		return rarError(err)
	}
	b := &budget{lim: lim}
	for i := 0; ; i++ {
		h, err := rr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if i == 0 {
				return rarError(err)
			}
			in.Warning(rarError(err).Error())
			return nil
		}
		// Counted once a member is there: an archive of exactly
		// MaxMembers members is whole.
		if ok, err := more(ctx, in, i, lim); !ok {
			return err
		}
		if h.IsDir {
			continue
		}
		name := memberName(in, h.Name, i)
		if h.Encrypted {
			in.Warning(fmt.Sprintf("member %q is encrypted; not scanned", name))
			continue
		}
		hint := h.UnPackedSize
		if h.UnKnownSize || hint > lim.MaxMemberSize {
			hint = -1
		}
		m := newMeter(b, name, &rarMember{r: rr}, func() int64 { return cnt.n }, true)
		if err := hand(in, m, hint); err != nil {
			return err
		}
	}
}

// rarMember reads the current member, its errors in the words of rarError.
type rarMember struct{ r io.Reader }

// Read implements io.Reader.
func (m *rarMember) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if err != nil && err != io.EOF {
		if errors.Is(err, rardecode.ErrArchivedFileEncrypted) || errors.Is(err, rardecode.ErrArchiveEncrypted) {
			err = errEncrypted
		} else {
			err = rarError(err)
		}
	}
	return n, err
}

// rarError says what a rardecode error means for the archive.
func rarError(err error) error {
	switch {
	case errors.Is(err, rardecode.ErrArchiveEncrypted):
		return errors.New("encrypted archive (password-protected RAR, names hidden too); not scanned")
	case errors.Is(err, rardecode.ErrArchivedFileEncrypted):
		return errEncrypted
	case errors.Is(err, rardecode.ErrMultiVolume):
		return errors.New("multi-volume RAR archive: the members that continue in the next volume were not scanned")
	case errors.Is(err, rardecode.ErrDictionaryTooLarge):
		return fmt.Errorf("%w: a member asks for a decoding dictionary larger than %d MiB", ErrLimit, MaxRarDictionary>>20)
	}
	return fmt.Errorf("corrupt archive: %v", strings.TrimPrefix(err.Error(), "rardecode: "))
}
