package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
	"github.com/breachkit/breachkit/ocr"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/detect/custom"
	"github.com/breachkit/breachkit/scan/eval"
	"github.com/breachkit/breachkit/scan/standard"
	"github.com/breachkit/breachkit/vault"
)

// scanProgressHook, when set (by tests), sees every progress update.
var scanProgressHook func(scan.Progress)

type scanOpts struct {
	minConf  float64
	types    []string
	exclude  []string
	config   string
	workers  int
	progress bool
	dryRun   bool
	ocr      ocrFlags
	kinds    []string // --org-kind: a health plan's member columns are its own
}

// ocrFlags turn on OCR of images and scanned PDF pages.
type ocrFlags struct {
	on   bool
	lang string
}

func (o *ocrFlags) add(f *pflag.FlagSet) {
	f.BoolVar(&o.on, "ocr", false, "read the text of images, pictures in documents and PDF pages without a text layer with tesseract (slower; tesseract must be installed)")
	f.StringVar(&o.lang, "ocr-lang", "eng", "tesseract languages for --ocr, joined by + (e.g. eng+spa)")
}

// engine returns the OCR engine, nil when --ocr is off, or an error
// saying what to install.
func (o *ocrFlags) engine() (scan.OCR, error) {
	if !o.on {
		return nil, nil
	}
	e, err := ocr.Find(o.lang)
	if err != nil {
		return nil, usagef("--ocr: %v", err)
	}
	return e, nil
}

func newScanCmd(g *globals) *cobra.Command {
	var o scanOpts
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Find personal data in stolen files and record it in the case",
		Long: `scan walks the files and folders given, opens archives, documents and
structured files, and records every personal value it finds (sealed) in
the case store, with its location, confidence and reasons. An interrupted
scan resumes where it stopped: sources already done are skipped, a source
cut off midway is scanned again from the start without duplicates.

Unreadable files, unknown formats, corrupt or encrypted archives and bombs
never stop the scan: they are recorded as skipped (or partial) with the
reason, listed in the summary, and the exit code is 3.

Values are shown masked unless --reveal is given (audited).

With --dry-run nothing is recorded: no case, no store, no key is touched,
and the output holds types, locations and confidence but no values. Use it
to triage a share before opening a case; it is also the detection pass
alone, as bench/scan.sh measures it.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("scan needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), g, &o, args)
		},
	}
	addFormat(cmd, g, "table", "json", "jsonl", "csv", "sarif")
	f := cmd.Flags()
	f.Float64Var(&o.minConf, "min-confidence", 0.5, "record and report only findings at least this confident (0-1)")
	f.StringSliceVar(&o.types, "types", nil, "report only these types (comma-separated, e.g. SSN,CARD_NUMBER); every rule still runs, so a value keeps the type a full scan gives it")
	f.StringArrayVar(&o.exclude, "exclude", nil, "skip paths matching this glob (repeatable; matched on the path and its base name)")
	f.StringVar(&o.config, "config", "", "YAML or JSON file declaring custom identifiers (name, pattern, keywords, examples)")
	f.IntVar(&o.workers, "workers", 0, "sources scanned at once (default: number of CPUs)")
	f.BoolVar(&o.dryRun, "dry-run", false, "find and report, but record nothing and print no values (no case, no store)")
	f.BoolVar(&o.progress, "progress", false, "show the progress bar on stderr even when it is not a terminal")
	f.StringSliceVar(&o.kinds, "org-kind", nil, "organisation kind, as for duties (hipaa-covered-entity: its Member ID columns are health plan IDs): "+joinKinds())
	f.MarkHidden("progress")
	o.ocr.add(f)
	return cmd
}

func runScan(ctx context.Context, g *globals, o *scanOpts, paths []string) error {
	if o.minConf < 0 || o.minConf > 1 {
		return usagef("--min-confidence must be between 0 and 1, got %g", o.minConf)
	}
	var rules []*custom.Rule
	var configDigest string
	if o.config != "" {
		var err error
		if rules, err = custom.Load(o.config); err != nil {
			return usagef("--config: %v", err)
		}
		b, err := os.ReadFile(o.config)
		if err != nil {
			return usagef("--config: %v", describeErr(err))
		}
		sum := sha256.Sum256(b)
		configDigest = hex.EncodeToString(sum[:8])
	}
	var types []breachkit.Element
	for _, t := range o.types {
		e, err := breachkit.ParseElement(t)
		if err != nil {
			return usagef("--types: %v", err)
		}
		types = append(types, e)
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return usagef("%s: %v", p, describeErr(err))
		}
	}
	// A scan's live heap is small (findings go out in batches), so the
	// collector may let it grow more between cycles: 4-13% faster on the
	// benchmark corpus for 30-60 MB more (docs/PERFORMANCE.md). GOGC, if
	// set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	for _, k := range o.kinds {
		if !contains(duties.Kinds, k) {
			return usagef("--org-kind %q: want one of %s", k, joinKinds())
		}
	}
	eng := detect.New(detect.Config{Types: types, Custom: rules, MinConfidence: o.minConf, HealthOrg: healthOrg(o.kinds)})
	if o.dryRun {
		if g.reveal {
			return usagef("--reveal and --dry-run: a dry run keeps no values to show")
		}
		return dryScan(ctx, g, o, paths, eng, types)
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
	if g.format != "table" {
		// Listing formats print values as the scan stores them.
		if err := a.auditReveal(ctx, c.ID, "scan findings"); err != nil {
			return err
		}
	}
	sink := newScanSink(g.stdout, g.format, keys, a.show, types, o.minConf)
	settings := breachkit.ScanSettings(types, o.minConf, configDigest, healthOrg(o.kinds))
	sum, err := runScanPipeline(ctx, g, o, paths, sink, scan.Options{Store: a.store, Keys: keys, CaseID: c.ID, NewDetect: detectors(eng), Settings: settings})
	if err != nil {
		return err
	}
	// Sources an earlier run finished were not read again: their
	// findings come from the store.
	if err := sink.resumedFindings(ctx, a.store, c.ID); err != nil {
		return err
	}
	skipped := sum.Skipped()
	counts := &sink.counts
	detail := fmt.Sprintf("%d sources (%d resumed, %d skipped or partial), %d bytes, findings: %s", len(sum.Sources), sum.Resumed, len(skipped), sum.Bytes, counts.byTypeString())
	if err := a.audit(ctx, "scan", c.ID, strings.Join(paths, " "), detail); err != nil {
		return err
	}
	a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: time.Now(), Kind: "scan", Actor: g.actor,
		Text: fmt.Sprintf("scanned %d sources, %d findings", len(sum.Sources), counts.total)})
	if err := sink.finish(sum); err != nil {
		return err
	}
	if len(skipped) > 0 {
		if g.format != "table" {
			listSkipped(g.stderr, skipped)
		}
		return skippedError{len(skipped)}
	}
	return nil
}

// listSkipped writes each source skipped or read in part, with its
// reason, to w (standard error): the table lists them, but a listing
// format's reader would otherwise see only their count.
func listSkipped(w io.Writer, skipped []*breachkit.Source) {
	for _, s := range skipped {
		fmt.Fprintf(w, "breachkit: %s: %s: %s\n", s.Path, s.Status, s.Reason)
	}
}

// runScanPipeline runs the scan with the progress bar and the sink
// wired in, and says how to resume after an interruption.
func runScanPipeline(ctx context.Context, g *globals, o *scanOpts, paths []string, sink *scanSink, opt scan.Options) (*scan.Summary, error) {
	pb := newScanBar(g, o.progress)
	opt.Progress = pb.update
	if scanProgressHook != nil {
		opt.Progress = func(p scan.Progress) { pb.update(p); scanProgressHook(p) }
	}
	opt.Extractors, opt.Workers, opt.Exclude = standard.Extractors(), o.workers, o.exclude
	var err error
	if opt.OCR, err = o.ocr.engine(); err != nil {
		return nil, err
	}
	opt.Own, opt.Owned = ownFiles(g)
	opt.Stored, opt.Sourced = sink.stored, sink.sourced
	sum, err := scan.Run(ctx, paths, opt)
	pb.finish()
	if serr := sink.wait(); err == nil {
		err = serr
	}
	if err != nil && sum != nil && ctx.Err() != nil && opt.Store != nil {
		fmt.Fprintf(g.stderr, "breachkit: scan interrupted after %d sources; run the same command again to resume\n", len(sum.Sources))
	}
	return sum, err
}

// ownFiles recognises breachkit's own files — the SQLite case store with
// its WAL, the master key file and anything under dirs (respond's report
// folder) — so that scanning the folder they sit
// in (breachkit scan .) does not read them as evidence; each one left out
// is said on stderr.
func ownFiles(g *globals, dirs ...string) (func(string) bool, func(string)) {
	own := map[string]bool{}
	var under []string
	for _, d := range dirs {
		if abs, err := filepath.Abs(d); err == nil {
			under = append(under, abs+string(filepath.Separator))
		}
	}
	add := func(p string) {
		if p == "" {
			return
		}
		if abs, err := filepath.Abs(p); err == nil {
			own[abs] = true
		}
	}
	if !strings.HasPrefix(g.db, "postgres://") && !strings.HasPrefix(g.db, "postgresql://") {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			add(g.db + suffix)
		}
	}
	add(g.keyFile)
	add(g.keyFile + ".new")
	return func(p string) bool {
			abs, err := filepath.Abs(p)
			if err != nil {
				return false
			}
			for _, u := range under {
				if strings.HasPrefix(abs, u) {
					return true
				}
			}
			return own[abs]
		}, func(p string) {
			fmt.Fprintf(g.stderr, "breachkit: not scanning %s: it is breachkit's own case store, key or report\n", p)
		}
}

// dryScan finds and reports without a store: nothing is sealed, stored
// or audited, and no value leaves the process.
func dryScan(ctx context.Context, g *globals, o *scanOpts, paths []string, eng *detect.Engine, types []breachkit.Element) error {
	sink := newScanSink(g.stdout, g.format, nil, nil, types, o.minConf)
	// A dry run records no source and shows no digest.
	opt := scan.Options{NewDetect: detectors(eng), NoDigest: true}
	if g.format == "table" {
		opt.Tally = sink.tally
	}
	sum, err := runScanPipeline(ctx, g, o, paths, sink, opt)
	if err != nil {
		return err
	}
	if err := sink.finish(sum); err != nil {
		return err
	}
	if sk := sum.Skipped(); len(sk) > 0 {
		if g.format != "table" {
			listSkipped(g.stderr, sk)
		}
		return skippedError{len(sk)}
	}
	return nil
}

func describeErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// scanCounts summarises the findings a scan reports. Findings come in
// runs of one path and mostly a few types, so the last path and type are
// counted aside and folded into the maps when they change: two map
// updates per finding were a tenth of a dry run's time.
type scanCounts struct {
	total    int64
	byType   map[breachkit.Element][3]int64 // high, medium, low
	byPath   map[string]int64
	lastPath string
	pathN    int64
	lastType breachkit.Element
	typeN    [3]int64
}

func (s *scanCounts) add(f *breachkit.Finding) { s.addN(f.Path, f.Type, f.Confidence, 1) }

// addN counts n findings of one path, type and confidence.
func (s *scanCounts) addN(path string, t breachkit.Element, conf float64, n int64) {
	s.total += n
	if t != s.lastType {
		s.fold()
		s.lastType = t
	}
	switch {
	case conf >= 0.9:
		s.typeN[0] += n
	case conf >= 0.7:
		s.typeN[1] += n
	default:
		s.typeN[2] += n
	}
	if path != s.lastPath {
		if s.pathN > 0 {
			s.byPath[s.lastPath] += s.pathN
		}
		s.lastPath, s.pathN = path, 0
	}
	s.pathN += n
}

// fold moves the counts kept aside into the maps.
func (s *scanCounts) fold() {
	if n := s.typeN; n != [3]int64{} {
		b := s.byType[s.lastType]
		for i := range b {
			b[i] += n[i]
		}
		s.byType[s.lastType] = b
		s.typeN = [3]int64{}
	}
	if s.pathN > 0 {
		s.byPath[s.lastPath] += s.pathN
		s.pathN = 0
	}
}

func (s *scanCounts) byTypeString() string {
	var parts []string
	for _, t := range sortedTypes(s.byType) {
		b := s.byType[t]
		parts = append(parts, fmt.Sprintf("%s=%d", t, b[0]+b[1]+b[2]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

func sortedTypes(m map[breachkit.Element][3]int64) []breachkit.Element {
	var ts []breachkit.Element
	for t := range m {
		ts = append(ts, t)
	}
	order := map[breachkit.Element]int{}
	for i, e := range breachkit.ScanElements {
		order[e] = i + 1
	}
	sort.Slice(ts, func(i, j int) bool {
		oi, oj := order[ts[i]], order[ts[j]]
		if oi == 0 {
			oi = 1000
		}
		if oj == 0 {
			oj = 1000
		}
		if oi != oj {
			return oi < oj
		}
		return ts[i] < ts[j]
	})
	return ts
}

// scanSink counts and prints the findings of a scan as the pipeline
// stores them, so that nothing is read back from the store except the
// findings of sources an earlier run finished. Batches go through a
// channel to one goroutine, so opening, masking and encoding run beside
// the store's writes instead of after them.
type scanSink struct {
	keys    *vault.CaseKeys // nil in a dry run: no values
	show    func(breachkit.Element, string) string
	types   []breachkit.Element
	minConf float64
	counts  scanCounts
	// emit prints one finding; nil for the table, which only counts.
	emit   func(*breachkit.Finding) error
	end    func(sum *scan.Summary) error
	bw     *bufio.Writer
	err    error
	ch     chan sinkMsg
	done   chan struct{}
	mu     sync.Mutex
	resume map[string]bool // paths of sources an earlier run finished
	fresh  map[int64]bool  // IDs of sources this run scanned
}

func newScanSink(w io.Writer, format string, keys *vault.CaseKeys, show func(breachkit.Element, string) string, types []breachkit.Element, minConf float64) *scanSink {
	k := &scanSink{keys: keys, show: show, types: types, minConf: minConf, resume: map[string]bool{}, fresh: map[int64]bool{},
		counts: scanCounts{byType: map[breachkit.Element][3]int64{}, byPath: map[string]int64{}},
		ch:     make(chan sinkMsg, 8), done: make(chan struct{})}
	k.bw = bufio.NewWriterSize(w, 1<<20)
	switch format {
	case "jsonl":
		enc := json.NewEncoder(k.bw)
		k.emit = func(f *breachkit.Finding) error { return enc.Encode(k.render(f)) }
	case "json":
		// Streamed: {"findings": [ one per line ], "sources": [...]}.
		n := 0
		k.bw.WriteString("{\n  \"findings\": [")
		k.emit = func(f *breachkit.Finding) error {
			b, err := json.Marshal(k.render(f))
			if err != nil {
				return err
			}
			if n > 0 {
				k.bw.WriteByte(',')
			}
			n++
			k.bw.WriteString("\n    ")
			_, err = k.bw.Write(b)
			return err
		}
		k.end = func(sum *scan.Summary) error {
			src, err := json.MarshalIndent(sum.Sources, "  ", "  ")
			if err != nil {
				return err
			}
			fmt.Fprintf(k.bw, "\n  ],\n  \"sources\": %s\n}\n", src)
			return nil
		}
	case "csv":
		cw := csv.NewWriter(k.bw)
		cw.Write([]string{"path", "type", "start", "end", "sheet", "cell", "page", "record", "confidence", "reasons", "value"})
		k.emit = func(f *breachkit.Finding) error {
			j := k.render(f)
			s, e := "", ""
			if j.Start != nil {
				s, e = strconv.FormatInt(*j.Start, 10), strconv.FormatInt(*j.End, 10)
			}
			pg := ""
			if j.Page > 0 {
				pg = strconv.Itoa(j.Page)
			}
			return cw.Write([]string{j.Path, j.Type, s, e, j.Sheet, j.Cell, pg, j.Record, strconv.FormatFloat(j.Confidence, 'f', 3, 64), strings.Join(j.Reasons, "; "), j.Value})
		}
		k.end = func(*scan.Summary) error {
			cw.Flush()
			return cw.Error()
		}
	case "sarif":
		sw := &sarifWriter{rules: []map[string]any{}, seen: map[breachkit.Element]bool{}}
		k.emit = func(f *breachkit.Finding) error { sw.add(f, k.render(f)); return nil }
		k.end = func(*scan.Summary) error { return sw.write(k.bw) }
	default:
		k.end = func(sum *scan.Summary) error { return writeScanTable(k.bw, sum, &k.counts) }
	}
	go func() {
		defer close(k.done)
		for m := range k.ch {
			for _, f := range m.batch {
				k.take(f)
			}
			if m.tally != nil {
				k.takeTally(m.tally)
			}
		}
	}()
	return k
}

// take counts and prints one finding; after a write error it only counts.
func (k *scanSink) take(f *breachkit.Finding) {
	if f.Confidence < k.minConf || len(k.types) > 0 && !slices.Contains(k.types, f.Type) {
		return
	}
	k.counts.add(f)
	if k.emit != nil && k.err == nil {
		k.err = k.emit(f)
	}
}

// stored is the pipeline's Stored hook.
func (k *scanSink) stored(batch []*breachkit.Finding) { k.ch <- sinkMsg{batch: batch} }

// tally takes a dry run's counts in place of its findings (see
// scan.Options.Tally); only the table, which prints counts, asks for them.
func (k *scanSink) tally(t *scan.Tally) { k.ch <- sinkMsg{tally: t} }

// sinkMsg is a batch of findings or a tally, in the order the scan made them.
type sinkMsg struct {
	batch []*breachkit.Finding
	tally *scan.Tally
}

// takeTally counts a tally as take counts findings.
func (k *scanSink) takeTally(t *scan.Tally) {
	for key, n := range t.N {
		if key.Confidence < k.minConf || len(k.types) > 0 && !slices.Contains(k.types, key.Type) {
			continue
		}
		k.counts.addN(t.Path, key.Type, key.Confidence, n)
	}
}

// sourced is the pipeline's Sourced hook: it notes resumed sources.
func (k *scanSink) sourced(s *breachkit.Source, resumed bool) {
	k.mu.Lock()
	if resumed {
		k.resume[s.Path] = true
	} else {
		k.fresh[s.ID] = true
	}
	k.mu.Unlock()
}

// wait returns when every stored batch has been taken.
func (k *scanSink) wait() error {
	close(k.ch)
	<-k.done
	k.counts.fold()
	return k.err
}

// resumedFindings takes the findings of the sources an earlier run
// finished, and of the archive members inside them, from the store.
func (k *scanSink) resumedFindings(ctx context.Context, store breachkit.Store, caseID int64) error {
	if len(k.resume) == 0 {
		return nil
	}
	return k.storedFindings(ctx, store, caseID, func(src *breachkit.Source) bool {
		in := k.resume[src.Path]
		for p := src.Path; !in; {
			i := strings.LastIndex(p, "!/")
			if i < 0 {
				break
			}
			p = p[:i]
			in = k.resume[p]
		}
		return in
	})
}

// otherFindings takes from the store the findings of every source of the
// case that this run did not scan: the whole case, with what the
// pipeline already gave.
func (k *scanSink) otherFindings(ctx context.Context, store breachkit.Store, caseID int64) error {
	return k.storedFindings(ctx, store, caseID, func(src *breachkit.Source) bool { return !k.fresh[src.ID] })
}

// storedFindings takes the findings of the case's sources that want
// accepts from the store.
func (k *scanSink) storedFindings(ctx context.Context, store breachkit.Store, caseID int64, want func(*breachkit.Source) bool) error {
	all, err := store.Sources(ctx, caseID)
	if err != nil {
		return err
	}
	for _, src := range all {
		if !want(src) {
			continue
		}
		err := store.Findings(ctx, caseID, breachkit.FindingFilter{SourceID: src.ID, Types: k.types, MinConfidence: k.minConf}, func(f *breachkit.Finding) error {
			k.take(f)
			return k.err
		})
		if err != nil {
			return err
		}
	}
	k.counts.fold()
	return nil
}

// finish writes what follows the findings (the table, the sources, the
// SARIF document) and flushes.
func (k *scanSink) finish(sum *scan.Summary) error {
	if k.err != nil {
		return k.err
	}
	if k.end != nil {
		if err := k.end(sum); err != nil {
			return err
		}
	}
	return k.bw.Flush()
}

// findingJSON is one finding in the json, jsonl and csv outputs.
type findingJSON struct {
	Path       string   `json:"path"`
	Type       string   `json:"type"`
	Start      *int64   `json:"start,omitempty"`
	End        *int64   `json:"end,omitempty"`
	Sheet      string   `json:"sheet,omitempty"`
	Cell       string   `json:"cell,omitempty"`
	Page       int      `json:"page,omitempty"`
	Record     string   `json:"record,omitempty"`
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons"`
	Value      string   `json:"value"`
}

// render is one finding for output; a dry run has no value to show.
func (k *scanSink) render(f *breachkit.Finding) findingJSON {
	return renderFinding(f, k.keys, k.show)
}

// renderFinding opens and shows (masks unless --reveal) the value of f;
// with no keys the value is left empty.
func renderFinding(f *breachkit.Finding, keys *vault.CaseKeys, show func(breachkit.Element, string) string) findingJSON {
	v := ""
	if keys != nil {
		v = "***"
		if pt, err := keys.Open(f.Type, f.Value); err == nil {
			v = show(f.Type, string(pt))
		}
	}
	j := findingJSON{Path: f.Path, Type: string(f.Type), Sheet: f.Sheet, Cell: f.Cell, Page: f.Page, Record: f.Record, Confidence: f.Confidence, Reasons: f.Reasons, Value: v}
	if f.Start >= 0 {
		s, e := f.Start, f.End
		j.Start, j.End = &s, &e
	}
	if j.Reasons == nil {
		j.Reasons = []string{}
	}
	return j
}

// writeScanTable writes the summary: findings by type and confidence,
// the top files, and what was skipped.
func writeScanTable(w io.Writer, sum *scan.Summary, sc *scanCounts) error {
	fmt.Fprintf(w, "Scanned %d sources (%s, %d resumed) in %s: %d findings\n\n", len(sum.Sources), humanBytes(sum.Bytes), sum.Resumed, sum.Elapsed.Round(time.Millisecond), sc.total)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tHIGH (>=0.9)\tMEDIUM (0.7-0.9)\tLOW (<0.7)\tTOTAL")
	for _, t := range sortedTypes(sc.byType) {
		b := sc.byType[t]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", t, b[0], b[1], b[2], b[0]+b[1]+b[2])
	}
	tw.Flush()
	type pc struct {
		p string
		n int64
	}
	var top []pc
	for p, n := range sc.byPath {
		top = append(top, pc{p, n})
	}
	sort.Slice(top, func(i, j int) bool { return top[i].n > top[j].n || top[i].n == top[j].n && top[i].p < top[j].p })
	if len(top) > 0 {
		fmt.Fprintln(w, "\nTop files:")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "FINDINGS\tPATH")
		for i, t := range top {
			if i == 10 {
				break
			}
			fmt.Fprintf(tw, "%d\t%s\n", t.n, t.p)
		}
		tw.Flush()
	}
	if sk := sum.Skipped(); len(sk) > 0 {
		fmt.Fprintf(w, "\nSkipped or partly scanned (%d):\n", len(sk))
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STATUS\tPATH\tREASON")
		for _, s := range sk {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Status, s.Path, s.Reason)
		}
		return tw.Flush()
	}
	return nil
}

// sarifWriter collects SARIF 2.1.0 results, one rule per type.
type sarifWriter struct {
	rules   []map[string]any
	seen    map[breachkit.Element]bool
	results []sarifResult
}

type sarifRegion struct {
	ByteOffset int64 `json:"byteOffset"`
	ByteLength int64 `json:"byteLength"`
}

type sarifPhysical struct {
	ArtifactLocation map[string]string `json:"artifactLocation"`
	Region           *sarifRegion      `json:"region,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifResult struct {
	RuleID     string            `json:"ruleId"`
	Level      string            `json:"level"`
	Message    map[string]string `json:"message"`
	Locations  []sarifLocation   `json:"locations"`
	Properties map[string]any    `json:"properties"`
}

func (s *sarifWriter) add(f *breachkit.Finding, j findingJSON) {
	if !s.seen[f.Type] {
		s.seen[f.Type] = true
		s.rules = append(s.rules, map[string]any{"id": string(f.Type), "name": string(f.Type),
			"shortDescription": map[string]string{"text": "Personal data: " + string(f.Type)}})
	}
	loc := sarifPhysical{ArtifactLocation: map[string]string{"uri": filepath.ToSlash(f.Path)}}
	if j.Start != nil {
		loc.Region = &sarifRegion{ByteOffset: *j.Start, ByteLength: *j.End - *j.Start}
	}
	level := "warning"
	if f.Confidence >= 0.9 {
		level = "error"
	}
	where := ""
	if f.Cell != "" {
		where = " in " + f.Sheet + "!" + f.Cell
	} else if f.Page > 0 {
		where = fmt.Sprintf(" on page %d", f.Page)
	}
	s.results = append(s.results, sarifResult{RuleID: string(f.Type), Level: level,
		Message:    map[string]string{"text": strings.Join(strings.Fields(fmt.Sprintf("%s %s%s (confidence %.2f)", f.Type, j.Value, where, f.Confidence)), " ")},
		Locations:  []sarifLocation{{loc}},
		Properties: map[string]any{"confidence": f.Confidence, "reasons": j.Reasons, "record": f.Record}})
}

func (s *sarifWriter) write(w io.Writer) error {
	results := s.results
	if results == nil {
		results = []sarifResult{}
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":    map[string]any{"driver": map[string]any{"name": "breachkit", "version": version, "informationUri": "https://github.com/breachkit/breachkit", "rules": s.rules}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// scanBar renders files, bytes, rate and ETA on stderr.
type scanBar struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newScanBar(g *globals, force bool) *scanBar {
	if g.quiet {
		return &scanBar{}
	}
	if force {
		return &scanBar{w: g.stderr}
	}
	if f, ok := g.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &scanBar{w: f}
	}
	return &scanBar{}
}

func (b *scanBar) update(p scan.Progress) {
	if b.w == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if now.Sub(b.last) < 200*time.Millisecond && p.Files < p.TotalFiles {
		return
	}
	b.last = now
	b.shown = true
	fmt.Fprint(b.w, "\r"+renderProgress(p, now))
}

// renderProgress formats one line of progress.
func renderProgress(p scan.Progress, now time.Time) string {
	el := now.Sub(p.Started).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.Bytes) / el
	}
	eta := "?"
	if rate > 0 && p.TotalBytes >= p.Bytes {
		eta = (time.Duration(float64(p.TotalBytes-p.Bytes)/rate) * time.Second).Round(time.Second).String()
	}
	pct := 100.0
	if p.TotalBytes > 0 {
		pct = 100 * float64(p.Bytes) / float64(p.TotalBytes)
	}
	const width = 24
	fill := int(pct / 100 * width)
	fill = min(max(fill, 0), width)
	return fmt.Sprintf("scanning [%s%s] %3.0f%%  %d/%d files  %s/%s  %s/s  ETA %s  %d findings ",
		strings.Repeat("=", fill), strings.Repeat(" ", width-fill), pct, p.Files, p.TotalFiles,
		humanBytes(p.Bytes), humanBytes(p.TotalBytes), humanBytes(int64(rate)), eta, p.Findings)
}

func (b *scanBar) finish() {
	if b.w != nil && b.shown {
		fmt.Fprint(b.w, "\r\033[K")
	}
}

func newEvalCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "eval", Short: "Measure breachkit against generated ground truth"}
	var truth, findings, root string
	var minConf float64
	sc := &cobra.Command{
		Use:   "scan --truth DIR/truth",
		Short: "Precision and recall of scan findings per type, and decoys reported",
		Long: `eval scan compares findings with the ground truth written by 'breachkit gen':
the findings of the case (--case), or those of a jsonl file written by
'breachkit scan --format jsonl' (--findings). It prints per-type precision
and recall for structured files and for free text, and the share of
decoys reported. Only locations are compared, never values.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if truth == "" {
				return usagef("eval scan needs --truth DIR/truth")
			}
			t, err := eval.LoadTruth(truth)
			if err != nil {
				return err
			}
			if root == "" {
				root = filepath.Dir(filepath.Clean(truth))
			}
			var fs []eval.Finding
			if findings != "" {
				fh, err := os.Open(findings)
				if err != nil {
					return err
				}
				defer fh.Close()
				if fs, err = eval.ReadJSONL(fh); err != nil {
					return fmt.Errorf("%s: %w", findings, err)
				}
			} else {
				ctx := cmd.Context()
				store, err := openStore(ctx, g.db)
				if err != nil {
					return err
				}
				defer store.Close()
				c, err := store.Case(ctx, g.caseNm)
				if err != nil {
					return fmt.Errorf("case %q: %w", g.caseNm, err)
				}
				err = store.Findings(ctx, c.ID, breachkit.FindingFilter{}, func(f *breachkit.Finding) error {
					fs = append(fs, eval.Finding{Path: f.Path, Type: string(f.Type), Start: f.Start, End: f.End, Sheet: f.Sheet, Cell: f.Cell, Page: f.Page, Record: f.Record, Confidence: f.Confidence, Reasons: f.Reasons})
					return nil
				})
				if err != nil {
					return err
				}
			}
			abs, _ := filepath.Abs(root)
			rep := t.Compare(fs, root, minConf)
			if len(rep.Scores) > 0 && abs != root {
				// Paths may have been recorded absolute.
				if alt := t.Compare(fs, abs, minConf); matched(alt) > matched(rep) {
					rep = alt
				}
			}
			rep.Write(g.stdout)
			return nil
		},
	}
	f := sc.Flags()
	f.StringVar(&truth, "truth", "", "the truth folder written by gen (DIR/truth)")
	f.StringVar(&findings, "findings", "", "a jsonl file of findings instead of the case's")
	f.StringVar(&root, "root", "", "the folder finding paths are relative to (default: the parent of --truth)")
	f.Float64Var(&minConf, "min-confidence", 0, "count only findings at least this confident")
	cmd.AddCommand(sc)
	return cmd
}

func matched(r *eval.Report) int {
	n := 0
	for _, s := range r.Scores {
		n += s.Correct
	}
	return n
}

// detectors gives each scan goroutine a detector of its own.
func detectors(eng *detect.Engine) func() scan.DetectFunc {
	return func() scan.DetectFunc { return eng.Detector().Detect }
}
