package hl7

import (
	"context"
	"encoding/base64"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) []segOut {
	var out []segOut
	in := &scan.Input{Path: "a.hl7", R: strings.NewReader(data), Size: int64(len(data))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		if s.OffsetAt != nil {
			for i := range s.Text {
				if o := s.OffsetAt(i); o >= 0 && s.Text[i] != ' ' && data[o] != s.Text[i] {
					t.Errorf("%q: byte %d maps to %d, %q", s.Text, i, o, data[o])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Fictional people only.
var adt = strings.Join([]string{
	"MSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240301120000||ADT^A04|MSG00001|P|2.5",
	"EVN|A04|20240301120000",
	"PID|1||MRN4477120^^^HOSP^MR~523714408^^^SSA^SS||HOLLOWAY^MARGARET^ANN||19610704|F|||2621 WASHINGTON AVE^APT 4B^TULSA^OK^74103^USA||(918)555-0147~^NET^Internet^m.holloway@example.com|^WPN^PH^^1^918^5550199||M||ACCT99812|523-71-4408|H4471209^OK^20280704",
	"PV1|1|O|CLINIC^^^HOSP||||1234^WHITFIELD^GREGORY^^^DR",
	"NK1|1|HOLLOWAY^ROBERT^J|SPO|2621 WASHINGTON AVE^APT 4B^TULSA^OK^74103|(918)555-0177",
	"GT1|1||HOLLOWAY^ROBERT^J||2621 WASHINGTON AVE^^TULSA^OK^74103|(918)555-0177||19590211|M||SPO|448-12-9031",
	"IN1|1|BCBS001|BCBSOK|BLUE CROSS OK||||||||||||HOLLOWAY^MARGARET^ANN|SEL|19610704|2621 WASHINGTON AVE^^TULSA^OK^74103|||||||||||||||||XJH884721003",
	"OBX|1|TX|NOTE||Pt states SSN on file is 523-71-4408\\.br\\callback (918)555-0147||||||F",
}, "\r") + "\r"

func TestPatient(t *testing.T) {
	got := extract(t, adt)
	want := []segOut{
		{"", "a.hl7#msg=1,EVN=1", "A04"}, {"", "a.hl7#msg=1,EVN=1", "20240301120000"},
		{"", "a.hl7#msg=1", "1"},
		{fMRN, "a.hl7#msg=1", "MRN4477120"}, {fSSN, "a.hl7#msg=1", "523714408"},
		{fName, "a.hl7#msg=1", "MARGARET ANN HOLLOWAY"}, {fDOB, "a.hl7#msg=1", "19610704"}, {"", "a.hl7#msg=1", "F"},
		{fAddress, "a.hl7#msg=1", "2621 WASHINGTON AVE APT 4B, TULSA, OK 74103"},
		{fPhone, "a.hl7#msg=1", "(918)555-0147"}, {"email", "a.hl7#msg=1", "m.holloway@example.com"},
		{fPhone, "a.hl7#msg=1", "(918) 555-0199"}, {"", "a.hl7#msg=1", "M"},
		{"patient account id", "a.hl7#msg=1", "ACCT99812"}, {fSSN, "a.hl7#msg=1", "523-71-4408"}, {fDL, "a.hl7#msg=1", "H4471209"},
		{"", "a.hl7#msg=1,PV1=1", "1"}, {"", "a.hl7#msg=1,PV1=1", "O"}, {fNotPII, "a.hl7#msg=1,PV1=1", "CLINIC"}, {fNotPII, "a.hl7#msg=1,PV1=1", "1234"},
		{"", "a.hl7#msg=1,NK1=1", "1"}, {fName, "a.hl7#msg=1,NK1=1", "ROBERT J HOLLOWAY"}, {"", "a.hl7#msg=1,NK1=1", "SPO"},
		{fAddress, "a.hl7#msg=1,NK1=1", "2621 WASHINGTON AVE APT 4B, TULSA, OK 74103"}, {fPhone, "a.hl7#msg=1,NK1=1", "(918)555-0177"},
		{"", "a.hl7#msg=1,GT1=1", "1"}, {fName, "a.hl7#msg=1,GT1=1", "ROBERT J HOLLOWAY"}, {fAddress, "a.hl7#msg=1,GT1=1", "2621 WASHINGTON AVE, TULSA, OK 74103"},
		{fPhone, "a.hl7#msg=1,GT1=1", "(918)555-0177"}, {fDOB, "a.hl7#msg=1,GT1=1", "19590211"}, {"", "a.hl7#msg=1,GT1=1", "M"}, {"", "a.hl7#msg=1,GT1=1", "SPO"},
		{fSSN, "a.hl7#msg=1,GT1=1", "448-12-9031"},
		{"", "a.hl7#msg=1", "1"}, {"", "a.hl7#msg=1", "BCBS001"}, {"", "a.hl7#msg=1", "BCBSOK"}, {"insurance company id", "a.hl7#msg=1", "BLUE CROSS OK"},
		{fName, "a.hl7#msg=1", "MARGARET ANN HOLLOWAY"}, {"", "a.hl7#msg=1", "SEL"}, {fDOB, "a.hl7#msg=1", "19610704"},
		{fAddress, "a.hl7#msg=1", "2621 WASHINGTON AVE, TULSA, OK 74103"}, {fMember, "a.hl7#msg=1", "XJH884721003"},
		{"", "a.hl7#msg=1,OBX=1", "1"}, {"", "a.hl7#msg=1,OBX=1", "TX"}, {"", "a.hl7#msg=1,OBX=1", "NOTE"},
		{"", "a.hl7#msg=1", "Pt states SSN on file is 523-71-4408\ncallback (918)555-0147"}, {"", "a.hl7#msg=1,OBX=1", "F"},
	}
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w segOut
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("%d: got %q, want %q", i, g, w)
			}
		}
	}
}

// TestFraming reads messages in MLLP frames with line-feed ends and
// other separators, a second message numbered apart, a spouse insured
// in a record of their own.
func TestFraming(t *testing.T) {
	data := "\x0bMSH#:+?*#SND#F#RCV#F#20240301##ADT:A08#2#P#2.4\r\nPID#1##77120:::F:MR##DOE:JANE##19800101\r\x1c\r\n" +
		"\x0bMSH#:+?*#SND#F#RCV#F#20240302##ADT:A08#3#P#2.4\nIN1#1#P1#C1#INS CO############DOE:JOHN#SPO#19790505\n\x1c\n"
	var got []segOut
	for _, s := range extract(t, data) {
		if s.Field != "" {
			got = append(got, s)
		}
	}
	want := []segOut{
		{fMRN, "a.hl7#msg=1", "77120"}, {fName, "a.hl7#msg=1", "JANE DOE"}, {fDOB, "a.hl7#msg=1", "19800101"},
		{"insurance company id", "a.hl7#msg=2,IN1=1", "INS CO"}, {fName, "a.hl7#msg=2,IN1=1", "JOHN DOE"}, {fDOB, "a.hl7#msg=2,IN1=1", "19790505"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestUnescape(t *testing.T) {
	x := &reader{sep: seps{'|', '^', '~', '\\', '&'}}
	for in, want := range map[string]string{
		`O\T\BRIEN`:     "O&BRIEN",
		`A\F\B\S\C\E\D`: `A|B^C\D`,
		`line\.br\next`: "line\nnext",
		`\X41\\H\bold`:  "Abold",
		`cut \X4`:       `cut \X4`,
		`open \F`:       `open \F`,
	} {
		if got := x.unescape([]byte(in)); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		head string
		want bool
	}{
		{adt, true}, {"\xef\xbb\xbf\x0bMSH|^~\\&|A", true}, {"FHS|^~\\&|", true}, {"MSH is a segment name", false}, {"MSH|^~", false}, {"PID|1||", false},
	} {
		if got := (Extractor{}).Accepts("x", []byte(c.head)); got != c.want {
			t.Errorf("Accepts(%.20q) = %v", c.head, got)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(adt)
	f.Add("MSH|^~\\&\rPID|1||A^^^^SS~B|C^D\\X4G\\|E|19990101\rIN1" + strings.Repeat("|", 20))
	f.Add("MSH|^~\\&\rOBX|1|ED|X||A^B^PDF^Base64^SlZC\\E\\RVJp^x|\rOBX|2|ED|X||^^^base64")
	f.Fuzz(func(t *testing.T, data string) {
		in := &scan.Input{Path: "f.hl7", R: strings.NewReader(data), Size: int64(len(data))}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text)) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

// TestDocument hands a document carried base64-encoded in an OBX of type
// ED (a report in an MDM message) to the pipeline as a file of its own,
// named by message, segment and subtype; data that is not base64 is
// named in a warning.
func TestDocument(t *testing.T) {
	doc := base64.StdEncoding.EncodeToString([]byte("Discharge summary. SSN 523-71-4408.\n"))
	data := "MSH|^~\\&|A|B|C|D|20240301||MDM^T02|1|P|2.5\rPID|1||77120^^^H^MR||DOE^JANE\r" +
		"OBX|1|ED|DOC^Report||HOSP^TEXT^TXT^Base64^" + doc + "||||||F\r" +
		"OBX|2|ED|DOC^Report||HOSP^AP^PDF^Base64^not*base64!||||||F\r"
	type member struct{ name, body string }
	var members []member
	var warns []string
	lim := scan.DefaultLimits
	in := &scan.Input{Path: "m.hl7", R: strings.NewReader(data), Limits: &lim,
		Member: func(name string, size int64, r io.Reader) error {
			b, _ := io.ReadAll(r)
			members = append(members, member{name, string(b)})
			return nil
		},
		Warn: func(s string) { warns = append(warns, s) }}
	if err := (Extractor{}).Extract(context.Background(), in, func(scan.Segment) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []member{{"msg-1-obx-1.txt", "Discharge summary. SSN 523-71-4408.\n"}}; !slices.Equal(members, want) {
		t.Errorf("members %q, want %q", members, want)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "OBX 2") {
		t.Errorf("warnings %q", warns)
	}
}

// TestClinical reads a message's diagnoses, procedures and medications
// into the patient's record, named so that the detectors take them for
// medical information: the code and its text apart.
func TestClinical(t *testing.T) {
	msg := strings.Join([]string{
		"MSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240301120000||ADT^A08|MSG00002|P|2.5",
		"PID|1||MRN4477120^^^HOSP^MR||HOLLOWAY^MARGARET^ANN||19610704|F",
		"DG1|1|I10|E11.9^Type 2 diabetes mellitus^I10|Diabetes",
		"PR1|1||99213^Office visit^C4",
		"RXE|^^^20240301|860975^Metformin 500 MG^RXNORM",
	}, "\r") + "\r"
	got := extract(t, msg)
	for _, w := range []segOut{
		{"diagnosis code", "a.hl7#msg=1", "E11.9"}, {"diagnosis", "a.hl7#msg=1", "Type 2 diabetes mellitus"}, {"diagnosis", "a.hl7#msg=1", "Diabetes"},
		{"procedure code", "a.hl7#msg=1", "99213"},
		{"medication", "a.hl7#msg=1", "860975"}, {"medication", "a.hl7#msg=1", "Metformin 500 MG"},
	} {
		if !slices.Contains(got, w) {
			t.Errorf("no %q in %q", w, got)
		}
	}
	if !slices.ContainsFunc(got, func(s segOut) bool { return strings.HasPrefix(s.Text, "Office visit") && s.Field == "" }) {
		t.Errorf("a procedure's text is not read as text: %q", got)
	}
}
