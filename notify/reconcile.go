package notify

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
)

// Reconcile modes: how in-doubt notices are settled.
const (
	// ReconcileLog settles each in-doubt notice by the relay's log of
	// accepted messages: listed means sent, not listed means send again.
	ReconcileLog = "log"
	// ReconcileResend sends every in-doubt notice again: a person may get
	// a second email.
	ReconcileResend = "resend"
	// ReconcileAssumeSent records every in-doubt notice as sent: a person
	// may get none.
	ReconcileAssumeSent = "assume-sent"
)

// ReconcileResult counts how in-doubt notices were settled.
type ReconcileResult struct {
	Sent, Requeued int
}

var angleID = regexp.MustCompile(`<([^<>\s]+@[^<>\s]+)>`)

// ReadAcceptedLog reads the Message-IDs a relay accepted: one per line,
// bare or in angle brackets, or inside relay log lines such as Postfix's
// "message-id=<...>". Lines without one are ignored.
func ReadAcceptedLog(r io.Reader) (map[string]bool, error) {
	ids := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		ms := angleID.FindAllStringSubmatch(line, -1)
		for _, m := range ms {
			ids[strings.ToLower(m[1])] = true
		}
		if len(ms) == 0 && strings.Contains(line, "@") && !strings.ContainsAny(line, " \t") {
			ids[strings.ToLower(line)] = true
		}
	}
	return ids, sc.Err()
}

// Reconcile settles the case's in-doubt email notices. With ReconcileLog
// accepted holds the relay's accepted Message-IDs (ReadAcceptedLog).
func Reconcile(ctx context.Context, store breachkit.Store, c *breachkit.Case, mode string, accepted map[string]bool, now time.Time) (*ReconcileResult, error) {
	switch mode {
	case ReconcileLog, ReconcileResend, ReconcileAssumeSent:
	default:
		return nil, fmt.Errorf("unknown reconcile mode %q", mode)
	}
	var ns []*breachkit.Notice
	err := store.Notices(ctx, c.ID, breachkit.ChannelEmail, breachkit.NoticeInDoubt, func(n *breachkit.Notice) error {
		ns = append(ns, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Match by the notice a breachkit Message-ID names, whatever the
	// domain: a sender that stopped mid-send never stored the ID it used.
	acceptedIDs := map[int64]bool{}
	for id := range accepted {
		if cid, nid, ok := noticeOfMessageID(id); ok && cid == c.ID {
			acceptedIDs[nid] = true
		}
	}
	res := &ReconcileResult{}
	for _, n := range ns {
		sent := mode == ReconcileAssumeSent || (mode == ReconcileLog && acceptedIDs[n.ID])
		if sent {
			n.Status, n.Detail = breachkit.NoticeSent, "in doubt; settled as sent ("+mode+")"
			res.Sent++
		} else {
			// Back to planned, with the attempt given back: it was never
			// delivered, as far as the relay knows.
			n.Status, n.Detail, n.NextAttempt = breachkit.NoticePlanned, "in doubt; settled as not sent ("+mode+")", time.Time{}
			res.Requeued++
		}
		n.UpdatedAt = now
	}
	for i := 0; i < len(ns); i += 1000 {
		if err := store.UpdateNotices(ctx, ns[i:min(i+1000, len(ns))]...); err != nil {
			return res, err
		}
	}
	return res, nil
}
