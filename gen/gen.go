// Package gen writes a synthetic breach: the files an attacker took from
// a fictional mortgage servicer (DIR/stolen/...) and the exact ground truth
// of every personal value and every decoy in them (DIR/truth/...). The
// scanner and the people resolver of breachkit are evaluated against it.
//
// Every person is derived from (seed, index) alone (see PersonAt), so
// output is byte-identical for a seed and memory stays flat however many
// people are generated: people are streamed once, in index order, into all
// files at the same time; only small bounded batches (an e-mail, a memo, a
// PDF of at most 250 pages, an XLSX stream) are held.
//
// Layout of DIR/truth:
//
//   - people.jsonl: one Person per line.
//   - occurrences.jsonl: one Occurrence per personal value written.
//   - decoys.jsonl: one Decoy per deliberate look-alike that is not
//     personal data (or, for zip-in-9-digit-column, not an SSN).
//   - manifest.json: seed, people, counts per file, type and decoy kind.
//
// Paths in the truth are relative to DIR and use "/". A file inside an
// archive or attached to an e-mail is named "outer!/inner", with offsets
// into the inner file's own bytes; nesting repeats the separator
// ("stolen/backups/backup.zip!/archive/old_exports.zip!/customers_2016.tsv").
// All names, numbers and addresses are generated; e-mail addresses use
// reserved example domains. Nothing describes a real person.
package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Options configures Generate.
type Options struct {
	// Out is the output folder DIR; stolen/ and truth/ are created in it.
	Out string
	// People is the number of people N (at least 1).
	People int
	// Seed selects the data set; the same seed gives identical files.
	Seed uint64
	// Force allows writing when DIR/stolen or DIR/truth is not empty:
	// both are then removed first.
	Force bool
	// Progress, if set, is called now and then with the number of people
	// written so far and the total.
	Progress func(done, total int)
}

// Stats summarises what Generate wrote.
type Stats struct {
	// Files is the number of files in DIR/stolen (an archive counts once).
	Files int
	// Bytes is their total size.
	Bytes int64
	// Occurrences is the number of lines of truth/occurrences.jsonl.
	Occurrences int64
	// Decoys is the number of lines of truth/decoys.jsonl.
	Decoys int64
}

// Chunk sizes: records per file for the growing file families.
const (
	rowsPerExport  = 50_000
	notesPerFile   = 20_000
	peoplePerLog   = 100_000
	pagesPerPDF    = 250
	peoplePerMemo  = 25
	peoplePerList  = 20
	rowsPerXLSX    = 50_000
	progressPeriod = 1024
)

// family is a growing set of text files fed by a share of the people.
type family struct {
	chunked
	label  uint64
	rate   float64
	write  func(g *generator, s *textSink, n int, p *Person, r *rand.Rand)
	force  bool // may be chosen for people who fell into no other family
	ensure bool // the file is written even if nobody falls into it
}

type generator struct {
	out, stage string
	seed       uint64
	n          int
	truth      *truthWriter
	open       map[*textSink]bool
	sizes      map[string]int64
	files      int
	bytes      int64

	people   *atomicFile
	peopleW  *bufio.Writer
	families []*family

	xlsxRate, pdfRate, memoRate, mailRate float64
	xlsx                                  *xlsxBook
	xlsxK                                 int
	pdf                                   *pdfDoc
	pdfK                                  int
	memoP                                 []*Person
	memoR                                 []*rand.Rand
	memoK                                 int
	mailP                                 []*Person
	mailR                                 []*rand.Rand
	mailK                                 int
}

func (g *generator) addFile(path string, n int64) {
	g.sizes[path] = n
	g.files++
	g.bytes += n
}

// rng returns the random source of person idx for one purpose.
func (g *generator) rng(idx int, label uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^0x5eed, mix(uint64(idx), label)))
}

// share returns the fraction of people that go into a family: base, but
// enough for at least min people when N is small.
func share(n int, base float64, min int) float64 {
	if f := float64(min) / float64(n); f > base {
		if f > 1 {
			return 1
		}
		return f
	}
	return base
}

// Generate writes the synthetic breach for opt into opt.Out. It refuses a
// non-empty Out/stolen or Out/truth unless opt.Force is set. On error or
// cancellation the files completed so far are left in place and the truth
// is not written.
func Generate(ctx context.Context, opt Options) (Stats, error) {
	if opt.Out == "" {
		return Stats{}, errors.New("gen: no output folder")
	}
	if opt.People < 1 {
		return Stats{}, fmt.Errorf("gen: people must be at least 1, not %d", opt.People)
	}
	if err := gazetteerErr(); err != nil {
		return Stats{}, err
	}
	for _, sub := range []string{"stolen", "truth"} {
		dir := filepath.Join(opt.Out, sub)
		ents, err := os.ReadDir(dir)
		if err != nil && !os.IsNotExist(err) {
			return Stats{}, fmt.Errorf("gen: %w", err)
		}
		if len(ents) > 0 {
			if !opt.Force {
				return Stats{}, fmt.Errorf("gen: %s is not empty; choose another folder or force overwriting", dir)
			}
			if err := os.RemoveAll(dir); err != nil {
				return Stats{}, fmt.Errorf("gen: clearing %s: %w", dir, err)
			}
		}
	}
	g := &generator{out: opt.Out, seed: opt.Seed, n: opt.People, open: map[*textSink]bool{}, sizes: map[string]int64{},
		stage: filepath.Join(opt.Out, ".gen-staging")}
	os.RemoveAll(g.stage)
	for _, d := range []string{"stolen", "truth", ".gen-staging"} {
		if err := os.MkdirAll(filepath.Join(opt.Out, d), 0o755); err != nil {
			return Stats{}, fmt.Errorf("gen: %w", err)
		}
	}
	defer os.RemoveAll(g.stage)
	var err error
	if g.truth, err = newTruthWriter(filepath.Join(opt.Out, "truth")); err != nil {
		return Stats{}, fmt.Errorf("gen: %w", err)
	}
	if g.people, err = createAtomic(filepath.Join(opt.Out, "truth", "people.jsonl")); err != nil {
		g.truth.abort()
		return Stats{}, fmt.Errorf("gen: %w", err)
	}
	g.peopleW = bufio.NewWriterSize(g.people.f, 1<<20)
	if err := g.run(ctx, opt.Progress); err != nil {
		for s := range g.open {
			s.abort()
		}
		g.truth.abort()
		g.people.Abort()
		return Stats{}, err
	}
	return Stats{Files: g.files, Bytes: g.bytes, Occurrences: g.truth.nOcc, Decoys: g.truth.nDec}, nil
}

func (g *generator) setup() {
	n := g.n
	fam := func(pattern string, max int, rate float64, label string, force bool,
		head func(s *textSink, k int), foot func(s *textSink),
		write func(g *generator, s *textSink, n int, p *Person, r *rand.Rand)) *family {
		f := &family{label: strKey(label), rate: rate, write: write, force: force}
		f.chunked = chunked{g: g, max: max, head: head, foot: foot, name: func(k int) string { return chunkName(pattern, k) }}
		if max == 0 {
			f.chunked.max = int(^uint(0) >> 1)
			f.chunked.name = func(int) string { return pattern }
		}
		g.families = append(g.families, f)
		return f
	}
	csvFam := func(pattern string, max int, rate float64, label string, force bool, styles ...csvStyle) {
		var f *family
		f = fam(pattern, max, rate, label, force,
			func(s *textSink, k int) { styles[(k-1)%len(styles)].header(s) }, nil,
			func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
				s.record = s.path + "#row=" + strconv.Itoa(n)
				g.csvRecord(s, styles[(f.k-1)%len(styles)], p, r)
			})
	}
	csvFam("stolen/exports/customers_NNNN.csv", rowsPerExport, 1, "customers", false, styleCustomersA, styleCustomersB)
	csvFam("stolen/exports/crm_contacts_NNNN.csv", rowsPerExport, share(n, 0.15, 30), "crm", true, styleCustomersC)
	csvFam("stolen/exports/legacy_borrowers_NNNN.tsv", rowsPerExport, share(n, 0.20, 30), "legacy", true, styleLegacy)
	csvFam("stolen/exports/servicing_transfer_NNNN.csv", rowsPerExport, share(n, 0.10, 30), "transfer", true, styleTransfer)
	fam("stolen/api/borrowers_NNNN.json", rowsPerExport, share(n, 0.20, 30), "json", true,
		func(s *textSink, k int) {
			s.raw("{\n  \"source\": \"servicing-api v2\",\n  \"exportedAt\": \"2025-06-29T23:00:00Z\",\n  \"page\": " + strconv.Itoa(k) + ",\n  \"borrowers\": [\n")
		},
		func(s *textSink) { s.raw("\n  ]\n}\n") },
		func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
			s.record = s.path + "#borrowers[" + strconv.Itoa(n-1) + "]"
			g.jsonBorrower(s, n == 1, p, r)
		})
	fam("stolen/api/events_NNNN.ndjson", rowsPerExport, share(n, 0.10, 30), "ndjson", true, nil, nil,
		func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
			s.record = s.path + "#line=" + strconv.Itoa(s.line)
			g.ndjsonEvent(s, p, r)
		})
	fam("stolen/notes/servicing_notes_NNNN.txt", notesPerFile, share(n, 0.10, 30), "notes", true, nil, nil,
		func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
			s.record = s.path + "#note=" + strconv.Itoa(n)
			g.note(s, p, r)
		})
	logWrite := func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
		g.logLines(s, p, r, func() string { return s.path + "#line=" + strconv.Itoa(s.line) })
	}
	fam("stolen/logs/app_NNNN.log", peoplePerLog, share(n, 0.08, 30), "logs", true, nil, nil, logWrite)
	fam("stolen/db/servicing_dump_NNNN.sql", rowsPerExport, share(n, 0.25, 30), "sql", true,
		func(s *textSink, k int) { s.raw(sqlHead) },
		func(s *textSink) { s.raw(";\nUNLOCK TABLES;\n-- Dump completed on 2025-06-28  2:00:00\n") },
		func(g *generator, s *textSink, n int, p *Person, r *rand.Rand) {
			s.record = s.path + "#row=" + strconv.Itoa(n)
			g.sqlRow(s, n, p, r)
		})
	// Files inside archives (single files, staged and packed at the end).
	csvFam(zip2019, 0, share(n, 0.08, 20), "old2019", false, styleOld2019)
	csvFam(zip2016, 0, share(n, 0.04, 15), "old2016", false, styleOld2016)
	fam(tarLog, 0, share(n, 0.04, 15), "tarlog", false, nil, nil, logWrite)
	csvFam(tarMarketing, 0, share(n, 0.06, 15), "marketing", false, styleMarketing)

	for _, f := range g.families {
		if f.max == int(^uint(0)>>1) { // archive members exist even when empty
			f.ensure = true
		}
	}
	g.xlsxRate = share(n, float64(min(n, 1000+n/100))/float64(n), 0)
	g.pdfRate = share(n, float64(min(n, 60+n/2000))/float64(n), 0)
	g.memoRate = share(n, float64(min(n, 100+n/5000))/float64(n), 0)
	g.mailRate = share(n, float64(min(n, 80+n/2000))/float64(n), 0)
}

// Paths of the archives and their members.
const (
	zipBackup    = "stolen/backups/backup.zip"
	zip2019      = zipBackup + "!/exports/customers_2019.csv"
	zipNested    = zipBackup + "!/archive/old_exports.zip"
	zip2016      = zipNested + "!/customers_2016.tsv"
	tarNightly   = "stolen/backups/nightly.tar.gz"
	tarLog       = tarNightly + "!/var/log/app/app.log"
	tarMarketing = tarNightly + "!/exports/marketing_list.csv"
)

func (g *generator) run(ctx context.Context, progress func(done, total int)) error {
	g.setup()
	labelSel := strKey("membership")
	for i := 0; i < g.n; i++ {
		if i%progressPeriod == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil && i > 0 {
				progress(i, g.n)
			}
		}
		p := PersonAt(g.seed, i)
		if err := g.person(p, g.rng(i, labelSel)); err != nil {
			return err
		}
	}
	if err := g.finish(); err != nil {
		return err
	}
	if progress != nil {
		progress(g.n, g.n)
	}
	return nil
}

// person writes p into every file it belongs to.
func (g *generator) person(p *Person, sel *rand.Rand) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	g.peopleW.Write(data)
	g.peopleW.WriteByte('\n')

	in := make([]bool, len(g.families))
	extra := 0
	for j, f := range g.families {
		in[j] = sel.Float64() < f.rate
		if in[j] && f.force {
			extra++
		}
	}
	if extra == 0 { // everybody shows up in at least one file besides the main export
		var forced []int
		for j, f := range g.families {
			if f.force {
				forced = append(forced, j)
			}
		}
		in[forced[sel.IntN(len(forced))]] = true
	}
	for j, f := range g.families {
		if !in[j] {
			continue
		}
		s, n, err := f.next()
		if err != nil {
			return err
		}
		s.person = p.ID
		f.write(g, s, n, p, g.rng(p.idx, f.label))
	}
	if sel.Float64() < g.xlsxRate {
		if err := g.addXLSX(p); err != nil {
			return err
		}
	}
	if sel.Float64() < g.pdfRate {
		if err := g.addPDF(p); err != nil {
			return err
		}
	}
	if sel.Float64() < g.memoRate {
		g.memoP = append(g.memoP, p)
		g.memoR = append(g.memoR, g.rng(p.idx, strKey("memo")))
		if len(g.memoP) == peoplePerMemo {
			if err := g.flushMemo(); err != nil {
				return err
			}
		}
	}
	if sel.Float64() < g.mailRate {
		if err := g.addMail(p); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) addXLSX(p *Person) error {
	if g.xlsx != nil && g.xlsx.row-1 >= rowsPerXLSX {
		if err := g.xlsx.close(); err != nil {
			return err
		}
		g.xlsx = nil
	}
	if g.xlsx == nil {
		g.xlsxK++
		b, err := g.newXLSX(chunkName("stolen/escrow/escrow_analysis_NNNN.xlsx", g.xlsxK))
		if err != nil {
			return err
		}
		g.xlsx = b
	}
	return g.xlsx.add(p, g.rng(p.idx, strKey("xlsx")))
}

func (g *generator) addPDF(p *Person) error {
	if g.pdf != nil && g.pdf.pages >= pagesPerPDF {
		if err := g.closePDF(g.pdf); err != nil {
			return err
		}
		g.pdf = nil
	}
	if g.pdf == nil {
		g.pdfK++
		g.pdf = &pdfDoc{path: chunkName("stolen/statements/statements_NNNN.pdf", g.pdfK), pdf: newPDF()}
	}
	g.statementPage(g.pdf.pdf, g.pdf.path, p, g.rng(p.idx, strKey("pdf")))
	g.pdf.pages++
	return g.pdf.pdf.Error()
}

func (g *generator) flushMemo() error {
	if len(g.memoP) == 0 {
		return nil
	}
	g.memoK++
	path := chunkName("stolen/letters/hardship_memo_NNNN.docx", g.memoK)
	err := g.writeDOCX(path, memoParas(g.memoK, g.memoP, g.memoR))
	g.memoP, g.memoR = g.memoP[:0], g.memoR[:0]
	return err
}

// addMail: every third message is an internal list with a CSV of
// peoplePerList people; the others are statements sent to one borrower.
func (g *generator) addMail(p *Person) error {
	r := g.rng(p.idx, strKey("mail"))
	if (g.mailK+1)%3 != 1 {
		g.mailK++
		return g.writeStatementMail(g.mailK, p, r)
	}
	g.mailP = append(g.mailP, p)
	g.mailR = append(g.mailR, r)
	if len(g.mailP) == peoplePerList {
		return g.flushMail()
	}
	return nil
}

func (g *generator) flushMail() error {
	if len(g.mailP) == 0 {
		return nil
	}
	g.mailK++
	err := g.writeListMail(g.mailK, g.mailP, g.mailR)
	g.mailP, g.mailR = g.mailP[:0], g.mailR[:0]
	return err
}

func (g *generator) finish() error {
	for _, f := range g.families {
		if f.ensure && f.k == 0 {
			if _, _, err := f.next(); err != nil {
				return err
			}
			f.n, f.total = 0, 0
		}
		if err := f.finish(); err != nil {
			return err
		}
	}
	if g.xlsx != nil {
		if err := g.xlsx.close(); err != nil {
			return err
		}
	}
	if g.pdf != nil {
		if err := g.closePDF(g.pdf); err != nil {
			return err
		}
	}
	if err := g.flushMemo(); err != nil {
		return err
	}
	if err := g.flushMail(); err != nil {
		return err
	}
	if err := g.packZip(zipNested, []member{{"customers_2016.tsv", zip2016}}); err != nil {
		return err
	}
	if err := g.packZip(zipBackup, []member{{"exports/customers_2019.csv", zip2019}, {"archive/old_exports.zip", zipNested}}); err != nil {
		return err
	}
	if err := g.packTarGz(tarNightly, []member{{"var/log/app/app.log", tarLog}, {"exports/marketing_list.csv", tarMarketing}}); err != nil {
		return err
	}
	if err := g.peopleW.Flush(); err != nil {
		return err
	}
	if err := g.people.Commit(); err != nil {
		return err
	}
	if err := g.truth.commit(); err != nil {
		return err
	}
	m := manifest{
		Generator: "breachkit gen 1", Seed: g.seed, People: g.n, RefDate: RefDate.Format("2006-01-02"),
		Files: g.files, Bytes: g.bytes, CustomTypes: []string{tLoan},
		LocationForms: map[string]string{
			"text": "start/end: byte offsets into the file's own bytes (inner file for archive!/member paths)",
			"xlsx": "sheet/cell", "pdf": "page (1-based)", "docx": "paragraph (0-based index of w:p in w:body)",
		},
	}
	return g.truth.writeManifest(filepath.Join(g.out, "truth"), m, g.sizes)
}
