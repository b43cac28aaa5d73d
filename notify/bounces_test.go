package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
)

func TestImportBounces(t *testing.T) {
	ctx := context.Background()
	f, comp := plannedFixture(t, 10)
	r := startRelay(t)
	if _, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	f.store.Notices(ctx, f.c.ID, breachkit.ChannelEmail, "", func(n *breachkit.Notice) error {
		ids = append(ids, n.MessageID)
		return nil
	})
	mbox := "From MAILER-DAEMON Thu Dec 14 10:00:00 2023\nSubject: Undelivered Mail\n\nReporting-MTA: dns; relay.test\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <person1@example.test> user unknown\n\nMessage-ID: <" + ids[0] + ">\n" +
		"From MAILER-DAEMON Thu Dec 14 10:00:01 2023\nSubject: something else\n\nno reference here\n"
	res, err := ImportBounces(ctx, f.store, f.c, f.keys, strings.NewReader(mbox), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.Bounces != 2 || res.Marked != 1 || res.Unmatched != 1 {
		t.Fatalf("mbox import = %+v", res)
	}
	csvIn := "email,reason\nPERSON2@example.test,mailbox full\nstranger@example.test,unknown\n"
	res, err = ImportBounces(ctx, f.store, f.c, f.keys, strings.NewReader(csvIn), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.Marked != 1 || res.Unmatched != 1 {
		t.Fatalf("csv import = %+v", res)
	}
	bounced := 0
	f.store.Notices(ctx, f.c.ID, breachkit.ChannelEmail, breachkit.NoticeBounced, func(n *breachkit.Notice) error {
		bounced++
		if strings.Contains(n.Detail, "person1@") {
			t.Errorf("detail keeps the address: %q", n.Detail)
		}
		return nil
	})
	if bounced != 2 {
		t.Fatalf("%d bounced", bounced)
	}
}
