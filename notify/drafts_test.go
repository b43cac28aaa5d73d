package notify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestWriteDrafts(t *testing.T) {
	f, comp := plannedFixture(t, 25)
	dir := t.TempDir()
	res, err := WriteDrafts(context.Background(), f.store, f.c, comp, dir, renderTime)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Drafts) != 1 || len(res.Samples) != 1 || res.Samples[0] != "sample-letter-US-CA.pdf" {
		t.Fatalf("drafts = %+v", res)
	}
	b, err := os.ReadFile(filepath.Join(dir, res.Drafts[0]))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"DRAFT", "California Attorney General", "Cal. Civ. Code", "Residents of US-CA affected: 5",
		"3 letters, 5 emails, 2 by substitute notice", "Social Security number: 5 people", "sample-letter-US-CA.pdf", "Not legal advice"} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Given") || strings.Contains(text, "@example.test") {
		t.Error("the draft holds personal data")
	}
}

// TestDraftOfferAbroad checks that a regulator's draft abroad does not
// say the offer to everyone reached the people it notifies, when the
// provider serves only the United States.
func TestDraftOfferAbroad(t *testing.T) {
	comp := testComposer(t, nil)
	c := &breachkit.Case{Name: "c"}
	de := draftText(comp, c, breachkit.Obligation{Jurisdiction: "DE", Recipient: "the lead supervisory authority"}, nil, nil, "", renderTime)
	if !strings.Contains(de, "not to the people notified here") || strings.Contains(de, "to everyone notified") {
		t.Errorf("German draft's monitoring section:\n%s", de)
	}
	tx := draftText(comp, c, breachkit.Obligation{Jurisdiction: "US-TX", Recipient: "Texas Attorney General"}, nil, nil, "", renderTime)
	if !strings.Contains(tx, "24 months of Example Identity Services offered at no cost (to everyone notified)") {
		t.Errorf("Texas draft's monitoring section:\n%s", tx)
	}
}
