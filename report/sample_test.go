package report

import (
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/breachkit/breachkit"
)

// The sample case the tests write: synthetic people with synthetic names,
// so that the tests can check no name reaches the HTML.

var sampleNames = []string{"Maria Garcia", "James Smith", "Wei Zhang", "Aisha Okafor", "Liam O'Brien",
	"Sofia Rossi", "Noah Johnson", "Emma Wilson", "Mateo Hernandez", "Olivia Brown"}

// weighted picks from choices by weight.
type weighted[T any] struct {
	v T
	w int
}

func pick[T any](r *rand.Rand, cs []weighted[T]) T {
	total := 0
	for _, c := range cs {
		total += c.w
	}
	n := r.IntN(total)
	for _, c := range cs {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	return cs[len(cs)-1].v
}

var sampleJurisdictions = []weighted[string]{
	{"US-CA", 180}, {"US-TX", 120}, {"US-NY", 90}, {"US-FL", 85}, {"US-IL", 50}, {"US-PA", 45},
	{"US-OH", 40}, {"US-GA", 38}, {"US-NC", 36}, {"US-MI", 33}, {"US-NJ", 30}, {"US-VA", 28},
	{"US-WA", 26}, {"US-AZ", 24}, {"US-MA", 22}, {"US-TN", 20}, {"US-IN", 18}, {"US-MO", 16},
	{"US-MD", 16}, {"US-WI", 14}, {"US-CO", 14}, {"US-MN", 13}, {"US-SC", 12}, {"US-AL", 11},
	{"US-LA", 10}, {"US-KY", 10}, {"US-OR", 9}, {"US-OK", 8}, {"US-CT", 8}, {"US-UT", 7},
	{"US-IA", 6}, {"US-NV", 6}, {"US-AR", 6}, {"US-MS", 5}, {"US-KS", 5}, {"US-NM", 4},
	{"US-NE", 4}, {"US-ID", 3}, {"US-WV", 3}, {"US-HI", 3}, {"US-NH", 3}, {"US-ME", 2},
	{"US-MT", 2}, {"US-RI", 2}, {"US-DE", 2}, {"US-SD", 1}, {"US-ND", 1}, {"US-AK", 1},
	{"US-DC", 2}, {"US-PR", 3}, {"US-GU", 1},
	{"CA", 8}, {"GB", 4}, {"DE", 2}, {"MX", 3}, {"unknown", 30},
}

var sampleCombos = []weighted[breachkit.ElementSet]{
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN, breachkit.DOB, breachkit.Address), 40},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.Email, breachkit.Phone), 25},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN), 15},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.CardNumber, breachkit.Address), 10},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.BankAccount, breachkit.RoutingNumber), 6},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.DriversLicense, breachkit.DOB), 5},
	{breachkit.NewElementSet(breachkit.Email, breachkit.Credentials), 4},
	{breachkit.NewElementSet(breachkit.SSN), 2},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.HealthID, breachkit.DOB), 2},
	{breachkit.NewElementSet(breachkit.PersonName, breachkit.Passport), 1},
}

// samplePeople streams n synthetic people, the same ones for the same seed.
func samplePeople(n int, seed uint64) PeopleFunc {
	return func(yield func(PersonRow) error) error {
		r := rand.New(rand.NewPCG(seed, 7))
		for i := 0; i < n; i++ {
			p := PersonRow{ID: int64(i + 1), Name: sampleNames[r.IntN(len(sampleNames))],
				Jurisdiction: pick(r, sampleJurisdictions), Elements: pick(r, sampleCombos),
				AddressQuality: pick(r, []weighted[string]{{"deliverable", 82}, {"partial", 10}, {"none", 8}})}
			if p.AddressQuality == "none" {
				p.Flags = append(p.Flags, FlagSubstituteNotice)
			}
			if !p.Elements.Has(breachkit.PersonName) {
				p.Name = ""
				p.Flags = append(p.Flags, FlagNoName)
			}
			if len(p.Elements) == 1 {
				p.Flags = append(p.Flags, FlagSingleIdentifier)
			}
			if err := yield(p); err != nil {
				return err
			}
		}
		return nil
	}
}

// sampleFindings writes n findings lines in the form scan writes them
// (values sealed, here a placeholder).
func sampleFindings(n int) FindingsFunc {
	return func(w io.Writer) error {
		for i := 0; i < n; i++ {
			if _, err := fmt.Fprintf(w, `{"id":%d,"source":"hr/payroll-2026.csv","type":"SSN","record":"row:%d","confidence":0.97,"value":"sealed:AAAA"}`+"\n", i+1, i+2); err != nil {
				return err
			}
		}
		return nil
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// sampleData is the hand-made case of the golden files.
func sampleData() *Data {
	disc := date("2026-11-02")
	ob := func(jur, regime string, duty breachkit.Duty, recipient string, dueDays int, deadline string, affected int64, citation, src string) breachkit.Obligation {
		o := breachkit.Obligation{Jurisdiction: jur, Regime: regime, Duty: duty, Recipient: recipient,
			Affected: affected, Citation: citation, Source: src, SourceRead: "2026-11-23",
			Reasoning: "Residents' name with SSN were exposed and the law requires notice.",
			RuleFile:  "us/" + jur + ".yaml@2020-01-01", DeadlineText: deadline}
		if dueDays >= 0 {
			o.Due = disc.AddDate(0, 0, dueDays)
			o.Target = o.Due.AddDate(0, 0, -5)
		} else {
			o.Target = disc.AddDate(0, 0, 30)
		}
		return o
	}
	return &Data{
		Case:        "Acme Payroll intrusion",
		GeneratedAt: time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC),
		Discovered:  disc,
		Window:      &Window{Start: date("2026-09-14"), End: date("2026-10-30")},
		ToolVersion: "v0.9.0-test",
		Sources: []Source{
			{Path: "hr/payroll-2026.csv", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Size: 48_211_004, Format: "csv", Status: breachkit.SourceDone, Findings: 61234},
			{Path: "hr/benefits.xlsx", SHA256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", Size: 9_411_201, Format: "xlsx", Status: breachkit.SourceDone, Findings: 18002},
			{Path: "exports/customers.json", SHA256: "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13", Size: 120_500_000, Format: "json", Status: breachkit.SourceDone, Findings: 230114},
			{Path: "mail/archive.zip!/2026-10/claims.eml", SHA256: "a4e624d686e03ed2767c0abd85c14426b0b1157d2ce81d27bb4fe4f6f01d688a", Size: 88_012, Format: "eml", Status: breachkit.SourceDone, Findings: 41},
			{Path: "scans/w2-batch-07.pdf", SHA256: "b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78", Size: 3_200_400, Format: "pdf", Status: breachkit.SourcePartial, Reason: "12 of 40 pages are images and need OCR", Findings: 310},
			{Path: "backup/db.bak", SHA256: "0b7a1f9f0b8f7d3b1c9c2c1a3b4b6e1e2f0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b", Size: 2_147_483_648, Format: "unknown", Status: breachkit.SourceSkipped, Reason: "unsupported format (SQL Server backup)"},
			{Path: "secure/keys.7z", SHA256: "3c9909afec25354d551dae21590bb26e38d53f2173b8d3dc3eee4c047e7ab1c1", Size: 10_240, Format: "7z", Status: breachkit.SourceSkipped, Reason: "encrypted archive; no password supplied"},
		},
		FindingsByType: map[breachkit.Element]int64{breachkit.SSN: 120400, breachkit.PersonName: 150220,
			breachkit.DOB: 98012, breachkit.Email: 60211, breachkit.Address: 70001, breachkit.CardNumber: 1207},
		Obligations: []breachkit.Obligation{
			ob("US-TX", "state-breach-law", breachkit.DutyIndividuals, "affected residents", 60, "", 120, "Tex. Bus. & Com. Code § 521.053(b)", "https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm"),
			ob("US-TX", "state-breach-law", breachkit.DutyRegulator, "Texas Attorney General", 30, "", 120, "Tex. Bus. & Com. Code § 521.053(i)", "https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm"),
			ob("US-CO", "state-breach-law", breachkit.DutyIndividuals, "affected residents", 30, "", 14, "C.R.S. § 6-1-716(2)", "https://example.org/co"),
			ob("US-FL", "state-breach-law", breachkit.DutyIndividuals, "affected residents", 30, "", 85, "Fla. Stat. § 501.171(4)", "https://www.flsenate.gov/Laws/Statutes/2024/501.171"),
			ob("US-WA", "state-breach-law", breachkit.DutyRegulator, "Washington Attorney General", 30, "", 26, "RCW 19.255.010(7)", "https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010"),
			ob("US-CA", "state-breach-law", breachkit.DutyIndividuals, "affected residents", -1, "in the most expedient time possible and without unreasonable delay", 180, "Cal. Civ. Code § 1798.82(a)", "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82"),
			ob("US-NY", "state-breach-law", breachkit.DutyRegulator, "New York Attorney General", 10, "", 90, "N.Y. Gen. Bus. Law § 899-aa(8)", "javascript:alert(1)"),
			ob("US", "sec-8k", breachkit.DutySEC8K, "SEC (Form 8-K Item 1.05)", 18, "", 0, "17 CFR 229.106; Form 8-K Item 1.05", "https://www.sec.gov/rules/final/2023/33-11216.pdf"),
			ob("US-NY", "state-breach-law", breachkit.DutyCRA, "consumer reporting agencies", -1, "without unreasonable delay", 90, "N.Y. Gen. Bus. Law § 899-aa(8)(b)", "https://example.org/ny"),
		},
		Exemptions: []breachkit.Exemption{
			{Jurisdiction: "US-GU", Regime: "state-breach-law", Affected: 1, Reason: "no rule file for this jurisdiction"},
			{Jurisdiction: "MX", Regime: "", Affected: 3, Reason: "no rule file for this jurisdiction"},
		},
		Method: Method{
			Detectors:  []Detector{{"ssn", "1.2.0"}, {"email", "1.0.1"}, {"card", "1.1.0"}, {"name", "0.9.0"}},
			Thresholds: []Threshold{{"min_confidence", 0.8, "findings below it are ignored"}, {"match_upper", 0.92, "Fellegi–Sunter: link at or above"}, {"match_lower", 0.35, "Fellegi–Sunter: never link below"}},
			RuleFiles:  []RuleFile{{"us/us-tx.yaml", "US-TX", "effective 2023-09-01", "2026-11-23"}, {"us/us-ca.yaml", "US-CA", "effective 2020-01-01", "2026-11-22"}},
		},
		Timings: []Timing{{"scan", 83*time.Second + 120*time.Millisecond, 7}, {"people", 12 * time.Second, 2000}, {"duties", 40 * time.Millisecond, 9}},
	}
}
