package email

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
	"github.com/breachkit/breachkit/scan/extract/ole"
)

// MSG reads an Outlook message (.msg): a compound file whose streams are
// the message's MAPI properties ([MS-OXMSG]). The sender, recipients and
// subject are emitted with the Field an .eml's headers get ("From",
// "To", "Cc", "Bcc", "Subject"), then the plain-text body (or, without
// one, the text of the HTML body), then the internet headers the message
// arrived with; attachments go back to the pipeline like an .eml's. An
// attached Outlook message is read as a message of its own, in the
// record "mail.msg#attached=N", its attachments named under its name; a
// contact item's person is emitted as fields (see mapi.go). The zero
// value is ready.
type MSG struct{}

// Format implements scan.Extractor.
func (MSG) Format() string { return "msg" }

// Accepts implements scan.Extractor: an .msg name with the compound-file
// signature.
func (MSG) Accepts(name string, head []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".msg") && ole.Is(head)
}

// MAPI property IDs read from a message, its recipients and attachments.
const (
	propSubject       = 0x0037
	propSenderName    = 0x0C1A
	propSenderEmail   = 0x0C1F
	propSenderSMTP    = 0x5D01
	propDisplayTo     = 0x0E04
	propDisplayCc     = 0x0E03
	propDisplayBcc    = 0x0E02
	propInternetHdrs  = 0x007D
	propBody          = 0x1000
	propBodyHTML      = 0x1013
	propRecipType     = 0x0C15
	propDisplayName   = 0x3001
	propEmailAddress  = 0x3003
	propSMTPAddress   = 0x39FE
	propAttachData    = 0x3701
	propAttachName    = 0x3704
	propAttachLong    = 0x3707
	propAttachMIMETag = 0x370E
)

// MAPI property types of the streams read.
const (
	typeString8 = 0x001E
	typeUnicode = 0x001F
	typeBinary  = 0x0102
	typeObject  = 0x000D
)

// props are the properties of one object (the message, a recipient, an
// attachment) by ID, as the raw bytes of their streams and their type.
type props map[uint16]propValue

type propValue struct {
	typ  uint16
	data []byte
}

// str returns a string property, decoding UTF-16 or 8-bit text.
func (p props) str(id uint16) string {
	v, ok := p[id]
	if !ok {
		return ""
	}
	switch v.typ {
	case typeUnicode:
		return ole.UTF16LE(v.data)
	case typeString8, typeBinary:
		return strings.TrimRight(ole.Latin1(v.data), "\x00")
	}
	return ""
}

// Extract implements scan.Extractor.
func (MSG) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	streams, err := ole.All(in)
	if err != nil {
		return err
	}
	it, err := msgItem(in, streams, "", 0)
	if err != nil {
		return err
	}
	m := &msg{in: in, lim: archive.EffectiveLimits(in.Limits), emit: emit, record: in.Path}
	return m.item(ctx, it)
}

// maxAttached bounds how deep messages attached to messages are read.
const maxAttached = 8

// embeddedStorage holds, inside an attachment's storage, the message
// attached ([MS-OXMSG] 2.2.2.1).
const embeddedStorage = "__substg1.0_3701000D"

// msgItem builds an item from the streams of a message, their paths
// relative to its storage: the message's properties at the top, its
// recipients' and attachments' one storage down, and an attached
// message's under its attachment's embeddedStorage, read the same way
// up to maxAttached levels. where names the message in warnings.
func msgItem(in *scan.Input, streams []ole.Stream, where string, depth int) (*item, error) {
	message := props{}
	recips := map[string]props{}
	attachs := map[string]props{}
	nested := map[string][]ole.Stream{}
	other := map[string]bool{}
	for _, s := range streams {
		id, typ, ok := propStream(s.Name)
		switch {
		case len(s.Path) == 0 && ok:
			message[id] = propValue{typ, s.Data}
		case len(s.Path) == 1 && ok && strings.HasPrefix(s.Path[0], "__recip_version1.0_"):
			if recips[s.Path[0]] == nil {
				recips[s.Path[0]] = props{}
			}
			recips[s.Path[0]][id] = propValue{typ, s.Data}
		case len(s.Path) == 1 && ok && strings.HasPrefix(s.Path[0], "__attach_version1.0_"):
			if attachs[s.Path[0]] == nil {
				attachs[s.Path[0]] = props{}
			}
			attachs[s.Path[0]][id] = propValue{typ, s.Data}
		case len(s.Path) >= 2 && strings.HasPrefix(s.Path[0], "__attach_version1.0_") && s.Path[1] == embeddedStorage:
			nested[s.Path[0]] = append(nested[s.Path[0]], ole.Stream{Path: s.Path[2:], Name: s.Name, Data: s.Data})
		case len(s.Path) >= 2 && strings.HasPrefix(s.Path[0], "__attach_version1.0_"):
			other[s.Path[0]] = true // an OLE object's storage
		}
	}
	if len(message) == 0 {
		return nil, fmt.Errorf("%w: no message properties: not an Outlook message", ole.ErrCorrupt)
	}
	it := &item{props: message}
	for _, k := range sortedKeys(recips) {
		it.recips = append(it.recips, recips[k])
	}
	for _, k := range sortedKeys(attachs) {
		a := attachs[k]
		at := attachment{props: a}
		data, ok := a[propAttachData]
		switch {
		case nested[k] != nil && depth < maxAttached:
			sub, err := msgItem(in, nested[k], where+k+"/", depth+1)
			if err != nil {
				in.Warning(fmt.Sprintf("%s%s: attached message unreadable: %v", where, k, err))
				break
			}
			at.message = sub
		case nested[k] != nil:
			in.Warning(fmt.Sprintf("%s%s: a message attached more than %d levels deep; not scanned", where, k, maxAttached))
		case other[k] || ok && data.typ == typeObject:
			at.embedded = true
		case ok:
			at.data = bytes.NewReader(data.data)
		}
		it.attachs = append(it.attachs, at)
	}
	for _, k := range sortedKeys(nested) {
		if attachs[k] == nil {
			in.Warning(fmt.Sprintf("%s%s holds an attached Outlook message without its attachment properties; not scanned", where, k))
		}
	}
	return it, nil
}

// propStream parses a property stream's name, "__substg1.0_PPPPTTTT"
// (property ID and type in hex).
func propStream(name string) (id, typ uint16, ok bool) {
	rest, found := strings.CutPrefix(name, "__substg1.0_")
	if !found || len(rest) < 8 {
		return 0, 0, false
	}
	p, err1 := strconv.ParseUint(rest[:4], 16, 16)
	t, err2 := strconv.ParseUint(rest[4:8], 16, 16)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uint16(p), uint16(t), true
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
