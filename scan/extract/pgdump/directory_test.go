package pgdump

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// dataFile runs DataFile on file in dir with the files beside it.
func dataFile(t *testing.T, dir, file string) (map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	in := &scan.Input{Path: dir + "/" + file, R: bytes.NewReader(data), Size: int64(len(data)),
		Sibling: func(n string) (*os.File, error) { return os.Open(filepath.Join(dir, n)) },
		Member: func(name string, size int64, r io.Reader) error {
			b, err := io.ReadAll(r)
			got[name] = string(b)
			return err
		}}
	return got, DataFile{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
}

// TestDataFile reads the data files of directories pg_dump 15 wrote
// (-Fd, gzip by default, and -Z0): each as its table's COPY statement,
// named by toc.dat, and the rows. Files the table of contents does not
// list as table data, or with no toc.dat beside them, are declined.
func TestDataFile(t *testing.T) {
	for _, tt := range []struct{ dir, file string }{{"testdata/dir.d", "3352.dat.gz"}, {"testdata/plaindir.d", "3352.dat"}} {
		got, err := dataFile(t, tt.dir, tt.file)
		if err != nil {
			t.Fatalf("%s: %v", tt.dir, err)
		}
		cust := got["crm.customers.sql"]
		for _, want := range []string{
			"COPY crm.customers (id, full_name, ssn, dob, email, note) FROM stdin;\n",
			"1\tSierra Jefferson\t383-41-8663\t1971-03-09\tsierra.jefferson@example.com\tcalled re: escrow\n",
			"\\.\n",
		} {
			if !strings.Contains(cust, want) {
				t.Errorf("%s: crm.customers.sql lacks %q:\n%s", tt.dir, want, cust)
			}
		}
	}
	if _, err := dataFile(t, "testdata/plaindir.d", "blob_18353.dat"); !errors.Is(err, scan.ErrDecline) {
		t.Errorf("large object: err %v, want ErrDecline (the TOC lists it as no table)", err)
	}
	lone := t.TempDir()
	os.WriteFile(filepath.Join(lone, "3352.dat"), []byte("1\tx\n"), 0o644)
	if _, err := dataFile(t, lone, "3352.dat"); !errors.Is(err, scan.ErrDecline) {
		t.Errorf("no toc.dat: err %v, want ErrDecline", err)
	}
	for _, name := range []string{"3352.dat", "x/0001.dat.gz", "12.dat.zst"} {
		if !(DataFile{}).Accepts(name, nil) {
			t.Errorf("Accepts(%q) = false", name)
		}
	}
	for _, name := range []string{"toc.dat", "data.dat", "3352.dat.bak", "blob_1.dat"} {
		if (DataFile{}).Accepts(name, nil) {
			t.Errorf("Accepts(%q) = true", name)
		}
	}
}
