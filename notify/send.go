package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/breachkit/breachkit"
	"golang.org/x/time/rate"
)

// Mailer hands one message to a relay. Its errors may have the methods
// Permanent, Temporary and Uncertain (smtp.Error has them); an error
// without them is taken as uncertain, the safe side.
type Mailer interface {
	Send(ctx context.Context, from, to string, msg []byte) error
	Close() error
}

// Dialer opens a Mailer: one per sending worker.
type Dialer func(ctx context.Context) (Mailer, error)

// SendOptions tune a sending run.
type SendOptions struct {
	Workers     int           // parallel connections; default 1
	Rate        float64       // messages per second over all workers; 0 for no limit
	MaxAttempts int           // tries before a notice stays failed; default 5
	Backoff     time.Duration // wait before the first retry, doubled each time; default 1 minute
	// StaleAfter is how long a notice may stay sending before a new run
	// takes it for the leftover of a stopped sender and marks it in
	// doubt. Default 0: only one sender runs per case at a time, so any
	// notice still sending when a run starts was left by a stopped one.
	// Set it above the longest send when several senders share a case.
	StaleAfter time.Duration
	Limit      int // stop after this many attempts (0: no limit)
	Now        func() time.Time
}

// SendResult counts what a run did.
type SendResult struct {
	Sent, Failed, Bounced, InDoubt int
	// LeftInDoubt is how many notices a stopped sender left in doubt
	// (found at the start of this run); they are not sent again until
	// Reconcile decides.
	LeftInDoubt int64
}

// Send sends the case's planned email notices and retries failed ones
// whose back-off has passed. Each notice is claimed in the store before
// it is handed to the relay and recorded after the relay's reply, so
// that a stopped run leaves at most one notice per worker in doubt and
// never one that a later run sends again on its own.
func Send(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, comp *Composer, dial Dialer, opt SendOptions) (*SendResult, error) {
	if opt.Workers <= 0 {
		opt.Workers = 1
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 5
	}
	if opt.Backoff <= 0 {
		opt.Backoff = time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !comp.cfg.Email.Enabled {
		return nil, errors.New("email.enabled is false in the notify config")
	}
	res := &SendResult{}
	n, err := store.MarkInDoubt(ctx, c.ID, breachkit.ChannelEmail, opt.Now().Add(-opt.StaleAfter+time.Microsecond))
	if err != nil {
		return nil, err
	}
	res.LeftInDoubt = n
	r := &renderer{store: store, c: c, keys: keys, comp: comp, now: opt.Now()}
	if err := r.loadPeople(ctx); err != nil {
		return nil, err
	}
	s := &sender{r: r, dial: dial, opt: opt, res: res, domain: domainOf(comp.cfg.Email.From)}
	if opt.Rate > 0 {
		s.limiter = rate.NewLimiter(rate.Limit(opt.Rate), max(1, int(opt.Rate/10)))
	}
	var wg sync.WaitGroup
	errs := make([]error, opt.Workers)
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			errs[w] = s.work(ctx)
		}(w)
	}
	wg.Wait()
	return res, errors.Join(errs...)
}

type sender struct {
	r       *renderer
	dial    Dialer
	opt     SendOptions
	limiter *rate.Limiter
	domain  string

	mu       sync.Mutex
	res      *SendResult
	attempts int
}

// take counts an attempt against the limit and reports whether one may
// be made.
func (s *sender) take() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opt.Limit > 0 && s.attempts >= s.opt.Limit {
		return false
	}
	s.attempts++
	return true
}

func (s *sender) count(status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch status {
	case breachkit.NoticeSent:
		s.res.Sent++
	case breachkit.NoticeFailed:
		s.res.Failed++
	case breachkit.NoticeBounced:
		s.res.Bounced++
	case breachkit.NoticeInDoubt:
		s.res.InDoubt++
	}
}

// work is one sending worker with its own connection.
func (s *sender) work(ctx context.Context) error {
	var m Mailer
	defer func() {
		if m != nil {
			m.Close()
		}
	}()
	for s.take() {
		if s.limiter != nil {
			if err := s.limiter.Wait(ctx); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		now := s.opt.Now()
		ns, err := s.r.store.ClaimNotices(ctx, s.r.c.ID, breachkit.ChannelEmail, 1, s.opt.MaxAttempts, now)
		if err != nil {
			return err
		}
		if len(ns) == 0 {
			return nil
		}
		n := ns[0]
		n.MessageID = MessageID(n, s.domain)
		msg, to, err := s.message(n, now)
		if err != nil {
			// Nothing was handed over; the message cannot be built.
			s.finish(ctx, n, breachkit.NoticeFailed, err.Error(), now)
			continue
		}
		if m == nil {
			if m, err = s.dial(ctx); err != nil {
				m = nil
				status := breachkit.NoticeFailed
				if permanent(err) {
					// A relay that refuses the login or the address refuses
					// every message: stop rather than fail them all.
					s.release(ctx, n)
					return fmt.Errorf("relay: %s", scrub(err.Error()))
				}
				s.finish(ctx, n, status, scrub(err.Error()), now)
				continue
			}
		}
		err = m.Send(ctx, s.fromAddr(), to, msg)
		status, detail := classify(err)
		if status != breachkit.NoticeSent && status != breachkit.NoticeBounced {
			// After a temporary or uncertain failure the connection is in
			// an unknown state: open a new one for the next message.
			m.Close()
			m = nil
		}
		if err := s.finish(ctx, n, status, detail, now); err != nil {
			return err
		}
	}
	return nil
}

func (s *sender) fromAddr() string {
	from := s.r.comp.cfg.Email.From
	if i := strings.LastIndexByte(from, '<'); i >= 0 {
		from = strings.TrimSuffix(from[i+1:], ">")
	}
	return strings.TrimSpace(from)
}

// message builds the email of a notice and returns it with the address.
func (s *sender) message(n *breachkit.Notice, now time.Time) ([]byte, string, error) {
	var to emailTo
	pt, err := s.r.keys.Open(breachkit.Email, n.Recipient)
	if err == nil {
		err = json.Unmarshal(pt, &to)
	}
	if err != nil {
		return nil, "", fmt.Errorf("recipient: %w", err)
	}
	p := Person{Jurisdiction: n.Variant, Recipient: Recipient{Name: to.Name, Child: to.Child}}
	i, ok := s.r.combo[n.PersonID]
	if !ok {
		return nil, "", fmt.Errorf("person %d is no longer in the case (people was re-run after planning)", n.PersonID)
	}
	p.Elements = s.r.combos[i]
	codes, err := s.r.store.CodesOf(context.Background(), s.r.c.ID, []int64{n.PersonID})
	if err != nil {
		return nil, "", err
	}
	if code := codes[n.PersonID]; code != nil {
		v, err := s.r.keys.Open(breachkit.MonitoringCodeElement, code.Value)
		if err != nil {
			return nil, "", fmt.Errorf("monitoring code: %w", err)
		}
		p.Code, p.MinorsCode = string(v), s.r.comp.cfg.Monitoring.minorsCode(code)
	}
	l, err := s.r.comp.Compose(LetterID(n), p)
	if err != nil {
		return nil, "", err
	}
	msg, err := composeEmail(&s.r.comp.cfg.Email, l, to.Email, n.MessageID, now)
	return msg, to.Email, err
}

// release puts a claimed notice back as it was, untouched.
func (s *sender) release(ctx context.Context, n *breachkit.Notice) {
	n.Status, n.Attempts = breachkit.NoticePlanned, n.Attempts-1
	s.r.store.UpdateNotices(ctx, n)
}

// finish records the outcome of one attempt.
func (s *sender) finish(ctx context.Context, n *breachkit.Notice, status, detail string, now time.Time) error {
	n.Status, n.Detail, n.UpdatedAt = status, detail, s.opt.Now()
	if status == breachkit.NoticeFailed {
		n.NextAttempt = now.Add(s.opt.Backoff << min(n.Attempts-1, 10))
	}
	s.count(status)
	// The outcome must be stored even if the run is being cancelled.
	return s.r.store.UpdateNotices(context.WithoutCancel(ctx), n)
}

// classify turns a Mailer's error into a notice status and detail.
func classify(err error) (status, detail string) {
	if err == nil {
		return breachkit.NoticeSent, "accepted by the relay"
	}
	d := scrub(err.Error())
	var e interface {
		Permanent() bool
		Temporary() bool
		Uncertain() bool
	}
	switch {
	case !errors.As(err, &e) || e.Uncertain():
		return breachkit.NoticeInDoubt, "no reply after the message was handed over: " + d
	case e.Permanent():
		return breachkit.NoticeBounced, "rejected: " + d
	default:
		return breachkit.NoticeFailed, d
	}
}

func permanent(err error) bool {
	var e interface{ Permanent() bool }
	return errors.As(err, &e) && e.Permanent()
}

func domainOf(from string) string {
	from = strings.TrimSpace(strings.TrimSuffix(from, ">"))
	if i := strings.LastIndexByte(from, '@'); i >= 0 {
		return strings.ToLower(from[i+1:])
	}
	return ""
}
