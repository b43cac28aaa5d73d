package dbf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

// extract reads a table from dir as the pipeline reads a file on disk,
// its memo file beside it reachable, or from a stream without one.
func extract(t testing.TB, dir, name string, onDisk bool) ([]segOut, []string, error) {
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []segOut
	var warns []string
	in := &scan.Input{Path: name, R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	if onDisk {
		in.Sibling = func(n string) (*os.File, error) { return os.Open(filepath.Join(dir, n)) }
	}
	err = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && string(data[s.Offset:s.Offset+int64(len(s.Text))]) != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// TestTable reads a dBase III table with a memo file that Perl's XBase
// wrote (testdata/makedbf.sh): fields named by their columns, the
// deleted record read too, the memo read from the .dbt beside it.
func TestTable(t *testing.T) {
	got, warns, err := extract(t, "testdata", "clients.dbf", true)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []segOut{
		{"LASTNAME", "clients.dbf#row=1", "Jefferson"}, {"FIRSTNAME", "clients.dbf#row=1", "Sierra"}, {"SSN", "clients.dbf#row=1", "383-41-8663"},
		{"BIRTHDATE", "clients.dbf#row=1", "19710309"}, {"PHONE", "clients.dbf#row=1", "(415) 867-5309"}, {"BALANCE", "clients.dbf#row=1", "1250.50"},
		{"NOTES", "clients.dbf#row=1", "Called about escrow; verified DOB 03/09/1971"},
		{"LASTNAME", "clients.dbf#row=2", "Whitfield"}, {"FIRSTNAME", "clients.dbf#row=2", "Dana"},
		{"BIRTHDATE", "clients.dbf#row=2", "19841130"}, {"PHONE", "clients.dbf#row=2", "937-555-0142"}, {"BALANCE", "clients.dbf#row=2", "99.25"},
		{"LASTNAME", "clients.dbf#row=3", "Souza"}, {"FIRSTNAME", "clients.dbf#row=3", "Ana"}, {"SSN", "clients.dbf#row=3", "601-23-4455"},
		{"BIRTHDATE", "clients.dbf#row=3", "19660721"}, {"BALANCE", "clients.dbf#row=3", "0.00"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// From a stream (inside an archive) the memo file cannot be reached.
	got, warns, err = extract(t, "testdata", "clients.dbf", false)
	if err != nil || len(got) != len(want)-1 || len(warns) != 1 || !strings.Contains(warns[0], "1 memo values not read") {
		t.Errorf("without the memo file: %d values, warnings %q, err %v", len(got), warns, err)
	}
}

// TestLatin1 decodes a character field that is not UTF-8 in the table's
// code page, and reads a table cut short with a warning.
func TestLatin1(t *testing.T) {
	data, err := os.ReadFile("testdata/clients.dbf")
	if err != nil {
		t.Fatal(err)
	}
	hl := int(data[8]) | int(data[9])<<8
	bad := bytes.Clone(data)
	copy(bad[hl+1:], "J\xf3se               ")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c.dbf"), bad, 0o600)
	got, _, err := extract(t, dir, "c.dbf", false)
	if err != nil || got[0].Text != "Jóse" {
		t.Errorf("latin-1: %q, %v", got, err)
	}
	os.WriteFile(filepath.Join(dir, "cut.dbf"), data[:hl+40], 0o600)
	_, warns, err := extract(t, dir, "cut.dbf", false)
	if err != nil || len(warns) == 0 || !strings.Contains(warns[0], "cut short") {
		t.Errorf("cut: warnings %q, err %v", warns, err)
	}
}

func TestAccepts(t *testing.T) {
	data, err := os.ReadFile("testdata/clients.dbf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		head []byte
		want bool
	}{
		{"clients.dbf", data, true},
		{"export.bin", data, true}, // the layout adds up
		{"notes.txt", []byte("\x03 hello there, not a table at all, no descriptors"), false},
		{"x.dbf", []byte("PK\x03\x04"), false},
	} {
		if got := (Extractor{}).Accepts(tc.name, tc.head); got != tc.want {
			t.Errorf("Accepts(%q) = %v", tc.name, got)
		}
	}
}

func FuzzExtract(f *testing.F) {
	data, err := os.ReadFile("testdata/clients.dbf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &scan.Input{Path: "f.dbf", R: bytes.NewReader(data), Size: int64(len(data))}
		Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

// TestMemo: a memo file beside its table is recorded as read with it;
// alone, its text is read.
func TestMemo(t *testing.T) {
	data, err := os.ReadFile("testdata/clients.dbt")
	if err != nil {
		t.Fatal(err)
	}
	run := func(sibling func(string) (*os.File, error)) []string {
		var out []string
		in := &scan.Input{Path: "clients.dbt", R: bytes.NewReader(data), Size: int64(len(data)), Sibling: sibling}
		err := Memo{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && string(data[s.Offset:s.Offset+int64(len(s.Text))]) != string(s.Text) {
				t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			out = append(out, string(s.Text))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := run(func(n string) (*os.File, error) { return os.Open(filepath.Join("testdata", n)) }); len(got) != 0 {
		t.Errorf("beside its table: %q", got)
	}
	if got := run(nil); !slices.Contains(got, "Called about escrow; verified DOB 03/09/1971") {
		t.Errorf("alone: %q", got)
	}
}
