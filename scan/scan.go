// Package scan finds personal data in stolen files. Extractors turn a
// source (a file or an archive member) into text segments that carry
// their location and structure (a CSV column, a JSON key); detectors find
// and validate personal values in those segments. Each extractor and
// detector lives in a folder of its own under extract/ and detect/, behind
// the small interfaces below, and the pipeline in this package runs them
// over many files on all cores and records the findings in the case store.
package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/breachkit/breachkit"
)

// Segment is a run of text from a source, with where it is and what
// structure says about it. Extractors emit segments; detectors read them.
type Segment struct {
	// Text is the text, UTF-8. It may point into the extractor's read
	// buffer: it is valid only until emit returns.
	Text []byte
	// Offset is the byte offset of Text[0] in the source's own bytes when
	// Text is a byte-for-byte copy of the source; -1 otherwise.
	Offset int64
	// OffsetAt, when set, maps an index into Text to a byte offset in the
	// source's own bytes (for text that was decoded from UTF-16, Latin-1 or
	// unescaped), or -1 when it has none. Offset and OffsetAt are both
	// unset (-1, nil) for formats located by cell or page instead.
	OffsetAt func(i int) int64
	// Sheet and Cell locate an XLSX cell ("Sheet1", "C5"); Page a PDF page (1-based).
	Sheet, Cell string
	Page        int
	// Field is the structural name of the value: a CSV/XLSX column header,
	// a JSON key path (borrower.ssn), an SQL column, an XML element. Empty
	// for free text.
	Field string
	// Columns, when the extractor knows them, are the header names of
	// the table the value is a cell of (CSV, spreadsheets, SQL tables,
	// Word tables):
	// what the other columns hold tells an ambiguous header apart
	// ("Member #" in a health plan's export or a credit union's). Shared
	// by the table's cells: never modified.
	Columns []string
	// Record identifies the record the text belongs to ("path#row=17",
	// "path#obj=3", "path#para=5"), so people can group findings.
	Record string
	// Lead is the number of bytes at the start of Text that are context
	// only: text repeated from before the segment (the tail of the
	// previous chunk of a long line or paragraph), so that keywords just
	// before the segment still count. Detectors report no match that
	// starts inside the lead. Zero for most segments.
	Lead int
}

// Input is one source handed to an extractor.
type Input struct {
	// Path is the display path, "outer.zip!/inner/file.csv" inside archives.
	Path string
	// R reads the source's bytes, once, from the start.
	R io.Reader
	// Size is the size in bytes, or -1 if unknown (a stream inside an archive).
	Size int64
	// ReaderAt, when set, reads the same bytes at random: a file on disk.
	// Formats that need random access (zip, 7z, PDF, SQLite, OLE) use it
	// rather than copying the source to a temporary file; the pipeline
	// still reads R to its end for the digest.
	ReaderAt io.ReaderAt
	// Sibling, when set (a file on disk), opens the file named name in
	// the source's folder, for formats that keep part of their content
	// in a second file (a SQLite database's -wal log). name is a base
	// name; the error wraps fs.ErrNotExist when there is no such file.
	// The caller closes the file.
	Sibling func(name string) (*os.File, error)
	// File is the source's path on disk when it is a top-level file, for
	// tools that read a file by name (OCR of a PDF page); "" otherwise.
	File string
	// OCR, when set, reads the text of images and of PDF pages without a
	// text layer; nil means they are reported as needing OCR.
	OCR OCR
	// Depth is how many archives this source is nested in.
	Depth int
	// Member hands a member of a container (archive, email attachment)
	// back to the pipeline, which picks its extractor and scans it as a
	// source of its own named Path + "!/" + name.
	Member func(name string, size int64, r io.Reader) error
	// Warn records a problem that leaves the source partly scanned (a PDF
	// page that needs OCR, an invalid byte sequence); the source's status
	// becomes partial with these reasons.
	Warn func(reason string)
	// Limits bound what containers may expand to.
	Limits *Limits
}

// Warning records a problem through Warn, when the pipeline set it (a
// test or a tool may not).
func (in *Input) Warning(reason string) {
	if in.Warn != nil {
		in.Warn(reason)
	}
}

// Positions returns the bounds in r of the value at 1-based positions
// from..to (inclusive) of a record of fixed positions (NACHA, Metro 2),
// the blanks around it trimmed, and whether there is one: positions past
// a short r (a line whose trailing blanks were cut) hold nothing, and a
// field of blanks or of zeros only is unused.
func Positions(r []byte, from, to int) (lo, hi int, ok bool) {
	if from < 1 || from > len(r) {
		return 0, 0, false
	}
	lo, hi = from-1, min(to, len(r))
	for lo < hi && r[lo] == ' ' {
		lo++
	}
	for hi > lo && r[hi-1] == ' ' {
		hi--
	}
	zeros := true
	for _, c := range r[lo:hi] {
		zeros = zeros && c == '0'
	}
	return lo, hi, hi > lo && !zeros
}

// maxRecordLine bounds the piece of a line handed over at once by
// FixedRecords: a line that long is no record, and a file of one such
// line must not be read into memory whole.
const maxRecordLine = 1 << 20

// FixedRecords reads a file of fixed-length records (NACHA's 94
// characters, FIRE's 750): one per line, or, when the head holds no line
// end, written back to back and cut every n bytes. fn gets each record
// without its line end, the file offset of its first byte and its number
// from 1; a line far longer than a record comes in pieces of at most
// maxRecordLine bytes, each with the line's number. ctx is checked every
// 1,024 records.
func FixedRecords(ctx context.Context, r io.Reader, n int, fn func(rec []byte, off int64, num int) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(n + 1)
	blocks := len(head) > n && bytes.IndexAny(head, "\r\n") < 0
	buf := make([]byte, n)
	var off int64
	var long []byte
	for num := 1; ; num++ {
		if num&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var raw []byte
		var err error
		if blocks {
			var k int
			k, err = io.ReadFull(br, buf)
			raw = buf[:k]
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
		} else {
			raw, err = br.ReadSlice('\n')
			for err == bufio.ErrBufferFull {
				long = append(long[:0], raw...)
				for err == bufio.ErrBufferFull && len(long) < maxRecordLine {
					raw, err = br.ReadSlice('\n')
					long = append(long, raw...)
				}
				if err == bufio.ErrBufferFull {
					// A piece of a line longer than any record.
					if ferr := fn(long, off, num); ferr != nil {
						return ferr
					}
					off += int64(len(long))
					raw, err = br.ReadSlice('\n')
					continue
				}
				raw = long
			}
		}
		if rec := bytes.TrimRight(raw, "\r\n"); len(rec) > 0 {
			if ferr := fn(rec, off, num); ferr != nil {
				return ferr
			}
		}
		off += int64(len(raw))
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Strays counts the lines of a file that are not records of its format
// (read as text instead), so that the file gets one warning naming the
// first of them, not one per line.
type Strays struct {
	n, first int
}

// Add counts line n as a stray.
func (s *Strays) Add(n int) {
	s.n++
	if s.n == 1 {
		s.first = n
	}
}

// Warn records the strays through in.Warning, if there were any: one is
// "not " + one, several "are not " + many ("a 94-character NACHA record",
// "94-character NACHA records").
func (s *Strays) Warn(in *Input, one, many string) {
	switch {
	case s.n == 1:
		in.Warning(fmt.Sprintf("line %d: not %s (read as text)", s.first, one))
	case s.n > 1:
		in.Warning(fmt.Sprintf("%d lines, the first line %d, are not %s (read as text)", s.n, s.first, many))
	}
}

// Limits bound archive expansion, against zip bombs and path tricks.
type Limits struct {
	MaxDepth      int     // nesting depth of archives
	MaxMemberSize int64   // bytes of one expanded member
	MaxTotalSize  int64   // bytes expanded from one top-level source
	MaxRatio      float64 // expanded size / compressed size of a member
	MaxMembers    int     // members in one archive
}

// DefaultLimits are generous for real data and stop known bombs.
var DefaultLimits = Limits{MaxDepth: 8, MaxMemberSize: 16 << 30, MaxTotalSize: 64 << 30, MaxRatio: 200, MaxMembers: 1_000_000}

// OCR reads printed text from pictures: scanned forms, identity
// documents and letters. The ocr package implements it with tesseract;
// the pipeline hands it to extractors through Input.OCR.
type OCR interface {
	// Image returns the text of an image (PNG, JPEG, TIFF, ...).
	Image(ctx context.Context, r io.Reader) (string, error)
	// PDFPage returns the text of page (1-based) of a PDF: the file at
	// path, or when path is "" the document pdf reads (a PDF inside an
	// archive).
	PDFPage(ctx context.Context, path string, pdf io.Reader, page int) (string, error)
}

// HeadSize is how many first bytes of a source Extractor.Accepts sees:
// enough for a few lines of a wide fixed-width record, read anyway into
// the first buffer.
const HeadSize = 4096

// Extractor turns one format into segments.
type Extractor interface {
	// Format is the name recorded for the source: csv, json, xlsx, zip...
	Format() string
	// Accepts reports whether the extractor reads a source with this name
	// and these first bytes (up to HeadSize).
	Accepts(name string, head []byte) bool
	// Extract reads in.R and calls emit for each segment. Memory must stay
	// bounded whatever the source's size. An error means the source could
	// not be read as this format; the pipeline records it as skipped with
	// the error as the reason. ErrDecline, returned before anything was
	// read from in.R or emitted, hands the source to the next extractor
	// that accepts it.
	Extract(ctx context.Context, in *Input, emit func(Segment) error) error
}

// ErrDecline is what an extractor returns for a source its name and head
// promised but its neighbours do not confirm (a pg_dump data file with
// no table of contents beside it is a plain table): the pipeline tries
// the next extractor that accepts the source.
var ErrDecline = errors.New("not this extractor's source")

// Match is a value a detector found in a segment: the value is
// Segment.Text[Start:End], valid, like the segment, until emit returns.
// Matches carry no copy of it, so that finding costs no allocation.
type Match struct {
	Type       breachkit.Element
	Start, End int      // byte range in Segment.Text
	Confidence float64  // 0..1
	Reasons    []string // which rule, keyword or header, and how far
}

// Detector finds and validates one kind of personal data.
type Detector interface {
	// Type is the element the detector reports.
	Type() breachkit.Element
	// Detect calls emit for each value of its type in seg.
	Detect(seg *Segment, emit func(Match))
}

// Binary reports whether the first bytes of a source look binary rather
// than text: a NUL byte, or more than one in twenty control characters,
// unless the source is UTF-16 text (see UTF16), whose NULs are text. A text format's
// extractor refuses such a source even when its name says ".csv" or
// ".sql": an encrypted or corrupt file is reported as skipped, not as
// scanned and empty.
func Binary(head []byte) bool {
	if _, _, ok := UTF16(head); ok {
		return false
	}
	ctl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// UTF16 reports whether head, the first bytes of a source, is UTF-16
// text, in which byte order, and how long its byte order mark is (2, or
// 0 when there is none). Without a mark, text is taken as UTF-16 when
// most of its code units are ASCII, so that one byte of each pair is
// zero, and none is a control character other than a blank or a line
// end: SQL Server's `bcp -w`, .NET's Encoding.Unicode and many Windows
// tools write UTF-16 so, and reading it as binary lost its columns and
// its names. Text in a script beyond Latin (Chinese, say) without a
// mark is not recognised, as it has no such pattern.
func UTF16(head []byte) (bigEndian bool, bom int, ok bool) {
	if len(head) >= 2 && head[0] == 0xFF && head[1] == 0xFE {
		return false, 2, true
	}
	if len(head) >= 2 && head[0] == 0xFE && head[1] == 0xFF {
		return true, 2, true
	}
	n := min(len(head), 4096) &^ 1 // a head's worth, whatever the caller read
	if n < 8 {
		return false, 0, false
	}
	// zero[0] and zero[1] count the units whose first or second byte
	// is zero; a unit of two zeros (U+0000) is never text.
	var zero [2]int
	for i := 0; i < n; i += 2 {
		a, b := head[i], head[i+1]
		switch {
		case a == 0 && b == 0:
			return false, 0, false
		case a == 0:
			zero[0]++
		case b == 0:
			zero[1]++
		}
	}
	units := n / 2
	var hi int // index of the byte that is zero in an ASCII unit
	switch {
	case zero[1]*10 >= units*8 && zero[0]*20 <= units:
		hi = 1 // little-endian: 'a' 0
	case zero[0]*10 >= units*8 && zero[1]*20 <= units:
		hi = 0 // big-endian: 0 'a'
	default:
		return false, 0, false
	}
	for i := 0; i < n; i += 2 {
		if head[i+hi] != 0 {
			continue
		}
		c := head[i+1-hi]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			return false, 0, false
		}
	}
	return hi == 0, 0, true
}
