package email

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// item is an Outlook item read from its MAPI properties, wherever they
// were stored: an .msg file's streams (msg.go) or a node of an Outlook
// data file (pst.go). Both are emitted by msg.item, so that a message
// reads the same from either.
type item struct {
	props   props
	recips  []props // the recipient table's rows, in order
	attachs []attachment
}

// attachment is one row of an item's attachment table.
type attachment struct {
	props    props
	data     io.Reader // the attached file's bytes; nil for a link or reference
	message  *item     // an attached Outlook message, read
	embedded bool      // an attached Outlook message or OLE object, not read
}

// Further MAPI property IDs ([MS-OXPROPS]): the item's class, and the
// contact properties a contact item ([MS-OXOCNTC]) keeps its person in.
const (
	propMessageClass  = 0x001A
	propGivenName     = 0x3A06
	propMiddleName    = 0x3A44
	propSurname       = 0x3A11
	propGeneration    = 0x3A05
	propBirthday      = 0x3A42
	propGovernmentID  = 0x3A07
	propCustomerID    = 0x3A4A
	propHomePhone     = 0x3A09
	propHome2Phone    = 0x3A2F
	propMobilePhone   = 0x3A1C
	propPrimaryPhone  = 0x3A1A
	propOtherPhone    = 0x3A1F
	propBusinessPhone = 0x3A08
	propCompanyName   = 0x3A16
)

// typeTime is the MAPI type of a date (PtypTime: 100 ns since 1601).
const typeTime = 0x0040

// contactFields are the contact properties emitted as fields, in order,
// under names that read like an address book's columns. The home and
// other addresses are the person's; the business address (Locality,
// StreetAddress...) is named as a business's so that it does not pass
// for where the person lives.
var contactFields = []struct {
	id   uint16
	name string
}{
	{propGivenName, "Given Name"},
	{propMiddleName, "Middle Name"},
	{propSurname, "Surname"},
	{propGeneration, "Name Suffix"},
	{propBirthday, "Birthday"},
	{propGovernmentID, "Government ID Number"},
	{propCustomerID, "Customer ID"},
	{0x3A5D, "Home Address Street"},
	{0x3A5E, "Home Address PO Box"},
	{0x3A59, "Home Address City"},
	{0x3A5C, "Home Address State"},
	{0x3A5B, "Home Address Postal Code"},
	{0x3A5A, "Home Address Country"},
	{0x3A63, "Other Address Street"},
	{0x3A64, "Other Address PO Box"},
	{0x3A5F, "Other Address City"},
	{0x3A62, "Other Address State"},
	{0x3A61, "Other Address Postal Code"},
	{0x3A60, "Other Address Country"},
	{propHomePhone, "Home Phone"},
	{propHome2Phone, "Home Phone 2"},
	{propMobilePhone, "Mobile Phone"},
	{propPrimaryPhone, "Primary Phone"},
	{propOtherPhone, "Other Phone"},
	{propBusinessPhone, "Business Phone"},
	{propCompanyName, "Company Name"},
	{0x3A29, "Business Address Street"},
	{0x3A27, "Business Address City"},
	{0x3A28, "Business Address State"},
	{0x3A2A, "Business Address Postal Code"},
	{0x3A26, "Business Address Country"},
}

// isContact reports whether an item is a contact (IPM.Contact, or an
// address book person, IPM.AbchPerson), whose properties are a person's.
func (it *item) isContact() bool {
	class := strings.ToLower(it.props.str(propMessageClass))
	return strings.HasPrefix(class, "ipm.contact") || strings.HasPrefix(class, "ipm.abchperson")
}

// date returns a PtypTime property as "2006-01-02", or "".
func (p props) date(id uint16) string {
	v, ok := p[id]
	if !ok || v.typ != typeTime || len(v.data) < 8 {
		return ""
	}
	ticks := int64(binary.LittleEndian.Uint64(v.data))
	if ticks <= 0 {
		return ""
	}
	// Outlook's "none" date is 4501-01-01; anything past 9999 is not a day.
	const perDay = 24 * 60 * 60 * 10_000_000
	days := ticks / perDay
	t := time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	// A birthday is stored as local midnight in UTC: west of Greenwich
	// that is the day itself plus some hours, east of it the evening
	// before; the rounding keeps the day the user typed.
	if rem := ticks % perDay; rem >= perDay/2 {
		t = t.AddDate(0, 0, 1)
	}
	if t.Year() >= 4500 {
		return ""
	}
	return t.Format("2006-01-02")
}

// item emits an Outlook item: a contact's person as fields; the sender,
// recipients and subject with the Field an .eml's headers get ("From",
// "To", "Cc", "Bcc", "Subject"); the plain-text body (or, without one,
// the text of the HTML body); the internet headers the message arrived
// with; then its attachments through Input.Member, and the messages
// attached to it (read from an .msg; reported, not read, in a .pst) as
// items of their own.
func (m *msg) item(ctx context.Context, it *item) error {
	field := func(name, text string) error {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		return m.send(scan.Segment{Text: []byte(text), Offset: -1, Field: name, Record: m.record})
	}
	p := it.props
	if it.isContact() {
		for _, f := range contactFields {
			v := p.str(f.id)
			if f.id == propBirthday {
				v = p.date(f.id)
			}
			if err := field(f.name, v); err != nil {
				return err
			}
		}
		// A contact's e-mail addresses are named properties (Email1,
		// Email2, Email3 of PSETID_Address), whose IDs each file maps
		// anew: any named text property that is an address.
		var ids []int
		for id, v := range p {
			if id >= 0x8000 && (v.typ == typeUnicode || v.typ == typeString8) {
				ids = append(ids, int(id))
			}
		}
		sort.Ints(ids)
		seen := map[string]bool{}
		for _, id := range ids {
			v := strings.TrimSpace(p.str(uint16(id)))
			if strings.Count(v, "@") == 1 && !strings.ContainsAny(v, " \t\r\n") && !seen[strings.ToLower(v)] {
				seen[strings.ToLower(v)] = true
				if err := field("Email", v); err != nil {
					return err
				}
			}
		}
	}
	from := p.str(propSenderName)
	if addr := firstOf(p.str(propSenderSMTP), p.str(propSenderEmail)); strings.Contains(addr, "@") {
		from = strings.TrimSpace(from + " <" + addr + ">")
	}
	if err := field("From", from); err != nil {
		return err
	}
	// Recipients: each with its own name and address, by kind.
	kinds := map[uint32]string{1: "To", 2: "Cc", 3: "Bcc"}
	listed := false
	for _, r := range it.recips {
		kind := "To"
		if v, ok := r[propRecipType]; ok && len(v.data) >= 4 {
			if name, ok := kinds[binary.LittleEndian.Uint32(v.data)]; ok {
				kind = name
			}
		}
		text := r.str(propDisplayName)
		if addr := firstOf(r.str(propSMTPAddress), r.str(propEmailAddress)); strings.Contains(addr, "@") {
			text = strings.TrimSpace(text + " <" + addr + ">")
		}
		if err := field(kind, text); err != nil {
			return err
		}
		listed = listed || strings.TrimSpace(text) != ""
	}
	if !listed {
		// Only the display lists, as a message saved without its
		// recipient table has.
		for _, d := range []struct {
			id   uint16
			name string
		}{{propDisplayTo, "To"}, {propDisplayCc, "Cc"}, {propDisplayBcc, "Bcc"}} {
			if err := field(d.name, p.str(d.id)); err != nil {
				return err
			}
		}
	}
	if err := field("Subject", p.str(propSubject)); err != nil {
		return err
	}
	if body := p.str(propBody); strings.TrimSpace(body) != "" {
		if err := m.text(strings.NewReader(body), -1, 0); err != nil {
			return err
		}
	} else if v, ok := p[propBodyHTML]; ok {
		if htmlTable(v.data) {
			if err := m.member("body.html", bytes.NewReader(v.data)); err != nil {
				return err
			}
		} else if err := m.text(htmlText(bytes.NewReader(v.data)), -1, 0); err != nil {
			return err
		}
	}
	if h := p.str(propInternetHdrs); strings.TrimSpace(h) != "" {
		if err := m.text(strings.NewReader(h), -1, 0); err != nil {
			return err
		}
	}
	for i, a := range it.attachs {
		name := firstOf(a.props.str(propAttachLong), a.props.str(propAttachName))
		if name == "" {
			name = "attachment-" + strconv.Itoa(i+1)
		}
		switch {
		case a.message != nil:
			// An attached message (forwarded as an attachment, a
			// phishing report) is a message of its own: its record is
			// its parent's with ",attached=N", its attachments are
			// named under the attachment's name.
			safe, _ := archive.SafeName(name, "attachment")
			sub := &msg{in: m.in, lim: m.lim, emit: m.emit, record: attachedRecord(m.record, i+1),
				prefix: m.prefix + safe + "/", members: m.members}
			err := sub.item(ctx, a.message)
			m.members, m.any, m.emitErr = sub.members, m.any || sub.any, m.emitErr || sub.emitErr
			if err != nil {
				return err
			}
		case a.embedded:
			where := ""
			if m.prefix != "" {
				where = m.where() + ": "
			}
			m.in.Warning(fmt.Sprintf("%sattachment %q is an attached Outlook message or object; not scanned", where, name))
		case a.data == nil:
			// A link or a reference: no bytes to scan.
		default:
			if err := m.member(name, a.data); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// attachedRecord is the record of the n-th attachment of the message
// whose record is parent, when that attachment is a message.
func attachedRecord(parent string, n int) string {
	sep := "#"
	if strings.Contains(parent, "#") {
		sep = ","
	}
	return parent + sep + "attached=" + strconv.Itoa(n)
}
