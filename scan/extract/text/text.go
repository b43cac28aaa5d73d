// Package text extracts plain text: UTF-8 (with or without a byte order
// mark), UTF-16 (with a byte order mark, or told by its bytes), EBCDIC (code page 037, as IBM
// mainframes write their extracts; told by its bytes), and, when the
// bytes are not valid UTF-8, Latin-1. Decoded text carries an offset map back to the file's
// own bytes. A paragraph (lines up to a blank line) of at most
// MaxParagraph bytes is one segment and one record, unless its lines
// read as a list or a log (most start with a digit, a bracket or a
// bullet, or are one token without a blank); those, and longer runs of lines, become one segment and one
// record per line (a log line that ends in a JSON object gives that
// object's values named by their keys, as the JSON extractor reads them);
// a line longer than the read window is cut at whitespace with the tail of the previous piece
// as context (Segment.Lead). Memory stays bounded whatever the file.
package text

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/breachkit/breachkit/scan"
	jsonx "github.com/breachkit/breachkit/scan/extract/json"
)

// Sizes of the read window, the largest paragraph kept whole and the
// context repeated before a piece of a cut line.
const (
	Window       = 1 << 20
	MaxParagraph = 16 << 10
	LeadBytes    = 256
)

// Extractor reads plain text.
type Extractor struct{}

// Format returns "text".
func (Extractor) Format() string { return "text" }

// Accepts takes anything that looks like text: no NUL bytes in the head
// unless it is UTF-16, and few control bytes.
func (Extractor) Accepts(name string, head []byte) bool { return !scan.Binary(head) }

type encoding int

const (
	encUTF8 encoding = iota
	encLatin1
	encUTF16LE
	encUTF16BE
	encEBCDIC
)

// reader decodes the source into UTF-8 and keeps, for decoded text, the
// source offset of each decoded byte.
type reader struct {
	r      io.Reader
	enc    encoding
	srcOff int64 // source offset of the next raw byte
	pend   []byte
	raw    []byte
	eof    bool
	warn   func(string)
	// lineEnds is 0 until the first piece is read, then 2 when lines
	// end in CR alone, else 1.
	lineEnds int8
	size     int64 // of the source, or -1 when unknown
}

// next returns the next decoded piece and, if it is not a byte copy of
// the source, the source offset of each byte; start is the source
// offset of a byte copy. The piece may be the reader's own buffer, valid
// until the next call. It notes from the first piece whether lines
// end in CR alone (classic Mac OS), for the splitter to cut there.
func (d *reader) next() (out []byte, offs []int64, start int64, err error) {
	out, offs, start, err = d.decode()
	if d.lineEnds == 0 && len(out) > 0 {
		d.lineEnds = 1
		if bytes.IndexByte(out, '\n') < 0 && bytes.IndexByte(out, '\r') >= 0 {
			d.lineEnds = 2
		}
	}
	return out, offs, start, err
}

// decode returns the next decoded piece (see next).
func (d *reader) decode() (out []byte, offs []int64, start int64, err error) {
	if d.eof && len(d.pend) == 0 {
		return nil, nil, 0, io.EOF
	}
	if d.raw == nil {
		// A small file gets a buffer of its size: a fresh 256 KiB for
		// each of many small files (mailboxes of notes, tickets) was
		// most of their scan, zeroing memory.
		n := 256 << 10
		if d.size >= 0 && d.size+16 < int64(n) {
			n = max(int(d.size)+16, 64)
		}
		d.raw = make([]byte, n)
	} else if len(d.raw) < 256<<10 {
		// More than the size said (an archive member's header lied):
		// a bigger buffer from here on.
		d.raw = make([]byte, min(4*len(d.raw), 256<<10))
	}
	if len(d.raw) < len(d.pend)+64 {
		// The head read to tell the encoding is longer than the size
		// said the file was.
		d.raw = make([]byte, len(d.pend)+64)
	}
	n := copy(d.raw, d.pend)
	d.pend = d.pend[:0]
	if !d.eof {
		m, rerr := io.ReadFull(d.r, d.raw[n:])
		n += m
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			d.eof = true
		} else if rerr != nil {
			return nil, nil, 0, rerr
		}
	}
	b := d.raw[:n]
	base := d.srcOff
	switch d.enc {
	case encUTF8:
		// Keep an incomplete rune at the end for the next read.
		cut := len(b)
		if !d.eof {
			for k := len(b) - 1; k >= 0 && k >= len(b)-3; k-- {
				if b[k] < 0x80 {
					break
				}
				if utf8.RuneStart(b[k]) {
					if !utf8.FullRune(b[k:]) {
						cut = k
					}
					break
				}
			}
		}
		if utf8.Valid(b[:cut]) {
			d.pend = append(d.pend, b[cut:]...)
			d.srcOff += int64(cut)
			// The read buffer itself: the caller copies it into its
			// window before the next read (a copy per read was an
			// allocation, a clearing and a copy of every byte).
			return b[:cut], nil, base, nil
		}
		// Not UTF-8: read as Latin-1 from here on. Every byte maps to
		// one character, so nothing is lost and the source is not
		// partial (the CSV extractor decides alike).
		d.enc = encLatin1
		fallthrough
	case encLatin1:
		out = make([]byte, 0, len(b)+len(b)/8)
		offs = make([]int64, 0, cap(out))
		for i, c := range b {
			if c < 0x80 {
				out = append(out, c)
				offs = append(offs, base+int64(i))
			} else {
				out = append(out, 0xC0|c>>6, 0x80|c&0x3F)
				offs = append(offs, base+int64(i), base+int64(i))
			}
		}
		d.srcOff += int64(len(b))
		return out, offs, 0, nil
	case encEBCDIC:
		out = make([]byte, 0, len(b)+len(b)/8)
		offs = make([]int64, 0, cap(out))
		var tmp [4]byte
		for i, c := range b {
			k := utf8.EncodeRune(tmp[:], ebcdic[c])
			out = append(out, tmp[:k]...)
			for j := 0; j < k; j++ {
				offs = append(offs, base+int64(i))
			}
		}
		d.srcOff += int64(len(b))
		return out, offs, 0, nil
	default:
		// UTF-16: whole code units, and whole surrogate pairs.
		cut := len(b) &^ 1
		if !d.eof && cut >= 2 {
			u := d.unit(b[cut-2:])
			if utf16.IsSurrogate(rune(u)) && u < 0xDC00 {
				cut -= 2
			}
		}
		if d.eof {
			if cut < len(b) && d.warn != nil {
				d.warn("UTF-16 text ends in half a code unit")
			}
		} else {
			d.pend = append(d.pend, b[cut:]...)
		}
		out = make([]byte, 0, cut)
		offs = make([]int64, 0, cut)
		var tmp [4]byte
		for i := 0; i+1 < cut; i += 2 {
			r := rune(d.unit(b[i:]))
			w := 2
			if utf16.IsSurrogate(r) && i+3 < cut {
				r = utf16.DecodeRune(r, rune(d.unit(b[i+2:])))
				w = 4
			}
			k := utf8.EncodeRune(tmp[:], r)
			out = append(out, tmp[:k]...)
			for j := 0; j < k; j++ {
				offs = append(offs, base+int64(i))
			}
			i += w - 2
		}
		d.srcOff += int64(cut)
		return out, offs, 0, nil
	}
}

func (d *reader) unit(b []byte) uint16 {
	if d.enc == encUTF16LE {
		return uint16(b[0]) | uint16(b[1])<<8
	}
	return uint16(b[1]) | uint16(b[0])<<8
}

// window is the decoded text not yet emitted, with its offsets.
type window struct {
	buf   []byte
	offs  []int64 // nil while all of buf is a byte copy starting at start
	start int64
	end   int64 // source offset just past the last byte of buf
}

func (w *window) add(out []byte, offs []int64, start, end int64) {
	w.end = end
	if offs == nil && w.offs == nil && (len(w.buf) == 0 || w.start+int64(len(w.buf)) == start) {
		if len(w.buf) == 0 {
			w.start = start
		}
		w.buf = append(w.buf, out...)
		return
	}
	if w.offs == nil {
		w.offs = make([]int64, len(w.buf), len(w.buf)+len(out))
		for i := range w.buf {
			w.offs[i] = w.start + int64(i)
		}
	}
	w.buf = append(w.buf, out...)
	if offs == nil {
		for i := range out {
			w.offs = append(w.offs, start+int64(i))
		}
	} else {
		w.offs = append(w.offs, offs...)
	}
}

func (w *window) drop(n int) {
	m := copy(w.buf, w.buf[n:])
	w.buf = w.buf[:m]
	if w.offs != nil {
		k := copy(w.offs, w.offs[n:])
		w.offs = w.offs[:k]
		if len(w.offs) == 0 {
			w.offs = nil
		}
	} else {
		w.start += int64(n)
	}
}

// segment returns a segment of buf[i:j] with lead bytes of context before.
func (w *window) segment(i, j, lead int) scan.Segment {
	seg := scan.Segment{Text: w.buf[i-lead : j], Lead: lead}
	if w.offs == nil {
		seg.Offset = w.start + int64(i-lead)
		return seg
	}
	seg.Offset = -1
	offs := w.offs[i-lead : j]
	var end int64
	if j < len(w.offs) {
		end = w.offs[j]
	} else {
		end = w.end
	}
	seg.OffsetAt = func(k int) int64 {
		if k < 0 {
			return -1
		}
		if k >= len(offs) {
			return end
		}
		return offs[k]
	}
	return seg
}

// Extract reads in.R and emits paragraphs or lines as segments.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	d := &reader{r: in.R, warn: in.Warn, size: in.Size}
	var head [4 << 10]byte
	n, err := io.ReadFull(in.R, head[:])
	be, bom, utf16 := scan.UTF16(head[:n])
	switch {
	case utf16 && !be:
		d.enc, d.srcOff, d.pend = encUTF16LE, int64(bom), append(d.pend, head[bom:n]...)
	case utf16:
		d.enc, d.srcOff, d.pend = encUTF16BE, int64(bom), append(d.pend, head[bom:n]...)
	case n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF:
		d.srcOff, d.pend = 3, append(d.pend, head[3:n]...)
	case EBCDIC(head[:n]):
		d.enc, d.pend = encEBCDIC, append(d.pend, head[:n]...)
	default:
		d.pend = append(d.pend, head[:n]...)
	}
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	if err != nil {
		d.eof = true
	}
	t := &splitter{ctx: ctx, path: in.Path, emit: emit, eol: '\n', linePrefix: in.Path + "#line=", paraPrefix: in.Path + "#para="}
	w := &window{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		out, offs, start, err := d.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if d.lineEnds == 2 {
			t.eol = '\r'
		}
		w.add(out, offs, start, d.srcOff)
		if err := t.process(w, false); err != nil {
			return err
		}
	}
	return t.process(w, true)
}

// splitter cuts the window into paragraphs, lines and pieces.
type splitter struct {
	ctx      context.Context
	path     string
	emit     func(scan.Segment) error
	line     int // lines emitted or consumed so far
	para     int
	lineMode bool // the current paragraph is too long: lines are segments
	// pieceLead is the number of bytes at the start of the window that
	// repeat the end of a cut line as context for its next piece.
	pieceLead int
	// eol ends a line: LF, or CR in text whose lines end in CR alone.
	eol byte
	// qlead is the context the next line takes from a question before it.
	qlead int
	// tab is the table being read, if any, and header a copy of the
	// line before, which a rule makes a table's header (see table.go).
	tab    *table
	header []byte
	// vert is the kind of expanded output being read (vertPsql,
	// vertMySQL) or 0; vrec names its record, vkey is the last column.
	vert int
	vrec string
	vkey string
	// names makes the records' names, which start with linePrefix or
	// paraPrefix.
	names                  scan.RecordNames
	linePrefix, paraPrefix string
}

// process emits what is complete in w; at the end (final) everything.
func (t *splitter) process(w *window, final bool) error {
	b := w.buf
	pStart := t.pieceLead
	k := pStart
	for {
		nl := bytes.IndexByte(b[k:], t.eol)
		if nl < 0 {
			break
		}
		lineEnd := k + nl
		blank := isBlank(b[k:lineEnd])
		if t.lineMode {
			if !blank {
				if err := t.emitLine(w, k, lineEnd); err != nil {
					return err
				}
			} else {
				t.lineMode = false
				t.tab, t.header, t.vert = nil, t.header[:0], 0
			}
			t.line++
			k = lineEnd + 1
			pStart = k
			continue
		}
		if blank {
			if pStart < k {
				if err := t.emitPara(w, pStart, k); err != nil {
					return err
				}
			}
			t.line++
			k = lineEnd + 1
			pStart = k
			continue
		}
		k = lineEnd + 1
		if k-pStart > MaxParagraph {
			// Too long for one record: emit its lines one by one.
			t.lineMode = true
			t.para++
			for s := pStart; s < k; {
				e := s + bytes.IndexByte(b[s:k], t.eol)
				if err := t.emitLine(w, s, e); err != nil {
					return err
				}
				t.line++
				s = e + 1
			}
			pStart = k
		}
	}
	if final {
		if pStart < len(b) {
			if t.lineMode {
				if err := t.emitLine(w, pStart, len(b)); err != nil {
					return err
				}
			} else if err := t.emitPara(w, pStart, len(b)); err != nil {
				return err
			}
		}
		w.drop(len(b))
		return nil
	}
	// A line longer than the window: cut it at whitespace.
	if len(b)-pStart >= Window {
		cut := len(b)
		for c := len(b) - 1; c > len(b)-4096 && c > pStart; c-- {
			if b[c] == ' ' || b[c] == '\t' || b[c] == ',' || b[c] == ';' {
				cut = c + 1
				break
			}
		}
		seg := w.segment(pStart, cut, t.leadAt(pStart))
		seg.Record = t.names.Name(t.path+"#line=", t.line+1)
		if err := t.emit(seg); err != nil {
			return err
		}
		keep := max(0, cut-LeadBytes)
		w.drop(keep)
		t.pieceLead = cut - keep
		return nil
	}
	if pStart > t.pieceLead {
		t.pieceLead = 0
	}
	w.drop(pStart - t.pieceLead)
	return nil
}

// leadAt returns the context bytes before position s: those repeated from
// a cut line when s is where its next piece starts.
func (t *splitter) leadAt(s int) int {
	if t.pieceLead > 0 && s == t.pieceLead {
		l := t.pieceLead
		t.pieceLead = 0
		return l
	}
	return 0
}

func (t *splitter) emitPara(w *window, s, e int) error {
	t.para++
	for e > s && (w.buf[e-1] == '\n' || w.buf[e-1] == '\r') {
		e--
	}
	t.tab, t.header, t.vert = nil, t.header[:0], 0
	if hasTable(w.buf[s:e], t.eol, true) || listLike(w.buf[s:e], t.eol) && !cardData(w.buf[s:e]) {
		// A list or a log: a line is a record (a person per line), not
		// the paragraph, which would make one person of them all.
		prev := -1 // where the line before starts
		for ls := s; ls <= e; {
			le := e
			if i := bytes.IndexByte(w.buf[ls:e], t.eol); i >= 0 {
				le = ls + i
			}
			// An answer takes its question as context: in a chat or
			// call transcript "can you confirm your date of birth?" is
			// the keyword of the next line's "4/7/1961". A table's
			// row that ends in a question mark is no question.
			if prev >= 0 && t.tab == nil && t.vert == 0 && question(w.buf[prev:ls]) && !bytes.HasSuffix(bytes.TrimRight(w.buf[ls:le], " \t\r"), []byte("}")) {
				t.qlead = min(ls-prev, maxQuestion)
			}
			if err := t.emitLine(w, ls, le); err != nil {
				return err
			}
			t.qlead = 0
			t.line++
			prev, ls = ls, le+1
		}
		return nil
	}
	lead := t.leadAt(s)
	seg := w.segment(s, e, lead)
	seg.Record = t.names.Name(t.paraPrefix, t.para)
	t.line += bytes.Count(w.buf[s:e], []byte{t.eol}) + 1
	return t.emit(seg)
}

func (t *splitter) emitLine(w *window, s, e int) error {
	if e > s && w.buf[e-1] == '\r' {
		e--
	}
	if s >= e {
		return nil
	}
	lead := t.leadAt(s)
	if t.qlead > lead {
		lead = t.qlead
	}
	seg := w.segment(s, e, lead)
	seg.Record = t.names.Name(t.linePrefix, t.line+1)
	if t.tab != nil || t.vert != 0 || tableish(seg.Text) {
		if done, err := t.tableLine(seg); done || err != nil {
			return err
		}
	} else if len(seg.Text) <= maxHeader && seg.Lead == 0 {
		t.header = append(t.header[:0], seg.Text...)
	} else {
		t.header = t.header[:0]
	}
	if b := jsonTail(seg); b >= 0 {
		return t.emitJSON(seg, b)
	}
	return t.emit(seg)
}

// jsonTail returns where a JSON object that ends a log line starts
// (`... INFO kyc {"first_name":"Ana","ssn":"..."}`), or -1. Only lines
// read byte for byte, without context repeated from a cut line, qualify.
func jsonTail(seg scan.Segment) int {
	if seg.OffsetAt != nil || seg.Offset < 0 || seg.Lead != 0 {
		return -1
	}
	txt := bytes.TrimRight(seg.Text, " \t")
	if len(txt) < 2 || txt[len(txt)-1] != '}' {
		return -1
	}
	b := bytes.IndexByte(txt, '{')
	if b < 0 || !json.Valid(txt[b:]) {
		return -1
	}
	return b
}

// emitJSON emits the text of a line before its JSON object as it is, and
// the object's values as the JSON extractor reads them, named by their
// keys, located in the file and belonging to the line's record.
func (t *splitter) emitJSON(seg scan.Segment, b int) error {
	if len(bytes.TrimSpace(seg.Text[:b])) > 0 {
		pre := seg
		pre.Text = seg.Text[:b]
		if err := t.emit(pre); err != nil {
			return err
		}
	}
	obj := bytes.TrimRight(seg.Text[b:], " \t")
	base := seg.Offset + int64(b)
	in := &scan.Input{Path: t.path, R: bytes.NewReader(obj), Size: int64(len(obj))}
	return jsonx.Extractor{}.Extract(t.ctx, in, func(js scan.Segment) error {
		js.Record = seg.Record
		if js.Offset >= 0 {
			js.Offset += base
		}
		if at := js.OffsetAt; at != nil {
			js.OffsetAt = func(i int) int64 {
				if o := at(i); o >= 0 {
					return o + base
				}
				return -1
			}
		}
		return t.emit(js)
	})
}

// maxQuestion bounds the context a question gives the next line, in
// bytes: the detectors' keyword window.
const maxQuestion = 300

// question reports whether a line (with its end of line) asks something:
// it ends with a question mark.
func question(l []byte) bool {
	l = bytes.TrimRight(l, " \t\r\n")
	return len(l) > 0 && l[len(l)-1] == '?'
}

// listLike reports whether a paragraph is a list or a log rather than
// prose: three lines or more, four in five of which start with a digit
// (a date, a time, a number), a bracket or a bullet, or are one token
// without a blank; or half of which start with a log's time stamp, a
// date and a time (a log whose events span several lines, a stack
// trace's or a request's parameters', is still a log: read as one
// paragraph, its events' people were one record).
func listLike(p []byte, eol byte) bool {
	lines, marked, stamps := 0, 0, 0
	for l := range bytes.SplitSeq(p, []byte{eol}) {
		l = bytes.TrimLeft(l, " \t")
		if len(l) == 0 {
			continue
		}
		lines++
		if stamped(l) {
			stamps++
		}
		if c := l[0]; c >= '0' && c <= '9' || c == '[' || c == '-' || c == '*' || bytes.HasPrefix(l, []byte("•")) {
			marked++
		} else if bytes.IndexAny(bytes.TrimRight(l, " \t\r"), " \t") < 0 {
			// One token a line, no blank in it: a list of logins
			// ("jdoe@example.com:hunter22") or of addresses, not prose.
			marked++
		}
	}
	return lines >= 3 && (marked*5 >= lines*4 || stamps >= 2 && stamps*2 >= lines)
}

// stamped reports whether a line starts with a log's time stamp: a
// date, four digits or more or a month's abbreviation, then a time
// (hh:mm) within its first 32 bytes; in brackets or after a level's
// letter too ("2024-05-01T10:00:00Z", "[06/Dec/2026:10:00:00 +0000]",
// "Dec  6 10:00:00", "I, [2024-05-01T10:00:03.123 #1]").
func stamped(l []byte) bool {
	if len(l) > 3 && l[1] == ',' && l[2] == ' ' && l[3] == '[' {
		l = l[3:]
	}
	if len(l) > 0 && l[0] == '[' {
		l = l[1:]
	}
	if len(l) < 8 {
		return false
	}
	digits := 0 // before the time: a date's
	if c := l[0]; c < '0' || c > '9' {
		if l[3] != ' ' || !month3(l[:3]) {
			return false
		}
		digits = 4
	}
	for i := range min(len(l), 32) {
		if c := l[i]; c < '0' || c > '9' {
			continue
		}
		if digits >= 4 && i+3 < len(l) && l[i+1] >= '0' && l[i+1] <= '9' && l[i+2] == ':' && l[i+3] >= '0' && l[i+3] <= '5' {
			return true
		}
		digits++
	}
	return false
}

// month3 reports whether b is a month's three-letter abbreviation.
func month3(b []byte) bool {
	switch string(b) {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// cardData reports whether a paragraph holds a driver's licence's or ID
// card's barcode data (AAMVA: "ANSI 636…" and one element a line): one
// person's, though its lines look like a list.
func cardData(p []byte) bool {
	return bytes.Contains(p, []byte("ANSI 636")) || bytes.Contains(p, []byte("ANSI 604"))
}

func isBlank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// ebcdic maps the bytes of EBCDIC code page 037 (IBM mainframes, US and
// Canada) to runes, with both of its line ends (NL 0x15, LF 0x25) read
// as "\n".
var ebcdic = func() (t [256]rune) {
	for i := range t {
		t[i] = charmap.CodePage037.DecodeByte(byte(i))
	}
	t[0x15], t[0x25] = '\n', '\n'
	return t
}()

// EBCDIC reports whether head reads as EBCDIC text, as mainframe
// extracts are written: most bytes are EBCDIC letters, digits, blanks
// and punctuation, half or more of them above 0x7F (where ASCII and
// Latin-1 text has few), and they are not UTF-8.
func EBCDIC(head []byte) bool {
	if len(head) < 32 || utf8.Valid(head) {
		return false
	}
	text, high, blank := 0, 0, 0
	for _, c := range head {
		switch {
		case c == 0x40:
			blank++
			text++
		case c >= 0x81 && c <= 0x89, c >= 0x91 && c <= 0x99, c >= 0xA2 && c <= 0xA9,
			c >= 0xC1 && c <= 0xC9, c >= 0xD1 && c <= 0xD9, c >= 0xE2 && c <= 0xE9, c >= 0xF0 && c <= 0xF9:
			text++
		case c >= 0x4A && c <= 0x50, c >= 0x5A && c <= 0x61, c >= 0x6A && c <= 0x6F, c >= 0x7A && c <= 0x7F,
			c == 0x15, c == 0x25, c == 0x0D, c == 0x05:
			text++
		}
		if c >= 0x80 {
			high++
		}
	}
	n := len(head)
	return text*100 >= n*97 && high*2 >= n && blank*100 >= n*3
}
