// Package ps extracts the printed text of PostScript files: print jobs
// kept in a spool or a "print to file", reports and letters that older
// systems and troff write as .ps or .eps. Read as plain text, a page's
// drawing instructions are columns of coordinates ("172 642 168 642 DL")
// that number rules take for licences, phones and cards, and its words
// come out cut into kerned pieces.
//
// Only what a page shows is kept: the literal strings, "(…)", with their
// escapes decoded (octal bytes read as Latin-1, and troff's ligatures
// and hyphen as letters), and the %%Title and %%For comments, which
// name a document and the person who printed it. Hex and ASCII85
// strings (images, fonts), procedures' names and numbers are not text.
//
// The strings are joined by where they are placed: the numbers between
// a string and the operator that shows it (troff's "(vid W)-.2 E"), or,
// when there are none, those of the operator before it ("72 96 moveto
// (Hello) show"). A single small number is a kern and joins two pieces
// of a word; a larger one to the right is a blank; a pair is a
// position, a new line when its second number (the height) changes. A
// page ends a paragraph.
// Text a program draws glyph by glyph from its own font encoding (hex
// strings) is not recovered.
//
// Paragraphs are "path#para=N", as in other documents. Offsets are -1:
// the text is unescaped and joined from the file.
package ps

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/doc"
)

// Extractor reads PostScript files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "postscript" }

// Accepts implements scan.Extractor: a file that opens with "%!PS", or
// with "%!" under a PostScript name (.ps, .eps, .prn).
func (Extractor) Accepts(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\x04")) // a spooler's Ctrl-D
	if bytes.HasPrefix(head, []byte("%!PS")) {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".ps", ".eps", ".prn":
		return bytes.HasPrefix(head, []byte("%!"))
	}
	return false
}

// wordSpace is the least move to the right, in points, read as a blank
// between two strings: a 10-point font's word space is about 2.5; a
// kern, even a wide one (troff's "(Yu)…(ri)1.11"), is less, and a move
// to the left is never a blank.
const wordSpace = 2.0

// maxString bounds one string literal; a longer one is cut (a font or
// an image written as a string, never text).
const maxString = 64 << 10

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	p := &parser{r: bufio.NewReaderSize(in.R, 64<<10), out: doc.NewSplitter(ctx, in.Path, emit)}
	if err := p.run(ctx); err != nil {
		return err
	}
	return p.out.Close()
}

// parser reads the tokens of one file and writes the strings it shows.
type parser struct {
	r   *bufio.Reader
	out *doc.Splitter
	// pending is the last string read, written once its placement
	// (the numbers after it, or those before it) is known.
	pending    []rune
	hasPending bool
	pre        []float64 // numbers of the operator before pending
	opNums     []float64 // numbers of the last operator since a string's own
	post       []float64 // numbers between pending and its operator
	postDone   bool      // an operator came after pending
	nums       []float64 // numbers since the last operator
	lastY      float64
	hasY       bool
	wrote      bool // text was written on this page
	word       []byte
}

// run reads the file to its end.
func (p *parser) run(ctx context.Context) error {
	for n := 0; ; n++ {
		if n&0xFFF == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c, err := p.r.ReadByte()
		if err == io.EOF {
			return p.place()
		}
		if err != nil {
			return err
		}
		switch {
		case c == '%':
			if err := p.comment(); err != nil {
				return err
			}
		case c == '(':
			s, err := p.literal()
			if err != nil && err != io.EOF {
				return err
			}
			if err := p.place(); err != nil {
				return err
			}
			p.pending, p.hasPending = append(p.pending[:0], s...), true
			p.pre, p.post, p.postDone = append(p.pre[:0], p.opNums...), p.post[:0], false
			p.nums, p.opNums = p.nums[:0], p.opNums[:0]
		case c == '<':
			if err := p.skipHex(); err != nil && err != io.EOF {
				return err
			}
		case c == '{' || c == '}' || c == '[' || c == ']' || c == '/' || c == ')' || c == '>' || white(c):
			if c == '/' {
				// A literal name (/F0): a definition's key, not an
				// operator that uses the numbers before it.
				if _, err := p.token(0); err != nil && err != io.EOF {
					return err
				}
			}
		default:
			tok, err := p.token(c)
			if err != nil && err != io.EOF {
				return err
			}
			if v, e := strconv.ParseFloat(string(tok), 64); e == nil {
				p.nums = append(p.nums, v)
				if p.hasPending && !p.postDone {
					p.post = append(p.post, v)
				}
				continue
			}
			// An operator: the one that shows the last string takes
			// the numbers after it; another one's numbers (moveto's)
			// place the next string.
			if p.hasPending && !p.postDone {
				p.postDone = true
			} else if len(p.nums) > 0 {
				p.opNums = append(p.opNums[:0], p.nums...)
			}
			if string(tok) == "showpage" {
				if err := p.place(); err != nil {
					return err
				}
				if err := p.page(); err != nil {
					return err
				}
			}
			p.nums = p.nums[:0]
		}
	}
}

// white reports PostScript's white-space characters.
func white(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

// token reads a name or a number that starts with c (0: none read yet).
func (p *parser) token(c byte) ([]byte, error) {
	p.word = p.word[:0]
	if c != 0 {
		p.word = append(p.word, c)
	}
	for len(p.word) < 256 {
		b, err := p.r.ReadByte()
		if err != nil {
			return p.word, err
		}
		if white(b) || strings.IndexByte("()<>[]{}/%", b) >= 0 {
			return p.word, p.r.UnreadByte()
		}
		p.word = append(p.word, b)
	}
	return p.word, nil
}

// place writes the pending string after the separator its placement
// calls for.
func (p *parser) place() error {
	if !p.hasPending {
		return nil
	}
	p.hasPending = false
	at := p.post
	if len(at) == 0 {
		at = p.pre
	}
	sep := rune(0)
	switch {
	case len(at) >= 2:
		y := at[len(at)-1]
		if p.hasY && y != p.lastY {
			sep = '\n'
		} else {
			sep = ' '
		}
		p.lastY, p.hasY = y, true
	case len(at) == 1 && at[0] >= wordSpace:
		sep = ' '
	}
	if sep != 0 && p.wrote {
		if err := p.out.WriteRune(sep); err != nil {
			return err
		}
	}
	for _, r := range p.pending {
		if err := p.out.WriteRune(r); err != nil {
			return err
		}
	}
	p.wrote = p.wrote || len(p.pending) > 0
	return nil
}

// page ends a page: its text is a paragraph.
func (p *parser) page() error {
	p.hasY, p.wrote = false, false
	return p.out.WriteRune(0x0D)
}

// comment reads a comment to its line's end; %%Title and %%For are text
// of their own, and %%Page starts a page.
func (p *parser) comment() error {
	line, err := p.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		for err == bufio.ErrBufferFull {
			_, err = p.r.ReadSlice('\n')
		}
		line = nil
	}
	if err != nil && err != io.EOF {
		return err
	}
	l := string(bytes.TrimRight(line, "\r\n"))
	switch {
	case strings.HasPrefix(l, "%Page:"):
		if err := p.place(); err != nil {
			return err
		}
		if p.wrote {
			return p.page()
		}
	case strings.HasPrefix(l, "%Title:") || strings.HasPrefix(l, "%For:"):
		v := strings.TrimSpace(l[strings.IndexByte(l, ':')+1:])
		if strings.HasPrefix(v, "(") && strings.HasSuffix(v, ")") {
			v = v[1 : len(v)-1]
		}
		if v == "" {
			return nil
		}
		if err := p.place(); err != nil {
			return err
		}
		if p.wrote {
			if err := p.out.WriteRune(0x0D); err != nil {
				return err
			}
		}
		for _, r := range latin1([]byte(v)) {
			if err := p.out.WriteRune(r); err != nil {
				return err
			}
		}
		p.hasY, p.wrote = false, false
		return p.out.WriteRune(0x0D)
	}
	return nil
}

// literal reads a string literal after its "(": nested brackets
// balanced, escapes decoded, Latin-1 bytes as runes.
func (p *parser) literal() ([]rune, error) {
	var b []byte
	depth := 1
	for {
		c, err := p.r.ReadByte()
		if err != nil {
			return latin1(b), err
		}
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return latin1(b), nil
			}
		case '\\':
			e, err := p.r.ReadByte()
			if err != nil {
				return latin1(b), err
			}
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b', 'f':
				continue
			case '\r', '\n':
				// A line continued: no character. (A CR LF pair leaves
				// its LF, a blank, which the text tolerates.)
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2; k++ {
					d, err := p.r.ReadByte()
					if err != nil {
						break
					}
					if d < '0' || d > '7' {
						_ = p.r.UnreadByte()
						break
					}
					v = v*8 + int(d-'0')
				}
				c = byte(v)
			default:
				c = e // \\ \( \) and any other: the character itself
			}
		}
		if len(b) < maxString {
			b = append(b, c)
		}
	}
}

// latin1 decodes bytes as Latin-1, with troff's ligatures (\214 fi,
// \215 fl) and hyphen (\255) as the letters they print, and control
// bytes dropped.
func latin1(b []byte) []rune {
	out := make([]rune, 0, len(b))
	for _, c := range b {
		switch {
		case c == 0214:
			out = append(out, 'f', 'i')
		case c == 0215:
			out = append(out, 'f', 'l')
		case c == 0255:
			out = append(out, '-')
		case c == '\n' || c == '\t':
			out = append(out, rune(c))
		case c < 0x20 || c >= 0x7F && c < 0xA0:
		default:
			out = append(out, rune(c))
		}
	}
	return out
}

// skipHex steps over a hex string "<…>" or an ASCII85 one "<~…~>"; "<<"
// opens a dictionary and is passed over.
func (p *parser) skipHex() error {
	c, err := p.r.ReadByte()
	if err != nil {
		return err
	}
	switch c {
	case '<':
		return nil
	case '~':
		prev := byte(0)
		for {
			c, err := p.r.ReadByte()
			if err != nil {
				return err
			}
			if prev == '~' && c == '>' {
				return nil
			}
			prev = c
		}
	}
	for c != '>' {
		if c, err = p.r.ReadByte(); err != nil {
			return err
		}
	}
	return nil
}
