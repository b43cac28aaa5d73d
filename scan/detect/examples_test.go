package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan"
)

// example is one line of a detector's examples.yaml. Type, when set,
// is the example's own type, for a folder whose detector reports two.
type example struct {
	Text  string `yaml:"text"`
	Field string `yaml:"field"`
	Value string `yaml:"value"`
	Type  string `yaml:"type"`
}

type exampleFile struct {
	Type     string    `yaml:"type"`
	Match    []example `yaml:"match"`
	NotMatch []example `yaml:"not_match"`
}

// TestExamples checks the must-match and must-not-match examples that
// each detector folder ships in examples.yaml. Failures show offsets and
// masked values only.
func TestExamples(t *testing.T) {
	files, err := filepath.Glob("*/examples.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples.yaml found: %v", err)
	}
	e := New(Config{MinConfidence: 0.5})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ex exampleFile
		if err := yaml.Unmarshal(data, &ex); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fileType := breachkit.Element(ex.Type)
		if !fileType.Valid() {
			t.Fatalf("%s: unknown type %q", f, ex.Type)
		}
		var typ breachkit.Element
		run := func(x example) []scan.Match {
			typ = fileType
			if x.Type != "" {
				typ = breachkit.Element(x.Type)
				if !typ.Valid() {
					t.Fatalf("%s: unknown type %q", f, x.Type)
				}
			}
			var ms []scan.Match
			e.Detect(&scan.Segment{Text: []byte(x.Text), Field: x.Field}, func(m scan.Match) {
				if m.Type == typ {
					ms = append(ms, m)
				}
			})
			return ms
		}
		for i, x := range ex.Match {
			ms := run(x)
			ok := false
			for _, m := range ms {
				ok = ok || x.Text[m.Start:m.End] == x.Value
			}
			if !ok {
				var got []string
				for _, m := range ms {
					got = append(got, breachkit.Mask(typ, x.Text[m.Start:m.End]))
				}
				t.Errorf("%s: match[%d] (field %q): want %s, got %v", f, i, x.Field, breachkit.Mask(typ, x.Value), got)
			}
		}
		for i, x := range ex.NotMatch {
			for _, m := range run(x) {
				t.Errorf("%s: not_match[%d] (field %q): reported %s at %d-%d (confidence %.2f, %v)", f, i, x.Field, breachkit.Mask(typ, x.Text[m.Start:m.End]), m.Start, m.End, m.Confidence, m.Reasons)
			}
		}
	}
}

// FuzzDetect checks that no input panics the detectors and that every
// match lies inside the segment.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"SSN 383-41-8663", "Card 4754 6377 7119 2332", "(630) 854-3618", "a@b.co", "66 Fifth St, Stoneland, NC 28684", "DOB 04-Sep-1944", "Dear Jane,", "password: x1y2z3",
		"cvv 123 PIN: 4821", "Dx: E11.9, I10 and F32.A", "Diagnosis: Essential hypertension", "alien registration number A123456789", "SSN-412-65-7733", "dana(at)example.com",
		"Employee ID: E104512", "9 MG Road, Pune, Maharashtra - 411001", "〒150-0002 東京都", "1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002", "SSN412657733", "DOB03/14/1975", "MRN: 4829130 Acct #: 77123409", "Social Insurance Number 424 870 533", "NINO AB123456D",
		"my address is 4421 cedar lane austin tx 78745", "RR 2 Box 152, Hector, AR 72843",
		"Regards,\n\nDragan Petrovic | Analyst", "From: \"Volkov, Dmitri\" <dvolkov@x.com>", "Borrower Sipho Nkosi (SSN on file) called",
		"Per Fannie Mae Guidelines; John Smith LLC", "88 Old Country Rd in Mineola, NY 11501", "MRN: 7734-2291", "Dear NGOZI OKONKWO:",
		"Steuer-ID: 26 394 601 856", "codice fiscale CDMTDL80M03L369W", "NIR 294082A94799140", "CPR-nr. 060968-2716", "Mother's Maiden Name: Kowalczyk", "née le 23/04/1982 Tél. 06 12 34 56 78", "Bill Hartley called", "geboren am 14. März 1978", "nacido el 30 de enero de 1979",
		"City: St. Louis   State: MO   ZIP Code: 63101-2210", "TOMASZ K WOJCIK\n1234 ELM ST\nSPRINGFIELD IL 62704", "Móvil: 622 418 935", "Calle de Alcalá 48, 3º B, 28014 Madrid", "Sig.ra Bianchi",
		"P<USAOKAFOR<<CHIDI<EMEKA<<<<<<<<<<<<<<<<<<<<\n5618392747USA8103147M3011054<<<<<<<<<<<<<<<6", "Security question: pet? Answer: Biscuit", "the 5th of January, 1980",
		"ANSI 636026080102DL00410288ZA03290015DLDAQD44719023\nDCSORTIZ-BAUER\nDACMARISOL\nDAK850154127  \n",
		"Medicare claim number 219-09-9998A", "social?\ncaller: four one two six five seven seven three three", "Cellulare: 347 123 4567",
		"Dear J. Eliot,", "john dot smith at gmail dot com", "Siobhán Ó Briain"} {
		f.Add(s, "")
		f.Add(s, "ssn")
	}
	e := New(Config{})
	f.Fuzz(func(t *testing.T, text, field string) {
		seg := &scan.Segment{Text: []byte(text), Field: field}
		e.Detect(seg, func(m scan.Match) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("match %d-%d outside 0-%d", m.Start, m.End, len(text))
			}
			if m.Confidence < 0 || m.Confidence > 1 {
				t.Fatalf("confidence %v", m.Confidence)
			}
		})
	})
}

// TestNamePartKey checks that the value of a name-part key in free text
// carries the key as its header, which keeps the parts of one log line
// together as one person downstream.
func TestNamePartKey(t *testing.T) {
	e := New(Config{})
	text := "INFO update first_name=Ana last_name=Souza ssn=512-44-8790"
	var got []string
	e.Detect(&scan.Segment{Text: []byte(text)}, func(m scan.Match) {
		if m.Type == breachkit.PersonName {
			got = append(got, text[m.Start:m.End]+" "+strings.Join(m.Reasons, " "))
		}
	})
	want := []string{"Ana rule:name-part-key header:first_name", "Souza rule:name-part-key header:last_name"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
