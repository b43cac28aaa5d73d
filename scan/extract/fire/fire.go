// Package fire extracts the information-return files filed with the IRS
// through FIRE (Publication 1220): the Forms 1098 a mortgage servicer
// files for every borrower, and the 1099s of banks and employers. Each
// file is a sequence of 750-character records: a transmitter "T"
// record, then for each payer an "A" record, its payees' "B" records, a
// "C" record of totals and state "K" records, and an "F" record at the
// end. Read as prose, a payee record is one run of characters in which
// the payee's taxpayer identification number is glued to the name
// control and the account number ("SOUZ2383418663LN3159809287"), so the
// SSN cannot be seen.
//
// The payee ("B") record is read by position: the TIN (positions
// 12-20), typed by position 11 (1 an employer identification number: a
// business, of which only the account is read; 2 an SSN, ITIN or ATIN),
// the payer's account number
// for the payee (21-40: a 1098's loan number), the payee's name lines,
// mailing address, city, state and ZIP Code. The name lines sit at
// 248-327 in layouts of sixteen payment amounts and at 288-367 in those
// of eighteen; which one a record uses is told by what position 248
// holds (a letter of a name, or a digit of an amount). Every value is a
// segment named as a column header would name it and located by byte
// offset; the record is the payee, "path#payee=N". The transmitter's,
// payers' and totals records describe companies and are not emitted. A
// line that is not a record of the format is emitted whole as text, with
// a warning naming the line.
package fire

import (
	"bytes"
	"context"
	"strconv"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads FIRE information-return files. The zero value is
// ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "irs-fire" }

// recLen is the length of every record.
const recLen = 750

// Accepts implements scan.Extractor: a head that starts with a
// transmitter record ("T", a payment year, a blank or "P", the
// transmitter's nine-digit TIN) whose line, if the head has a line end,
// is a record long.
func (Extractor) Accepts(name string, head []byte) bool {
	if len(head) < 20 || head[0] != 'T' || !digits(head[1:5]) || head[5] != ' ' && head[5] != 'P' || !digits(head[6:15]) {
		return false
	}
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		return i == recLen
	}
	return len(head) >= recLen+1 && head[recLen] == 'A'
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// field is a field of the payee record: its 1-based positions and the
// name its segment carries.
type field struct {
	from, to int
	name     string
}

// Field names, read by the detectors as column headers.
// The payee is named "recipient", as the forms name it: a payee is as
// often a company, and a column of payees' names is not taken for
// people's.
const (
	fTIN     = "recipient taxpayer identification number"
	fAccount = "account number for recipient"
	fName1   = "recipient name"
	fName2   = "recipient name line 2"
	fStreet  = "mailing address"
	fCity    = "city"
	fState   = "state"
	fZIP     = "zip code"
)

// address is where both layouts put the payee's mailing address.
var address = []field{{368, 407, fStreet}, {448, 487, fCity}, {488, 489, fState}, {490, 498, fZIP}}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	x := &reader{path: in.Path, emit: emit}
	if err := scan.FixedRecords(ctx, in.R, recLen, x.record); err != nil {
		return err
	}
	x.strays.Warn(in, "a 750-character FIRE record", "750-character FIRE records")
	return nil
}

// reader is the state of one file.
type reader struct {
	path   string
	emit   func(scan.Segment) error
	payees int
	strays scan.Strays
}

// record emits the fields of one record r, at off in the file.
func (x *reader) record(r []byte, off int64, line int) error {
	switch {
	case len(r) > recLen || !bytes.ContainsRune([]byte("TABCKF"), rune(r[0])):
		x.strays.Add(line)
		return x.emit(scan.Segment{Text: r, Offset: off, Record: x.path + "#line=" + strconv.Itoa(line)})
	case r[0] != 'B':
		return nil // the transmitter, a payer, totals: companies and counts
	}
	x.payees++
	rec := x.path + "#payee=" + strconv.Itoa(x.payees)
	layout := []field{{21, 40, fAccount}}
	if len(r) >= 11 && r[10] == '1' {
		// Position 11: 1 is an EIN, a business: its name and address
		// are a company's.
		return x.fields(r, off, layout, rec)
	}
	// 2, or blank when unknown: an SSN, ITIN or ATIN.
	layout = append(layout, field{12, 20, fTIN})
	if len(r) >= 248 && (r[247] < '0' || r[247] > '9') {
		layout = append(layout, field{248, 287, fName1}, field{288, 327, fName2})
	} else {
		layout = append(layout, field{288, 327, fName1}, field{328, 367, fName2})
	}
	layout = append(layout, address...)
	return x.fields(r, off, layout, rec)
}

// fields emits the used fields of layout from record r at off.
func (x *reader) fields(r []byte, off int64, layout []field, rec string) error {
	for _, f := range layout {
		lo, hi, ok := scan.Positions(r, f.from, f.to)
		if !ok {
			continue
		}
		if err := x.emit(scan.Segment{Text: r[lo:hi], Offset: off + int64(lo), Field: f.name, Record: rec}); err != nil {
			return err
		}
	}
	return nil
}
