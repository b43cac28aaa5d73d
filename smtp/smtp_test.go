package smtp

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// server is a TLS-capable relay for the tests that wants AUTH PLAIN.
type server struct {
	mu       sync.Mutex
	got      []string // recipients of accepted messages
	tls      []bool   // whether each was sent over TLS
	dataCode int      // reply to the end of data, 0 for 250
}

type session struct {
	s    *server
	conn *gosmtp.Conn
	auth bool
	to   string
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "sender" || pass != "secret" {
			return &gosmtp.SMTPError{Code: 535, EnhancedCode: gosmtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		se.auth = true
		return nil
	}), nil
}
func (se *session) Mail(string, *gosmtp.MailOptions) error {
	if !se.auth {
		return &gosmtp.SMTPError{Code: 530, EnhancedCode: gosmtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	return nil
}
func (se *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	if to == "nobody@example.test" {
		return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	se.to = to
	return nil
}
func (se *session) Data(r io.Reader) error {
	io.Copy(io.Discard, r)
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	if se.s.dataCode != 0 {
		return &gosmtp.SMTPError{Code: se.s.dataCode, Message: "queue full"}
	}
	_, isTLS := se.conn.TLSConnectionState()
	se.s.got = append(se.s.got, se.to)
	se.s.tls = append(se.s.tls, isTLS)
	return nil
}
func (se *session) Reset()        { se.to = "" }
func (se *session) Logout() error { return nil }

func startServer(t *testing.T) (*server, string, *tls.Config) {
	t.Helper()
	cert, pool := selfSigned(t)
	s := &server{}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(c *gosmtp.Conn) (gosmtp.Session, error) {
		return &session{s: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s, l.Addr().String(), &tls.Config{RootCAs: pool, ServerName: "localhost"}
}

func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

const msg = "From: a@example.test\r\nTo: b@example.test\r\nSubject: t\r\n\r\nhello\r\n"

func TestStartTLSAuthAndReuse(t *testing.T) {
	s, addr, tc := startServer(t)
	ctx := context.Background()
	c, err := Dial(ctx, Config{Addr: addr, Username: "sender", Password: "secret", TLSConfig: tc})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, to := range []string{"one@example.test", "two@example.test", "three@example.test"} {
		if err := c.Send(ctx, "a@example.test", to, []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	// A rejected recipient is permanent and leaves the connection usable.
	err = c.Send(ctx, "a@example.test", "nobody@example.test", []byte(msg))
	var e *Error
	if !errors.As(err, &e) || !e.Permanent() || e.Code != 550 || e.Stage != "RCPT" {
		t.Fatalf("rejected recipient: %v", err)
	}
	if err := c.Send(ctx, "a@example.test", "four@example.test", []byte(msg)); err != nil {
		t.Fatalf("after a rejection: %v", err)
	}
	if len(s.got) != 4 {
		t.Fatalf("server accepted %d", len(s.got))
	}
	for i, ok := range s.tls {
		if !ok {
			t.Errorf("message %d not sent over TLS", i)
		}
	}
}

func TestErrors(t *testing.T) {
	s, addr, tc := startServer(t)
	ctx := context.Background()
	// Wrong password: permanent.
	_, err := Dial(ctx, Config{Addr: addr, Username: "sender", Password: "wrong", TLSConfig: tc})
	var e *Error
	if !errors.As(err, &e) || !e.Permanent() {
		t.Fatalf("bad password: %v", err)
	}
	// An untrusted certificate is refused.
	if _, err := Dial(ctx, Config{Addr: addr, Username: "sender", Password: "secret"}); err == nil {
		t.Fatal("dialled a relay with an untrusted certificate")
	}
	// 451 at the end of data: temporary, not uncertain.
	c, err := Dial(ctx, Config{Addr: addr, Username: "sender", Password: "secret", TLSConfig: tc})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s.mu.Lock()
	s.dataCode = 451
	s.mu.Unlock()
	err = c.Send(ctx, "a@example.test", "one@example.test", []byte(msg))
	if !errors.As(err, &e) || !e.Temporary() || e.Uncertain() || e.Code != 451 {
		t.Fatalf("451: %v", err)
	}
	// Nobody listening: temporary.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := l.Addr().String()
	l.Close()
	_, err = Dial(ctx, Config{Addr: dead, TLS: "none", Timeout: time.Second})
	if !errors.As(err, &e) || !e.Temporary() {
		t.Fatalf("no server: %v", err)
	}
}

// TestUncertain closes the connection after the end of data without a
// reply: the relay may have the message, so the error is uncertain.
func TestUncertain(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		w := func(s string) { conn.Write([]byte(s + "\r\n")) }
		buf := make([]byte, 4096)
		w("220 fake")
		for _, reply := range []string{"250 hi", "250 ok", "250 ok", "354 go"} {
			conn.Read(buf)
			w(reply)
		}
		// Read the message up to the final dot, then hang up.
		var all []byte
		for {
			n, err := conn.Read(buf)
			all = append(all, buf[:n]...)
			if err != nil || len(all) >= 5 && string(all[len(all)-5:]) == "\r\n.\r\n" {
				return
			}
		}
	}()
	c, err := Dial(context.Background(), Config{Addr: l.Addr().String(), TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Send(context.Background(), "a@example.test", "b@example.test", []byte(msg))
	var e *Error
	if !errors.As(err, &e) || !e.Uncertain() {
		t.Fatalf("hang-up after data: %v", err)
	}
}
