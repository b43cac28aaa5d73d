package duties

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fixtureRules(t *testing.T) *Rules {
	t.Helper()
	rules, err := LoadFS(os.DirFS("testdata/fixture"))
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func mustScenario(t *testing.T, js string) *Scenario {
	t.Helper()
	sc, err := ParseScenario([]byte(js))
	if err != nil {
		t.Fatalf("ParseScenario: %v", err)
	}
	return sc
}

func find(res Result, duty breachkit.Duty) *breachkit.Obligation {
	for i, o := range res.Obligations {
		if o.Duty == duty {
			return &res.Obligations[i]
		}
	}
	return nil
}

func TestBusinessDays(t *testing.T) {
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"plain week", "2024-03-04", 4, "2024-03-08"},
		{"over a weekend", "2024-03-07", 4, "2024-03-13"},
		{"Thanksgiving 2023", "2023-11-22", 4, "2023-11-29"},
		{"Thanksgiving 2024", "2024-11-27", 4, "2024-12-04"},
		{"Christmas 2023 (Monday)", "2023-12-21", 4, "2023-12-28"},
		{"Christmas 2024 (Wednesday)", "2024-12-20", 4, "2024-12-27"},
		{"New Year 2022 observed on Friday 2021-12-31", "2021-12-29", 2, "2022-01-03"},
		{"Juneteenth 2024", "2024-06-18", 1, "2024-06-20"},
		{"Independence Day 2026 observed Friday 3 July", "2026-07-02", 1, "2026-07-06"},
		{"determined on a Saturday", "2024-03-09", 4, "2024-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := addBusinessDays(date(t, tt.from), tt.n); got.String() != tt.want {
				t.Errorf("addBusinessDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestHoursAndDays(t *testing.T) {
	tests := []struct {
		from  string
		hours int
		want  string
	}{
		{"2024-03-04", 72, "2024-03-07"},
		{"2024-02-27", 72, "2024-03-01"}, // leap year
		{"2023-12-30", 72, "2024-01-02"},
		{"2024-03-04", 24, "2024-03-05"},
		{"2024-03-04", 25, "2024-03-06"}, // partial days round up
	}
	for _, tt := range tests {
		if got := addHours(date(t, tt.from), tt.hours); got.String() != tt.want {
			t.Errorf("addHours(%s, %d) = %s, want %s", tt.from, tt.hours, got, tt.want)
		}
	}
	if got := date(t, "2023-10-31").AddDays(60).String(); got != "2023-12-30" {
		t.Errorf("60 days after 2023-10-31 = %s", got)
	}
}

func TestEvaluate(t *testing.T) {
	rules := fixtureRules(t)
	tests := []struct {
		name     string
		scenario string
		want     map[breachkit.Duty]string // duty -> due ("" = undated)
		none     []breachkit.Duty
		exempt   string // substring of some exemption reason
		reason   string // substring of the individuals' reasoning
	}{
		{
			name:     "current version: AG within 30 days",
			scenario: `{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-TX","count":1204,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2023-12-30", "regulator": "2023-11-30"},
			none:     []breachkit.Duty{"consumer-reporting-agencies"},
			reason:   "1,204 Texas residents' SSNs with names; Fixture Code § 1 requires notice to affected individuals within 60 days of determination → 2023-12-30",
		},
		{
			name:     "old version: AG within 60 days",
			scenario: `{"discovered":"2023-08-15","residents":[{"jurisdiction":"US-TX","count":300,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2023-10-14", "regulator": "2023-10-14"},
		},
		{
			name:     "trigger only in the new version",
			scenario: `{"discovered":"2023-08-15","residents":[{"jurisdiction":"US-TX","count":300,"elements":["PERSON_NAME","BANK_ACCOUNT","ACCESS_CODE"]}]}`,
			none:     []breachkit.Duty{"individuals"},
			exempt:   "no trigger met: exposed ACCESS_CODE+BANK_ACCOUNT+PERSON_NAME",
		},
		{
			name:     "rule not in force before the first version",
			scenario: `{"discovered":"2020-01-01","residents":[{"jurisdiction":"US-TX","count":3,"elements":["PERSON_NAME","SSN"]}]}`,
			none:     []breachkit.Duty{"individuals"},
			exempt:   "rule not in force on 2020-01-01",
		},
		{
			name:     "determination date moves the clock",
			scenario: `{"discovered":"2023-10-31","determined":"2023-11-10","residents":[{"jurisdiction":"US-TX","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2024-01-09"},
			none:     []breachkit.Duty{"regulator"},
			exempt:   "Texas Attorney General: 10 affected, below the threshold of 250",
		},
		{
			name:     "encrypted, key safe",
			scenario: `{"discovered":"2023-10-31","encrypted":true,"residents":[{"jurisdiction":"US-TX","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			none:     []breachkit.Duty{"individuals", "regulator"},
			exempt:   "data encrypted and key not compromised",
		},
		{
			name:     "encrypted, key compromised",
			scenario: `{"discovered":"2023-10-31","encrypted":true,"key_compromised":true,"residents":[{"jurisdiction":"US-TX","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2023-12-30"},
		},
		{
			name: "groups in one state add up, non-triggering groups do not",
			scenario: `{"discovered":"2023-10-31","residents":[
				{"jurisdiction":"US-TX","count":200,"elements":["PERSON_NAME","SSN"]},
				{"jurisdiction":"US-TX","count":100,"elements":["PERSON_NAME","SSN","DOB"]},
				{"jurisdiction":"US-TX","count":5000,"elements":["EMAIL"]}]}`,
			want: map[breachkit.Duty]string{"individuals": "2023-12-30", "regulator": "2023-11-30"},
		},
		{
			name:     "CRA threshold",
			scenario: `{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-TX","count":10001,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"consumer-reporting-agencies": ""},
		},
		{
			name:     "no-harm determination not allowed by the law",
			scenario: `{"discovered":"2023-10-31","no_harm_determinations":[{"jurisdiction":"US-TX","date":"2023-11-01","by":"counsel","basis":"data recovered"}],"residents":[{"jurisdiction":"US-TX","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2023-12-30"},
			reason:   "does not let it excuse notice",
		},
		{
			name:     "no-harm determination allowed",
			scenario: `{"discovered":"2023-10-31","no_harm_determinations":[{"jurisdiction":"US-OK","date":"2023-11-01","by":"counsel","basis":"data recovered"}],"residents":[{"jurisdiction":"US-OK","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			none:     []breachkit.Duty{"individuals"},
			exempt:   "no-harm determination by counsel on 2023-11-01",
		},
		{
			name:     "no determination recorded: never assumed",
			scenario: `{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-OK","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": ""},
		},
		{
			name:     "law enforcement delay",
			scenario: `{"discovered":"2023-10-31","law_enforcement_delay_until":"2024-02-01","residents":[{"jurisdiction":"US-TX","count":10,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"individuals": "2024-02-01"},
			reason:   "law enforcement delay recorded until 2024-02-01",
		},
		{
			name:     "substitute notice for people without addresses",
			scenario: `{"discovered":"2023-10-31","substitute_notice_persons":40,"residents":[{"jurisdiction":"US-TX","count":300,"elements":["PERSON_NAME","SSN"]}]}`,
			want:     map[breachkit.Duty]string{"substitute-notice": "2023-12-30"},
		},
		{
			name:     "no rule file",
			scenario: `{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-WY","count":7,"elements":["PERSON_NAME","SSN"]},{"jurisdiction":"JP","count":2,"elements":["EMAIL"]}]}`,
			none:     []breachkit.Duty{"individuals"},
			exempt:   "no rule file for US-WY — counsel must review",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Evaluate(rules, mustScenario(t, tt.scenario))
			var table strings.Builder
			WriteTable(&table, res)
			for duty, due := range tt.want {
				o := find(res, duty)
				if o == nil {
					t.Fatalf("no %s obligation:\n%s", duty, table.String())
				}
				if got := isoDate(o.Due); got != due {
					t.Errorf("%s due %q, want %q (%s)", duty, got, due, o.Reasoning)
				}
			}
			for _, duty := range tt.none {
				if o := find(res, duty); o != nil {
					t.Errorf("unexpected %s: %s", duty, o.Reasoning)
				}
			}
			if tt.exempt != "" && !strings.Contains(table.String(), tt.exempt) {
				t.Errorf("no exemption %q:\n%s", tt.exempt, table.String())
			}
			if tt.reason != "" {
				o := find(res, "individuals")
				if o == nil || !strings.Contains(o.Reasoning, tt.reason) {
					t.Errorf("reasoning does not contain %q:\n%s", tt.reason, table.String())
				}
			}
		})
	}
}

func TestEveryResidentAccountedFor(t *testing.T) {
	res := Evaluate(fixtureRules(t), mustScenario(t, `{"discovered":"2023-10-31","residents":[
		{"jurisdiction":"US-TX","count":1,"elements":["EMAIL"]},
		{"jurisdiction":"US-OK","count":1,"elements":["EMAIL"]},
		{"jurisdiction":"US-AK","count":1,"elements":["SSN"]},
		{"jurisdiction":"DE","count":1,"elements":["EMAIL"]}]}`))
	seen := map[string]bool{}
	for _, e := range res.Exemptions {
		seen[e.Jurisdiction] = true
	}
	for _, o := range res.Obligations {
		seen[o.Jurisdiction] = true
	}
	for _, j := range []string{"US-TX", "US-OK", "US-AK", "DE"} {
		if !seen[j] {
			t.Errorf("%s has residents but neither an obligation nor an exemption", j)
		}
	}
}

func TestParseScenarioErrors(t *testing.T) {
	base := func(residents string) string {
		return `{"discovered":"2023-10-31","residents":[` + residents + `]}`
	}
	tests := []struct{ input, field string }{
		{`{"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "discovered"},
		{`{"discovered":"10/31/2023","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "discovered"},
		{`{"discovered":"2023-10-31","determined":"2023-13-01","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "determined"},
		{`{"discovered":"2023-10-31","determined":"2023-10-01","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "determined"},
		{base(`{"jurisdiction":"US-XX","count":1,"elements":["SSN"]}`), "residents[0].jurisdiction"},
		{base(`{"jurisdiction":"US","count":1,"elements":["SSN"]}`), "residents[0].jurisdiction"},
		{base(`{"jurisdiction":"ZZ","count":1,"elements":["SSN"]}`), "residents[0].jurisdiction"},
		{base(`{"jurisdiction":"US-TX","count":1,"elements":["SSN"]},{"jurisdiction":"US-TX","count":-3,"elements":["SSN"]}`), "residents[1].count"},
		{base(`{"jurisdiction":"US-TX","count":1,"elements":["SSN","SOCIAL"]}`), "residents[0].elements[1]"},
		{base(`{"jurisdiction":"US-TX","count":1,"elements":[]}`), "residents[0].elements"},
		{base(`{"jurisdiction":"US-TX","count":"many","elements":["SSN"]}`), "residents.count"},
		{`{"discovered":"2023-10-31","organization":{"kinds":["savings-bank"]},"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "organization.kinds[0]"},
		{`{"discovered":"2023-10-31","colour":"red","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, `"colour"`},
		{`{"discovered":"2023-10-31","residents":[]}`, "residents"},
		{`{"discovered":"2023-10-31","target_days":-1,"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "target_days"},
		{`{"discovered":"2023-10-31","no_harm_determinations":[{"jurisdiction":"US-TX","date":"2023-11-01","by":"counsel"}],"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "no_harm_determinations[0].basis"},
		{`{"discovered":"2023-10-31","no_harm_determinations":[{"jurisdiction":"US-TX","date":"Nov 1","by":"c","basis":"b"}],"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "no_harm_determinations[0].date"},
		{`{"discovered":"2023-10-31",`, "scenario"},
		{``, "scenario"},
	}
	for _, tt := range tests {
		_, err := ParseScenario([]byte(tt.input))
		if err == nil {
			t.Errorf("ParseScenario(%s): no error, want one naming %s", tt.input, tt.field)
			continue
		}
		if !strings.Contains(err.Error(), tt.field) {
			t.Errorf("ParseScenario(%s) = %q, want it to name %s", tt.input, err, tt.field)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error has several lines: %q", err)
		}
	}
}

func TestParseScenarioExample(t *testing.T) {
	sc := mustScenario(t, `{"discovered":"2023-10-31","organization":{"kinds":["financial-institution","public-company"]},"encrypted":false,"key_compromised":false,"residents":[{"jurisdiction":"us-tx","count":1204,"elements":["PERSON_NAME","ssn"]}]}`)
	if sc.TargetDays != DefaultTargetDays || sc.Residents[0].Jurisdiction != "US-TX" || sc.Residents[0].Elements.String() != "PERSON_NAME+SSN" {
		t.Errorf("unexpected scenario %+v", sc)
	}
}

func TestRuleFileErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/fixture/us/us-tx.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new, want string }{
		{"unknown field", "regime: state-breach-law", "regime: state-breach-law\ncolour: red", "field colour not found"},
		{"bad element", "[[PERSON_NAME, SSN]]", "[[PERSON_NAME, SSNN]]", "versions[0].triggers[0][1]: unknown element"},
		{"bad date", "effective_from: 2021-09-01", "effective_from: 2021-9-1", "not an ISO date"},
		{"unresolved source", "    source: statute\n    triggers: [[PERSON_NAME, SSN]]\n", "    source: statue\n    triggers: [[PERSON_NAME, SSN]]\n", `versions[0].source: no source with id "statue"`},
		{"overlap", "effective_to: 2023-09-01", "effective_to: 2023-10-01", "versions[1].effective_from: overlaps"},
		{"bad jurisdiction", "jurisdiction: US-TX", "jurisdiction: US-QQ", "jurisdiction: unknown jurisdiction code"},
		{"missing citation", "citation: Fixture Code § 1 (old)", "citation: ''", "versions[0].citation: required"},
		{"missing read date", "    read: 2026-11-23\n", "", "sources[0].read: required"},
		{"bad clock", "clock: determination, text: 30 days", "clock: awareness, text: 30 days", `unknown clock "awareness"`},
		{"maintainer notice without data_owner", "clock: determination, text: 30 days}", "clock: determination, text: 30 days, role: maintainer}", "versions[1].data_owner: required when a notice is role: maintainer"},
		{"bad notice role", "clock: determination, text: 30 days}", "clock: determination, text: 30 days, role: vendor}", `versions[1].regulators[0].role: want maintainer or nothing`},
		{"data_owner without text", "    credit_monitoring:", "    data_owner: {clock: discovery}\n    credit_monitoring:", "versions[1].data_owner.text: required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(string(good), tt.old, tt.new, 1)
			if data == string(good) {
				t.Fatalf("test does not change the file (%q not found)", tt.old)
			}
			_, err := ParseRuleFile("us/us-tx.yaml", []byte(data))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "us/us-tx.yaml") {
				t.Errorf("got %v, want an error naming us/us-tx.yaml and %q", err, tt.want)
			}
		})
	}
}

func TestLetterRequirements(t *testing.T) {
	rules := fixtureRules(t)
	spec, err := LetterRequirements(rules, "us-tx", date(t, "2023-10-31"))
	if err != nil {
		t.Fatal(err)
	}
	if spec.Title != "Notice of Data Breach" || spec.MinFontPt != 10 || len(spec.Headings) != 1 ||
		spec.CreditMonitoring == nil || spec.CreditMonitoring.Months != 24 || len(spec.Contacts) != 2 ||
		spec.RuleFile != "us/us-tx.yaml@2023-09-01" {
		t.Errorf("unexpected spec %+v", spec)
	}
	if _, err := LetterRequirements(rules, "US-WY", date(t, "2023-10-31")); err == nil || !strings.Contains(err.Error(), "no rule file for US-WY") {
		t.Errorf("US-WY: %v", err)
	}
	if _, err := LetterRequirements(rules, "US-TX", date(t, "2019-01-01")); err == nil {
		t.Error("no error for a date before any version")
	}
}

// TestWriters checks every output format against golden files.
func TestWriters(t *testing.T) {
	sc := mustScenario(t, `{"discovered":"2023-10-31","substitute_notice_persons":12,"residents":[
		{"jurisdiction":"US-TX","count":1204,"elements":["PERSON_NAME","SSN"]},
		{"jurisdiction":"US-OK","count":3,"elements":["PERSON_NAME","SSN"]},
		{"jurisdiction":"US-WY","count":7,"elements":["PERSON_NAME","SSN"]}]}`)
	res := Evaluate(fixtureRules(t), sc)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, format, res); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "writers."+format+".golden"), b.String())
			if format == "ics" {
				checkICS(t, b.String())
			}
		})
	}
	if err := Write(&strings.Builder{}, "pdf", res); err == nil {
		t.Error("unknown format accepted")
	}
}

func checkICS(t *testing.T, s string) {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Error("ics does not end with CRLF")
	}
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
		if strings.Contains(line, "\n") {
			t.Errorf("bare LF in %q", line)
		}
	}
	if n := strings.Count(s, "BEGIN:VEVENT"); n == 0 {
		t.Error("no events")
	}
}

func TestFoldICS(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("é", 80)
	folded := foldICS(long)
	for _, l := range strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets", len(l))
		}
		if !strings.HasPrefix(l, "DESCRIPTION") && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation without space: %q", l)
		}
	}
	unfolded := strings.ReplaceAll(strings.TrimSuffix(folded, "\r\n"), "\r\n ", "")
	if unfolded != long {
		t.Error("folding lost characters")
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./duties -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run go test ./duties -run %s -update after checking the change):\n%s", path, t.Name(), diff(string(want), got))
	}
}

// diff shows the first differing lines.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}

func itoa(i int) string { return comma(int64(i)) }

func FuzzParseScenario(f *testing.F) {
	f.Add([]byte(`{"discovered":"2023-10-31","organization":{"kinds":["financial-institution","public-company"]},"encrypted":false,"key_compromised":false,"residents":[{"jurisdiction":"US-TX","count":1204,"elements":["PERSON_NAME","SSN"]}]}`))
	f.Add([]byte(`{"discovered":"2024-02-29","determined":"2024-03-01","residents":[{"jurisdiction":"FR","count":0,"elements":["EMAIL"]}],"no_harm_determinations":[{"jurisdiction":"EU","date":"2024-03-02","by":"x","basis":"y","duties":["individuals"]}]}`))
	f.Add([]byte(`{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-XX","count":-1,"elements":["CUSTOM_"]}]}`))
	f.Add([]byte(`[]`))
	rules := &Rules{}
	if r, err := Load(); err == nil {
		rules = r
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if sc.Discovered.IsZero() || len(sc.Residents) == 0 {
			t.Fatalf("accepted scenario without discovery date or residents: %s", data)
		}
		for _, r := range sc.Residents {
			if r.Count < 0 || !validResidentJurisdiction(r.Jurisdiction) {
				t.Fatalf("accepted bad resident %+v", r)
			}
		}
		res := Evaluate(rules, sc) // must not panic
		for _, o := range res.Obligations {
			if o.Target.IsZero() || o.Reasoning == "" {
				t.Fatalf("obligation without target or reasoning: %+v", o)
			}
		}
	})
}

// kindsRuleFile is the fixture Texas file with extra version-level fields
// appended to its current version.
func kindsRuleFile(t *testing.T, extra string) *Rules {
	t.Helper()
	good, err := os.ReadFile("testdata/fixture/us/us-tx.yaml")
	if err != nil {
		t.Fatal(err)
	}
	anchor := "    credit_monitoring: {months: 24, when_any: [SSN], text: offer monitoring}\n"
	data := strings.Replace(string(good), anchor, anchor+extra, 1)
	if data == string(good) {
		t.Fatal("anchor not found in the fixture")
	}
	f, err := ParseRuleFile("us/us-tx.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return &Rules{Files: []*RuleFile{f}}
}

func TestOrganisationKinds(t *testing.T) {
	const residents = `"residents":[{"jurisdiction":"US-TX","count":12000,"elements":["PERSON_NAME","SSN"]}]}`
	tests := []struct {
		name     string
		extra    string
		kinds    string // organization object
		duties   []breachkit.Duty
		none     []breachkit.Duty
		exempt   string // substring of some exemption reason
		reason   string // substring of the individuals' reasoning
		noReason string // must not occur in the individuals' reasoning
	}{
		{
			name:   "exempt kind: exemption instead of obligations",
			extra:  "    exempt_kinds: [{kinds: [financial-institution], source: statute, citation: Fixture Code § 9, text: the law does not apply to GLBA financial institutions}]\n",
			kinds:  `{"kinds":["financial-institution","public-company"]}`,
			none:   []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies", "substitute-notice"},
			exempt: "Texas does not apply to this organisation (financial-institution): the law does not apply to GLBA financial institutions (Fixture Code § 9)",
		},
		{
			name:   "exempt kind does not touch other organisations",
			extra:  "    exempt_kinds: [{kinds: [financial-institution], source: statute, text: not for banks}]\n",
			kinds:  `{"kinds":["public-company"]}`,
			duties: []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies"},
		},
		{
			name:   "exempt kind limited to one duty",
			extra:  "    exempt_kinds: [{kinds: [financial-institution], duties: [consumer-reporting-agencies], source: statute, text: the CRA notice does not apply to GLBA persons}]\n",
			kinds:  `{"kinds":["financial-institution"]}`,
			duties: []breachkit.Duty{"individuals", "regulator"},
			none:   []breachkit.Duty{"consumer-reporting-agencies"},
			exempt: "Nationwide consumer reporting agencies: does not apply to this organisation (financial-institution): the CRA notice does not apply to GLBA persons",
		},
		{
			name:     "deemed compliance is a note, not an exemption",
			extra:    "    deemed_compliance: [{kinds: [financial-institution], text: following GLBA procedures satisfies this law}, {kinds: [hipaa-covered-entity], text: HIPAA entry}]\n",
			kinds:    `{"kinds":["financial-institution"]}`,
			duties:   []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies"},
			reason:   "deemed compliance for financial-institution, not an exemption: the duty remains but may be met under another regime's procedures (following GLBA procedures satisfies this law)",
			noReason: "HIPAA entry",
		},
		{
			name:   "only_kinds unknown: obligations kept, with a note",
			extra:  "    only_kinds: {kinds: [information-broker, government-agency], source: statute, text: brokers and agencies only}\n",
			kinds:  `{"kinds":["financial-institution"]}`,
			duties: []breachkit.Duty{"individuals", "regulator"},
			reason: "Texas binds only information-broker or government-agency (Fixture Code § 1); the scenario does not say whether the organisation is one, so the duty is listed conservatively",
		},
		{
			name:     "only_kinds met",
			extra:    "    only_kinds: {kinds: [information-broker, government-agency], source: statute, text: brokers and agencies only}\n",
			kinds:    `{"kinds":["information-broker"]}`,
			duties:   []breachkit.Duty{"individuals", "regulator"},
			reason:   "Texas binds only information-broker or government-agency; the organisation is one",
			noReason: "conservatively",
		},
		{
			name:   "only_kinds ruled out by counsel",
			extra:  "    only_kinds: {kinds: [information-broker, government-agency], source: statute, text: brokers and agencies only}\n",
			kinds:  `{"kinds":["financial-institution"],"not_kinds":["information-broker","government-agency"]}`,
			none:   []breachkit.Duty{"individuals", "regulator"},
			exempt: "Texas binds only information-broker or government-agency (brokers and agencies only; Fixture Code § 1); the scenario records that the organisation is none of these",
		},
		{
			name:   "only_kinds: ruling out one kind of two is not enough",
			extra:  "    only_kinds: {kinds: [information-broker, government-agency], source: statute, text: brokers and agencies only}\n",
			kinds:  `{"not_kinds":["information-broker"]}`,
			duties: []breachkit.Duty{"individuals"},
			reason: "listed conservatively",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := kindsRuleFile(t, tt.extra)
			res := Evaluate(rules, mustScenario(t, `{"discovered":"2023-10-31","organization":`+tt.kinds+`,`+residents))
			for _, d := range tt.duties {
				if find(res, d) == nil {
					t.Errorf("no %s obligation", d)
				}
			}
			for _, d := range tt.none {
				if o := find(res, d); o != nil {
					t.Errorf("unexpected %s obligation: %s", d, o.Reasoning)
				}
			}
			if tt.exempt != "" && !hasExemption(res, tt.exempt) {
				t.Errorf("no exemption containing %q; got %+v", tt.exempt, res.Exemptions)
			}
			if tt.reason != "" || tt.noReason != "" {
				o := find(res, "individuals")
				if o == nil {
					t.Fatal("no individuals obligation")
				}
				if tt.reason != "" && !strings.Contains(o.Reasoning, tt.reason) {
					t.Errorf("reasoning %q lacks %q", o.Reasoning, tt.reason)
				}
				if tt.noReason != "" && strings.Contains(o.Reasoning, tt.noReason) {
					t.Errorf("reasoning %q contains %q", o.Reasoning, tt.noReason)
				}
			}
		})
	}
}

func TestOrganisationKindErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/fixture/us/us-tx.yaml")
	if err != nil {
		t.Fatal(err)
	}
	anchor := "    credit_monitoring: {months: 24, when_any: [SSN], text: offer monitoring}\n"
	tests := []struct{ name, extra, want string }{
		{"unknown kind", "    exempt_kinds: [{kinds: [savings-bank], source: statute, text: x}]\n", `versions[1].exempt_kinds[0].kinds[0]: unknown organisation kind "savings-bank"`},
		{"no kinds", "    exempt_kinds: [{source: statute, text: x}]\n", "versions[1].exempt_kinds[0].kinds: at least one"},
		{"no source", "    exempt_kinds: [{kinds: [financial-institution], text: x}]\n", "versions[1].exempt_kinds[0].source: required"},
		{"bad duty", "    exempt_kinds: [{kinds: [financial-institution], duties: [cra], source: statute, text: x}]\n", `versions[1].exempt_kinds[0].duties[0]: unknown duty "cra"`},
		{"no text", "    exempt_kinds: [{kinds: [financial-institution], source: statute}]\n", "versions[1].exempt_kinds[0].text: required"},
		{"only_kinds unknown source", "    only_kinds: {kinds: [information-broker], source: nope, text: x}\n", `versions[1].only_kinds.source: no source with id "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(string(good), anchor, anchor+tt.extra, 1)
			_, err := ParseRuleFile("us/us-tx.yaml", []byte(data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
	if _, err := ParseScenario([]byte(`{"discovered":"2023-10-31","organization":{"kinds":["information-broker"],"not_kinds":["information-broker"]},"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`)); err == nil || !strings.Contains(err.Error(), "organization.not_kinds[0]") {
		t.Errorf("kind in both kinds and not_kinds: got %v", err)
	}
}

// TestNotifiable says which exposed elements some law in force requires
// people to be told of: a name with an SSN, not a name or an address
// alone.
func TestNotifiable(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	on, _ := ParseDate("2026-11-01")
	for _, tt := range []struct {
		elems []breachkit.Element
		want  bool
	}{
		{[]breachkit.Element{breachkit.PersonName, breachkit.SSN}, true},
		{[]breachkit.Element{breachkit.PersonName}, false},
		{[]breachkit.Element{breachkit.Address}, false},
		{[]breachkit.Element{breachkit.Address, breachkit.PersonName, breachkit.Phone}, false},
	} {
		if got := rules.Notifiable(breachkit.NewElementSet(tt.elems...), on); got != tt.want {
			t.Errorf("Notifiable(%v) = %v, want %v", tt.elems, got, tt.want)
		}
	}
}

// TestSubstituteByJurisdiction checks that substitute notice counts the
// unreachable people of the jurisdiction it is for: a state whose
// residents can all be reached gets none because people elsewhere
// cannot be, and one that has some counts only its own.
func TestSubstituteByJurisdiction(t *testing.T) {
	rules := fixtureRules(t)
	res := Evaluate(rules, mustScenario(t, `{"discovered":"2023-10-31","residents":[
		{"jurisdiction":"US-TX","count":300,"elements":["PERSON_NAME","SSN"]},
		{"jurisdiction":"US-OK","count":10,"elements":["PERSON_NAME","SSN"],"unreachable":3}]}`))
	if o := find(res, breachkit.DutySubstituteNotice); o != nil {
		t.Errorf("substitute notice in %s though its residents can all be reached: %s", o.Jurisdiction, o.Reasoning)
	}
	res = Evaluate(rules, mustScenario(t, `{"discovered":"2023-10-31","residents":[
		{"jurisdiction":"US-TX","count":300,"elements":["PERSON_NAME","SSN"]},
		{"jurisdiction":"US-TX","count":20,"elements":["DOB","PERSON_NAME","SSN"],"unreachable":5},
		{"jurisdiction":"US-OK","count":10,"elements":["PERSON_NAME","SSN"],"unreachable":3}]}`))
	o := find(res, breachkit.DutySubstituteNotice)
	if o == nil || o.Jurisdiction != "US-TX" || o.Affected != 5 || !strings.Contains(o.Reasoning, "5 of them have no deliverable postal address;") {
		t.Errorf("substitute notice: %+v", o)
	}
	if _, err := (&ScenarioInput{Discovered: "2023-10-31", Residents: []ResidentInput{{Jurisdiction: "US-TX", Count: 2, Elements: []string{"SSN"}, Unreachable: 3}}}).Scenario(); err == nil {
		t.Error("more unreachable people than people accepted")
	}
}

// TestSubstituteByEmail checks that the substitute notice's reasoning says
// how many of the people without a deliverable postal address have an
// email address, and on what condition the law accepts notice by email,
// while still counting them all (the condition is for counsel), and that
// a law that names no email method says nothing of it.
func TestSubstituteByEmail(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	res := Evaluate(rules, mustScenario(t, `{"discovered":"2026-10-31","residents":[
		{"jurisdiction":"US-CA","count":10,"elements":["PERSON_NAME","SSN","EMAIL"],"unreachable":4,"unreachable_with_email":3}]}`))
	o := find(res, breachkit.DutySubstituteNotice)
	if o == nil || o.Affected != 4 ||
		!strings.Contains(o.Reasoning, "4 of them have no deliverable postal address (3 of these have an email address, and Cal. Civ. Code") ||
		!strings.Contains(o.Reasoning, "accepts notice by email: electronic notice consistent with E-SIGN)") {
		t.Errorf("substitute notice: %+v", o)
	}
	res = Evaluate(fixtureRules(t), mustScenario(t, `{"discovered":"2023-10-31","residents":[
		{"jurisdiction":"US-TX","count":20,"elements":["PERSON_NAME","SSN"],"unreachable":5,"unreachable_with_email":5}]}`))
	if o := find(res, breachkit.DutySubstituteNotice); o == nil || strings.Contains(o.Reasoning, "email") {
		t.Errorf("substitute notice under a law without email notice: %+v", o)
	}
	if _, err := (&ScenarioInput{Discovered: "2023-10-31", Residents: []ResidentInput{{Jurisdiction: "US-TX", Count: 5, Elements: []string{"SSN"}, Unreachable: 2, UnreachableWithEmail: 3}}}).Scenario(); err == nil {
		t.Error("more unreachable people with email than unreachable people accepted")
	}
}

// TestUnknownResidence counts people whose residence is unknown for the
// federal regimes (HIPAA's 500 threshold for notice to HHS), never for a
// state's or a country's law, nor for a threshold per state (HIPAA's
// media notice), and names no missing rule file for them.
func TestUnknownResidence(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	res := Evaluate(rules, mustScenario(t, `{"discovered":"2023-10-31","organization":{"kinds":["hipaa-covered-entity"]},"residents":[
		{"jurisdiction":"UNKNOWN","count":450,"elements":["MEDICAL_INFO","PERSON_NAME"]},
		{"jurisdiction":"US-OH","count":100,"elements":["MEDICAL_INFO","PERSON_NAME"]}]}`))
	var hhs, indiv *breachkit.Obligation
	for i, o := range res.Obligations {
		switch {
		case o.Regime == "hipaa" && o.Duty == breachkit.DutyIndividuals:
			indiv = &res.Obligations[i]
		case o.Regime == "hipaa" && o.Duty == "regulator" && strings.Contains(o.Recipient, "HHS") && !strings.Contains(o.Recipient, "annual"):
			hhs = &res.Obligations[i]
		case o.Jurisdiction == UnknownResidence || o.Regime == "state-breach-law" && o.Affected != 100:
			t.Errorf("obligation for unknown residents: %+v", o)
		case strings.Contains(o.Recipient, "media") || strings.Contains(o.Recipient, "Media"):
			t.Errorf("media notice though no state has 500 residents: %+v", o)
		}
	}
	if indiv == nil || indiv.Affected != 550 {
		t.Errorf("HIPAA individuals: %+v", indiv)
	}
	if hhs == nil || hhs.Affected != 550 {
		t.Errorf("HIPAA notice to HHS for 550 people: %+v", hhs)
	}
	if hasExemption(res, "no rule file for UNKNOWN") {
		t.Errorf("exemption for UNKNOWN: %+v", res.Exemptions)
	}
}

// TestGLBAInstitutionKinds checks that a bank, credit union or SEC
// registrant is a financial institution for the state laws' GLBA
// exemptions (Minnesota exempts one), is under its own federal regime
// and not the FTC's, and that not_kinds may not deny what a kind implies.
func TestGLBAInstitutionKinds(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ kind, regime string }{
		{"bank", "bank-guidance"},
		{"credit-union", "ncua-748"},
		{"broker-dealer", "sec-reg-s-p"},
	} {
		res := Evaluate(rules, mustScenario(t, `{"discovered":"2026-07-01","organization":{"kinds":["`+tc.kind+`"]},"residents":[
			{"jurisdiction":"US-MN","count":800,"elements":["PERSON_NAME","SSN"]}]}`))
		var own bool
		for _, o := range res.Obligations {
			switch {
			case o.Regime == tc.regime:
				own = true
			case o.Regime == "glba-ftc" || o.Jurisdiction == "US-MN":
				t.Errorf("%s: obligation %s %s %s", tc.kind, o.Jurisdiction, o.Regime, o.Recipient)
			}
		}
		if !own {
			t.Errorf("%s: no obligation under %s", tc.kind, tc.regime)
		}
		var mn bool
		for _, x := range res.Exemptions {
			mn = mn || x.Jurisdiction == "US-MN" && strings.Contains(x.Reason, "financial-institution")
		}
		if !mn {
			t.Errorf("%s: Minnesota's exemption of financial institutions not reported", tc.kind)
		}
	}
	_, err = ParseScenario([]byte(`{"discovered":"2026-07-01","organization":{"kinds":["bank"],"not_kinds":["financial-institution"]},"residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`))
	if err == nil || !strings.Contains(err.Error(), "implied by organization.kinds") {
		t.Errorf("not_kinds denying an implied kind: %v", err)
	}
}

func TestCustomWords(t *testing.T) {
	for in, want := range map[breachkit.Element]string{"CUSTOM_LOAN_NUMBER": "loan numbers", "CUSTOM_CPNI": "CPNI", "CUSTOM_MEMBER_NO": "member nos"} {
		if got := customWords(in); got != want {
			t.Errorf("customWords(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestMaintainer checks the role of an organisation that maintains the
// data for another: where the law names its duty (data_owner) that is
// the only obligation, the owner's notices are recorded as the owner's,
// and where the file names none the law's duties stay, with a note.
func TestMaintainer(t *testing.T) {
	const dataOwner = "    data_owner: {deadline_days: 10, clock: determination, text: tell the owner within 10 days, citation: Fixture Code § 7(c)}\n"
	const residents = `"residents":[{"jurisdiction":"US-TX","count":12000,"elements":["PERSON_NAME","SSN"]}]}`
	tests := []struct {
		name     string
		extra    string
		scenario string
		duties   []breachkit.Duty
		none     []breachkit.Duty
		harm     bool   // the law allows a no-harm determination
		vendorAG bool   // the current version has a maintainer's own notice to the Attorney General
		exempt   string // substring of some exemption reason
		reason   string // substring of some obligation's reasoning
		noReason string // substring of no obligation's reasoning
	}{
		{
			name:     "maintainer tells the owner only",
			extra:    dataOwner,
			scenario: `{"discovered":"2023-10-31","determined":"2023-11-02","organization":{"role":"maintainer"},` + residents,
			duties:   []breachkit.Duty{breachkit.DutyDataOwner},
			none:     []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies", "substitute-notice"},
			exempt:   "the organisation maintains the data for another: notice to Affected individuals, Texas Attorney General, Nationwide consumer reporting agencies under",
			reason:   "requires notice to Owner or licensee of the data within 10 days of determination → 2023-11-12",
		},
		{
			name:     "owner: the data_owner notice is not produced",
			extra:    dataOwner,
			scenario: `{"discovered":"2023-10-31",` + residents,
			duties:   []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies"},
			none:     []breachkit.Duty{breachkit.DutyDataOwner},
		},
		{
			name:     "no data_owner in the file: the law's duties, with a note",
			scenario: `{"discovered":"2023-10-31","organization":{"role":"maintainer"},` + residents,
			duties:   []breachkit.Duty{"individuals", "regulator", "consumer-reporting-agencies"},
			none:     []breachkit.Duty{breachkit.DutyDataOwner},
			reason:   "names no separate duty for that role",
		},
		{
			name:     "a no-harm determination does not excuse the maintainer's notice",
			extra:    dataOwner,
			harm:     true,
			scenario: `{"discovered":"2023-10-31","organization":{"role":"maintainer"},"no_harm_determinations":[{"jurisdiction":"US-TX","date":"2023-11-01","by":"counsel","basis":"data recovered"}],` + residents,
			duties:   []breachkit.Duty{breachkit.DutyDataOwner},
			none:     []breachkit.Duty{"individuals"},
			reason:   "does not let it excuse the maintainer's notice to the owner",
		},
		{
			name:     "a maintainer's own notice beside the owner's",
			extra:    dataOwner,
			vendorAG: true,
			scenario: `{"discovered":"2023-10-31","organization":{"role":"maintainer"},` + residents,
			duties:   []breachkit.Duty{breachkit.DutyDataOwner, "regulator"},
			none:     []breachkit.Duty{"individuals"},
			exempt:   "notice to Affected individuals, Texas Attorney General, Nationwide consumer reporting agencies under",
			reason:   "notice to Attorney General (vendor) (threshold 251 met)",
			noReason: "names no separate duty for that role",
		},
		{
			name:     "the owner does not owe the maintainer's notice",
			extra:    dataOwner,
			vendorAG: true,
			scenario: `{"discovered":"2023-10-31",` + residents,
			duties:   []breachkit.Duty{"individuals", "regulator"},
			none:     []breachkit.Duty{breachkit.DutyDataOwner},
			noReason: "(vendor)",
		},
		{
			name:     "encrypted data: the maintainer owes nothing either",
			extra:    dataOwner,
			scenario: `{"discovered":"2023-10-31","encrypted":true,"organization":{"role":"maintainer"},` + residents,
			none:     []breachkit.Duty{breachkit.DutyDataOwner, "individuals"},
			exempt:   "data encrypted and key not compromised",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/fixture/us/us-tx.yaml")
			if err != nil {
				t.Fatal(err)
			}
			anchor := "    credit_monitoring: {months: 24, when_any: [SSN], text: offer monitoring}\n"
			text := strings.Replace(string(data), anchor, anchor+tt.extra, 1)
			if tt.vendorAG {
				ag := "      - {recipient: Texas Attorney General, threshold: 250, deadline_days: 30, clock: determination, text: 30 days}\n"
				text = strings.Replace(text, ag, ag+"      - {recipient: Attorney General (vendor), role: maintainer, threshold: 251, clock: discovery, text: unless the owner has}\n", 1)
			}
			if tt.harm {
				text = strings.ReplaceAll(text, "risk_of_harm: {allowed: false", "risk_of_harm: {allowed: true")
			}
			f, err := ParseRuleFile("us/us-tx.yaml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			res := Evaluate(&Rules{Files: []*RuleFile{f}}, mustScenario(t, tt.scenario))
			for _, d := range tt.duties {
				if find(res, d) == nil {
					t.Errorf("no %s obligation; got %+v", d, res.Obligations)
				}
			}
			for _, d := range tt.none {
				if o := find(res, d); o != nil {
					t.Errorf("unexpected %s obligation: %s", d, o.Reasoning)
				}
			}
			if tt.exempt != "" && !hasExemption(res, tt.exempt) {
				t.Errorf("no exemption containing %q; got %+v", tt.exempt, res.Exemptions)
			}
			if tt.reason != "" {
				found := false
				for _, o := range res.Obligations {
					found = found || strings.Contains(o.Reasoning, tt.reason)
				}
				if !found {
					t.Errorf("no reasoning containing %q; got %+v", tt.reason, res.Obligations)
				}
			}
			for _, o := range res.Obligations {
				if tt.noReason != "" && strings.Contains(o.Reasoning, tt.noReason) {
					t.Errorf("reasoning contains %q: %s", tt.noReason, o.Reasoning)
				}
			}
		})
	}
	if _, err := ParseScenario([]byte(`{"discovered":"2023-10-31","organization":{"role":"janitor"},` + residents)); err == nil || !strings.Contains(err.Error(), "organization.role") {
		t.Errorf("unknown role: err = %v, want one naming organization.role", err)
	}
	for word, want := range map[string]string{"Processor": RoleMaintainer, "service provider": RoleMaintainer, "third_party_agent": RoleMaintainer,
		"Controller": RoleOwner, "owner": RoleOwner, "maintainer": RoleMaintainer} {
		if sc := mustScenario(t, `{"discovered":"2023-10-31","organization":{"role":"`+word+`"},`+residents); sc.Role != want {
			t.Errorf("role %q = %q, want %q", word, sc.Role, want)
		}
	}
}

// hasExemption reports whether some exemption's reason contains s.
func hasExemption(res Result, s string) bool {
	for _, e := range res.Exemptions {
		if strings.Contains(e.Reason, s) {
			return true
		}
	}
	return false
}
