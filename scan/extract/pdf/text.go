package pdf

import (
	"fmt"
	"math"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// Many writers draw a line of text as pieces placed by position, with no
// space character between words: TeX and DocBook's formatters move the
// pen by a kerning amount in a TJ array or by a Td, report writers place
// each word. Read as a run of shown strings (ledongthuc's GetPlainText),
// "Fabio Fiorina Simon Josefsson" comes out "FabioFiorinaSimonJosefsson"
// and no name or address in it can be found. plainText reads the strings
// in the order the content stream shows them, as GetPlainText does, one
// line per text object, and puts a space where the pen moved right by
// more than a word space's worth and a line break where it moved to
// another line.

// fontInfo is what plainText needs of a font: its encoding, and the
// widths of a simple font's glyphs (thousandths of the font size) to
// tell where a string ends.
type fontInfo struct {
	enc    lpdf.TextEncoding
	first  int
	widths []float64
	// A composite (Type0) font's glyphs are two bytes, their widths its
	// descendant's W array over a default DW (ISO 32000-1, 9.7.4.3).
	cid    bool
	cidW   map[int]float64
	cidDef float64
}

// newFontInfo reads the font named name in the page's resources.
func newFontInfo(p lpdf.Page, name string) *fontInfo {
	lf := p.Font(name)
	f := &fontInfo{enc: lf.Encoder()}
	if lf.V.Key("Subtype").Name() != "Type0" {
		f.first, f.widths = lf.FirstChar(), lf.Widths()
		return f
	}
	f.cid, f.cidDef, f.cidW = true, 1000, map[int]float64{}
	d := lf.V.Key("DescendantFonts").Index(0)
	if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
		f.cidDef = dw.Float64()
	}
	// W: "c [w1 w2 …]" gives c, c+1, … their widths; "c1 c2 w" gives
	// c1 to c2 one width. Ranges are capped: a damaged array may name
	// millions.
	w := d.Key("W")
	for i := 0; i+1 < w.Len() && len(f.cidW) < 1<<16; {
		c := int(w.Index(i).Int64())
		if next := w.Index(i + 1); next.Kind() == lpdf.Array {
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				f.cidW[c+k] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		c2, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
		for k := c; k <= c2 && k-c < 1<<16; k++ {
			f.cidW[k] = width
		}
		i += 3
	}
	return f
}

// spaceGap is how far right of where the last string ended (in font
// sizes) the next must start to be another word: a word space is about a
// quarter to a third of the size, a kern a few hundredths.
const spaceGap = 0.15

// combGap is how far apart (in font sizes) the characters of a comb field
// may be: a box is one to two font sizes wide; a table's columns of
// single digits lie further apart.
const combGap = 1.6

// width returns the advance of raw, a string of codes in font f, in
// thousandths of the font size.
func (f *fontInfo) width(raw string) float64 {
	if f.cid {
		w := 0.0
		for i := 0; i+1 < len(raw); i += 2 {
			if g, ok := f.cidW[int(raw[i])<<8|int(raw[i+1])]; ok {
				w += g
			} else {
				w += f.cidDef
			}
		}
		return w
	}
	w := 0.0
	for i := 0; i < len(raw); i++ {
		c := int(raw[i]) - f.first
		if c >= 0 && c < len(f.widths) && f.widths[c] > 0 {
			w += f.widths[c]
		} else {
			w += 500
		}
	}
	return w
}

// textEvent is what a content stream's text operators do, as walkText
// reports them.
type textEvent int

const (
	evBegin textEvent = iota // BT: a text object begins
	evEnd                    // ET: it ends
	evMove                   // Td, TD, Tm: the pen is placed
	evLine                   // T*, ', ": the pen goes to the next line
	evShow                   // a string is shown (Tj, TJ, ', "); raw holds its codes
	evGap                    // a TJ array moves the pen by n thousandths of the size
)

// textWalker follows the text operators of a page's content stream: the
// transformation matrices, the font and the spacing, as the PDF
// specification's text state has them (ISO 32000-1, 9.3 and 9.4).
type textWalker struct {
	ctm, tm, tlm                               matrix
	size, leading, charSpace, wordSpace, scale float64
	font                                       *fontInfo
}

// at returns where the text matrix points in page space, and the font
// size there.
func (w *textWalker) at() (x, y, size float64) {
	m := w.tm.mul(w.ctm)
	return m[4], m[5], w.size * math.Hypot(m[0], m[1])
}

// advance returns how far showing raw moves the pen, in text space: its
// glyphs' widths at the font size, with the character and word spacing,
// horizontally scaled.
func (w *textWalker) advance(raw string) float64 {
	adv := w.font.width(raw)/1000*w.size + w.charSpace*float64(len(raw))
	if !w.font.cid {
		adv += w.wordSpace * float64(strings.Count(raw, " "))
	}
	return adv * w.scale
}

// decode returns raw's text in the current font's encoding.
func (w *textWalker) decode(raw string) string {
	if w.font.enc != nil {
		return w.font.enc.Decode(raw)
	}
	return raw
}

// walkText runs the page's content stream and calls ev for each text
// event, before the walker moves past it (so that at, for evShow, is
// where the string starts). Panics of the library's interpreter on a
// damaged stream are the caller's to recover.
func walkText(p lpdf.Page, ev func(w *textWalker, e textEvent, raw string, n float64)) {
	w := &textWalker{ctm: identity, tm: identity, tlm: identity, scale: 1, font: &fontInfo{}}
	var stack []matrix
	fonts := map[string]*fontInfo{}
	show := func(raw string) {
		ev(w, evShow, raw, 0)
		w.tm = matrix{1, 0, 0, 1, w.advance(raw), 0}.mul(w.tm)
	}
	num := func(args []lpdf.Value, i int) float64 { return args[i].Float64() }
	lpdf.Interpret(p.V.Key("Contents"), func(stk *lpdf.Stack, op string) {
		args := make([]lpdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			stack = append(stack, w.ctm)
		case "Q":
			if len(stack) > 0 {
				w.ctm, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				w.ctm = matrix{num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5)}.mul(w.ctm)
			}
		case "BT":
			w.tm, w.tlm = identity, identity
			ev(w, evBegin, "", 0)
		case "ET":
			ev(w, evEnd, "", 0)
		case "Tf":
			if len(args) == 2 {
				w.size = num(args, 1)
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = newFontInfo(p, name)
					fonts[name] = f
				}
				w.font = f
			}
		case "Tc":
			if len(args) == 1 {
				w.charSpace = num(args, 0)
			}
		case "Tw":
			if len(args) == 1 {
				w.wordSpace = num(args, 0)
			}
		case "Tz":
			if len(args) == 1 {
				w.scale = num(args, 0) / 100
			}
		case "TL":
			if len(args) == 1 {
				w.leading = num(args, 0)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					w.leading = -num(args, 1)
				}
				w.tlm = matrix{1, 0, 0, 1, num(args, 0), num(args, 1)}.mul(w.tlm)
				w.tm = w.tlm
				ev(w, evMove, "", 0)
			}
		case "Tm":
			if len(args) == 6 {
				w.tlm = matrix{num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5)}
				w.tm = w.tlm
				ev(w, evMove, "", 0)
			}
		case "T*", "'", "\"":
			w.tlm = matrix{1, 0, 0, 1, 0, -w.leading}.mul(w.tlm)
			w.tm = w.tlm
			ev(w, evLine, "", 0)
			if op == "\"" && len(args) == 3 {
				w.wordSpace, w.charSpace = num(args, 0), num(args, 1)
			}
			if op != "T*" && len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				v := args[0]
				for i := 0; i < v.Len(); i++ {
					x := v.Index(i)
					if x.Kind() == lpdf.String {
						show(x.RawString())
						continue
					}
					n := x.Float64()
					ev(w, evGap, "", n)
					// A negative number moves the next glyph right.
					w.tm = matrix{1, 0, 0, 1, -n / 1000 * w.size * w.scale, 0}.mul(w.tm)
				}
			}
		}
	})
}

// plainText returns a page's text in content-stream order: a line for
// each text object and each move to another line, words apart by a blank
// where the writer placed them apart.
func plainText(p lpdf.Page) (text string, err error) {
	defer func() {
		if x := recover(); x != nil {
			text, err = "", fmt.Errorf("%v", x)
		}
	}()
	if p.V.IsNull() || p.V.Key("Contents").Kind() == lpdf.Null {
		return "", nil
	}
	var b strings.Builder
	// Where the last string shown ended, in page space, and the size it
	// was drawn at; shown says there is one on this line.
	var endX, lineY, lastSize float64
	shown := false
	// comb says the last string shown was one digit or separator: a form's
	// comb field (an SSN or a date in boxes, a character to a box) is
	// drawn so, each box apart by more than a word space.
	comb := false
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
		shown = false
	}
	begun := false // a text object began since the last string
	walkText(p, func(w *textWalker, e textEvent, raw string, _ float64) {
		switch e {
		case evBegin:
			begun = true
		case evLine:
			newline()
		case evShow:
			x, y, size := w.at()
			if size == 0 {
				size = 1
			}
			t := w.decode(raw)
			box := len(t) == 1 && (t[0] >= '0' && t[0] <= '9' || t[0] == '-' || t[0] == '/')
			if begun {
				// A text object starts a line, but for a comb's next box,
				// which writers often draw as a text object of its own.
				if !(shown && comb && box && math.Abs(y-lineY) <= 0.5*size && x > endX && x-endX < combGap*size) {
					newline()
				}
				begun = false
			}
			if shown {
				switch {
				case math.Abs(y-lineY) > 0.5*math.Max(size, lastSize):
					newline()
				case comb && box && x > endX && x-endX < combGap*size:
					// The next box of the comb: "521-44-9012", not
					// "5 2 1 - 4 4 - 9 0 1 2".
				case x-endX > spaceGap*size || x < endX-2*size:
					if s := b.String(); !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\n") {
						b.WriteByte(' ')
					}
				}
			}
			b.WriteString(t)
			comb = box
			// Where the string ends, as the walker moves past it after
			// this call.
			m := matrix{1, 0, 0, 1, w.advance(raw), 0}.mul(w.tm).mul(w.ctm)
			endX, lineY, lastSize, shown = m[4], y, size, true
		}
	})
	return b.String(), nil
}
