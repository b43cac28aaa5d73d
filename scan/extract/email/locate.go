package email

import (
	"bytes"
	"strings"

	"github.com/emersion/go-message/mail"
)

// Locating a text part's body in an .eml: a part of a multipart message,
// or one sent in quoted-printable, is not a byte copy of the file from a
// known offset, but its decoded text can be found in the raw message
// from where the previous part ended, and its findings then carry the
// file's offsets as a single plain part's do.

// Ways a text part's body is written in the file.
const (
	asIs            = iota + 1 // 7bit, 8bit or binary, in UTF-8 or US-ASCII
	quotedPrintable            // quoted-printable, in UTF-8 or US-ASCII
	maxAnchorTries  = 64       // places in the message tried for one piece
)

// bodyForm returns how a text part's body is written (asIs or
// quotedPrintable), or 0 when its decoded text cannot be mapped back (a
// base64 or another charset's body).
func bodyForm(h *mail.InlineHeader) int {
	_, params, _ := h.ContentType()
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" && cs != "utf8" {
		return 0
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "", "7bit", "8bit", "binary":
		return asIs
	case "quoted-printable":
		return quotedPrintable
	}
	return 0
}

// locate finds the decoded piece dec of a part written as form in the
// raw message, at or after m.cur, and moves m.cur past it. It returns the
// piece's offset when it is a byte copy, or a function mapping each
// index of dec to its offset; -1 and nil when it is not found.
func (m *msg) locate(dec []byte, form int) (int64, func(int) int64) {
	if m.raw == nil || len(dec) == 0 {
		return -1, nil
	}
	raw := m.raw.buf.Bytes()
	if m.cur == 0 {
		m.cur = max(headerLines(raw, func(int, []byte) bool { return true }), 0)
	}
	if m.cur > len(raw) {
		return -1, nil
	}
	if form == asIs {
		i := bytes.Index(raw[m.cur:], dec)
		if i < 0 {
			return -1, nil
		}
		off := m.cur + i
		m.cur = off + len(dec)
		return int64(off), nil
	}
	anchor := qpAnchor(dec)
	for from, tries := m.cur, 0; tries < maxAnchorTries; tries++ {
		i := bytes.Index(raw[from:], anchor)
		if i < 0 {
			break
		}
		if offs := qpOffsets(raw, from+i, dec); offs != nil {
			m.cur = offs[len(offs)-1]
			return -1, func(k int) int64 {
				if k < 0 {
					return -1
				}
				return int64(offs[min(k, len(offs)-1)])
			}
		}
		from += i + 1
	}
	return -1, nil
}

// qpAnchor is the quoted-printable form of the first bytes of dec, up to
// the first blank or line end, to search the raw message for.
func qpAnchor(dec []byte) []byte {
	var a []byte
	for i := 0; i < len(dec) && i < 8; i++ {
		c := dec[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if len(a) > 0 {
				return a
			}
			return dec[:1]
		case c > ' ' && c < 0x7F && c != '=':
			a = append(a, c)
		default:
			a = append(a, '=', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
		}
	}
	return a
}

// qpOffsets decodes quoted-printable text from raw[p:] until it has
// produced dec, and returns the offset of each byte of dec and, last,
// where the decoded text ends in raw; nil when raw[p:] does not decode to
// dec. Soft line breaks and the blanks that end an encoded line produce
// nothing, as in the decoder that made dec.
func qpOffsets(raw []byte, p int, dec []byte) []int {
	offs := make([]int, 0, len(dec)+1)
	i := p
	for j := 0; j < len(dec); {
		if i >= len(raw) {
			return nil
		}
		switch c := raw[i]; {
		case c == '=':
			k := i + 1
			for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t') {
				k++
			}
			if k < len(raw) && raw[k] == '\n' {
				i = k + 1
				continue
			}
			if k+1 < len(raw) && raw[k] == '\r' && raw[k+1] == '\n' {
				i = k + 2
				continue
			}
			if i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2]) || unhex(raw[i+1])<<4|unhex(raw[i+2]) != dec[j] {
				return nil
			}
			offs = append(offs, i)
			i += 3
			j++
		case (c == ' ' || c == '\t') && dec[j] != c:
			k := i
			for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t') {
				k++
			}
			if k < len(raw) && raw[k] != '\r' && raw[k] != '\n' {
				return nil
			}
			i = k // blanks that end a line are dropped
		case c == dec[j]:
			offs = append(offs, i)
			i++
			j++
		default:
			return nil
		}
	}
	return append(offs, i)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
