package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/eval"
)

const loanConfig = `identifiers:
  - name: LOAN_NUMBER
    pattern: 'LN-\d{10}'
    keywords: [loan]
    columns: [loan_number, loan_no, "loan #", loan]
    examples: [LN-0123456789]
    not_examples: [LN-12]
`

// genData writes a small synthetic breach and a custom-identifier config.
func genData(t *testing.T, people int, seed uint64) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	if _, err := gen.Generate(context.Background(), gen.Options{Out: dir, People: people, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	cfg = filepath.Join(dir, "loan.yaml")
	os.WriteFile(cfg, []byte(loanConfig), 0o644)
	return dir, cfg
}

// TestScanEval runs gen → scan → eval and checks the targets.
func TestScanEval(t *testing.T) {
	dir, cfg := genData(t, 400, 11)
	e := newEnv(t)
	code, out, errs := e.run("scan", filepath.Join(dir, "stolen"), "--config", cfg, "--format", "jsonl")
	if code != 0 && code != exitSkipped {
		t.Fatalf("scan: exit %d: %s", code, errs)
	}
	fs, err := eval.ReadJSONL(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	truth, err := eval.LoadTruth(filepath.Join(dir, "truth"))
	if err != nil {
		t.Fatal(err)
	}
	rep := truth.Compare(fs, dir, 0)
	var buf bytes.Buffer
	rep.Write(&buf)
	t.Logf("\n%s", buf.String())
	type target struct {
		typ        string
		structured bool
		min        float64
	}
	var targets []target
	for _, typ := range []string{"SSN", "ITIN", "CARD_NUMBER", "ROUTING_NUMBER", "EMAIL", "PHONE", "DOB"} {
		targets = append(targets, target{typ, true, 0.99}, target{typ, false, 0.99})
	}
	for _, typ := range []string{"BANK_ACCOUNT", "PERSON_NAME", "ADDRESS"} {
		targets = append(targets, target{typ, true, 0.97})
	}
	for _, typ := range []string{"PERSON_NAME", "ADDRESS"} {
		targets = append(targets, target{typ, false, 0.90})
	}
	for _, tg := range targets {
		s, ok := rep.Get(tg.typ, tg.structured)
		if !ok || s.Truth == 0 {
			continue
		}
		if s.Precision() < tg.min || s.Recall() < tg.min {
			t.Errorf("%s (structured %v): precision %.4f recall %.4f, want >= %.2f", tg.typ, tg.structured, s.Precision(), s.Recall(), tg.min)
		}
	}
	if rep.DecoyShare() >= 0.01 {
		t.Errorf("%.2f%% of decoys reported, want < 1%%", 100*rep.DecoyShare())
	}
}

// TestScanResume interrupts a scan after a few sources, resumes it, and
// checks there are no duplicates and the totals equal a clean scan's.
func TestScanResume(t *testing.T) {
	dir, cfg := genData(t, 150, 5)
	stolen := filepath.Join(dir, "stolen")
	clean := newEnv(t)
	_, want, _ := clean.run("scan", stolen, "--config", cfg, "--format", "jsonl", "--workers", "1")

	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	scanProgressHook = func(p scan.Progress) {
		if p.Files >= 4 {
			once.Do(cancel)
		}
	}
	var out, errb bytes.Buffer
	code := run(ctx, []string{"--db", e.db, "--key-file", e.keyFile, "scan", stolen, "--config", cfg, "--workers", "1"}, &out, &errb)
	scanProgressHook = nil
	if code == 0 {
		t.Fatalf("interrupted scan exited 0")
	}
	_, got, errs := e.run("scan", stolen, "--config", cfg, "--format", "jsonl", "--workers", "1")
	if got == "" {
		t.Fatalf("resumed scan printed nothing: %s", errs)
	}
	if a, b := lines(want), lines(got); len(a) != len(b) {
		t.Fatalf("resumed scan has %d findings, clean scan %d", len(b), len(a))
	}
	seen := map[string]bool{}
	for _, l := range lines(got) {
		var f findingJSON
		json.Unmarshal([]byte(l), &f)
		k := f.Path + "|" + f.Type + "|" + l
		if seen[k] {
			t.Fatalf("duplicate finding in %s", f.Path)
		}
		seen[k] = true
	}
}

// TestScanAfterNarrowerScan runs a scan limited to SSNs into a case and
// then a full one: the full one reads the sources again and prints every
// finding a clean full scan prints, and a narrow scan after it resumes.
// Before, the full scan took the sources for done and printed the SSNs
// alone.
func TestScanAfterNarrowerScan(t *testing.T) {
	dir, _ := genData(t, 60, 5)
	stolen := filepath.Join(dir, "stolen", "exports")
	_, want, _ := newEnv(t).run("scan", stolen, "--format", "jsonl", "--workers", "1")
	e := newEnv(t)
	_, ssn, _ := e.run("scan", stolen, "--types", "SSN", "--format", "jsonl", "--workers", "1")
	_, got, _ := e.run("scan", stolen, "--format", "jsonl", "--workers", "1")
	if len(lines(ssn)) == 0 || len(lines(ssn)) >= len(lines(want)) {
		t.Fatalf("SSNs %d of %d findings: the data does not test the case", len(lines(ssn)), len(lines(want)))
	}
	if len(lines(got)) != len(lines(want)) {
		t.Errorf("full scan after --types SSN: %d findings, a clean full scan %d", len(lines(got)), len(lines(want)))
	}
	_, again, _ := e.run("scan", stolen, "--types", "SSN", "--format", "jsonl", "--workers", "1")
	if len(lines(again)) != len(lines(ssn)) {
		t.Errorf("--types SSN after the full scan: %d findings, want %d", len(lines(again)), len(lines(ssn)))
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestScanSkipped checks that bad inputs are recorded, listed with their
// reasons and give exit code 3, and that --exclude skips silently.
func TestScanSkipped(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Spoke with Sierra Jefferson, SSN 383-41-8663.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "blob.bin"), []byte{0, 1, 2, 3, 0, 0, 0xff, 0, 9, 0, 0, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, "broken.zip"), []byte("PK\x03\x04 this is not a zip archive at all"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"ssn": "383-41-8663", oops`), 0o644)
	os.WriteFile(filepath.Join(dir, "skipme.csv"), []byte("ssn\n383418663\n"), 0o644)
	os.Symlink(filepath.Join(dir, "ok.txt"), filepath.Join(dir, "link.txt"))
	e := newEnv(t)
	code, out, errs := e.run("scan", dir, "--exclude", "skip*.csv")
	if code != exitSkipped {
		t.Fatalf("exit %d, want 3\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"blob.bin", "unsupported format", "broken.zip", "bad.json", "partial", "link.txt", "symbolic link, not followed"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "skipme.csv") {
		t.Errorf("excluded file listed")
	}
	if !strings.Contains(errs, "skipped") {
		t.Errorf("stderr lacks the skipped notice: %s", errs)
	}
	// With a listing format on standard output, each skipped source is
	// named on standard error with its reason.
	code, _, errs = e.run("--db", filepath.Join(t.TempDir(), "c.db"), "scan", dir, "--exclude", "skip*.csv", "--format", "jsonl")
	if code != exitSkipped {
		t.Fatalf("jsonl: exit %d, want 3\n%s", code, errs)
	}
	for _, want := range []string{"broken.zip: skipped: ", "bad.json: partial: ", "blob.bin: skipped: raw: unsupported format"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestScanNoPlaintext greps the store, its WAL and every output of a
// scan for the personal values of the truth file and finds none.
func TestScanNoPlaintext(t *testing.T) {
	dir, cfg := genData(t, 60, 9)
	e := newEnv(t)
	var all bytes.Buffer
	for _, f := range []string{"table", "json", "jsonl", "csv", "sarif"} {
		_, out, errs := e.run("scan", filepath.Join(dir, "stolen"), "--config", cfg, "--format", f, "--progress")
		all.WriteString(out)
		all.WriteString(errs)
	}
	_, out, errs := e.run("audit", "list", "--format", "json")
	all.WriteString(out + errs)
	for _, p := range []string{e.db, e.db + "-wal"} {
		if b, err := os.ReadFile(p); err == nil {
			all.Write(b)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "truth", "occurrences.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, l := range lines(string(data)) {
		var o struct{ Type, Value string }
		json.Unmarshal([]byte(l), &o)
		if len(o.Value) < 8 || o.Type == "CUSTOM_LOAN_NUMBER" {
			continue // short parts (a state, a first name) occur in ordinary text
		}
		checked++
		if bytes.Contains(all.Bytes(), []byte(o.Value)) {
			t.Errorf("occurrence %d (%s) found in plaintext in the store or the output", i+1, o.Type)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d values checked", checked)
	}
}

// TestScanProgress renders the bar to a non-terminal writer when forced.
func TestScanProgress(t *testing.T) {
	p := scan.Progress{Files: 3, TotalFiles: 10, Bytes: 50 << 20, TotalBytes: 100 << 20, Findings: 42, Started: time.Unix(100, 0)}
	line := renderProgress(p, time.Unix(110, 0))
	for _, want := range []string{"50%", "3/10 files", "50.0 MiB/100.0 MiB", "5.0 MiB/s", "ETA 10s", "42 findings"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("nothing here\n"), 0o644)
	e := newEnv(t)
	_, _, errs := e.run("scan", dir, "--progress")
	if !strings.Contains(errs, "scanning [") {
		t.Errorf("forced progress not shown: %q", errs)
	}
	_, _, errs = e.run("-q", "scan", dir, "--progress")
	if strings.Contains(errs, "scanning [") {
		t.Errorf("progress shown with --quiet")
	}
}

// TestScanDryRun checks that --dry-run reports the same findings as a
// recording scan (type, place, confidence, reasons), prints no value,
// and creates neither a store nor a key.
func TestScanDryRun(t *testing.T) {
	dir, cfg := genData(t, 80, 13)
	stolen := filepath.Join(dir, "stolen")
	rec := newEnv(t)
	_, want, _ := rec.run("scan", stolen, "--config", cfg, "--format", "jsonl")
	dry := newEnv(t)
	code, got, errs := dry.run("scan", stolen, "--config", cfg, "--format", "jsonl", "--dry-run")
	if code != 0 && code != exitSkipped {
		t.Fatalf("dry run: exit %d: %s", code, errs)
	}
	key := func(out string) []string {
		var ks []string
		for _, l := range lines(out) {
			var f findingJSON
			if err := json.Unmarshal([]byte(l), &f); err != nil {
				t.Fatal(err)
			}
			if f.Value != "" && f.Value != "***" && out == got {
				t.Fatalf("dry run printed a value for %s in %s", f.Type, f.Path)
			}
			f.Value = ""
			b, _ := json.Marshal(f)
			ks = append(ks, string(b))
		}
		slices.Sort(ks)
		return ks
	}
	w, g := key(want), key(got)
	if len(w) == 0 || !slices.Equal(w, g) {
		t.Fatalf("dry run found %d findings, recording scan %d (or they differ)", len(g), len(w))
	}
	for _, p := range []string{dry.db, dry.keyFile} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("dry run created %s", p)
		}
	}
	code, out, _ := dry.run("scan", stolen, "--config", cfg, "--dry-run")
	if code != 0 && code != exitSkipped || !strings.Contains(out, fmt.Sprintf(": %d findings", len(w))) {
		t.Errorf("dry run table: exit %d, want %d findings:\n%s", code, len(w), out)
	}
	// The table of a dry run counts without making findings (a tally):
	// it must be the recording scan's table, type by type and file by
	// file, but for the time taken.
	_, recOut, _ := newEnv(t).run("scan", stolen, "--config", cfg)
	elapsed := regexp.MustCompile(` in [0-9.]+[a-zµ]+:`)
	if a, b := elapsed.ReplaceAllString(out, ""), elapsed.ReplaceAllString(recOut, ""); a != b {
		t.Errorf("dry run table differs from the recording scan's:\n%s\nwant:\n%s", a, b)
	}
	if code, _, _ := dry.run("--reveal", "scan", stolen, "--dry-run"); code != exitUsage {
		t.Errorf("--reveal --dry-run: exit %d, want %d", code, exitUsage)
	}
}

// TestScanOwnFiles runs scan and respond in a folder that holds the case
// store, the key file and the report: none of them is read as evidence,
// each is named on stderr, and the exit code is clean. The one person has
// no address, which respond must report rather than fail on.
func TestScanOwnFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("Spoke with Sierra Jefferson, SSN 383-41-8663.\n"), 0o644)
	e := &env{t: t, dir: dir, db: filepath.Join(dir, "case.db"), keyFile: filepath.Join(dir, "master.key")}
	t.Setenv("BREACHKIT_MASTER_KEY", "")
	if code, out, errs := e.run("scan", dir); code != 0 {
		t.Fatalf("first scan: exit %d\n%s\n%s", code, out, errs)
	}
	// Now the store and key exist beside the evidence.
	code, out, errs := e.run("scan", dir)
	if code != 0 || strings.Contains(out, "case.db") {
		t.Fatalf("scan of its own folder: exit %d\n%s\n%s", code, out, errs)
	}
	for _, f := range []string{"case.db", "master.key"} {
		if !strings.Contains(errs, f) {
			t.Errorf("stderr does not say %s was left out: %s", f, errs)
		}
	}
	rep := filepath.Join(dir, "report")
	for i := 0; i < 2; i++ {
		code, _, errs := e.run("respond", dir, "--discovered", "2026-11-01", "--out", rep)
		if code != 0 {
			t.Fatalf("respond %d: exit %d\n%s", i+1, code, errs)
		}
		if i == 1 && !strings.Contains(errs, filepath.Join("report", "index.html")) {
			t.Errorf("second respond does not say the old report was left out: %s", errs)
		}
	}
	// Nobody here has a known residence: the report says counsel must
	// review them instead of failing.
	if js, _ := os.ReadFile(filepath.Join(rep, "report.json")); !strings.Contains(string(js), "no known residence") {
		t.Errorf("report.json has no exemption for people without a residence")
	}
	srcs, _ := os.ReadFile(filepath.Join(rep, "sources.csv"))
	if strings.Contains(string(srcs), "report/") || strings.Contains(string(srcs), "case.db") {
		t.Errorf("sources.csv lists breachkit's own files:\n%s", srcs)
	}
}
