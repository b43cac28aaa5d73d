package email

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	pst "github.com/mooijtech/go-pst/v6/pkg"
	"github.com/tidwall/btree"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// PST reads an Outlook data file (.pst; .ost and .pab where their blocks
// are not compressed): the mailbox a business e-mail compromise leaves
// behind, and what a data-mining review most often starts from. It uses
// github.com/mooijtech/go-pst/v6 for the file's B-trees, heaps and
// property contexts ([MS-PST]), and reads every message node in the
// file, whatever folder holds it (deleted items and folders the
// hierarchy no longer reaches included), in node order.
//
// Each item is emitted as an .msg file's is (see item in mapi.go):
// contacts' people as fields, the sender, recipients, subject, bodies
// and internet headers; attachments go back to the pipeline as
// "box.pst!/msg-N/file.pdf", and a body kept only as compressed RTF as
// "box.pst!/msg-N/body.rtf". Item N (1-based, in node order) is the
// record "box.pst#msg=N". An item that cannot be read is reported with
// Input.Warn and the next one is read. Files with the "high" (cyclic)
// encryption are reported as unsupported, as go-pst does not read them.
// The zero value is ready.
type PST struct{}

// Format implements scan.Extractor.
func (PST) Format() string { return "pst" }

// Accepts implements scan.Extractor: the data file signature "!BDN"
// followed by a PST, OST or PAB content type ([MS-PST] 2.2.2.6).
func (PST) Accepts(name string, head []byte) bool {
	if len(head) < 10 || string(head[:4]) != "!BDN" {
		return false
	}
	switch string(head[8:10]) {
	case "SM", "SO", "AB":
		return true
	}
	return false
}

// Node IDs of an item's subnodes ([MS-PST] 2.4.4.4): its recipient table.
const nidRecipientTable = 0x692

// Attachment methods ([MS-OXCMSG] 2.2.2.9) whose data is an object, not
// a file's bytes: an attached message and an OLE storage.
const (
	afEmbeddedMessage = 5
	afStorage         = 6
)

// maxProp bounds a property read into memory (a body, a header block);
// a longer one is cut there, with a warning. maxShort bounds the others
// (a name, an address, a display list of recipients), so that a corrupt
// size costs little.
const (
	maxProp  = 32 << 20
	maxShort = 1 << 20
)

// limit is the most read of a property.
func limit(id uint16) int64 {
	switch id {
	case propBody, propBodyHTML, propRTFCompressed, propInternetHdrs:
		return maxProp
	}
	return maxShort
}

// wanted are the properties read of an item; the others (dates, flags,
// sizes, named properties) say nothing of a person or are not read.
var wanted = func() map[uint16]bool {
	w := map[uint16]bool{propMessageClass: true, propSubject: true, propSenderName: true, propSenderEmail: true,
		propSenderSMTP: true, propDisplayTo: true, propDisplayCc: true, propDisplayBcc: true, propInternetHdrs: true,
		propBody: true, propBodyHTML: true, propRTFCompressed: true}
	for _, f := range contactFields {
		w[f.id] = true
	}
	return w
}()

// propRTFCompressed is the body in compressed RTF ([MS-OXRTFCP]).
const propRTFCompressed = 0x1009

// propAttachMethod says how an attachment is stored.
const propAttachMethod = 0x3705

// Extract implements scan.Extractor.
func (PST) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	ra, size, cleanup, err := archive.SpoolSource(in)
	if err != nil {
		return err
	}
	defer cleanup()
	f, nodes, warns, err := openPST(ra, size)
	if err != nil {
		return fmt.Errorf("not a readable Outlook data file: %v", err)
	}
	defer f.Cleanup()
	for _, w := range warns {
		in.Warning(w)
	}
	lim := archive.EffectiveLimits(in.Limits)
	members, bad := 0, 0
	const maxWarned = 20
	for i, node := range nodes {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := i + 1
		it, cut, err := readItem(f, node)
		if err != nil {
			if bad++; bad <= maxWarned {
				in.Warning(fmt.Sprintf("message %d: unreadable: %v", n, err))
			}
			continue
		}
		for _, id := range cut {
			in.Warning(fmt.Sprintf("message %d: property 0x%04X longer than %d bytes; the rest was not scanned", n, id, limit(id)))
		}
		m := &msg{in: in, lim: lim, emit: emit, record: fmt.Sprintf("%s#msg=%d", in.Path, n),
			prefix: fmt.Sprintf("msg-%d/", n), members: members}
		if rtf, ok := it.props[propRTFCompressed]; ok && it.props[propBody].data == nil && it.props[propBodyHTML].data == nil {
			if text, err := decodeRTF(rtf.data); err != nil {
				in.Warning(fmt.Sprintf("message %d: RTF body unreadable: %v", n, err))
			} else if err := m.member("body.rtf", strings.NewReader(text)); err != nil {
				return err
			}
		}
		err = m.item(ctx, it)
		members = m.members
		if err != nil {
			return err
		}
	}
	if bad > maxWarned {
		in.Warning(fmt.Sprintf("%d more messages unreadable", bad-maxWarned))
	}
	if bad > 0 && bad == len(nodes) {
		return fmt.Errorf("not a readable Outlook data file: none of its %d messages could be read", bad)
	}
	return nil
}

// openPST opens a data file of size bytes and lists its message nodes
// in node order. go-pst panics on some corrupt structures; that is an
// error here. It skips the pages of the file's index that it cannot
// read, so warns says when that happened and when the file is shorter
// than its header records: messages listed there are missing.
func openPST(ra io.ReaderAt, size int64) (f *pst.File, nodes []pst.BTreeNode, warns []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, nodes, warns, err = nil, nil, nil, fmt.Errorf("corrupt structure (%v)", r)
		}
	}()
	counted := &countingReaderAt{r: safeReaderAt{ra}}
	f, err = pst.New(counted)
	if err != nil {
		return nil, nil, nil, errText(err)
	}
	// ibFileEof, in the header's ROOT ([MS-PST] 2.2.2.5): at 0xB8 (8
	// bytes) in a Unicode file, 0xA8 (4 bytes) in an ANSI one.
	var eof int64
	b := make([]byte, 8)
	if f.FormatType == pst.FormatTypeANSI {
		if _, err := ra.ReadAt(b[:4], 0xA8); err == nil {
			eof = int64(binary.LittleEndian.Uint32(b))
		}
	} else if _, err := ra.ReadAt(b, 0xB8); err == nil {
		eof = int64(binary.LittleEndian.Uint64(b))
	}
	if eof > size {
		warns = append(warns, fmt.Sprintf("file cut short: %d bytes of the %d its header records; messages stored past the end are missing", size, eof))
	}
	if counted.failed > 0 {
		warns = append(warns, fmt.Sprintf("%d pages of the file's index could not be read; messages listed there are missing", counted.failed))
	}
	tree, ok := f.NodeBTree.(*btree.BTreeG[pst.BTreeNode])
	if !ok {
		return nil, nil, nil, errors.New("unexpected node B-tree store")
	}
	tree.Scan(func(n pst.BTreeNode) bool {
		// Entries above the leaves repeat their first child's ID.
		if n.NodeLevel == 0 && n.Identifier.GetType() == pst.IdentifierTypeNormalMessage {
			nodes = append(nodes, n)
		}
		return true
	})
	return f, nodes, warns, nil
}

// readItem reads an item's properties, recipient table and attachment
// table. cut lists the properties cut at maxProp.
func readItem(f *pst.File, node pst.BTreeNode) (it *item, cut []uint16, err error) {
	defer func() {
		if r := recover(); r != nil {
			it, cut, err = nil, nil, fmt.Errorf("corrupt structure (%v)", r)
		}
	}()
	data, err := f.GetBlockBTreeNode(node.DataIdentifier)
	if err != nil {
		return nil, nil, errText(err)
	}
	heap, err := f.GetHeapOnNode(data)
	if err != nil {
		return nil, nil, errText(err)
	}
	local, err := f.GetLocalDescriptors(node)
	if err != nil {
		return nil, nil, errText(err)
	}
	pc, err := f.GetPropertyContext(heap)
	if err != nil {
		return nil, nil, errText(err)
	}
	it = &item{props: props{}}
	for _, p := range pc.Properties {
		named := p.ID >= 0x8000 && (p.Type == pst.PropertyTypeString || p.Type == pst.PropertyTypeString8)
		if !wanted[p.ID] && !named {
			continue // named text properties: a contact's e-mail addresses
		}
		v, long, err := value(p, func() (pst.PropertyReader, error) { return pst.NewPropertyReader(p, heap, f, local) })
		if err != nil {
			continue // a property without data
		}
		if long {
			cut = append(cut, p.ID)
		}
		it.props[p.ID] = v
	}
	if it.recips, err = recipients(f, local); err != nil {
		return nil, nil, fmt.Errorf("recipient table: %w", err)
	}
	if it.attachs, err = attachments(f, node.Identifier, pc, local); err != nil {
		return nil, nil, fmt.Errorf("attachment table: %w", err)
	}
	return it, cut, nil
}

// value reads one property: in place when it is small, else through its
// reader, up to maxProp bytes (long reports the cut).
func value(p pst.Property, open func() (pst.PropertyReader, error)) (v propValue, long bool, err error) {
	v.typ = uint16(p.Type)
	if len(p.Data) > 0 {
		v.data = p.Data
		return v, false, nil
	}
	r, err := open()
	if err != nil {
		return v, false, err
	}
	if r.HeapOnNodeReader == nil {
		return v, false, pst.ErrPropertyNoData
	}
	size := r.Size()
	if max := limit(p.ID); size > max {
		size, long = max, true
	}
	v.data = make([]byte, size)
	if _, err := r.ReadAt(v.data, 0); err != nil && !errors.Is(err, io.EOF) {
		return v, false, errText(err)
	}
	return v, long, nil
}

// recipients reads the rows of an item's recipient table, when it has one.
func recipients(f *pst.File, local []pst.LocalDescriptor) ([]props, error) {
	ld, err := pst.FindLocalDescriptor(nidRecipientTable, local)
	if err != nil {
		return nil, nil // no recipient table: a contact, a draft, a note
	}
	heap, err := f.GetHeapOnNodeFromLocalDescriptor(ld)
	if err != nil {
		return nil, errText(err)
	}
	sub, err := f.GetLocalDescriptorsFromIdentifier(ld.LocalDescriptorsIdentifier)
	if err != nil {
		return nil, errText(err)
	}
	tc, err := f.GetTableContext(heap, sub, propDisplayName, propSMTPAddress, propEmailAddress, propRecipType)
	if err != nil {
		return nil, errText(err)
	}
	rows := make([]props, 0, len(tc.Properties))
	for _, row := range tc.Properties {
		r := props{}
		for _, p := range row {
			if v, _, err := value(p, func() (pst.PropertyReader, error) { return tc.GetPropertyReader(p, sub...) }); err == nil {
				r[p.ID] = v
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// attachments reads an item's attachment table: each attachment's name
// and method, and a reader of its bytes that reads them only when the
// pipeline does.
func attachments(f *pst.File, id pst.Identifier, pc *pst.PropertyContext, local []pst.LocalDescriptor) ([]attachment, error) {
	m := &pst.Message{File: f, Identifier: id, PropertyContext: pc, LocalDescriptors: local}
	tc, err := m.GetAttachmentTableContext()
	if errors.Is(err, pst.ErrAttachmentsNotFound) || errors.Is(err, pst.ErrPropertyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, errText(err)
	}
	var out []attachment
	for _, row := range tc.Properties {
		var hnid pst.Identifier
		for _, p := range row {
			if r, err := tc.GetPropertyReader(p); err == nil {
				if v, err := r.GetInteger32(); err == nil {
					hnid = pst.Identifier(v)
				}
			}
		}
		ld, err := pst.FindLocalDescriptor(hnid, local)
		if err != nil {
			return nil, errText(err)
		}
		sub, err := f.GetLocalDescriptorsFromIdentifier(ld.LocalDescriptorsIdentifier)
		if err != nil {
			return nil, errText(err)
		}
		heap, err := f.GetHeapOnNodeFromLocalDescriptor(ld)
		if err != nil {
			return nil, errText(err)
		}
		apc, err := f.GetPropertyContext(heap)
		if err != nil {
			return nil, errText(err)
		}
		a := attachment{props: props{}}
		var data *pst.Property
		for _, p := range apc.Properties {
			switch p.ID {
			case propAttachName, propAttachLong, propAttachMIMETag, propAttachMethod:
				if v, _, err := value(p, func() (pst.PropertyReader, error) { return pst.NewPropertyReader(p, heap, f, sub) }); err == nil {
					a.props[p.ID] = v
				}
			case propAttachData:
				data = &p
			}
		}
		method := uint32(0)
		if v, ok := a.props[propAttachMethod]; ok && len(v.data) >= 4 {
			method = binary.LittleEndian.Uint32(v.data)
		}
		switch {
		case method == afEmbeddedMessage || method == afStorage || data != nil && data.Type == typeObject:
			a.embedded = true
		case data != nil && len(data.Data) > 0:
			a.data = bytes.NewReader(data.Data)
		case data != nil:
			r, err := pst.NewPropertyReader(*data, heap, f, sub)
			if err == nil && r.HeapOnNodeReader != nil {
				a.data = io.NewSectionReader(safeReaderAt{&r}, 0, r.Size())
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// decodeRTF decompresses a compressed RTF body; go-pst's decoder panics
// on a short or corrupt one, which is an error here.
func decodeRTF(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("corrupt compressed RTF (%v)", r)
		}
	}()
	if len(data) < 16 {
		return "", errors.New("corrupt compressed RTF: shorter than its header")
	}
	// The decoder makes a buffer of the size the header declares: a
	// forged size would ask for gigabytes before anything is read.
	if n := int64(binary.LittleEndian.Uint32(data[4:8])); n > maxProp || n > 256*int64(len(data)) {
		return "", fmt.Errorf("corrupt compressed RTF: declares %d bytes from %d", n, len(data))
	}
	return pst.NewRTFDecoder().Decode(data)
}

// safeReaderAt turns a panic while reading (go-pst's readers panic on
// some corrupt structures) into an error.
type safeReaderAt struct{ r io.ReaderAt }

func (s safeReaderAt) ReadAt(p []byte, off int64) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = 0, fmt.Errorf("corrupt structure (%v)", r)
		}
	}()
	return s.r.ReadAt(p, off)
}

// countingReaderAt counts the reads that fail: go-pst's index walk does
// not report them.
type countingReaderAt struct {
	r      io.ReaderAt
	failed int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	if err != nil && n < len(p) {
		c.failed++
	}
	return n, err
}

// errText drops the stack trace eris-wrapped errors print with %+v, and
// keeps their message.
func errText(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(err.Error())
}
