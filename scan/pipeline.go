package scan

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/vault"
)

// DetectFunc finds personal data in a segment; a detect.Engine's Detect
// method is one. It must be safe for concurrent use.
type DetectFunc func(seg *Segment, emit func(Match))

// Options configure a scan.
type Options struct {
	// Store and Keys receive the sealed findings and the sources. With
	// both nil the scan is a dry run: nothing is sealed or stored, and
	// Stored sees findings without values or fingerprints.
	Store  breachkit.Store
	Keys   *vault.CaseKeys
	CaseID int64
	// Extractors are tried in order; the first that accepts a source reads it.
	Extractors []Extractor
	// Detect finds the personal data in a segment, from any goroutine.
	// NewDetect, if set instead, returns a DetectFunc for one goroutine
	// at a time: the pipeline keeps them in a pool and takes one per
	// source and per detect goroutine, not per segment (a detect.Engine's
	// Detector method makes them, without Detect's per-call scratch pool).
	Detect    DetectFunc
	NewDetect func() DetectFunc
	// Settings are what the detectors are limited to, as
	// breachkit.ScanSettings writes them (empty for a full scan); each
	// source is recorded with them, and a source done with narrower ones
	// is read again.
	Settings string
	// Workers is the number of sources scanned at once; 0 means GOMAXPROCS.
	Workers int
	// Exclude are glob patterns (path.Match syntax, "**/" allowed at the
	// start) matched against each path and its base name.
	Exclude []string
	// Own, if set, names the tool's own files (the case store, its WAL,
	// the key file) that a walk must not read as evidence; Owned is told
	// of each one left out.
	Own   func(path string) bool
	Owned func(path string)
	// Limits bound archive expansion; nil means DefaultLimits.
	Limits *Limits
	// BatchSize is the number of findings stored at once; 0 means 5000.
	BatchSize int
	// Progress, if set, is called after each source and now and then
	// during long ones, from any goroutine.
	Progress func(Progress)
	// Sourced, if set, is called when a source is recorded as finished
	// (done, skipped or partial), or found done by an earlier run.
	Sourced func(s *breachkit.Source, resumed bool)
	// Stored, if set, is called with each batch of findings right after
	// the store committed it, always from the one goroutine that writes,
	// so that a caller can count or print the findings of this run
	// without reading them back. The slice is the callee's to keep.
	Stored func([]*breachkit.Finding)
	// Tally, if set on a dry run (Store nil), replaces Stored: findings
	// are counted where they are found instead of being built, and each
	// source's counts are handed over in one or more Tallies, from the
	// one goroutine that writes. A summary needs no more, and a finding
	// costs an increment instead of a Finding and its trip to the writer.
	Tally func(*Tally)
	// NoDigest leaves the sources' SHA-256 digests uncomputed, for a dry
	// run that records and shows none: hashing every byte read was a
	// sixteenth of its time. A scan into a store needs them.
	NoDigest bool
	// OCR, when set, reads the text of images and of PDF pages that have
	// no text layer (Input.OCR); without it they are reported as needing
	// OCR.
	OCR OCR
}

// Tally counts the findings of one source by type and confidence.
type Tally struct {
	Path string
	N    map[TallyKey]int64
}

// TallyKey is what a Tally counts by.
type TallyKey struct {
	Type       breachkit.Element
	Confidence float64
}

// Progress is how far a scan got.
type Progress struct {
	Files, TotalFiles int64
	Bytes, TotalBytes int64
	Findings          int64
	Started           time.Time
}

// Summary is what a scan did.
type Summary struct {
	// Sources are the sources this run touched, in path order, including
	// those an earlier run had finished (Resumed counts them).
	Sources  []*breachkit.Source
	Resumed  int
	Files    int64
	Bytes    int64
	Findings int64
	Elapsed  time.Duration
}

// Skipped returns the sources that were skipped or scanned in part.
func (s *Summary) Skipped() []*breachkit.Source {
	var out []*breachkit.Source
	for _, src := range s.Sources {
		if src.Status == breachkit.SourceSkipped || src.Status == breachkit.SourcePartial {
			out = append(out, src)
		}
	}
	return out
}

type fileJob struct {
	path string
	size int64
}

// Run scans the files and folders at paths into the case store.
func Run(ctx context.Context, paths []string, opt Options) (*Summary, error) {
	if opt.Detect == nil && opt.NewDetect == nil || (opt.Store == nil) != (opt.Keys == nil) {
		return nil, errors.New("scan: Detect or NewDetect is required, and Store and Keys go together")
	}
	if opt.NoDigest && opt.Store != nil {
		return nil, errors.New("scan: a scan into a store records each source's digest (NoDigest is for dry runs)")
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 5000
	}
	if opt.Limits == nil {
		l := DefaultLimits
		opt.Limits = &l
	}
	for _, p := range opt.Exclude {
		if _, err := path.Match(strings.TrimPrefix(p, "**/"), ""); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", p, err)
		}
	}
	r := &runner{opt: opt, started: time.Now()}
	r.prog.Started = r.started
	r.dets.New = func() any {
		if opt.NewDetect != nil {
			return opt.NewDetect()
		}
		return opt.Detect
	}
	var jobs []fileJob
	var walkErrs []*breachkit.Source
	// A file reached twice, under a folder and by its own name or by two
	// spellings of one folder ("data data/a.csv", "data ./data"), is
	// scanned once: its findings would otherwise be stored twice and its
	// people counted twice.
	seen := map[string]bool{}
	cwd, _ := os.Getwd() // once: filepath.Abs would ask for every file
	once := func(fp string) bool {
		abs := filepath.Clean(fp)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, abs)
		}
		if seen[abs] {
			return false
		}
		seen[abs] = true
		return true
	}
	for _, p := range paths {
		// A path given by the user is followed if it is a link; links
		// found inside it are listed, not followed.
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			if rp, err := filepath.EvalSymlinks(p); err == nil {
				p = rp
			}
		}
		err := filepath.WalkDir(p, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				walkErrs = append(walkErrs, &breachkit.Source{Path: filepath.ToSlash(fp), Status: breachkit.SourceSkipped, Reason: "unreadable: " + describe(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if r.excluded(fp) && fp != p {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !once(fp) {
				return nil
			}
			if !d.Type().IsRegular() {
				// Listed, not read: a link may lead out of the evidence or
				// back into it, and a device or pipe has no end.
				reason := "not a regular file (device, pipe or socket)"
				if d.Type()&fs.ModeSymlink != 0 {
					reason = "symbolic link, not followed"
				}
				walkErrs = append(walkErrs, &breachkit.Source{Path: filepath.ToSlash(fp), Status: breachkit.SourceSkipped, Reason: reason})
				return nil
			}
			if opt.Own != nil && opt.Own(fp) {
				if opt.Owned != nil {
					opt.Owned(fp)
				}
				return nil
			}
			info, err := d.Info()
			size := int64(-1)
			if err == nil {
				size = info.Size()
			}
			jobs = append(jobs, fileJob{path: fp, size: size})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, j := range jobs {
		r.prog.TotalFiles++
		r.prog.TotalBytes += max(j.size, 0)
	}
	// The writer stores findings in batches and finishes sources after
	// their findings, so an interrupted scan never leaves a source marked
	// done without all its findings.
	r.wch = make(chan wmsg, 4*opt.Workers)
	wdone := make(chan error, 1)
	go func() { wdone <- r.writer(context.WithoutCancel(ctx)) }()
	for _, s := range walkErrs {
		s.CaseID = opt.CaseID
		s.ScannedAt = time.Now()
		if err := r.record(ctx, s); err != nil {
			close(r.wch)
			<-wdone
			return nil, err
		}
	}
	var dwg sync.WaitGroup
	if opt.Workers > 1 {
		r.djobs = make(chan *detJob, opt.Workers)
		for w := 0; w < opt.Workers; w++ {
			dwg.Add(1)
			go func() { defer dwg.Done(); r.detector() }()
		}
	}
	jch := make(chan fileJob)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jch {
				if err := r.file(ctx, j); err != nil {
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case jch <- j:
		case <-ctx.Done():
			break feed
		}
		if firstErr.Load() != nil {
			break
		}
	}
	close(jch)
	wg.Wait()
	if r.djobs != nil {
		close(r.djobs)
		dwg.Wait()
	}
	close(r.wch)
	werr := <-wdone
	sum := &Summary{Resumed: r.resumed, Files: r.prog.Files, Bytes: r.prog.Bytes, Findings: r.prog.Findings, Elapsed: time.Since(r.started)}
	r.mu.Lock()
	sum.Sources = r.sources
	r.mu.Unlock()
	sort.Slice(sum.Sources, func(i, j int) bool { return sum.Sources[i].Path < sum.Sources[j].Path })
	if werr != nil {
		return sum, werr
	}
	if e, ok := firstErr.Load().(error); ok && e != nil {
		return sum, e
	}
	return sum, ctx.Err()
}

type runner struct {
	opt     Options
	started time.Time
	storeMu sync.Mutex
	mu      sync.Mutex
	prog    Progress
	sources []*breachkit.Source
	resumed int
	wch     chan wmsg
	// djobs feeds the detect pool; nil with one worker.
	djobs   chan *detJob
	jobPool sync.Pool
	// dets holds DetectFuncs for one goroutine's use (see NewDetect).
	dets sync.Pool
	// busy is the number of workers reading a file. While every worker
	// is, each detects its own segments: handing them to the detect pool
	// would only add copies, as no core is idle to take them.
	busy atomic.Int32
}

type wmsg struct {
	findings []*breachkit.Finding
	finish   *breachkit.Source
	tally    *Tally
}

// excluded reports whether a path matches an --exclude pattern.
func (r *runner) excluded(p string) bool {
	p = filepath.ToSlash(p)
	base := path.Base(p)
	for _, pat := range r.opt.Exclude {
		pat = filepath.ToSlash(pat)
		deep := strings.HasPrefix(pat, "**/")
		pat = strings.TrimPrefix(pat, "**/")
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
		if deep || strings.Contains(pat, "/") {
			parts := strings.Split(p, "/")
			for i := range parts {
				if ok, _ := path.Match(pat, strings.Join(parts[i:], "/")); ok {
					return true
				}
			}
		}
	}
	return false
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// record finishes a source that was never read (unreadable, excluded).
func (r *runner) record(ctx context.Context, s *breachkit.Source) error {
	got, err := r.begin(ctx, s)
	if err != nil {
		return err
	}
	s.ID = got.ID
	r.wch <- wmsg{finish: s}
	return nil
}

// begin records that a source is being scanned and returns its stored
// state: done if an earlier run finished it. A dry run records nothing.
func (r *runner) begin(ctx context.Context, s *breachkit.Source) (*breachkit.Source, error) {
	if r.opt.Store == nil {
		return s, nil
	}
	r.storeMu.Lock()
	defer r.storeMu.Unlock()
	return r.opt.Store.BeginSource(ctx, s)
}

// file scans one file of the walk.
func (r *runner) file(ctx context.Context, j fileJob) error {
	if ctx.Err() != nil {
		return nil
	}
	display := filepath.ToSlash(j.path)
	f, err := os.Open(j.path)
	if err != nil {
		return r.record(ctx, &breachkit.Source{CaseID: r.opt.CaseID, Path: display, Size: j.size, Status: breachkit.SourceSkipped, Reason: "unreadable: " + describe(err), ScannedAt: time.Now()})
	}
	defer f.Close()
	var total atomic.Int64
	r.busy.Add(1)
	err = r.source(ctx, display, f, j.size, 0, &total)
	r.busy.Add(-1)
	r.mu.Lock()
	r.prog.Files++
	p := r.prog
	r.mu.Unlock()
	if r.opt.Progress != nil {
		r.opt.Progress(p)
	}
	return err
}

// countReader hashes (unless h is nil) and counts what is read through
// it and reports progress for top-level files.
type countReader struct {
	r     io.Reader
	h     hash.Hash
	n     int64
	limit int64 // 0 = none
	total *atomic.Int64
	max   int64
	run   *runner
	top   bool
	since int64
}

var errTooBig = errors.New("expands beyond the archive limits")

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		if c.h != nil {
			c.h.Write(p[:n])
		}
		c.n += int64(n)
		if c.top {
			c.since += int64(n)
			if c.since >= 4<<20 {
				c.run.addBytes(c.since)
				c.since = 0
			}
		}
		if c.limit > 0 && c.n > c.limit {
			return n, fmt.Errorf("member larger than %d bytes: %w", c.limit, errTooBig)
		}
		if c.total != nil && c.max > 0 && c.total.Add(int64(n)) > c.max {
			return n, fmt.Errorf("more than %d bytes expanded from one file: %w", c.max, errTooBig)
		}
	}
	return n, err
}

func (r *runner) addBytes(n int64) {
	r.mu.Lock()
	r.prog.Bytes += n
	p := r.prog
	r.mu.Unlock()
	if r.opt.Progress != nil {
		r.opt.Progress(p)
	}
}

// source scans one source (a file or an archive member) and records it.
func (r *runner) source(ctx context.Context, display string, rd io.Reader, size int64, depth int, total *atomic.Int64) error {
	src := &breachkit.Source{CaseID: r.opt.CaseID, Path: display, Size: size, ScannedAt: time.Now(), Settings: r.opt.Settings}
	got, err := r.begin(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	if got.Status == breachkit.SourceDone {
		r.mu.Lock()
		r.sources = append(r.sources, got)
		r.resumed++
		if depth == 0 {
			r.prog.Bytes += max(size, 0)
		}
		r.mu.Unlock()
		if r.opt.Sourced != nil {
			r.opt.Sourced(got, true)
		}
		return nil
	}
	src.ID = got.ID
	cr := &countReader{r: rd, total: total, run: r, top: depth == 0}
	if !r.opt.NoDigest {
		cr.h = sha256.New()
	}
	if depth > 0 {
		cr.limit = r.opt.Limits.MaxMemberSize
		cr.max = r.opt.Limits.MaxTotalSize
	}
	// The read buffer fits a small source (many small files are common);
	// HeadSize bytes are peeked at to pick the extractor.
	bufSize := 64 << 10
	if size >= 0 && size < int64(bufSize) {
		bufSize = max(int(size)+1, 4096)
	}
	br := bufio.NewReaderSize(cr, bufSize)
	head, _ := br.Peek(HeadSize)
	name := path.Base(display)
	if i := strings.LastIndex(display, "!/"); i >= 0 {
		name = path.Base(display[i+2:])
	}
	// The extractors that accept the source, in order: the first is used
	// unless it declines (ErrDecline) before reading.
	var accepting []Extractor
	for _, e := range r.opt.Extractors {
		if e.Accepts(name, head) {
			accepting = append(accepting, e)
		}
	}
	var x Extractor
	if len(accepting) > 0 {
		x = accepting[0]
	}
	var warns []string
	var emitted int64
	col := &collector{r: r, src: src, display: display, seg: new(Segment)}
	// Large sources are cut into jobs of segments that the detect pool
	// works on in parallel, so that one big file uses every core.
	var jobs sync.WaitGroup
	var jobFound atomic.Int64
	var jobErr atomic.Pointer[string]
	var job *detJob
	dispatch := func() {
		if job == nil {
			return
		}
		job.seal()
		jobs.Add(1)
		r.djobs <- job
		job = nil
	}
	parallel := r.djobs != nil && size >= parallelMin
	var xerr error
	if x == nil {
		src.Status, src.Reason = breachkit.SourceSkipped, "unsupported format (binary or unknown)"
	} else {
		src.Format = x.Format()
		file := fileAt(rd, size)
		in := &Input{Path: display, R: br, Size: size, Depth: depth, Limits: r.opt.Limits, Sibling: siblings(file), OCR: r.opt.OCR,
			Warn: func(reason string) {
				if len(warns) < 20 {
					warns = append(warns, reason)
				}
			},
			Member: func(mname string, msize int64, mr io.Reader) error {
				mp := display + "!/" + strings.TrimPrefix(mname, "/")
				if depth+1 > r.opt.Limits.MaxDepth {
					return r.record(ctx, &breachkit.Source{CaseID: r.opt.CaseID, Path: mp, Size: msize, Status: breachkit.SourceSkipped, Reason: fmt.Sprintf("nested deeper than %d archives", r.opt.Limits.MaxDepth), ScannedAt: time.Now()})
				}
				return r.source(ctx, mp, mr, msize, depth+1, total)
			},
		}
		if file != nil {
			in.ReaderAt, in.File = file, file.Name()
		}
		// One segment variable and one match callback serve every
		// segment inline: Detect takes a pointer, and a fresh one (and a
		// closure over it) per CSV cell was two allocations a cell.
		onMatch := col.match
		det := r.dets.Get().(DetectFunc)
		defer r.dets.Put(det)
		extract := func(s Segment) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			emitted++
			if mayEscape(s.Text) {
				if d, ok := unescapeLines(s); ok {
					s = d
				}
				if d, ok := percentDecoded(s); ok {
					s = d
				}
			}
			// A segment whose offsets come from a function is detected
			// here: the function may read the extractor's reused state.
			// A job is filled once begun; a new one only while a
			// worker is idle to detect it.
			if parallel && s.OffsetAt == nil && (job != nil || int(r.busy.Load()) < r.opt.Workers) {
				if job == nil {
					job = r.newJob()
					job.col = collector{r: r, src: src, display: display}
					job.done, job.found, job.err = &jobs, &jobFound, &jobErr
				}
				if job.add(s) {
					dispatch()
				}
				return nil
			}
			*col.seg = s
			det(col.seg, onMatch)
			return nil
		}
		// The first extractor that accepts the source reads it; one that
		// declines (ErrDecline) before emitting hands it to the next.
		for k := 0; ; k++ {
			xerr = guard(func() error { return x.Extract(ctx, in, extract) })
			if !errors.Is(xerr, ErrDecline) || emitted > 0 || k+1 >= len(accepting) {
				break
			}
			x = accepting[k+1]
			src.Format = x.Format()
		}
		if errors.Is(xerr, ErrDecline) && emitted == 0 {
			xerr = nil // the last extractor declined: nothing to read as anything
			src.Status, src.Reason, src.Format = breachkit.SourceSkipped, "unsupported format (binary or unknown)", ""
			x = nil
		}
	}
	dispatch()
	jobs.Wait()
	if p := jobErr.Load(); p != nil && xerr == nil {
		xerr = errors.New(*p)
	}
	found := col.found + jobFound.Load()
	if ctx.Err() != nil {
		// Interrupted: leave the source marked scanning; a resumed scan
		// deletes what was stored of it and scans it again.
		col.flush()
		return nil
	}
	// Read the rest for the digest and size.
	if _, err := io.Copy(io.Discard, br); err != nil && xerr == nil && x != nil {
		xerr = err
	}
	col.flush()
	if cr.h != nil {
		src.SHA256 = hex.EncodeToString(cr.h.Sum(nil))
	}
	src.Size = cr.n
	src.Findings = found
	src.ScannedAt = time.Now()
	switch {
	case x == nil:
	case xerr != nil && emitted == 0:
		src.Status, src.Reason = breachkit.SourceSkipped, reason(src.Format, xerr)
	case xerr != nil:
		src.Status, src.Reason = breachkit.SourcePartial, reason(src.Format, xerr)
	case len(warns) > 0:
		src.Status, src.Reason = breachkit.SourcePartial, strings.Join(warns, "; ")
	default:
		src.Status = breachkit.SourceDone
	}
	if src.Status == breachkit.SourcePartial && len(warns) > 0 && xerr != nil {
		src.Reason += "; " + strings.Join(warns, "; ")
	}
	if cr.top && cr.since > 0 {
		r.addBytes(cr.since)
	}
	r.mu.Lock()
	r.prog.Findings += found
	r.mu.Unlock()
	r.wch <- wmsg{finish: src}
	return nil
}

// fileAt returns rd when it is a regular file of the size given (a
// top-level source), else nil.
func fileAt(rd io.Reader, size int64) *os.File {
	f, ok := rd.(*os.File)
	if !ok || size < 0 {
		return nil
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		return nil
	}
	return f
}

// siblings returns Input.Sibling for a file on disk, nil for none.
func siblings(f *os.File) func(string) (*os.File, error) {
	if f == nil {
		return nil
	}
	dir := filepath.Dir(f.Name())
	return func(name string) (*os.File, error) {
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\\`) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
		}
		return os.Open(filepath.Join(dir, name))
	}
}

// guard runs f and turns a panic in it — a bug in an extractor or a
// detector, met on some input — into an error, so that the source is
// recorded as partial or skipped with the reason and the scan goes on.
func guard(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (a breachkit bug, please report it): %v", p)
		}
	}()
	return f()
}

// parallelMin is the size from which a source's segments are detected
// by the detect pool rather than by the goroutine that extracts them.
const parallelMin = 4 << 20

// collector turns the matches of one source's segments into findings
// and hands them to the writer in batches. Findings are allocated in
// slabs, so a finding costs no allocation besides sealing.
type collector struct {
	r       *runner
	src     *breachkit.Source
	display string
	seg     *Segment // the segment being detected
	slab    []breachkit.Finding
	batch   []*breachkit.Finding
	found   int64
	// With Options.Tally: the counts so far by key, and the entry of
	// the last match. Matches come in runs (a column's cells, a text's
	// keys in turn), so the search for a key starts after the last one
	// found and mostly ends there: a map update per match was 4 % of a
	// dry run.
	tally []tallyRun
	at    int
}

type tallyRun struct {
	k TallyKey
	n int64
}

// count tallies a match instead of making a finding of it.
func (c *collector) count(m Match) {
	c.found++
	k := TallyKey{m.Type, m.Confidence}
	n := len(c.tally)
	for i := range n {
		j := c.at + i
		if j >= n {
			j -= n
		}
		if c.tally[j].k == k {
			c.tally[j].n++
			c.at = j
			return
		}
	}
	c.tally = append(c.tally, tallyRun{k, 1})
	c.at = n
}

func (c *collector) match(m Match) {
	seg, r := c.seg, c.r
	if m.Start < seg.Lead {
		return
	}
	if r.opt.Tally != nil && r.opt.Store == nil {
		c.count(m)
		return
	}
	if len(c.slab) == 0 {
		c.slab = make([]breachkit.Finding, 256)
	}
	f := &c.slab[0]
	c.slab = c.slab[1:]
	// The slab is fresh, so its zero fields need no store: setting the
	// others one by one costs less than copying a whole struct literal
	// in (with a write barrier over every pointer of it).
	f.CaseID, f.SourceID, f.Path, f.Type = r.opt.CaseID, c.src.ID, c.display, m.Type
	f.Start, f.End, f.Record, f.Confidence, f.Reasons = -1, -1, seg.Record, m.Confidence, m.Reasons
	if seg.Sheet != "" || seg.Cell != "" || seg.Page != 0 {
		f.Sheet, f.Cell, f.Page = seg.Sheet, seg.Cell, seg.Page
	}
	switch {
	case seg.OffsetAt != nil:
		f.Start, f.End = seg.OffsetAt(m.Start), seg.OffsetAt(m.End)
	case seg.Offset >= 0:
		f.Start, f.End = seg.Offset+int64(m.Start), seg.Offset+int64(m.End)
	}
	if r.opt.Keys != nil {
		v := seg.Text[m.Start:m.End]
		f.Value = r.opt.Keys.Seal(m.Type, v)
		f.Fingerprint = r.opt.Keys.Fingerprint(m.Type, string(v))
	}
	if c.batch == nil {
		c.batch = make([]*breachkit.Finding, 0, min(r.opt.BatchSize, 1024))
	}
	c.batch = append(c.batch, f)
	c.found++
	if len(c.batch) >= r.opt.BatchSize {
		c.flush()
	}
}

// flush hands the pending findings to the writer.
func (c *collector) flush() {
	if len(c.tally) > 0 {
		t := &Tally{Path: c.display, N: make(map[TallyKey]int64, len(c.tally))}
		for _, e := range c.tally {
			t.N[e.k] += e.n
		}
		c.r.wch <- wmsg{tally: t}
		c.tally = c.tally[:0]
	}
	if len(c.batch) > 0 {
		c.r.wch <- wmsg{findings: c.batch}
		c.batch = nil
	}
}

// detJob is a run of one source's segments, with their text copied out
// of the extractor's buffers, for the detect pool.
type detJob struct {
	col   collector
	text  []byte
	segs  []Segment
	spans [][2]int // where each segment's text is in text
	done  *sync.WaitGroup
	found *atomic.Int64
	err   *atomic.Pointer[string] // the first failure of the source's jobs
}

// Job limits: a job is dispatched when its text or its segments reach them.
const (
	jobBytes = 256 << 10
	jobSegs  = 4096
)

// newJob returns an empty job, reusing the buffers of a finished one:
// allocating them afresh for every few thousand CSV cells cost more in
// clearing and collecting memory than the second core gained.
func (r *runner) newJob() *detJob {
	if j, ok := r.jobPool.Get().(*detJob); ok {
		return j
	}
	return &detJob{}
}

// add copies seg into the job and reports whether the job is full.
func (j *detJob) add(seg Segment) bool {
	a := len(j.text)
	j.text = append(j.text, seg.Text...)
	seg.Text = nil
	j.segs = append(j.segs, seg)
	j.spans = append(j.spans, [2]int{a, len(j.text)})
	return len(j.text) >= jobBytes || len(j.segs) >= jobSegs
}

// seal points the segments at the job's copy of their text.
func (j *detJob) seal() {
	for i, sp := range j.spans {
		j.segs[i].Text = j.text[sp[0]:sp[1]:sp[1]]
	}
}

// detector is one goroutine of the detect pool.
func (r *runner) detector() {
	det := r.dets.Get().(DetectFunc)
	defer r.dets.Put(det)
	for j := range r.djobs {
		onMatch := j.col.match
		err := guard(func() error {
			for i := range j.segs {
				j.col.seg = &j.segs[i]
				det(j.col.seg, onMatch)
			}
			return nil
		})
		if err != nil {
			msg := err.Error()
			j.err.CompareAndSwap(nil, &msg)
		}
		j.col.flush()
		j.found.Add(j.col.found)
		done := j.done
		// Keep the buffers, drop what refers to the source.
		clear(j.segs)
		j.col, j.text, j.segs, j.spans, j.done, j.found, j.err = collector{}, j.text[:0], j.segs[:0], j.spans[:0], nil, nil, nil
		r.jobPool.Put(j)
		done.Done()
	}
}

func reason(format string, err error) string {
	return format + ": " + err.Error()
}

// writer stores findings in batches and finishes sources after them.
func (r *runner) writer(ctx context.Context) error {
	var batch []*breachkit.Finding
	var pending []*breachkit.Source
	var werr error
	flush := func() {
		if werr != nil {
			return
		}
		if len(batch) > 0 {
			if r.opt.Store != nil {
				r.storeMu.Lock()
				werr = r.opt.Store.AddFindings(ctx, batch)
				r.storeMu.Unlock()
			}
			if werr == nil && r.opt.Stored != nil {
				r.opt.Stored(append([]*breachkit.Finding(nil), batch...))
			}
			batch = batch[:0]
		}
		for _, s := range pending {
			if werr != nil {
				break
			}
			if r.opt.Store != nil {
				r.storeMu.Lock()
				werr = r.opt.Store.FinishSource(ctx, s)
				r.storeMu.Unlock()
			}
			r.mu.Lock()
			r.sources = append(r.sources, s)
			r.mu.Unlock()
			if r.opt.Sourced != nil {
				r.opt.Sourced(s, false)
			}
		}
		pending = pending[:0]
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-r.wch:
			if !ok {
				flush()
				return werr
			}
			if m.findings != nil {
				batch = append(batch, m.findings...)
			}
			if m.tally != nil {
				r.opt.Tally(m.tally)
			}
			if m.finish != nil {
				pending = append(pending, m.finish)
			}
			if len(batch) >= r.opt.BatchSize || len(pending) >= 256 {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}
