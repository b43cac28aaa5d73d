package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/breachkit/breachkit/gen"
	gosmtp "github.com/emersion/go-smtp"
)

// countingRelay is an SMTP server that counts messages per recipient.
type countingRelay struct {
	mu  sync.Mutex
	got map[string]int
}

type countingSession struct {
	r  *countingRelay
	to string
}

func (s *countingSession) Reset()                                      {}
func (s *countingSession) Logout() error                               { return nil }
func (s *countingSession) Mail(string, *gosmtp.MailOptions) error      { return nil }
func (s *countingSession) Rcpt(to string, _ *gosmtp.RcptOptions) error { s.to = to; return nil }
func (s *countingSession) Data(r io.Reader) error {
	io.Copy(io.Discard, r)
	s.r.mu.Lock()
	s.r.got[s.to]++
	s.r.mu.Unlock()
	return nil
}

func startCountingRelay(t *testing.T) (*countingRelay, string) {
	r := &countingRelay{got: map[string]int{}}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) { return &countingSession{r: r}, nil }))
	srv.Domain = "relay.test"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return r, l.Addr().String()
}

// TestNotifyCampaign runs a whole campaign from the command line on a
// generated breach: respond, codes, plan, letters, send, status, drafts.
func TestNotifyCampaign(t *testing.T) {
	e := newEnv(t)
	data := filepath.Join(e.dir, "data")
	if _, err := gen.Generate(context.Background(), gen.Options{Out: data, People: 150, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := e.run("--case", "c", "respond", filepath.Join(data, "stolen"), "--discovered", "2023-10-31", "--out", filepath.Join(e.dir, "report"))
	if code != 0 && code != exitSkipped {
		t.Fatalf("respond: exit %d\n%s", code, stderr)
	}
	relay, addr := startCountingRelay(t)
	base, err := os.ReadFile("../../notify/testdata/notify.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(e.dir, "notify.yaml")
	os.WriteFile(cfg, append(base, fmt.Sprintf("smtp:\n  addr: %s\n  tls: none\n", addr)...), 0o600)
	var codes strings.Builder
	codes.WriteString("code\n")
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&codes, "TEST-%05d\n", i)
	}
	codesFile := filepath.Join(e.dir, "codes.csv")
	os.WriteFile(codesFile, []byte(codes.String()), 0o600)

	// Planning without codes fails and stores nothing.
	if code, _, stderr := e.run("--case", "c", "notify", "plan", "--config", cfg); code == 0 || !strings.Contains(stderr, "unused codes") {
		t.Fatalf("plan without codes: exit %d %s", code, stderr)
	}
	e.ok("--case", "c", "notify", "codes", "import", codesFile, "--provider", "Example")
	out := e.ok("--case", "c", "notify", "plan", "--config", cfg)
	if !strings.Contains(out, "letter variants checked") {
		t.Fatalf("plan output: %s", out)
	}
	// Once notices are planned, people cannot be re-resolved.
	if code, _, stderr := e.run("--case", "c", "people"); code != exitError || !strings.Contains(stderr, "campaign planned") {
		t.Fatalf("people after plan: exit %d %s", code, stderr)
	}
	print := filepath.Join(e.dir, "print")
	out = e.ok("--case", "c", "notify", "letters", "--config", cfg, "--out", print, "--batch-size", "50")
	var letters int
	fmt.Sscan(out, &letters)
	if letters < 100 {
		t.Fatalf("only %d letters: %s", letters, out)
	}
	out = e.ok("--case", "c", "notify", "send", "--config", cfg, "--workers", "2")
	var sent int
	fmt.Sscan(out, &sent)
	delivered := 0
	for _, k := range relay.got {
		delivered += k
	}
	// Two messages reach one address only for two different names there
	// (the package's crash tests check exactly-once per notice).
	if sent == 0 || delivered != sent || len(relay.got) < sent*95/100 {
		t.Fatalf("sent %d, relay got %d messages for %d addresses: %s", sent, delivered, len(relay.got), out)
	}
	// Nothing is sent or printed twice.
	if out := e.ok("--case", "c", "notify", "send", "--config", cfg); !strings.HasPrefix(out, "0 sent") {
		t.Errorf("second send: %s", out)
	}
	if out := e.ok("--case", "c", "notify", "letters", "--config", cfg, "--out", print); !strings.HasPrefix(out, "0 letters") {
		t.Errorf("second letters run: %s", out)
	}
	status := e.ok("--case", "c", "notify", "status")
	if !strings.Contains(status, "mail") || !strings.Contains(status, "sent") || !strings.Contains(status, "codes: ") {
		t.Errorf("status: %s", status)
	}
	e.ok("--case", "c", "notify", "drafts", "--config", cfg, "--out", filepath.Join(e.dir, "drafts"))
	regs := e.ok("--case", "c", "notify", "regulators", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(regs), "\n")
	if len(lines) < 2 {
		t.Fatalf("no regulator notices: %s", regs)
	}
	id := strings.SplitN(lines[1], ",", 2)[0]
	e.ok("--case", "c", "notify", "filed", id, "--ref", "portal receipt 123")
	if regs := e.ok("--case", "c", "notify", "regulators", "--format", "csv"); !strings.Contains(regs, "filed: portal receipt 123") {
		t.Errorf("filing not recorded: %s", regs)
	}
	if code, _, _ := e.run("--case", "c", "notify", "filed", "1", "--ref", "x"); code != exitUsage {
		t.Errorf("filing a person's notice: exit %d, want usage error", code)
	}
	audit := e.ok("audit", "verify")
	_ = audit
}
