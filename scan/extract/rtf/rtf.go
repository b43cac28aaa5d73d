// Package rtf extracts the text of Rich Text Format documents: the
// letters, memos, transcribed medical notes and forms that WordPad,
// Word ("Save as RTF") and many case and health-record systems write.
// Word also saves RTF under a .doc name, so the format is recognised by
// its opening "{\rtf", whatever the name.
//
// The document is read as a stream of RTF tokens; formatting is not
// kept. Font, colour and style tables, document properties, pictures,
// embedded objects, field instructions and every ignorable destination
// ("{\*\...}") are skipped; binary data (\bin) is stepped over. Escaped
// bytes (\'e9) are decoded in the document's code page (\ansicpg,
// including the double-byte pages of Japanese, Chinese and Korean
// documents) and Unicode characters (\u) taken with their fallbacks
// dropped.
//
// Text goes to a doc.Splitter, as RTF models text as Word does:
// paragraphs are "path#para=N" and table cells are segments of their
// row's record, named by the table's header row. Offsets are -1: the
// text is unescaped from the file.
package rtf

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/doc"
)

// Extractor reads RTF documents. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "rtf" }

// Accepts implements scan.Extractor: a source that opens with "{\rtf"
// (after a byte-order mark or white space, which some writers leave).
func (Extractor) Accepts(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	return bytes.HasPrefix(head, []byte(`{\rtf`))
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	p := &parser{
		r:   bufio.NewReaderSize(in.R, 64<<10),
		out: doc.NewSplitter(ctx, in.Path, emit),
		cp:  charmap.Windows1252,
		cur: state{uc: 1},
	}
	if err := p.run(ctx); err != nil {
		return err
	}
	if p.depth > 0 {
		in.Warning(fmt.Sprintf("rtf: document ends inside %d unclosed groups (truncated?); the text before the end was scanned", p.depth))
	}
	return p.out.Close()
}

// state is what an RTF group sets and its closing brace restores.
type state struct {
	skip  bool // a destination whose text is not document text
	uc    int  // fallback characters after each \u
	intbl bool // the paragraph is in a table cell
}

// parser reads the tokens of one document.
type parser struct {
	r   *bufio.Reader
	out *doc.Splitter
	cp  encoding.Encoding
	// dbcs is set for a double-byte code page, whose lead bytes take
	// the next byte as their trail even when it is written plainly
	// (\'8eR); trail says a lead byte waits for it.
	dbcs, trail bool
	cur         state
	stack       []state
	depth       int
	// pending holds escaped bytes (\'hh and raw bytes above 0x7F) to
	// decode together: a double-byte code page writes a character as two.
	pending []byte
	// fallback counts the characters still to drop after a \u.
	fallback int
	// high is a UTF-16 high surrogate waiting for its low half.
	high rune
	word []byte
}

// errCorrupt says the document is not valid RTF.
var errCorrupt = errors.New("rtf: corrupt document")

// maxDepth bounds group nesting; real documents stay in the tens.
const maxDepth = 10000

// run reads the document to its end or to the brace that closes it.
func (p *parser) run(ctx context.Context) error {
	for n := 0; ; n++ {
		if n&0xFFFF == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c, err := p.r.ReadByte()
		if err == io.EOF {
			return p.flush()
		}
		if err != nil {
			return err
		}
		switch c {
		case '{':
			if err := p.flush(); err != nil {
				return err
			}
			if p.depth >= maxDepth {
				return fmt.Errorf("%w: groups nested deeper than %d", errCorrupt, maxDepth)
			}
			p.stack = append(p.stack, p.cur)
			p.depth++
			p.fallback = 0
		case '}':
			if err := p.flush(); err != nil {
				return err
			}
			p.fallback = 0
			if p.depth == 0 {
				return nil // the document's closing brace: the rest is not RTF
			}
			p.depth--
			p.cur = p.stack[p.depth]
			p.stack = p.stack[:p.depth]
			if p.depth == 0 {
				return nil
			}
		case '\\':
			if err := p.control(); err != nil {
				return err
			}
		case '\r', '\n':
			// Line ends in the source are not text.
		default:
			if p.dropFallback() || p.cur.skip {
				continue
			}
			if c >= 0x80 || p.trail {
				p.escaped(c)
				continue
			}
			if err := p.char(rune(c)); err != nil {
				return err
			}
		}
	}
}

// dropFallback reports whether the next character is a \u fallback to
// drop, counting it.
func (p *parser) dropFallback() bool {
	if p.fallback > 0 {
		p.fallback--
		return true
	}
	return false
}

// control reads what follows a backslash.
func (p *parser) control() error {
	c, err := p.r.ReadByte()
	if err != nil {
		return p.eof(err)
	}
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return p.controlWord(c)
	case c == '\'':
		var h [2]byte
		if _, err := io.ReadFull(p.r, h[:]); err != nil {
			return p.eof(err)
		}
		b, ok := unhex(h[0], h[1])
		if !ok {
			return fmt.Errorf("%w: bad hex escape \\'%s", errCorrupt, h[:])
		}
		if p.dropFallback() || p.cur.skip {
			return nil
		}
		p.escaped(b)
		return nil
	case c == '*':
		p.cur.skip = true // an ignorable destination
		return nil
	case c == '\r' || c == '\n':
		return p.emit(0x0D) // \<newline> is \par
	}
	if p.dropFallback() || p.cur.skip {
		return nil
	}
	switch c {
	case '\\', '{', '}':
		return p.char(rune(c))
	case '~':
		return p.char(' ') // non-breaking space
	case '_':
		return p.char('-') // non-breaking hyphen
	case '\t':
		return p.char('\t')
	}
	return nil // \- optional hyphen, \: index subentry, \| formula
}

// eof turns an end of input inside a control into an error.
func (p *parser) eof(err error) error {
	if err == io.EOF {
		return fmt.Errorf("%w: ends inside a control word", errCorrupt)
	}
	return err
}

// controlWord reads a control word whose first letter is c, its numeric
// parameter and delimiter, and acts on it.
func (p *parser) controlWord(c byte) error {
	p.word = append(p.word[:0], c)
	for {
		b, err := p.r.ReadByte()
		if err != nil {
			if err == io.EOF {
				break
			}
			return err
		}
		if b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' {
			if len(p.word) < 32 {
				p.word = append(p.word, b)
			}
			continue
		}
		p.r.UnreadByte()
		break
	}
	param, hasParam := 0, false
	if b, err := p.r.ReadByte(); err == nil {
		neg := b == '-'
		if neg {
			b, err = p.r.ReadByte()
		}
		for err == nil && b >= '0' && b <= '9' {
			hasParam = true
			if param < 1<<30 {
				param = param*10 + int(b-'0')
			}
			b, err = p.r.ReadByte()
		}
		if neg {
			param = -param
		}
		// A space after a control word is its delimiter; anything else
		// is the next token.
		if err == nil && b != ' ' {
			p.r.UnreadByte()
		}
	}
	w := string(p.word)
	if w == "bin" {
		// Binary data, in any group: skip its bytes.
		if param > 0 {
			if _, err := io.CopyN(io.Discard, p.r, int64(param)); err != nil {
				return p.eof(err)
			}
		}
		return nil
	}
	if skipped[w] {
		p.cur.skip = true
		return nil
	}
	switch w {
	case "ansicpg":
		if e := codePage(param); e != nil {
			p.cp = e
			p.dbcs = param == 932 || param == 936 || param == 949 || param == 950
		}
		return nil
	case "mac":
		p.cp = charmap.Macintosh
		return nil
	case "pc":
		p.cp = charmap.CodePage437
		return nil
	case "pca":
		p.cp = charmap.CodePage850
		return nil
	case "uc":
		if hasParam && param >= 0 && param < 16 {
			p.cur.uc = param
		}
		return nil
	case "pard":
		p.cur.intbl = false
		return nil
	case "intbl":
		p.cur.intbl = true
		return nil
	}
	if p.cur.skip {
		return nil
	}
	switch w {
	case "u":
		if !hasParam {
			return nil
		}
		r := rune(param)
		if r < 0 {
			r += 0x10000
		}
		if err := p.unicode(r); err != nil {
			return err
		}
		p.fallback = p.cur.uc
		return nil
	case "par", "sect", "page":
		if p.cur.intbl {
			return p.emit(0x0B) // a paragraph inside a cell: a line break
		}
		return p.emit(0x0D)
	case "line":
		return p.emit(0x0B)
	case "tab":
		return p.char('\t')
	case "cell", "row":
		return p.emit(0x07)
	case "nestcell":
		return p.char('\t')
	case "nestrow":
		return p.emit(0x0B)
	}
	if r, ok := symbols[w]; ok {
		return p.char(r)
	}
	return nil
}

// escaped holds a byte of the code page for decoding.
func (p *parser) escaped(b byte) {
	p.pending = append(p.pending, b)
	switch {
	case p.trail:
		p.trail = false
	case p.dbcs && b >= 0x81 && b != 0xFF && !(b >= 0xA0 && b <= 0xDF && p.cp == japanese.ShiftJIS):
		p.trail = true
	}
}

// unicode takes a \u character, pairing UTF-16 surrogates.
func (p *parser) unicode(r rune) error {
	switch {
	case r >= 0xD800 && r < 0xDC00:
		p.high = r
		return nil
	case r >= 0xDC00 && r < 0xE000:
		if p.high == 0 {
			return p.char(utf8.RuneError)
		}
		r = 0x10000 + (p.high-0xD800)<<10 + (r - 0xDC00)
		p.high = 0
	}
	return p.char(r)
}

// char writes a character of document text.
func (p *parser) char(r rune) error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.out.WriteRune(r)
}

// emit writes one of Word's marks (paragraph, line break, cell).
func (p *parser) emit(mark rune) error {
	if p.cur.skip {
		return nil
	}
	return p.char(mark)
}

// flush decodes the escaped bytes held in the document's code page.
func (p *parser) flush() error {
	if len(p.pending) == 0 {
		return nil
	}
	b, err := p.cp.NewDecoder().Bytes(p.pending)
	p.pending = p.pending[:0]
	p.trail = false
	if err != nil {
		b = []byte(string(utf8.RuneError))
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if err := p.out.WriteRune(r); err != nil {
			return err
		}
	}
	return nil
}

// skipped are the destinations whose content is not document text:
// tables of fonts, colours, styles and lists, document properties,
// pictures and objects (hex data), field instructions (the result is
// kept), revision and theme data, and the text fallbacks of list
// numbers and old-style bullets.
var skipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true, "objdata": true,
	"objclass": true, "themedata": true, "colorschememapping": true, "datastore": true, "latentstyles": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true, "xmlnstbl": true, "mmathPr": true,
	"fldinst": true, "filetbl": true, "revtbl": true, "pgdsctbl": true, "listtext": true, "pntext": true,
	"nonshppict": true, "fchars": true, "lchars": true, "protusertbl": true, "wgrffmtfilter": true, "docvar": true,
	"passwordhash": true, "bkmkstart": true, "bkmkend": true, "shpinst": true, "sp": true, "falt": true, "panose": true,
}

// symbols are the control words that stand for one character.
var symbols = map[string]rune{
	"emdash": '—', "endash": '–', "bullet": '•', "lquote": '‘', "rquote": '’', "ldblquote": '“', "rdblquote": '”',
	"emspace": ' ', "enspace": ' ', "qmspace": ' ',
}

// codePage returns the encoding of a Windows code page number, or nil
// for one not known (the current one is kept).
func codePage(n int) encoding.Encoding {
	switch n {
	case 437:
		return charmap.CodePage437
	case 850:
		return charmap.CodePage850
	case 852:
		return charmap.CodePage852
	case 866:
		return charmap.CodePage866
	case 874:
		return charmap.Windows874
	case 932:
		return japanese.ShiftJIS
	case 936:
		return simplifiedchinese.GBK
	case 949:
		return korean.EUCKR
	case 950:
		return traditionalchinese.Big5
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 1252:
		return charmap.Windows1252
	case 1253:
		return charmap.Windows1253
	case 1254:
		return charmap.Windows1254
	case 1255:
		return charmap.Windows1255
	case 1256:
		return charmap.Windows1256
	case 1257:
		return charmap.Windows1257
	case 1258:
		return charmap.Windows1258
	case 10000:
		return charmap.Macintosh
	case 65001:
		return encoding.Nop
	}
	return nil
}

// unhex returns the byte of two hex digits.
func unhex(a, b byte) (byte, bool) {
	h, ok1 := hexVal(a)
	l, ok2 := hexVal(b)
	return h<<4 | l, ok1 && ok2
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
