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
	"github.com/breachkit/breachkit/vault"
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

// TestNoPlaintextAtRest stores sealed findings and checks that none of
// the plaintext values appears anywhere in the database files.
func TestNoPlaintextAtRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "case.db")
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	master, _ := vault.NewMasterKey(vault.GenerateKey())
	dk := vault.GenerateKey()
	c := &breachkit.Case{Name: "c", WrappedKey: master.Wrap(dk), MasterKeyID: master.ID}
	if err := s.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	keys, _ := vault.NewCaseKeys(c.ID, dk)
	src, _ := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "x.csv"})
	values := map[breachkit.Element]string{
		breachkit.SSN:        "531-94-2867",
		breachkit.Email:      "wilhelmina.quarrington@example.org",
		breachkit.PersonName: "Wilhelmina Quarrington",
		breachkit.CardNumber: "4929150722317703",
	}
	var fs []*breachkit.Finding
	for e, v := range values {
		fs = append(fs, &breachkit.Finding{CaseID: c.ID, SourceID: src.ID, Type: e, Value: keys.Seal(e, []byte(v)), Fingerprint: keys.Fingerprint(e, v)})
	}
	if err := s.AddFindings(ctx, fs); err != nil {
		t.Fatal(err)
	}
	s.ReplacePeople(ctx, c.ID, func() (*breachkit.Person, error) { return nil, nil })
	s.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for e, v := range values {
			for _, form := range []string{v, strings.ToLower(v), breachkit.Normalize(e, v)} {
				if strings.Contains(string(b), form) {
					t.Errorf("%s holds a %s in plaintext", filepath.Base(f), e)
				}
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("no database files")
	}
}

// BenchmarkFindings: go test ./sqlite -run '^$' -bench Findings -benchtime 1000000x
func BenchmarkFindings(b *testing.B) {
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchmarkFindings(b, s)
}
