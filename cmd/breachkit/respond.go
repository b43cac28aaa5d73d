package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/people"
	"github.com/breachkit/breachkit/report"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/standard"
)

// respondFlags are the options of respond (and of demo, which calls it).
type respondFlags struct {
	discovered string
	customers  string
	kinds      []string
	role       string
	kindsSet   bool // --org-kind was given: record it on the case
	roleSet    bool
	out        string
	minConf    float64
	exclude    []string
	ocr        ocrFlags
}

func newRespondCmd(g *globals) *cobra.Command {
	var f respondFlags
	cmd := &cobra.Command{
		Use:   "respond PATH... --discovered DATE --out DIR",
		Short: "Scan, resolve people and compute duties in one run, and write the report",
		Long: `respond runs the whole response on one case: scan the stolen files,
resolve the findings into people, compute the notification duties, and
write a report to DIR: index.html (self-contained, printable), people.csv
(the notification list, masked unless --reveal), obligations.csv and .ics,
findings.jsonl, sources.csv (the evidence manifest) and report.json.

A re-run on the same case reuses finished work: sources already scanned
are not scanned again. Exit code 3 when some inputs were skipped (the
report lists them).

` + duties.Disclaimer,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("respond needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f.kindsSet, f.roleSet = cmd.Flags().Changed("org-kind"), cmd.Flags().Changed("org-role")
			return runRespond(cmd.Context(), g, &f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.discovered, "discovered", "", "date the breach was discovered (YYYY-MM-DD); default: the case's")
	fl.StringVar(&f.customers, "customers", "", "customer master (CRM export CSV); authoritative for mailing addresses")
	fl.StringSliceVar(&f.kinds, "org-kind", nil, "organisation kind, repeatable: "+joinKinds())
	fl.StringVar(&f.role, "org-role", duties.RoleOwner, "the organisation's role: owner (it owns or licenses the data) or maintainer (it keeps the data for another and tells the owner)")
	fl.StringVar(&f.out, "out", "breachkit-report", "folder for the report")
	fl.Float64Var(&f.minConf, "min-confidence", 0.5, "record only findings at least this confident (0-1)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "skip paths matching this glob (repeatable)")
	f.ocr.add(fl)
	return cmd
}

// healthOrg reports whether the organisation kinds make it a health plan
// or provider, or one working for them, as the detectors need to know.
func healthOrg(kinds []string) bool {
	for _, k := range kinds {
		if k == duties.KindHIPAACoveredEntity || k == duties.KindHIPAABusinessAssociate {
			return true
		}
	}
	return false
}

func joinKinds() string {
	b, _ := json.Marshal(duties.Kinds)
	return string(b)
}

// stageTimer records how long each stage took, for the closing summary
// and the report.
type stageTimer struct {
	timings []report.Timing
	start   time.Time
	stderr  io.Writer
	quiet   bool
}

func (t *stageTimer) begin(stage string) {
	t.start = time.Now()
	if !t.quiet {
		fmt.Fprintf(t.stderr, "breachkit: %s…\n", stage)
	}
}

func (t *stageTimer) end(stage string, items int64) {
	t.timings = append(t.timings, report.Timing{Stage: stage, Duration: time.Since(t.start), Items: items})
}

func runRespond(ctx context.Context, g *globals, f *respondFlags, paths []string) error {
	out, _ := filepath.Abs(f.out)
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return usagef("%s: %v", p, describeErr(err))
		}
		// The report folder is left out of the scan: it must not hold
		// the evidence.
		if ap, err := filepath.Abs(p); err == nil && (ap == out || strings.HasPrefix(ap, out+string(filepath.Separator))) {
			return usagef("--out %s holds %s: write the report outside the evidence", f.out, p)
		}
	}
	var discovered time.Time
	if f.discovered != "" {
		var err error
		if discovered, err = time.Parse(time.DateOnly, f.discovered); err != nil {
			return usagef("--discovered %q: want a date like 2023-10-31", f.discovered)
		}
	}
	org := &dutiesFlags{kinds: f.kinds, role: f.role, kindsSet: f.kindsSet, roleSet: f.roleSet}
	if err := checkOrganisation(f.kinds, f.role); err != nil {
		return err
	}
	ocrEngine, err := f.ocr.engine()
	if err != nil {
		return err
	}
	rules, err := duties.Load()
	if err != nil {
		return err
	}
	a, err := openApp(ctx, g)
	if err != nil {
		return err
	}
	defer a.Close()
	c, keys, err := a.openCase(ctx, true)
	if err != nil {
		return err
	}
	if !discovered.IsZero() && !discovered.Equal(c.Discovered) {
		c.Discovered = discovered
		if err := a.store.UpdateCase(ctx, c); err != nil {
			return err
		}
		a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: discovered, Kind: "discovered", Actor: g.actor, Text: "breach discovered"})
	}
	if c.Discovered.IsZero() {
		return usagef("respond needs --discovered YYYY-MM-DD (the case has no discovery date)")
	}
	if err := caseOrganisation(ctx, a, c, org); err != nil {
		return err
	}
	t := &stageTimer{stderr: g.stderr, quiet: g.quiet}

	// Scan. findings.jsonl is written as the scan stores findings, into
	// a spool file beside the report (the same place and the same masked
	// values as the file itself), instead of reading the case back.
	if err := a.auditReveal(ctx, c.ID, "respond report (people.csv, findings.jsonl)"); err != nil {
		return err
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	// A spool left by a run that was killed is of no use.
	old, _ := filepath.Glob(filepath.Join(f.out, ".findings-spool-*"))
	for _, p := range old {
		os.Remove(p)
	}
	spool, err := os.CreateTemp(f.out, ".findings-spool-*")
	if err != nil {
		return err
	}
	defer func() { spool.Close(); os.Remove(spool.Name()) }()
	sink := newScanSink(spool, "jsonl", keys, a.show, nil, 0)
	t.begin("scan")
	eng := detect.New(detect.Config{MinConfidence: f.minConf, HealthOrg: healthOrg(c.OrgKinds)})
	pb := newScanBar(g, false)
	own, owned := ownFiles(g, f.out)
	sum, err := scan.Run(ctx, paths, scan.Options{Store: a.store, Keys: keys, CaseID: c.ID, Extractors: standard.Extractors(),
		NewDetect: detectors(eng), Settings: breachkit.ScanSettings(nil, f.minConf, "", healthOrg(c.OrgKinds)), Exclude: f.exclude, Progress: pb.update, Stored: sink.stored, Sourced: sink.sourced, Own: own, Owned: owned, OCR: ocrEngine})
	pb.finish()
	if serr := sink.wait(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	// The case's other findings: sources a previous run finished, or that
	// an earlier scan of other paths added to the case.
	if err := sink.otherFindings(ctx, a.store, c.ID); err != nil {
		return err
	}
	if err := sink.finish(sum); err != nil {
		return err
	}
	t.end("scan", sum.Findings)
	skipped := sum.Skipped()
	if err := a.audit(ctx, "scan", c.ID, fmt.Sprintf("%d path(s)", len(paths)),
		fmt.Sprintf("%d sources (%d resumed, %d skipped or partial), %d findings", len(sum.Sources), sum.Resumed, len(skipped), sum.Findings)); err != nil {
		return err
	}

	// People.
	t.begin("people")
	opt := people.DefaultOptions()
	built, psum, res, err := resolvePeople(ctx, a, c, keys, opt, f.customers, 0)
	if err != nil {
		return err
	}
	t.end("people", int64(len(built)))
	if err := a.audit(ctx, "people.resolve", c.ID, "case "+c.Name, fmt.Sprintf("%d records, %d people", psum.Records, psum.People)); err != nil {
		return err
	}

	// Duties.
	t.begin("duties")
	dres, err := caseDuties(ctx, a, c, rules, org)
	if err != nil {
		return err
	}
	if err := a.store.ReplaceObligations(ctx, c.ID, dres.Obligations, dres.Exemptions); err != nil {
		return err
	}
	t.end("duties", int64(len(dres.Obligations)))
	if err := a.audit(ctx, "duties", c.ID, "case "+c.Name, fmt.Sprintf("%d obligations, %d exemptions", len(dres.Obligations), len(dres.Exemptions))); err != nil {
		return err
	}

	// Report.
	t.begin("report")
	srcs, err := a.store.Sources(ctx, c.ID)
	if err != nil {
		return err
	}
	plain := make([]breachkit.Source, len(srcs))
	for i, s := range srcs {
		plain[i] = *s
	}
	byType, err := a.store.CountFindings(ctx, c.ID)
	if err != nil {
		return err
	}
	d := &report.Data{
		Case: c.Name, GeneratedAt: time.Now().UTC(), Discovered: c.Discovered, ToolVersion: version, Reveal: g.reveal,
		Sources: report.SourcesFrom(plain), FindingsByType: byType,
		Obligations: dres.Obligations, Exemptions: dres.Exemptions, UnattachedRecords: int64(res.Stats.Unattached),
		Method: report.Method{
			Detectors: detectorList(eng),
			Thresholds: []report.Threshold{
				{Name: "min_confidence", Value: f.minConf, Description: "findings below this confidence are not recorded"},
				{Name: "match_weight", Value: res.Stats.Threshold, Description: "log2 odds a probabilistic link between records needs"},
			},
			RuleFiles: report.RuleFilesFrom(rules, c.Discovered),
		},
	}
	peopleRows := func(yield func(report.PersonRow) error) error {
		return a.store.People(ctx, c.ID, false, func(p *breachkit.Person) error {
			name := ""
			if pt, err := keys.Open(breachkit.PersonName, p.Profile); err == nil {
				var prof people.Profile
				if json.Unmarshal(pt, &prof) == nil {
					name = prof.FullName()
				}
			}
			return yield(report.PersonRowFrom(*p, name))
		})
	}
	findingRows := func(w io.Writer) error {
		if _, err := spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err := io.Copy(w, spool)
		return err
	}
	t.end("report", 0)
	d.Timings = t.timings
	if err := report.Write(f.out, d, peopleRows, findingRows); err != nil {
		return err
	}
	if err := a.audit(ctx, "report", c.ID, f.out, fmt.Sprintf("%d people, %d obligations", psum.People, len(dres.Obligations))); err != nil {
		return err
	}
	a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: time.Now(), Kind: "report", Actor: g.actor, Text: "report written to " + f.out})

	// Closing summary.
	w := g.stdout
	fmt.Fprintf(w, "case %q: %d sources (%d skipped or partial), %d findings, %d people, %d obligations, %d exemptions\n",
		c.Name, len(srcs), len(skipped), sum.Findings, psum.People, len(dres.Obligations), len(dres.Exemptions))
	for _, tm := range t.timings {
		fmt.Fprintf(w, "  %-7s %8.1fs\n", tm.Stage, tm.Duration.Seconds())
	}
	abs, _ := filepath.Abs(filepath.Join(f.out, report.IndexFile))
	fmt.Fprintf(w, "report: %s\n", abs)
	if len(skipped) > 0 {
		listSkipped(g.stderr, skipped)
		return skippedError{len(skipped)}
	}
	return nil
}

func detectorList(eng *detect.Engine) []report.Detector {
	var out []report.Detector
	for _, e := range breachkit.ScanElements {
		if eng.Enabled(e) {
			out = append(out, report.Detector{Name: string(e), Version: version})
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func newDemoCmd(g *globals) *cobra.Command {
	var n int
	var seed uint64
	var dir string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate a fictional breach and run the whole response on it",
		Long: `demo writes the stolen files of a fictional mortgage servicer (breachkit gen)
to DIR/data, then runs respond on them in the case "demo" of the store, as
a financial institution that discovered the breach ten days ago (so that the
report shows deadlines still ahead). The report goes to DIR/report. No real
person's data is involved.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if !cmd.Flags().Changed("case") {
				g.caseNm = "demo"
			}
			data := filepath.Join(dir, "data")
			if !g.quiet {
				fmt.Fprintf(g.stderr, "breachkit: generating %d fictional people in %s…\n", n, data)
			}
			if _, err := gen.Generate(ctx, gen.Options{Out: data, People: n, Seed: seed, Force: true}); err != nil {
				return err
			}
			discovered := time.Now().UTC().AddDate(0, 0, -10).Format(time.DateOnly)
			f := &respondFlags{discovered: discovered, kinds: []string{duties.KindFinancialInstitution}, role: duties.RoleOwner,
				kindsSet: true, roleSet: true, out: filepath.Join(dir, "report"), minConf: 0.5}
			return runRespond(ctx, g, f, []string{filepath.Join(data, "stolen")})
		},
	}
	cmd.Flags().IntVar(&n, "people", 2000, "number of fictional people")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&dir, "dir", "breachkit-demo", "folder for the generated data and the report")
	return cmd
}
