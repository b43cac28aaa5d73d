// Package ldif extracts directory exports in LDIF (RFC 2849): what
// ldifde, ldapsearch and slapcat write of Active Directory or an LDAP
// server, every account of a company with its people's names, phones,
// addresses and, at times, password hashes.
//
// Each entry (the lines between blank lines, from "dn:") is the record
// "path#entry=N"; each attribute value is a segment whose Field is the
// attribute's name, the short ones glossed ("sn (surname)", "l (city)";
// see columns.DirectoryName), options dropped ("cn;lang-en" is "cn").
// Folded lines are unfolded; base64 values ("attr:: ...") are decoded,
// and those that are not text (photos, certificates, SIDs) skipped, as
// are URL references ("attr:< file://..."). A value on one line of the
// file, written as is, carries its byte offset.
package ldif

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// Extractor reads LDIF files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "ldif" }

// Accepts implements scan.Extractor: an .ldif or .ldf name, or a head
// that starts (after comments) with "version: 1" or "dn:".
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".ldif", ".ldf":
		return true
	}
	h := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for bytes.HasPrefix(h, []byte("#")) {
		i := bytes.IndexByte(h, '\n')
		if i < 0 {
			return false
		}
		h = h[i+1:]
	}
	h = bytes.TrimLeft(h, "\r\n")
	lower := bytes.ToLower(h[:min(len(h), 12)])
	return bytes.HasPrefix(lower, []byte("dn:")) || bytes.HasPrefix(lower, []byte("version: 1")) && bytes.Contains(bytes.ToLower(h), []byte("\ndn:"))
}

// skip are attributes that hold no personal data worth scanning, or
// binary data under a text name.
var skip = map[string]bool{"objectclass": true, "objectcategory": true, "objectguid": true, "objectsid": true,
	"usnchanged": true, "usncreated": true, "whenchanged": true, "whencreated": true, "dscorepropagationdata": true,
	"instancetype": true, "useraccountcontrol": true, "version": true, "changetype": true, "control": true,
	"jpegphoto": true, "thumbnailphoto": true, "photo": true, "usercertificate": true, "mssfu30objectsid": true}

// maxLine bounds one logical line (a value and its folds); the rest of
// a longer one is not read, with a warning.
const maxLine = 1 << 20

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	var off int64 // offset of the next physical line
	entry := 0
	var cur []byte   // the logical line being gathered
	var curOff int64 // where it starts
	folded := false  // it spans several physical lines
	long := false    // it was cut at maxLine
	comment := false // it is a comment (folds of a comment are comment)
	warned := 0
	flush := func() error {
		if cur == nil {
			return nil
		}
		text, at, wasFolded, wasLong := cur, curOff, folded, long
		cur, folded, long = nil, false, false
		if wasLong && warned < 10 {
			warned++
			in.Warning(fmt.Sprintf("line at byte %d longer than %d bytes; the rest of it was not scanned", at, maxLine))
		}
		if comment {
			return nil
		}
		seg, ok := value(text, at, wasFolded || wasLong)
		if !ok {
			return nil
		}
		if strings.EqualFold(seg.Field, "dn") {
			entry++
			if entry&255 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		if skip[strings.ToLower(seg.Field)] || len(bytes.TrimSpace(seg.Text)) == 0 {
			return nil
		}
		seg.Field = columns.DirectoryName(seg.Field)
		seg.Record = in.Path
		if entry > 0 {
			seg.Record = in.Path + "#entry=" + strconv.Itoa(entry)
		}
		return emit(seg)
	}
	for {
		raw, err := br.ReadSlice('\n')
		if len(raw) > 0 {
			start := off
			off += int64(len(raw))
			line := bytes.TrimRight(raw, "\r\n")
			switch {
			case cur != nil && len(line) > 0 && line[0] == ' ':
				// A fold: the line goes on after its first space.
				if len(cur)+len(line)-1 > maxLine {
					long = true
				} else {
					cur = append(cur, line[1:]...)
				}
				folded = true
			default:
				if ferr := flush(); ferr != nil {
					return ferr
				}
				comment = len(line) > 0 && line[0] == '#'
				if len(line) > 0 {
					cur = append(make([]byte, 0, len(line)), line[:min(len(line), maxLine)]...)
					curOff, long = start, len(line) > maxLine
				}
			}
			for errors.Is(err, bufio.ErrBufferFull) {
				// The rest of a very long physical line.
				raw, err = br.ReadSlice('\n')
				off += int64(len(raw))
				rest := bytes.TrimRight(raw, "\r\n")
				if cur != nil && len(cur)+len(rest) <= maxLine {
					cur = append(cur, rest...)
				} else if cur != nil {
					long = true
				}
				folded = true // offsets of a value read in pieces are not kept
			}
		}
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
	}
}

// value parses one logical line, "attr: value", "attr:: base64" or
// "attr:< url", into a segment named by the attribute (its options
// dropped), with the value's offset when the line was read whole and the
// value is written as is.
func value(line []byte, at int64, folded bool) (scan.Segment, bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return scan.Segment{}, false
	}
	attr := string(line[:i])
	if j := strings.IndexByte(attr, ';'); j > 0 {
		attr = attr[:j]
	}
	if strings.ContainsAny(attr, " \t") {
		return scan.Segment{}, false // not an attribute line
	}
	rest := line[i+1:]
	seg := scan.Segment{Field: attr, Offset: -1}
	switch {
	case len(rest) > 0 && rest[0] == ':':
		dec, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(rest[1:])))
		if err != nil || !utf8.Valid(dec) || bytes.IndexByte(dec, 0) >= 0 {
			return scan.Segment{}, false // binary: a photo, a SID, a certificate
		}
		seg.Text = dec
	case len(rest) > 0 && rest[0] == '<':
		return scan.Segment{}, false // a reference to a file, not its content
	default:
		v := bytes.TrimLeft(rest, " ")
		seg.Text = bytes.Clone(v)
		if !folded {
			seg.Offset = at + int64(len(line)-len(v))
		}
	}
	return seg, true
}
