// Package storetest is the one test suite that every breachkit.Store
// implementation must pass, so that SQLite and PostgreSQL behave alike.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
)

// Opener returns a new, empty store for one test.
type Opener func(t *testing.T) breachkit.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, breachkit.Store)
	}{
		{"Cases", testCases},
		{"SourcesResume", testSourcesResume},
		{"SourcesSettings", testSourcesSettings},
		{"Findings", testFindings},
		{"People", testPeople},
		{"Obligations", testObligations},
		{"Notices", testNotices},
		{"Codes", testCodes},
		{"Events", testEvents},
		{"Audit", testAudit},
		{"AuditConcurrent", testAuditConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tt.fn(t, s)
		})
	}
}

// NewCase adds a case with a fake wrapped key and returns it.
func NewCase(t testing.TB, s breachkit.Store, name string) *breachkit.Case {
	t.Helper()
	c := &breachkit.Case{Name: name, CreatedAt: time.Now(), WrappedKey: []byte("wrapped-" + name), MasterKeyID: "k1"}
	if err := s.CreateCase(context.Background(), c); err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

func testCases(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "alpha")
	if c.ID == 0 {
		t.Fatal("CreateCase did not set ID")
	}
	if err := s.CreateCase(ctx, &breachkit.Case{Name: "alpha", WrappedKey: []byte("x")}); !errors.Is(err, breachkit.ErrConflict) {
		t.Fatalf("duplicate case: err = %v, want ErrConflict", err)
	}
	if _, err := s.Case(ctx, "nope"); !errors.Is(err, breachkit.ErrNotFound) {
		t.Fatalf("missing case: err = %v, want ErrNotFound", err)
	}
	if c.OrgRole != "" || len(c.OrgKinds) != 0 {
		t.Fatalf("new case has an organisation: %q %q", c.OrgKinds, c.OrgRole)
	}
	c.Discovered = time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC)
	c.OrgKinds, c.OrgRole = []string{"bank", "public-company"}, "maintainer"
	if err := s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Case(ctx, "alpha")
	if err != nil || !got.Discovered.Equal(c.Discovered) || string(got.WrappedKey) != "wrapped-alpha" ||
		strings.Join(got.OrgKinds, ",") != "bank,public-company" || got.OrgRole != "maintainer" {
		t.Fatalf("Case = %+v, %v", got, err)
	}
	NewCase(t, s, "beta")
	err = s.RewrapKeys(ctx, func(c *breachkit.Case) ([]byte, string, error) {
		return []byte("new-" + c.Name), "k2", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Cases(ctx)
	if err != nil || len(cs) != 2 {
		t.Fatalf("Cases = %d, %v", len(cs), err)
	}
	for _, c := range cs {
		if string(c.WrappedKey) != "new-"+c.Name || c.MasterKeyID != "k2" {
			t.Errorf("case %s not rewrapped: %q %s", c.Name, c.WrappedKey, c.MasterKeyID)
		}
	}
	// A failing rewrap changes nothing.
	err = s.RewrapKeys(ctx, func(c *breachkit.Case) ([]byte, string, error) {
		if c.Name == "beta" {
			return nil, "", errors.New("boom")
		}
		return []byte("bad"), "k3", nil
	})
	if err == nil {
		t.Fatal("RewrapKeys ignored an error")
	}
	a, _ := s.Case(ctx, "alpha")
	if a.MasterKeyID != "k2" {
		t.Fatal("a failed RewrapKeys left a partial change")
	}
}

func addFindings(t testing.TB, s breachkit.Store, c *breachkit.Case, src *breachkit.Source, n int, typ breachkit.Element) []*breachkit.Finding {
	t.Helper()
	var fs []*breachkit.Finding
	for i := 0; i < n; i++ {
		fs = append(fs, &breachkit.Finding{CaseID: c.ID, SourceID: src.ID, Type: typ, Start: int64(i * 10), End: int64(i*10 + 9),
			Record: fmt.Sprintf("%s#row=%d", src.Path, i), Confidence: 0.5 + float64(i%2)/4, Reasons: []string{"header:ssn"},
			Value: breachkit.Sealed(fmt.Sprintf("sealed-%d", i)), Fingerprint: []byte(fmt.Sprintf("fp-%d", i))})
	}
	if err := s.AddFindings(context.Background(), fs); err != nil {
		t.Fatalf("AddFindings: %v", err)
	}
	return fs
}

func testSourcesResume(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1", Size: 10, Format: "csv"})
	if err != nil || src.Status != breachkit.SourceScanning || src.ID == 0 {
		t.Fatalf("BeginSource = %+v, %v", src, err)
	}
	addFindings(t, s, c, src, 5, breachkit.SSN)
	// Interrupted: beginning again deletes the partial findings.
	src2, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1", Size: 10, Format: "csv"})
	if err != nil || src2.ID != src.ID || src2.Status != breachkit.SourceScanning {
		t.Fatalf("resume BeginSource = %+v, %v", src2, err)
	}
	if n := count(t, s, c.ID); n != 0 {
		t.Fatalf("findings after resume = %d, want 0", n)
	}
	addFindings(t, s, c, src2, 3, breachkit.SSN)
	src2.Status, src2.Findings = breachkit.SourceDone, 3
	if err := s.FinishSource(ctx, src2); err != nil {
		t.Fatal(err)
	}
	src3, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1"})
	if err != nil || src3.Status != breachkit.SourceDone {
		t.Fatalf("done source: %+v, %v", src3, err)
	}
	if n := count(t, s, c.ID); n != 3 {
		t.Fatalf("findings of a done source = %d, want 3", n)
	}
	// Changed content: scanned again.
	src4, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h2"})
	if err != nil || src4.Status != breachkit.SourceScanning || count(t, s, c.ID) != 0 {
		t.Fatalf("changed source: %+v, %v", src4, err)
	}
	skipped := &breachkit.Source{CaseID: c.ID, Path: "b.zip", Format: "zip"}
	skipped, _ = s.BeginSource(ctx, skipped)
	skipped.Status, skipped.Reason = breachkit.SourceSkipped, "encrypted archive"
	if err := s.FinishSource(ctx, skipped); err != nil {
		t.Fatal(err)
	}
	srcs, err := s.Sources(ctx, c.ID)
	if err != nil || len(srcs) != 2 || srcs[1].Reason != "encrypted archive" || srcs[0].SHA256 != "h2" {
		t.Fatalf("Sources = %+v, %v", srcs, err)
	}
}

// testSourcesSettings resumes a done source only when the scan that did
// it found all the new one asks for: a full scan after "--types SSN"
// reads the source again, a narrower scan after a full one resumes.
func testSourcesSettings(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	narrow := breachkit.ScanSettings([]breachkit.Element{breachkit.SSN}, 0.5, "", false)
	finish := func(settings string, n int) *breachkit.Source {
		t.Helper()
		src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1", Settings: settings})
		if err != nil || src.Status != breachkit.SourceScanning {
			t.Fatalf("BeginSource(%q) = %+v, %v; want it scanned", settings, src, err)
		}
		addFindings(t, s, c, src, n, breachkit.SSN)
		src.Status, src.Findings = breachkit.SourceDone, int64(n)
		if err := s.FinishSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		return src
	}
	finish(narrow, 3)
	// A full scan after the narrow one: scanned again, the narrow
	// findings deleted first.
	finish("", 45)
	if n := count(t, s, c.ID); n != 45 {
		t.Fatalf("findings after the full scan = %d, want 45", n)
	}
	// A narrow scan after the full one, and the full one again: resumed.
	for _, settings := range []string{narrow, ""} {
		src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1", Settings: settings})
		if err != nil || src.Status != breachkit.SourceDone || src.Settings != "" {
			t.Fatalf("BeginSource(%q) after a full scan = %+v, %v; want it done", settings, src, err)
		}
	}
	// Custom identifiers the full scan did not look for: scanned again.
	src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv", SHA256: "h1", Settings: breachkit.ScanSettings(nil, 0.5, "0f3a", false)})
	if err != nil || src.Status != breachkit.SourceScanning || count(t, s, c.ID) != 0 {
		t.Fatalf("BeginSource with custom identifiers = %+v, %v; want it scanned", src, err)
	}
}

func count(t testing.TB, s breachkit.Store, caseID int64) int {
	n := 0
	if err := s.Findings(context.Background(), caseID, breachkit.FindingFilter{}, func(*breachkit.Finding) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func testFindings(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	other := NewCase(t, s, "other")
	src, _ := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "x.csv"})
	osrc, _ := s.BeginSource(ctx, &breachkit.Source{CaseID: other.ID, Path: "x.csv"})
	in := addFindings(t, s, c, src, 2500, breachkit.SSN)
	addFindings(t, s, c, src, 10, breachkit.Email)
	addFindings(t, s, other, osrc, 7, breachkit.SSN)
	var got []*breachkit.Finding
	err := s.Findings(ctx, c.ID, breachkit.FindingFilter{Types: []breachkit.Element{breachkit.SSN}}, func(f *breachkit.Finding) error {
		got = append(got, f)
		return nil
	})
	if err != nil || len(got) != 2500 {
		t.Fatalf("Findings(SSN) = %d, %v", len(got), err)
	}
	f0 := got[0]
	if f0.ID != in[0].ID || f0.Path != "x.csv" || f0.Start != 0 || f0.End != 9 || string(f0.Value) != "sealed-0" ||
		string(f0.Fingerprint) != "fp-0" || len(f0.Reasons) != 1 || f0.Reasons[0] != "header:ssn" || f0.Record != "x.csv#row=0" {
		t.Fatalf("round trip: %+v", f0)
	}
	for i := range got {
		if got[i].ID != in[i].ID || string(got[i].Value) != fmt.Sprintf("sealed-%d", i) {
			t.Fatalf("finding %d: stored ID %d, AddFindings set %d", i, got[i].ID, in[i].ID)
		}
		if i > 0 && got[i].ID <= got[i-1].ID {
			t.Fatal("findings not in ID order")
		}
	}
	n := 0
	s.Findings(ctx, c.ID, breachkit.FindingFilter{MinConfidence: 0.7, AfterID: got[99].ID, Limit: 50}, func(f *breachkit.Finding) error {
		if f.Confidence < 0.7 || f.ID <= got[99].ID {
			t.Errorf("filter let through %+v", f)
		}
		n++
		return nil
	})
	if n != 50 {
		t.Fatalf("Limit: %d findings", n)
	}
	stop := errors.New("stop")
	if err := s.Findings(ctx, c.ID, breachkit.FindingFilter{}, func(*breachkit.Finding) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("callback error not returned: %v", err)
	}
	counts, err := s.CountFindings(ctx, c.ID)
	if err != nil || counts[breachkit.SSN] != 2500 || counts[breachkit.Email] != 10 || len(counts) != 2 {
		t.Fatalf("CountFindings = %v, %v", counts, err)
	}
}

func testPeople(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	src, _ := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "x.csv"})
	fs := addFindings(t, s, c, src, 4, breachkit.SSN)
	people := func(keys ...string) func() (*breachkit.Person, error) {
		i := 0
		return func() (*breachkit.Person, error) {
			if i == len(keys) {
				return nil, nil
			}
			k := keys[i]
			i++
			return &breachkit.Person{Key: k, Profile: breachkit.Sealed("sealed-" + k), Jurisdiction: "US-TX", JurisdictionBy: "zip",
				Elements: breachkit.NewElementSet(breachkit.SSN, breachkit.PersonName), AddressQuality: "deliverable",
				Flags: []string{"f1", "f2"}, Records: 2, Explain: []byte(`{"links":[]}`), FindingIDs: []int64{fs[i-1].ID, fs[3].ID}}, nil
		}
	}
	if err := s.ReplacePeople(ctx, c.ID, people("a", "b", "c")); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	s.People(ctx, c.ID, true, func(p *breachkit.Person) error {
		ids[p.Key] = p.ID
		if len(p.FindingIDs) != 2 || p.Elements.String() != "PERSON_NAME+SSN" || len(p.Flags) != 2 || p.Records != 2 {
			t.Errorf("person round trip: %+v", p)
		}
		return nil
	})
	if len(ids) != 3 {
		t.Fatalf("people = %v", ids)
	}
	// Re-run: b and c stay with their IDs, a goes, d comes.
	if err := s.ReplacePeople(ctx, c.ID, people("b", "c", "d")); err != nil {
		t.Fatal(err)
	}
	after := map[string]int64{}
	s.People(ctx, c.ID, false, func(p *breachkit.Person) error { after[p.Key] = p.ID; return nil })
	if len(after) != 3 || after["b"] != ids["b"] || after["c"] != ids["c"] || after["a"] != 0 {
		t.Fatalf("after re-run: %v (before %v)", after, ids)
	}
	p, err := s.Person(ctx, c.ID, after["d"])
	if err != nil || p.Key != "d" || len(p.FindingIDs) != 2 || string(p.Profile) != "sealed-d" {
		t.Fatalf("Person = %+v, %v", p, err)
	}
	if _, err := s.Person(ctx, c.ID, 99999); !errors.Is(err, breachkit.ErrNotFound) {
		t.Fatalf("missing person: %v", err)
	}
	boom := errors.New("boom")
	err = s.ReplacePeople(ctx, c.ID, func() (*breachkit.Person, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("ReplacePeople error: %v", err)
	}
	n := 0
	s.People(ctx, c.ID, false, func(*breachkit.Person) error { n++; return nil })
	if n != 3 {
		t.Fatalf("a failed ReplacePeople changed the people: %d", n)
	}
}

func testObligations(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	due := time.Date(2023, 12, 30, 0, 0, 0, 0, time.UTC)
	obs := []breachkit.Obligation{
		{Jurisdiction: "US-TX", Regime: "state-breach-law", Duty: breachkit.DutyIndividuals, Recipient: "affected residents", Due: due, Target: due.AddDate(0, 0, -30),
			Affected: 1204, Citation: "Tex. Bus. & Com. Code § 521.053", Source: "https://example.test/tx", SourceRead: "2026-11-23", Reasoning: "r", RuleFile: "us/us-tx.yaml@2023-09-01"},
		{Jurisdiction: "US-CA", Regime: "state-breach-law", Duty: breachkit.DutyIndividuals, DeadlineText: "without unreasonable delay", Affected: 5},
	}
	exs := []breachkit.Exemption{{Jurisdiction: "US-NY", Regime: "state-breach-law", Affected: 3, Reason: "no trigger"}}
	if err := s.ReplaceObligations(ctx, c.ID, obs, exs); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceObligations(ctx, c.ID, obs, exs); err != nil {
		t.Fatal(err)
	}
	gotO, gotE, err := s.Obligations(ctx, c.ID)
	if err != nil || len(gotO) != 2 || len(gotE) != 1 {
		t.Fatalf("Obligations = %d, %d, %v", len(gotO), len(gotE), err)
	}
	o := gotO[0]
	if !o.Due.Equal(due) || o.Affected != 1204 || o.Citation != obs[0].Citation || o.RuleFile != obs[0].RuleFile || !gotO[1].Due.IsZero() || gotO[1].DeadlineText == "" {
		t.Fatalf("round trip: %+v / %+v", o, gotO[1])
	}
}

func testNotices(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	now := time.Now().UTC().Truncate(time.Microsecond)
	mk := func(key, channel string) *breachkit.Notice {
		return &breachkit.Notice{CaseID: c.ID, PersonID: 1, Channel: channel, Status: breachkit.NoticePlanned, Key: key, Variant: "US-TX",
			Recipient: breachkit.Sealed("sealed"), UpdatedAt: now}
	}
	ns := []*breachkit.Notice{mk("p1/email", "email"), mk("p2/email", "email"), mk("p3/email", "email"), mk("p1/mail", "mail")}
	added, err := s.AddNotices(ctx, ns)
	if err != nil || added != 4 || ns[0].ID == 0 || ns[3].ID == 0 {
		t.Fatalf("AddNotices = %d, %v", added, err)
	}
	again := []*breachkit.Notice{mk("p1/email", "email"), mk("p4/email", "email")}
	added, err = s.AddNotices(ctx, again)
	if err != nil || added != 1 || again[0].ID != ns[0].ID {
		t.Fatalf("AddNotices again = %d, %v; id %d want %d", added, err, again[0].ID, ns[0].ID)
	}
	// Claim two: the lowest IDs, now sending with one attempt.
	got, err := s.ClaimNotices(ctx, c.ID, "email", 2, 3, now)
	if err != nil || len(got) != 2 || got[0].ID != ns[0].ID || got[1].ID != ns[1].ID || got[0].Status != breachkit.NoticeSending || got[0].Attempts != 1 || !got[0].ClaimedAt.Equal(now) {
		t.Fatalf("ClaimNotices = %+v, %v", got, err)
	}
	// The next claim never returns a notice already claimed.
	got2, err := s.ClaimNotices(ctx, c.ID, "email", 10, 3, now)
	if err != nil || len(got2) != 2 || got2[0].ID != ns[2].ID || got2[1].ID != again[1].ID {
		t.Fatalf("second claim = %+v, %v", got2, err)
	}
	if more, _ := s.ClaimNotices(ctx, c.ID, "email", 10, 3, now); len(more) != 0 {
		t.Fatalf("third claim returned %d", len(more))
	}
	// A failed notice is claimable again only after NextAttempt, and only
	// below the attempt limit.
	f := got[1]
	f.Status, f.NextAttempt, f.Detail, f.MessageID = breachkit.NoticeFailed, now.Add(time.Minute), "451 try later", "<m1@x>"
	if err := s.UpdateNotices(ctx, f); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.ClaimNotices(ctx, c.ID, "email", 10, 3, now); len(r) != 0 {
		t.Fatalf("claimed before NextAttempt: %d", len(r))
	}
	r, _ := s.ClaimNotices(ctx, c.ID, "email", 10, 3, now.Add(2*time.Minute))
	if len(r) != 1 || r[0].ID != f.ID || r[0].Attempts != 2 || r[0].MessageID != "<m1@x>" {
		t.Fatalf("retry claim = %+v", r)
	}
	r[0].Status, r[0].NextAttempt = breachkit.NoticeFailed, time.Time{}
	s.UpdateNotices(ctx, r[0])
	if r, _ := s.ClaimNotices(ctx, c.ID, "email", 10, 2, now.Add(3*time.Minute)); len(r) != 0 {
		t.Fatalf("claimed at the attempt limit: %d", len(r))
	}
	// Sending notices claimed before the cutoff become in-doubt.
	got[0].Status, got[0].Detail = breachkit.NoticeSent, "250 ok"
	if err := s.UpdateNotices(ctx, got[0]); err != nil {
		t.Fatal(err)
	}
	n, err := s.MarkInDoubt(ctx, c.ID, "email", now.Add(time.Second))
	if err != nil || n != 2 {
		t.Fatalf("MarkInDoubt = %d, %v", n, err)
	}
	one, err := s.Notice(ctx, c.ID, got2[0].ID)
	if err != nil || one.Status != breachkit.NoticeInDoubt || string(one.Recipient) != "sealed" || one.Variant != "US-TX" {
		t.Fatalf("Notice = %+v, %v", one, err)
	}
	if _, err := s.Notice(ctx, c.ID, 99999); !errors.Is(err, breachkit.ErrNotFound) {
		t.Fatalf("missing notice: %v", err)
	}
	if err := s.UpdateNotices(ctx, &breachkit.Notice{ID: 99999, CaseID: c.ID}); !errors.Is(err, breachkit.ErrNotFound) {
		t.Fatalf("update missing: %v", err)
	}
	// UpdateNotices is all or none: a missing notice undoes the others.
	changed := *one
	changed.Status = breachkit.NoticeSent
	if err := s.UpdateNotices(ctx, &changed, &breachkit.Notice{ID: 99999, CaseID: c.ID}); !errors.Is(err, breachkit.ErrNotFound) {
		t.Fatalf("update with a missing notice: %v", err)
	}
	if again, _ := s.Notice(ctx, c.ID, one.ID); again.Status != breachkit.NoticeInDoubt {
		t.Fatalf("a failed UpdateNotices changed notice %d to %s", one.ID, again.Status)
	}
	var sent []*breachkit.Notice
	s.Notices(ctx, c.ID, "email", breachkit.NoticeSent, func(n *breachkit.Notice) error { sent = append(sent, n); return nil })
	if len(sent) != 1 || sent[0].Detail != "250 ok" {
		t.Fatalf("Notices(sent) = %+v", sent)
	}
	var all int
	s.Notices(ctx, c.ID, "", "", func(*breachkit.Notice) error { all++; return nil })
	if all != 5 {
		t.Fatalf("all notices = %d", all)
	}
	counts, err := s.CountNotices(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"email/in-doubt": 2, "email/sent": 1, "email/failed": 1, "mail/planned": 1}
	if len(counts) != len(want) {
		t.Fatalf("CountNotices = %+v", counts)
	}
	for _, k := range counts {
		if want[k.Channel+"/"+k.Status] != k.Count || k.Variant != "US-TX" {
			t.Fatalf("CountNotices = %+v", counts)
		}
	}
}

func testCodes(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	var codes []*breachkit.MonitoringCode
	for i := range 3 {
		codes = append(codes, &breachkit.MonitoringCode{Provider: "p", Value: breachkit.Sealed(fmt.Sprint("v", i)), Fingerprint: []byte(fmt.Sprint("fp", i))})
	}
	codes = append(codes, &breachkit.MonitoringCode{Provider: "p", Value: breachkit.Sealed("dup"), Fingerprint: []byte("fp0")})
	added, err := s.AddCodes(ctx, c.ID, codes)
	if err != nil || added != 3 {
		t.Fatalf("AddCodes = %d, %v", added, err)
	}
	if err := s.AssignCodes(ctx, c.ID, breachkit.CodePool{}, []int64{10, 11}); err != nil {
		t.Fatal(err)
	}
	// Assigning again keeps each person's code.
	if err := s.AssignCodes(ctx, c.ID, breachkit.CodePool{}, []int64{11, 10}); err != nil {
		t.Fatal(err)
	}
	total, assigned, err := s.CountCodes(ctx, c.ID, breachkit.CodePool{})
	if err != nil || total != 3 || assigned != 2 {
		t.Fatalf("CountCodes = %d, %d, %v", total, assigned, err)
	}
	// Two more people but one code left: nothing is assigned.
	if err := s.AssignCodes(ctx, c.ID, breachkit.CodePool{}, []int64{12, 13}); !errors.Is(err, breachkit.ErrExhausted) {
		t.Fatalf("exhausted pool: %v", err)
	}
	if _, assigned, _ := s.CountCodes(ctx, c.ID, breachkit.CodePool{}); assigned != 2 {
		t.Fatalf("partial assignment: %d", assigned)
	}
	got, err := s.CodesOf(ctx, c.ID, []int64{10, 11, 12})
	if err != nil || len(got) != 2 || got[10] == nil || got[11] == nil || string(got[10].Value) == string(got[11].Value) {
		t.Fatalf("CodesOf = %+v, %v", got, err)
	}
	if string(got[10].Value) != "v0" || got[10].PersonID != 10 {
		t.Fatalf("first person's code = %+v", got[10])
	}
	// A minors' product keeps its own codes: its pool gives only its
	// codes, the others' pool none of them.
	minor := breachkit.CodePool{Provider: "minors"}
	adults := breachkit.CodePool{Provider: "minors", Except: true}
	if _, err := s.AddCodes(ctx, c.ID, []*breachkit.MonitoringCode{
		{Provider: "minors", Value: breachkit.Sealed("m0"), Fingerprint: []byte("fpm0")},
		{Provider: "minors", Value: breachkit.Sealed("m1"), Fingerprint: []byte("fpm1")},
	}); err != nil {
		t.Fatal(err)
	}
	if total, assigned, err := s.CountCodes(ctx, c.ID, minor); err != nil || total != 2 || assigned != 0 {
		t.Fatalf("minors' pool: CountCodes = %d, %d, %v", total, assigned, err)
	}
	if total, assigned, err := s.CountCodes(ctx, c.ID, adults); err != nil || total != 3 || assigned != 2 {
		t.Fatalf("the others' pool: CountCodes = %d, %d, %v", total, assigned, err)
	}
	if err := s.AssignCodes(ctx, c.ID, adults, []int64{20, 21}); !errors.Is(err, breachkit.ErrExhausted) {
		t.Fatalf("the others' pool has one code left, two asked: %v", err)
	}
	if err := s.AssignCodes(ctx, c.ID, minor, []int64{20, 21}); err != nil {
		t.Fatal(err)
	}
	got, err = s.CodesOf(ctx, c.ID, []int64{20, 21})
	if err != nil || len(got) != 2 || got[20].Provider != "minors" || got[21].Provider != "minors" {
		t.Fatalf("minors' codes = %+v, %v", got, err)
	}
}

func testEvents(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(t, s, "c")
	t0 := time.Date(2023, 10, 31, 9, 0, 0, 0, time.UTC)
	for i, k := range []string{"scan", "discovered"} {
		if err := s.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: t0.Add(time.Duration(1-i) * time.Hour), Kind: k, Actor: "ana", Text: k}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := s.Events(ctx, c.ID)
	if err != nil || len(evs) != 2 || evs[0].Kind != "discovered" || !evs[0].At.Equal(t0) {
		t.Fatalf("Events = %+v, %v", evs, err)
	}
}

func testAudit(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if err := s.AppendAudit(ctx, &breachkit.AuditEntry{At: time.Now(), Actor: "ana", Action: "scan", CaseID: 1, Object: fmt.Sprint(i), Detail: "d"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := Verify(ctx, s); err != nil {
		t.Fatal(err)
	}
}

func testAuditConcurrent(t *testing.T, s breachkit.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				errs <- s.AppendAudit(ctx, &breachkit.AuditEntry{At: time.Now(), Actor: fmt.Sprint("w", w), Action: "x"})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := Verify(ctx, s); err != nil {
		t.Fatal(err)
	}
}

// Verify checks the whole audit chain of s.
func Verify(ctx context.Context, s breachkit.Store) error {
	var v breachkit.ChainVerifier
	return s.AuditEntries(ctx, v.Next)
}
