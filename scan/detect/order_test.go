package detect

import (
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
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

// TestAddressRole reads the words before an address for what it is to
// its person.
func TestAddressRole(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Returned mail. ANA SOUZA moved; new address 8111 Garcia Rd, Bay Springs, GA 30947.", "role:current"},
		{"Old address 12 Oak Ct, Dayton, OH 45402. New address 2093 Highland St, Glen Springs, NC 28277.", "role:former role:current"},
		{"Property Address: 37279 ASPEN CIR, SAND PARK, TX 75591", "role:property"},
		{"Escrow shortage at 66 Fifth St, Stoneland, NC 28684.", ""},
	} {
		var got []string
		New(Config{}).Detect(&scan.Segment{Text: []byte(tt.text)}, func(m scan.Match) {
			if m.Type == breachkit.Address {
				for _, r := range m.Reasons {
					if strings.HasPrefix(r, "role:") {
						got = append(got, r)
					}
				}
			}
		})
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: roles %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNumberRuleBounds checks that every number rule's digit bounds fit
// the engine's table of rules by digit count.
func TestNumberRuleBounds(t *testing.T) {
	for _, r := range numberRules {
		if r.minD < minDigits && r.typ != breachkit.DOB || r.maxD > maxRuleDigits || r.minD > r.maxD {
			t.Errorf("%s: digits %d–%d outside %d–%d", r.typ, r.minD, r.maxD, minDigits, maxRuleDigits)
		}
	}
}
