package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/vault"
)

// env is one test's isolated set-up: a store file and a key file.
type env struct {
	t       *testing.T
	dir     string
	db      string
	keyFile string
}

func newEnv(t *testing.T) *env {
	t.Setenv("BREACHKIT_MASTER_KEY", "")
	t.Setenv("BREACHKIT_DB", "")
	dir := t.TempDir()
	return &env{t: t, dir: dir, db: filepath.Join(dir, "case.db"), keyFile: filepath.Join(dir, "keys", "master.key")}
}

// run runs breachkit with the env's store and key and returns the exit
// code, stdout and stderr.
func (e *env) run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	full := append([]string{"--db", e.db, "--key-file", e.keyFile, "--actor", "tester"}, args...)
	code := run(context.Background(), full, &out, &errb)
	return code, out.String(), errb.String()
}

func (e *env) ok(args ...string) string {
	e.t.Helper()
	code, out, errs := e.run(args...)
	if code != 0 {
		e.t.Fatalf("breachkit %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// oneErrorLine checks that stderr is a single "breachkit:" line
// (ignoring a usage hint and the key-creation notice).
func oneErrorLine(t *testing.T, stderr, want string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.HasPrefix(l, "Run 'breachkit") || strings.Contains(l, "created a new master key") {
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "breachkit: ") || !strings.Contains(lines[0], want) {
		t.Fatalf("stderr = %q, want one line with %q", stderr, want)
	}
}

func TestUsageAndVersion(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--version"}, 0, version},
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"case", "create", "--help"}, 0, "--discovered"},
		{[]string{"--no-such-flag"}, 2, ""},
		{[]string{"case", "create"}, 2, ""},
		{[]string{"case", "create", "x", "--discovered", "31/10/2023"}, 2, ""},
		{[]string{"case", "list", "--format", "yaml"}, 2, ""},
		{[]string{"gen"}, 2, ""},
	}
	for _, tt := range tests {
		code, out, _ := e.run(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, want %d; stdout %q", tt.args, code, tt.code, out)
		}
	}
}

func TestCaseAndAudit(t *testing.T) {
	e := newEnv(t)
	e.ok("case", "create", "mrc", "--discovered", "2023-10-31")
	if out := e.ok("case", "list", "--format", "csv"); !strings.Contains(out, ",mrc,") || !strings.Contains(out, "2023-10-31") {
		t.Fatalf("case list: %q", out)
	}
	if code, _, errs := e.run("case", "create", "mrc"); code != 1 {
		t.Fatalf("duplicate case: exit %d %s", code, errs)
	}
	if out := e.ok("--case", "mrc", "case", "timeline"); !strings.Contains(out, "breach discovered") {
		t.Fatalf("timeline: %q", out)
	}
	if out := e.ok("audit", "verify"); !strings.Contains(out, "intact: 1 entries") {
		t.Fatalf("audit verify: %q", out)
	}
	e.ok("case", "create", "second")
	e.ok("case", "create", "third")
	head := strings.Fields(e.ok("audit", "verify"))
	e.ok("audit", "verify", "--expect-head", head[len(head)-1])

	// Tamper with entry 2 behind the store's back.
	db, err := sql.Open("sqlite", e.db)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`DROP TRIGGER audit_log_no_update`)
	if _, err := db.Exec(`UPDATE audit_log SET object = 'case forged' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, _, errs := e.run("audit", "verify")
	if code != 1 {
		t.Fatalf("tampered log verified: exit %d", code)
	}
	oneErrorLine(t, errs, "broken at entry 2")
}

func TestKeys(t *testing.T) {
	e := newEnv(t)
	e.ok("case", "create", "mrc")
	before, _, err := vault.OpenKeyFile(e.keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if out := e.ok("keys", "rotate"); !strings.Contains(out, "1 case(s) re-wrapped") {
		t.Fatalf("rotate: %q", out)
	}
	after, _, _ := vault.OpenKeyFile(e.keyFile)
	if after.Primary.ID == before.Primary.ID {
		t.Fatal("key file unchanged after rotate")
	}
	if _, err := os.Stat(e.keyFile + ".new"); !os.IsNotExist(err) {
		t.Fatal("rotation left a .new key file")
	}
	e.ok("--case", "mrc", "case", "timeline") // the case still opens
	if out := e.ok("audit", "list", "--format", "csv"); !strings.Contains(out, "keys.rotate") {
		t.Fatalf("rotation not audited: %q", out)
	}

	// The old key no longer opens the case: one clear error, store untouched.
	t.Setenv("BREACHKIT_MASTER_KEY", vault.EncodeKey(vault.GenerateKey()))
	code, _, errs := e.run("--case", "mrc", "case", "timeline")
	if code != 1 {
		t.Fatalf("wrong key: exit %d", code)
	}
	oneErrorLine(t, errs, "wrong master key")
	t.Setenv("BREACHKIT_MASTER_KEY", "")
	e.ok("--case", "mrc", "case", "timeline")
	e.ok("audit", "verify")
}

func TestBadStore(t *testing.T) {
	e := newEnv(t)
	junk := bytes.Repeat([]byte("not a database\n"), 400)
	os.WriteFile(e.db, junk, 0o600)
	code, _, errs := e.run("case", "list")
	if code != 1 {
		t.Fatalf("corrupt store: exit %d", code)
	}
	oneErrorLine(t, errs, "corrupt")
	if b, _ := os.ReadFile(e.db); !bytes.Equal(b, junk) {
		t.Fatal("the corrupt file was changed")
	}

	e2 := newEnv(t)
	e2.ok("case", "create", "mrc")
	holder, err := sqlite.Open(context.Background(), e2.db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, _ := holder.DB().Conn(context.Background())
	defer conn.Close()
	conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE")
	t.Setenv("BREACHKIT_LOCK_TIMEOUT", "200ms")
	start := time.Now()
	code, _, errs = e2.run("case", "create", "other")
	if code != 1 {
		t.Fatalf("locked store: exit %d", code)
	}
	oneErrorLine(t, errs, "locked")
	if time.Since(start) > 10*time.Second {
		t.Fatal("lock timeout not honoured")
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	e2.ok("audit", "verify")

	e3 := newEnv(t)
	blocker := filepath.Join(e3.dir, "plainfile")
	os.WriteFile(blocker, []byte("x"), 0o600)
	code, _, errs = e3.run("gen", "--out", filepath.Join(blocker, "out"), "--people", "5")
	if code != 1 {
		t.Fatalf("unwritable output: exit %d", code)
	}
	oneErrorLine(t, errs, "plainfile")
}
