// Package x12 extracts ASC X12 EDI interchanges: the benefit enrollment
// (834), health care claim (837), remittance (835), eligibility
// (270/271) and premium payment (820) files that employers, insurers,
// clearinghouses and providers exchange. An 834 is a list of members
// with their SSN, name, address, phone and date of birth, written as
// NM1*IL*1*HOLLOWAY*MARGARET*A***34*523714408~; read as prose, the
// SSN has no keyword and the name no capital letters between blanks.
//
// The ISA header that opens every interchange declares the element,
// component and repetition separators and the segment terminator. The
// segments that describe a person are read by element position: NM1
// (name, and its identifier named by its qualifier: 34 is an SSN, MI a
// member ID), N3 and N4 (the address, written out as one), PER (phone
// numbers and e-mail, by their qualifiers), DMG (date of birth) and REF
// (identifiers, by their qualifier: SY an SSN, 0F a subscriber number,
// F6 a Medicare number). Each value is a segment named as a column header
// would name it. A member (from INS), a level of the hierarchy (HL), a
// claim's patient (CLP) and each other person named in them (a custodial
// parent, a responsible party) are records of their own,
// "path#st=N,person=K"; organisations (sponsors, payers, providers) and
// what follows their names are read as not personal data. Free text
// (NTE, MSG) is read as text; segments of codes, amounts and dates of
// service are not read. A value copied as it is carries its byte offset.
package x12

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads X12 interchanges. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "x12" }

// isaLen is the fixed length of the ISA segment, terminator included.
const isaLen = 106

// maxSegment bounds one segment.
const maxSegment = 1 << 20

// Accepts implements scan.Extractor: a head that starts (after a byte
// order mark or blanks) with an ISA segment, its sixteen elements at
// their fixed positions.
func (Extractor) Accepts(name string, head []byte) bool {
	_, ok := isa(head)
	return ok
}

// isa returns the separators of the ISA segment at the start of b.
func isa(b []byte) (seps, bool) {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) < isaLen || string(b[:3]) != "ISA" {
		return seps{}, false
	}
	e := b[3]
	if e >= '0' && e <= '9' || e >= 'A' && e <= 'Z' || e >= 'a' && e <= 'z' || e == ' ' {
		return seps{}, false
	}
	for _, p := range []int{6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103} {
		if b[p] != e {
			return seps{}, false
		}
	}
	s := seps{elem: e, comp: b[104], term: b[105], rep: b[82]}
	if s.term == e || s.comp == e {
		return seps{}, false
	}
	// Before version 00501, ISA11 is a standards identifier, not a
	// repetition separator.
	if s.rep >= 'A' && s.rep <= 'Z' || s.rep == e || s.rep == s.comp || s.rep == s.term {
		s.rep = 0
	}
	return s, true
}

// seps are an interchange's delimiters.
type seps struct{ elem, comp, rep, term byte }

// Field names, as the detectors read column headers.
const (
	fName    = "full name"
	fAddress = "address"
	fStreet  = "street address"
	fPhone   = "phone"
	fEmail   = "email"
	fDOB     = "date of birth"
	fSSN     = "ssn"
	fTaxID   = "tax id"
	fMember  = "health plan member id"
	fMRN     = "medical record number"
	// A claim's diagnosis and procedure codes.
	fDiagnosis = "diagnosis code"
	fProcedure = "procedure code"
	fID        = "identification"
	fOrg       = "organization id"
)

// people are the NM1 entity codes of persons a file is about: insured
// or subscriber, patient, dependent, other insured, custodial parent,
// responsible party, guardian, power of attorney, ex-spouse, legal
// representative. sameMember are those that say more of the current
// member (a mailing address, a corrected or prior name).
var (
	people     = map[string]bool{"IL": true, "QC": true, "03": true, "GB": true, "S3": true, "QD": true, "E1": true, "GD": true, "J6": true, "EXS": true, "LR": true, "74": true, "70": true, "31": true}
	sameMember = map[string]bool{"74": true, "70": true, "31": true}
)

// nmIDs name an NM1 identifier by its qualifier (NM108).
var nmIDs = map[string]string{"34": fSSN, "MI": fMember, "II": fMember, "N": fMember, "C": fMember, "FI": fTaxID, "MR": fMRN, "EI": fOrg, "24": fOrg, "XX": fOrg, "PI": fOrg, "XV": fOrg}

// refIDs name a REF identifier by its qualifier (REF01).
var refIDs = map[string]string{
	"SY": fSSN, "0F": fMember, "1W": fMember, "23": fMember, "Q4": fMember, "IG": fMember, "6P": fMember, "3H": fOrg, "1L": fOrg, "17": fOrg, "DX": fOrg, "ZZ": fID,
	"F6": "medicare number", "NQ": "medicaid number", "EA": fMRN, "EJ": "patient account id", "0B": fOrg, "1G": fOrg, "EI": fOrg, "TJ": fOrg, "G2": fOrg, "D3": fOrg, "LU": fOrg,
	"ABB": fID, "DN": fOrg, "9F": fOrg, "G1": fOrg, "1K": fOrg, "D9": fOrg, "F8": fOrg, "6R": fOrg, "CE": fOrg, "P4": fOrg, "EV": fOrg, "2U": fOrg, "HPI": fOrg,
}

// perNames name a PER communication number by its qualifier.
var perNames = map[string]string{"TE": fPhone, "HP": fPhone, "WP": fPhone, "CP": fPhone, "BN": fPhone, "FX": fPhone, "AP": fPhone, "NP": fPhone, "EM": fEmail}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(isaLen + 64)
	sep, ok := isa(head)
	if !ok {
		return errors.New("no ISA segment at the start: not an X12 interchange")
	}
	x := &reader{path: in.Path, emit: emit, sep: sep}
	var off int64
	for n := 1; ; n++ {
		raw, err := br.ReadSlice(sep.term)
		if errors.Is(err, bufio.ErrBufferFull) {
			long := append([]byte(nil), raw...)
			for errors.Is(err, bufio.ErrBufferFull) && len(long) <= maxSegment {
				raw, err = br.ReadSlice(sep.term)
				long = append(long, raw...)
			}
			if len(long) > maxSegment {
				return fmt.Errorf("segment %d (after byte %d) is longer than %d KiB", n, off, maxSegment>>10)
			}
			raw = long
		}
		if len(raw) > 0 {
			if n&1023 == 0 {
				if cerr := ctx.Err(); cerr != nil {
					return cerr
				}
			}
			s := bytes.TrimSuffix(raw, []byte{sep.term})
			lead := len(s) - len(bytes.TrimLeft(s, " \t\r\n"))
			if serr := x.segment(bytes.TrimRight(s[lead:], "\r\n"), off+int64(lead)); serr != nil {
				return serr
			}
			off += int64(len(raw))
		}
		if err == io.EOF {
			return x.flush()
		}
		if err != nil {
			return err
		}
	}
}

// reader is the state of one file: the separators, the transaction set,
// the person whose segments are being read and an address in the
// making.
type reader struct {
	path string
	emit func(scan.Segment) error
	sep  seps
	st   int // transaction sets so far
	// person numbers the records of the transaction set; named says the
	// current one has a person's name; org says the last name read was
	// an organisation's, whose details follow.
	person int
	named  bool
	org    bool
	// street is the N3 of the current party, held until its N4.
	street string
}

// diagnosisQuals are the HI qualifiers of diagnosis codes: ICD-10-CM
// principal, other, admitting, reason for visit, external cause (ABK, ABF,
// ABJ, APR, ABN) and their ICD-9-CM counterparts.
var diagnosisQuals = map[string]bool{"ABK": true, "ABF": true, "ABJ": true, "APR": true, "ABN": true, "BK": true, "BF": true, "BJ": true, "PR": true, "BN": true}

// record names the current person's record.
func (x *reader) record() string {
	return x.path + "#st=" + strconv.Itoa(x.st) + ",person=" + strconv.Itoa(x.person)
}

// next starts the record of another person.
func (x *reader) next() error {
	if err := x.flush(); err != nil {
		return err
	}
	x.person++
	x.named, x.org = false, false
	return nil
}

// segment reads one segment (terminator removed) at off.
func (x *reader) segment(s []byte, off int64) error {
	els := bytes.Split(s, []byte{x.sep.elem})
	id := string(els[0])
	el := func(i int) []byte {
		if i < len(els) {
			return els[i]
		}
		return nil
	}
	at := func(i int) int64 { // offset of element i
		o := off
		for k := 0; k < i && k < len(els); k++ {
			o += int64(len(els[k])) + 1
		}
		return o
	}
	switch id {
	case "ST":
		if err := x.flush(); err != nil {
			return err
		}
		x.st++
		x.person, x.named, x.org = 0, false, false
		return nil
	case "INS", "HL", "CLP":
		return x.next()
	case "NM1", "N1":
		if err := x.flush(); err != nil {
			return err
		}
		code := string(el(1))
		isPerson := people[code] && (id == "N1" || string(el(2)) == "1")
		if !isPerson {
			x.org = true
			if id == "N1" {
				return x.value(el(2), at(2), fOrg)
			}
			if err := x.value(el(3), at(3), fOrg); err != nil {
				return err
			}
			return x.value(el(9), at(9), fOrg)
		}
		if x.named && !sameMember[code] {
			if err := x.next(); err != nil {
				return err
			}
		}
		x.named, x.org = true, false
		if id == "N1" {
			if err := x.value(el(2), at(2), fName); err != nil {
				return err
			}
			return x.id(el(3), el(4), at(4), nmIDs)
		}
		// Last, first, middle, prefix, suffix: as the name is written.
		name := join(" ", str(el(4)), str(el(5)), str(el(3)), str(el(7)))
		if err := x.composed(name, fName); err != nil {
			return err
		}
		return x.id(el(8), el(9), at(9), nmIDs)
	}
	switch id {
	case "HI":
		// A claim's diagnoses, "ABK:E119*ABF:I10": the patient's.
		for i := 1; i < len(els); i++ {
			q, code, ok := bytes.Cut(el(i), []byte{x.sep.comp})
			if !ok || !diagnosisQuals[string(q)] {
				continue
			}
			code, _, _ = bytes.Cut(code, []byte{x.sep.comp})
			if err := x.value(code, at(i)+int64(len(q))+1, fDiagnosis); err != nil {
				return err
			}
		}
		return nil
	case "SV1", "SV2":
		// A service line's procedure, "HC:99213".
		n := 1
		if id == "SV2" {
			n = 2
		}
		if q, code, ok := bytes.Cut(el(n), []byte{x.sep.comp}); ok && (string(q) == "HC" || string(q) == "HP") {
			code, _, _ = bytes.Cut(code, []byte{x.sep.comp})
			return x.value(code, at(n)+int64(len(q))+1, fProcedure)
		}
		return nil
	}
	if x.org {
		// The details of an organisation: its address, contact, ids.
		switch id {
		case "N3", "N4", "PER", "REF", "DMG":
			for i := 1; i < len(els); i++ {
				if err := x.value(el(i), at(i), fOrg); err != nil {
					return err
				}
			}
		}
		return nil
	}
	switch id {
	case "N3":
		if err := x.flush(); err != nil {
			return err
		}
		x.street = join(" ", str(el(1)), str(el(2)))
		return nil
	case "N4":
		// City, state, postal code, country: with the street before it,
		// one address.
		country := str(el(4))
		if strings.EqualFold(country, "US") || strings.EqualFold(country, "USA") {
			country = ""
		}
		addr := join(", ", x.street, str(el(1)), join(" ", str(el(2)), str(el(3))), country)
		x.street = ""
		return x.composed(addr, fAddress)
	case "PER":
		if err := x.value(el(2), at(2), fName); err != nil {
			return err
		}
		for i := 3; i+1 < len(els); i += 2 {
			if f, ok := perNames[string(el(i))]; ok {
				if err := x.value(el(i+1), at(i+1), f); err != nil {
					return err
				}
			}
		}
		return nil
	case "DMG":
		if q := string(el(1)); q == "D8" || q == "" {
			return x.value(el(2), at(2), fDOB)
		}
		return nil
	case "REF":
		return x.id(el(1), el(2), at(2), refIDs)
	case "NTE", "MSG":
		for i := 1; i < len(els); i++ {
			if err := x.value(el(i), at(i), ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// id emits an identifier named by its qualifier, fID when the qualifier
// is not one of names.
func (x *reader) id(qual, v []byte, at int64, names map[string]string) error {
	f, ok := names[string(bytes.TrimSpace(qual))]
	if !ok {
		f = fID
	}
	return x.value(v, at, f)
}

// value emits an element at at: its first component, or every component
// as text when the field is free text (""); a value copied as it is
// keeps its offset.
func (x *reader) value(v []byte, at int64, field string) error {
	if x.sep.rep != 0 {
		v, _, _ = bytes.Cut(v, []byte{x.sep.rep})
	}
	if field != "" {
		v, _, _ = bytes.Cut(v, []byte{x.sep.comp})
	}
	lo := 0
	for lo < len(v) && v[lo] == ' ' {
		lo++
	}
	v = bytes.TrimRight(v[lo:], " ")
	if len(v) == 0 {
		return nil
	}
	if field == "" && bytes.IndexByte(v, x.sep.comp) >= 0 {
		return x.composed(string(bytes.ReplaceAll(v, []byte{x.sep.comp}, []byte{' '})), "")
	}
	return x.emit(scan.Segment{Text: v, Offset: at + int64(lo), Field: field, Record: x.record()})
}

// composed emits a value written out from parts: it has no offset.
func (x *reader) composed(v, field string) error {
	if v == "" {
		return nil
	}
	return x.emit(scan.Segment{Text: []byte(v), Offset: -1, Field: field, Record: x.record()})
}

// flush emits a street read without the N4 that completes it.
func (x *reader) flush() error {
	if x.street == "" {
		return nil
	}
	s := x.street
	x.street = ""
	return x.composed(s, fStreet)
}

func str(b []byte) string { return strings.TrimSpace(string(b)) }

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
