package email

import (
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
)

// maxMIMEDepth bounds the nesting of multipart entities. Each level is a
// reader every byte of the message passes through, so a message of
// 20,000 nested multiparts (1.4 MB) took two minutes; real mail nests a
// few levels (a forwarded message with attachments, in a digest).
const maxMIMEDepth = 100

// parts walks a message's leaf parts as go-message's mail.Reader does
// (whose NextPart nests without bound): a message that is not multipart
// is its own single part.
type parts struct {
	Header mail.Header
	stack  []message.MultipartReader
}

// newParts reads the message header from r. Like mail.CreateReader it
// returns a usable reader with an error verifying
// message.IsUnknownCharset, and nil for any other error.
func newParts(r io.Reader) (*parts, error) {
	e, err := message.Read(r)
	if err != nil && !message.IsUnknownCharset(err) {
		return nil, err
	}
	mr := e.MultipartReader()
	if mr == nil {
		var h message.Header
		h.Set("Content-Type", "multipart/mixed")
		me, _ := message.NewMultipart(h, []*message.Entity{e})
		mr = me.MultipartReader()
	}
	return &parts{Header: mail.Header{Header: e.Header}, stack: []message.MultipartReader{mr}}, err
}

// next returns the next leaf part, or io.EOF.
func (p *parts) next() (*mail.Part, error) {
	for len(p.stack) > 0 {
		mr := p.stack[len(p.stack)-1]
		e, err := mr.NextPart()
		if err == io.EOF {
			p.stack = p.stack[:len(p.stack)-1]
			continue
		}
		if err != nil && !message.IsUnknownCharset(err) {
			return nil, err
		}
		if pmr := e.MultipartReader(); pmr != nil {
			if len(p.stack) >= maxMIMEDepth {
				return nil, fmt.Errorf("multipart entities nested deeper than %d levels", maxMIMEDepth)
			}
			p.stack = append(p.stack, pmr)
			continue
		}
		part := &mail.Part{Body: e.Body}
		t, _, _ := e.Header.ContentType()
		disp, _, _ := e.Header.ContentDisposition()
		if disp == "inline" || disp != "attachment" && strings.HasPrefix(t, "text/") {
			part.Header = &mail.InlineHeader{Header: e.Header}
		} else {
			part.Header = &mail.AttachmentHeader{Header: e.Header}
		}
		return part, err
	}
	return nil, io.EOF
}
