package metro2

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan/extracttest"
)

// seg builds a segment of n characters from fields at 1-based
// positions, blank elsewhere.
func seg(n int, fields ...any) string { return extracttest.Fixed(n, fields...) }

// Fictional furnisher and people only.
var (
	header = seg(baseLen, 1, "0426", 5, "HEADER", 48, "11302026", 80, "ACME MORTGAGE SERVICING", 120, "PO BOX 1000 DALLAS TX 75201", 216, "8005550199")
	// A mortgage: Ana Souza, and Joao Souza (J1, same address).
	base1 = seg(baseLen, 1, "0526", 5, "1", 6, "11302026120000", 21, "ACMEMTG001", 43, "LN3159809287", 73, "M", 74, "26",
		232, "SOUZA", 257, "ANA", 277, "MARIA", 298, "383418663", 307, "07041961", 315, "9193620142", 325, "2",
		330, "2093 HIGHLAND ST", 394, "GLEN SPRINGS", 414, "NC", 416, "282770000", 425, "Y")
	j1 = seg(100, 1, "J1", 4, "SOUZA", 29, "JOAO", 70, "362985217", 79, "08311956", 97, "2")
	// A card account with a co-applicant at another address (J2).
	base2 = seg(baseLen, 1, "0626", 5, "1", 6, "11302026120000", 21, "ACMECARD01", 43, "2475976162618147", 73, "R", 74, "18",
		232, "WHITFIELD", 257, "DANA", 298, "212456791", 307, "12141982", 325, "1",
		330, "12 OAK CT", 362, "APT 4", 394, "DAYTON", 414, "OH", 416, "45402")
	j2      = seg(200, 1, "J2", 4, "HURST", 29, "FELIX", 70, "000000000", 79, "00000000", 102, "478 CHANG LOOP", 166, "SUN HEIGHTS", 186, "AR", 188, "72935")
	trailer = seg(baseLen, 1, "0426", 5, "TRAILER", 12, "000000002")
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, path, data string) ([]segOut, []string) {
	segs, warns := extracttest.Extract(t, Extractor{}, path, data)
	out := make([]segOut, len(segs))
	for i, s := range segs {
		out[i] = segOut{s.Field, s.Record, string(s.Text)}
	}
	return out, warns
}

var want = []segOut{
	{fAccount, "m#account=1", "LN3159809287"}, {fSurname, "m#account=1", "SOUZA"}, {fGiven, "m#account=1", "ANA"}, {fMiddle, "m#account=1", "MARIA"},
	{fSSN, "m#account=1", "383418663"}, {fDOB, "m#account=1", "07041961"}, {fPhone, "m#account=1", "9193620142"},
	{fStreet, "m#account=1", "2093 HIGHLAND ST"}, {fCity, "m#account=1", "GLEN SPRINGS"}, {fState, "m#account=1", "NC"}, {fZIP, "m#account=1", "282770000"},
	{"co-borrower " + fSurname, "m#account=1", "SOUZA"}, {"co-borrower " + fGiven, "m#account=1", "JOAO"},
	{"co-borrower " + fSSN, "m#account=1", "362985217"}, {"co-borrower " + fDOB, "m#account=1", "08311956"},
	{fAccount, "m#account=2", "2475976162618147"}, {fSurname, "m#account=2", "WHITFIELD"}, {fGiven, "m#account=2", "DANA"},
	{fSSN, "m#account=2", "212456791"}, {fDOB, "m#account=2", "12141982"},
	{fStreet, "m#account=2", "12 OAK CT"}, {fStreet2, "m#account=2", "APT 4"}, {fCity, "m#account=2", "DAYTON"}, {fState, "m#account=2", "OH"}, {fZIP, "m#account=2", "45402"},
	{fSurname, "m#account=2!j2=1", "HURST"}, {fGiven, "m#account=2!j2=1", "FELIX"},
	{fStreet, "m#account=2!j2=1", "478 CHANG LOOP"}, {fCity, "m#account=2!j2=1", "SUN HEIGHTS"}, {fState, "m#account=2!j2=1", "AR"}, {fZIP, "m#account=2!j2=1", "72935"},
}

func TestExtract(t *testing.T) {
	recs := []string{header, base1 + j1, base2 + j2, trailer}
	bdw := func(rs []string) []string { // a block descriptor word before each record
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = fmt.Sprintf("%04d", len(r)+4) + r
		}
		return out
	}
	for _, tt := range []struct{ name, data string }{
		{"lines", strings.Join(recs, "\n") + "\n"},
		{"CRLF, trailing blanks cut", strings.Join(func() []string {
			var o []string
			for _, r := range recs {
				o = append(o, strings.TrimRight(r, " "))
			}
			return o
		}(), "\r\n")},
		{"back to back", strings.Join(recs, "")},
		{"blocked", strings.Join(bdw(recs), "")},
		{"lines with block words", strings.Join(bdw(recs), "\n")},
	} {
		got, warns := extract(t, "m", tt.data)
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
		{header, true},
		{base1, true},
		{"0430" + header, true},
		{"0426HEADE", false},
		{"1234 Main St, Dayton, OH 45402", false},
		{"04261ABCDEFGHIJKLMN", false},
		{"10101010101010101010101010101010", false}, // digits, no time stamp: compress/flate's test data
		{"", false},
	} {
		if got := (Extractor{}).Accepts("x.txt", []byte(tt.head)); got != tt.want {
			t.Errorf("Accepts(%.20q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestBadInput reads what is no record of the format as text, with one
// warning naming where.
func TestBadInput(t *testing.T) {
	got, warns := extract(t, "m", header+"\n"+"call Ana at 919-362-0142\n"+base1+"\n")
	if len(got) == 0 || got[0] != (segOut{"", "m#line=2", "call Ana at 919-362-0142"}) {
		t.Errorf("a line that is no record: %v", got)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "line 2") {
		t.Errorf("warnings %q", warns)
	}
	// An unknown segment after the base: the rest is text, with a warning.
	got, warns = extract(t, "m", base1+"Q9 SOMETHING ELSE\n")
	if last := got[len(got)-1]; last.Text != "Q9 SOMETHING ELSE" || len(warns) != 1 || !strings.Contains(warns[0], `"Q9"`) {
		t.Errorf("unknown segment: %v %q", last, warns)
	}
	// Back to back, cut short: what is left is text, with a warning.
	got, warns = extract(t, "m", header+base1[:300])
	if len(warns) != 1 || len(got) != 1 || !strings.HasPrefix(got[0].Text, "1") {
		t.Errorf("cut record: %v %q", got, warns)
	}
}

func FuzzExtract(f *testing.F) {
	extracttest.Fuzz(f, Extractor{}, strings.Join([]string{header, base1 + j1, base2 + j2, trailer}, "\n"), header+base1+j1, "0430"+header+"0430"+base1)
}
