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

// liveDB writes a database in WAL mode as a running application leaves
// it: the rows of stmts after the first checkpoint are only in its log.
// It returns the folder holding copies of app.db and app.db-wal taken
// while the database was open.
func liveDB(t testing.TB, before, after []string) string {
	src := filepath.Join(t.TempDir(), "app.db")
	db, err := sql.Open("sqlite", "file:"+src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	run := func(stmts ...string) {
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	run("PRAGMA journal_mode=WAL", "PRAGMA wal_autocheckpoint=0")
	run(before...)
	run("PRAGMA wal_checkpoint(TRUNCATE)")
	run(after...)
	dir := t.TempDir()
	for _, n := range []string{"app.db", "app.db-wal", "app.db-shm"} {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(src), n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// extractFile runs x on a file of dir as the pipeline does for a file
// on disk, siblings included.
func extractFile(t *testing.T, x scan.Extractor, dir, name string) ([]segOut, []string, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "stolen/" + name, R: f, ReaderAt: f, Size: fi.Size(), Warn: func(s string) { warns = append(warns, s) },
		Sibling: func(n string) (*os.File, error) { return os.Open(filepath.Join(dir, n)) }}
	err = x.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record[strings.IndexByte(s.Record, '#'):], string(s.Text)})
		return nil
	})
	return out, warns, err
}

var (
	walBefore = []string{`CREATE TABLE customers (full_name TEXT, ssn TEXT)`, `INSERT INTO customers VALUES ('Sierra Jefferson', '383-41-8663')`}
	walAfter  = []string{`INSERT INTO customers VALUES ('Dana Whitfield', '412-55-8901')`, `UPDATE customers SET ssn = '512-44-7081' WHERE full_name = 'Sierra Jefferson'`,
		`CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('call José Álvarez at (415) 867-5309')`}
)

// TestWAL reads a database whose latest rows, an update and a new table
// are only in the log beside it; without the log only the checkpointed
// row is there.
func TestWAL(t *testing.T) {
	dir := liveDB(t, walBefore, walAfter)
	got, warns, err := extractFile(t, Extractor{}, dir, "app.db")
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []segOut{
		{"full_name", "#table=customers!row=1", "Sierra Jefferson"}, {"ssn", "#table=customers!row=1", "512-44-7081"},
		{"full_name", "#table=customers!row=2", "Dana Whitfield"}, {"ssn", "#table=customers!row=2", "412-55-8901"},
		{"body", "#table=notes!row=1", "call José Álvarez at (415) 867-5309"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("with the log:\n got %q\nwant %q", got, want)
	}
	// The log is recorded as read with its database.
	if _, _, err := extractFile(t, WAL{}, dir, "app.db-wal"); err != nil {
		t.Errorf("log beside its database: %v", err)
	}
	if !(WAL{}).Accepts("app.db-wal", mustRead(t, filepath.Join(dir, "app.db-wal"))[:32]) || !(WAL{}).Accepts("app.db-shm", mustRead(t, filepath.Join(dir, "app.db-shm"))[:32]) {
		t.Error("WAL.Accepts")
	}
	if got, _, err := extractFile(t, WAL{}, dir, "app.db-shm"); err != nil || len(got) > 0 {
		t.Errorf("index: %q, %v", got, err)
	}
	// Without the log, the database alone.
	os.Rename(filepath.Join(dir, "app.db-wal"), filepath.Join(dir, "log"))
	got, _, err = extractFile(t, Extractor{}, dir, "app.db")
	if err != nil || len(got) != 2 || got[1].Text != "383-41-8663" {
		t.Errorf("without the log: %q, %v", got, err)
	}
}

// TestWALDamaged: a log cut inside its last transaction gives the
// transactions before it; a log with a broken header is warned about
// and the database is read alone; a log without its database is
// skipped with the reason.
func TestWALDamaged(t *testing.T) {
	dir := liveDB(t, walBefore, walAfter)
	wal := mustRead(t, filepath.Join(dir, "app.db-wal"))
	// The last transaction (the notes row) is a frame of one page; cut
	// into it.
	os.WriteFile(filepath.Join(dir, "app.db-wal"), wal[:len(wal)-100], 0o600)
	got, warns, err := extractFile(t, Extractor{}, dir, "app.db")
	if err != nil || len(warns) > 0 {
		t.Fatalf("cut: err %v, warnings %q", err, warns)
	}
	for _, s := range got {
		if strings.Contains(s.Text, "José") {
			t.Errorf("cut: the torn transaction was read: %q", got)
		}
	}
	if len(got) < 4 {
		t.Errorf("cut: the committed transactions are missing: %q", got)
	}
	bad := bytes.Clone(wal)
	bad[25] ^= 0xFF
	os.WriteFile(filepath.Join(dir, "app.db-wal"), bad, 0o600)
	got, warns, err = extractFile(t, Extractor{}, dir, "app.db")
	if err != nil || len(got) != 2 || len(warns) != 1 || !strings.Contains(warns[0], "checksum") {
		t.Errorf("bad header: %q, warnings %q, err %v", got, warns, err)
	}
	os.Remove(filepath.Join(dir, "app.db"))
	if _, _, err := extractFile(t, WAL{}, dir, "app.db-wal"); err == nil || !strings.Contains(err.Error(), "without its database") {
		t.Errorf("orphan log: err %v", err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzWAL reads damaged logs over a database: no panic, and the image
// is the size the last commit says.
func FuzzWAL(f *testing.F) {
	dir := liveDB(f, walBefore, walAfter)
	base, err := os.ReadFile(filepath.Join(dir, "app.db"))
	if err != nil {
		f.Fatal(err)
	}
	wal, err := os.ReadFile(filepath.Join(dir, "app.db-wal"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(wal)
	f.Add(wal[:32])
	f.Fuzz(func(t *testing.T, w []byte) {
		o, err := readWAL(bytes.NewReader(w), int64(len(w)), bytes.NewReader(base), int64(len(base)), 4096)
		if err != nil || o == nil {
			return
		}
		buf := make([]byte, 1000)
		for off := int64(0); off < o.Size(); off += int64(len(buf)) {
			if _, err := o.ReadAt(buf, off); err != nil && off+int64(len(buf)) < o.Size() {
				t.Fatalf("ReadAt %d of %d: %v", off, o.Size(), err)
			}
		}
	})
}
