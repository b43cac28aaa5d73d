package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/storetest"
)

func open(t *testing.T) breachkit.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "case.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestAuditTamper(t *testing.T) {
	ctx := context.Background()
	s := open(t).(*sqlite.Store)
	defer s.Close()
	for i := 0; i < 5; i++ {
		s.AppendAudit(ctx, &breachkit.AuditEntry{At: time.Now(), Actor: "ana", Action: "scan", Detail: "ok"})
	}
	if _, err := s.DB().Exec(`UPDATE audit_log SET detail = 'forged' WHERE seq = 3`); err == nil {
		t.Fatal("the append-only trigger let an update through")
	}
	// An attacker with file access drops the guard first.
	if _, err := s.DB().Exec(`DROP TRIGGER audit_log_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE audit_log SET detail = 'forged' WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	var ce *breachkit.ChainError
	if err := storetest.Verify(ctx, s); !errors.As(err, &ce) || ce.Seq != 3 {
		t.Fatalf("Verify = %v, want a break at entry 3", err)
	}
}

func TestBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	junk := []byte(strings.Repeat("this is not a database\n", 500))
	os.WriteFile(corrupt, junk, 0o600)
	_, err := sqlite.Open(ctx, corrupt, sqlite.Options{})
	if err == nil || !strings.Contains(err.Error(), corrupt) || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("corrupt file: %v", err)
	}
	if b, _ := os.ReadFile(corrupt); string(b) != string(junk) {
		t.Fatal("opening a corrupt file changed it")
	}

	locked := filepath.Join(dir, "locked.db")
	s := open(t)
	s.Close()
	holder, err := sqlite.Open(ctx, locked, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, _ := holder.DB().Conn(ctx)
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	second, err := sqlite.Open(ctx, locked, sqlite.Options{BusyTimeout: 100 * time.Millisecond})
	if err == nil {
		err = second.CreateCase(ctx, &breachkit.Case{Name: "x", WrappedKey: []byte("k")})
		second.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("locked database: %v", err)
	}

	foreign := filepath.Join(dir, "foreign.db")
	f, err := sqlite.Open(ctx, foreign, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.DB().Exec(`DROP TABLE cases`)
	f.Close()
	if _, err := sqlite.Open(ctx, foreign, sqlite.Options{}); err == nil || !strings.Contains(err.Error(), "not a breachkit store") {
		t.Fatalf("foreign database: %v", err)
	}
}
