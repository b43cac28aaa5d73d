package notify

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
)

// BounceImport says what a bounce import did.
type BounceImport struct {
	Bounces   int      // bounce reports read
	Marked    int      // notices recorded as bounced
	Unmatched int      // reports that name no notice of the case
	Errors    []string // lines that could not be read; never personal values
}

var bounceIDRE = regexp.MustCompile(`(?i)bk\d+-\d{8,}@[a-z0-9.-]+`)
var diagRE = regexp.MustCompile(`(?im)^(?:Diagnostic-Code|Status):\s*(.+)$`)

// ImportBounces records bounced emails. It reads either a mailbox (mbox,
// the bounce messages the relay returned; each is matched by the
// breachkit Message-ID it quotes) or a CSV from the relay or email
// service with a message_id or email column and an optional reason
// column.
func ImportBounces(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, r io.Reader, now time.Time) (*BounceImport, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(5)
	res := &BounceImport{}
	reasons := map[int64]string{} // notice ID → reason
	byEmail := map[string]string{}
	if string(head) == "From " {
		if err := readMbox(br, c.ID, reasons, res); err != nil {
			return res, err
		}
	} else if err := readBounceCSV(br, c.ID, reasons, byEmail, res); err != nil {
		return res, err
	}
	var marked []*breachkit.Notice
	err := store.Notices(ctx, c.ID, breachkit.ChannelEmail, "", func(n *breachkit.Notice) error {
		reason, ok := reasons[n.ID]
		if !ok && len(byEmail) > 0 {
			var to emailTo
			if pt, err := keys.Open(breachkit.Email, n.Recipient); err == nil && json.Unmarshal(pt, &to) == nil {
				reason, ok = byEmail[strings.ToLower(to.Email)]
				if ok {
					delete(byEmail, strings.ToLower(to.Email))
				}
			}
		}
		if ok {
			delete(reasons, n.ID)
			if n.Status != breachkit.NoticeBounced {
				n.Status, n.Detail, n.UpdatedAt = breachkit.NoticeBounced, "bounced: "+scrub(reason), now
				marked = append(marked, n)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Unmatched += len(reasons) + len(byEmail)
	for i := 0; i < len(marked); i += 1000 {
		if err := store.UpdateNotices(ctx, marked[i:min(i+1000, len(marked))]...); err != nil {
			return res, err
		}
	}
	res.Marked = len(marked)
	return res, nil
}

// readMbox splits a mailbox at its "From " lines and takes from each
// message the breachkit Message-ID it quotes and its diagnostic.
func readMbox(r *bufio.Reader, caseID int64, reasons map[int64]string, res *BounceImport) error {
	var msg bytes.Buffer
	flush := func() {
		if msg.Len() == 0 {
			return
		}
		res.Bounces++
		body := msg.Bytes()
		reason := "bounce message"
		if m := diagRE.FindSubmatch(body); m != nil {
			reason = strings.TrimSpace(string(m[1]))
		}
		found := false
		for _, id := range bounceIDRE.FindAll(body, -1) {
			if cid, nid, ok := noticeOfMessageID(string(id)); ok && cid == caseID {
				reasons[nid] = reason
				found = true
			}
		}
		if !found {
			res.Unmatched++
		}
		msg.Reset()
	}
	for {
		line, err := r.ReadBytes('\n')
		if bytes.HasPrefix(line, []byte("From ")) {
			flush()
		} else {
			msg.Write(line)
		}
		if errors.Is(err, io.EOF) {
			flush()
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func readBounceCSV(r io.Reader, caseID int64, reasons map[int64]string, byEmail map[string]string, res *BounceImport) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("bounce file: %w", err)
	}
	idCol, emailCol, reasonCol := -1, -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "message_id", "message-id", "messageid":
			idCol = i
		case "email", "recipient", "address":
			emailCol = i
		case "reason", "diagnostic", "status", "error":
			reasonCol = i
		}
	}
	if idCol < 0 && emailCol < 0 {
		return errors.New("bounce file: line 1 has neither a message_id nor an email column")
	}
	line := 1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line++
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		res.Bounces++
		reason := "bounced"
		if reasonCol >= 0 && reasonCol < len(rec) && rec[reasonCol] != "" {
			reason = rec[reasonCol]
		}
		if idCol >= 0 && idCol < len(rec) {
			if cid, nid, ok := noticeOfMessageID(rec[idCol]); ok && cid == caseID {
				reasons[nid] = reason
				continue
			}
		}
		if emailCol >= 0 && emailCol < len(rec) && strings.Contains(rec[emailCol], "@") {
			byEmail[strings.ToLower(strings.TrimSpace(rec[emailCol]))] = reason
			continue
		}
		res.Unmatched++
	}
}
