// Package sqlite is the embedded case store: one file, no server, pure Go
// (modernc.org/sqlite, no cgo). It is the default store of breachkit.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/breachkit/breachkit"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tune how the database file is opened.
type Options struct {
	// BusyTimeout is how long a writer waits for another process's lock
	// before giving up; when zero, BREACHKIT_LOCK_TIMEOUT (a Go duration
	// such as 30s) or else 5 seconds.
	BusyTimeout time.Duration
}

// Store is a breachkit.Store in one SQLite file.
type Store struct {
	db   *sql.DB
	path string
}

var _ breachkit.Store = (*Store)(nil)

// Open opens (creating if needed) the store at path and brings its schema
// up to date. A file that is not a SQLite database, or a database another
// process holds locked, gives one error naming the file; the file is not
// changed.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 5 * time.Second
		if d, err := time.ParseDuration(os.Getenv("BREACHKIT_LOCK_TIMEOUT")); err == nil && d > 0 {
			opt.BusyTimeout = d
		}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	// 16 KiB pages for a new store (an existing one keeps its own): a
	// scan appends hundreds of millions of findings, and larger pages
	// mean a quarter of the page writes and B-tree splits (full scan
	// -10 %; notify and respond measured unchanged).
	q.Add("_pragma", "page_size(16384)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) init(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&n); err != nil {
		return s.describe(err)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return s.describe(err)
	}
	if n > 0 {
		var ok int
		err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name IN ('goose_db_version','cases')").Scan(&ok)
		if err != nil {
			return s.describe(err)
		}
		if ok != 2 {
			return fmt.Errorf("database %s: not a breachkit store (it has other tables); choose another --db", s.path)
		}
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, s.db, mustSub(migrations, "migrations"))
	if err != nil {
		return err
	}
	if cur, err := p.GetDBVersion(ctx); err == nil {
		var latest int64
		for _, m := range p.ListSources() {
			latest = max(latest, m.Version)
		}
		if cur > latest {
			return fmt.Errorf("database %s: schema version %d is newer than this breachkit understands (%d); upgrade breachkit", s.path, cur, latest)
		}
	}
	if _, err := p.Up(ctx); err != nil {
		return s.describe(err)
	}
	return nil
}

// describe turns driver errors into one line that names the file.
func (s *Store) describe(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file is not a database"), strings.Contains(msg, "malformed"):
		return fmt.Errorf("database %s is corrupt or not a SQLite file (%v); it was not changed", s.path, firstLine(msg))
	case strings.Contains(msg, "database is locked"), strings.Contains(msg, "SQLITE_BUSY"):
		return fmt.Errorf("database %s is locked by another process; try again when it has finished", s.path)
	case strings.Contains(msg, "unable to open"), strings.Contains(msg, "out of memory (14)"):
		if _, statErr := os.Stat(s.path); statErr != nil {
			return fmt.Errorf("database %s cannot be created: %v", s.path, statErr)
		}
		return fmt.Errorf("database %s cannot be opened: %s", s.path, firstLine(msg))
	case strings.Contains(msg, "readonly"):
		return fmt.Errorf("database %s is read-only", s.path)
	}
	return fmt.Errorf("database %s: %w", s.path, err)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the underlying database for tests that must reach past the
// Store interface (to tamper with the audit log, say).
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.describe(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.describe(err)
	}
	return nil
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMicro(n).UTC()
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func parseDate(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

var errNoRows = sql.ErrNoRows

func notFound(err error, what string) error {
	if errors.Is(err, errNoRows) {
		return fmt.Errorf("%s: %w", what, breachkit.ErrNotFound)
	}
	return err
}
