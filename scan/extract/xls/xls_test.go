package xls

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type cellOut struct{ Sheet, Cell, Field, Text string }

func extract(t testing.TB, data []byte) ([]cellOut, []string, error) {
	var out []cellOut
	var warns []string
	in := &scan.Input{Path: "c.xls", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset != -1 || s.OffsetAt != nil {
			t.Fatalf("cell %s!%s located by offset", s.Sheet, s.Cell)
		}
		out = append(out, cellOut{s.Sheet, s.Cell, s.Field, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// TestWorkbook reads the workbook testdata/makexls.py writes: text and
// numbers, an SSN stored as a number under the 000-00-0000 format, dates
// of birth as date serials, ZIPs under the 00000 format, an accented
// name in UTF-16, and a second sheet without a header row whose columns
// are named from their values.
func TestWorkbook(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "customers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := extract(t, data)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []cellOut{
		{"Customers", "A2", "Full Name", "Sierra Jefferson"},
		{"Customers", "B2", "SSN", "383-41-8663"},
		{"Customers", "C2", "Date of Birth", "1980-05-17"},
		{"Customers", "D2", "Email", "sierra.jefferson@example.com"},
		{"Customers", "E2", "ZIP", "02110"},
		{"Customers", "F2", "Balance", "1250.5"},
		{"Customers", "A3", "Full Name", "José Álvarez"},
		{"Customers", "B3", "SSN", "012-44-8721"},
		{"Customers", "C3", "Date of Birth", "1975-12-01"},
		{"Customers", "E3", "ZIP", "94103"},
		{"Sheet2", "C1", "ssn (inferred)", "412-55-8901"},
		{"Sheet2", "A3", "first name (inferred)", "Maria"},
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %+v", w)
		}
	}
	if len(got) != 6*3+9 {
		t.Errorf("%d cells, want %d: %+v", len(got), 6*3+9, got)
	}
}

// TestDamaged checks that a cut or scrambled workbook gives one clear
// error, never a panic, and that other compound files are refused.
func TestDamaged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "customers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 8, 512, len(data) / 2, len(data) - 100} {
		_, _, err := extract(t, data[:n])
		if err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
	if !(Extractor{}).Accepts("old.XLS", data[:8]) || (Extractor{}).Accepts("old.xls", []byte("PK\x03\x04")) || (Extractor{}).Accepts("memo.doc", data[:8]) {
		t.Error("Accepts")
	}
}

func FuzzExtract(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "customers.xls"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, err := extract(t, data)
		if err != nil && strings.Contains(err.Error(), "internal") {
			t.Fatal(err)
		}
	})
}

// TestContinuedStrings reads 1,200 shared strings that run on through
// CONTINUE records, some cut in the middle, in one byte per character
// and in two.
func TestContinuedStrings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "many-strings.xls"))
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := extract(t, data)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	if len(got) != 1200 {
		t.Fatalf("%d cells, want 1200", len(got))
	}
	for i, g := range got {
		name := "Lukas"
		if i%3 == 0 {
			name = "Łukasz"
		}
		want := fmt.Sprintf("note %d for %s Nowak, callback %03d-555-%04d", i, name, 200+i%700, i)
		if g.Text != want || g.Cell != fmt.Sprintf("A%d", i+1) {
			t.Fatalf("cell %d: %s %q, want %q", i, g.Cell, g.Text, want)
		}
	}
}
