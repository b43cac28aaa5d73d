// Package email extracts e-mail messages: single messages (.eml, RFC 5322)
// with EML, Apple Mail's .emlx with EMLX, and mailboxes (.mbox, mboxo/mboxrd) with MBOX, using
// github.com/emersion/go-message, Outlook messages (.msg) with MSG, from
// their MAPI properties (see msg.go), Outlook data files (.pst, .ost)
// with PST over github.com/mooijtech/go-pst (see pst.go; an Outlook item
// of either is emitted by mapi.go, a contact's person as named fields),
// and the winmail.dat in which Outlook wraps attachments with TNEF (see
// tnef.go).
//
// Each message yields its address and subject headers as segments (Field
// "From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Subject", ...; encoded
// words decoded; then the X-From/X-To lists of archives, resent and
// envelope recipients, and the "for" address of Received headers), then its text/plain and text/html bodies, decoded from
// quoted-printable or base64 and converted to UTF-8, HTML reduced to its
// text, in pieces of about 256 kB cut at line ends (an HTML body laid out
// as a table of several rows goes to the pipeline as "body-N.html", read
// as HTML with its header row naming its columns). Attachments (and
// inline parts that are not text) go back to the pipeline through
// Input.Member as "mail.eml!/file.pdf" or, in a mailbox,
// "box.mbox!/msg-3/file.pdf"; forwarded messages as "message-N.eml".
//
// Records: a message of an .eml is its path; message N (1-based) of a
// mailbox is "path#msg=N". Offsets are -1, except in an .eml for the
// headers written on one line and not encoded, and for text parts in
// UTF-8 or US-ASCII sent as 7bit, 8bit, binary or quoted-printable
// within the message's first 4 MiB: their segments carry the byte
// offsets, in the file, of what they were decoded from.
//
// A message that cannot be parsed is reported with Input.Warn and, in a
// mailbox, the next message is read.
package email

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	"github.com/breachkit/breachkit/scan/extract/archive"
	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // non-UTF-8 charsets
	"github.com/emersion/go-message/mail"
	"golang.org/x/net/html"
)

// headerFields are the headers emitted as segments, in this order.
var headerFields = []string{"From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Delivered-To", "Return-Path", "Subject"}

// extraHeaders are further headers that carry people's names and
// addresses, emitted after headerFields in the message's order (lower
// case).
var extraHeaders = map[string]bool{"x-from": true, "x-to": true, "x-cc": true, "x-bcc": true, "x-original-to": true,
	"x-original-from": true, "resent-from": true, "resent-to": true, "resent-cc": true, "resent-bcc": true,
	"resent-sender": true, "x-sender": true, "x-receiver": true, "envelope-to": true, "x-envelope-to": true,
	"x-envelope-from": true, "disposition-notification-to": true, "return-receipt-to": true, "errors-to": true,
	"x-forwarded-to": true, "received": true}

// receivedFor returns the recipient a Received header names ("... for
// <ana.souza@example.com>; Tue, 1 Oct ..."), or "".
func receivedFor(v string) string {
	i := strings.Index(strings.ToLower(v), " for ")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(v[i+5:])
	if j := strings.IndexAny(rest, "; \t\r\n"); j >= 0 {
		rest = rest[:j]
	}
	rest = strings.Trim(rest, "<>")
	if !strings.Contains(rest, "@") {
		return ""
	}
	return rest
}

// chunk is the size past which body text is emitted, at a line end.
const chunk = 256 << 10

// EML reads one RFC 5322 message. The zero value is ready.
type EML struct{}

// Format implements scan.Extractor.
func (EML) Format() string { return "eml" }

// Accepts implements scan.Extractor: an .eml name, or a head that starts
// with a mail header and has a From: or Subject: header.
func (EML) Accepts(name string, head []byte) bool {
	if strings.HasSuffix(strings.ToLower(name), ".eml") {
		return true
	}
	lower := strings.ToLower(string(head))
	starts := false
	for _, h := range []string{"received:", "return-path:", "delivered-to:", "from:", "to:", "date:", "message-id:", "mime-version:", "subject:", "x-"} {
		if strings.HasPrefix(lower, h) {
			starts = true
		}
	}
	return starts && (strings.Contains(lower, "\nfrom:") || strings.HasPrefix(lower, "from:") || strings.Contains(lower, "\nsubject:"))
}

// Extract implements scan.Extractor.
func (EML) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	tee := &capped{max: 4 << 20}
	m := &msg{in: in, lim: archive.EffectiveLimits(in.Limits), emit: emit, record: in.Path, raw: tee}
	err := m.read(ctx, io.TeeReader(in.R, tee))
	if m.emitErr || ctx.Err() != nil {
		return err
	}
	if err != nil {
		if m.any {
			in.Warning("message read partly: " + err.Error())
			return nil
		}
		return fmt.Errorf("malformed message: %v", err)
	}
	return nil
}

// MBOX reads a mailbox of messages separated by "From " lines. The zero
// value is ready.
type MBOX struct{}

// Format implements scan.Extractor.
func (MBOX) Format() string { return "mbox" }

// Accepts implements scan.Extractor: an .mbox or .mbx name, or a head
// starting with a "From " line followed by a header.
func (MBOX) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".mbox") || strings.HasSuffix(lower, ".mbx") {
		return true
	}
	if !bytes.HasPrefix(head, []byte("From ")) {
		return false
	}
	i := bytes.IndexByte(head, '\n')
	if i < 0 {
		return false
	}
	next := head[i+1:]
	j := bytes.IndexByte(next, ':')
	return j > 0 && !bytes.ContainsAny(next[:j], " \t\r\n")
}

// Extract implements scan.Extractor.
func (MBOX) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	sp := &splitter{br: bufio.NewReaderSize(in.R, 64<<10)}
	if !sp.start() {
		return errors.New("not an mbox: no \"From \" line at the start")
	}
	lim := archive.EffectiveLimits(in.Limits)
	members := 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		mr := sp.next()
		m := &msg{in: in, lim: lim, emit: emit, record: fmt.Sprintf("%s#msg=%d", in.Path, n),
			prefix: fmt.Sprintf("msg-%d/", n), members: members}
		err := m.read(ctx, mr)
		members = m.members
		if m.emitErr || ctx.Err() != nil {
			return err
		}
		if err != nil {
			in.Warning(fmt.Sprintf("message %d: malformed: %v", n, err))
		}
		if _, err := io.Copy(io.Discard, mr); err != nil {
			return fmt.Errorf("reading mailbox: %w", err)
		}
		if sp.err != nil {
			return fmt.Errorf("reading mailbox: %w", sp.err)
		}
		if !sp.more {
			return nil
		}
	}
}

// msg reads one message.
type msg struct {
	in      *scan.Input
	lim     scan.Limits
	emit    func(scan.Segment) error
	emitErr bool
	record  string
	prefix  string  // member name prefix in a mailbox
	raw     *capped // the file's first bytes, for .eml offsets
	cur     int     // where in raw the next text part's body is looked for
	members int     // members handed so far (in the source)
	names   map[string]int
	any     bool // something was emitted or handed
}

// send emits a segment, remembering whether emit failed.
func (m *msg) send(seg scan.Segment) error {
	m.any = true
	if err := m.emit(seg); err != nil {
		m.emitErr = true
		return err
	}
	return nil
}

// read parses the message from r.
func (m *msg) read(ctx context.Context, r io.Reader) error {
	mr, err := newParts(r)
	if mr == nil {
		return err
	}
	if err != nil {
		m.in.Warning(fmt.Sprintf("%s: %v; body kept undecoded", m.where(), err))
	}
	for _, key := range headerFields {
		for _, v := range mr.Header.Values(key) {
			text := decodeHeader(v)
			if strings.TrimSpace(text) == "" {
				continue
			}
			if err := m.send(scan.Segment{Text: []byte(text), Offset: m.headerOffset(key, text), Field: key, Record: m.record}); err != nil {
				return err
			}
		}
	}
	// Other headers that name people: archives' X-From/X-To lists, the
	// original and resent recipients, the envelope, and the address a
	// Received header says the message was for.
	fields := mr.Header.Fields()
	for fields.Next() {
		key := fields.Key()
		lk := strings.ToLower(key)
		if !extraHeaders[lk] {
			continue
		}
		text := decodeHeader(fields.Value())
		if lk == "received" {
			text, key = receivedFor(text), "Received for"
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		off := int64(-1)
		if lk != "received" {
			off = m.headerOffset(key, text)
		}
		if err := m.send(scan.Segment{Text: []byte(text), Offset: off, Field: key, Record: m.record}); err != nil {
			return err
		}
	}
	offset := m.bodyOffset(&mr.Header)
	for part := 0; ; part++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := mr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil && !message.IsUnknownCharset(err) {
			return fmt.Errorf("MIME structure: %v", err)
		}
		if err != nil {
			m.in.Warning(fmt.Sprintf("%s: part %d: %v; kept undecoded", m.where(), part+1, err))
			offset = -1
		}
		if err := m.part(p, part, offset); err != nil {
			return err
		}
	}
}

// where names the message in warnings.
func (m *msg) where() string {
	if m.prefix == "" {
		return "message"
	}
	return "message " + strings.TrimSuffix(strings.TrimPrefix(m.prefix, "msg-"), "/")
}

// decodeHeader decodes RFC 2047 encoded words, keeping the raw value when
// they are broken.
func decodeHeader(v string) string {
	dec := mime.WordDecoder{CharsetReader: message.CharsetReader}
	if s, err := dec.DecodeHeader(v); err == nil {
		return s
	}
	return v
}

// headerOffset is where the value text of the header key starts in an
// .eml, when the file holds it as is: on the header's own line, neither
// folded nor encoded (RFC 2047). Otherwise it returns -1.
func (m *msg) headerOffset(key, text string) int64 {
	if m.raw == nil || text == "" {
		return -1
	}
	at := int64(-1)
	headerLines(m.raw.buf.Bytes(), func(p int, line []byte) bool {
		if len(line) > len(key) && line[len(key)] == ':' && strings.EqualFold(string(line[:len(key)]), key) {
			v := bytes.TrimLeft(line[len(key)+1:], " \t")
			if string(bytes.TrimRight(v, " \t")) == text {
				at = int64(p + len(line) - len(v))
				return false
			}
		}
		return true
	})
	return at
}

// headerLines calls f with each line of the header at the start of b
// (its line end cut off) and the line's offset, until f returns false or
// the empty line that ends the header. It returns where the body starts,
// or -1 when b ends first or f stopped.
func headerLines(b []byte, f func(p int, line []byte) bool) int {
	for p := 0; p < len(b); {
		e := bytes.IndexByte(b[p:], '\n')
		if e < 0 {
			return -1
		}
		line := bytes.TrimSuffix(b[p:p+e], []byte("\r"))
		if len(line) == 0 {
			return p + e + 1
		}
		if !f(p, line) {
			return -1
		}
		p += e + 1
	}
	return -1
}

// bodyOffset is where the body of a plain, unencoded UTF-8 .eml starts in
// the file, or -1.
func (m *msg) bodyOffset(h *mail.Header) int64 {
	if m.raw == nil {
		return -1
	}
	t, params, err := h.ContentType()
	if err != nil && h.Get("Content-Type") != "" {
		return -1
	}
	if t != "" && t != "text/plain" {
		return -1
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" && cs != "utf8" {
		return -1
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "", "7bit", "8bit", "binary":
	default:
		return -1
	}
	// The body starts after the first empty line (CRLF or LF ends).
	return int64(headerLines(m.raw.buf.Bytes(), func(int, []byte) bool { return true }))
}

// part handles one leaf part of the message.
func (m *msg) part(p *mail.Part, n int, offset int64) error {
	switch h := p.Header.(type) {
	case *mail.InlineHeader:
		t, _, _ := h.ContentType()
		switch {
		case t == "text/html":
			// A body laid out as a table (a report mailed as HTML, a
			// list of customers) is scanned as an HTML file of its own,
			// so that its header row names its columns and each row is
			// a record; other HTML bodies are read as text.
			br := bufio.NewReaderSize(p.Body, 16<<10)
			head, _ := br.Peek(16 << 10)
			if htmlTable(head) {
				return m.member(fmt.Sprintf("body-%d.html", n+1), br)
			}
			return m.text(htmlText(br), -1, 0)
		case t == "" || strings.HasPrefix(t, "text/"):
			return m.text(p.Body, offset, bodyForm(h))
		}
		return m.member(partName(&h.Header, n), p.Body)
	case *mail.AttachmentHeader:
		name, _ := h.Filename()
		if name == "" {
			name = partName(&h.Header, n)
		}
		return m.member(name, p.Body)
	}
	return nil
}

// partName names a part that has no file name, after its type.
func partName(h *message.Header, n int) string {
	t, _, _ := h.ContentType()
	if t == "message/rfc822" {
		return fmt.Sprintf("message-%d.eml", n+1)
	}
	ext := ""
	if exts, _ := mime.ExtensionsByType(t); len(exts) > 0 {
		ext = exts[0]
	}
	return fmt.Sprintf("part-%d%s", n+1, ext)
}

// text emits body text in pieces cut at line ends; offset, when not -1,
// is where the text starts in the source (it is a byte copy). Otherwise
// a piece of a body written in form (asIs, quotedPrintable) is looked
// for in an .eml's raw message (see locate).
func (m *msg) text(r io.Reader, offset int64, form int) error {
	br := bufio.NewReaderSize(r, 16<<10) // messages are many and mostly small
	var buf []byte
	pos := offset
	rows := 0 // rows of registers read so far
	flush := func() error {
		if lines := strings.Split(string(buf), "\n"); len(lines) > 3 {
			// A register pasted into the message: by rows, its dates of
			// birth and SSNs named by their columns.
			if _, ok := columns.FindRowTable(lines); ok {
				k, err := columns.EmitLines(lines, m.record, 0, rows, m.send)
				rows += k
				if pos >= 0 {
					pos += int64(len(buf))
				}
				buf = buf[:0]
				return err
			}
		}
		if len(bytes.TrimSpace(buf)) > 0 {
			seg := scan.Segment{Text: bytes.Clone(buf), Offset: -1, Record: m.record}
			if pos >= 0 {
				seg.Offset = pos
			} else if form != 0 {
				seg.Offset, seg.OffsetAt = m.locate(seg.Text, form)
			}
			if err := m.send(seg); err != nil {
				return err
			}
		}
		if pos >= 0 {
			pos += int64(len(buf))
		}
		buf = buf[:0]
		return nil
	}
	for {
		line, err := br.ReadSlice('\n')
		buf = append(buf, line...)
		if len(buf) >= chunk && (err == nil || err == io.EOF) {
			if ferr := flush(); ferr != nil {
				return ferr
			}
		} else if len(buf) >= 4*chunk { // a very long line
			if ferr := flush(); ferr != nil {
				return ferr
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			if ferr := flush(); ferr != nil {
				return ferr
			}
			m.in.Warning(fmt.Sprintf("%s: body read partly: %v", m.where(), err))
			return nil
		}
	}
}

// member hands an attachment to the pipeline.
func (m *msg) member(name string, r io.Reader) error {
	safe, ok := archive.SafeName(name, "attachment")
	if !ok {
		m.in.Warning(fmt.Sprintf("%s: attachment %q has an unsafe name; scanned as %q", m.where(), name, safe))
	}
	if m.names == nil {
		m.names = map[string]int{}
	}
	if m.names[safe]++; m.names[safe] > 1 {
		ext := ""
		if i := strings.LastIndexByte(safe, '.'); i > 0 && !strings.Contains(safe[i:], "/") {
			safe, ext = safe[:i], safe[i:]
		}
		safe = fmt.Sprintf("%s-%d%s", safe, m.names[safe+ext], ext)
	}
	safe = m.prefix + safe
	if m.in.Depth >= m.lim.MaxDepth {
		m.in.Warning(fmt.Sprintf("attachment %q not scanned: nested %d levels deep (limit %d)", safe, m.in.Depth, m.lim.MaxDepth))
		return nil
	}
	if m.members >= m.lim.MaxMembers {
		if m.members == m.lim.MaxMembers {
			m.in.Warning(fmt.Sprintf("more than %d attachments; the rest were not scanned", m.lim.MaxMembers))
		}
		m.members++
		return nil
	}
	m.members++
	if m.in.Member == nil {
		return nil
	}
	m.any = true
	lr := &limited{r: r, max: m.lim.MaxMemberSize, name: safe}
	if err := m.in.Member(safe, -1, lr); err != nil {
		m.emitErr = true // the pipeline asked to stop
		return err
	}
	if lr.err != nil {
		m.in.Warning(lr.err.Error())
	}
	return nil
}

// limited fails past max bytes.
type limited struct {
	r    io.Reader
	n    int64
	max  int64
	name string
	err  error
}

// Read implements io.Reader.
func (l *limited) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if room := l.max - l.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		l.err = fmt.Errorf("%w: attachment %q is larger than the limit of %d bytes; scanned partly", archive.ErrTooLarge, l.name, l.max)
		return n - int(l.n-l.max), l.err
	}
	return n, err
}

// capped keeps the first max bytes written to it.
type capped struct {
	buf bytes.Buffer
	max int
}

// Write implements io.Writer.
func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// htmlTable reports whether an HTML body's start holds a table of
// several rows.
func htmlTable(head []byte) bool {
	h := bytes.ToLower(head)
	return bytes.Count(h, []byte("<tr")) >= 3 && bytes.Contains(h, []byte("<td"))
}

// htmlText streams the text of an HTML body: script and style dropped,
// entities decoded, block elements ending lines.
func htmlText(r io.Reader) io.Reader {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(1 << 20)
	return &htmlReader{z: z}
}

// htmlReader reads the text of an HTML document token by token.
type htmlReader struct {
	z    *html.Tokenizer
	out  []byte
	skip int
	err  error
}

// Read implements io.Reader.
func (h *htmlReader) Read(p []byte) (int, error) {
	for len(h.out) == 0 {
		if h.err != nil {
			return 0, h.err
		}
		tt := h.z.Next()
		switch tt {
		case html.ErrorToken:
			h.err = h.z.Err()
		case html.TextToken:
			if h.skip == 0 {
				h.out = append(h.out[:0], h.z.Text()...)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := h.z.TagName()
			switch string(name) {
			case "script", "style", "title":
				if tt == html.StartTagToken {
					h.skip++
				} else if tt == html.EndTagToken && h.skip > 0 {
					h.skip--
				}
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr":
				h.out = append(h.out[:0], '\n')
			case "td", "th":
				if tt == html.EndTagToken {
					h.out = append(h.out[:0], '\t')
				}
			}
		}
	}
	n := copy(p, h.out)
	h.out = h.out[n:]
	return n, nil
}

// splitter cuts a mailbox into messages at "From " lines.
type splitter struct {
	br   *bufio.Reader
	more bool  // a "From " line was seen and starts the next message
	err  error // a read error of the mailbox
}

// start skips blank lines and reports whether a "From " line follows.
func (s *splitter) start() bool {
	for {
		b, err := s.br.Peek(5)
		if err == nil && string(b) == "From " {
			s.more = true
			return true
		}
		if len(b) > 0 && (b[0] == '\n' || b[0] == '\r') {
			s.br.ReadByte()
			continue
		}
		return false
	}
}

// next consumes the "From " line and returns a reader for the message
// that follows it, up to the next "From " line, with ">From " unescaped.
func (s *splitter) next() *msgReader {
	s.more = false
	for { // skip the separator line
		_, err := s.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			s.err = err
		}
		break
	}
	return &msgReader{s: s, lineStart: true}
}

// msgReader reads one message of a mailbox.
type msgReader struct {
	s         *splitter
	cur       []byte
	lineStart bool
	done      bool
}

// Read implements io.Reader.
func (r *msgReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.done {
			return 0, io.EOF
		}
		if r.lineStart {
			if b, err := r.s.br.Peek(5); err == nil && string(b) == "From " {
				r.s.more, r.done = true, true
				return 0, io.EOF
			}
		}
		line, err := r.s.br.ReadSlice('\n')
		if r.lineStart && len(line) > 0 && line[0] == '>' {
			if t := bytes.TrimLeft(line, ">"); bytes.HasPrefix(t, []byte("From ")) {
				line = line[1:] // mboxrd: one level of quoting
			}
		}
		r.cur = append(r.cur[:0], line...)
		r.lineStart = err == nil
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			r.done = true
		} else if err != nil {
			r.s.err, r.done = err, true
		}
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// EMLX reads the messages Apple Mail stores one per file (.emlx,
// .partial.emlx): a line with the message's length in bytes, the message
// (read as EML reads it), then a property list of Mail's own flags, which
// holds no personal data and is not read.
type EMLX struct{}

// Format implements scan.Extractor.
func (EMLX) Format() string { return "emlx" }

// Accepts implements scan.Extractor: an .emlx name whose first line is a
// length.
func (EMLX) Accepts(name string, head []byte) bool {
	if !strings.HasSuffix(strings.ToLower(name), ".emlx") {
		return false
	}
	_, _, ok := emlxLength(head)
	return ok
}

// emlxLength reads the length line at the start of head: the length and
// the bytes the line takes.
func emlxLength(head []byte) (n int64, skip int, ok bool) {
	i := bytes.IndexByte(head, '\n')
	if i <= 0 || i > 20 {
		return 0, 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(head[:i])), 10, 64)
	if err != nil || v <= 0 {
		return 0, 0, false
	}
	return v, i + 1, true
}

// Extract implements scan.Extractor.
func (EMLX) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReader(in.R)
	head, _ := br.Peek(32)
	n, skip, ok := emlxLength(head)
	if !ok {
		return errors.New("not an Apple Mail message: no length line")
	}
	br.Discard(skip)
	msg := *in
	msg.R = io.LimitReader(br, n)
	msg.ReaderAt, msg.Size = nil, n
	// The message starts after the length line: its offsets move by it.
	return EML{}.Extract(ctx, &msg, func(s scan.Segment) error {
		if s.Offset >= 0 {
			s.Offset += int64(skip)
		}
		if at := s.OffsetAt; at != nil {
			s.OffsetAt = func(i int) int64 {
				if o := at(i); o >= 0 {
					return o + int64(skip)
				}
				return -1
			}
		}
		return emit(s)
	})
}
