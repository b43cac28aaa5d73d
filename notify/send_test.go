package notify

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/smtp"
	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/vault"
)

func dialer(addr string) Dialer {
	return func(ctx context.Context) (Mailer, error) {
		return smtp.Dial(ctx, smtp.Config{Addr: addr, TLS: "none", Timeout: 5 * time.Second})
	}
}

// checkOnce checks that every one of want recipients got exactly one
// message, and that every email notice is sent.
func checkOnce(t *testing.T, f *fixture, r *relay, want int) {
	t.Helper()
	got := r.counts()
	if len(got) != want {
		t.Errorf("%d recipients got mail, want %d", len(got), want)
	}
	for to, k := range got {
		if k != 1 {
			t.Errorf("%s got %d messages", breachkit.Mask(breachkit.Email, to), k)
		}
	}
	f.store.Notices(context.Background(), f.c.ID, breachkit.ChannelEmail, "", func(n *breachkit.Notice) error {
		if n.Status != breachkit.NoticeSent {
			t.Errorf("notice %d is %s (%s)", n.ID, n.Status, n.Detail)
		}
		return nil
	})
}

func TestSend(t *testing.T) {
	ctx := context.Background()
	f, comp := plannedFixture(t, 30)
	r := startRelay(t)
	res, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 30 {
		t.Fatalf("send = %+v", res)
	}
	checkOnce(t, f, r, 30)
	again, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{})
	if err != nil || again.Sent != 0 {
		t.Fatalf("second send = %+v, %v", again, err)
	}
	// The message is the letter, with the code and a Message-ID that
	// names the notice.
	var one *breachkit.Notice
	f.store.Notices(ctx, f.c.ID, breachkit.ChannelEmail, "", func(n *breachkit.Notice) error { one = n; return nil })
	if !strings.HasPrefix(one.MessageID, strings.ToLower(LetterID(one))+"@example.com") {
		t.Errorf("Message-ID %q", one.MessageID)
	}
}

func TestSendRetriesAndBounces(t *testing.T) {
	ctx := context.Background()
	f, comp := plannedFixture(t, 10)
	r := startRelay(t)
	r.tempFail["person3@example.test"] = 2
	r.reject["person4@example.test"] = true
	clock := time.Date(2023, 12, 15, 9, 0, 0, 0, time.UTC)
	opt := SendOptions{Backoff: time.Minute, MaxAttempts: 5, Now: func() time.Time { return clock }}
	res, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 8 || res.Failed != 1 || res.Bounced != 1 {
		t.Fatalf("first run = %+v", res)
	}
	// Not yet due: nothing happens.
	if res, _ := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), opt); res.Failed+res.Sent != 0 {
		t.Fatalf("retried before the back-off: %+v", res)
	}
	clock = clock.Add(61 * time.Second)
	if res, _ := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), opt); res.Failed != 1 {
		t.Fatalf("second attempt = %+v", res)
	}
	clock = clock.Add(121 * time.Second) // the back-off doubled
	if res, _ := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), opt); res.Sent != 1 {
		t.Fatalf("third attempt = %+v", res)
	}
	if got := r.counts(); len(got) != 9 || got["person3@example.test"] != 1 {
		t.Fatalf("deliveries %v", len(got))
	}
	f.store.Notices(ctx, f.c.ID, breachkit.ChannelEmail, breachkit.NoticeBounced, func(n *breachkit.Notice) error {
		if strings.Contains(n.Detail, "person4@") || !strings.Contains(n.Detail, "550") {
			t.Errorf("bounce detail %q", n.Detail)
		}
		return nil
	})
}

// TestSendCrashResume is the exactly-once test: a sender in a child
// process is killed with SIGKILL right after the relay accepted a
// message and before the reply reached it. The next run finds that
// notice in doubt, sends the rest, and the relay's log settles the
// doubt: every recipient gets exactly one message.
func TestSendCrashResume(t *testing.T) {
	if os.Getenv("BK_SEND_CHILD") != "" {
		t.Skip("child")
	}
	ctx := context.Background()
	f, comp := plannedFixture(t, 40)
	r := startRelay(t)
	var child *exec.Cmd
	started, exited := make(chan struct{}), make(chan struct{})
	r.mu.Lock()
	r.onAccept = func(k int) {
		if k == 17 {
			<-started
			child.Process.Kill()
			<-exited // dead before the reply is written
		}
	}
	r.mu.Unlock()
	child = startChild(t, f, r.addr)
	close(started)
	child.Wait()
	close(exited)
	r.mu.Lock()
	r.onAccept = nil
	r.mu.Unlock()
	if n := len(r.counts()); n != 17 {
		t.Fatalf("%d delivered before the kill, want 17", n)
	}
	res, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.LeftInDoubt != 1 || res.Sent != 23 {
		t.Fatalf("resume = %+v", res)
	}
	accepted, _ := ReadAcceptedLog(strings.NewReader(r.log()))
	rec, err := Reconcile(ctx, f.store, f.c, ReconcileLog, accepted, time.Now())
	if err != nil || rec.Sent != 1 || rec.Requeued != 0 {
		t.Fatalf("reconcile = %+v, %v", rec, err)
	}
	if res, _ := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{}); res.Sent != 0 {
		t.Fatalf("after reconcile = %+v", res)
	}
	checkOnce(t, f, r, 40)
}

// TestSendKilledAtRandom kills the child sender at random moments until
// the campaign is done, reconciling after each kill.
func TestSendKilledAtRandom(t *testing.T) {
	if os.Getenv("BK_SEND_CHILD") != "" {
		t.Skip("child")
	}
	ctx := context.Background()
	f, comp := plannedFixture(t, 60)
	r := startRelay(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		child := startChild(t, f, r.addr)
		done := make(chan error, 1)
		go func() { done <- child.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("child: %v", err)
			}
			round = 1000 // finished on its own
		case <-time.After(time.Duration(5+rng.IntN(60)) * time.Millisecond):
			child.Process.Kill()
			<-done
		}
		// As an operator would: mark what the dead sender left, settle it
		// from the relay's log.
		if _, err := f.store.MarkInDoubt(ctx, f.c.ID, breachkit.ChannelEmail, time.Now()); err != nil {
			t.Fatal(err)
		}
		accepted, _ := ReadAcceptedLog(strings.NewReader(r.log()))
		rec, err := Reconcile(ctx, f.store, f.c, ReconcileLog, accepted, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if testing.Verbose() {
			n := 0
			for _, k := range r.counts() {
				n += k
			}
			t.Logf("round %d: %d accepted in log, %d deliveries, reconcile %+v", round, len(accepted), n, rec)
		}
	}
	if _, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{}); err != nil {
		t.Fatal(err)
	}
	checkOnce(t, f, r, 60)
}

// startChild runs TestSendChild in a new process against the fixture's
// database and the relay.
func startChild(t *testing.T, f *fixture, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSendChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BK_SEND_CHILD="+f.path, "BK_SEND_RELAY="+addr,
		"BK_SEND_KEY="+hex.EncodeToString(f.dataKey), fmt.Sprintf("BK_SEND_CASE=%d", f.c.ID))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestSendChild is the sender process of the crash tests; it runs only
// when started by startChild.
func TestSendChild(t *testing.T) {
	path := os.Getenv("BK_SEND_CHILD")
	if path == "" {
		t.Skip("runs as the child of the crash tests")
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	dk, _ := hex.DecodeString(os.Getenv("BK_SEND_KEY"))
	var id int64
	fmt.Sscan(os.Getenv("BK_SEND_CASE"), &id)
	keys, err := vault.NewCaseKeys(id, dk)
	if err != nil {
		t.Fatal(err)
	}
	c, err := store.Case(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Send(ctx, store, c, keys, testComposer(t, nil), dialer(os.Getenv("BK_SEND_RELAY")), SendOptions{}); err != nil {
		t.Fatal(err)
	}
}
