package notify

import (
	"testing"

	"github.com/breachkit/breachkit"
)

func TestMessageIDRoundTrip(t *testing.T) {
	for _, id := range []int64{1, 8, 10, 30, 12345678, 123456789} {
		n := &breachkit.Notice{CaseID: 7, ID: id}
		c, got, ok := noticeOfMessageID(MessageID(n, "example.com"))
		if !ok || c != 7 || got != id {
			t.Errorf("notice %d: parsed back as case %d notice %d (%v)", id, c, got, ok)
		}
	}
	if _, _, ok := noticeOfMessageID("random@example.com"); ok {
		t.Error("a foreign Message-ID parsed as a notice")
	}
}

func TestScrub(t *testing.T) {
	got := scrub("550 5.1.1 <jane.doe@example.org>: Recipient address rejected")
	if got != "550 5.1.1 <j***@example.org>: Recipient address rejected" {
		t.Errorf("scrub = %q", got)
	}
}
