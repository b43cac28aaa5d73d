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
