package parquet

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/breachkit/breachkit/scan"
)

type address struct {
	ZIP string `parquet:"zip"`
}

// customer is a row of a generated warehouse export: the types and
// logical types such exports use.
type customer struct {
	ID      int64     `parquet:"id"`
	Name    string    `parquet:"full_name"`
	SSN     string    `parquet:"ssn,dict"`
	DOB     int32     `parquet:"dob,date"` // days since 1970 (parquet-go v0.32.1 writes time.Time dates wrong)
	Updated time.Time `parquet:"updated_at,timestamp(microsecond)"`
	Balance int64     `parquet:"balance,decimal(2:18)"`
	Phones  []string  `parquet:"phones,list"`
	Address address   `parquet:"address"`
	Photo   []byte    `parquet:"photo"`
	Note    *string   `parquet:"note,optional"`
}

type segOut struct{ Field, Record, Text string }

func makeFile(t testing.TB, rows []customer, opts ...parquet.WriterOption) []byte {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[customer](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func extract(t testing.TB, data []byte) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "c.parquet", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// days is a date as the DATE logical type stores it.
func days(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

var rows = func() []customer {
	note := "called about escrow"
	return []customer{
		{1, "Sierra Jefferson", "383-41-8663", days(1980, 5, 17), time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), 125050,
			[]string{"(415) 867-5309", "415-555-0100"}, address{"02110"}, []byte{0x89, 'P', 'N', 'G', 0xff}, &note},
		{2, "José Álvarez", "512-44-7081", days(1975, 12, 1), time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), -5,
			nil, address{"94103"}, nil, nil},
	}
}()

// TestParquet reads a generated export, plain and in small compressed
// row groups: values named by their column paths (lists and nested
// groups flattened), dates, timestamps and decimals rendered as read,
// binary values counted.
func TestParquet(t *testing.T) {
	want := []segOut{
		{"id", "c.parquet#row=1", "1"},
		{"full_name", "c.parquet#row=1", "Sierra Jefferson"},
		{"ssn", "c.parquet#row=1", "383-41-8663"},
		{"dob", "c.parquet#row=1", "1980-05-17"},
		{"updated_at", "c.parquet#row=1", "2025-01-02T03:04:05Z"},
		{"balance", "c.parquet#row=1", "1250.50"},
		{"phones", "c.parquet#row=1", "(415) 867-5309"},
		{"phones", "c.parquet#row=1", "415-555-0100"},
		{"address.zip", "c.parquet#row=1", "02110"},
		{"note", "c.parquet#row=1", "called about escrow"},
		{"id", "c.parquet#row=2", "2"},
		{"full_name", "c.parquet#row=2", "José Álvarez"},
		{"ssn", "c.parquet#row=2", "512-44-7081"},
		{"dob", "c.parquet#row=2", "1975-12-01"},
		{"updated_at", "c.parquet#row=2", "2024-06-30"},
		{"balance", "c.parquet#row=2", "-0.05"},
		{"address.zip", "c.parquet#row=2", "94103"},
	}
	for _, opts := range [][]parquet.WriterOption{nil, {parquet.MaxRowsPerRowGroup(1), parquet.Compression(&parquet.Zstd)}} {
		got, warns, err := extract(t, makeFile(t, rows, opts...))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("\n got %q\nwant %q", got, want)
		}
		if len(warns) != 1 || !strings.Contains(warns[0], "1 binary values") {
			t.Errorf("warnings %q", warns)
		}
	}
}

// TestDamaged cuts and scrambles a file: an error, never a panic.
func TestDamaged(t *testing.T) {
	data := makeFile(t, rows)
	for _, n := range []int{0, 4, len(data) / 2, len(data) - 1} {
		if _, _, err := extract(t, data[:n]); err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
	if !(Extractor{}).Accepts("x", data[:min(len(data), 512)]) || !(Extractor{}).Accepts("Export.PARQUET", nil) || (Extractor{}).Accepts("x.csv", []byte("id,name")) || (Extractor{}).Accepts("notes.txt", []byte("PAR1 of the agreement: the borrower")) {
		t.Error("Accepts")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(makeFile(f, rows))
	f.Add(makeFile(f, rows, parquet.MaxRowsPerRowGroup(1), parquet.Compression(&parquet.Snappy)))
	f.Fuzz(func(t *testing.T, data []byte) { extract(t, data) })
}
