package notify

import (
	"github.com/breachkit/breachkit/people"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
)

func testComposer(t testing.TB, mutate func(*Config)) *Composer {
	t.Helper()
	cfg, err := LoadConfig("testdata/notify.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(cfg)
	}
	rules, err := duties.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewComposer(cfg, rules, time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var samplePerson = Person{
	Recipient: Recipient{Name: "Sample Recipient", Address: []string{"1 Sample Street", "Springfield, IL 62701"}},
	Elements:  breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN, breachkit.DOB, breachkit.BankAccount),
	Code:      "SAMPLE-CODE",
}

// TestComposeLawRequirements composes letters for jurisdictions with
// different content rules and checks each against what its law asks.
func TestComposeLawRequirements(t *testing.T) {
	c := testComposer(t, nil)
	tests := []struct {
		jurisdiction string
		title        string
		want         []string // text the letter must contain
	}{
		{"US-CA", "Notice of Data Breach", []string{"What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do", "For More Information", "Equifax", "activation code is SAMPLE-CODE", "not delayed by a law enforcement"}},
		{"US-MD", "Notice of Data Breach", []string{"Federal Trade Commission", "Attorney General", "1-888-743-0023", "TransUnion"}},
		{"US-MA", "Notice of Data Breach", []string{"police report", "security freeze"}},
		{"US-WI", "Notice of Data Breach", []string{"ask us in writing"}},
		{"US-TX", "Notice of Data Breach", []string{"social Security number", "toll-free at 1-833-555-0142"}},
	}
	for _, tt := range tests {
		t.Run(tt.jurisdiction, func(t *testing.T) {
			p := samplePerson
			p.Jurisdiction = tt.jurisdiction
			l, err := c.Compose("BK-1", p)
			if err != nil {
				t.Fatal(err)
			}
			if l.Title != tt.title {
				t.Errorf("title %q, want %q", l.Title, tt.title)
			}
			text := letterText(l)
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
					t.Errorf("letter lacks %q", w)
				}
			}
		})
	}
}

// TestComposeAbroad composes the letter of a person in the EU by the
// GDPR's requirements (the likely consequences), without the US credit
// bureaus, FTC and security freeze, which are of no use there.
func TestComposeAbroad(t *testing.T) {
	c := testComposer(t, nil)
	p := samplePerson
	p.Jurisdiction = "DE"
	p.Recipient.Address = []string{"Hauptstraße 5", "10115 Berlin", "Germany"}
	if spec := c.Spec("DE"); spec == nil || !strings.Contains(spec.Citation, "GDPR") {
		t.Fatalf("DE letter requirements: %+v", spec)
	}
	l, err := c.Compose("BK-2", p)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(letterText(l))
	if !strings.Contains(text, "can be misused") {
		t.Error("the letter lacks the likely consequences")
	}
	for _, w := range []string{"federal trade commission", "equifax", "security freeze"} {
		if strings.Contains(text, w) {
			t.Errorf("a letter to Germany names %q", w)
		}
	}
}

// TestOfferServed checks that an offer to everyone reaches those who
// can use it: a US provider's codes go to people in the United States,
// its territories and of unknown residence, not to a person in Germany,
// unless monitoring.countries names Germany.
func TestOfferServed(t *testing.T) {
	ssn := breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN)
	c := testComposer(t, nil)
	for j, want := range map[string]bool{"US-TX": true, "US-PR": true, "unknown": true, "": true, "DE": false, "CA": false} {
		if got := c.Eligible(j, ssn); got != want {
			t.Errorf("offer all, provider in the US: Eligible(%q) = %v, want %v", j, got, want)
		}
	}
	c = testComposer(t, func(cfg *Config) { cfg.Monitoring.Countries = []string{"US", "de"} })
	for j, want := range map[string]bool{"US-TX": true, "DE": true, "FR": false} {
		if got := c.Eligible(j, ssn); got != want {
			t.Errorf("countries US, DE: Eligible(%q) = %v, want %v", j, got, want)
		}
	}
	// Connecticut's law entitles its residents whatever the offer says.
	c = testComposer(t, func(cfg *Config) { cfg.Monitoring.Offer = "required" })
	if !c.Eligible("US-CT", ssn) || c.Eligible("DE", ssn) {
		t.Error("offer required: Connecticut's resident must be offered monitoring, Germany's not")
	}
}

// TestComposeEachCountry composes the letter of a person in each country
// a rule file abroad governs, whose national number was exposed: every
// item its law asks for is covered by the built-in template, none names
// the US credit bureaus, and the number is named as what it is.
func TestComposeEachCountry(t *testing.T) {
	c := testComposer(t, nil)
	for _, j := range []string{"DE", "FR", "GB", "CA", "AU", "CH", "BR", "MX", "JP", "SG", "NZ", "ZA", "PH", "KR", "NO", "TH", "KE", "NG", "TR", "SA", "ID", "VN"} {
		p := samplePerson
		p.Jurisdiction, p.Code = j, ""
		p.Elements = breachkit.NewElementSet(breachkit.PersonName, breachkit.GovID, breachkit.DOB)
		if c.Spec(j) == nil {
			t.Errorf("%s: no letter requirements", j)
			continue
		}
		l, err := c.Compose("BK-1", p)
		if err != nil {
			t.Errorf("%s: %v", j, err)
			continue
		}
		if strings.Contains(letterText(l), "Equifax") {
			t.Errorf("%s: the letter names Equifax", j)
		}
		// A national number, a SIN or a NINO is the person's own
		// government identification number, not an "other" one.
		if !strings.Contains(letterText(l), "government identification number") {
			t.Errorf("%s: the letter does not name the government identification number:\n%s", j, letterText(l))
		}
	}
}

// TestComposeRefuses checks that a letter the law would not accept is an
// error at compose time, naming what is missing.
func TestComposeRefuses(t *testing.T) {
	tests := []struct {
		name         string
		jurisdiction string
		mutate       func(*Config)
		code         string
		want         string
	}{
		{"no law-enforcement answer", "US-CA", func(c *Config) { c.Incident.LawEnforcementDelay = nil }, "X", "law_enforcement_delay"},
		{"no toll-free number", "US-HI", func(c *Config) { c.Organisation.Phone = "214-555-0100" }, "X", "toll-free"},
		{"AG contact present", "US-DC", func(c *Config) {}, "X", ""},
		{"no AG contact", "US-NY", func(c *Config) { c.Contacts = &Contacts{AttorneysGeneral: map[string]Contact{"US-NY": {}}} }, "X", "Attorney General"},
		{"offer without code", "US-CT", func(c *Config) { c.Monitoring.Offer = "required" }, "", "no activation code"},
		{"too short an offer", "US-CT", func(c *Config) { c.Monitoring.Months = 12 }, "X", "24 months"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testComposer(t, tt.mutate)
			p := samplePerson
			p.Jurisdiction, p.Code = tt.jurisdiction, tt.code
			_, err := c.Compose("BK-1", p)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func letterText(l *breachkit.Letter) string {
	var b strings.Builder
	b.WriteString(l.Title + "\n")
	for _, bl := range l.Blocks {
		b.WriteString(bl.Text + "\n")
	}
	return b.String()
}

// TestTemplateOverride checks that a user's template for a jurisdiction
// replaces the built-in one and is held to the same law.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	good := "Dear {{.Salutation}},\n\n## What Happened\n{{.Incident.WhatHappened}}{{item \"description\"}}\n\n## Our own heading\nCall {{.Org.Phone}}.{{item \"contact\"}}\n"
	os.WriteFile(filepath.Join(dir, "US-WI.tmpl"), []byte(good+"{{item \"right-to-information\"}}"), 0o600)
	os.WriteFile(filepath.Join(dir, "US-CA.tmpl"), []byte(good), 0o600)
	os.WriteFile(filepath.Join(dir, "US-TX.tmpl"), []byte("{{.NoSuchField}}"), 0o600)
	c := testComposer(t, func(cfg *Config) { cfg.Templates = dir })
	p := samplePerson
	p.Jurisdiction = "US-WI"
	l, err := c.Compose("BK-1", p)
	if err != nil {
		t.Fatal(err)
	}
	if hs := l.Headings(); len(hs) != 2 || hs[1] != "Our own heading" {
		t.Fatalf("override not used: headings %q", hs)
	}
	p.Jurisdiction = "US-CA"
	if _, err := c.Compose("BK-1", p); err == nil || !strings.Contains(err.Error(), "headings") {
		t.Fatalf("a California template without the prescribed headings was accepted: %v", err)
	}
	p.Jurisdiction = "US-TX"
	if _, err := c.Compose("BK-1", p); err == nil || !strings.Contains(err.Error(), "NoSuchField") {
		t.Fatalf("a template error was not reported: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	base, err := os.ReadFile("testdata/notify.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, extra, want string }{
		{"unknown field", "organisaton: {}\n", "organisaton"},
		{"bad from", "", "not an address"},
		{"bad date", "", "YYYY-MM-DD"},
		{"bad country", "", "monitoring.countries"},
		{"same minors provider", "", "monitoring.minors.provider must differ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := string(base) + tt.extra
			switch tt.name {
			case "bad from":
				in = strings.Replace(in, "from: Example Home Loans <notices@example.com>", "from: not an address", 1)
			case "bad country":
				in = strings.Replace(in, "countries: [US]", "countries: [US, Germany]", 1)
			case "same minors provider":
				in = strings.Replace(in, "countries: [US]", "countries: [US]\n  minors: {provider: Example Identity Services}", 1)
			case "bad date":
				in = strings.Replace(in, "breach_start: 2023-10-30", "breach_start: 2023-30-10", 1)
			}
			if _, err := ParseConfig([]byte(in)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestAddressedName checks that a minor's letter (under eighteen on the
// letter's date, 2023-12-15 in the test config) goes to the parent or
// guardian, and an adult's or one of unknown age to the person.
func TestAddressedName(t *testing.T) {
	c := testComposer(t, nil)
	for _, tc := range []struct{ birth, want string }{
		{"2012-04-03", "Parent or Guardian of Sam Lee"},
		{"2005-12-16", "Parent or Guardian of Sam Lee"}, // eighteen the next day
		{"2005-12-15", "Sam Lee"},                       // eighteen that day
		{"1987-03-14", "Sam Lee"},
		{"", "Sam Lee"},
		{"2030-01-01", "Sam Lee"}, // not born yet: a wrong date, not a child
	} {
		prof := people.Profile{Given: "Sam", Surname: "Lee", BirthDate: tc.birth}
		got, child := c.AddressedName(prof)
		if got != tc.want || (child != "") != (got != "Sam Lee") {
			t.Errorf("born %q: addressed to %q about %q, want %q", tc.birth, got, child, tc.want)
		}
	}
	// The letter speaks of the child, not of its reader.
	p := samplePerson
	p.Recipient.Name, p.Recipient.Child = "Parent or Guardian of Sam Lee", "Sam Lee"
	l, err := c.Compose("BK-1", p)
	if err != nil {
		t.Fatal(err)
	}
	text := letterText(l)
	for _, want := range []string{"Dear Parent or Guardian of Sam Lee,", "your child Sam Lee's personal information", "included Sam Lee's name"} {
		if !strings.Contains(text, want) {
			t.Errorf("a parent's letter lacks %q:\n%s", want, text)
		}
	}
}
