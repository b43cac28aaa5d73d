package notify

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/pdf"
)

// LetterResult says what a print run did.
type LetterResult struct {
	Batches   []string // the PDF files written, in order
	Letters   int
	Pages     int
	Recovered int // letters of an interrupted run found complete on disk
	Failed    int // letters that could not be composed (see their notices)
	Lossy     int // letters with characters the font could not print
}

// LetterOptions say where and how letters are printed.
type LetterOptions struct {
	Dir       string // the folder for batches and manifests
	BatchSize int    // letters per file; default 5000
	Compress  bool   // compress page streams: half the size, half the speed
	Workers   int    // batches printed in parallel; default 1
	Now       time.Time
}

// LetterID is the printed identifier of a letter: it appears in the
// address window and in the mail-house manifest, and holds no personal
// data.
func LetterID(n *breachkit.Notice) string { return fmt.Sprintf("BK%d-%08d", n.CaseID, n.ID) }

var batchFile = regexp.MustCompile(`^batch-(\d{6})\.csv$`)

// RenderLetters prints every planned letter of the case into PDF batches
// of batchSize letters in dir, each with a manifest CSV for the mail
// house (letter id, batch, file, page, pages, jurisdiction, name and
// address lines). Both files of a batch are written atomically, the
// manifest last, and only then are the letters recorded as sent, so that
// a run stopped at any point is finished by the next: letters recorded
// as sending are looked up in the manifests on disk and are either
// recorded as printed or printed again. The files hold names and
// addresses in plaintext, because a mail house needs them; they are
// written with mode 0600 and belong on an encrypted volume.
func RenderLetters(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, comp *Composer, opt LetterOptions) (*LetterResult, error) {
	dir, batchSize, now := opt.Dir, opt.BatchSize, opt.Now
	if batchSize <= 0 {
		batchSize = 5000
	}
	if now.IsZero() {
		now = time.Now()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	res := &LetterResult{}
	done, last, err := readManifests(dir)
	if err != nil {
		return nil, err
	}
	r := &renderer{store: store, c: c, keys: keys, comp: comp, dir: dir, now: now, res: res, compress: opt.Compress}
	if err := r.loadPeople(ctx); err != nil {
		return nil, err
	}
	// Letters an interrupted run claimed: printed if a manifest lists
	// them, else printed now.
	var stale []*breachkit.Notice
	err = store.Notices(ctx, c.ID, breachkit.ChannelMail, breachkit.NoticeSending, func(n *breachkit.Notice) error {
		stale = append(stale, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var found []*breachkit.Notice
	var redo []*breachkit.Notice
	for _, n := range stale {
		if m, ok := done[LetterID(n)]; ok {
			n.Status, n.Batch, n.MessageID, n.Detail, n.UpdatedAt = breachkit.NoticeSent, m.batch, LetterID(n), m.where, now
			found = append(found, n)
		} else {
			redo = append(redo, n)
		}
	}
	if len(found) > 0 {
		if err := store.UpdateNotices(ctx, found...); err != nil {
			return nil, err
		}
		res.Recovered = len(found)
	}
	for len(redo) > 0 {
		k := min(batchSize, len(redo))
		last++
		if err := r.batch(ctx, last, redo[:k]); err != nil {
			return res, err
		}
		redo = redo[k:]
	}
	// Workers each claim a batch, number it and print it; batches are
	// independent, so they print in parallel.
	workers := max(opt.Workers, 1)
	var claimMu sync.Mutex
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				claimMu.Lock()
				ns, err := store.ClaimNotices(ctx, c.ID, breachkit.ChannelMail, batchSize, 1, now)
				last++
				num := last
				claimMu.Unlock()
				if err != nil || len(ns) == 0 {
					errs[w] = err
					return
				}
				if err := r.batch(ctx, num, ns); err != nil {
					errs[w] = err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	sort.Strings(res.Batches)
	return res, errors.Join(errs...)
}

type renderer struct {
	store  breachkit.Store
	c      *breachkit.Case
	keys   Keys
	comp   *Composer
	dir    string
	now    time.Time
	res    *LetterResult
	combos []breachkit.ElementSet
	combo  map[int64]uint16 // person ID → index into combos
	// compress compresses the PDF page streams.
	compress bool
	mu       sync.Mutex // guards res
}

// loadPeople keeps the exposed elements of every person, interned, so
// that a batch needs no query per letter.
func (r *renderer) loadPeople(ctx context.Context) error {
	r.combo = map[int64]uint16{}
	index := map[string]uint16{}
	return r.store.People(ctx, r.c.ID, false, func(p *breachkit.Person) error {
		k := p.Elements.String()
		i, ok := index[k]
		if !ok {
			i = uint16(len(r.combos))
			index[k] = i
			r.combos = append(r.combos, p.Elements)
		}
		r.combo[p.ID] = i
		return nil
	})
}

// batch prints one batch and records its letters as sent.
func (r *renderer) batch(ctx context.Context, num int, ns []*breachkit.Notice) error {
	ids := make([]int64, 0, len(ns))
	for _, n := range ns {
		ids = append(ids, n.PersonID)
	}
	codes, err := r.store.CodesOf(ctx, r.c.ID, ids)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("batch-%06d", num)
	b := pdf.NewBatch(r.now)
	b.Compress(r.compress)
	rows := [][]string{{"letter_id", "batch", "file", "page", "pages", "jurisdiction", "name", "address_1", "address_2", "address_3", "address_4"}}
	var printed, failed []*breachkit.Notice
	for _, n := range ns {
		l, to, err := r.letter(n, codes[n.PersonID])
		if err != nil {
			n.Status, n.Detail, n.UpdatedAt = breachkit.NoticeFailed, err.Error(), r.now
			failed = append(failed, n)
			continue
		}
		first, pages, err := b.Add(l)
		if err != nil {
			return err
		}
		row := []string{l.ID, strconv.Itoa(num), name + ".pdf", strconv.Itoa(first), strconv.Itoa(pages), n.Variant, to.Name}
		for i := 0; i < 4; i++ {
			v := ""
			if i < len(to.Address) {
				v = to.Address[i]
			}
			row = append(row, v)
		}
		rows = append(rows, row)
		n.Status, n.Batch, n.MessageID, n.UpdatedAt = breachkit.NoticeSent, num, l.ID, r.now
		n.Detail = fmt.Sprintf("%s.pdf page %d", name, first)
		printed = append(printed, n)
	}
	if len(printed) > 0 {
		if err := b.WriteFile(filepath.Join(r.dir, name+".pdf")); err != nil {
			return err
		}
		var sb strings.Builder
		w := csv.NewWriter(&sb)
		if err := w.WriteAll(rows); err != nil {
			return err
		}
		if err := pdf.WriteAtomic(filepath.Join(r.dir, name+".csv"), []byte(sb.String())); err != nil {
			return err
		}
		r.mu.Lock()
		r.res.Batches = append(r.res.Batches, name+".pdf")
		r.res.Letters += len(printed)
		r.res.Pages += b.Pages()
		r.res.Lossy += b.Lossy()
		r.mu.Unlock()
	}
	r.mu.Lock()
	r.res.Failed += len(failed)
	r.mu.Unlock()
	return r.store.UpdateNotices(ctx, append(printed, failed...)...)
}

// letter composes the letter of one notice.
func (r *renderer) letter(n *breachkit.Notice, code *breachkit.MonitoringCode) (*breachkit.Letter, mailTo, error) {
	var to mailTo
	pt, err := r.keys.Open(breachkit.Address, n.Recipient)
	if err != nil {
		return nil, to, fmt.Errorf("recipient: %w", err)
	}
	if err := json.Unmarshal(pt, &to); err != nil {
		return nil, to, fmt.Errorf("recipient: %w", err)
	}
	p := Person{Recipient: Recipient{Name: to.Name, Address: to.Address, Child: to.Child}, Jurisdiction: n.Variant}
	if i, ok := r.combo[n.PersonID]; ok {
		p.Elements = r.combos[i]
	} else {
		return nil, to, fmt.Errorf("person %d is no longer in the case (people was re-run after planning)", n.PersonID)
	}
	if code != nil {
		v, err := r.keys.Open(breachkit.MonitoringCodeElement, code.Value)
		if err != nil {
			return nil, to, fmt.Errorf("monitoring code: %w", err)
		}
		p.Code, p.MinorsCode = string(v), r.comp.cfg.Monitoring.minorsCode(code)
	}
	l, err := r.comp.Compose(LetterID(n), p)
	return l, to, err
}

type printedLetter struct {
	batch int
	where string
}

// readManifests returns the letters listed in the finished batches of
// dir and the highest batch number.
func readManifests(dir string) (map[string]printedLetter, int, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, err
	}
	out := map[string]printedLetter{}
	last := 0
	var names []string
	for _, e := range ents {
		if batchFile.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		num, _ := strconv.Atoi(batchFile.FindStringSubmatch(name)[1])
		last = max(last, num)
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, 0, err
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".csv")+".pdf")); errors.Is(err, os.ErrNotExist) {
			return nil, 0, fmt.Errorf("%s: the manifest has no PDF beside it; restore the file or move the manifest away", name)
		}
		for _, row := range rows[1:] {
			if len(row) >= 4 {
				out[row[0]] = printedLetter{batch: num, where: row[2] + " page " + row[3]}
			}
		}
	}
	return out, last, nil
}
