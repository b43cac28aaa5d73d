package archive

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/breachkit/breachkit/scan"
)

// Gzip expands a gzip source (all its concatenated members) into one
// member named after the source with ".gz" stripped ("data.csv.gz!/data.csv").
// Tarballs (.tar.gz, .tgz) are left to Tar.
type Gzip struct{}

// Format implements scan.Extractor.
func (Gzip) Format() string { return "gzip" }

// Accepts implements scan.Extractor.
func (Gzip) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".tar.gz") || strings.HasSuffix(lower, ".tgz") || strings.HasSuffix(lower, ".taz") {
		return false
	}
	return strings.HasSuffix(lower, ".gz") || IsGzip(head)
}

// IsGzip reports whether head starts with the gzip signature.
func IsGzip(head []byte) bool {
	return len(head) >= 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 8
}

// Extract implements scan.Extractor.
func (Gzip) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	return single(in, ".gz", func(r io.Reader) (io.Reader, error) {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		return gz, nil
	})
}

// Bzip2 expands a bzip2 source into one member named after the source with
// ".bz2" stripped. Tarballs (.tar.bz2, .tbz2) are left to Tar.
type Bzip2 struct{}

// Format implements scan.Extractor.
func (Bzip2) Format() string { return "bzip2" }

// Accepts implements scan.Extractor.
func (Bzip2) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".tar.bz2") || strings.HasSuffix(lower, ".tbz2") || strings.HasSuffix(lower, ".tbz") || strings.HasSuffix(lower, ".tb2") {
		return false
	}
	return strings.HasSuffix(lower, ".bz2") || IsBzip2(head)
}

// IsBzip2 reports whether head starts with a bzip2 stream header followed
// by a block or end-of-stream magic.
func IsBzip2(head []byte) bool {
	if len(head) < 10 || !bytes.HasPrefix(head, []byte("BZh")) || head[3] < '1' || head[3] > '9' {
		return false
	}
	m := string(head[4:10])
	return m == "1AY&SY" || m == "\x17rE8P\x90"
}

// Extract implements scan.Extractor.
func (Bzip2) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	return single(in, ".bz2", func(r io.Reader) (io.Reader, error) { return bzip2.NewReader(r), nil })
}

// Xz expands an xz source (LZMA2, as written by xz and 7-Zip) into one
// member named after the source with ".xz" stripped. Tarballs (.tar.xz,
// .txz) are left to Tar.
type Xz struct{}

// Format implements scan.Extractor.
func (Xz) Format() string { return "xz" }

// Accepts implements scan.Extractor.
func (Xz) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".tar.xz") || strings.HasSuffix(lower, ".txz") {
		return false
	}
	return strings.HasSuffix(lower, ".xz") || IsXz(head)
}

// IsXz reports whether head starts with the xz stream signature.
func IsXz(head []byte) bool { return bytes.HasPrefix(head, []byte("\xfd7zXZ\x00")) }

// Extract implements scan.Extractor.
func (Xz) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	return single(in, ".xz", newXz)
}

func newXz(r io.Reader) (io.Reader, error) { return xz.NewReader(r) }

// Zstd expands a Zstandard source (all its frames) into one member named
// after the source with ".zst" stripped. Tarballs (.tar.zst, .tzst) are
// left to Tar.
type Zstd struct{}

// Format implements scan.Extractor.
func (Zstd) Format() string { return "zstd" }

// Accepts implements scan.Extractor.
func (Zstd) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".tar.zst") || strings.HasSuffix(lower, ".tar.zstd") || strings.HasSuffix(lower, ".tzst") {
		return false
	}
	return strings.HasSuffix(lower, ".zst") || strings.HasSuffix(lower, ".zstd") || IsZstd(head)
}

// IsZstd reports whether head starts with the Zstandard frame magic.
func IsZstd(head []byte) bool { return bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd}) }

// Extract implements scan.Extractor.
func (Zstd) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	ext := ".zst"
	if strings.HasSuffix(strings.ToLower(in.Path), ".zstd") {
		ext = ".zstd"
	}
	return single(in, ext, newZstd)
}

// zstdMaxWindow bounds the window a frame may ask the decoder to keep in
// memory; zstd -19 and --long=27 use at most 128 MiB.
const zstdMaxWindow = 128 << 20

// newZstd returns a decoder that runs in the calling goroutine (no
// background goroutines to leak) with a bounded window.
func newZstd(r io.Reader) (io.Reader, error) {
	d, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(zstdMaxWindow), zstd.WithDecoderLowmem(true))
	if err != nil {
		return nil, err
	}
	return d.IOReadCloser(), nil
}

// single hands the one member of a compressed stream to the pipeline.
func single(in *scan.Input, ext string, open func(io.Reader) (io.Reader, error)) error {
	lim := EffectiveLimits(in.Limits)
	if err := checkDepth(in, lim); err != nil {
		return err
	}
	raw := &counter{r: in.R}
	dec, err := open(bufio.NewReader(raw))
	if err != nil {
		return fmt.Errorf("corrupt archive: %v", err)
	}
	if c, ok := dec.(io.Closer); ok {
		defer c.Close()
	}
	base := path.Base(strings.ReplaceAll(in.Path[strings.LastIndex(in.Path, "!/")+1:], "\\", "/"))
	name := base
	if l := strings.ToLower(base); strings.HasSuffix(l, ext) {
		name = base[:len(base)-len(ext)]
	} else if ext == ".bz2" && strings.HasSuffix(l, ".bz") {
		name = base[:len(base)-3]
	}
	if name == "" || name == base || name == "." || name == "/" {
		name = strings.TrimPrefix(ext, ".") + "-content"
		if base != "" && base != "." && base != "/" {
			name = base + ".out"
		}
	}
	name, _ = SafeName(name, "content")
	b := &budget{lim: lim}
	m := newMeter(b, name, dec, func() int64 { return raw.n }, true)
	return hand(in, m, -1)
}
