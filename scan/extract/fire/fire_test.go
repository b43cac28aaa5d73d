package fire

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan/extracttest"
)

// rec builds a record from fields at 1-based positions, blank elsewhere.
func rec(fields ...any) string { return extracttest.Fixed(recLen, fields...) }

// amounts are the zero-filled payment amounts of a layout of n.
func amounts(n int) string { return strings.Repeat("0", 12*n) }

// Fictional payer and payees only.
var (
	transmitter = rec(1, "T2025 123456789ABC12", 30, "ACME MORTGAGE SERVICING", 190, "PO BOX 1000", 230, "DALLAS", 270, "TX", 272, "75201")
	payer       = rec(1, "A2025", 12, "123456789", 26, "3 ", 53, "ACME MORTGAGE SERVICING", 134, "PO BOX 1000", 174, "DALLAS", 214, "TX", 216, "75201")
	// Sixteen amounts: the name at 248.
	payee16 = rec(1, "B2025 SOUZ2383418663LN3159809287", 55, amounts(16), 248, "ANA M SOUZA", 368, "2093 HIGHLAND ST", 448, "GLEN SPRINGS", 488, "NC282770000")
	// Eighteen amounts: the name at 288; an EIN's payee is a business.
	payee18  = rec(1, "B2025 WHIT2212456791LN3159809288", 55, amounts(18), 288, "DANA WHITFIELD", 368, "12 OAK CT", 448, "DAYTON", 488, "OH45402")
	business = rec(1, "B2025 ACME1123456789LN1", 55, amounts(16), 248, "ACME HOLDINGS LLC")
	totals   = rec(1, "C00000003")
	end      = rec(1, "F00000001")
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) ([]segOut, []string) {
	segs, warns := extracttest.Extract(t, Extractor{}, "f", data)
	out := make([]segOut, len(segs))
	for i, s := range segs {
		out[i] = segOut{s.Field, s.Record, string(s.Text)}
	}
	return out, warns
}

func TestExtract(t *testing.T) {
	want := []segOut{
		{fAccount, "f#payee=1", "LN3159809287"}, {fTIN, "f#payee=1", "383418663"}, {fName1, "f#payee=1", "ANA M SOUZA"},
		{fStreet, "f#payee=1", "2093 HIGHLAND ST"}, {fCity, "f#payee=1", "GLEN SPRINGS"}, {fState, "f#payee=1", "NC"}, {fZIP, "f#payee=1", "282770000"},
		{fAccount, "f#payee=2", "LN3159809288"}, {fTIN, "f#payee=2", "212456791"}, {fName1, "f#payee=2", "DANA WHITFIELD"},
		{fStreet, "f#payee=2", "12 OAK CT"}, {fCity, "f#payee=2", "DAYTON"}, {fState, "f#payee=2", "OH"}, {fZIP, "f#payee=2", "45402"},
		{fAccount, "f#payee=3", "LN1"},
	}
	recs := []string{transmitter, payer, payee16, payee18, business, totals, end}
	for _, tt := range []struct{ name, data string }{
		{"lines", strings.Join(recs, "\r\n") + "\r\n"},
		{"back to back", strings.Join(recs, "")},
	} {
		got, warns := extract(t, tt.data)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", tt.name, got, want)
		}
		if len(warns) > 0 {
			t.Errorf("%s: warnings %q", tt.name, warns)
		}
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{transmitter + "\n" + payer, true},
		{transmitter + payer, true},
		{transmitter[:400] + "\n", false},
		{"Total sales 2025 123456789 units", false},
	} {
		if got := (Extractor{}).Accepts("IRSTAX", []byte(tt.head)); got != tt.want {
			t.Errorf("Accepts(%.30q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestStrays(t *testing.T) {
	got, warns := extract(t, transmitter+"\nnot a record, SSN 383-41-8663\n"+payee16+"\n")
	if got[0] != (segOut{"", "f#line=2", "not a record, SSN 383-41-8663"}) || len(warns) != 1 || !strings.Contains(warns[0], "line 2") {
		t.Errorf("%v %q", got[:1], warns)
	}
}

func FuzzExtract(f *testing.F) {
	extracttest.Fuzz(f, Extractor{}, strings.Join([]string{transmitter, payer, payee16, payee18, totals, end}, "\n"), transmitter+payer+payee16)
}
