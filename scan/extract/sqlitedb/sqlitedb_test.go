package sqlitedb

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

// makeDB writes a database with stmts (in WAL mode when wal is set, as
// applications often leave them) and returns its bytes.
func makeDB(t testing.TB, wal bool, stmts ...string) []byte {
	path := filepath.Join(t.TempDir(), "app.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if wal {
		stmts = append([]string{"PRAGMA journal_mode=WAL"}, stmts...)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func extract(t testing.TB, data []byte) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "app.db", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	return out, warns, err
}

var people = []string{
	`CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, ssn TEXT, dob TEXT, balance REAL, photo BLOB)`,
	`INSERT INTO customers VALUES (1, 'Sierra Jefferson', '383-41-8663', '1980-05-17', 1250.5, x'89504e470d0a1a0a00ff')`,
	`INSERT INTO customers VALUES (2, 'José Álvarez', 12448721, NULL, 0, NULL)`,
	`CREATE TABLE "odd ""name""" (email TEXT)`,
	`INSERT INTO "odd ""name""" VALUES ('dana.whitfield@example.org')`,
	`CREATE VIEW v AS SELECT full_name FROM customers`,
	`CREATE INDEX ix ON customers (ssn)`,
}

// TestDatabase reads every table of a database, in rollback and in WAL
// mode (whose -wal file is not there, as when only the .db was taken):
// values named by their columns, records by table and row, binary
// values counted, views and indexes not read twice.
func TestDatabase(t *testing.T) {
	want := []segOut{
		{"id", "app.db#table=customers!row=1", "1"},
		{"full_name", "app.db#table=customers!row=1", "Sierra Jefferson"},
		{"ssn", "app.db#table=customers!row=1", "383-41-8663"},
		{"dob", "app.db#table=customers!row=1", "1980-05-17"},
		{"balance", "app.db#table=customers!row=1", "1250.5"},
		{"id", "app.db#table=customers!row=2", "2"},
		{"full_name", "app.db#table=customers!row=2", "José Álvarez"},
		{"ssn", "app.db#table=customers!row=2", "12448721"},
		{"balance", "app.db#table=customers!row=2", "0"},
		{"email", `app.db#table=odd "name"!row=1`, "dana.whitfield@example.org"},
	}
	for _, wal := range []bool{false, true} {
		got, warns, err := extract(t, makeDB(t, wal, people...))
		if err != nil {
			t.Fatalf("wal %v: %v", wal, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("wal %v:\n got %q\nwant %q", wal, got, want)
		}
		if len(warns) != 1 || !strings.Contains(warns[0], `table "customers": 1 binary values`) {
			t.Errorf("wal %v: warnings %q", wal, warns)
		}
	}
}

// TestDamaged cuts a database at several places: an error or warnings,
// never a panic and never a silent empty result.
func TestDamaged(t *testing.T) {
	data := makeDB(t, false, people...)
	for _, n := range []int{16, 100, len(data) / 2} {
		got, warns, err := extract(t, data[:n])
		if err == nil && len(warns) == 0 {
			t.Errorf("cut at %d: no error or warning, %d values", n, len(got))
		}
	}
	if !(Extractor{}).Accepts("x", data[:16]) || (Extractor{}).Accepts("x.db", []byte("SQLite format 2")) {
		t.Error("Accepts")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(makeDB(f, false, people...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, magic) {
			return
		}
		extract(t, data)
	})
}

// TestCaseStore refuses another breachkit case store with a reason, as
// its values are sealed: read as a database it gave only ciphertext.
func TestCaseStore(t *testing.T) {
	var stmts []string
	for _, name := range []string{"cases", "sources", "findings", "people", "person_findings", "audit_log", "goose_db_version"} {
		stmts = append(stmts, "CREATE TABLE "+name+" (id INTEGER PRIMARY KEY, data BLOB)")
	}
	_, _, err := extract(t, makeDB(t, false, stmts...))
	if err == nil || !strings.Contains(err.Error(), "breachkit case store") {
		t.Errorf("err = %v", err)
	}
	// A database with some of those names is read.
	if _, _, err := extract(t, makeDB(t, false, "CREATE TABLE cases (id INTEGER, name TEXT)", "INSERT INTO cases VALUES (1, 'Sierra Jefferson')")); err != nil {
		t.Errorf("an application's cases table: %v", err)
	}
}
