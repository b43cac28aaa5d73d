package detect

import (
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestMatchOrder emits a segment's matches in the text's order, whatever
// rule found them: for a segment without offsets in its file (a PDF
// page), the order is what ties each SSN to the name before it.
func TestMatchOrder(t *testing.T) {
	e := New(Config{})
	text := "Ana Souza SSN 383-41-8663 DOB 03/14/1987\nDana Whitfield SSN 512-44-7081 DOB 07/01/1961\n"
	var got []scan.Match
	e.Detect(&scan.Segment{Text: []byte(text), Offset: -1}, func(m scan.Match) { got = append(got, m) })
	if len(got) < 6 {
		t.Fatalf("%d matches", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i].Start < got[i-1].Start {
			t.Errorf("match %d (%s at %d) before match %d (%s at %d)", i, got[i].Type, got[i].Start, i-1, got[i-1].Type, got[i-1].Start)
		}
	}
}
