// Package vcard extracts contact cards (.vcf, vCard 2.1, 3.0 and 4.0,
// RFC 6350), the format phones, mail programs and CRMs export address
// books in: every card is a person, every property a labelled value.
//
// Each property value becomes a segment whose Field is what the
// property holds ("full name", "name", "tel", "email", "address",
// "bday", or the property's own name for the others, X-SSN included), in
// the record "path#card=N". Folded lines are unfolded, quoted-printable
// values (vCard 2.1) decoded, and structured values written as a person
// would: N "Souza;Ana;;;" as "Ana Souza", ADR as "street, city, region
// postcode". A value that is one line of the file, as written, carries
// its byte offset; an address written on one line without escapes maps
// each of its bytes to its part in the file.
package vcard

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads vCard files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "vcard" }

// Accepts implements scan.Extractor: a .vcf or .vcard name, or a head
// that starts with BEGIN:VCARD.
func (Extractor) Accepts(name string, head []byte) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".vcf") || strings.HasSuffix(n, ".vcard") {
		return true
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	return len(h) >= 11 && strings.EqualFold(string(h[:11]), "BEGIN:VCARD")
}

// fields name the properties whose meaning a column header would carry.
var fields = map[string]string{
	"FN": "full name", "N": "name", "TEL": "tel", "EMAIL": "email", "ADR": "address",
	"BDAY": "bday", "NOTE": "", "LABEL": "address", "NICKNAME": "nickname", "ORG": "organization",
	"TITLE": "title", "URL": "url", "ANNIVERSARY": "anniversary", "GENDER": "gender",
}

// skip are properties that hold no personal data worth scanning (or
// binary data).
var skip = map[string]bool{"BEGIN": true, "END": true, "VERSION": true, "PHOTO": true, "LOGO": true,
	"SOUND": true, "KEY": true, "PRODID": true, "REV": true, "UID": true, "X-ABUID": true, "CLIENTPIDMAP": true}

// line is one unfolded content line and where it starts in the file.
type line struct {
	text   string
	off    int64
	folded bool
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	var off int64
	var cur *line
	card, inCard := 0, false
	flush := func() error {
		if cur == nil {
			return nil
		}
		l := *cur
		cur = nil
		name, params, value, ok := split(l.text)
		if !ok {
			return nil
		}
		switch {
		case name == "BEGIN" && strings.EqualFold(value, "VCARD"):
			card++
			inCard = true
			return ctx.Err()
		case name == "END":
			inCard = false
			return nil
		case !inCard || skip[name]:
			return nil
		}
		return property(in.Path, card, name, params, value, l, emit)
	}
	for {
		raw, err := br.ReadBytes('\n')
		if len(raw) > 0 {
			text := strings.TrimRight(string(raw), "\r\n")
			if cur != nil && strings.HasSuffix(cur.text, "=") && strings.Contains(strings.ToUpper(cur.text), "QUOTED-PRINTABLE") {
				// vCard 2.1 quoted-printable soft line break: the next
				// line goes on as it is.
				cur.text = cur.text[:len(cur.text)-1] + text
				cur.folded = true
			} else if cur != nil && len(text) > 0 && (text[0] == ' ' || text[0] == '\t') {
				// A folded line goes on after its first blank.
				cur.text += text[1:]
				cur.folded = true
			} else {
				if ferr := flush(); ferr != nil {
					return ferr
				}
				cur = &line{text: text, off: off}
			}
			off += int64(len(raw))
		}
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return err
		}
	}
}

// split parses "GROUP.NAME;PARAM=V;PARAM:value".
func split(s string) (name, params, value string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", "", "", false
	}
	head := s[:i]
	value = s[i+1:]
	if j := strings.IndexByte(head, ';'); j >= 0 {
		head, params = head[:j], head[j+1:]
	}
	if j := strings.LastIndexByte(head, '.'); j >= 0 {
		head = head[j+1:] // item1.TEL
	}
	return strings.ToUpper(strings.TrimSpace(head)), params, value, true
}

// property emits one property's value.
func property(path string, card int, name, params, value string, l line, emit func(scan.Segment) error) error {
	up := strings.ToUpper(params)
	exact := !l.folded
	raw := value
	if strings.Contains(up, "QUOTED-PRINTABLE") {
		if b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(value))); err == nil {
			value, exact = string(b), false
		}
	}
	if strings.Contains(up, "ENCODING=B") || strings.Contains(up, "BASE64") {
		return nil // inline binary (a photo under another name)
	}
	field, known := fields[name]
	if !known {
		field = strings.ToLower(name)
	}
	switch name {
	case "N":
		// Family;Given;Additional;Prefix;Suffix
		p := unescape(strings.Split(value, ";"))
		value = strings.Join(nonEmpty(at(p, 3), at(p, 1), at(p, 2), at(p, 0), at(p, 4)), " ")
		exact = false
	case "ADR":
		// PO box;extended;street;locality;region;postcode;country
		p := unescape(strings.Split(value, ";"))
		country := at(p, 6)
		switch strings.ToUpper(strings.ReplaceAll(country, ".", "")) {
		case "US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA":
			country = "" // a US address reads, and parses, as "City, ST 12345"
		}
		value = strings.Join(nonEmpty(strings.Join(nonEmpty(at(p, 0), at(p, 1), at(p, 2)), " "), at(p, 3),
			strings.Join(nonEmpty(at(p, 4), at(p, 5)), " "), country), ", ")
		if exact && !strings.Contains(raw, `\`) {
			// Written on one line without escapes: each byte of the
			// address maps to its part in the file.
			base := l.off + int64(strings.IndexByte(l.text, ':')+1)
			if at := adrOffsets(raw, value, country != "", base); at != nil {
				seg := scan.Segment{Text: []byte(value), Offset: -1, OffsetAt: at, Field: field, Record: fmt.Sprintf("%s#card=%d", path, card)}
				return emit(seg)
			}
		}
		exact = false
	default:
		if u := unescapeOne(value); u != value {
			value, exact = u, false
		}
	}
	if strings.TrimSpace(value) == "" {
		return nil
	}
	seg := scan.Segment{Text: []byte(value), Offset: -1, Field: field, Record: fmt.Sprintf("%s#card=%d", path, card)}
	if exact {
		seg.Offset = l.off + int64(strings.IndexByte(l.text, ':')+1)
	}
	return emit(seg)
}

func at(p []string, i int) string {
	if i < len(p) {
		return strings.TrimSpace(p[i])
	}
	return ""
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func unescape(p []string) []string {
	for i := range p {
		p[i] = unescapeOne(p[i])
	}
	return p
}

// unescapeOne undoes vCard's backslash escapes (\, \; \n).
func unescapeOne(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	r := strings.NewReplacer(`\n`, "\n", `\N`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`)
	return r.Replace(s)
}

// adrOffsets maps the address built from an ADR value written as raw at
// the file offset base back to raw: a part's bytes to themselves, the
// blank or comma put between two parts to where the first ends. It
// returns nil when the parts, joined so, do not give value.
func adrOffsets(raw, value string, country bool, base int64) func(int) int64 {
	var starts []int // where each part, its blanks trimmed, starts in raw
	var parts []string
	for i := 0; ; {
		j := strings.IndexByte(raw[i:], ';')
		p := raw[i:]
		if j >= 0 {
			p = raw[i : i+j]
		}
		t := strings.TrimSpace(p)
		starts = append(starts, i+strings.Index(p, t))
		parts = append(parts, t)
		if j < 0 {
			break
		}
		i += j + 1
	}
	groups := [][]int{{0, 1, 2}, {3}, {4, 5}}
	if country {
		groups = append(groups, []int{6})
	}
	var b []byte
	var offs []int64
	end := int64(0)
	put := func(sep string, k int) {
		at := base + int64(starts[k])
		for i := range sep {
			b = append(b, sep[i])
			offs = append(offs, end) // a value that ends before it ends with the part before
		}
		for i := range len(parts[k]) {
			b = append(b, parts[k][i])
			offs = append(offs, at+int64(i))
		}
		end = at + int64(len(parts[k]))
	}
	gsep := ""
	for _, g := range groups {
		sep := gsep
		for _, k := range g {
			if k >= len(parts) || parts[k] == "" {
				continue
			}
			put(sep, k)
			sep, gsep = " ", ", "
		}
	}
	if string(b) != value {
		return nil
	}
	offs = append(offs, end)
	return func(i int) int64 {
		if i < 0 {
			return -1
		}
		return offs[min(i, len(offs)-1)]
	}
}
