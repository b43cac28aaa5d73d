package detect

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/scan"
)

// benchText is prose like a servicing note or log, with personal data
// every few lines; override with BREACHKIT_BENCH_TEXT=file.
func benchInput(b *testing.B, env, fallback string) []byte {
	if p := os.Getenv(env); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	data, err := os.ReadFile(filepath.Join("testdata", fallback))
	if err != nil {
		b.Fatal(err)
	}
	for len(data) < 4<<20 {
		data = append(data, data...)
	}
	return data
}

// BenchmarkText measures the full detector set on free text, in
// paragraph segments as the text extractor emits them, through a
// Detector as the scan pipeline calls it (one per goroutine).
func BenchmarkText(b *testing.B) {
	data := benchInput(b, "BREACHKIT_BENCH_TEXT", "bench_notes.txt")
	e := New(Config{}).Detector()
	var segs [][]byte
	for len(data) > 0 {
		n := min(len(data), 16<<10)
		for n < len(data) && data[n-1] != '\n' {
			n++
		}
		segs = append(segs, data[:n])
		data = data[n:]
	}
	total := 0
	for _, s := range segs {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	found := 0
	for i := 0; i < b.N; i++ {
		for _, s := range segs {
			e.Detect(&scan.Segment{Text: s}, func(scan.Match) { found++ })
		}
	}
}

// BenchmarkCSV measures the full detector set on CSV cells with
// headers, through a Detector as the scan pipeline calls it: 2,000
// generated customers, a row each, counted as the bytes of the CSV file
// they make.
func BenchmarkCSV(b *testing.B) {
	header := []string{"Customer ID", "First Name", "Last Name", "Date of Birth", "SSN", "Email", "Phone", "Address", "City", "State", "ZIP", "Order Number", "Comments"}
	var rows [][][]byte
	var file bytes.Buffer
	w := csv.NewWriter(&file)
	for i := range 2000 {
		p := gen.PersonAt(7, i)
		tax := p.SSN
		if tax == "" {
			tax = p.ITIN
		}
		a := p.Addresses[0]
		row := []string{p.ID, p.Given, p.Surname, p.DOB, tax, p.Emails[0], p.Phones[0], a.Street, a.City, a.State, a.ZIP,
			fmt.Sprintf("%012d", i*7919), fmt.Sprintf("Called 2025-05-%02d, left voicemail", i%28+1)}
		w.Write(row)
		cells := make([][]byte, len(row))
		for k, c := range row {
			cells[k] = []byte(c)
		}
		rows = append(rows, cells)
	}
	w.Flush()
	e := New(Config{}).Detector()
	b.SetBytes(int64(file.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, cells := range rows {
			for j, c := range cells {
				e.Detect(&scan.Segment{Text: c, Field: header[j]}, func(scan.Match) {})
			}
		}
	}
}
