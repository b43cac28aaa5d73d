// Package nacha extracts ACH files in the NACHA format: the payroll,
// direct-deposit and autopay batches that banks and servicers exchange,
// each entry holding a person's routing number, account number and name.
// Read as prose, an entry is one run of digits ("622071000505123456789 …")
// in which neither the routing number nor the account can be seen.
//
// A file is a sequence of 94-character records, one per line or written
// back to back without line ends. The record's first character says
// what it is (1 file header, 5 batch header, 6 entry detail, 7 addenda,
// 8 batch control, 9 file control), and each field sits at the position
// the NACHA Operating Rules give it. Every field that can hold personal
// data becomes a segment named as a column header would name it
// ("receiving dfi routing number", "dfi account number", "individual
// name"), located by byte offset; an entry and its addenda are one
// record, "path#entry=N". The positions of names and identification
// numbers that depend on the batch's Standard Entry Class (CIE, POP,
// IAT, CCD…) follow it. Control records carry only counts and totals and
// are not emitted. A line that is not a record of the format is emitted
// whole as text, with a warning naming the line.
package nacha

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads NACHA ACH files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "nacha" }

// recLen is the length of every record of the format.
const recLen = 94

// Accepts implements scan.Extractor: a head that starts with a file
// header record (type 1, priority 01, the routing numbers, a YYMMDD
// creation date and the record size 094), ended by a line end (its
// trailing blanks may be cut) or, in a file without line ends, followed
// by a batch header at position 95. A file named .ach or .nacha is
// taken on its header alone.
func (Extractor) Accepts(name string, head []byte) bool {
	if !fileHeader(head) {
		return false
	}
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".ach") || strings.HasSuffix(n, ".nacha") {
		return true
	}
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		return i <= recLen
	}
	return len(head) == recLen || head[recLen] == '5' || head[recLen] == '9'
}

// fileHeader reports whether b starts with a file header record.
func fileHeader(b []byte) bool {
	if len(b) < 37 || b[0] != '1' || b[1] != '0' || b[2] != '1' {
		return false
	}
	for _, c := range b[3:23] { // immediate destination and origin
		if c != ' ' && (c < '0' || c > '9') {
			return false
		}
	}
	for _, c := range b[23:29] { // file creation date
		if c < '0' || c > '9' {
			return false
		}
	}
	// Record size "094" (then blocking factor "10", format code "1").
	return string(b[34:37]) == "094"
}

// field is one field of a record: 1-based first and last positions as
// the NACHA rules number them, and the name its segment carries. An
// empty name marks free text (addenda payment information).
type field struct {
	from, to int
	name     string
}

// Field names. Each reads, to the detectors, as the column header of the
// value it names: routing and account numbers are certain there, a
// bank's or a company's name is not a person's, and an identification
// number is left to its shape and context.
const (
	fRouting    = "receiving dfi routing number"
	fAccount    = "dfi account number"
	fIndividual = "individual name"
	fIndividID  = "individual identification number"
	fCompany    = "receiving company name"
	fCheck      = "check serial number"
	fOrgID      = "originator id"
)

var (
	// entry is the layout of an entry detail record for most classes:
	// PPD, WEB, TEL, MTE, SHR, POS and the others that name a person.
	entry = []field{{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fIndividID}, {55, 76, fIndividual}}
	// byClass are the classes whose entries lay out otherwise.
	byClass = map[string][]field{
		// Business-to-business: the receiver is a company.
		"CCD": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fIndividID}, {55, 76, fCompany}},
		"CTX": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fIndividID}, {59, 74, fCompany}},
		// Customer-initiated: name and identification swap places.
		"CIE": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fIndividual}, {55, 76, fIndividID}},
		// Converted checks: the check's serial number first.
		"ARC": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fCheck}, {55, 76, fIndividual}},
		"BOC": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fCheck}, {55, 76, fIndividual}},
		"POP": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 48, fCheck}, {55, 76, fIndividual}},
		"RCK": {{4, 12, fRouting}, {13, 29, fAccount}, {40, 54, fCheck}, {55, 76, fIndividual}},
		// International: the receiver's account is 35 characters; the
		// names and addresses are in the addenda.
		"IAT": {{4, 12, fRouting}, {40, 74, fAccount}},
	}
	// batch is what a batch header holds beyond the class: the company
	// (an originator, not a person) and its discretionary data.
	batch = []field{{5, 20, "company name"}, {21, 40, "company discretionary data"}, {41, 50, fOrgID}}
	// iatAddenda lay out the addenda of international entries, by type.
	iatAddenda = map[string][]field{
		"10": {{47, 81, "receiver name"}},
		"15": {{4, 18, "receiver identification number"}, {19, 53, "receiver street address"}},
		"16": {{4, 38, "receiver city*state"}, {39, 73, "receiver country*postal code"}},
	}
	// iatBanks are the international addenda that name the originator
	// (a company) and the banks, with their addresses: no person's.
	iatBanks = map[string]bool{"11": true, "12": true, "13": true, "14": true, "18": true}
)

// Extract implements scan.Extractor. Records written back to back,
// without line ends, are cut every 94 bytes.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	x := &reader{path: in.Path, in: in, emit: emit}
	if err := scan.FixedRecords(ctx, in.R, recLen, x.record); err != nil {
		return err
	}
	x.warn()
	return nil
}

// reader is the state of one file: the current batch's class and the
// count of entries.
type reader struct {
	path    string
	in      *scan.Input
	emit    func(scan.Segment) error
	class   string
	entries int
	inEntry bool
	// strays are the lines that are not records.
	strays scan.Strays
}

// record emits the fields of one record, raw as read (with its line
// end), which starts at off in the file.
func (x *reader) record(raw []byte, off int64, line int) error {
	r := bytes.TrimRight(raw, "\r\n")
	if len(r) == 0 {
		return nil
	}
	if len(r) > recLen || !known(r[0]) {
		return x.text(r, off, line)
	}
	switch r[0] {
	case '1':
		x.inEntry = false
		// The file header names banks (immediate destination and
		// origin), not people.
		return x.fields(r, off, []field{{4, 13, "destination bank id"}, {14, 23, "origin bank id"}}, x.path+"#header")
	case '5':
		x.inEntry = false
		x.class = string(get(r, 51, 53))
		return x.fields(r, off, batch, x.path+"#batch=line"+strconv.Itoa(line))
	case '6':
		x.entries++
		x.inEntry = true
		layout, ok := byClass[x.class]
		if !ok {
			layout = entry
		}
		return x.fields(r, off, layout, x.entryRecord())
	case '7':
		rec := x.entryRecord()
		if !x.inEntry {
			rec = x.path + "#line=" + strconv.Itoa(line)
		}
		typ := string(get(r, 2, 3))
		if x.class == "IAT" {
			if layout, ok := iatAddenda[typ]; ok {
				return x.fields(r, off, layout, rec)
			}
			if iatBanks[typ] {
				return nil
			}
		}
		switch typ {
		case "98", "99":
			// Notification of change and return: the corrected data
			// may be a new account or routing number.
			return x.fields(r, off, []field{{36, 64, "corrected data"}}, rec)
		}
		// Payment related information: free text.
		return x.fields(r, off, []field{{4, 83, ""}}, rec)
	}
	// Batch and file control records and the filler that pads a file
	// to a block of ten hold counts and totals only.
	x.inEntry = false
	return nil
}

// known reports whether c is a record type of the format.
func known(c byte) bool {
	switch c {
	case '1', '5', '6', '7', '8', '9':
		return true
	}
	return false
}

// entryRecord names the record of the current entry and its addenda.
func (x *reader) entryRecord() string {
	return x.path + "#entry=" + strconv.Itoa(x.entries)
}

// get returns positions from..to (1-based, inclusive) of r, or what of
// them r holds: a record whose trailing blanks were trimmed is short.
func get(r []byte, from, to int) []byte {
	if from > len(r) {
		return nil
	}
	return r[from-1 : min(to, len(r))]
}

// fields emits the non-blank fields of layout from record r at off.
func (x *reader) fields(r []byte, off int64, layout []field, record string) error {
	for _, f := range layout {
		lo, hi, ok := scan.Positions(r, f.from, f.to)
		if !ok {
			continue
		}
		v, at := r[lo:hi], off+int64(lo)
		// "TULSA*OK\\", "US*74103\\": two fields in one, each named.
		if a, b, ok := strings.Cut(f.name, "*"); ok {
			first, second, _ := bytes.Cut(bytes.TrimSuffix(v, []byte{'\\'}), []byte{'*'})
			for _, p := range []struct {
				v    []byte
				at   int64
				name string
			}{{first, at, a}, {second, at + int64(len(first)+1), strings.Fields(a)[0] + " " + b}} {
				if t := bytes.TrimSpace(p.v); len(t) > 0 {
					lead := int64(bytes.Index(p.v, t))
					if err := x.emit(scan.Segment{Text: t, Offset: p.at + lead, Field: p.name, Record: record}); err != nil {
						return err
					}
				}
			}
			continue
		}
		seg := scan.Segment{Text: v, Offset: at, Field: f.name, Record: record}
		if err := x.emit(seg); err != nil {
			return err
		}
	}
	return nil
}

// text emits a line that is no record of the format as free text; the
// first such line is named in the file's warning.
func (x *reader) text(r []byte, off int64, line int) error {
	x.strays.Add(line)
	return x.emit(scan.Segment{Text: r, Offset: off, Record: x.path + "#line=" + strconv.Itoa(line)})
}

// warn records, once, the lines that were no records of the format.
func (x *reader) warn() {
	x.strays.Warn(x.in, fmt.Sprintf("a %d-character NACHA record", recLen), fmt.Sprintf("%d-character NACHA records", recLen))
}
