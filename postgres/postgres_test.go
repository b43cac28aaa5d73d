package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/postgres"
	"github.com/breachkit/breachkit/storetest"
)

// TestURL returns the server the tests use, from BREACHKIT_TEST_POSTGRES,
// and skips the test when it is not set. CI sets it.
func testURL(t *testing.T) string {
	u := os.Getenv("BREACHKIT_TEST_POSTGRES")
	if u == "" {
		t.Skip("BREACHKIT_TEST_POSTGRES not set (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	return u
}

// open gives each test a schema of its own, dropped at the end.
func open(t *testing.T) breachkit.Store {
	ctx := context.Background()
	base := testURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bk_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(context.Background())
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestAuditTamper(t *testing.T) {
	ctx := context.Background()
	s := open(t).(*postgres.Store)
	defer s.Close()
	for i := 0; i < 5; i++ {
		s.AppendAudit(ctx, &breachkit.AuditEntry{At: time.Now(), Actor: "ana", Action: "scan", Detail: "ok"})
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE audit_log SET detail = 'forged' WHERE seq = 2`); err == nil {
		t.Fatal("the append-only trigger let an update through")
	}
	if _, err := s.Pool().Exec(ctx, `DROP TRIGGER audit_log_no_update ON audit_log`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE audit_log SET detail = 'forged' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	var ce *breachkit.ChainError
	if err := storetest.Verify(ctx, s); !errors.As(err, &ce) || ce.Seq != 2 {
		t.Fatalf("Verify = %v, want a break at entry 2", err)
	}
}

// BenchmarkFindings: BREACHKIT_TEST_POSTGRES=... go test ./postgres -run '^$' -bench Findings -benchtime 1000000x
func BenchmarkFindings(b *testing.B) {
	if os.Getenv("BREACHKIT_TEST_POSTGRES") == "" {
		b.Skip("BREACHKIT_TEST_POSTGRES not set")
	}
	s, err := postgres.Open(context.Background(), os.Getenv("BREACHKIT_TEST_POSTGRES"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchmarkFindings(b, s)
}
