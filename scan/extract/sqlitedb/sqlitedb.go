// Package sqlitedb extracts the rows of SQLite database files — the
// storage of mobile and desktop applications, browsers and many small
// services, and so a common part of stolen data — with the
// modernc.org/sqlite driver the case store uses.
//
// The database is opened read-only and immutable through a virtual file
// system over the source's bytes (modernc.org/sqlite/vfs), so that no
// journal, WAL or lock file is touched and no copy needs a name on disk;
// the schema is not trusted (no function of a view or trigger can run).
// A write-ahead log beside a database on disk (app.db-wal) is read too:
// the pages of its committed transactions are laid over the database's,
// so rows not yet checkpointed are found (see wal.go).
// Each table's rows are read with SELECT *, and each non-empty text or
// number value becomes a segment named by its column, in the record
// "path#table=T!row=N". Binary values (BLOBs that are not UTF-8 text)
// are left out and counted in a warning; a table that cannot be read (a
// virtual table whose module is missing, a damaged page) is warned about
// and the next one is read.
package sqlitedb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite" // the "sqlite" driver
	"modernc.org/sqlite/vfs"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Extractor reads SQLite database files. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "sqlite" }

// magic starts every SQLite 3 database file.
var magic = []byte("SQLite format 3\x00")

// Accepts implements scan.Extractor: a head with the SQLite signature,
// whatever the name (.db, .sqlite, .sqlite3, none).
func (Extractor) Accepts(name string, head []byte) bool { return bytes.HasPrefix(head, magic) }

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	ra, size, cleanup, err := archive.SpoolSource(in)
	if err != nil {
		return err
	}
	defer cleanup()
	ra, size, done := withWAL(in, ra, size)
	defer done()
	name, vfsys, err := vfs.New(oneFile{io.NewSectionReader(ra, 0, size)})
	if err != nil {
		return fmt.Errorf("opening the database: %v", err)
	}
	defer vfsys.Close()
	db, err := sql.Open("sqlite", "file:db?vfs="+name+"&mode=ro&immutable=1&_pragma=trusted_schema(0)&_pragma=query_only(1)")
	if err != nil {
		return fmt.Errorf("opening the database: %v", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tables, err := tableNames(ctx, db)
	if err != nil {
		return fmt.Errorf("corrupt database: %v", describe(err))
	}
	if caseStore(tables) {
		// Another case's store (the one named by --db is never
		// scanned): its values are sealed, so reading it would give
		// only ciphertext, and its evidence is that case's.
		return errors.New("a breachkit case store: its values are sealed; open it with breachkit --db")
	}
	for _, t := range tables {
		if err := table(ctx, db, in, t, emit); err != nil {
			return err
		}
	}
	return nil
}

// caseStore reports whether tables are those of a breachkit case store
// (package sqlite's schema).
func caseStore(tables []string) bool {
	need := map[string]bool{"cases": true, "sources": true, "findings": true, "person_findings": true, "audit_log": true}
	for _, t := range tables {
		delete(need, t)
	}
	return len(need) == 0
}

// tableNames lists the database's tables, its own (sqlite_*) left out.
func tableNames(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rootpage")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// table emits the values of one table; a table that cannot be read is
// warned about, only emit's errors and cancellation are returned.
func table(ctx context.Context, db *sql.DB, in *scan.Input, name string, emit func(scan.Segment) error) error {
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(name, `"`, `""`)+`"`)
	if err != nil {
		in.Warning(fmt.Sprintf("table %q not read: %v", name, describe(err)))
		return nil
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		in.Warning(fmt.Sprintf("table %q not read: %v", name, describe(err)))
		return nil
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	blobs := 0
	n := 0
	for rows.Next() {
		n++
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := rows.Scan(ptrs...); err != nil {
			in.Warning(fmt.Sprintf("table %q row %d: %v", name, n, describe(err)))
			continue
		}
		rec := in.Path + "#table=" + name + "!row=" + strconv.Itoa(n)
		for i, v := range vals {
			text, ok := render(v)
			if !ok {
				blobs++
				continue
			}
			if strings.TrimSpace(text) == "" {
				continue
			}
			if err := emit(scan.Segment{Text: []byte(text), Offset: -1, Field: cols[i], Columns: cols, Record: rec}); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil && !errors.Is(err, context.Canceled) {
		in.Warning(fmt.Sprintf("table %q read only to row %d: %v", name, n, describe(err)))
	}
	if blobs > 0 {
		in.Warning(fmt.Sprintf("table %q: %d binary values (not text) not scanned", name, blobs))
	}
	return ctx.Err()
}

// render returns a value as text, or false for binary data.
func render(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case []byte:
		if utf8.Valid(x) {
			return string(x), true
		}
		return "", false
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case time.Time:
		return x.Format(time.RFC3339), true
	}
	return fmt.Sprint(v), true
}

// describe shortens the driver's error text.
func describe(err error) string {
	return strings.TrimPrefix(err.Error(), "sqlite: ")
}

// oneFile is a file system of one read-only file, the database, over
// the source's bytes; any other name (a journal, a WAL) does not exist.
type oneFile struct{ r *io.SectionReader }

// Open implements fs.FS.
func (o oneFile) Open(name string) (fs.File, error) {
	if name != "db" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &dbFile{SectionReader: io.NewSectionReader(o.r, 0, o.r.Size())}, nil
}

// dbFile is the database file: a SectionReader with Stat and Close.
type dbFile struct{ *io.SectionReader }

func (f *dbFile) Stat() (fs.FileInfo, error) { return dbInfo{f.Size()}, nil }
func (f *dbFile) Close() error               { return nil }

type dbInfo struct{ size int64 }

func (i dbInfo) Name() string       { return "db" }
func (i dbInfo) Size() int64        { return i.size }
func (i dbInfo) Mode() fs.FileMode  { return 0o444 }
func (i dbInfo) ModTime() time.Time { return time.Time{} }
func (i dbInfo) IsDir() bool        { return false }
func (i dbInfo) Sys() any           { return nil }
