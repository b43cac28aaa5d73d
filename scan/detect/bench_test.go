package detect

import (
	"os"
	"path/filepath"
	"testing"

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
// paragraph segments as the text extractor emits them.
func BenchmarkText(b *testing.B) {
	data := benchInput(b, "BREACHKIT_BENCH_TEXT", "bench_notes.txt")
	e := New(Config{})
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

// BenchmarkCSV measures the full detector set on CSV cells with headers.
func BenchmarkCSV(b *testing.B) {
	header := []string{"Customer ID", "First Name", "Last Name", "Date of Birth", "SSN", "Email", "Phone", "Address", "City", "State", "ZIP", "Order Number", "Comments"}
	row := []string{"CUST-0000001", "Derek", "Montes", "1995-02-28", "587-72-6911", "montes.derek38606245@example.com", "646.954.4104", "313 Aspen Ter", "Red Falls", "PA", "17012", "392151272401", "Called 2025-05-05, left voicemail"}
	e := New(Config{})
	rowBytes := 0
	cells := make([][]byte, len(row))
	for i, c := range row {
		cells[i] = []byte(c)
		rowBytes += len(c) + 3
	}
	b.SetBytes(int64(rowBytes * 1000))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for r := 0; r < 1000; r++ {
			for j, c := range cells {
				e.Detect(&scan.Segment{Text: c, Field: header[j]}, func(scan.Match) {})
			}
		}
	}
}
