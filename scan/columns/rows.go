package columns

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/breachkit/breachkit/scan"
)

// RowTable is a table whose rows are lines of text with their cells set
// apart only by spaces, as OCR gives a scanned register and some report
// writers print one: "Sierra Jefferson 361-55-9684 08/25/1965 3658.06".
// The cells cannot be told apart in general, but dates can, by their
// shape, and the header says by their order which is which: a date of
// birth forty rows below its header has no keyword near it, so its
// column's name is the context it needs. So can a row's one number shaped
// as an SSN, when the header has one SSN column.
type RowTable struct {
	// Header is the index of the header line; Rows those of the rows.
	Header int
	Rows   []int
	// Dates names the date columns in their order in the header ("Date
	// of Birth", "Hire Date").
	Dates []string
	// SSN names the header's one column of social security numbers, if
	// it has one: a row's one nine-digit number is its value.
	SSN string
}

// minRowTable is the fewest rows a row table has.
const minRowTable = 3

// dateHeads are the words and phrases that name a date column; the first
// ones name a date of birth.
var dateHeads = []string{"date of birth", "birth date", "birthdate", "d.o.b.", "dob", "born", "birthday",
	"date", "dt"}

// FindRowTable finds a header line that names date columns, one of them
// a date of birth or an SSN column beside them, followed by at least
// minRowTable lines holding exactly as many dates, and reports the first
// such table.
func FindRowTable(lines []string) (RowTable, bool) {
	for h, l := range lines {
		names := dateColumns(l)
		if len(names) == 0 {
			continue
		}
		t := RowTable{Header: h, Dates: names, SSN: ssnColumn(l)}
		if !t.HasBirths() && t.SSN == "" {
			continue // nothing the rows' context would name
		}
		misses := 0 // lines with digits in a row that are not rows
		for i := h + 1; i < len(lines) && misses < 3; i++ {
			l := lines[i]
			switch {
			case strings.TrimSpace(l) == "" || headerLike(l):
				// A blank line, a title or the header repeated on a page.
			case len(DateSpans(l)) == len(names):
				t.Rows = append(t.Rows, i)
				misses = 0
			default:
				misses++ // a row missing a date, a total: the table may go on
			}
		}
		if len(t.Rows) >= minRowTable {
			return t, true
		}
	}
	return RowTable{}, false
}

// dateColumns returns the names of a header line's date columns, in
// order, or nil when the line is not a header: it has digits, is long,
// or names fewer than two columns of any kind.
func dateColumns(l string) []string {
	if len(l) > 200 || strings.ContainsFunc(l, unicode.IsDigit) || len(strings.Fields(l)) < 2 || strings.HasSuffix(strings.TrimSpace(l), ".") {
		return nil
	}
	low := strings.ToLower(l)
	for _, w := range strings.Fields(low) {
		if proseWords[strings.Trim(w, ",;:")] {
			return nil // a sentence that mentions dates, not a header
		}
	}
	var names []string
	for i := 0; i < len(low); {
		found := false
		for _, h := range dateHeads {
			if strings.HasPrefix(low[i:], h) && wordEdge(low, i-1) && wordEdge(low, i+len(h)) {
				// The column's name runs to the next double space, or is
				// the phrase itself.
				end := i + len(h)
				if k := strings.Index(l[i:], "  "); k > len(h) {
					end = i + k
				}
				names = append(names, strings.TrimSpace(l[i:end]))
				i = end
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return names
}

// proseWords are words a sentence has and a row of column names does not.
var proseWords = map[string]bool{"the": true, "and": true, "with": true, "was": true, "were": true, "is": true, "are": true,
	"we": true, "you": true, "your": true, "our": true, "please": true, "has": true, "have": true, "on": true, "in": true, "for": true, "to": true}

// wordEdge reports whether position i of s is outside a word.
func wordEdge(s string, i int) bool {
	return i < 0 || i >= len(s) || !unicode.IsLetter(rune(s[i]))
}

// headerLike reports whether a line has no digits (a title or a header
// repeated at the top of a page).
func headerLike(l string) bool {
	return !strings.ContainsFunc(l, unicode.IsDigit)
}

// Split returns a row line with the values named by the header blanked
// out (spaces, so that the other bytes keep their places) and those
// values with the names of their columns: the dates of birth, and the
// one social security number when the header has its column and the
// row one number of its shape.
func (t RowTable) Split(l string) (rest string, cells []Cell) {
	spans := DateSpans(l)
	if len(spans) != len(t.Dates) {
		return l, nil
	}
	b := []byte(l)
	take := func(name string, sp [2]int) {
		cells = append(cells, Cell{Name: name, Text: l[sp[0]:sp[1]], Start: sp[0]})
		for k := sp[0]; k < sp[1]; k++ {
			b[k] = ' '
		}
	}
	for i, sp := range spans {
		if IsBirthColumn(t.Dates[i]) {
			take(t.Dates[i], sp)
		}
	}
	if t.SSN != "" {
		if ss := ssnSpans(l); len(ss) == 1 {
			take(t.SSN, ss[0])
		}
	}
	return string(b), cells
}

// ssnHeads name a column of social security numbers.
var ssnHeads = []string{"social security number", "social security no", "social security", "soc sec no", "soc sec", "ssn", "ss#", "ss no"}

// ssnColumn returns the name of a header line's one column of social
// security numbers, or "".
func ssnColumn(l string) string {
	low := strings.ToLower(l)
	found := ""
	for i := 0; i < len(low); i++ {
		for _, h := range ssnHeads {
			if strings.HasPrefix(low[i:], h) && wordEdge(low, i-1) && (wordEdge(low, i+len(h)) || strings.HasSuffix(h, "#")) {
				if found != "" {
					return "" // two: which is which is not known
				}
				found = strings.TrimSpace(l[i : i+len(h)])
				i += len(h)
				break
			}
		}
	}
	return found
}

// ssnSpans returns the spans of the words of a line shaped as a social
// security number: nine digits, or 3-2-4 with dashes.
func ssnSpans(l string) [][2]int {
	var out [][2]int
	lineWords(l, func(w string, i int) {
		if len(w) == 9 && digits(w) == 9 || len(w) == 11 && digits(w) == 9 && w[3] == '-' && w[6] == '-' {
			out = append(out, [2]int{i, i + len(w)})
		}
	})
	return out
}

// lineWords calls fn with each word of a line (without a trailing comma
// or semicolon) and where it starts.
func lineWords(l string, fn func(w string, start int)) {
	for i := 0; i < len(l); {
		if space(l[i]) {
			i++
			continue
		}
		j := i
		for j < len(l) && !space(l[j]) {
			j++
		}
		fn(strings.TrimRight(l[i:j], ",;"), i)
		i = j
	}
}

// Cell is a value of a RowTable's row with its column's name, and where
// it starts in the line.
type Cell struct {
	Name, Text string
	Start      int
}

// EmitRow emits row line l of t: row (its Record, Page and location
// given) with the line's text, its named values blanked, then each named
// value as a segment of the same record, located through row.OffsetAt.
// A row without a location has its text trimmed.
func (t RowTable) EmitRow(l string, row scan.Segment, emit func(scan.Segment) error) error {
	rest, cells := t.Split(l)
	if row.OffsetAt == nil {
		rest = strings.TrimSpace(rest)
	}
	row.Text = []byte(rest)
	if err := emit(row); err != nil {
		return err
	}
	for _, c := range cells {
		seg := scan.Segment{Text: []byte(c.Text), Offset: -1, Field: c.Name, Record: row.Record, Page: row.Page}
		if row.OffsetAt != nil {
			seg.Offset = row.OffsetAt(c.Start)
		}
		if err := emit(seg); err != nil {
			return err
		}
	}
	return nil
}

// isRow reports whether line i is one of t's rows.
func (t RowTable) isRow(i int) bool {
	_, ok := slices.BinarySearch(t.Rows, i)
	return ok
}

// HasBirths reports whether one of t's date columns is a date of birth.
func (t RowTable) HasBirths() bool {
	for _, d := range t.Dates {
		if IsBirthColumn(d) {
			return true
		}
	}
	return false
}

// IsBirthColumn reports whether a date column's name says date of birth.
func IsBirthColumn(name string) bool {
	low := strings.ToLower(name)
	for _, h := range dateHeads[:7] {
		if strings.Contains(low, h) {
			return true
		}
	}
	return false
}

// DateSpans returns the byte spans of the date-shaped words of a line:
// 08/25/1965, 8-25-65, 1965-08-25, 25.08.1965, 25-Aug-1965.
func DateSpans(l string) [][2]int {
	var out [][2]int
	lineWords(l, func(w string, i int) {
		if dateWord(w) {
			out = append(out, [2]int{i, i + len(w)})
		}
	})
	return out
}

// space reports whether c separates the words of a line.
func space(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// dateWord reports whether w is a date written with separators: year
// first (1965-08-25) or last (08/25/1965, 25.08.65, 25-Aug-1965), with a
// month and a day that can be.
func dateWord(w string) bool {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || len(w) < 6 || len(w) > 11 {
		return false
	}
	num := func(p string) (int, bool) {
		if p == "" || len(p) > 4 || digits(p) != len(p) {
			return 0, false
		}
		n := 0
		for _, c := range p {
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	year := func(p string) bool {
		y, ok := num(p)
		return ok && (len(p) == 2 || len(p) == 4 && y >= 1800 && y <= 2100)
	}
	a, okA := num(parts[0])
	b, okB := num(parts[1])
	switch {
	case len(parts[0]) == 4:
		c, okC := num(parts[2])
		return year(parts[0]) && okB && okC && b >= 1 && b <= 12 && c >= 1 && c <= 31
	case !year(parts[2]) || !okA || a < 1 || a > 31:
		return false
	case okB:
		return b >= 1 && b <= 31 && (a <= 12 || b <= 12)
	}
	return len(parts[1]) == 3 && digits(parts[1]) == 0 // 25-Aug-1965
}

// EmitLines emits lines of text that may hold row tables: each table's
// rows as records rec+"!row=R" (R counted from first), the row's text with
// its dates of birth blanked and each such date as a segment named by its
// column; the other lines, in runs, as text of the record rec. page is
// set on every segment (0 for none). It returns the number of rows.
func EmitLines(lines []string, rec string, page, first int, emit func(scan.Segment) error) (int, error) {
	text := func(ls []string) error {
		t := strings.Trim(strings.Join(ls, "\n"), "\n")
		if strings.TrimSpace(t) == "" {
			return nil
		}
		return emit(scan.Segment{Text: []byte(t), Offset: -1, Page: page, Record: rec})
	}
	n := first
	for len(lines) > 0 {
		t, ok := FindRowTable(lines)
		if !ok {
			break
		}
		last := t.Rows[len(t.Rows)-1]
		if err := text(lines[:t.Header+1]); err != nil {
			return n - first, err
		}
		var between []string
		for i := t.Header + 1; i <= last; i++ {
			if !t.isRow(i) {
				between = append(between, lines[i])
				continue
			}
			if err := text(between); err != nil {
				return n - first, err
			}
			between = between[:0]
			n++
			row := scan.Segment{Offset: -1, Page: page, Record: rec + "!row=" + strconv.Itoa(n)}
			if err := t.EmitRow(lines[i], row, emit); err != nil {
				return n - first, err
			}
		}
		lines = lines[last+1:]
	}
	return n - first, text(lines)
}

// Paragraphs holds the paragraphs an extractor emits one by one (a Word
// document's body) so that a register typed as one paragraph a row
// (cells apart by tabs or spaces) is read by rows, like a register in a
// page of text. Other segments, and paragraphs when no register is among
// them, are passed on as they came. It holds at most maxHeld paragraphs.
type Paragraphs struct {
	emit func(scan.Segment) error
	held []scan.Segment
	rows int
}

// maxHeld bounds the paragraphs a Paragraphs holds before it looks at
// them; maxRowLen the length of one it holds (a row is a line): at most
// about 1 MiB held.
const (
	maxHeld   = 2000
	maxRowLen = 500
)

// NewParagraphs returns a Paragraphs that passes segments on to emit.
func NewParagraphs(emit func(scan.Segment) error) *Paragraphs {
	return &Paragraphs{emit: emit}
}

// Emit takes the next segment: a paragraph ("path#para=N") of one line of
// free text is held, anything else first lets the held ones go.
func (p *Paragraphs) Emit(s scan.Segment) error {
	if s.Field != "" || s.Offset >= 0 || s.OffsetAt != nil || !strings.Contains(s.Record, "#para=") ||
		len(s.Text) > maxRowLen || strings.ContainsRune(strings.TrimSpace(string(s.Text)), '\n') {
		if err := p.Flush(); err != nil {
			return err
		}
		return p.emit(s)
	}
	s.Text = bytes.Clone(s.Text)
	p.held = append(p.held, s)
	if len(p.held) >= maxHeld {
		return p.Flush()
	}
	return nil
}

// Flush lets the held paragraphs go: the rows of a register among them
// as records of their own ("<record of the header>!row=R"), with their
// dates of birth and SSNs named by their columns; the others unchanged.
func (p *Paragraphs) Flush() error {
	held := p.held
	p.held = p.held[:0]
	for len(held) > 0 {
		lines := make([]string, len(held))
		for i, s := range held {
			lines[i] = string(s.Text)
		}
		t, ok := FindRowTable(lines)
		if !ok {
			break
		}
		last := t.Rows[len(t.Rows)-1]
		for i := 0; i <= last; i++ {
			if !t.isRow(i) {
				if err := p.emit(held[i]); err != nil {
					return err
				}
				continue
			}
			p.rows++
			row := held[i]
			row.Record = held[t.Header].Record + "!row=" + strconv.Itoa(p.rows)
			if err := t.EmitRow(lines[i], row, p.emit); err != nil {
				return err
			}
		}
		held = held[last+1:]
	}
	for _, s := range held {
		if err := p.emit(s); err != nil {
			return err
		}
	}
	return nil
}
