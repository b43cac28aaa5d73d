// Package json extracts the string and number values of JSON documents
// and of NDJSON / JSON Lines streams, streaming with encoding/json's
// Decoder.Token. Each value becomes a segment whose Field is its key path
// without array indexes ("borrowers.name.first") and whose Record is the
// object it belongs to: a top-level object, or an element of the first
// array of objects (the records of an API export), or a member of an
// object keyed by ids (a Firebase export); in JSON Lines, each line's
// object with every list nested in it. FHIR identifiers and contact
// points take their Field from their system or type code ("ssn",
// "medical record number", "phone"). Byte offsets are
// exact: escaped strings carry an offset map to the raw bytes.
package json

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// Extractor reads JSON and NDJSON.
type Extractor struct{}

// Format returns "json".
func (Extractor) Format() string { return "json" }

// Accepts takes files named .json, .ndjson, .jsonl or .geojson, and
// files whose first bytes open a JSON object with a key or an array of
// objects.
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".ndjson", ".jsonl", ".geojson", ".har":
		return true
	case ".csv", ".tsv", ".txt", ".log", ".sql", ".xml", ".html", ".htm":
		return false
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if bytes.HasPrefix(h, []byte("{\"")) {
		return true
	}
	if bytes.HasPrefix(h, []byte("[")) {
		rest := bytes.TrimLeft(h[1:], " \t\r\n")
		if bytes.HasPrefix(rest, []byte("[")) {
			// An array of arrays of strings: a table.
			return bytes.HasPrefix(bytes.TrimLeft(rest[1:], " \t\r\n"), []byte("\""))
		}
		return bytes.HasPrefix(rest, []byte("{\""))
	}
	return false
}

// keeper keeps the raw bytes the decoder has read, so that the raw form
// and offset of each token can be found.
type keeper struct {
	r    io.Reader
	buf  []byte
	base int64 // offset of buf[0]
}

func (k *keeper) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	k.buf = append(k.buf, p[:n]...)
	return n, err
}

// trim drops the bytes before offset off.
func (k *keeper) trim(off int64) {
	d := int(off - k.base)
	if d <= 0 || d > len(k.buf) {
		return
	}
	if d < 1<<20 && d < len(k.buf)/2 {
		return
	}
	n := copy(k.buf, k.buf[d:])
	k.buf = k.buf[:n]
	k.base = off
}

// raw returns the raw bytes in [start, end), if still kept.
func (k *keeper) raw(start, end int64) ([]byte, bool) {
	if start < k.base || end > k.base+int64(len(k.buf)) || start > end {
		return nil, false
	}
	return k.buf[start-k.base : end-k.base], true
}

// openQuote finds the offset of the quote that opens the string ending
// with the quote just before end.
func (k *keeper) openQuote(end int64) int64 {
	i := int(end-k.base) - 2 // before the closing quote
	for ; i >= 0; i-- {
		if k.buf[i] == '"' {
			bs := 0
			for j := i - 1; j >= 0 && k.buf[j] == '\\'; j-- {
				bs++
			}
			if bs%2 == 0 {
				return k.base + int64(i)
			}
		}
	}
	return -1
}

// kind names what a frame is, for errors.
func kind(f frame) string {
	if f.array {
		return "array"
	}
	return "object"
}

type frame struct {
	array   bool
	key     string
	wantKey bool
	// An object keyed by ids ({"users": {"-Nx8a1": {...}, "-Nx8b2":
	// {...}}}, as Firebase exports are) holds records: each member
	// object keyed by an id is one, while the object holds no scalar
	// and no member object keyed by a field's name.
	scalars, fieldObjs int
	// An array of arrays may be a table whose first row names the
	// columns ({"values": [["Name", "SSN"], ["Ana Souza", "383-41-8663"]]},
	// as spreadsheet APIs return them). rows counts the child arrays;
	// header holds the names once the first row was all names, and
	// held the first row's values until that is known.
	rows    int
	header  []string
	held    []scan.Segment
	heldCol []int
	// A child array (a row) knows its number and the column of its
	// next value.
	row, col int
	// An array under a key that lists column names ("columns" in
	// pandas' split orientation, {"columns": [...], "data": [[...]]})
	// collects its strings (names) while it holds nothing else (flat);
	// closed, they become its object's names, for a table beside it.
	names []string
	flat  bool
	// An object that pairs a label with a value ({"field": "Date of
	// birth", "value": "04/07/1961"}, as form and survey exports write
	// answers) names the value by the label; a value met before its
	// label waits in pairHeld for the object's end.
	label    string
	pairHeld []scan.Segment
	// docType says the label is an identity document's type ({"type":
	// "passport", "number": "A03918274"}): its "number" is the value.
	docType bool
}

// pairValue emits a value of an object, named by its label when the
// object pairs one with it, or holds it until the label is read; it
// reports whether it took the value.
func pairValue(f *frame, seg *scan.Segment, emit func(scan.Segment) error) (bool, error) {
	if !f.array && (f.key == "code" || f.key == "display") {
		// FHIR: a coding's code and its text, named by its system.
		if name := CodingField(f.label, f.key); name != "" {
			seg.Field = name
			return true, emit(*seg)
		}
	}
	if f.array || !columns.ValueName(f.key) && !(f.docType && columns.NumberName(f.key)) {
		return false, nil
	}
	if f.label != "" {
		seg.Field = f.label
		return true, emit(*seg)
	}
	f.pairHeld = append(f.pairHeld, *seg)
	return true, nil
}

// endPair emits the values an object held for its label.
func endPair(f *frame, emit func(scan.Segment) error) error {
	for _, h := range f.pairHeld {
		if f.label != "" {
			h.Field = f.label
		}
		if err := emit(h); err != nil {
			return err
		}
	}
	f.pairHeld = nil
	return nil
}

// nameKeys are keys whose array lists the columns of a table of arrays
// beside it.
var nameKeys = map[string]bool{"columns": true, "column_names": true, "colnames": true, "cols": true, "fields": true, "headers": true, "header": true}

// tableRow reports whether stack's top frame is a row of a table: an
// array in an array.
func tableRow(stack []frame) bool {
	n := len(stack)
	return n >= 2 && stack[n-1].array && stack[n-1].row > 0 && stack[n-2].array
}

// maxDepth bounds the nesting of objects and arrays: real documents stay
// in the tens, and a file of two million brackets held a gigabyte of
// frames (and encoding/json's own stack) before it was stopped.
const maxDepth = 10000

// IdentifierSystem names what a FHIR identifier or contact point holds
// by its system (the XML extractor asks it of C-CDA's <id root=...>): the identifier systems of the US Core and HL7 naming systems
// (hl7.org/fhir/sid, and the OIDs behind them), and the contact point
// systems; "" for another.
func IdentifierSystem(sys string) string {
	switch sys {
	case "phone", "email", "fax", "sms", "pager":
		return sys
	}
	l := strings.ToLower(sys)
	switch {
	case strings.HasSuffix(l, "/us-ssn") || l == "urn:oid:2.16.840.1.113883.4.1":
		return "ssn"
	case strings.HasSuffix(l, "/us-mbi") || strings.HasSuffix(l, "/us-medicare") || l == "urn:oid:2.16.840.1.113883.4.927":
		return "medicare"
	case strings.Contains(l, "/passport-") || strings.HasPrefix(l, "urn:oid:2.16.840.1.113883.4.330."):
		return "passport"
	case strings.HasPrefix(l, "urn:oid:2.16.840.1.113883.4.3."):
		return "drivers license" // the states' driver's license OIDs
	case strings.HasSuffix(l, "/sid/icd-10-cm") || strings.HasSuffix(l, "/sid/icd-10") || strings.HasSuffix(l, "/sid/icd-9-cm") ||
		l == "urn:oid:2.16.840.1.113883.6.90" || l == "urn:oid:2.16.840.1.113883.6.3" || l == "urn:oid:2.16.840.1.113883.6.103":
		return "diagnosis code"
	case l == "http://snomed.info/sct" || l == "urn:oid:2.16.840.1.113883.6.96":
		return "snomed ct"
	case strings.HasSuffix(l, "/umls/rxnorm") || l == "urn:oid:2.16.840.1.113883.6.88":
		return "medication"
	case strings.HasSuffix(l, "ama-assn.org/go/cpt") || l == "urn:oid:2.16.840.1.113883.6.12" || strings.HasSuffix(l, "/sid/hcpcs"):
		return "procedure code"
	}
	return ""
}

// CodingField names a FHIR coding's code or display by the label its
// system gave the coding: a diagnosis code and its diagnosis, a
// medication, a procedure code. A SNOMED CT concept names findings,
// procedures and substances alike: only its display is taken, as a
// diagnosis. "" for another coding, whose values keep their key path.
func CodingField(label, key string) string {
	switch label {
	case "diagnosis code":
		if key == "display" {
			return "diagnosis"
		}
		return label
	case "snomed ct":
		if key == "display" {
			return "diagnosis"
		}
	case "medication":
		return label
	case "procedure code":
		if key == "code" {
			return label
		}
	}
	return ""
}

// identifierTypes name an identifier by its type code in HL7 table
// 0203 (the FHIR identifier-type value set).
var identifierTypes = map[string]string{"SS": "ssn", "MR": "medical record number", "DL": "drivers license",
	"PPN": "passport", "MB": "member id", "MA": "member id", "MC": "medicare", "TAX": "tax id"}

// IDKey reports whether an object's key is an id rather than a field's
// name (the YAML extractor asks it of mappings too): all digits, an e-mail address, a Firebase push id ("-Nx8a1…"),
// or six characters or more with two digits or more ("cus_8f2k91",
// a UUID); "address2" and "phone1" are names.
func IDKey(k string) bool {
	if k == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(k); i++ {
		if k[i] >= '0' && k[i] <= '9' {
			digits++
		}
	}
	return digits == len(k) || strings.Contains(k, "@") || k[0] == '-' && len(k) >= 8 || len(k) >= 6 && digits >= 2
}

// lines reports whether a stream is JSON Lines (NDJSON): by its name, or
// by an object closed at a line's end and another opened at the next
// line's start in its first bytes. A pretty-printed document has a comma
// or an indent there.
func lines(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jsonl", ".ndjson":
		return true
	}
	return bytes.Contains(head, []byte("}\n{")) || bytes.Contains(head, []byte("}\r\n{"))
}

// Extract reads in.R and emits one segment per string or number value.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	r, emit := scan.Unmarked(bufio.NewReaderSize(in.R, 64<<10), emit)
	plain := *in
	plain.R = r
	keys := &columns.Keys{Emit: emit}
	fb := &fhirBundle{emit: keys.Add}
	err := extractValues(ctx, &plain, fb.add, fb)
	if ferr := fb.flush(); err == nil {
		err = ferr
	}
	if kerr := keys.Flush(); err == nil {
		err = kerr
	}
	return err
}

// extractValues is Extract, with the values of a FHIR Bundle's entries noted in
// fb, which emit hands them to.
func extractValues(ctx context.Context, in *scan.Input, emit func(scan.Segment) error, fb *fhirBundle) error {
	br := bufio.NewReaderSize(in.R, 64<<10)
	head, _ := br.Peek(64 << 10)
	ln := &lenient{r: br}
	k := &keeper{r: ln}
	dec := json.NewDecoder(k)
	dec.UseNumber()
	var stack []frame
	rec, recDepth := 0, -1
	if lines(in.Path, head) {
		// JSON Lines: each line's object is a record, with its nested
		// lists (a customer's addresses, a member's dependants) in it.
		recDepth = 1 << 30
	}
	record := in.Path + "#obj=0"
	n := 0
	for {
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := dec.Token()
		if err != nil {
			// Values held for a table's first row or a label are not
			// lost to a cut.
			for i := range stack {
				for _, h := range stack[i].held {
					if eerr := emit(h); eerr != nil {
						return eerr
					}
				}
				stack[i].held = nil
				if eerr := endPair(&stack[i], emit); eerr != nil {
					return eerr
				}
			}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("truncated: the document ends inside a value at byte %d", dec.InputOffset())
		}
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				// A cut download or dump: what was read is scanned, and
				// the source is partial, not done.
				return fmt.Errorf("truncated: the document ends inside an unclosed %s at byte %d", kind(stack[len(stack)-1]), dec.InputOffset())
			}
			return nil
		}
		if err != nil {
			return err
		}
		end := dec.InputOffset()
		k.trim(end - 4096)
		top := len(stack) - 1
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if t == '{' {
					d := len(stack)
					parentArray := d > 0 && stack[d-1].array
					if d > 0 && !parentArray {
						p := &stack[d-1]
						if IDKey(p.key) && p.scalars == 0 && p.fieldObjs == 0 && (recDepth < 0 || d == recDepth) {
							recDepth = d
							rec++
							record = in.Path + "#obj=" + strconv.Itoa(rec)
						} else if !IDKey(p.key) {
							p.fieldObjs++
						}
					}
					if d == 0 || parentArray && (recDepth < 0 || d == recDepth) {
						if parentArray && recDepth < 0 {
							recDepth = d
						}
						if d == 0 || parentArray {
							rec++
							record = in.Path + "#obj=" + strconv.Itoa(rec)
						}
					}
				}
				if top >= 0 && !stack[top].array {
					stack[top].wantKey = true
				}
				f := frame{array: t == '[', wantKey: t == '{'}
				if top >= 0 {
					stack[top].flat = false // holds a container
				}
				if t == '[' && top >= 0 && !stack[top].array && nameKeys[strings.ToLower(stack[top].key)] {
					f.flat = true
				}
				if t == '[' && top >= 0 && stack[top].array {
					stack[top].rows++
					f.row = stack[top].rows
				}
				if len(stack) >= maxDepth {
					return fmt.Errorf("corrupt document: values nested deeper than %d levels at byte %d", maxDepth, end)
				}
				stack = append(stack, f)
			case '}', ']':
				if top >= 0 {
					if t == ']' && tableRow(stack) && stack[top].row == 1 {
						if err := endFirstRow(stack, emit); err != nil {
							return err
						}
					}
					// Names, not data: the list becomes Fields, and a Field
					// the detectors recognise goes into reasons in the clear.
					if t == ']' && stack[top].flat && len(stack[top].names) > 1 && top > 0 && columns.HeaderRow(stack[top].names) {
						stack[top-1].names = stack[top].names
					}
					if err := endPair(&stack[top], emit); err != nil {
						return err
					}
					stack = stack[:top]
				}
			}
			continue
		case string:
			if top >= 0 && !stack[top].array && stack[top].wantKey {
				stack[top].key = t
				stack[top].wantKey = false
				continue
			}
			if top >= 0 && stack[top].flat && len(stack[top].names) < maxColumns {
				stack[top].names = append(stack[top].names, strings.TrimSpace(t))
			}
			if top >= 0 && !stack[top].array {
				stack[top].scalars++
			}
			seg := scan.Segment{Text: []byte(t), Offset: -1, Field: fieldPath(stack), Record: record}
			if err := fb.note(seg.Field, record, t); err != nil {
				return err
			}
			if d, ok := mongoDate(stack, t); ok {
				seg.Text = []byte(d) // written out: no offset
			} else if st := k.openQuote(end); st >= 0 {
				raw, _ := k.raw(st+1, end-1)
				if len(raw) == len(t) && string(raw) == t {
					seg.Offset = st + 1
				} else {
					seg.OffsetAt = offsetMap(raw, st+1)
				}
			}
			if top >= 0 && !stack[top].array {
				stack[top].wantKey = true
				if columns.LabelName(stack[top].key) && stack[top].label == "" {
					stack[top].label = columns.PairLabel(t)
				} else if columns.TypeName(stack[top].key) && stack[top].label == "" && columns.DocumentType(t) != "" {
					stack[top].label, stack[top].docType = columns.DocumentType(t), true
				} else if stack[top].key == "system" && stack[top].label == "" {
					// FHIR: {"system": "http://hl7.org/fhir/sid/us-ssn",
					// "value": "383418663"}, {"system": "phone", ...}.
					stack[top].label = IdentifierSystem(t)
				} else if stack[top].key == "code" && top >= 3 && stack[top-2].key == "coding" && stack[top-3].key == "type" && !stack[top-3].array && stack[top-3].label == "" {
					// FHIR: an identifier's type, coded in HL7 table 0203.
					stack[top-3].label = identifierTypes[t]
				}
			}
			if len(t) > 0 {
				if top >= 0 {
					if took, err := pairValue(&stack[top], &seg, emit); took || err != nil {
						if err != nil {
							return err
						}
						continue
					}
				}
				if err := tableValue(stack, &seg, emit); err != nil {
					return err
				}
			} else if tableRow(stack) {
				stack[top].col++
			}
		case json.Number:
			if top >= 0 {
				stack[top].flat = false
				stack[top].scalars++
			}
			s := string(t)
			if ln.Replaced(end - int64(len(s))) {
				// NaN or Infinity, read as a number: no value of the
				// file's, taken as a null is.
				if top >= 0 && !stack[top].array {
					stack[top].wantKey = true
				}
				if tableRow(stack) {
					stack[top].col++
				}
				continue
			}
			seg := scan.Segment{Text: []byte(s), Offset: end - int64(len(s)), Field: fieldPath(stack), Record: record}
			if d, ok := mongoDate(stack, s); ok {
				seg.Text, seg.Offset = []byte(d), -1
			}
			if top >= 0 && !stack[top].array {
				stack[top].wantKey = true
				if took, err := pairValue(&stack[top], &seg, emit); took || err != nil {
					if err != nil {
						return err
					}
					continue
				}
			}
			if err := tableValue(stack, &seg, emit); err != nil {
				return err
			}
		default:
			if top >= 0 && !stack[top].array {
				stack[top].wantKey = true
			}
			if tableRow(stack) {
				stack[top].col++ // a null or a boolean takes a column too
			}
		}
	}
}

// tableValue emits a value, or, in the first row of an array of arrays,
// holds it until the row says whether it is a header. A value in a later
// row of a table is named by its column and recorded by its row.
func tableValue(stack []frame, seg *scan.Segment, emit func(scan.Segment) error) error {
	if !tableRow(stack) {
		return emit(*seg)
	}
	row, table := &stack[len(stack)-1], &stack[len(stack)-2]
	col := row.col
	row.col++
	seg.Record += "!row=" + strconv.Itoa(row.row)
	if row.row == 1 {
		seg.Text = bytes.Clone(seg.Text)
		table.held = append(table.held, *seg)
		table.heldCol = append(table.heldCol, col)
		return nil
	}
	if col < len(table.header) && table.header[col] != "" {
		seg.Field = strings.TrimPrefix(seg.Field+"."+table.header[col], ".")
	}
	return emit(*seg)
}

// endFirstRow decides, at the end of a table's first row, whether it
// names the columns (columns.HeaderRow) and emits the values held.
func endFirstRow(stack []frame, emit func(scan.Segment) error) error {
	row, table := &stack[len(stack)-1], &stack[len(stack)-2]
	held, cols := table.held, table.heldCol
	table.held, table.heldCol = nil, nil
	texts := make([]string, len(held))
	for i, h := range held {
		texts[i] = string(h.Text)
	}
	switch {
	case len(stack) >= 3 && !stack[len(stack)-3].array && len(stack[len(stack)-3].names) >= row.col:
		// The rows of a table whose columns its object lists beside it:
		// the first row is data too, named like the rest.
		table.header = stack[len(stack)-3].names
		for i := range held {
			if c := cols[i]; table.header[c] != "" {
				held[i].Field = strings.TrimPrefix(held[i].Field+"."+table.header[c], ".")
			}
		}
	case columns.HeaderRow(texts):
		table.header = make([]string, row.col)
		for i, h := range held {
			table.header[cols[i]] = strings.TrimSpace(string(h.Text))
		}
	}
	for _, h := range held {
		if err := emit(h); err != nil {
			return err
		}
	}
	return nil
}

// maxColumns bounds the names a columns array may list.
const maxColumns = 16384

func fieldPath(stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		if f.array || f.key == "" || mongoTypes[f.key] {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}

// mongoTypes are the keys with which MongoDB Extended JSON (mongoexport,
// Compass, the drivers' relaxed and canonical modes) wraps a typed value:
// {"dob": {"$date": "1961-07-04T00:00:00Z"}} is the field dob.
var mongoTypes = map[string]bool{"$date": true, "$numberLong": true, "$numberInt": true, "$numberDouble": true, "$numberDecimal": true, "$oid": true, "$uuid": true}

// mongoDate returns the date that v, a MongoDB Extended JSON date in
// milliseconds since 1970 ({"$date": {"$numberLong": "-189388800000"}},
// the form mongoexport gives every date before 1970), stands for: the
// day, or the instant when it has a time of day. A date of birth before
// 1970 is written so, and no detector reads milliseconds as a date.
func mongoDate(stack []frame, v string) (string, bool) {
	n := len(stack)
	if !(n >= 1 && stack[n-1].key == "$date" || n >= 2 && stack[n-1].key == "$numberLong" && stack[n-2].key == "$date") {
		return "", false
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || ms < -6e12 || ms > 8e12 { // years 1779 to 2223
		return "", false
	}
	t := time.UnixMilli(ms).UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02T15:04:05.000Z"), true
}

// offsetMap maps each byte of the decoded string of raw (the bytes
// between the quotes, starting at file offset base) to its file offset.
func offsetMap(raw []byte, base int64) func(int) int64 {
	var offs []int64
	for i := 0; i < len(raw); {
		if raw[i] != '\\' || i+1 >= len(raw) {
			_, w := utf8.DecodeRune(raw[i:])
			for j := 0; j < w; j++ {
				offs = append(offs, base+int64(i+j))
			}
			i += w
			continue
		}
		w := 2
		n := 1
		if raw[i+1] == 'u' && i+6 <= len(raw) {
			w = 6
			v, _ := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32)
			r := rune(v)
			if r >= 0xD800 && r < 0xDC00 && i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				w = 12
				r = 0x10000 // any supplementary rune: 4 bytes
			}
			n = utf8.RuneLen(r)
			if n < 0 {
				n = 3
			}
		}
		for j := 0; j < n; j++ {
			offs = append(offs, base+int64(i))
		}
		i += w
	}
	end := base + int64(len(raw))
	return func(k int) int64 {
		if k >= len(offs) {
			return end
		}
		if k < 0 {
			return -1
		}
		return offs[k]
	}
}
