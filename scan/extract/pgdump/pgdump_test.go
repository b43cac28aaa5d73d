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

// members runs the extractor and returns the members it handed over,
// by name, with their content.
func members(t testing.TB, data []byte) (map[string]string, []string, error) {
	got := map[string]string{}
	var warns []string
	in := &scan.Input{Path: "db.dump", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) },
		Member: func(name string, size int64, r io.Reader) error {
			b, err := io.ReadAll(r)
			if err != nil {
				return err
			}
			got[name] = string(b)
			return nil
		}}
	err := Extractor{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
	return got, warns, err
}

func fixture(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDump reads archives pg_dump 15 wrote (testdata/makedump.sh),
// compressed and not: each table's rows as a COPY statement for the SQL
// extractor, the large object as a member of its own.
func TestDump(t *testing.T) {
	for _, name := range []string{"gzip.dump", "plain.dump"} {
		t.Run(name, func(t *testing.T) {
			got, warns, err := members(t, fixture(t, name))
			if err != nil || len(warns) > 0 {
				t.Fatalf("err %v, warnings %q", err, warns)
			}
			cust := got["crm.customers.sql"]
			for _, want := range []string{
				"COPY crm.customers (id, full_name, ssn, dob, email, note) FROM stdin;\n",
				"1\tSierra Jefferson\t383-41-8663\t1971-03-09\tsierra.jefferson@example.com\tcalled re: escrow\n",
				"2\tJosé Álvarez\t512-44-7081\t1990-01-02\tjose.alvarez@example.net\ttab\\there and newline\\nthere\n",
				"3\tDana Whitfield\t\\N\t1984-11-30",
			} {
				if !strings.Contains(cust, want) {
					t.Errorf("crm.customers.sql lacks %q:\n%s", want, cust)
				}
			}
			if strings.Count(cust, "\n\\.\n") != 1 {
				t.Errorf("not one end mark: %q", cust)
			}
			if !strings.Contains(got["public.cards.sql"], "Ana Souza\t4111111111111111") {
				t.Errorf("public.cards.sql: %q", got["public.cards.sql"])
			}
			if !strings.HasPrefix(got["public.empty_t.sql"], "COPY public.empty_t (a) FROM stdin;\n\\.\n") {
				t.Errorf("empty table: %q", got["public.empty_t.sql"])
			}
			blobs := 0
			for n, c := range got {
				if strings.HasPrefix(n, "blob_") {
					blobs++
					if c != "Scanned form: SSN 601-23-4455" {
						t.Errorf("%s: %q", n, c)
					}
				}
			}
			if blobs != 1 || len(got) != 4 {
				t.Errorf("members %d (blobs %d), want 4", len(got), blobs)
			}
		})
	}
}

// TestEndMark checks that the end mark is added when the data lacks it
// and not when it has it.
func TestEndMark(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"1\ta\n\\.\n\n\n", "1\ta\n\\.\n\n\n"},
		{"1\ta\n", "1\ta\n\n\\.\n"},
		{"", "\n\\.\n"},
		{"1\t\\.x\n", "1\t\\.x\n\n\\.\n"},
	} {
		m := &endMark{r: strings.NewReader(tc.data)}
		b, _ := io.ReadAll(io.MultiReader(m, m.mark()))
		if string(b) != tc.want {
			t.Errorf("%q: got %q, want %q", tc.data, b, tc.want)
		}
	}
}

// TestDamaged cuts an archive at many places: an error that names the
// damage, never a panic or a silent success halfway through the data.
func TestDamaged(t *testing.T) {
	data := fixture(t, "gzip.dump")
	for n := 0; n < len(data)-1; n += 97 {
		_, _, err := members(t, data[:n])
		if err == nil {
			t.Errorf("cut at %d of %d: no error", n, len(data))
		}
	}
	if _, _, err := members(t, append([]byte("PGDMP\x01\x05\x00"), data[8:]...)); err == nil || !strings.Contains(err.Error(), "1.5") {
		t.Errorf("old version: %v", err)
	}
	if _, _, err := members(t, []byte("PGDMX")); !errors.Is(err, errCorrupt) {
		t.Errorf("bad magic: %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(fixture(f, "plain.dump"))
	f.Fuzz(func(t *testing.T, data []byte) {
		members(t, data)
	})
}
