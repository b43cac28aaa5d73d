// Package sql extracts the values of SQL dumps (mysqldump, pg_dump with
// --inserts or COPY, SQLite .dump): each quoted string or number in an
// INSERT INTO t (cols) VALUES (...), (...) statement becomes a segment
// whose Field is its column name, taken from the statement's column list
// or from the CREATE TABLE seen before it, and whose Record is the row.
// COPY t (cols) FROM stdin blocks are read as tab-separated rows. Other
// statements are skipped. The dump is read as a stream, one value at a
// time, with exact byte offsets.
package sql

import (
	"bufio"
	"context"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// MaxValue is the longest value kept; longer values are cut.
const MaxValue = 1 << 20

// Extractor reads SQL dumps.
type Extractor struct{}

// Format returns "sql".
func (Extractor) Format() string { return "sql" }

// Accepts takes files named .sql, and dumps whose head has an INSERT INTO
// or CREATE TABLE statement.
func (Extractor) Accepts(name string, head []byte) bool {
	_, _, utf16 := scan.UTF16(head)
	if strings.EqualFold(path.Ext(name), ".sql") && utf16 {
		return true // SQL Server Management Studio saves scripts as UTF-16
	}
	if scan.Binary(head) {
		return false
	}
	if strings.EqualFold(path.Ext(name), ".sql") {
		return true
	}
	h := strings.ToUpper(string(head))
	return strings.Contains(h, "INSERT INTO ") || strings.Contains(h, "CREATE TABLE ") && strings.Contains(h, "-- ")
}

type lexer struct {
	r   *bufio.Reader
	off int64 // offset of the next byte
	// last is the byte next read last, and pend holds it again (-1:
	// nothing) once back put it back: bufio's UnreadByte cannot after a
	// Peek, and a byte lost so put every later offset one byte out
	// (a negative number, VALUES (-5, …)).
	last byte
	pend int
}

func (l *lexer) next() (byte, error) {
	if l.pend >= 0 {
		c := byte(l.pend)
		l.pend = -1
		l.off++
		l.last = c
		return c, nil
	}
	c, err := l.r.ReadByte()
	if err == nil {
		l.off++
		l.last = c
	}
	return c, err
}

func (l *lexer) peek() (byte, error) {
	if l.pend >= 0 {
		return byte(l.pend), nil
	}
	b, err := l.r.Peek(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// peekN returns up to the next n bytes without reading them.
func (l *lexer) peekN(n int) []byte {
	if l.pend < 0 {
		b, _ := l.r.Peek(n)
		return b
	}
	b, _ := l.r.Peek(n - 1)
	return append([]byte{byte(l.pend)}, b...)
}

// back puts the byte next read last back.
func (l *lexer) back() {
	l.pend = int(l.last)
	l.off--
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() error {
	for {
		c, err := l.next()
		if err != nil {
			return err
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '-':
			if p, _ := l.peek(); p == '-' {
				if err := l.skipLine(); err != nil {
					return err
				}
				continue
			}
			l.back()
			return nil
		case c == '#':
			if err := l.skipLine(); err != nil {
				return err
			}
		case c == '/':
			if p, _ := l.peek(); p == '*' {
				l.next()
				prev := byte(0)
				for {
					c, err := l.next()
					if err != nil {
						return err
					}
					if prev == '*' && c == '/' {
						break
					}
					prev = c
				}
				continue
			}
			l.back()
			return nil
		default:
			l.back()
			return nil
		}
	}
}

func (l *lexer) skipLine() error {
	for {
		c, err := l.next()
		if err != nil || c == '\n' {
			return err
		}
	}
}

// word reads an identifier or keyword, unquoting `x`, "x" and [x].
func (l *lexer) word() (string, error) {
	if err := l.skipSpace(); err != nil {
		return "", err
	}
	w, name, err := l.part()
	if err != nil || !name {
		return w, err // a single other character: no name to qualify
	}
	// A qualified name: [dbo].[Customers], schema."table".
	for {
		if p, _ := l.peek(); p != '.' {
			return w, nil
		}
		l.next()
		c, err := l.peek()
		if err != nil || !identChar(c) && c != '`' && c != '"' && c != '[' {
			return w + ".", nil
		}
		part, _, err := l.part()
		if err != nil {
			return w, err
		}
		w += "." + part
	}
}

// part reads one part of a name: an identifier or a quoted one (name
// true), or a single other character.
func (l *lexer) part() (string, bool, error) {
	c, err := l.next()
	if err != nil {
		return "", false, err
	}
	var b strings.Builder
	switch c {
	case '`', '"', '[':
		end := c
		if c == '[' {
			end = ']'
		}
		for {
			c, err := l.next()
			if err != nil {
				return "", false, err
			}
			if c == end {
				return b.String(), true, nil
			}
			b.WriteByte(c)
		}
	}
	if !identChar(c) {
		return string(c), false, nil
	}
	b.WriteByte(c)
	for {
		c, err := l.next()
		if err != nil {
			return b.String(), true, nil
		}
		if !identChar(c) {
			l.back()
			return b.String(), true, nil
		}
		b.WriteByte(c)
	}
}

func identChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

// skipStatement skips to the ';' that ends the statement, outside quotes.
func (l *lexer) skipStatement() error {
	var q byte
	for {
		c, err := l.next()
		if err != nil {
			return err
		}
		switch {
		case q != 0:
			if c == '\\' && q == '\'' {
				l.next()
			} else if c == q {
				q = 0
			}
		case c == '\'' || c == '"' || c == '`':
			q = c
		case c == ';':
			return nil
		case c == '\n' && l.goLine():
			return nil
		}
	}
}

// goLine reports, at the start of a line, whether the line is GO, the
// batch separator of SQL Server scripts (SSMS writes no ';'), and reads
// it if so.
func (l *lexer) goLine() bool {
	b := l.peekN(8)
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i+2 > len(b) || b[i]|0x20 != 'g' || b[i+1]|0x20 != 'o' {
		return false
	}
	if j := i + 2; j < len(b) && b[j] != '\r' && b[j] != '\n' && b[j] != ' ' && b[j] != '\t' {
		return false
	}
	_ = l.skipLine()
	return true
}

type extraction struct {
	in     *scan.Input
	l      *lexer
	emit   func(scan.Segment) error
	tables map[string][]string
	// pending is a word read past the end of a statement without ';'
	// (the next INSERT of an SSMS script): the next statement's first.
	pending string
	row     int
	val     []byte
	offs    []int64
	// In a table of label-value pairs: label is the label of the row
	// labelRec, entity the record of the entity of the row entityRow;
	// pairs are the columns of pairCols, the last column list seen.
	label, labelRec   string
	entity, entityRow string
	pairs             columns.Pairs
	pairCols          []string
}

// pairsOf returns the pair columns of cols, computed once per column list.
func (x *extraction) pairsOf(cols []string) columns.Pairs {
	if len(cols) == 0 {
		return columns.Pairs{Label: -1, Value: -1, Entity: -1}
	}
	if len(x.pairCols) != len(cols) || &x.pairCols[0] != &cols[0] {
		x.pairCols, x.pairs = cols, columns.PairColumns(cols)
	}
	return x.pairs
}

// Extract reads in.R and emits the values of INSERT and COPY statements.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	r, emit := scan.Unmarked(bufio.NewReaderSize(in.R, 256<<10), emit)
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	x := &extraction{in: in, l: &lexer{r: br, pend: -1}, emit: emit, tables: map[string][]string{}}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		w, err := x.pending, error(nil)
		if w == "" {
			w, err = x.l.word()
		}
		x.pending = ""
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch strings.ToUpper(w) {
		case "INSERT", "REPLACE":
			err = x.insert()
		case "CREATE":
			err = x.create()
		case "COPY":
			err = x.copyStmt()
		case ";", "GO":
			continue
		default:
			err = x.l.skipStatement()
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func short(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// create reads the column names of CREATE TABLE t (col type, ...).
func (x *extraction) create() error {
	w, err := x.l.word()
	if err != nil {
		return err
	}
	if !strings.EqualFold(w, "TABLE") {
		return x.l.skipStatement()
	}
	name, err := x.l.word()
	if err != nil {
		return err
	}
	for strings.EqualFold(name, "IF") || strings.EqualFold(name, "NOT") || strings.EqualFold(name, "EXISTS") {
		if name, err = x.l.word(); err != nil {
			return err
		}
	}
	if p, err := x.l.word(); err != nil || p != "(" {
		if err != nil {
			return err
		}
		return x.l.skipStatement()
	}
	var cols []string
	depth := 1
	first := true
	for depth > 0 {
		w, err := x.l.word()
		if err != nil {
			return err
		}
		switch w {
		case "(":
			depth++
		case ")":
			depth--
		case ",":
			if depth == 1 {
				first = true
			}
			continue
		case "'":
			x.l.back()
			if _, err := x.quoted(); err != nil {
				return err
			}
		default:
			if first && depth == 1 {
				switch strings.ToUpper(w) {
				case "PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FOREIGN", "CHECK", "FULLTEXT":
				default:
					cols = append(cols, w)
				}
			}
		}
		first = false
	}
	x.tables[short(name)] = cols
	return x.l.skipStatement()
}

// insert reads INSERT [IGNORE] INTO t [(cols)] VALUES (...), ... ;
func (x *extraction) insert() error {
	var table string
	for table == "" {
		w, err := x.l.word()
		if err != nil {
			return err
		}
		switch u := strings.ToUpper(w); u {
		case "INTO":
			if table, err = x.l.word(); err != nil {
				return err
			}
		case ";":
			return nil
		case "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "OR", "REPLACE", "ROLLBACK", "ABORT", "FAIL":
		default:
			table = w // SQL Server: INSERT [dbo].[T] (...) VALUES, without INTO
		}
	}
	cols := x.tables[short(table)]
	w, err := x.l.word()
	if err != nil {
		return err
	}
	if w == "(" {
		cols = nil
		for {
			c, err := x.l.word()
			if err != nil {
				return err
			}
			if c == ")" {
				break
			}
			if c != "," {
				cols = append(cols, c)
			}
		}
		if w, err = x.l.word(); err != nil {
			return err
		}
	}
	if !strings.EqualFold(w, "VALUES") && !strings.EqualFold(w, "VALUE") {
		return x.l.skipStatement()
	}
	for {
		if err := x.l.skipSpace(); err != nil {
			return err
		}
		c, err := x.l.next()
		if err != nil {
			return err
		}
		switch c {
		case ',':
			continue
		case ';':
			return nil
		case '(':
			if err := x.tuple(table, cols); err != nil {
				return err
			}
		default:
			// ON DUPLICATE KEY UPDATE ... or RETURNING: skip the rest.
			// Another word ends a statement written without ';': the
			// next INSERT of an SSMS script, or GO.
			x.l.back()
			w, err := x.l.word()
			if err != nil {
				return err
			}
			switch strings.ToUpper(w) {
			case "ON", "RETURNING", "WHERE", "AS":
				return x.l.skipStatement()
			}
			x.pending = w
			return nil
		}
	}
}

// tuple reads one parenthesised row of values.
func (x *extraction) tuple(table string, cols []string) error {
	x.row++
	record := x.in.Path + "#row=" + strconv.Itoa(x.row)
	col := 0
	for {
		if err := x.l.skipSpace(); err != nil {
			return err
		}
		c, err := x.l.peek()
		if err != nil {
			return err
		}
		switch {
		case c == ')':
			x.l.next()
			return nil
		case c == ',':
			x.l.next()
			col++
			continue
		case (c == 'N' || c == 'n' || c == 'E' || c == 'e' || c == '_') && x.prefixed():
			fallthrough // N'…', E'…', _utf8mb4'…': a string with a prefix
		case c == '\'' || c == '"' && false:
			start, err := x.quoted()
			if err != nil {
				return err
			}
			if err := x.value(start, cols, col, record); err != nil {
				return err
			}
		case c == '(':
			// A function call such as UNHEX('..'): skip it.
			depth := 0
			for {
				c, err := x.l.next()
				if err != nil {
					return err
				}
				if c == '(' {
					depth++
				} else if c == ')' {
					depth--
					if depth == 0 {
						break
					}
				} else if c == '\'' {
					x.l.back()
					if _, err := x.quoted(); err != nil {
						return err
					}
				}
			}
		default:
			// A number, NULL, or an expression up to , or ).
			start := x.l.off
			x.val = x.val[:0]
			x.offs = nil
			depth := 0
			for {
				c, err := x.l.next()
				if err != nil {
					return err
				}
				if depth == 0 && (c == ',' || c == ')') {
					x.l.back()
					break
				}
				if c == '(' {
					depth++
				} else if c == ')' {
					depth--
				}
				if len(x.val) < MaxValue {
					x.val = append(x.val, c)
				}
			}
			v := strings.TrimSpace(string(x.val))
			if i, lit, ok := castLiteral(string(x.val)); ok {
				// CAST(N'1985-03-22' AS Date), TO_DATE('…', 'YYYY-MM-DD'):
				// SQL Server and Oracle dumps write dates so.
				x.val, x.offs = append(x.val[:0], lit...), nil
				if err := x.value(start+int64(i), cols, col, record); err != nil {
					return err
				}
				continue
			}
			if v != "" && !strings.EqualFold(v, "NULL") && (v[0] >= '0' && v[0] <= '9' || v[0] == '-') {
				x.offs = nil
				if err := x.value(start, cols, col, record); err != nil {
					return err
				}
			}
		}
	}
}

// castLiteral returns the string literal that a conversion expression
// starts with (CAST, CONVERT, TRY_CAST, TO_DATE, TO_TIMESTAMP) and where
// it starts in e, when it has no quote doubled inside.
func castLiteral(e string) (int, string, bool) {
	u := strings.ToUpper(strings.TrimLeft(e, " \t\r\n"))
	fn := false
	for _, p := range [...]string{"CAST(", "TRY_CAST(", "CONVERT(", "TRY_CONVERT(", "TO_DATE(", "TO_TIMESTAMP("} {
		fn = fn || strings.HasPrefix(u, p)
	}
	if !fn {
		return 0, "", false
	}
	i := strings.IndexByte(e, '\'')
	if i < 0 {
		return 0, "", false
	}
	j := strings.IndexByte(e[i+1:], '\'')
	if j < 0 || strings.HasPrefix(e[i+1+j+1:], "'") {
		return 0, "", false
	}
	return i + 1, e[i+1 : i+1+j], true
}

// prefixed reads the prefix of a string literal, reporting whether there
// was one: SQL Server's N'…' (national), PostgreSQL's E'…' (escapes) and
// MySQL's character set introducers (_utf8mb4'…', _binary'…'). Else
// nothing is read: an N starts NULL.
func (x *extraction) prefixed() bool {
	b := x.l.peekN(24)
	n := 1
	if len(b) > 0 && b[0] == '_' {
		for n < len(b) && (b[n] >= 'a' && b[n] <= 'z' || b[n] >= '0' && b[n] <= '9') {
			n++
		}
		if n == 1 {
			return false
		}
	}
	if n >= len(b) || b[n] != '\'' {
		return false
	}
	for range n {
		x.l.next()
	}
	return true
}

// quoted reads a 'string' with ” and backslash escapes into x.val and
// x.offs and returns the offset of its first byte.
func (x *extraction) quoted() (int64, error) {
	q, err := x.l.next()
	if err != nil {
		return 0, err
	}
	start := x.l.off
	x.val = x.val[:0]
	x.offs = x.offs[:0]
	escaped := false
	for {
		at := x.l.off
		c, err := x.l.next()
		if err != nil {
			return 0, err
		}
		if c == '\\' {
			d, err := x.l.next()
			if err != nil {
				return 0, err
			}
			escaped = true
			switch d {
			case 'n':
				d = '\n'
			case 't':
				d = '\t'
			case 'r':
				d = '\r'
			case '0':
				d = 0
			}
			c = d
		} else if c == q {
			if p, _ := x.l.peek(); p == q {
				x.l.next()
				escaped = true
			} else {
				break
			}
		}
		if len(x.val) < MaxValue {
			x.val = append(x.val, c)
			x.offs = append(x.offs, at)
		}
	}
	if !escaped {
		x.offs = nil
	}
	return start, nil
}

// value emits x.val, found at file offset start, as the value of column col.
func (x *extraction) value(start int64, cols []string, col int, record string) error {
	if len(x.val) == 0 {
		return nil
	}
	seg := scan.Segment{Text: x.val, Offset: start, Record: record}
	if col < len(cols) {
		seg.Field, seg.Columns = cols[col], cols
		// A table of label-value pairs (wp_usermeta's meta_key and
		// meta_value): the value is named by its row's label, and the
		// rows of one entity (user_id) make one record.
		p := x.pairsOf(cols)
		switch col {
		case p.Entity:
			x.entityRow, x.entity = record, x.in.Path+"#"+cols[col]+"="+strings.TrimSpace(string(x.val))
		case p.Label:
			x.label, x.labelRec = columns.PairLabel(string(x.val)), record
		case p.Value:
			if x.labelRec == record && x.label != "" {
				seg.Field = x.label
			}
		}
		if p.Entity >= 0 && x.entityRow == record {
			seg.Record = x.entity
		}
	}
	if x.offs != nil {
		offs := x.offs
		end := x.l.off - 1
		seg.Offset = -1
		seg.OffsetAt = func(i int) int64 {
			if i >= len(offs) {
				return end
			}
			if i < 0 {
				return -1
			}
			return offs[i]
		}
	}
	return x.emit(seg)
}

// copyStmt reads COPY t (cols) FROM stdin; followed by tab-separated rows
// up to a line "\.".
func (x *extraction) copyStmt() error {
	table, err := x.l.word()
	if err != nil {
		return err
	}
	cols := x.tables[short(table)]
	w, err := x.l.word()
	if err != nil {
		return err
	}
	if w == "(" {
		cols = nil
		for {
			c, err := x.l.word()
			if err != nil {
				return err
			}
			if c == ")" {
				break
			}
			if c != "," {
				cols = append(cols, c)
			}
		}
		w, _ = x.l.word()
	}
	if !strings.EqualFold(w, "FROM") {
		return x.l.skipStatement()
	}
	src, _ := x.l.word()
	if err := x.l.skipStatement(); err != nil {
		return err
	}
	if !strings.EqualFold(src, "stdin") {
		return nil
	}
	if err := x.l.skipLine(); err != nil {
		return err
	}
	for {
		line, err := x.l.r.ReadSlice('\n') // skipLine left nothing put back
		start := x.l.off
		x.l.off += int64(len(line))
		if len(line) == 0 && err != nil {
			return err
		}
		l := strings.TrimRight(string(line), "\r\n")
		if l == `\.` {
			return nil
		}
		x.row++
		record := x.in.Path + "#row=" + strconv.Itoa(x.row)
		off := start
		for i, f := range strings.Split(l, "\t") {
			if f != `\N` && f != "" {
				x.val = append(x.val[:0], f...)
				x.offs = nil
				if err := x.value(off, cols, i, record); err != nil {
					return err
				}
			}
			off += int64(len(f)) + 1
		}
		if err != nil {
			return err
		}
	}
}
