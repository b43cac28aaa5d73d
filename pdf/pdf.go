// Package pdf prints letters into print-ready PDF batches with fpdf: US
// Letter pages, the recipient's address placed for the window of a
// standard #10 envelope, one file per batch for the mail house. Files are
// written to a temporary name, synced and renamed, so a batch on disk is
// always complete.
package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/charmap"

	"github.com/breachkit/breachkit"
)

// Typefaces. Letters print in Helvetica, one of the PDF core fonts (no
// font in the file, the fastest to print), whose characters are those of
// Windows-1252. A letter with a character outside it ("Łukasz
// Wiśniewski", "Дмитрий") prints in the Go fonts (golang.org/x/image, BSD
// licence), embedded as a subset: they cover the WGL4 set, Latin with its
// extensions for European languages, Greek and Cyrillic. Embedding costs
// about a third of the printing speed, so only such letters pay it.
const (
	core = "Helvetica"
	wgl4 = "Go"
)

// printable is a bit per rune of the Basic Multilingual Plane that the
// font has a glyph for.
var printable = func() (set [1 << 16 / 64]uint64) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic(err) // the embedded font is part of the build
	}
	var buf sfnt.Buffer
	for r := range rune(1 << 16) {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return
}()

// printRunes returns s with the runes the font has no glyph for replaced
// by '?', and whether there were any.
func printRunes(s string) (string, bool) {
	ok := true
	for _, r := range s {
		if r >= 1<<16 || printable[r/64]&(1<<(r%64)) == 0 {
			ok = false
			break
		}
	}
	if ok {
		return s, false
	}
	return strings.Map(func(r rune) rune {
		if r >= 1<<16 || printable[r/64]&(1<<(r%64)) == 0 {
			return '?'
		}
		return r
	}, s), true
}

// Layout of a page, in inches. A #10 window envelope (4 1/8 × 9 1/2 in)
// has its address window about 7/8 in from the left edge; a letter
// folded in three shows the block that starts 2 in from the top of the
// sheet. The return address shows through the upper window of a
// double-window envelope.
const (
	pageW, pageH  = 8.5, 11.0
	margin        = 1.0
	windowLeft    = 0.875
	returnTop     = 0.5
	addressTop    = 2.0
	addressWidth  = 3.75
	addressHeight = 1.0
	bodyTop       = 3.4
	bottomMargin  = 0.9
)

// Batch is one print file being assembled.
type Batch struct {
	f       *fpdf.Fpdf
	cp1252  func(string) string // fpdf's translation for the core fonts
	wgl4    bool                // the Go fonts are added
	letters int
	// lossy counts letters with characters the font cannot print (they
	// are printed as '?'), so that the caller can report them.
	lossy int
	// The letter and page the footer names, and the letter's typeface:
	// pending becomes current when the letter's first page starts.
	pending, current   string
	pendingFam, family string
	page               int
	size               float64 // body type size of the current letter
}

// NewBatch starts an empty batch. created is written as the file's
// creation date, so that rendering the same letters twice gives the same
// bytes. Page streams are not compressed: that halves the time per
// letter and doubles the file size (see Compress).
func NewBatch(created time.Time) *Batch {
	f := fpdf.New("P", "in", "Letter", "")
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(true, bottomMargin)
	f.SetMargins(margin, margin, margin)
	f.SetCreator("breachkit", false)
	f.SetCompression(false)
	b := &Batch{f: f, cp1252: f.UnicodeTranslatorFromDescriptor("")}
	f.SetHeaderFunc(func() {
		if b.pending != "" {
			b.current, b.family, b.pending, b.page = b.pending, b.pendingFam, "", 0
		}
		b.page++
	})
	f.SetFooterFunc(func() {
		f.SetY(-0.6)
		f.SetFont(b.family, "", 8)
		f.CellFormat(0, 0.2, b.translate(b.family)(fmt.Sprintf("%s - page %d", b.current, b.page)), "", 0, "C", false, 0, "")
		f.SetFont(b.family, "", b.size)
	})
	return b
}

// translate returns how text is written in the typeface family: through
// Windows-1252 for the core font, with runes the Go fonts lack as '?'.
func (b *Batch) translate(family string) func(string) string {
	if family == core {
		return b.cp1252
	}
	return func(s string) string { t, _ := printRunes(s); return t }
}

// inWindows1252 reports whether every character of s is in Windows-1252,
// the core fonts' set.
func inWindows1252(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			if _, in := charmap.Windows1252.EncodeRune(r); !in {
				return false
			}
		}
	}
	return true
}

// windows1252 reports whether every character of the letter is in
// Windows-1252 (the address block is printed in capitals too).
func windows1252(l *breachkit.Letter) bool {
	for _, s := range append(append([]string{l.ID, l.Date, l.Title}, l.From...), l.To...) {
		if !inWindows1252(strings.ToUpper(s)) || !inWindows1252(s) {
			return false
		}
	}
	for _, bl := range l.Blocks {
		if !inWindows1252(bl.Text) {
			return false
		}
	}
	return true
}

// Printable reports whether a letter can print every character of s (in
// capitals too, as the address block is): in the core font or in the Go
// fonts.
func Printable(s string) bool {
	if inWindows1252(s) && inWindows1252(strings.ToUpper(s)) {
		return true
	}
	_, lost := printRunes(s)
	_, lostUpper := printRunes(strings.ToUpper(s))
	return !lost && !lostUpper
}

// Compress sets whether page streams are compressed (flate): files about
// half the size, rendering about half as fast. Call it before Add.
func (b *Batch) Compress(on bool) { b.f.SetCompression(on) }

// Letters returns how many letters the batch holds.
func (b *Batch) Letters() int { return b.letters }

// Pages returns how many pages the batch holds.
func (b *Batch) Pages() int { return b.f.PageCount() }

// Lossy returns how many letters had characters the font cannot print.
func (b *Batch) Lossy() int { return b.lossy }

// Add prints a letter starting on a new page and returns its first page
// and how many pages it took.
func (b *Batch) Add(l *breachkit.Letter) (first, pages int, err error) {
	f := b.f
	size := 11.0
	if float64(l.MinFontPt) > size {
		size = float64(l.MinFontPt)
	}
	small := max(10, float64(l.MinFontPt)) // address blocks: never under 10 pt
	lossy := false
	family := core
	if !windows1252(l) {
		family = wgl4
		if !b.wgl4 {
			// Added with the first letter that needs them, so that a
			// file of none holds no font.
			f.AddUTF8FontFromBytes(wgl4, "", goregular.TTF)
			f.AddUTF8FontFromBytes(wgl4, "B", gobold.TTF)
			b.wgl4 = true
		}
	}
	translate := b.translate(family)
	tr := func(s string) string {
		t := translate(s)
		lossy = lossy || family == wgl4 && t != s
		return t
	}
	before := f.PageCount()
	b.pending, b.pendingFam, b.size = l.ID, family, size
	f.AddPage()
	// Return address (upper window).
	f.SetFont(family, "", small)
	lh := small / 72 * 1.25
	f.SetXY(windowLeft, returnTop)
	for _, line := range l.From {
		f.SetX(windowLeft)
		f.CellFormat(addressWidth, lh, tr(line), "", 1, "L", false, 0, "")
	}
	// Recipient (address window): letter ID as the keyline, then the name
	// and address, at most six lines so the block fits the window.
	f.SetXY(windowLeft, addressTop)
	f.SetFont(family, "", 8)
	f.CellFormat(addressWidth, 0.16, tr(l.ID), "", 1, "L", false, 0, "")
	f.SetFont(family, "", small)
	for i, line := range l.To {
		if i == 5 {
			break
		}
		f.SetX(windowLeft)
		f.CellFormat(addressWidth, lh, tr(strings.ToUpper(line)), "", 1, "L", false, 0, "")
	}
	// Body.
	f.SetXY(margin, bodyTop)
	f.SetFont(family, "", size)
	bh := size / 72 * 1.3
	f.CellFormat(0, bh, tr(l.Date), "", 1, "L", false, 0, "")
	f.Ln(bh / 2)
	f.SetFont(family, "B", size+3)
	f.MultiCell(0, (size+3)/72*1.3, tr(l.Title), "", "L", false)
	f.SetFont(family, "", size)
	f.Ln(bh / 2)
	width := pageW - 2*margin
	for i, bl := range l.Blocks {
		if i > 0 && l.Blocks[i-1].Kind == breachkit.BlockBullet && bl.Kind != breachkit.BlockBullet {
			f.Ln(bh / 3)
		}
		switch bl.Kind {
		case breachkit.BlockHeading:
			f.Ln(bh / 3)
			f.SetFont(family, "B", size+1)
			f.MultiCell(width, bh, tr(bl.Text), "", "L", false)
			f.SetFont(family, "", size)
		case breachkit.BlockBullet:
			f.SetX(margin + 0.25)
			f.CellFormat(0.2, bh, tr("-"), "", 0, "L", false, 0, "")
			f.MultiCell(width-0.45, bh, tr(bl.Text), "", "L", false)
		case breachkit.BlockLine:
			f.CellFormat(width, bh, tr(bl.Text), "", 1, "L", false, 0, "")
		default:
			f.MultiCell(width, bh, tr(bl.Text), "", "L", false)
			f.Ln(bh / 3)
		}
	}
	if err := f.Error(); err != nil {
		return 0, 0, fmt.Errorf("letter %s: %w", l.ID, err)
	}
	b.letters++
	if lossy {
		b.lossy++
	}
	// The footer of a letter's last page is drawn when the next page is
	// added or the file is closed; the page count is already final.
	return before + 1, f.PageCount() - before, nil
}

// Bytes returns the finished PDF. The batch cannot be added to after.
func (b *Batch) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := b.f.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile finishes the batch and writes it to path atomically: a
// temporary file in the same folder, synced, then renamed.
func (b *Batch) WriteFile(path string) error {
	data, err := b.Bytes()
	if err != nil {
		return err
	}
	return WriteAtomic(path, data)
}

// WriteAtomic writes data to path through a synced temporary file and a
// rename, then syncs the folder, so that path holds either its old
// content or all of data.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
