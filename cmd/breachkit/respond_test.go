package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/gen"
)

type truthPerson struct {
	ID        string `json:"id"`
	Given     string `json:"given"`
	Surname   string `json:"surname"`
	SSN       string `json:"ssn"`
	ITIN      string `json:"itin"`
	Addresses []struct {
		StateCode string `json:"state_code"`
		Current   bool   `json:"current"`
	} `json:"addresses"`
}

// TestRespondEndToEnd generates a breach, runs respond on it and checks the
// report's numbers against the generator's ground truth, and that no
// personal value of the truth appears in any output file or on the terminal.
func TestRespondEndToEnd(t *testing.T) {
	e := newEnv(t)
	data := filepath.Join(e.dir, "data")
	const n = 300
	if _, err := gen.Generate(context.Background(), gen.Options{Out: data, People: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(e.dir, "report")
	code, stdout, stderr := e.run("--case", "e2e", "respond", filepath.Join(data, "stolen"), "--discovered", "2023-10-31",
		"--org-kind", "financial-institution", "--out", out)
	if code != 0 && code != exitSkipped {
		t.Fatalf("respond: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, filepath.Join(out, "index.html")) {
		t.Errorf("respond did not print where the report is: %q", stdout)
	}

	// Ground truth.
	var truth []truthPerson
	f, _ := os.Open(filepath.Join(data, "truth", "people.jsonl"))
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	byState := map[string]int{}
	for sc.Scan() {
		var p truthPerson
		json.Unmarshal(sc.Bytes(), &p)
		truth = append(truth, p)
		for _, a := range p.Addresses {
			if a.Current {
				byState[a.StateCode]++
			}
		}
	}
	f.Close()
	if len(truth) != n {
		t.Fatalf("truth has %d people", len(truth))
	}

	var rep struct {
		People struct {
			Total          int64            `json:"total"`
			ByJurisdiction map[string]int64 `json:"by_jurisdiction"`
		} `json:"people"`
		FindingsByType map[string]int64 `json:"findings_by_type"`
		Sources        []struct {
			Status string `json:"status"`
		} `json:"sources"`
		Obligations []struct {
			Jurisdiction string `json:"jurisdiction"`
			Duty         string `json:"duty"`
			Affected     int64  `json:"affected"`
		} `json:"obligations"`
		Disclaimer string `json:"disclaimer"`
	}
	b, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	// People: never fewer than the truth by more than 2% (merging is the
	// worse error). More is expected: the generator writes some records
	// whose only link to their person is a misspelt name (a servicing note
	// naming "Mckiley Patton" with a card and licence found nowhere else),
	// which no resolver should link on the name alone.
	if rep.People.Total < n*98/100 || rep.People.Total > n*115/100 {
		t.Errorf("report counts %d people, truth has %d", rep.People.Total, n)
	}
	// Residence: each state's count within a few people of the truth.
	for st, want := range byState {
		got := rep.People.ByJurisdiction[st]
		if d := got - int64(want); d < -2-int64(want)/10 || d > 2+int64(want)/10 {
			t.Errorf("%s: report %d people, truth %d", st, got, want)
		}
	}
	// Every person has an SSN or ITIN in the truth; the findings must hold them.
	if rep.FindingsByType["SSN"]+rep.FindingsByType["ITIN"] < n {
		t.Errorf("SSN+ITIN findings = %d for %d people", rep.FindingsByType["SSN"]+rep.FindingsByType["ITIN"], n)
	}
	if len(rep.Sources) < 20 {
		t.Errorf("only %d sources in the manifest", len(rep.Sources))
	}
	// Texas residents with names and SSNs owe Texas notice.
	if byState["US-TX"] > 0 {
		found := false
		for _, o := range rep.Obligations {
			found = found || (o.Jurisdiction == "US-TX" && o.Duty == "individuals" && o.Affected > 0)
		}
		if !found {
			t.Error("no Texas individual notice although the truth has Texans")
		}
	}
	if !strings.Contains(rep.Disclaimer, "Not legal advice") {
		t.Error("report has no disclaimer")
	}
	// people.csv has one row per person.
	pf, _ := os.Open(filepath.Join(out, "people.csv"))
	rows, _ := csv.NewReader(pf).ReadAll()
	pf.Close()
	if int64(len(rows)-1) != rep.People.Total {
		t.Errorf("people.csv has %d rows, report says %d people", len(rows)-1, rep.People.Total)
	}

	// No plaintext: SSNs, ITINs and full names from the truth appear in no
	// report file, not in the store, and not on stdout/stderr.
	var secrets []string
	for _, p := range truth {
		for _, s := range []string{p.SSN, p.ITIN, strings.ReplaceAll(p.SSN, "-", ""), p.Given + " " + p.Surname} {
			if len(s) > 6 {
				secrets = append(secrets, s)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(out, "*"))
	dbFiles, _ := filepath.Glob(e.db + "*")
	files = append(files, dbFiles...)
	blobs := map[string]string{"stdout": stdout, "stderr": stderr}
	for _, p := range files {
		b, _ := os.ReadFile(p)
		blobs[filepath.Base(p)] = string(b)
	}
	for name, blob := range blobs {
		leaks := 0
		for _, s := range secrets {
			if strings.Contains(blob, s) {
				leaks++
			}
		}
		if leaks > 0 {
			t.Errorf("%s holds %d plaintext personal values", name, leaks)
		}
	}

	// A re-run reuses the scan.
	code, stdout, stderr = e.run("--case", "e2e", "respond", filepath.Join(data, "stolen"), "--out", out)
	if code != 0 && code != exitSkipped {
		t.Fatalf("re-run: exit %d\n%s", code, stderr)
	}
	if out := e.ok("audit", "verify"); !strings.Contains(out, "intact") {
		t.Fatalf("audit: %s", out)
	}
}

// TestRespondFindingsFile checks findings.jsonl: one line per finding of
// the case, the same whether the scan ran in this respond (written as the
// findings were stored) or in an earlier one (read from the store), with
// the findings of an earlier scan of other paths included, and no spool
// file left behind.
func TestRespondFindingsFile(t *testing.T) {
	e := newEnv(t)
	data := filepath.Join(e.dir, "data")
	if _, err := gen.Generate(context.Background(), gen.Options{Out: data, People: 120, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	stolen := filepath.Join(data, "stolen")
	// An earlier scan of one folder, then respond on everything.
	dirs, _ := filepath.Glob(filepath.Join(stolen, "*"))
	if len(dirs) < 2 {
		t.Fatalf("gen wrote %d folders", len(dirs))
	}
	e.run("--case", "ff", "scan", dirs[0])
	files := func(out string) []string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "findings.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		ls := lines(string(b))
		slices.Sort(ls)
		if left, _ := filepath.Glob(filepath.Join(out, ".findings-spool-*")); len(left) > 0 {
			t.Errorf("spool files left: %v", left)
		}
		return ls
	}
	var counts []int64
	var got [][]string
	for _, out := range []string{filepath.Join(e.dir, "r1"), filepath.Join(e.dir, "r2")} {
		code, _, stderr := e.run("--case", "ff", "respond", stolen, "--discovered", "2023-10-31", "--out", out)
		if code != 0 && code != exitSkipped {
			t.Fatalf("respond: exit %d\n%s", code, stderr)
		}
		var rep struct {
			FindingsByType map[string]int64 `json:"findings_by_type"`
		}
		b, _ := os.ReadFile(filepath.Join(out, "report.json"))
		json.Unmarshal(b, &rep)
		var n int64
		for _, c := range rep.FindingsByType {
			n += c
		}
		counts = append(counts, n)
		got = append(got, files(out))
	}
	if counts[0] == 0 || int64(len(got[0])) != counts[0] {
		t.Errorf("findings.jsonl has %d lines, the case %d findings", len(got[0]), counts[0])
	}
	if !slices.Equal(got[0], got[1]) {
		t.Errorf("findings.jsonl differs between a fresh respond (%d lines) and a rerun (%d)", len(got[0]), len(got[1]))
	}
}

// TestRespondCountries runs respond on a customer export of people who
// live in France, Germany and the United Kingdom (generated names, a
// country column, postcodes that are also US ZIP Codes) and one in Texas:
// each is placed in their country, not in the US state their postcode
// would name, and the report owes the GDPR and UK GDPR notices to the
// supervisory authorities within 72 hours of discovery.
func TestRespondCountries(t *testing.T) {
	e := newEnv(t)
	var b strings.Builder
	b.WriteString("customer_id,first_name,last_name,street,postcode,city,country,email\n")
	places := [][4]string{{"12 rue de la Paix", "75002", "Paris", "France"}, {"Hauptstraße 5", "10115", "Berlin", "Deutschland"},
		{"221B Baker Street", "NW1 6XE", "London", "United Kingdom"}, {"", "", "", ""}}
	for i, pl := range places {
		p := gen.PersonAt(3, i)
		street, zip, city, country := pl[0], pl[1], pl[2], pl[3]
		if street == "" {
			street, zip, city, country = "2621 Washington Ave", "75002", "Allen", "USA"
		}
		b.WriteString(strings.Join([]string{"C" + string(rune('1'+i)), p.Given, p.Surname, street, zip, city, country, p.Emails[0]}, ",") + "\n")
	}
	in := filepath.Join(e.dir, "customers.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(e.dir, "report")
	if code, _, stderr := e.run("--case", "eu", "respond", in, "--discovered", "2026-11-30", "--out", out); code != 0 {
		t.Fatalf("respond: exit %d\n%s", code, stderr)
	}
	rep := readReport(t, out)
	want := map[string]int64{"FR": 1, "DE": 1, "GB": 1, "US-TX": 1}
	for k, v := range want {
		if rep.People.ByJurisdiction[k] != v {
			t.Errorf("people by jurisdiction %v, want %v", rep.People.ByJurisdiction, want)
			break
		}
	}
	authority := map[string]int64{}
	for _, o := range rep.Obligations {
		if o.Duty == "regulator" || o.Duty == "authority" || strings.Contains(o.Duty, "authorit") {
			authority[o.Regime] = o.Affected
			if !strings.HasPrefix(o.Due, "2026-12-03") {
				t.Errorf("%s %s due %q, want 72 hours after discovery", o.Regime, o.Duty, o.Due)
			}
		}
	}
	if authority["gdpr"] != 2 || authority["uk-gdpr"] != 1 {
		t.Errorf("supervisory authority notices %v, want gdpr 2 and uk-gdpr 1 (obligations %+v)", authority, rep.Obligations)
	}
}

// TestRespondNationalNumbers runs respond on the HR exports of eight
// subsidiaries abroad, each holding a generated employee's name and the
// country's national number under the header its files use, and no
// address: each person is placed in the country that issued the number,
// and the report owes that country's notices, or says why not (Chile's
// and India's breach rules are not yet in force on the day of
// discovery).
func TestRespondNationalNumbers(t *testing.T) {
	e := newEnv(t)
	files := []struct{ name, header, number string }{
		{"za.csv", "RSA ID Number", "8502145004088"},
		{"jp.csv", "My Number", "4829 1736 5045"},
		{"cl.csv", "RUT", "15.509.661-6"},
		{"id.csv", "NIK", "3171015402850003"},
		{"in.csv", "PAN", "BNZPM2501F"},
		{"tr.csv", "TC Kimlik No", "48291736550"},
		{"ca.csv", "SIN", "424 870 533"},
		{"gb.csv", "NI Number", "AB 12 34 56 C"},
	}
	var paths []string
	for i, f := range files {
		p := gen.PersonAt(5, i)
		body := "employee_id,first_name,last_name," + f.header + "\nE" + string(rune('1'+i)) + "," + p.Given + "," + p.Surname + ",\"" + f.number + "\"\n"
		path := filepath.Join(e.dir, f.name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	out := filepath.Join(e.dir, "report")
	args := append([]string{"--case", "abroad", "respond"}, paths...)
	if code, _, stderr := e.run(append(args, "--discovered", "2026-11-30", "--out", out)...); code != 0 {
		t.Fatalf("respond: exit %d\n%s", code, stderr)
	}
	rep := readReport(t, out)
	want := map[string]int64{"ZA": 1, "JP": 1, "CL": 1, "ID": 1, "IN": 1, "TR": 1, "CA": 1, "GB": 1}
	if !maps.Equal(rep.People.ByJurisdiction, want) {
		t.Errorf("people by jurisdiction %v, want %v", rep.People.ByJurisdiction, want)
	}
	owed := map[string]bool{}
	for _, o := range rep.Obligations {
		owed[o.Regime+" "+o.Duty] = true
	}
	for _, k := range []string{"za-popia regulator", "za-popia individuals", "jp-appi regulator", "id-pdp regulator", "tr-kvkk regulator"} {
		if !owed[k] {
			t.Errorf("no %s obligation; obligations %v", k, owed)
		}
	}
	for _, regime := range []string{"cl-pdp", "in-dpdp"} {
		found := false
		for _, x := range rep.Exemptions {
			found = found || x.Regime == regime && strings.Contains(x.Reason, "not in force")
		}
		if !found {
			t.Errorf("no %s exemption saying the rule is not yet in force: %+v", regime, rep.Exemptions)
		}
	}
}

// respondReport is what the tests read of respond's report.json.
type respondReport struct {
	People struct {
		ByJurisdiction map[string]int64 `json:"by_jurisdiction"`
	} `json:"people"`
	Obligations []struct {
		Jurisdiction string `json:"jurisdiction"`
		Regime       string `json:"regime"`
		Duty         string `json:"duty"`
		Due          string `json:"due"`
		Affected     int64  `json:"affected"`
	} `json:"obligations"`
	Exemptions []struct {
		Regime string `json:"regime"`
		Reason string `json:"reason"`
	} `json:"exemptions"`
}

// readReport reads the report.json respond wrote to dir.
func readReport(t *testing.T, dir string) respondReport {
	t.Helper()
	var rep respondReport
	raw, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestCaseOrganisation checks that the organisation given to respond
// (--org-role, --org-kind) is recorded on the case: a later duties run
// without the flags computes the same law, and one with them changes it.
func TestCaseOrganisation(t *testing.T) {
	e := newEnv(t)
	data := filepath.Join(e.dir, "data")
	if _, err := gen.Generate(context.Background(), gen.Options{Out: data, People: 60, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := e.run("--case", "v", "respond", filepath.Join(data, "stolen"), "--discovered", "2026-03-02",
		"--org-role", "maintainer", "--org-kind", "public-company", "--out", filepath.Join(e.dir, "r"))
	if code != 0 && code != exitSkipped {
		t.Fatalf("respond: exit %d\n%s", code, stderr)
	}
	duties := func(args ...string) map[string]int {
		t.Helper()
		out := e.ok(append([]string{"--case", "v", "duties", "--format", "json"}, args...)...)
		var res struct{ Obligations []struct{ Duty string } }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("json: %v", err)
		}
		n := map[string]int{}
		for _, o := range res.Obligations {
			n[o.Duty]++
		}
		return n
	}
	if n := duties(); n["data-owner"] == 0 || n["sec-8k"] == 0 || n["regulator"] > 1 {
		t.Errorf("duties after respond --org-role maintainer: %v, want data-owner and sec-8k obligations (and at most Oregon's vendor notice)", n)
	}
	if n := duties("--org-role", "owner"); n["data-owner"] != 0 || n["individuals"] == 0 {
		t.Errorf("duties --org-role owner: %v", n)
	}
	if n := duties(); n["data-owner"] != 0 || n["sec-8k"] == 0 {
		t.Errorf("duties after --org-role owner was recorded: %v (the kind must stay)", n)
	}
	if out := e.ok("audit", "list"); !strings.Contains(out, "organisation recorded: kinds public-company; role maintainer") {
		t.Errorf("audit log lacks the organisation:\n%s", out)
	}
}

// TestDemo runs demo on a small breach: it must finish, write the report
// and record the organisation it stands for (a financial institution
// that owns the data).
func TestDemo(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "demo")
	code, _, stderr := e.run("demo", "--dir", dir, "--people", "40", "--seed", "2")
	if code != 0 && code != exitSkipped {
		t.Fatalf("demo: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "report", "index.html")); err != nil {
		t.Errorf("no report: %v", err)
	}
	if out := e.ok("case", "list", "--format", "csv"); !strings.Contains(out, "demo,") || !strings.Contains(out, "financial-institution,owner") {
		t.Errorf("case list after demo:\n%s", out)
	}
}
