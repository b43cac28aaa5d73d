package scan

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Unmarked reads the byte order mark that Windows tools put at the start
// of text files (PowerShell's Out-File writes UTF-16, .NET and Notepad a
// UTF-8 mark), so that a parser of UTF-8 sees none: UTF-8's is skipped,
// and a UTF-16 stream, little- or big-endian, with a mark or told by its
// bytes (see UTF16), is decoded to UTF-8. It
// returns the reader to parse and the emit to hand its segments to, which
// moves their offsets past a skipped mark and drops them for a decoded
// stream (they would point into the decoded text, not the file).
func Unmarked(br *bufio.Reader, emit func(Segment) error) (io.Reader, func(Segment) error) {
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, func(s Segment) error {
			if s.Offset >= 0 {
				s.Offset += 3
			}
			if at := s.OffsetAt; at != nil {
				s.OffsetAt = func(i int) int64 {
					if o := at(i); o >= 0 {
						return o + 3
					}
					return -1
				}
			}
			return emit(s)
		}
	}
	head, _ = br.Peek(512)
	dec, _ := Decoder16(head)
	if dec == nil {
		return br, emit
	}
	return bufio.NewReader(transform.NewReader(br, dec)), func(s Segment) error {
		s.Offset, s.OffsetAt = -1, nil
		return emit(s)
	}
}

// Decoder16 returns a decoder to UTF-8 of the UTF-16 text whose first
// bytes are head, and the length of its byte order mark (which the
// decoder consumes), or nil when head is not UTF-16 (see UTF16).
func Decoder16(head []byte) (*encoding.Decoder, int) {
	be, bom, ok := UTF16(head)
	switch {
	case !ok:
		return nil, 0
	case bom > 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), bom
	case be:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder(), 0
	}
	return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder(), 0
}
