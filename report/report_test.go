package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
	"github.com/breachkit/breachkit/gazetteer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func writeSample(t *testing.T, d *Data, people int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, d, samplePeople(people, 1), sampleFindings(25)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// normalizeHTML removes what may change without the report changing: the
// tool version and the generation time.
func normalizeHTML(s string, d *Data) string {
	s = strings.ReplaceAll(s, d.ToolVersion, "VERSION")
	s = strings.ReplaceAll(s, d.GeneratedAt.Format("2006-01-02 15:04 MST"), "GENERATED")
	return s
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (run go test ./report -update if the change is intended):\n got: %.300s\nwant: %.300s", name, i+1, g, w)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	d := sampleData()
	dir := writeSample(t, d, 2000)
	golden(t, "report.json.golden", read(t, filepath.Join(dir, JSONFile)))
	golden(t, "index.html.golden", normalizeHTML(read(t, filepath.Join(dir, IndexFile)), d))
}

func TestFiles(t *testing.T) {
	d := sampleData()
	dir := writeSample(t, d, 500)
	for _, name := range []string{IndexFile, PeopleFile, ObligationsCSVFile, ObligationsICSFile, FindingsFile, SourcesFile, JSONFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	// No temporary file is left.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left over: %s", e.Name())
		}
	}
	// Obligations are exactly what the duties writers write.
	res := duties.Result{Scenario: &duties.Scenario{Discovered: duties.Date{Time: d.Discovered}}, Obligations: d.Obligations}
	var b bytes.Buffer
	duties.WriteCSV(&b, res)
	if got := read(t, filepath.Join(dir, ObligationsCSVFile)); got != b.String() {
		t.Errorf("obligations.csv differs from duties.WriteCSV")
	}
	b.Reset()
	duties.WriteICS(&b, res)
	if got := read(t, filepath.Join(dir, ObligationsICSFile)); got != b.String() {
		t.Errorf("obligations.ics differs from duties.WriteICS")
	}
	// sources.csv: every source, with digest and reason.
	recs, err := csv.NewReader(strings.NewReader(read(t, filepath.Join(dir, SourcesFile)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(d.Sources)+1 || strings.Join(recs[0], ",") != strings.Join(SourcesHeader, ",") {
		t.Fatalf("sources.csv: %d rows, header %v", len(recs), recs[0])
	}
	if recs[6][4] != "skipped" || !strings.Contains(recs[6][5], "SQL Server") || len(recs[6][1]) != 64 {
		t.Errorf("sources.csv row: %v", recs[6])
	}
	// findings.jsonl as given; Files records rows and digests.
	if n := strings.Count(read(t, filepath.Join(dir, FindingsFile)), "\n"); n != 25 {
		t.Errorf("findings.jsonl has %d lines", n)
	}
	var rj struct {
		Files  []File `json:"files"`
		People struct {
			Total int64 `json:"total"`
		} `json:"people"`
		Obligations []map[string]any `json:"obligations"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(dir, JSONFile))), &rj); err != nil {
		t.Fatal(err)
	}
	if rj.People.Total != 500 || len(rj.Files) != 5 {
		t.Errorf("report.json: people %d, files %v", rj.People.Total, rj.Files)
	}
	for _, f := range rj.Files {
		if f.Name == PeopleFile && f.Rows != 500 || f.Name == FindingsFile && f.Rows != 25 || len(f.SHA256) != 64 {
			t.Errorf("file %+v", f)
		}
	}
	if o := rj.Obligations[0]; o["due"] != "2027-01-01" || o["days_left"] != float64(42) || o["jurisdiction"] != "US-TX" {
		t.Errorf("first obligation: %v", o)
	}
}

func TestMasking(t *testing.T) {
	d := sampleData()
	dir := writeSample(t, d, 300)
	people := read(t, filepath.Join(dir, PeopleFile))
	html := read(t, filepath.Join(dir, IndexFile))
	for _, n := range sampleNames {
		last := strings.Fields(n)[1]
		if strings.Contains(people, last) {
			t.Errorf("people.csv holds the plain name %q", n)
		}
		if strings.Contains(html, last) {
			t.Errorf("index.html holds the plain name %q", n)
		}
	}
	if !strings.Contains(people, "M*** G***") {
		t.Errorf("people.csv has no masked name:\n%.300s", people)
	}
	recs, err := csv.NewReader(strings.NewReader(people)).ReadAll()
	if err != nil || len(recs) != 301 {
		t.Fatalf("people.csv: %d rows, %v", len(recs), err)
	}

	d = sampleData()
	d.Reveal = true
	dir = writeSample(t, d, 300)
	if !strings.Contains(read(t, filepath.Join(dir, PeopleFile)), "Maria Garcia") {
		t.Error("Reveal did not unmask people.csv")
	}
	html = read(t, filepath.Join(dir, IndexFile))
	if strings.Contains(html, "Garcia") || !strings.Contains(html, "names unmasked") {
		t.Error("with Reveal, the HTML must say so and still hold no name")
	}
	if info, _ := os.Stat(filepath.Join(dir, PeopleFile)); info.Mode().Perm() != 0o600 {
		t.Errorf("people.csv mode %v", info.Mode())
	}
}

func TestCSVFormula(t *testing.T) {
	var b bytes.Buffer
	d := &Data{Reveal: true}
	people := func(yield func(PersonRow) error) error {
		return yield(PersonRow{ID: 1, Name: "=HYPERLINK(\"x\")"})
	}
	if _, err := writePeople(&b, people, d.Reveal, NewTally()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(""x"")"`) {
		t.Errorf("formula not neutralised: %s", b.String())
	}
}

// externalRef finds attributes and CSS that could load something.
var (
	attrRE   = regexp.MustCompile(`(?is)<([a-z0-9]+)\b[^>]*?\s(src|href|xlink:href|srcset|action|data|poster)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
	remoteRE = regexp.MustCompile(`(?i)^["']?\s*(https?:|//|ftp:|ws:|wss:)`)
)

// externalRefs lists every reference in page that a browser would fetch
// from elsewhere. Links (<a href>) to legal sources are allowed: they are
// fetched only when followed.
func externalRefs(page string) []string {
	var bad []string
	for _, m := range attrRE.FindAllStringSubmatch(page, -1) {
		tag, attr, val := strings.ToLower(m[1]), strings.ToLower(m[2]), m[3]
		if tag == "a" && attr == "href" {
			if strings.Contains(strings.ToLower(val), "javascript:") {
				bad = append(bad, m[0])
			}
			continue
		}
		if remoteRE.MatchString(val) || tag == "script" || tag == "link" {
			bad = append(bad, m[0])
		}
	}
	low := strings.ToLower(page)
	for _, s := range []string{"@import", "url(", "<script", "<link", "<iframe", "<object", "<embed", "<img", "@font-face"} {
		if strings.Contains(low, s) {
			bad = append(bad, s)
		}
	}
	return bad
}

func TestNoExternalReferences(t *testing.T) {
	dir := writeSample(t, sampleData(), 1000)
	page := read(t, filepath.Join(dir, IndexFile))
	if bad := externalRefs(page); len(bad) > 0 {
		t.Errorf("index.html refers outside itself: %q", bad)
	}
	// The checker catches what it should.
	for _, s := range []string{`<script src="https://x/y.js"></script>`, `<img src="http://x/a.png">`,
		`<style>@import "x.css";</style>`, `<div style="background:url(http://x)">`, `<link rel="stylesheet" href="https://x">`,
		`<a href="javascript:alert(1)">x</a>`} {
		if len(externalRefs(s)) == 0 {
			t.Errorf("checker missed %s", s)
		}
	}
	// Legal sources are linked; a bad source URL is not.
	if !strings.Contains(page, `<a class="cite" href="https://statutes.capitol.texas.gov/`) {
		t.Error("citations are not linked to their sources")
	}
	if strings.Contains(page, "javascript:") {
		t.Error("a javascript: URL reached the page")
	}
	if n := strings.Count(page, "<svg"); n != 4 {
		t.Errorf("%d charts, want 4 (elements, combinations, map, timeline)", n)
	}
}

func TestUnwritableFolder(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	dir := filepath.Join(file, "report")
	err := Write(dir, sampleData(), nil, nil)
	if err == nil {
		t.Fatal("no error for a folder under a file")
	}
	msg := err.Error()
	if !strings.Contains(msg, dir) || strings.Count(msg, dir) != 1 || !strings.HasPrefix(msg, "report: cannot write to folder ") {
		t.Errorf("error %q should name the folder once", msg)
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(base, "ro")
		os.Mkdir(ro, 0o555)
		err := Write(ro, sampleData(), nil, nil)
		if err == nil || !strings.Contains(err.Error(), ro) {
			t.Errorf("read-only folder: %v", err)
		}
	}
}

func TestFailedStreamKeepsOldFile(t *testing.T) {
	d := sampleData()
	dir := writeSample(t, d, 10)
	before := read(t, filepath.Join(dir, PeopleFile))
	boom := errors.New("store went away")
	err := Write(dir, sampleData(), func(yield func(PersonRow) error) error {
		yield(PersonRow{ID: 1, Name: "Ann Lee"})
		return boom
	}, nil)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), PeopleFile) {
		t.Fatalf("error %v", err)
	}
	if read(t, filepath.Join(dir, PeopleFile)) != before {
		t.Error("a failed write changed people.csv")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left over: %s", e.Name())
		}
	}
}

func TestTally(t *testing.T) {
	tl := NewTally()
	samplePeople(1000, 3)(func(p PersonRow) error { tl.Add(p); return nil })
	s := tl.Summary(3)
	if s.Total != 1000 || len(s.ByCombination) != 3 {
		t.Fatalf("summary %+v", s)
	}
	var sum int64
	for _, c := range s.ByCombination {
		sum += c.Count
	}
	if sum+s.OtherCombinations != 1000 {
		t.Errorf("combinations add up to %d", sum+s.OtherCombinations)
	}
	if s.ByCombination[0].Count < s.ByCombination[1].Count {
		t.Error("combinations not sorted")
	}
	var jur int64
	for _, n := range s.ByJurisdiction {
		jur += n
	}
	if jur != 1000 || s.ByElement[breachkit.PersonName] == 0 || s.Flags[FlagNoName] == 0 {
		t.Errorf("summary %+v", s)
	}
}

func TestTileMapCoversGazetteer(t *testing.T) {
	seen := map[[2]int]string{}
	for _, st := range gazetteer.States() {
		p, ok := tilePos[st.Abbr]
		if !ok {
			t.Errorf("%s (%s) has no tile", st.Name, st.Abbr)
			continue
		}
		if other, dup := seen[p]; dup {
			t.Errorf("%s and %s share tile %v", st.Abbr, other, p)
		}
		seen[p] = st.Abbr
	}
	if len(tilePos) != len(gazetteer.States()) {
		t.Errorf("%d tiles for %d states", len(tilePos), len(gazetteer.States()))
	}
}

func TestScale(t *testing.T) {
	var values []int64
	for i := int64(0); i < 50; i++ {
		values = append(values, i*i*100)
	}
	s := newScale(values)
	if len(s.breaks) != 5 || s.breaks[0] != 1 {
		t.Fatalf("breaks %v", s.breaks)
	}
	if s.bin(0) != -1 || s.bin(1) != 0 || s.bin(240100) != 4 {
		t.Errorf("bins %d %d %d", s.bin(0), s.bin(1), s.bin(240100))
	}
	// About as many states in each bin.
	counts := make([]int, 5)
	for _, v := range values[1:] {
		counts[s.bin(v)]++
	}
	for _, c := range counts {
		if c < 5 || c > 15 {
			t.Errorf("unbalanced bins %v for breaks %v", counts, s.breaks)
		}
	}
	if s := newScale([]int64{0, 3, 3}); len(s.breaks) < 1 || s.bin(3) < 0 {
		t.Errorf("small scale %v", s.breaks)
	}
	if s := newScale(nil); s.bin(5) != -1 {
		t.Error("empty scale")
	}
	if got := num(15000000); got != "15,000,000" {
		t.Error(got)
	}
	if got := compact(1_250_000); got != "1.2M" && got != "1.3M" {
		t.Error(got)
	}
}

func TestRuleFilesFrom(t *testing.T) {
	rules, err := duties.Load()
	if err != nil {
		t.Fatal(err)
	}
	rf := RuleFilesFrom(rules, date("2026-11-02"))
	if len(rf) != len(rules.Files) || len(rf) == 0 {
		t.Fatalf("%d rule files", len(rf))
	}
	for _, f := range rf {
		if f.Path == "" || f.Read == "" || !strings.HasPrefix(f.Version, "effective ") && f.Version != "none in force" {
			t.Errorf("rule file %+v", f)
		}
	}
}

// TestBoundedMemory streams a million people: the heap must not grow with
// them and the HTML must not get a row per person.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams a million rows")
	}
	const n = 1_000_000
	small := writeSample(t, sampleData(), 1000)
	smallHTML := len(read(t, filepath.Join(small, IndexFile)))

	var before, during runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	gen := samplePeople(n, 1)
	people := func(yield func(PersonRow) error) error {
		i := 0
		return gen(func(p PersonRow) error {
			i++
			if i == n {
				runtime.GC()
				runtime.ReadMemStats(&during)
			}
			return yield(p)
		})
	}
	dir := filepath.Join(t.TempDir(), "big")
	if err := Write(dir, sampleData(), people, nil); err != nil {
		t.Fatal(err)
	}
	grew := int64(during.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap grew by %d KB while streaming %d people", grew/1024, n)
	if grew > 16<<20 {
		t.Errorf("heap grew by %d MB while streaming: rows are being kept", grew>>20)
	}
	html := read(t, filepath.Join(dir, IndexFile))
	if len(html) > smallHTML+2048 {
		t.Errorf("index.html is %d bytes for %d people and %d for 1000: it grows with the people", len(html), n, smallHTML)
	}
	if !strings.Contains(html, "1,000,000") {
		t.Error("the total is missing")
	}
	if info, _ := os.Stat(filepath.Join(dir, PeopleFile)); info.Size() < n*20 {
		t.Errorf("people.csv is only %d bytes", info.Size())
	}
}

func TestFindingsFromAndPersonRow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	src := "{\"id\":1}\n{\"id\":2}" // the last line without its newline
	p := breachkit.Person{ID: 7, Jurisdiction: "US-TX", Elements: breachkit.NewElementSet(breachkit.SSN, breachkit.PersonName),
		AddressQuality: "deliverable", Flags: []string{FlagSingleIdentifier}}
	people := func(yield func(PersonRow) error) error { return yield(PersonRowFrom(p, "Ann Lee")) }
	d := sampleData()
	if err := Write(dir, d, people, FindingsFrom(strings.NewReader(src))); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, FindingsFile)); got != src {
		t.Errorf("findings.jsonl = %q", got)
	}
	if got := read(t, filepath.Join(dir, PeopleFile)); !strings.Contains(got, "7,A*** L***,US-TX,PERSON_NAME+SSN,deliverable,single-identifier") {
		t.Errorf("people.csv = %q", got)
	}
	for _, f := range d.Files {
		if f.Name == FindingsFile && f.Rows != 2 {
			t.Errorf("findings rows %d", f.Rows)
		}
	}
	if d.People.Total != 1 || d.People.ByJurisdiction["US-TX"] != 1 {
		t.Errorf("people summary not filled: %+v", d.People)
	}
}

// TestUnattachedRecords says in the report and in report.json how many
// records named no one, and says nothing when none did.
func TestUnattachedRecords(t *testing.T) {
	d := sampleData()
	d.UnattachedRecords = 1234
	dir := writeSample(t, d, 10)
	if html := read(t, filepath.Join(dir, IndexFile)); !strings.Contains(html, "1,234 records named no one") {
		t.Error("index.html does not count the records that named no one")
	}
	if js := read(t, filepath.Join(dir, JSONFile)); !strings.Contains(js, `"unattached_records": 1234`) {
		t.Error("report.json does not count the records that named no one")
	}
	dir = writeSample(t, sampleData(), 10)
	if strings.Contains(read(t, filepath.Join(dir, IndexFile)), "named no one") {
		t.Error("index.html speaks of records that named no one when none did")
	}
}

// TestFlagLabels shows the three flags every report counts first, then
// the others a case has: a known one by its label, an unknown one by its
// name.
func TestFlagLabels(t *testing.T) {
	d := sampleData()
	d.People.Flags = map[string]int64{FlagMilitary: 2, "customer-master": 5}
	p := buildPage(d)
	var got []string
	for _, f := range p.Flags {
		got = append(got, fmt.Sprintf("%s=%d", f.Label, f.Count))
	}
	want := []string{flagLabels[FlagSubstituteNotice] + "=0", flagLabels[FlagNoName] + "=0", flagLabels[FlagSingleIdentifier] + "=0",
		"customer-master=5", flagLabels[FlagMilitary] + "=2"}
	if !slices.Equal(got, want) {
		t.Errorf("flags %q, want %q", got, want)
	}
}
