// Package xlsx extracts the cells of Excel workbooks (.xlsx, .xlsm) as
// segments, one per non-empty cell, located by sheet and cell ("C5") and
// named by their column's header.
//
// Worksheets are streamed from the zip with encoding/xml, so memory holds
// the shared-string table and one row, not the sheet. Values are rendered
// the way a person reads them, not as Excel's display format: numbers in
// plain decimal (123456789 stays "123456789", never 1.23456789E+08 or
// "123456789.0"), numbers with a date format as ISO 8601 dates, whole
// numbers with a zero-padding format as it shows them (an SSN stored as
// 12345678 with format 000-00-0000 reads "012-34-5678"), booleans as
// TRUE/FALSE. Formula cells give their cached result. Hidden sheets,
// rows and columns are read like the others; so are the notes and
// threaded comments on cells (comments.go), in their cell's row.
//
// The first non-empty row of a sheet is taken as its header when it looks
// like one (mostly short text cells without digits, all different); its
// cells are emitted too, with no Field, since a sheet without a header may
// start with data.
package xlsx

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Extractor reads .xlsx and .xlsm workbooks. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "xlsx" }

// Accepts implements scan.Extractor: an .xlsx or .xlsm name, or a zip
// whose first member lies under xl/.
func (Extractor) Accepts(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsm") {
		return true
	}
	return archive.FirstMemberHasPrefix(head, "xl/")
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	zr, lim, cleanup, err := archive.OpenPackage(in, "xlsx")
	if err != nil {
		return err
	}
	defer cleanup()
	b := &book{in: in, lim: lim, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	sheets, err := b.workbook()
	if err != nil {
		return err
	}
	if err := b.sharedStrings(); err != nil {
		return err
	}
	b.styles()
	for _, sh := range sheets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.sheet(ctx, sh, emit); err != nil {
			return err
		}
		if err := b.comments(sh, emit); err != nil {
			return err
		}
	}
	return archive.Pictures(in, zr, lim, "xl/media/")
}

// book is a workbook being read.
type book struct {
	in       *scan.Input
	lim      scan.Limits
	files    map[string]*zip.File // by lower-case name
	date1904 bool
	sst      []string
	dateXF   []bool   // by cell style index: the number format is a date
	padXF    []string // by cell style index: a zero-padding template ("000-00-0000"), or ""
	rels     map[string]rel
}

// sheetRef is a worksheet: its name and part.
type sheetRef struct{ name, part string }

// rel is a relationship target and type.
type rel struct{ target, typ string }

// open opens a part by name under the limits; nil, nil when it is absent.
func (b *book) open(name string) (io.ReadCloser, error) {
	f := b.files[strings.ToLower(name)]
	if f == nil {
		return nil, nil
	}
	return archive.OpenMember(f, name, b.lim)
}

// decode unmarshals a small part into v; absent parts leave v as is.
func (b *book) decode(name string, v any) error {
	rc, err := b.open(name)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// workbook reads the sheet list and where each sheet lives.
func (b *book) workbook() ([]sheetRef, error) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			ID2  string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if b.files["xl/workbook.xml"] == nil {
		return nil, errors.New("corrupt xlsx: no xl/workbook.xml")
	}
	if err := b.decode("xl/workbook.xml", &wb); err != nil {
		return nil, fmt.Errorf("corrupt xlsx: workbook: %v", err)
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decode("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, fmt.Errorf("corrupt xlsx: workbook relationships: %v", err)
	}
	b.rels = map[string]rel{}
	for _, r := range rels.Rels {
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		b.rels[r.ID] = rel{target: t, typ: r.Type}
	}
	var out []sheetRef
	for i, s := range wb.Sheets {
		id := s.ID
		if id == "" {
			id = s.ID2
		}
		r, ok := b.rels[id]
		if !ok {
			// Some writers omit relationships; fall back to the usual name.
			r = rel{target: fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), typ: "/worksheet"}
		}
		if !strings.HasSuffix(r.typ, "/worksheet") {
			continue // chart sheets, dialog and macro sheets hold no cells
		}
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("Sheet%d", i+1)
		}
		out = append(out, sheetRef{name: name, part: r.target})
	}
	return out, nil
}

// sharedStrings loads the shared-string table.
func (b *book) sharedStrings() error {
	name := "xl/sharedStrings.xml"
	for _, r := range b.rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			name = r.target
		}
	}
	rc, err := b.open(name)
	if err != nil {
		return fmt.Errorf("xlsx shared strings: %w", err)
	}
	if rc == nil {
		return nil
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("corrupt xlsx: shared strings: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := richText(d, "si")
			if err != nil {
				return fmt.Errorf("corrupt xlsx: shared strings: %v", err)
			}
			b.sst = append(b.sst, s)
		}
	}
}

// richText reads the text of an element (si, is) up to its end: the <t>
// elements, without phonetic runs.
func richText(d *xml.Decoder, end string) (string, error) {
	var sb strings.Builder
	inT, skip := false, 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inT = true
			case "rPh", "phoneticPr":
				skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			case end:
				return sb.String(), nil
			}
		case xml.CharData:
			if inT && skip == 0 {
				sb.Write(t)
			}
		}
	}
}

// styles finds which cell styles carry a date number format. A broken
// styles part only loses date rendering.
func (b *book) styles() {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.decode("xl/styles.xml", &st); err != nil {
		b.in.Warning(fmt.Sprintf("xlsx styles unreadable, dates shown as numbers: %v", err))
		return
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	b.dateXF = make([]bool, len(st.Xfs))
	b.padXF = make([]string, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			b.dateXF[i] = IsDateFormat(code)
			b.padXF[i] = ZeroTemplate(code)
		} else {
			b.dateXF[i] = IsBuiltinDate(xf.NumFmtID)
		}
	}
}

// IsBuiltinDate reports whether a built-in number format is a date or
// time (ECMA-376 18.8.30, and the East Asian built-ins).
func IsBuiltinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58 || id >= 71 && id <= 81
}

// IsDateFormat reports whether a custom number format code shows a date
// or a time of day: it has y, m, d, h or s outside quoted text, escapes
// and brackets. Elapsed-time formats ([h]:mm) are durations, not dates.
func IsDateFormat(code string) bool {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive section decides
	}
	if strings.Contains(code, "[h]") || strings.Contains(code, "[hh]") || strings.Contains(code, "[m") || strings.Contains(code, "[s") {
		return false
	}
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'y', 'm', 'd', 'h', 's':
				return true
			}
		}
	}
	return false
}

// cell is one parsed cell.
// Cell is one non-empty cell of a worksheet row, rendered as a person
// reads it; the xls extractor hands its cells over as these too.
type Cell struct {
	Ref    string // "C5"
	Col    int    // column number, 1 = A
	Text   string
	IsText bool // the value is text, not a number, date or boolean: a header candidate
}

// sheet streams one worksheet's cells to emit.
func (b *book) sheet(ctx context.Context, sh sheetRef, emit func(scan.Segment) error) error {
	rc, err := b.open(sh.part)
	if err != nil {
		b.in.Warning(fmt.Sprintf("sheet %q not read: %v", sh.name, err))
		return nil
	}
	if rc == nil {
		b.in.Warning(fmt.Sprintf("sheet %q not read: part missing", sh.name))
		return nil
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	rows := NewRows(b.in, sh.name, emit)
	var (
		rowNum int
		row    []Cell
		col    int
	)
	flush := func() error {
		err := rows.Row(rowNum, row)
		row = row[:0]
		if err != nil {
			return err
		}
		return ctx.Err()
	}
	// finish emits the last row, and the held rows of a short sheet.
	finish := func() error {
		if err := flush(); err != nil {
			return err
		}
		return rows.Finish()
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return finish()
		}
		if err != nil {
			if err := finish(); err != nil {
				return err
			}
			if errors.Is(err, archive.ErrLimit) || errors.Is(err, archive.ErrTooLarge) {
				b.in.Warning(fmt.Sprintf("sheet %q not read to the end: %v", sh.name, err))
			} else {
				b.in.Warning(fmt.Sprintf("sheet %q: corrupt XML after row %d: %v", sh.name, rowNum, err))
			}
			return nil
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			if err := flush(); err != nil {
				return err
			}
			next := rowNum + 1
			if n, err := strconv.Atoi(attr(se, "r")); err == nil && n > 0 {
				next = n
			}
			rowNum, col = next, 0
		case "c":
			c, err := b.cell(d, se, rowNum, col)
			if err != nil {
				continue // the next RawToken reports a real syntax error
			}
			col = c.Col
			if c.Text != "" {
				row = append(row, c)
			}
		}
	}
}

// attr returns an attribute's value by local name.
func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// cell reads a <c> element whose start is se; prevCol is the column of
// the previous cell in the row, for cells without a reference.
func (b *book) cell(d *xml.Decoder, se xml.StartElement, rowNum, prevCol int) (Cell, error) {
	c := Cell{Ref: attr(se, "r")}
	if col, row, ok := parseRef(c.Ref); ok && (row == rowNum || rowNum == 0) {
		c.Col = col
	} else {
		c.Col = prevCol + 1
		c.Ref = ColName(c.Col) + strconv.Itoa(max(rowNum, 1))
	}
	typ := attr(se, "t")
	style, _ := strconv.Atoi(attr(se, "s"))
	var v, is string
	hasIS := false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				s, err := charData(d, "v")
				if err != nil {
					return c, err
				}
				v = s
			case "is":
				s, err := richText(d, "is")
				if err != nil {
					return c, err
				}
				is, hasIS = s, true
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				c.Text, c.IsText = b.render(typ, style, v, is, hasIS)
				return c, nil
			}
		}
	}
}

// charData reads text up to the end of element end.
func charData(d *xml.Decoder, end string) (string, error) {
	var sb strings.Builder
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.EndElement:
			if t.Name.Local == end {
				return sb.String(), nil
			}
		}
	}
}

// render turns a cell's stored value into text, and reports whether it is
// text (rather than a number, date or boolean).
func (b *book) render(typ string, style int, v, is string, hasIS bool) (string, bool) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(b.sst) {
			return "", false
		}
		return b.sst[i], true
	case "inlineStr":
		if hasIS {
			return is, true
		}
		return v, true
	case "str":
		return v, true
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			return "TRUE", false
		case "0", "false":
			return "FALSE", false
		}
		return v, false
	case "e":
		return "", false // #N/A and friends carry no data
	case "d":
		return strings.TrimSpace(v), false
	}
	if hasIS && v == "" {
		return is, true
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return "", false
	}
	if style >= 0 && style < len(b.dateXF) && b.dateXF[style] {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			if s, ok := SerialDate(f, b.date1904); ok {
				return s, false
			}
		}
	}
	if style >= 0 && style < len(b.padXF) && b.padXF[style] != "" {
		return Pad(Number(v), b.padXF[style]), false
	}
	return Number(v), false
}

// ZeroTemplate returns the template of a number format that pads whole
// numbers with zeros and separators — Excel's "Social Security Number"
// (000-00-0000) and "Zip Code" (00000) formats and their like — as
// placeholders '0' and literal characters; "" for any other format. An
// SSN or ZIP stored as a number loses its leading zeros, and only its
// format brings them back: 012345678 is stored as 12345678.
func ZeroTemplate(code string) string {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive section decides
	}
	var t []byte
	zeros := 0
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '0':
			t = append(t, '0')
			zeros++
		case '-', ' ', '(', ')', '/':
			t = append(t, c)
		case '\\':
			if i+1 >= len(code) || code[i+1] == '0' {
				return ""
			}
			i++
			t = append(t, code[i])
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 || strings.Contains(code[i+1:i+1+j], "0") {
				return ""
			}
			t = append(t, code[i+1:i+1+j]...)
			i += j + 1
		default:
			return "" // digits with #, decimals, thousands, text, colours: not a pad
		}
	}
	if zeros < 4 {
		return ""
	}
	return string(t)
}

// Pad renders a whole number n (plain decimal digits) with a zero
// template: leading zeros to fill the placeholders, the literals in
// place, and any digits beyond the placeholders in front, as Excel does.
// Anything else is returned unchanged.
func Pad(n, tmpl string) string {
	if !isDigits(n) {
		return n
	}
	zeros := strings.Count(tmpl, "0")
	if len(n) < zeros {
		n = strings.Repeat("0", zeros-len(n)) + n
	}
	extra := len(n) - zeros
	var b strings.Builder
	k := 0
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '0' {
			b.WriteByte(tmpl[i])
			continue
		}
		if k == 0 {
			b.WriteString(n[:extra])
			k = extra
		}
		b.WriteByte(n[k])
		k++
	}
	return b.String()
}

// Number renders a stored number in plain decimal: digit strings are
// kept as they are, ".0" and exponents are removed, and other fractions
// are rounded to 15 significant digits as Excel shows them. Text that is
// not a number is returned unchanged.
func Number(v string) string {
	if isDigits(strings.TrimPrefix(v, "-")) {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// FormatNumber renders a stored number as a person reads it, given its
// number format (id, and code when custom): a date when the format shows
// one, zero-padded when it pads (000-00-0000), else in plain decimal.
// The binary formats (xls, xlsb) render their numbers with it, as xlsx
// does; id -1 is no format.
func FormatNumber(f float64, id int, code string, custom, date1904 bool) string {
	v := strconv.FormatFloat(f, 'f', -1, 64)
	if id < 0 {
		return Number(v)
	}
	if !custom && IsBuiltinDate(id) || custom && IsDateFormat(code) {
		if s, ok := SerialDate(f, date1904); ok {
			return s
		}
	}
	if custom {
		if tmpl := ZeroTemplate(code); tmpl != "" {
			return Pad(Number(v), tmpl)
		}
	}
	return Number(v)
}

// Formats are the number formats of a binary workbook (xls, xlsb): the
// format of each cell XF, the custom format codes by id, and the date
// system.
type Formats struct {
	XF       []int
	Custom   map[int]string
	Date1904 bool
}

// Number renders f in the format of cell XF xf, with FormatNumber.
func (s *Formats) Number(f float64, xf int) string {
	if xf < 0 || xf >= len(s.XF) {
		return FormatNumber(f, -1, "", false, s.Date1904)
	}
	id := s.XF[xf]
	code, custom := s.Custom[id]
	return FormatNumber(f, id, code, custom, s.Date1904)
}

// RK decodes an RK number, the compact number of the binary formats: a
// 30-bit integer or the top 30 bits of a double, divided by 100 when its
// lowest bit says so.
func RK(v uint32) float64 {
	var f float64
	if v&0x02 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&0xFFFFFFFC) << 32)
	}
	if v&0x01 != 0 {
		f /= 100
	}
	return f
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SerialDate renders an Excel date serial as an ISO 8601 date
// ("2024-01-15"), a date and time ("2024-01-15T10:30:00") or, below 1, a
// time of day ("10:30:00"). ok is false outside years 1900 to 9999.
func SerialDate(serial float64, date1904 bool) (string, bool) {
	if serial < 0 || serial > 2958466 || math.IsNaN(serial) {
		return "", false
	}
	days := math.Floor(serial)
	secs := math.Round((serial - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	var epoch time.Time
	switch {
	case date1904:
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 61:
		// Excel counts a 29 February 1900 that never was; before it, day 1 is 1 January 1900.
		epoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	switch {
	case days == 0 && !date1904:
		return t.Format("15:04:05"), true
	case secs == 0:
		return t.Format("2006-01-02"), true
	default:
		return t.Format("2006-01-02T15:04:05"), true
	}
}

// parseRef splits a cell reference ("C5") into its 1-based column and row.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && (ref[i]|0x20) >= 'a' && (ref[i]|0x20) <= 'z' {
		col = col*26 + int(ref[i]|0x20-'a'+1)
		i++
		if col > 16384 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(ref) || !isDigits(ref[i:]) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	return col, row, err == nil && row > 0
}

// ColName is the letters of a 1-based column number (1 = A, 27 = AA).
func ColName(col int) string {
	var s []byte
	for col > 0 {
		col--
		s = append([]byte{byte('A' + col%26)}, s...)
		col /= 26
	}
	return string(s)
}

// looksLikeHeader reports whether the first non-empty row is a header:
// at least 60% of its cells are short text with letters and no digits,
// no '@', and all values differ.
func looksLikeHeader(row []Cell) bool {
	seen := map[string]bool{}
	good := 0
	for _, c := range row {
		t := strings.TrimSpace(c.Text)
		if seen[strings.ToLower(t)] {
			return false
		}
		seen[strings.ToLower(t)] = true
		if c.IsText && len(t) <= 64 && !strings.ContainsAny(t, "0123456789@") && strings.IndexFunc(t, isLetter) >= 0 {
			good++
		}
	}
	return good*10 >= len(row)*6 && good > 0
}

// isLetter reports whether r is a letter.
func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f
}
