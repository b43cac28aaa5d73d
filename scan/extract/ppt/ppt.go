// Package ppt extracts the text of legacy PowerPoint presentations
// (.ppt, .pps, .pot: PowerPoint 97 to 2003), which hold the staff lists,
// org charts and customer tables of many a file share.
//
// The presentation is a compound file (read with ole). Its "PowerPoint
// Document" stream is a tree of records ([MS-PPT] 2.3.1: a version and
// instance, a type, a length; version 0xF marks a container); every text
// atom in it is emitted: TextCharsAtom (UTF-16), TextBytesAtom (8-bit,
// the low bytes of UTF-16) and CString (UTF-16: comments, footers,
// hyperlink text). Each record of an edit saved on top of an earlier one
// is read too, so text an edit replaced may come out as well: it is still
// in the file.
//
// Segments: text inside the Nth slide container (in stream order) or
// after the Nth slide of the slide list is "path#slide=N", the Nth notes
// page "path#notes=N", a master "path#master=N"; text elsewhere is "path".
// Offsets are -1: the text is decoded from a stream inside the file.
//
// A password-protected presentation is reported as encrypted.
package ppt

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/ole"
)

// Extractor reads .ppt presentations. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "ppt" }

// Accepts implements scan.Extractor: a .ppt, .pps or .pot name with the
// compound-file signature.
func (Extractor) Accepts(name string, head []byte) bool {
	n := strings.ToLower(name)
	return (strings.HasSuffix(n, ".ppt") || strings.HasSuffix(n, ".pps") || strings.HasSuffix(n, ".pot")) && ole.Is(head)
}

// Record types read ([MS-PPT] 2.13.24).
const (
	rtSlide             = 0x03EE
	rtNotes             = 0x03F0
	rtSlidePersistAtom  = 0x03F3
	rtMainMaster        = 0x03F8
	rtSlideListWithText = 0x0FF0
	rtTextCharsAtom     = 0x0FA0
	rtTextBytesAtom     = 0x0FA8
	rtCString           = 0x0FBA
	rtCryptSession      = 0x2F14
)

// maxDepth bounds the nesting of containers: real files nest a handful
// deep.
const maxDepth = 64

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	streams, err := ole.Streams(in, "PowerPoint Document", "EncryptedSummary")
	if err != nil {
		return err
	}
	doc := streams["PowerPoint Document"]
	if doc == nil {
		return errors.New("no PowerPoint Document stream: not a PowerPoint 97-2003 presentation")
	}
	if streams["EncryptedSummary"] != nil {
		return errors.New("encrypted: the presentation is password-protected")
	}
	w := &walker{ctx: ctx, path: in.Path, emit: emit, record: in.Path}
	if err := w.walk(doc, 0, ""); err != nil {
		if w.emitted > 0 && errors.Is(err, ole.ErrCorrupt) {
			in.Warning("presentation read partly: " + err.Error())
			return nil
		}
		return err
	}
	return nil
}

// walker walks the record tree, naming records as it goes.
type walker struct {
	ctx                    context.Context
	path                   string
	emit                   func(scan.Segment) error
	record                 string
	slides, notes, masters int
	listed                 int // slides met in the slide list
	emitted, records       int
}

// walk reads the records of b, a container's body (or the stream) at
// the given depth. list is the kind of slide list b belongs to, "" when
// b is none.
func (w *walker) walk(b []byte, depth int, list string) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: records nested deeper than %d", ole.ErrCorrupt, maxDepth)
	}
	for len(b) > 0 {
		if w.records++; w.records&1023 == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		if len(b) < 8 {
			return fmt.Errorf("%w: a record header cut short", ole.ErrCorrupt)
		}
		verInst := binary.LittleEndian.Uint16(b)
		typ := binary.LittleEndian.Uint16(b[2:])
		n := binary.LittleEndian.Uint32(b[4:])
		if uint64(n) > uint64(len(b)-8) {
			return fmt.Errorf("%w: a record of %d bytes where %d remain", ole.ErrCorrupt, n, len(b)-8)
		}
		body := b[8 : 8+n]
		b = b[8+n:]
		switch typ {
		case rtCryptSession:
			return errors.New("encrypted: the presentation is password-protected")
		case rtSlidePersistAtom:
			if list == "slides" {
				w.listed++
				w.record = w.path + "#slide=" + strconv.Itoa(w.listed)
			}
			continue
		case rtTextCharsAtom, rtCString:
			if err := w.text(ole.UTF16LE(body)); err != nil {
				return err
			}
			continue
		case rtTextBytesAtom:
			if err := w.text(ole.Latin1(body)); err != nil {
				return err
			}
			continue
		}
		if verInst&0xF != 0xF {
			continue // an atom of no text
		}
		// A container: the record its text belongs to.
		saved, sub := w.record, ""
		switch typ {
		case rtSlide:
			w.slides++
			w.record = w.path + "#slide=" + strconv.Itoa(w.slides)
		case rtNotes:
			w.notes++
			w.record = w.path + "#notes=" + strconv.Itoa(w.notes)
		case rtMainMaster:
			w.masters++
			w.record = w.path + "#master=" + strconv.Itoa(w.masters)
		case rtSlideListWithText:
			// The instance says which list: 0 slides, 1 masters, 2 notes.
			if verInst>>4 == 0 {
				sub = "slides"
			} else {
				sub = "other"
			}
		}
		if err := w.walk(body, depth+1, sub); err != nil {
			return err
		}
		w.record = saved
	}
	return nil
}

// text emits a text atom's text. PowerPoint ends paragraphs with CR and
// lines within one with a vertical tab.
func (w *walker) text(s string) error {
	s = strings.NewReplacer("\r", "\n", "\v", "\n").Replace(s)
	if strings.TrimSpace(s) == "" {
		return nil
	}
	w.emitted++
	return w.emit(scan.Segment{Text: []byte(s), Offset: -1, Record: w.record})
}
