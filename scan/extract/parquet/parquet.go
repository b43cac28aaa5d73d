// Package parquet extracts the values of Apache Parquet files, the format
// data warehouses and data lakes export tables in (and so what a stolen
// cloud bucket often holds), with parquet-go/parquet-go.
//
// Each non-null value becomes a segment named by its column's path
// ("customer.ssn" for a nested column), in the record "path#row=N"
// (rows counted across row groups from 1). Values are rendered as a
// person reads them: dates (DATE, and INT96 and TIMESTAMP columns) as ISO
// 8601, decimals with their scale, numbers in plain decimal, strings as
// they are. Binary values that are not UTF-8 text are left out and
// counted in a warning. Offsets are -1: values are decoded from pages.
package parquet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Extractor reads Parquet files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "parquet" }

// magic starts (and ends) every Parquet file.
var magic = []byte("PAR1")

// Accepts implements scan.Extractor: a .parquet name, or a binary head
// that starts with PAR1 (a text that does is text).
func (Extractor) Accepts(name string, head []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), ".parquet") || bytes.HasPrefix(head, magic) && scan.Binary(head)
}

// column is what rendering a leaf column's values needs.
type column struct {
	name string
	kind kind
	unit time.Duration // of a timestamp
	sc   int32         // scale of a decimal
}

type kind int

const (
	plain kind = iota
	date
	timestamp
	decimal
	text // a byte array known to hold a string
)

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) (err error) {
	ra, size, cleanup, err := archive.SpoolSource(in)
	if err != nil {
		return err
	}
	defer cleanup()
	defer func() {
		// Damaged pages can make the decoder panic; that is a damaged
		// file, not a scanner bug.
		if p := recover(); p != nil {
			err = fmt.Errorf("corrupt Parquet file (the decoder failed: %v)", p)
		}
	}()
	if err := checkFooter(ra, size); err != nil {
		return fmt.Errorf("corrupt Parquet file: %v; not opened", err)
	}
	f, err := parquet.OpenFile(ra, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return fmt.Errorf("corrupt Parquet file: %v", err)
	}
	if lz4Raw(f.Metadata()) {
		return errLZ4Raw
	}
	cols := columns(f.Schema())
	names := make([]string, len(cols)) // given to each value (scan.Segment.Columns)
	for i, c := range cols {
		names[i] = c.name
	}
	row, binary := 0, 0
	buf := make([]parquet.Row, 64)
	for g, rg := range f.RowGroups() {
		rows := rg.Rows()
		for {
			if err := ctx.Err(); err != nil {
				rows.Close()
				return err
			}
			n, rerr := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				row++
				rec := in.Path + "#row=" + strconv.Itoa(row)
				for _, v := range r {
					c := v.Column()
					if v.IsNull() || c < 0 || c >= len(cols) {
						continue
					}
					s, ok := render(v, cols[c])
					if !ok {
						binary++
						continue
					}
					if strings.TrimSpace(s) == "" {
						continue
					}
					if err := emit(scan.Segment{Text: []byte(s), Offset: -1, Field: cols[c].name, Columns: names, Record: rec}); err != nil {
						rows.Close()
						return err
					}
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				rows.Close()
				if errors.Is(rerr, context.Canceled) {
					return rerr
				}
				in.Warning(fmt.Sprintf("row group %d read only to row %d: %v", g+1, row, rerr))
				break
			}
		}
		rows.Close()
	}
	if binary > 0 {
		in.Warning(fmt.Sprintf("%d binary values (not text) not scanned", binary))
	}
	return nil
}

// columns describes the leaf columns of a schema, in column order.
func columns(s *parquet.Schema) []column {
	paths := s.Columns()
	out := make([]column, len(paths))
	for i, p := range paths {
		c := column{name: strings.Join(listPath(p), ".")}
		leaf, ok := s.Lookup(p...)
		if ok {
			t := leaf.Node.Type()
			if lt := t.LogicalType(); lt != nil {
				switch v := lt.Value.(type) {
				case *format.DateType:
					c.kind = date
				case *format.TimestampType:
					c.kind, c.unit = timestamp, time.Millisecond
					if v.Unit.Value != nil {
						c.unit = v.Unit.Value.Duration()
					}
				case *format.DecimalType:
					c.kind, c.sc = decimal, v.Scale
				case *format.StringType, *format.EnumType, *format.JsonType:
					c.kind = text
				}
			} else if ct := t.ConvertedType(); ct != nil {
				switch *ct {
				case deprecated.Date:
					c.kind = date
				case deprecated.TimestampMillis:
					c.kind, c.unit = timestamp, time.Millisecond
				case deprecated.TimestampMicros:
					c.kind, c.unit = timestamp, time.Microsecond
				case deprecated.UTF8, deprecated.Enum, deprecated.Json:
					c.kind = text
				}
			}
		}
		out[i] = c
	}
	return out
}

// listPath drops the levels a LIST or MAP adds to a column's path
// ("phones.list.element" is "phones").
func listPath(p []string) []string {
	var out []string
	for i := 0; i < len(p); i++ {
		if (p[i] == "list" || p[i] == "key_value") && i+1 < len(p) && (p[i+1] == "element" || p[i+1] == "item" || p[i+1] == "key" || p[i+1] == "value") {
			if p[i+1] == "value" || p[i+1] == "key" {
				out = append(out, p[i+1])
			}
			i++
			continue
		}
		if p[i] == "bag" && i+1 < len(p) && p[i+1] == "array" {
			i++
			continue
		}
		out = append(out, p[i])
	}
	return out
}

// render returns a value as text, or false for binary data.
func render(v parquet.Value, c column) (string, bool) {
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean()), true
	case parquet.Int32:
		switch c.kind {
		case date:
			return time.Unix(int64(v.Int32())*86400, 0).UTC().Format("2006-01-02"), true
		case decimal:
			return scaled(big.NewInt(int64(v.Int32())), c.sc), true
		}
		return strconv.FormatInt(int64(v.Int32()), 10), true
	case parquet.Int64:
		switch c.kind {
		case timestamp:
			return stamp(time.Unix(0, 0).Add(time.Duration(v.Int64()) * c.unit)), true
		case decimal:
			return scaled(big.NewInt(v.Int64()), c.sc), true
		case date:
			return time.Unix(v.Int64()*86400, 0).UTC().Format("2006-01-02"), true
		}
		return strconv.FormatInt(v.Int64(), 10), true
	case parquet.Int96:
		// Impala and Spark timestamps: nanoseconds of the day, then the
		// Julian day.
		x := v.Int96()
		nanos := int64(x[1])<<32 | int64(x[0])
		days := int64(x[2]) - 2440588
		return stamp(time.Unix(days*86400, 0).Add(time.Duration(nanos))), true
	case parquet.Float:
		return strconv.FormatFloat(float64(v.Float()), 'f', -1, 32), true
	case parquet.Double:
		return strconv.FormatFloat(v.Double(), 'f', -1, 64), true
	case parquet.ByteArray, parquet.FixedLenByteArray:
		b := v.ByteArray()
		if c.kind == decimal {
			// Two's complement, big-endian.
			n := new(big.Int).SetBytes(b)
			if len(b) > 0 && b[0]&0x80 != 0 {
				n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
			}
			return scaled(n, c.sc), true
		}
		if utf8.Valid(b) {
			return string(b), true
		}
		return "", false
	}
	return v.String(), true
}

// stamp renders a timestamp as a date when it is midnight (a date of
// birth stored as a timestamp), else in RFC 3339.
func stamp(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}

// scaled renders an unscaled decimal with sc digits after the point.
func scaled(n *big.Int, sc int32) string {
	s := n.String()
	if sc <= 0 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for int32(len(s)) <= sc {
		s = "0" + s
	}
	s = s[:int32(len(s))-sc] + "." + s[int32(len(s))-sc:]
	if neg {
		s = "-" + s
	}
	return s
}
