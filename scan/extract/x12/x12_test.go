package x12

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) []segOut {
	var out []segOut
	in := &scan.Input{Path: "e.834", R: strings.NewReader(data), Size: int64(len(data))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isaSeg builds an ISA segment with element separator e, repetition
// (or standards identifier) r, component c and terminator t.
func isaSeg(e, r, c, t string) string {
	f := []string{"ISA", "00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ", "RECEIVER       ", "240301", "1200", r, "00501", "000000001", "0", "P", c}
	return strings.Join(f, e) + t
}

// Fictional people and organisations only.
var enrollment = isaSeg("*", "^", ":", "~") + "\n" + strings.Join([]string{
	"GS*BE*SENDER*RECEIVER*20240301*1200*1*X*005010X220A1", "ST*834*0001*005010X220A1", "BGN*00*12345*20240301*1200****2",
	"N1*P5*ACME MANUFACTURING*FI*751234567", "N1*IN*BLUE CROSS OK*FI*730987654",
	"INS*Y*18*021*28*A***FT", "REF*0F*523714408", "REF*1L*GRP7781",
	"NM1*IL*1*HOLLOWAY*MARGARET*A***34*523714408", "PER*IP**HP*9185550147*EM*m.holloway@example.com",
	"N3*2621 WASHINGTON AVE*APT 4B", "N4*TULSA*OK*74103", "DMG*D8*19610704*F", "HD*021**HLT", "DTP*348*D8*20240101",
	"INS*N*19*021*28*A", "REF*0F*523714408", "NM1*IL*1*HOLLOWAY*EVAN****34*601234455", "DMG*D8*20120309*M",
	"NM1*S3*1*HOLLOWAY*ROBERT", "N3*77 ELM ST", "N4*ENID*OK*73701",
	"NM1*36*2*WALMART INC", "N3*1 CORPORATE PLZ", "SE*22*0001", "GE*1*1", "IEA*1*000000001",
}, "~\n") + "~\n"

func TestEnrollment(t *testing.T) {
	got := extract(t, enrollment)
	p := func(n int) string { return "e.834#st=1,person=" + string(rune('0'+n)) }
	want := []segOut{
		{fOrg, p(0), "ACME MANUFACTURING"}, {fOrg, p(0), "BLUE CROSS OK"},
		{fMember, p(1), "523714408"}, {fOrg, p(1), "GRP7781"},
		{fName, p(1), "MARGARET A HOLLOWAY"}, {fSSN, p(1), "523714408"}, {fPhone, p(1), "9185550147"}, {fEmail, p(1), "m.holloway@example.com"},
		{fAddress, p(1), "2621 WASHINGTON AVE APT 4B, TULSA, OK 74103"}, {fDOB, p(1), "19610704"},
		{fMember, p(2), "523714408"}, {fName, p(2), "EVAN HOLLOWAY"}, {fSSN, p(2), "601234455"}, {fDOB, p(2), "20120309"},
		{fName, p(3), "ROBERT HOLLOWAY"}, {fAddress, p(3), "77 ELM ST, ENID, OK 73701"},
		{fOrg, p(3), "WALMART INC"}, {fOrg, p(3), "1 CORPORATE PLZ"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestClaim reads a 4010 claim on one line, with other separators: the
// subscriber and the patient are levels of their own, the provider and
// payer are organisations, a street without its N4 is kept.
func TestClaim(t *testing.T) {
	data := isaSeg("|", "U", ">", "\r") + strings.Join([]string{
		"ST|837|0002", "NM1|85|2|OKLAHOMA CLINIC|||||XX|1234567893", "N3|500 MAIN ST", "N4|TULSA|OK|74101",
		"HL|2|1|22|1", "NM1|IL|1|DOE|JOHN||||MI|XJH884721003", "N3|12 OAK RD", "DMG|D8|19790505|M", "NM1|PR|2|BCBS OK|||||PI|00590",
		"HL|3|2|23|0", "NM1|QC|1|DOE|JANE", "REF|SY|448129031", "NTE|ADD|CALL 918 555 0101 RE CLAIM", "SE|12|0002",
	}, "\r") + "\r"
	got := extract(t, data)
	p := func(n int) string { return "e.834#st=1,person=" + string(rune('0'+n)) }
	want := []segOut{
		{fOrg, p(0), "OKLAHOMA CLINIC"}, {fOrg, p(0), "1234567893"}, {fOrg, p(0), "500 MAIN ST"}, {fOrg, p(0), "TULSA"}, {fOrg, p(0), "OK"}, {fOrg, p(0), "74101"},
		{fName, p(1), "JOHN DOE"}, {fMember, p(1), "XJH884721003"}, {fDOB, p(1), "19790505"}, {fStreet, p(1), "12 OAK RD"},
		{fOrg, p(1), "BCBS OK"}, {fOrg, p(1), "00590"},
		{fName, p(2), "JANE DOE"}, {fSSN, p(2), "448129031"}, {"", p(2), "ADD"}, {"", p(2), "CALL 918 555 0101 RE CLAIM"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		head string
		want bool
	}{
		{enrollment, true}, {"\xef\xbb\xbf\n" + enrollment, true}, {isaSeg("*", "U", ">", "~"), true},
		{strings.Replace(enrollment, "ZZ*RECEIVER", "ZZ RECEIVER", 1), false}, {"ISA is a word", false}, {"GS*BE*A", false},
	} {
		if got := (Extractor{}).Accepts("x", []byte(c.head)); got != c.want {
			t.Errorf("Accepts(%.30q) = %v", c.head, got)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(enrollment)
	f.Add(isaSeg("*", "^", ":", "~") + "NM1*IL*1*A*B*C***34*1^2:3~N3*X~PER*IP*N*HP~REF*SY~")
	f.Fuzz(func(t *testing.T, data string) {
		in := &scan.Input{Path: "f.834", R: strings.NewReader(data), Size: int64(len(data))}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text)) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

// TestClaimCodes reads a claim's diagnoses (HI) and its service lines'
// procedures (SV1) into the patient's record, after the rendering
// provider's loop too.
func TestClaimCodes(t *testing.T) {
	data := isaSeg("*", "^", ":", "~") + strings.Join([]string{
		"ST*837*0003", "HL*2*1*22*0", "NM1*IL*1*DOE*JANE", "CLM*A37YH556*500***11:B:1*Y*A*Y*I",
		"HI*ABK:E119*ABF:I10*ZZZ:NOTACODE", "NM1*82*2*OKLAHOMA CLINIC", "LX*1", "SV1*HC:99213*75*UN*1***1", "SE*8*0003",
	}, "~") + "~"
	got := extract(t, data)
	for _, w := range []segOut{
		{fDiagnosis, "e.834#st=1,person=1", "E119"}, {fDiagnosis, "e.834#st=1,person=1", "I10"}, {fProcedure, "e.834#st=1,person=1", "99213"},
	} {
		if !slices.Contains(got, w) {
			t.Errorf("no %q in %q", w, got)
		}
	}
	if slices.ContainsFunc(got, func(s segOut) bool { return s.Text == "NOTACODE" }) {
		t.Errorf("a qualifier that is no diagnosis's was read: %q", got)
	}
}
