// Package raw reads the runs of text in binary files that no other
// extractor reads, as the strings tool does: the data pages of database
// files (Access, SQL Server data files and backups, MySQL tables), the
// streams of Office formats breachkit does not parse (Publisher, Visio),
// memory dumps. Names, numbers and addresses sit in them as plain bytes,
// ASCII or UTF-16 (what a varchar and an nvarchar column hold).
//
// A run is at least MinRun printable ASCII characters, one byte each or
// two (UTF-16LE, a zero high byte). Runs less than MaxGap bytes apart are
// joined, a line each, into one segment of at most MaxSegment bytes, the
// record "path#at=OFFSET" (where its first run starts), so that a value
// keeps the labels and values stored beside it as context; each byte of
// a segment maps back to its offset in the file. The read is streamed,
// in bounded memory, whatever the file's size.
//
// Such a read is partial by nature: text the format compresses, encrypts
// or splits across pages is not found. A source read this way is marked
// partial, with the reason.
package raw

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/breachkit/breachkit/scan"
)

// Sizes of runs and of the segments they are joined into.
const (
	MinRun     = 6
	MaxGap     = 256
	MaxSegment = 16 << 10
)

// Extractor reads binary files of unknown format for their runs of
// text. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "raw" }

// Accepts implements scan.Extractor: a binary head that is not media or
// a program, whose bytes hold no text worth a search (pictures are the
// image extractor's).
func (Extractor) Accepts(name string, head []byte) bool {
	return scan.Binary(head) && !opaque(head)
}

// opaque reports whether head starts a compressed media file, a font or
// a program: formats whose runs of text are noise.
func opaque(head []byte) bool {
	for _, sig := range [][]byte{
		{0x1A, 0x45, 0xDF, 0xA3}, // Matroska, WebM
		[]byte("ID3"), []byte("OggS"), []byte("fLaC"), []byte("RIFF"), []byte("FORM"),
		{0x00, 0x00, 0x01, 0xBA}, {0x00, 0x00, 0x01, 0xB3}, // MPEG
		[]byte("MZ"), []byte("\x7fELF"), {0xCA, 0xFE, 0xBA, 0xBE}, {0xCF, 0xFA, 0xED, 0xFE}, {0xCE, 0xFA, 0xED, 0xFE},
		[]byte("OTTO"), {0x00, 0x01, 0x00, 0x00, 0x00}, []byte("wOFF"), []byte("wOF2"),
		[]byte("\x00asm"), []byte("dex\n"), []byte("8BPS"), []byte("FLV"), {0x30, 0x26, 0xB2, 0x75}, // wasm, dex, Photoshop, Flash video, ASF/WMV
	} {
		if bytes.HasPrefix(head, sig) {
			return true
		}
	}
	// MP4, QuickTime, 3GP, HEIC: "ftyp" at 4. MP3 frames: 0xFFEx/0xFFFx.
	return len(head) >= 8 && string(head[4:8]) == "ftyp" || len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0
}

// Extract implements scan.Extractor: the runs of text, and a warning that
// only they were read. A file whose first bytes look encrypted or
// compressed (ransomware's output, an unknown archive), or that holds no
// run of text, is refused as an unsupported format: its runs would be
// noise, and "read" would hide that nothing was.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(64 << 10)
	if len(head) >= 1024 && entropy(head) > 7.2 {
		return errors.New("unsupported format (binary or unknown): its bytes look encrypted or compressed")
	}
	in.R = br
	n, err := Runs(ctx, in, emit)
	if err != nil {
		return err
	}
	if n == 0 {
		return errors.New("unsupported format (binary or unknown): no text in it")
	}
	in.Warning(fmt.Sprintf("binary file of unknown format: only its runs of text were read (%d found)", n))
	return nil
}

// entropy is the Shannon entropy of b's bytes, in bits per byte: near 8
// for ciphertext and compressed data, far lower for a database's pages.
func entropy(b []byte) float64 {
	var count [256]int
	for _, c := range b {
		count[c]++
	}
	h := 0.0
	for _, n := range count {
		if n > 0 {
			p := float64(n) / float64(len(b))
			h -= p * math.Log2(p)
		}
	}
	return h
}

// piece maps a run of a segment's text back to the file: text[at:] came
// from off on, stride bytes a character (1, or 2 for UTF-16).
type piece struct {
	at     int
	off    int64
	stride int64
}

// runs gathers runs into segments.
type runs struct {
	ctx    context.Context
	path   string
	emit   func(scan.Segment) error
	text   []byte
	pieces []piece
	last   int64 // file offset where the last run joined ended
	n      int   // runs found
	// the run being read
	run              []byte
	runOff           int64
	runStride        int64
	emitted, flushes int
}

// Runs emits the runs of text of in.R (see the package comment) and
// returns how many it found.
func Runs(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) (int, error) {
	r := &runs{ctx: ctx, path: in.Path, emit: emit}
	br := bufio.NewReaderSize(in.R, 256<<10)
	var off int64
	var prev byte
	havePrev := false
	// A byte is judged with the one after it (UTF-16's zero high byte),
	// so each is handled one read late.
	for {
		c, err := br.ReadByte()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r.n, err
		}
		if havePrev {
			if err := r.step(prev, c, true, off-1); err != nil {
				return r.n, err
			}
		}
		prev, havePrev = c, true
		off++
		if off&(1<<20-1) == 0 {
			if err := ctx.Err(); err != nil {
				return r.n, err
			}
		}
	}
	if havePrev {
		if err := r.step(prev, 0, false, off-1); err != nil {
			return r.n, err
		}
	}
	if err := r.end(off); err != nil {
		return r.n, err
	}
	return r.n, r.flush()
}

func printable(c byte) bool { return c >= 0x20 && c <= 0x7E || c == '\t' }

// step reads byte c at offset off, next being the byte after it (when
// hasNext).
func (r *runs) step(c, next byte, hasNext bool, off int64) error {
	switch r.runStride {
	case 2:
		// Inside a UTF-16 run: c is either a character (a zero follows)
		// or the zero high byte of the one before.
		if (off-r.runOff)%2 == 1 {
			if c == 0 {
				return nil
			}
			if err := r.end(off); err != nil {
				return err
			}
		} else if printable(c) && hasNext && next == 0 {
			r.run = append(r.run, c)
			return nil
		} else if err := r.end(off); err != nil {
			return err
		}
	case 1:
		if printable(c) {
			if hasNext && next == 0 && len(r.run) < MinRun {
				// Too short to keep, and c may be the first character of
				// UTF-16 text (a length byte before it read as a letter):
				// start over at c.
				r.runStride = 0
				break
			}
			// A zero after a run of text ends a C string: c is its last
			// character.
			r.run = append(r.run, c)
			return nil
		}
		return r.end(off)
	}
	if !printable(c) {
		return nil
	}
	r.runOff, r.run = off, append(r.run[:0], c)
	r.runStride = 1
	if hasNext && next == 0 {
		r.runStride = 2
	}
	return nil
}

// end ends the run being read at off, joining it to the segment when it
// is long enough.
func (r *runs) end(off int64) error {
	stride := r.runStride
	r.runStride = 0
	if stride == 0 || len(r.run) < MinRun {
		return nil
	}
	r.n++
	if len(r.text) > 0 && (r.runOff-r.last > MaxGap || len(r.text)+len(r.run) >= MaxSegment) {
		if err := r.flush(); err != nil {
			return err
		}
	}
	if len(r.text) > 0 {
		r.text = append(r.text, '\n')
	}
	r.pieces = append(r.pieces, piece{at: len(r.text), off: r.runOff, stride: stride})
	r.text = append(r.text, r.run...)
	r.last = r.runOff + int64(len(r.run))*stride
	return nil
}

// flush emits the segment gathered so far.
func (r *runs) flush() error {
	if len(r.text) == 0 {
		return nil
	}
	pieces := r.pieces
	text := r.text
	at := func(i int) int64 {
		k := sort.Search(len(pieces), func(k int) bool { return pieces[k].at > i }) - 1
		if k < 0 {
			return -1
		}
		p := pieces[k]
		end := len(text)
		if k+1 < len(pieces) {
			end = pieces[k+1].at - 1 // the newline between runs
		}
		if i > end {
			i = end // the newline maps to the end of the run before it
		}
		return p.off + int64(i-p.at)*p.stride
	}
	seg := scan.Segment{Text: text, Offset: -1, OffsetAt: at, Record: r.path + "#at=" + strconv.FormatInt(pieces[0].off, 10)}
	err := r.emit(seg)
	r.text, r.pieces = r.text[:0], nil
	return err
}
