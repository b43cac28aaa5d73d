package notify

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/emersion/go-message/mail"
)

// MessageID returns the Message-ID of a notice's email, without angle
// brackets. It is derived from the notice alone, so that every attempt
// to send the notice carries the same one and the relay's log of
// accepted messages can tell whether it got through.
func MessageID(n *breachkit.Notice, domain string) string {
	if domain == "" {
		domain = "breachkit.invalid"
	}
	return strings.ToLower(LetterID(n)) + "@" + domain
}

var messageIDRE = regexp.MustCompile(`(?i)bk(\d+)-(\d{8,})@`)

// noticeOfMessageID returns the case and notice ID a breachkit
// Message-ID names, if it is one.
func noticeOfMessageID(id string) (caseID, noticeID int64, ok bool) {
	m := messageIDRE.FindStringSubmatch(id)
	if m == nil {
		return 0, 0, false
	}
	// Base 10: the zero-padded notice number is not octal.
	caseID, err1 := strconv.ParseInt(m[1], 10, 64)
	noticeID, err2 := strconv.ParseInt(m[2], 10, 64)
	return caseID, noticeID, err1 == nil && err2 == nil
}

// composeEmail writes the letter as a plain-text email (UTF-8, quoted
// printable) from the configured sender to one recipient.
func composeEmail(cfg *EmailConfig, l *breachkit.Letter, to, messageID string, date time.Time) ([]byte, error) {
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("email.from: %w", err)
	}
	var h mail.Header
	h.SetDate(date)
	h.SetAddressList("From", []*mail.Address{from})
	h.SetAddressList("To", []*mail.Address{{Address: to}})
	subject := cfg.Subject
	if subject == "" {
		subject = l.Title
	}
	h.SetSubject(subject)
	h.SetMessageID(messageID)
	h.Set("X-Breachkit-Notice", l.ID)
	h.Set("Content-Type", "text/plain; charset=utf-8")
	var buf bytes.Buffer
	w, err := mail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte(letterPlainText(l))); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// letterPlainText sets a letter as plain text, wrapped at 72 columns.
func letterPlainText(l *breachkit.Letter) string {
	var b strings.Builder
	b.WriteString(l.Title + "\n" + l.Date + "\n\n")
	for i, bl := range l.Blocks {
		switch bl.Kind {
		case breachkit.BlockHeading:
			b.WriteString("\n" + strings.ToUpper(bl.Text) + "\n\n")
		case breachkit.BlockBullet:
			b.WriteString(wrap("  - ", "    ", bl.Text))
			if i+1 < len(l.Blocks) && l.Blocks[i+1].Kind != breachkit.BlockBullet {
				b.WriteString("\n")
			}
		case breachkit.BlockLine:
			b.WriteString(bl.Text + "\n")
		default:
			b.WriteString(wrap("", "", bl.Text) + "\n")
		}
	}
	b.WriteString("\nReference: " + l.ID + "\n")
	return b.String()
}

func wrap(first, rest, text string) string {
	var b strings.Builder
	line := first
	for _, w := range strings.Fields(text) {
		if len(line)+len(w)+1 > 72 && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = rest
		}
		line += w + " "
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
	return b.String()
}

var emailLike = regexp.MustCompile(`[^\s<>"',;:]+@[^\s<>"',;:]+`)

// scrub removes email addresses from a relay's reply before it is stored
// or shown: relays often quote the recipient ("550 <a@b.c>: no such
// user"), and a notice's detail must hold no personal values.
func scrub(s string) string {
	s = emailLike.ReplaceAllStringFunc(s, func(a string) string { return breachkit.Mask(breachkit.Email, a) })
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}
