package nacha

import (
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

// rec builds a record from fields at 1-based positions, blank elsewhere.
func rec(fields ...any) string { return extracttest.Fixed(recLen, fields...) }

// Fictional people, banks and companies only; the routing numbers pass
// the ABA checksum.
var (
	header  = rec(1, "101", 4, " 071000505", 14, " 987654321", 24, "261201", 30, "1200", 34, "A094101", 41, "FIRST NATIONAL BANK", 64, "ACME PAYROLL INC")
	ppd     = rec(1, "5200", 5, "ACME PAYROLL INC", 41, "1987654321", 51, "PPD", 54, "PAYROLL", 70, "261201", 79, "1", 80, "07100050", 88, "0000001")
	entry1  = rec(1, "622", 4, "071000505", 13, "123456789", 30, "0000150000", 40, "EMP00017", 55, "MARGARET A HOLLOWAY", 79, "1", 80, "071000500000001")
	add1    = rec(1, "705", 4, "DEPOSIT FOR DESHAWN WILLIAMS 918-555-0147", 84, "00010000001")
	entry2  = rec(1, "627", 4, "021000021", 13, "98765432100", 30, "0000220000", 40, "EMP00018", 55, "WILLIAMS DESHAWN T", 79, "0", 80, "071000500000002")
	ccd     = rec(1, "5220", 5, "ACME PAYROLL INC", 41, "1987654321", 51, "CCD", 54, "VENDOR", 80, "07100050", 88, "0000002")
	entry3  = rec(1, "622", 4, "011000015", 13, "5550001234", 30, "0000095000", 40, "INV2291", 55, "HOLLOWAY PLUMBING LLC", 80, "071000500000003")
	control = rec(1, "82000000030010310041", 21, "000000000000", 33, "000000465000", 45, "1987654321", 80, "07100050", 88, "0000001")
	fileEnd = rec(1, "9000002000001000000030010310041", 32, "000000000000", 44, "000000465000")
	filler  = strings.Repeat("9", recLen)
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) ([]segOut, []string) {
	segs, warns := extracttest.Extract(t, Extractor{}, "p.ach", data)
	out := make([]segOut, len(segs))
	for i, s := range segs {
		out[i] = segOut{s.Field, s.Record, string(s.Text)}
	}
	return out, warns
}

var want = []segOut{
	{"destination bank id", "p.ach#header", "071000505"}, {"origin bank id", "p.ach#header", "987654321"},
	{"company name", "p.ach#batch=line2", "ACME PAYROLL INC"}, {"originator id", "p.ach#batch=line2", "1987654321"},
	{fRouting, "p.ach#entry=1", "071000505"}, {fAccount, "p.ach#entry=1", "123456789"}, {fIndividID, "p.ach#entry=1", "EMP00017"}, {fIndividual, "p.ach#entry=1", "MARGARET A HOLLOWAY"},
	{"", "p.ach#entry=1", "DEPOSIT FOR DESHAWN WILLIAMS 918-555-0147"},
	{fRouting, "p.ach#entry=2", "021000021"}, {fAccount, "p.ach#entry=2", "98765432100"}, {fIndividID, "p.ach#entry=2", "EMP00018"}, {fIndividual, "p.ach#entry=2", "WILLIAMS DESHAWN T"},
	{"company name", "p.ach#batch=line7", "ACME PAYROLL INC"}, {"originator id", "p.ach#batch=line7", "1987654321"},
	{fRouting, "p.ach#entry=3", "011000015"}, {fAccount, "p.ach#entry=3", "5550001234"}, {fIndividID, "p.ach#entry=3", "INV2291"}, {fCompany, "p.ach#entry=3", "HOLLOWAY PLUMBING LLC"},
}

// TestEntries reads a payroll file, one record a line: each entry's
// routing number, account and name are named fields of the entry's
// record, the addenda's text belongs to its entry, a CCD entry's
// receiver is a company, control records and filler give nothing.
func TestEntries(t *testing.T) {
	lines := []string{header, ppd, entry1, add1, entry2, control, ccd, entry3, control, fileEnd, filler}
	for _, eol := range []string{"\n", "\r\n"} {
		got, warns := extract(t, strings.Join(lines, eol)+eol)
		if !slices.Equal(got, want) {
			t.Errorf("eol %q:\n got %q\nwant %q", eol, got, want)
		}
		if len(warns) != 0 {
			t.Errorf("warnings: %q", warns)
		}
	}
}

// TestBlocks reads the same file written as records back to back, with
// no line ends, as some bank systems send it.
func TestBlocks(t *testing.T) {
	data := strings.Join([]string{header, ppd, entry1, add1, entry2, control, ccd, entry3, control, fileEnd, filler}, "")
	if !(Extractor{}).Accepts("payroll.dat", []byte(data[:min(len(data), scan.HeadSize)])) {
		t.Fatal("not accepted")
	}
	got, _ := extract(t, data)
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestTrimmed reads records whose trailing blanks were cut off.
func TestTrimmed(t *testing.T) {
	var b strings.Builder
	for _, l := range []string{header, ppd, entry1, add1} {
		b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
	got, _ := extract(t, b.String())
	if !slices.Equal(got, want[:9]) {
		t.Errorf("\n got %q\nwant %q", got, want[:9])
	}
}

// TestClasses follows the batch's class: a CIE entry has the name where
// others have the identification number; an IAT entry has a 35-character
// account and its receiver's name and address in addenda, which are
// split into city and state, country and postal code; the addenda that
// name the originator and the banks give nothing.
func TestClasses(t *testing.T) {
	cie := rec(1, "5225", 5, "BILLPAY CO", 41, "1555000111", 51, "CIE", 54, "BILL PAY", 80, "07100050", 88, "0000003")
	cieEntry := rec(1, "627", 4, "071000505", 13, "44019876", 30, "0000012500", 40, "SIERRA JEFFERSO", 55, "ACCT 7710042", 80, "071000500000004")
	iat := rec(1, "5220", 5, "                ", 21, "FF3", 41, "1555000111", 51, "IAT", 54, "REMITTANCE", 80, "07100050", 88, "0000004")
	iatEntry := rec(1, "622", 4, "071000505", 13, "0007", 30, "0000100000", 40, "GB29NWBK60161331926819", 80, "071000500000005")
	a10 := rec(1, "710", 4, "ANN", 7, "000000000000100000", 47, "AMELIA WINTERBOTTOM")
	a11 := rec(1, "711", 4, "GLOBEX LTD", 39, "1 CANADA SQUARE")
	a15 := rec(1, "715", 4, "PX7729104", 19, "88 HIGH STREET")
	a16 := rec(1, "716", 4, "LEEDS*WYK\\", 39, "GB*LS1 4AP\\")
	data := strings.Join([]string{header, cie, cieEntry, iat, iatEntry, a10, a11, a15, a16}, "\n")
	got, _ := extract(t, data)
	want := []segOut{
		{fRouting, "p.ach#entry=1", "071000505"}, {fAccount, "p.ach#entry=1", "44019876"}, {fIndividual, "p.ach#entry=1", "SIERRA JEFFERSO"}, {fIndividID, "p.ach#entry=1", "ACCT 7710042"},
		{fRouting, "p.ach#entry=2", "071000505"}, {fAccount, "p.ach#entry=2", "GB29NWBK60161331926819"},
		{"receiver name", "p.ach#entry=2", "AMELIA WINTERBOTTOM"},
		{"receiver identification number", "p.ach#entry=2", "PX7729104"}, {"receiver street address", "p.ach#entry=2", "88 HIGH STREET"},
		{"receiver city", "p.ach#entry=2", "LEEDS"}, {"receiver state", "p.ach#entry=2", "WYK"},
		{"receiver country", "p.ach#entry=2", "GB"}, {"receiver postal code", "p.ach#entry=2", "LS1 4AP"},
	}
	var entries []segOut
	for _, s := range got {
		if strings.Contains(s.Record, "#entry=") {
			entries = append(entries, s)
		}
	}
	if !slices.Equal(entries, want) {
		t.Errorf("\n got %q\nwant %q", entries, want)
	}
}

// TestNotRecords reads lines that are not records of the format (a
// note pasted in, a line too long) as text, each in a record of its
// line, with one warning that names the first and counts them.
func TestNotRecords(t *testing.T) {
	data := strings.Join([]string{header, ppd, "called 918-555-0147 about the deposit", entry1, header + "TRAILING"}, "\n")
	got, warns := extract(t, data)
	var text []segOut
	for _, s := range got {
		if s.Field == "" {
			text = append(text, s)
		}
	}
	want := []segOut{{"", "p.ach#line=3", "called 918-555-0147 about the deposit"}, {"", "p.ach#line=5", header + "TRAILING"}}
	if !slices.Equal(text, want) {
		t.Errorf("\n got %q\nwant %q", text, want)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "2 lines, the first line 3,") {
		t.Errorf("warnings %q", warns)
	}
}

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		name, head string
		want       bool
	}{
		{"p.txt", header + "\n" + ppd, true},
		{"p.txt", header + "\r\n" + ppd, true},
		{"p", header + ppd, true},
		{"p.ach", header, true},
		{"p.txt", header + "Xsomething else", false},
		{"p.txt", "101 this is a paragraph numbered one hundred and one, long enough to fill a record of ninety-four", false},
		{"p.ach", "hello", false},
	} {
		if got := (Extractor{}).Accepts(c.name, []byte(c.head)); got != c.want {
			t.Errorf("Accepts(%q, %.20q…) = %v", c.name, c.head, got)
		}
	}
}

func FuzzExtract(f *testing.F) {
	extracttest.Fuzz(f, Extractor{}, strings.Join([]string{header, ppd, entry1, add1, control, fileEnd}, "\n"), header+ppd+entry1,
		header+"\n"+rec(1, "5220", 51, "IAT")+"\n"+rec(1, "716", 4, "A*B\\", 39, "*\\"))
}

func TestAcceptsTrimmed(t *testing.T) {
	head := strings.TrimRight(header, " ") + "\n" + strings.TrimRight(ppd, " ") + "\n"
	if !(Extractor{}).Accepts("p.txt", []byte(head)) {
		t.Error("trimmed header not accepted")
	}
}
