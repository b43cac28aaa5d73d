package notify

import (
	"bytes"
	"io"
	"log"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"

	gosmtp "github.com/emersion/go-smtp"
)

// relay is an SMTP server started by a test. It counts what it accepts
// per recipient and keeps the accepted Message-IDs, as a relay's log.
type relay struct {
	addr string

	mu         sync.Mutex
	deliveries map[string]int // recipient → messages accepted
	accepted   []string       // Message-IDs, in order
	tempFail   map[string]int // recipient → 451 replies still to give
	reject     map[string]bool
	// onAccept runs after the k-th message is accepted and before the
	// reply is written.
	onAccept func(k int)
	sessions sync.WaitGroup // open connections
}

func startRelay(t testing.TB) *relay {
	t.Helper()
	r := &relay{deliveries: map[string]int{}, tempFail: map[string]int{}, reject: map[string]bool{}}
	s := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) {
		r.sessions.Add(1)
		return &relaySession{r: r}, nil
	}))
	s.Domain = "relay.test"
	s.ErrorLog = log.New(io.Discard, "", 0) // killed senders reset their connections
	s.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = l.Addr().String()
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return r
}

// log returns the relay's log of accepted messages once every open
// connection has ended, as an operator reads it after a sender died.
func (r *relay) log() string {
	r.sessions.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, id := range r.accepted {
		b.WriteString("relay: accepted message-id=<" + id + ">\n")
	}
	return b.String()
}

func (r *relay) counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.deliveries {
		out[k] = v
	}
	return out
}

type relaySession struct {
	r  *relay
	to string
}

func (s *relaySession) Reset()        { s.to = "" }
func (s *relaySession) Logout() error { s.r.sessions.Done(); return nil }
func (s *relaySession) Mail(string, *gosmtp.MailOptions) error {
	return nil
}

func (s *relaySession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.reject[to] {
		return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "<" + to + ">: no such user"}
	}
	s.to = to
	return nil
}

var msgIDHeader = regexp.MustCompile(`(?im)^Message-Id:\s*<([^>]+)>`)

func (s *relaySession) Data(rd io.Reader) error {
	body, err := io.ReadAll(rd)
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	if s.r.tempFail[s.to] > 0 {
		s.r.tempFail[s.to]--
		s.r.mu.Unlock()
		return &gosmtp.SMTPError{Code: 451, EnhancedCode: gosmtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.r.deliveries[s.to]++
	id := ""
	if m := msgIDHeader.FindSubmatch(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n"))); m != nil {
		id = string(m[1])
	}
	s.r.accepted = append(s.r.accepted, id)
	k := len(s.r.accepted)
	hook := s.r.onAccept
	s.r.mu.Unlock()
	if hook != nil {
		hook(k)
	}
	return nil
}
