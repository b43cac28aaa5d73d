// Package metro2 extracts Metro 2 credit reporting files: what a lender
// or servicer sends the credit bureaus every month, a record per account
// holding the borrower's name, SSN, date of birth, telephone number,
// address and account number, and the co-borrowers' in segments
// appended to it. Read as prose, a record is one run of characters in
// which the SSN, the date of birth and the telephone number are written
// back to back ("383418663070419619193620142"), so none of them can be
// seen.
//
// This reads the character format (a base segment of 426 characters),
// by the positions the Metro 2 layout gives each field, one record per
// line or records written back to back, each as long as its record
// descriptor word says, with or without block descriptor words. The
// header and trailer records name the furnisher and count records, and
// are not emitted. Every field that can hold personal data becomes a
// segment named as a column header would name it ("surname", "social
// security number", "date of birth"), located by byte offset, and the
// record is the account, "path#account=N". Associated consumers follow
// the layout's own appended segments: the first J1 (a co-borrower at
// the same address) is named "co-borrower …" in the account's record,
// so that people makes a person of them with the borrower's address; a
// J2 (at an address of their own) and any further J1 each are a record
// "path#account=N!j2=K". Original creditors, purchasers and employers
// are companies and are not emitted. The packed format (366 bytes,
// binary numbers) is not read by this extractor. A line that is not a
// record of the format is emitted whole as text, with a warning naming
// the line.
package metro2

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/breachkit/breachkit/scan"
)

// Extractor reads Metro 2 files in the character format. The zero value
// is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "metro2" }

// baseLen is the length of a base segment (and of the header and
// trailer records) in the character format.
const baseLen = 426

// maxRecord bounds a record's length: a base segment with every
// appended segment a few times over is far shorter.
const maxRecord = 8 << 10

// Accepts implements scan.Extractor: a head that starts with a record
// descriptor word (four digits) and then the header record's identifier
// "HEADER", or a base segment (processing indicator 1 and a time stamp
// of 14 digits); either may follow a block descriptor word.
func (Extractor) Accepts(name string, head []byte) bool {
	return startsRecord(head) || digits(head, 0, 4) && startsRecord(head[4:])
}

// startsRecord reports whether b starts with a header record or a base
// segment.
func startsRecord(b []byte) bool {
	if !digits(b, 0, 4) || len(b) < 19 {
		return false
	}
	return string(b[4:10]) == "HEADER" || b[4] == '1' && digits(b, 5, 19) && timeStamp(b[5:19])
}

// timeStamp reports whether 14 digits are a base segment's time stamp,
// MMDDYYYYHHMMSS: a file of digits ("1010101010…") starts like a base
// segment but holds no date.
func timeStamp(b []byte) bool {
	n := func(i, j int) int {
		v := 0
		for _, c := range b[i:j] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	mo, d, y, h, mi, s := n(0, 2), n(2, 4), n(4, 8), n(8, 10), n(10, 12), n(12, 14)
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && y >= 1950 && y <= 2100 && h <= 23 && mi <= 59 && s <= 59
}

// digits reports whether b[from:to] exists and holds digits only.
func digits(b []byte, from, to int) bool {
	if len(b) < to {
		return false
	}
	for _, c := range b[from:to] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// field is a field of a segment: its 1-based first and last positions
// as the layout numbers them, and the name its segment carries.
type field struct {
	from, to int
	name     string
}

// Field names: each reads, to the detectors, as the column header of the
// value it names.
const (
	fAccount = "consumer account number"
	fSurname = "surname"
	fGiven   = "first name"
	fMiddle  = "middle name"
	fSSN     = "social security number"
	fDOB     = "date of birth"
	fPhone   = "telephone number"
	fCountry = "country code"
	fStreet  = "address line 1"
	fStreet2 = "address line 2"
	fCity    = "city"
	fState   = "state"
	fZIP     = "zip code"
)

var (
	// base is the base segment: the account and its primary consumer.
	base = []field{{43, 72, fAccount}, {232, 256, fSurname}, {257, 276, fGiven}, {277, 296, fMiddle},
		{298, 306, fSSN}, {307, 314, fDOB}, {315, 324, fPhone}, {328, 329, fCountry},
		{330, 361, fStreet}, {362, 393, fStreet2}, {394, 413, fCity}, {414, 415, fState}, {416, 424, fZIP}}
	// consumer is the person of a J1 or J2 segment, positions within it.
	consumer = []field{{4, 28, fSurname}, {29, 48, fGiven}, {49, 68, fMiddle}, {70, 78, fSSN}, {79, 86, fDOB}, {87, 96, fPhone}}
	// j2Address is a J2 segment's own address.
	j2Address = []field{{100, 101, fCountry}, {102, 133, fStreet}, {134, 165, fStreet2}, {166, 185, fCity}, {186, 187, fState}, {188, 196, fZIP}}
	// change is an L1 segment: the account's new number.
	change = []field{{4, 33, "new " + fAccount}}
	// segLen are the lengths of the appended segments, by identifier.
	segLen = map[string]int{"J1": 100, "J2": 200, "K1": 34, "K2": 34, "K3": 40, "K4": 30, "L1": 54, "N1": 146}
)

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(32)
	// A block descriptor word before the first record: every line, or
	// every block of records, starts with one.
	bdw := !startsRecord(head) && len(head) >= 4 && startsRecord(head[4:])
	// Records are lines when a line ends within the first record's
	// length.
	first := 0
	if bdw {
		first = 4
	}
	l, _ := strconv.Atoi(string(head[first:min(first+4, len(head))]))
	head, _ = br.Peek(min(max(l, baseLen)+first+2, maxRecord))
	lines := bytes.IndexAny(head, "\r\n") >= 0
	x := &reader{path: in.Path, in: in, emit: emit}
	if !lines {
		return x.blocks(ctx, br, bdw)
	}
	var off int64
	for line := 1; ; line++ {
		if line&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		raw, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long := append([]byte(nil), raw...)
			for err == bufio.ErrBufferFull {
				raw, err = br.ReadSlice('\n')
				long = append(long, raw...)
			}
			raw = long
		}
		if len(raw) > 0 {
			r := bytes.TrimRight(raw, "\r\n")
			at := off
			if bdw && digits(r, 0, 8) {
				r, at = r[4:], at+4
			}
			if len(r) > 0 {
				if eerr := x.record(r, at, line); eerr != nil {
					return eerr
				}
			}
			off += int64(len(raw))
		}
		if err == io.EOF {
			x.warn()
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// blocks reads records written back to back, each as long as its record
// descriptor word says, in blocks that each start with a block
// descriptor word when bdw is set.
func (x *reader) blocks(ctx context.Context, br *bufio.Reader, bdw bool) error {
	var off int64
	var w [4]byte
	word := func() (int, error) {
		if _, err := io.ReadFull(br, w[:]); err != nil {
			return 0, err
		}
		off += 4
		if !digits(w[:], 0, 4) {
			return -1, nil
		}
		n, _ := strconv.Atoi(string(w[:]))
		return n, nil
	}
	left := -1 // bytes left in the current block, when blocked
	for n := 1; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if bdw && left <= 0 {
			b, err := word()
			if err == io.EOF {
				x.warn()
				return nil
			}
			if err != nil || b < 8 {
				return x.rest(br, off-4, n, err)
			}
			left = b - 4
		}
		start := off
		l, err := word()
		if err == io.EOF {
			x.warn()
			return nil
		}
		if err != nil || l < 5 || l > maxRecord {
			return x.rest(br, start, n, err)
		}
		r := make([]byte, l)
		copy(r, w[:])
		if k, err := io.ReadFull(br, r[4:]); err != nil {
			if err == io.ErrUnexpectedEOF {
				return x.rest(bytes.NewReader(r[4:4+k]), start, n, nil)
			}
			return err
		}
		off = start + int64(l)
		left -= l
		if err := x.record(r, start, n); err != nil {
			return err
		}
	}
}

// rest hands what follows a broken record descriptor (from off) to the
// text detectors as one segment, bounded, with a warning.
func (x *reader) rest(r io.Reader, off int64, n int, err error) error {
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return err
	}
	b, rerr := io.ReadAll(io.LimitReader(r, 1<<20))
	if rerr != nil {
		return rerr
	}
	x.in.Warning(fmt.Sprintf("record %d: no valid record descriptor word at byte %d; the rest is read as text", n, off))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	return x.emit(scan.Segment{Text: b, Offset: off + 4, Record: x.path + "#rest"})
}

// reader is the state of one file: the count of accounts and of lines
// that were no records.
type reader struct {
	path     string
	in       *scan.Input
	emit     func(scan.Segment) error
	accounts int
	strays   scan.Strays
}

// record emits the fields of one record r (from its record descriptor
// word on), which starts at off in the file; n numbers it for warnings.
func (x *reader) record(r []byte, off int64, n int) error {
	if !digits(r, 0, 4) || len(r) < 11 {
		return x.text(r, off, n)
	}
	switch {
	case string(r[4:10]) == "HEADER", string(r[4:11]) == "TRAILER":
		return nil // the furnisher, and counts
	case r[4] != '1' && r[4] != ' ':
		return x.text(r, off, n)
	}
	x.accounts++
	rec := x.path + "#account=" + strconv.Itoa(x.accounts)
	if err := x.fields(r, off, 0, base, "", rec); err != nil {
		return err
	}
	j1, j2 := 0, 0
	for pos := baseLen; pos+2 <= len(r); {
		id := string(r[pos : pos+2])
		l, ok := segLen[id]
		if !ok {
			if len(bytes.TrimSpace(r[pos:])) == 0 {
				return nil
			}
			x.in.Warning(fmt.Sprintf("record %d: unknown segment %q at position %d; the rest of the record is read as text", n, id, pos+1))
			return x.emit(scan.Segment{Text: r[pos:], Offset: off + int64(pos), Record: rec})
		}
		var err error
		switch id {
		case "J1":
			j1++
			if j1 == 1 {
				err = x.fields(r, off, pos, consumer, "co-borrower ", rec)
			} else {
				err = x.fields(r, off, pos, consumer, "", rec+"!j1="+strconv.Itoa(j1))
			}
		case "J2":
			j2++
			sub := rec + "!j2=" + strconv.Itoa(j2)
			if err = x.fields(r, off, pos, consumer, "", sub); err == nil {
				err = x.fields(r, off, pos, j2Address, "", sub)
			}
		case "L1":
			err = x.fields(r, off, pos, change, "", rec)
		}
		if err != nil {
			return err
		}
		pos += l
	}
	return nil
}

// fields emits the used fields of layout, read skip bytes into record r
// at off, their names prefixed.
func (x *reader) fields(r []byte, off int64, skip int, layout []field, prefix, record string) error {
	for _, f := range layout {
		lo, hi, ok := scan.Positions(r, skip+f.from, skip+f.to)
		if !ok {
			continue
		}
		seg := scan.Segment{Text: r[lo:hi], Offset: off + int64(lo), Field: prefix + f.name, Record: record}
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
func (x *reader) warn() { x.strays.Warn(x.in, "a Metro 2 record", "Metro 2 records") }
