package detect

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/scan"
)

// filterCorpus is free text (servicing notes, names of people born
// abroad, a passport number two lines after "TIN") and 300 generated
// customers' CSV cells with their headers.
func filterCorpus(t *testing.T) []scan.Segment {
	var segs []scan.Segment
	for _, f := range []string{"bench_notes.txt", "names_abroad.txt", "names_abroad2.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range bytes.Split(data, []byte("\n\n")) {
			segs = append(segs, scan.Segment{Text: para})
		}
	}
	segs = append(segs, scan.Segment{Text: []byte("TIN 91-2345678 belongs to Acme Holdings LLC.\nPassport no. 563920184 issued to Oyelaran Adebayo.")})
	header := []string{"Customer ID", "First Name", "Last Name", "Date of Birth", "SSN", "Email", "Phone", "Address", "City", "State", "ZIP", "Tax ID", "Notes"}
	for i := range 300 {
		p := gen.PersonAt(11, i)
		a := p.Addresses[0]
		row := []string{p.ID, p.Given, p.Surname, p.DOB, p.SSN, p.Emails[0], p.Phones[0], a.Street, a.City, a.State, a.ZIP,
			fmt.Sprintf("%08d", i*7919%100000000),
			fmt.Sprintf("Passport no. %09d, DL %s, card %s, routing %s acct %s", (i*104729+35791)%1000000000, p.DriversLicense, p.Card, p.RoutingNumber, p.BankAccount)}
		for k, c := range row {
			segs = append(segs, scan.Segment{Text: []byte(c), Field: header[k], Columns: header})
		}
	}
	return segs
}

// detectAll returns the matches of an engine for cfg over segs, by type,
// each as segment:range confidence reasons.
func detectAll(segs []scan.Segment, cfg Config) map[breachkit.Element][]string {
	e := New(cfg)
	out := map[breachkit.Element][]string{}
	for k := range segs {
		e.Detect(&segs[k], func(m scan.Match) {
			out[m.Type] = append(out[m.Type], fmt.Sprintf("%d:%d-%d %.3f %v", k, m.Start, m.End, m.Confidence, m.Reasons))
		})
	}
	return out
}

// TestTypesFilter checks that an engine limited to one type reports
// exactly the matches of that type a full engine reports: --types
// chooses what is shown, never what a value is taken for. Before, with
// the other types' rules off, --types SSN gave 1,552 SSNs here where a
// full scan gives 663 (bank accounts, licences, the passport number).
func TestTypesFilter(t *testing.T) {
	segs := filterCorpus(t)
	full := detectAll(segs, Config{})
	if len(full[breachkit.Passport]) == 0 || len(full[breachkit.SSN]) == 0 {
		t.Fatalf("the corpus lacks passports or SSNs: %d, %d", len(full[breachkit.Passport]), len(full[breachkit.SSN]))
	}
	for _, typ := range breachkit.ScanElements {
		got := detectAll(segs, Config{Types: []breachkit.Element{typ}})
		for other, ms := range got {
			if other != typ {
				t.Errorf("--types %s reports %d matches of %s", typ, len(ms), other)
			}
		}
		if !slices.Equal(got[typ], full[typ]) {
			t.Errorf("--types %s: %d matches, the full engine %d of that type", typ, len(got[typ]), len(full[typ]))
		}
	}
}

// TestMinConfidenceFilter checks that a minimum confidence drops matches
// and changes none: an engine with a minimum reports what the default
// engine reports at or above it.
func TestMinConfidenceFilter(t *testing.T) {
	segs := filterCorpus(t)
	full := detectAll(segs, Config{})
	for _, min := range []float64{0.6, 0.8, 0.95, 0.99} {
		got := detectAll(segs, Config{MinConfidence: min})
		for typ, ms := range full {
			var want []string
			for _, m := range ms {
				var c float64
				fmt.Sscanf(m[bytes.IndexByte([]byte(m), ' ')+1:], "%f", &c)
				if c >= min {
					want = append(want, m)
				}
			}
			if !slices.Equal(got[typ], want) {
				t.Errorf("min %.2f, %s: %d matches, the default engine %d at or above it", min, typ, len(got[typ]), len(want))
			}
		}
	}
}

// TestCardTestNumbers checks that a payment processor's published test
// card number is reported near a card word and in a card column, at the
// default minimum confidence with a reason that names it, and not without
// a card word.
func TestCardTestNumbers(t *testing.T) {
	e := New(Config{MinConfidence: 0.5}) // scan's default
	for _, c := range []struct {
		field, text string
		want        bool
	}{
		{"", "Card on file: 4111 1111 1111 1111, exp 09/27", true},
		{"card_number", "5555555555554444", true},
		{"", "row 4111111111111111 of the fixture", false},
	} {
		var got []scan.Match
		e.Detect(&scan.Segment{Text: []byte(c.text), Field: c.field}, func(m scan.Match) {
			if m.Type == breachkit.CardNumber {
				got = append(got, m)
			}
		})
		if !c.want {
			if len(got) > 0 {
				t.Errorf("%q: reported %v", c.text, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Confidence != testCardConf || !slices.Contains(got[0].Reasons, "rule:card-test-number") {
			t.Errorf("%q (field %q): got %+v, want one card at %v with rule:card-test-number", c.text, c.field, got, testCardConf)
		}
	}
	// A minimum above the default drops them.
	New(Config{MinConfidence: 0.6}).Detect(&scan.Segment{Text: []byte("5555555555554444"), Field: "card_number"}, func(m scan.Match) {
		t.Errorf("min 0.6: reported %+v", m)
	})
}
