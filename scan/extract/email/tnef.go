package email

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// TNEF reads winmail.dat: the Transport Neutral Encapsulation Format in
// which Outlook and Exchange wrap a message's attachments for mail
// clients that are not Outlook. The spreadsheet of customers an employee
// mailed is in there, and to every other tool the file is binary.
//
// The stream is read by its layout (MS-OXTNEF): a signature, then
// attributes, each a level, an ID, a length, the data and a checksum.
// Each attachment's data (attAttachData) goes back to the pipeline as a
// member named by its title (attAttachTitle), "winmail.dat!/list.xlsx";
// the plain-text body (attBody) is emitted as text. The MAPI property
// blocks (the RTF body among them) are not read.
type TNEF struct{}

// Format implements scan.Extractor.
func (TNEF) Format() string { return "tnef" }

// tnefSignature starts every TNEF stream.
const tnefSignature = 0x223E9F78

// TNEF attribute IDs (type in the high word, ID in the low word).
const (
	attBody           = 0x0002800C
	attAttachData     = 0x0006800F
	attAttachTitle    = 0x00018010
	attAttachRendData = 0x00069002
	lvlAttachment     = 2
)

// Accepts implements scan.Extractor: the TNEF signature.
func (TNEF) Accepts(name string, head []byte) bool {
	return len(head) >= 6 && binary.LittleEndian.Uint32(head) == tnefSignature
}

// maxAttribute bounds one attribute's data (an attachment held in memory).
const maxAttribute = 1 << 30

// Extract implements scan.Extractor.
func (TNEF) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	var head [6]byte
	if _, err := io.ReadFull(br, head[:]); err != nil || binary.LittleEndian.Uint32(head[:]) != tnefSignature {
		return errors.New("corrupt TNEF: no signature")
	}
	lim := archive.EffectiveLimits(in.Limits)
	type attachment struct {
		title string
		data  []byte
	}
	var cur *attachment
	n := 0
	flush := func() error {
		if cur == nil || cur.data == nil {
			cur = nil
			return nil
		}
		n++
		name, _ := archive.SafeName(strings.TrimRight(cur.title, "\x00"), "attachment-"+strconv.Itoa(n))
		name = path.Base(name)
		a := cur
		cur = nil
		if in.Member == nil {
			return nil
		}
		return in.Member(name, int64(len(a.data)), bytes.NewReader(a.data))
	}
	// fail hands over the attachment read so far, then reports the
	// damage.
	fail := func(format string, args ...any) error {
		if err := flush(); err != nil {
			return err
		}
		return fmt.Errorf("corrupt TNEF: "+format, args...)
	}
	for k := 0; ; k++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var h [9]byte
		if _, err := io.ReadFull(br, h[:]); err != nil {
			if err == io.EOF {
				return flush()
			}
			return fail("attribute %d cut short", k+1)
		}
		level, id, size := h[0], binary.LittleEndian.Uint32(h[1:]), int64(binary.LittleEndian.Uint32(h[5:]))
		if level != 1 && level != lvlAttachment || size > maxAttribute || size > lim.MaxMemberSize {
			return fail("attribute %d (level %d, id 0x%08X, %d bytes)", k+1, level, id, size)
		}
		if id == attAttachRendData {
			// A new attachment begins.
			if err := flush(); err != nil {
				return err
			}
			cur = &attachment{}
		}
		var data []byte
		switch id {
		case attAttachData, attAttachTitle, attBody:
			// Read as it comes, so that a length the file does not hold
			// allocates nothing.
			var err error
			data, err = io.ReadAll(io.LimitReader(br, size))
			if err == nil && int64(len(data)) < size {
				err = io.ErrUnexpectedEOF
			}
			if err != nil {
				return fail("attribute %d cut short", k+1)
			}
		default:
			if _, err := br.Discard(int(size)); err != nil {
				return fail("attribute %d cut short", k+1)
			}
		}
		if _, err := br.Discard(2); err != nil { // checksum
			return fail("attribute %d cut short", k+1)
		}
		switch id {
		case attBody:
			if t := strings.TrimSpace(string(bytes.TrimRight(data, "\x00"))); t != "" {
				if err := emit(scan.Segment{Text: []byte(t), Offset: -1, Record: in.Path}); err != nil {
					return err
				}
			}
		case attAttachTitle:
			if cur == nil {
				cur = &attachment{}
			}
			cur.title = string(data)
		case attAttachData:
			if cur == nil {
				cur = &attachment{}
			}
			cur.data = data
		}
	}
}
