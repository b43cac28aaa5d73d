// Package smtp hands notice emails to an SMTP relay with go-smtp:
// STARTTLS or implicit TLS, AUTH PLAIN, one connection reused for many
// messages. Its errors say what a sender needs to know to deliver
// exactly once: whether a failure is temporary or permanent, and whether
// the relay may have accepted the message although no reply came back.
package smtp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// Config says how to reach the relay.
type Config struct {
	Addr      string // host:port
	TLS       string // "starttls" (the default), "implicit" or "none"
	Username  string // AUTH PLAIN when set
	Password  string
	TLSConfig *tls.Config // nil: verify the relay's certificate for its host name
	LocalName string      // the EHLO name; "localhost" when empty
	Timeout   time.Duration
}

// Client is a connection to the relay. It is not safe for concurrent
// use; use one client per sending worker.
type Client struct {
	c *gosmtp.Client
}

// Error is a failed hand-over. The sender reads it through its methods.
type Error struct {
	Code int    // SMTP reply code, 0 for a network error
	Text string // the relay's reply or the network error, as it came
	// Stage is the command that failed: connect, MAIL, RCPT, DATA or the
	// end of data (".").
	Stage     string
	permanent bool
	uncertain bool
}

func (e *Error) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("smtp %s: %d %s", e.Stage, e.Code, e.Text)
	}
	return fmt.Sprintf("smtp %s: %s", e.Stage, e.Text)
}

// Permanent reports a 5xx reply: sending again will not help.
func (e *Error) Permanent() bool { return e.permanent }

// Temporary reports a failure after which the message certainly was not
// accepted and may be sent again later.
func (e *Error) Temporary() bool { return !e.permanent && !e.uncertain }

// Uncertain reports a failure after the whole message was handed over
// and before the relay's reply arrived: the relay may have accepted it.
func (e *Error) Uncertain() bool { return e.uncertain }

// Dial connects to the relay, says EHLO, starts TLS and authenticates.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, &Error{Stage: "connect", Text: err.Error(), permanent: true}
	}
	tc := cfg.TLSConfig
	if tc == nil {
		tc = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	d := net.Dialer{Timeout: timeout}
	var conn net.Conn
	if cfg.TLS == "implicit" {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: tc}).DialContext(ctx, "tcp", cfg.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", cfg.Addr)
	}
	if err != nil {
		return nil, &Error{Stage: "connect", Text: err.Error()}
	}
	var c *gosmtp.Client
	switch cfg.TLS {
	case "", "starttls":
		c, err = gosmtp.NewClientStartTLS(conn, tc)
	default:
		c = gosmtp.NewClient(conn)
	}
	if err != nil {
		conn.Close()
		return nil, wrap("STARTTLS", err, false)
	}
	c.CommandTimeout, c.SubmissionTimeout = timeout, 2*timeout
	name := cfg.LocalName
	if name == "" {
		name = "localhost"
	}
	if err := c.Hello(name); err != nil {
		c.Close()
		return nil, wrap("EHLO", err, false)
	}
	if cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", cfg.Username, cfg.Password)); err != nil {
			c.Close()
			e := wrap("AUTH", err, false)
			e.permanent = e.Code >= 500 || e.Code == 0
			return nil, e
		}
	}
	return &Client{c: c}, nil
}

// Send hands one message for one recipient to the relay. The connection
// stays open for the next message unless an error says otherwise.
func (c *Client) Send(ctx context.Context, from, to string, msg []byte) error {
	if dl, ok := ctx.Deadline(); ok {
		c.c.CommandTimeout = time.Until(dl)
	}
	if err := c.c.Mail(from, nil); err != nil {
		c.reset()
		return wrap("MAIL", err, false)
	}
	if err := c.c.Rcpt(to, nil); err != nil {
		c.reset()
		return wrap("RCPT", err, false)
	}
	w, err := c.c.Data()
	if err != nil {
		c.reset()
		return wrap("DATA", err, false)
	}
	if _, err := w.Write(msg); err != nil {
		// The terminating dot was not sent: the relay cannot have
		// accepted the message.
		return wrap("DATA", err, false)
	}
	if err := w.Close(); err != nil {
		return wrap(".", err, true)
	}
	return nil
}

// reset ends a failed transaction so that the connection can be reused.
func (c *Client) reset() { _ = c.c.Reset() }

// Close says QUIT and closes the connection.
func (c *Client) Close() error {
	if err := c.c.Quit(); err != nil {
		return c.c.Close()
	}
	return nil
}

// wrap classifies an error of a stage. A reply from the relay is
// definite; a network error after the end of data is uncertain.
func wrap(stage string, err error, afterData bool) *Error {
	var se *gosmtp.SMTPError
	if errors.As(err, &se) {
		return &Error{Stage: stage, Code: se.Code, Text: se.Message, permanent: se.Code >= 500}
	}
	return &Error{Stage: stage, Text: err.Error(), uncertain: afterData}
}
