package archive

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Tar extracts the regular files of a tar archive, plain or compressed
// with gzip (.tar.gz, .tgz), bzip2 (.tar.bz2, .tbz2), xz (.tar.xz, .txz)
// or Zstandard (.tar.zst, .tzst), as a stream.
// Links, devices and directories are skipped; nothing is ever written.
type Tar struct{}

// Format implements scan.Extractor.
func (Tar) Format() string { return "tar" }

// tarExts are the names Tar reads whatever their first bytes.
var tarExts = []string{".tar", ".tar.gz", ".tgz", ".taz", ".tar.bz2", ".tbz2", ".tbz", ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tar.zstd", ".tzst"}

// Accepts implements scan.Extractor: a tar name, or a ustar header.
func (Tar) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	for _, ext := range tarExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return len(head) >= 262 && bytes.Equal(head[257:262], []byte("ustar"))
}

// Extract implements scan.Extractor.
func (Tar) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	lim := EffectiveLimits(in.Limits)
	if err := checkDepth(in, lim); err != nil {
		return err
	}
	raw := &counter{r: in.R}
	br := bufio.NewReader(raw)
	head, _ := br.Peek(10)
	var stream io.Reader = br
	switch {
	case IsGzip(head):
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("corrupt archive: %v", err)
		}
		defer gz.Close()
		stream = gz
	case IsBzip2(head):
		stream = bzip2.NewReader(br)
	case IsXz(head):
		x, err := newXz(br)
		if err != nil {
			return fmt.Errorf("corrupt archive: %v", err)
		}
		stream = x
	case IsZstd(head):
		z, err := newZstd(br)
		if err != nil {
			return fmt.Errorf("corrupt archive: %v", err)
		}
		defer z.(io.Closer).Close()
		stream = z
	}
	b := &budget{lim: lim}
	st := &streamMeter{b: b, r: stream, raw: raw}
	tr := tar.NewReader(st)
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if b.err != nil {
			return b.err
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if i == 0 {
				return fmt.Errorf("corrupt archive: %v", err)
			}
			in.Warning(fmt.Sprintf("corrupt archive after %d members: %v", i, err))
			return nil
		}
		if ok, err := more(ctx, in, i, lim); !ok {
			return err
		}
		if hdr.Typeflag != tar.TypeReg && hdr.Typeflag != tar.TypeGNUSparse {
			continue
		}
		name := memberName(in, hdr.Name, i)
		m := newMeter(b, name, tr, func() int64 { return raw.n }, false)
		size := hdr.Size
		if size < 0 || size > lim.MaxMemberSize {
			size = -1
		}
		if err := hand(in, m, size); err != nil {
			return err
		}
		if m.dataErr != nil {
			return nil // the stream is broken: hand warned
		}
	}
}

// streamMeter counts the bytes a compressed stream expands to against the
// total and ratio limits of the archive, whether the pipeline reads a
// member or tar skips over it.
type streamMeter struct {
	b   *budget
	r   io.Reader
	raw *counter
	n   int64
}

// Read implements io.Reader.
func (s *streamMeter) Read(p []byte) (int, error) {
	if s.b.err != nil {
		return 0, s.b.err
	}
	n, err := s.r.Read(p)
	s.n += int64(n)
	if !s.b.add(int64(n), "archive") {
		return n, s.b.err
	}
	if s.b.ratioExceeded(s.n, s.raw.n) {
		s.b.err = fmt.Errorf("%w: archive expands more than %g times its compressed size", ErrLimit, s.b.lim.MaxRatio)
		return n, s.b.err
	}
	return n, err
}
