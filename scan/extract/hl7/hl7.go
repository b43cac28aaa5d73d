// Package hl7 extracts HL7 version 2 messages: the admissions, orders,
// results and billing messages that hospital systems, labs and their
// interface engines exchange and log, one segment a line. Read as prose,
// a PID segment is a run of fields joined by "|" and "^", in which a
// birth date (19610704), a phone number written in components and a
// name written family^given are not seen for what they are.
//
// Each message starts at its MSH segment, which also declares the
// separators. The segments that describe people (PID the patient, NK1
// next of kin, GT1 guarantor, IN1/IN2 insured, MRG the merged patient)
// are read by the field positions of the HL7 2.x standard, each value a
// segment named as a column header would name it ("full name", "date of
// birth", "ssn", "medical record number"): names (XPN) and addresses
// (XAD) are written out as a person would write them, identifiers (CX)
// named by their type code (SS, MR, DL, MA…). The patient is the record
// "path#msg=N"; each other person is a record of their own
// ("path#msg=N,NK1=1"), so that people does not merge a next of kin into
// the patient. Notes and observation text belong to the patient, and
// the fields of other segments are read as text with the separators as
// blanks, in a record per segment; the care providers they name are not
// the patient. A document carried in the message (an OBX of type ED with
// base64 data: a PDF report of an MDM message) is handed back to the
// pipeline and scanned as a file of its own, "path!/msg-N-obx-K.pdf".
// Escapes (\F\, \S\, \X0D\…) are undone. A value copied as it is from
// the file carries its byte offset.
package hl7

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads HL7 v2 messages. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "hl7" }

// maxSegment bounds one segment (an observation can carry a whole
// document in base64).
const maxSegment = 64 << 20

// Accepts implements scan.Extractor: a head that starts (after a byte
// order mark, blanks or an MLLP start byte) with an MSH, FHS or BHS
// segment and its separators.
func (Extractor) Accepts(name string, head []byte) bool {
	h := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	h = bytes.TrimLeft(h, " \t\r\n\x0b")
	if len(h) < 8 {
		return false
	}
	switch string(h[:3]) {
	case "MSH", "FHS", "BHS":
	default:
		return false
	}
	// A separator, then four encoding characters, all punctuation.
	fs := h[3]
	if !punct(fs) {
		return false
	}
	for _, c := range h[4:8] {
		if !punct(c) || c == fs {
			return false
		}
	}
	return true
}

func punct(c byte) bool {
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')
}

// kind is how a field's value is read.
type kind int

const (
	kName    kind = iota + 1 // XPN: family^given^middle^suffix^prefix
	kAddress                 // XAD: street^other^city^state^zip^country
	kPhone                   // XTN: number, or its parts, and an e-mail
	kDate                    // TS/DTM: the date of YYYYMMDD[HHMM…]
	kIDs                     // CX: id^^^authority^type code
	kDL                      // DLN: number^state^expiry
	kPlain                   // the first component as it is
	kCoded                   // CE/CWE: code^text^coding system
)

// spec is one field of a person segment: how it is read and what it is.
type spec struct {
	kind  kind
	field string // the segment's Field; for kIDs the default
	// other puts the value in a record of its own: another person's
	// name in the segment (a spouse, the mother's maiden name).
	other string
}

// Field names, as the detectors read column headers.
const (
	fName    = "full name"
	fAddress = "address"
	fPhone   = "phone"
	fDOB     = "date of birth"
	fSSN     = "ssn"
	fMRN     = "medical record number"
	fMember  = "health plan member id"
	fDL      = "driver's license number"
	fNotPII  = "provider id"
)

// segments are the person segments, field number to spec (HL7 2.5).
var segments = map[string]map[int]spec{
	"PID": {2: {kIDs, fMRN, ""}, 3: {kIDs, fMRN, ""}, 4: {kIDs, fMRN, ""}, 5: {kName, fName, ""}, 6: {kName, fName, "mother"}, 7: {kDate, fDOB, ""},
		9: {kName, fName, ""}, 11: {kAddress, fAddress, ""}, 13: {kPhone, fPhone, ""}, 14: {kPhone, fPhone, ""},
		18: {kIDs, "patient account id", ""}, 19: {kPlain, fSSN, ""}, 20: {kDL, fDL, ""}, 21: {kIDs, "mother id", "mother"}},
	"NK1": {2: {kName, fName, ""}, 4: {kAddress, fAddress, ""}, 5: {kPhone, fPhone, ""}, 6: {kPhone, fPhone, ""}, 13: {kPlain, "organization id", ""},
		16: {kDate, fDOB, ""}, 30: {kName, fName, "contact"}, 31: {kPhone, fPhone, "contact"}, 32: {kAddress, fAddress, "contact"},
		33: {kIDs, "next of kin id", ""}, 37: {kPlain, fSSN, "contact"}},
	"GT1": {2: {kIDs, "guarantor id", ""}, 3: {kName, fName, ""}, 4: {kName, fName, "spouse"}, 5: {kAddress, fAddress, ""}, 6: {kPhone, fPhone, ""},
		7: {kPhone, fPhone, ""}, 8: {kDate, fDOB, ""}, 12: {kPlain, fSSN, ""}, 16: {kPlain, "employer id", ""}, 17: {kPlain, "employer id", ""},
		19: {kIDs, "employee id", ""}},
	"IN1": {4: {kPlain, "insurance company id", ""}, 16: {kName, fName, ""}, 18: {kDate, fDOB, ""}, 19: {kAddress, fAddress, ""},
		36: {kPlain, fMember, ""}, 49: {kIDs, fMember, ""}},
	"IN2": {2: {kPlain, fSSN, ""}, 6: {kPlain, "medicare number", ""}, 8: {kPlain, fMember, ""}},
	"MRG": {1: {kIDs, fMRN, ""}, 2: {kIDs, fMRN, ""}, 3: {kIDs, "patient account id", ""}, 7: {kName, fName, ""}},
}

// clinical are the fields of the patient's diagnoses, procedures and
// medications: medical information about the patient of the message.
var clinical = map[string]map[int]spec{
	"DG1": {3: {kCoded, "diagnosis code", ""}, 4: {kPlain, "diagnosis", ""}},
	"PR1": {3: {kCoded, "procedure code", ""}},
	"RXE": {2: {kCoded, "medication", ""}},
	"RXO": {1: {kCoded, "medication", ""}},
	"RXA": {5: {kCoded, "medication", ""}},
}

// codedText names the text of a coded value by its code's Field: a
// diagnosis code's text is the diagnosis; a procedure's is left out.
var codedText = map[string]string{"diagnosis code": "diagnosis", "medication": "medication"}

// patientText are segments whose free text belongs to the patient:
// notes and observation values.
var patientText = map[string]map[int]bool{"NTE": {3: true}, "OBX": {5: true}}

// providers are fields of other segments that name care providers and
// facilities (XCN), not the patient: read as not personal data.
var providers = map[string]map[int]bool{
	"PV1": {3: true, 7: true, 8: true, 9: true, 17: true, 52: true},
	"PD1": {3: true, 4: true},
	"ORC": {10: true, 11: true, 12: true, 17: true, 21: true, 22: true, 23: true},
	"OBR": {16: true, 28: true, 32: true, 33: true, 34: true, 35: true},
	"EVN": {5: true},
	"ROL": {4: true},
}

// skipped segments carry no personal data: message and batch headers
// and trailers.
var skipped = map[string]bool{"MSH": true, "FHS": true, "FTS": true, "BHS": true, "BTS": true}

// idTypes name a CX identifier by its type code (HL7 table 0203).
var idTypes = map[string]string{
	"SS": fSSN, "SSN": fSSN, "MR": fMRN, "MRN": fMRN, "PI": fMRN, "PT": fMRN, "PN": fMRN, "MRT": fMRN,
	"MA": fMember, "MC": "medicare number", "MB": fMember, "MI": fMember, "SN": fMember, "HC": fMember, "NH": fMember, "JHN": fMember,
	"DL": fDL, "PPN": "passport number", "AN": "patient account id", "AMA": fNotPII, "NPI": fNotPII, "DN": fNotPII, "EI": "employee id",
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	sc := bufio.NewScanner(in.R)
	sc.Buffer(make([]byte, 64<<10), maxSegment)
	var off int64
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		for i, c := range data {
			if c == '\r' || c == '\n' {
				return i + 1, data[:i], nil
			}
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	x := &reader{path: in.Path, in: in, emit: emit, sep: seps{'|', '^', '~', '\\', '&'}}
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		start := off
		off += int64(len(line)) + 1
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// MLLP framing: a start byte before a message, an end byte
		// after it.
		for len(line) > 0 && (line[0] == 0x0b || line[0] == 0x1c) {
			line, start = line[1:], start+1
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := x.segment(line, start); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("a segment after byte %d is longer than %d MiB", off, maxSegment>>20)
		}
		return err
	}
	return nil
}

// seps are a message's separators: field, component, repetition,
// escape and subcomponent.
type seps struct{ field, comp, rep, esc, sub byte }

// reader is the state of one file: the separators and numbers of the
// current message, and the set IDs of the people seen in it.
type reader struct {
	path string
	in   *scan.Input
	emit func(scan.Segment) error
	sep  seps
	msg  int
	// count numbers the segments of a kind within the message, for
	// records of their own.
	count map[string]int
	// docs counts the documents handed to the pipeline.
	docs int
}

// segment reads one segment, which starts at off in the file.
func (x *reader) segment(s []byte, off int64) error {
	if len(s) < 3 {
		return x.text(s, off, x.record("line"))
	}
	id := string(s[:3])
	if id == "MSH" || id == "FHS" || id == "BHS" {
		if len(s) >= 8 {
			x.sep = seps{s[3], s[4], s[5], s[6], s[7]}
		}
		if id == "MSH" {
			x.msg++
			x.count = map[string]int{}
		}
	}
	if skipped[id] {
		return nil
	}
	if len(s) > 3 && s[3] != x.sep.field {
		// Not a segment (a line of a note pasted in): text.
		return x.text(s, off, x.record("line"))
	}
	if x.msg == 0 {
		x.msg, x.count = 1, map[string]int{}
	}
	x.count[id]++
	rec := x.record(id)
	specs, person := segments[id]
	if id == "PID" {
		rec = x.record("")
	}
	if id == "IN1" && x.self(s) {
		// The insured is the patient.
		rec = x.record("")
	}
	// Fields: s[3] is the first separator, field 1 follows it.
	pos := 4
	for num := 1; pos <= len(s); num++ {
		end := bytes.IndexByte(s[pos:], x.sep.field)
		if end < 0 {
			end = len(s)
		} else {
			end += pos
		}
		v := s[pos:end]
		at := off + int64(pos)
		if len(v) > 0 {
			var err error
			switch {
			case person:
				if sp, ok := specs[num]; ok {
					r := rec
					if sp.other != "" {
						r = rec + "," + sp.other
					}
					err = x.field(v, at, sp, r)
				} else {
					err = x.text(v, at, rec)
				}
			case id == "OBX" && num == 5 && x.embedded(s, v):
				// A document carried in the message (a PDF report in
				// base64): scanned as a file of its own.
				err = x.document(v)
			case clinical[id][num].kind != 0:
				err = x.field(v, at, clinical[id][num], x.record(""))
			case patientText[id][num]:
				err = x.text(v, at, x.record(""))
			case providers[id][num]:
				err = x.field(v, at, spec{kPlain, fNotPII, ""}, rec)
			default:
				err = x.text(v, at, rec)
			}
			if err != nil {
				return err
			}
		}
		pos = end + 1
	}
	return nil
}

// embedded reports whether an OBX segment's value v is encapsulated
// data (value type ED, OBX-2) in base64: source^type^subtype^Base64^data.
func (x *reader) embedded(s, v []byte) bool {
	f := bytes.SplitN(s, []byte{x.sep.field}, 4)
	if len(f) < 3 || !bytes.EqualFold(bytes.TrimSpace(f[2]), []byte("ED")) {
		return false
	}
	c := bytes.Split(v, []byte{x.sep.comp})
	return len(c) >= 5 && bytes.EqualFold(bytes.TrimSpace(c[3]), []byte("Base64"))
}

// document hands the base64 data of an ED value to the pipeline as a
// member "msg-N-obx-K.<subtype>" (a PDF, an image, a Word file), or warns
// when it is not base64.
func (x *reader) document(v []byte) error {
	c := bytes.Split(v, []byte{x.sep.comp})
	sub := strings.ToLower(string(bytes.TrimSpace(c[2])))
	if sub == "" || strings.ContainsAny(sub, "/\\. ") || len(sub) > 8 {
		sub = "bin"
	}
	data := bytes.Join(c[4:], nil) // the data may hold no separator; join what was cut
	data = bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == ' ' || r == '\\' {
			return -1
		}
		return r
	}, data)
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(data)))
	n, err := base64.StdEncoding.Decode(raw, data)
	if err != nil {
		x.in.Warning(fmt.Sprintf("message %d, OBX %d: encapsulated data is not base64 (%v): not read", x.msg, x.count["OBX"], err))
		return nil
	}
	if x.in.Member == nil {
		return nil
	}
	x.docs++
	if l := x.in.Limits; l != nil && l.MaxMembers > 0 && x.docs > l.MaxMembers {
		lim := l.MaxMembers
		if x.docs == lim+1 {
			x.in.Warning(fmt.Sprintf("more than %d encapsulated documents; the rest were not scanned", lim))
		}
		return nil
	}
	name := fmt.Sprintf("msg-%d-obx-%d.%s", x.msg, x.count["OBX"], sub)
	return x.in.Member(name, int64(n), bytes.NewReader(raw[:n]))
}

// self reports whether an IN1 segment's insured is the patient
// (IN1-17, relationship to the patient: SEL or 18, self).
func (x *reader) self(s []byte) bool {
	f := bytes.Split(s, []byte{x.sep.field})
	if len(f) <= 17 {
		return len(f) <= 16 // no insured named: nothing to keep apart
	}
	rel, _, _ := bytes.Cut(f[17], []byte{x.sep.comp})
	switch string(bytes.ToUpper(bytes.TrimSpace(rel))) {
	case "SEL", "18", "01", "SELF", "":
		return true
	}
	return false
}

// record names the record of the current message's patient (seg ""),
// or of the current segment of kind seg.
func (x *reader) record(seg string) string {
	r := x.path + "#msg=" + strconv.Itoa(x.msg)
	if seg != "" {
		r += "," + seg + "=" + strconv.Itoa(x.count[seg])
	}
	return r
}

// field emits the repetitions of one field read by its spec.
func (x *reader) field(v []byte, at int64, sp spec, rec string) error {
	for len(v) > 0 {
		rep := v
		next := bytes.IndexByte(v, x.sep.rep)
		if next >= 0 {
			rep, v = v[:next], v[next+1:]
		} else {
			v = nil
		}
		if err := x.value(rep, at, sp, rec); err != nil {
			return err
		}
		at += int64(len(rep)) + 1
	}
	return nil
}

// value emits one repetition of a field.
func (x *reader) value(v []byte, at int64, sp spec, rec string) error {
	comps := bytes.Split(v, []byte{x.sep.comp})
	comp := func(i int) string { // 1-based, decoded, first subcomponent
		if i > len(comps) {
			return ""
		}
		c, _, _ := bytes.Cut(comps[i-1], []byte{x.sep.sub})
		return strings.TrimSpace(x.unescape(c))
	}
	switch sp.kind {
	case kName:
		// Given, middle, family, suffix: as the name is written.
		return x.composed(join(" ", comp(2), comp(3), comp(1), comp(4)), sp.field, rec)
	case kAddress:
		country := comp(6)
		switch strings.ToUpper(strings.ReplaceAll(country, ".", "")) {
		case "US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA":
			country = ""
		}
		return x.composed(join(", ", join(" ", comp(1), comp(2)), comp(3), join(" ", comp(4), comp(5)), country), sp.field, rec)
	case kPhone:
		if len(comps) == 1 {
			return x.exact(comps[0], at, sp.field, rec)
		}
		if mail := comp(4); strings.Contains(mail, "@") {
			if err := x.composed(mail, "email", rec); err != nil {
				return err
			}
		}
		num := comp(1)
		if area, local := comp(6), comp(7); local != "" {
			num = local
			if len(local) == 7 {
				num = local[:3] + "-" + local[3:]
			}
			if area != "" {
				num = "(" + area + ") " + num
			}
			if cc := comp(5); cc != "" && cc != "1" {
				num = "+" + cc + " " + num
			}
		} else if num == "" {
			num = comp(12) // unformatted telephone number
		}
		if num == "" {
			return nil
		}
		if num == comp(1) {
			return x.exact(comps[0], at, sp.field, rec)
		}
		return x.composed(num, sp.field, rec)
	case kDate:
		d := comps[0]
		if len(d) >= 8 && allDigits(d[:8]) {
			return x.exact(d[:8], at, sp.field, rec)
		}
		return x.exact(d, at, sp.field, rec)
	case kIDs:
		name := sp.field
		if t, ok := idTypes[strings.ToUpper(comp(5))]; ok {
			name = t
		}
		return x.exact(comps[0], at, name, rec)
	case kDL, kPlain:
		return x.exact(comps[0], at, sp.field, rec)
	case kCoded:
		if err := x.exact(comps[0], at, sp.field, rec); err != nil || len(comps) < 2 {
			return err
		}
		rest := at + int64(len(comps[0])) + 1
		if codedText[sp.field] == "" {
			return x.text(v[len(comps[0])+1:], rest, rec) // read as text, unnamed
		}
		return x.exact(comps[1], rest, codedText[sp.field], rec)
	}
	return x.text(v, at, rec)
}

// exact emits a value located at at; an escaped one is decoded and so
// has no offset.
func (x *reader) exact(v []byte, at int64, field, rec string) error {
	if bytes.IndexByte(v, x.sep.sub) >= 0 {
		v, _, _ = bytes.Cut(v, []byte{x.sep.sub})
	}
	lo := 0
	for lo < len(v) && v[lo] == ' ' {
		lo++
	}
	v = bytes.TrimRight(v[lo:], " ")
	if len(v) == 0 || field == "" {
		return nil
	}
	if bytes.IndexByte(v, x.sep.esc) >= 0 {
		return x.composed(x.unescape(v), field, rec)
	}
	return x.emit(scan.Segment{Text: v, Offset: at + int64(lo), Field: field, Record: rec})
}

// composed emits a value written out from its parts: it has no offset.
func (x *reader) composed(v, field, rec string) error {
	if v == "" {
		return nil
	}
	return x.emit(scan.Segment{Text: []byte(v), Offset: -1, Field: field, Record: rec})
}

// text emits a field as free text: its components and repetitions
// apart by blanks, escapes undone. Undecoded text keeps its offset.
func (x *reader) text(v []byte, at int64, rec string) error {
	if len(bytes.TrimSpace(v)) == 0 {
		return nil
	}
	plain := true
	for _, c := range v {
		if c == x.sep.comp || c == x.sep.rep || c == x.sep.sub || c == x.sep.esc {
			plain = false
			break
		}
	}
	if plain {
		return x.emit(scan.Segment{Text: v, Offset: at, Record: rec})
	}
	// Separators become blanks, byte for byte, so offsets still hold
	// unless an escape was undone.
	out := make([]byte, len(v))
	for i, c := range v {
		switch c {
		case x.sep.comp, x.sep.rep, x.sep.sub:
			c = ' '
		}
		out[i] = c
	}
	if bytes.IndexByte(v, x.sep.esc) >= 0 {
		return x.composed(x.unescape(out), "", rec)
	}
	return x.emit(scan.Segment{Text: out, Offset: -1, OffsetAt: func(i int) int64 { return at + int64(i) }, Record: rec})
}

// unescape undoes HL7 escapes: \F\ \S\ \T\ \R\ \E\ for the separators,
// \X..\ for bytes in hex, \.br\ for a line break; formatting escapes
// (\H\, \N\, \.sp\…) are dropped.
func (x *reader) unescape(v []byte) string {
	e := x.sep.esc
	if bytes.IndexByte(v, e) < 0 {
		return string(v)
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != e {
			b.WriteByte(c)
			continue
		}
		j := bytes.IndexByte(v[i+1:], e)
		if j < 0 {
			b.Write(v[i:])
			break
		}
		seq := string(v[i+1 : i+1+j])
		i += j + 1
		switch {
		case seq == "F":
			b.WriteByte(x.sep.field)
		case seq == "S":
			b.WriteByte(x.sep.comp)
		case seq == "T":
			b.WriteByte(x.sep.sub)
		case seq == "R":
			b.WriteByte(x.sep.rep)
		case seq == "E":
			b.WriteByte(e)
		case seq == ".br":
			b.WriteByte('\n')
		case len(seq) > 1 && seq[0] == 'X':
			if h, err := hex.DecodeString(seq[1:]); err == nil {
				b.Write(h)
			}
		}
	}
	return b.String()
}

// join joins the non-empty parts with sep.
func join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
