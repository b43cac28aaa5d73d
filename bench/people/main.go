// Command people benchmarks the people resolver at scale: it generates
// N synthetic people (gen.PersonAt) appearing about A times each in
// records with realistic variation (nicknames, typos, initials, missing
// fields, date formats, transposed day and month, former addresses, an
// office phone shared by many), resolves them in memory and prints time,
// memory and quality. Usage:
//
//	go run ./bench/people -people 1000000 -appearances 2.67
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/people"
)

func main() {
	n := flag.Int("people", 1_000_000, "number of people")
	app := flag.Float64("appearances", 40.0/15, "mean records per person")
	seed := flag.Uint64("seed", 1, "seed")
	eval := flag.Bool("eval", true, "compute precision and recall against the truth")
	flag.Parse()
	start := time.Now()
	peak := samplePeakHeap(250 * time.Millisecond)
	opt := people.DefaultOptions()
	opt.KeepRecords, opt.Explain = false, false
	opt.Workers = runtime.GOMAXPROCS(0)
	r := people.NewResolver(opt)

	type lrec struct {
		rec   people.Record
		label uint32
	}
	workers := runtime.GOMAXPROCS(0)
	chans := make([]chan []lrec, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		chans[w] = make(chan []lrec, 4)
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			defer close(chans[w])
			const batch = 4096
			for b := w * batch; b < *n; b += workers * batch {
				var out []lrec
				for i := b; i < min(b+batch, *n); i++ {
					p := gen.PersonAt(*seed, i)
					rng := rand.New(rand.NewPCG(*seed^0xbeef, uint64(i)))
					k := appearances(rng, *app)
					for j := 0; j < k; j++ {
						out = append(out, lrec{variant(rng, p, i, j), uint32(i + 1)})
					}
				}
				chans[w] <- out
			}
		}(w)
	}
	// Consume batches in a fixed order so that runs are reproducible.
	for open := workers; open > 0; {
		open = 0
		for w := 0; w < workers; w++ {
			batch, ok := <-chans[w]
			if !ok {
				continue
			}
			open++
			for k := range batch {
				if *eval {
					r.AddLabeled(&batch[k].rec, batch[k].label)
				} else {
					r.Add(&batch[k].rec)
				}
			}
		}
	}
	wg.Wait()
	genTime := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("generated %d records for %d people in %s (heap %.0f MB)\n", r.Len(), *n, genTime.Round(time.Millisecond), float64(ms.HeapAlloc)/1e6)
	t := time.Now()
	res, err := r.Resolve(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resolve := time.Since(t)
	res.Stats.Print(os.Stdout)
	fmt.Printf("resolve %s, total %s, peak heap in use %.0f MB (sampled every 250 ms; GOMEMLIMIT=%q)\n", resolve.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), float64(peak())/1e6, os.Getenv("GOMEMLIMIT"))
	if *eval {
		m, err := people.Evaluate(res)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		m.Print(os.Stdout)
	}
}

// samplePeakHeap samples the heap in use (live and not yet collected)
// every period and returns a function giving the largest value seen.
func samplePeakHeap(period time.Duration) func() uint64 {
	var mu sync.Mutex
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	go func() {
		for range time.Tick(period) {
			sample()
		}
	}()
	return func() uint64 {
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// appearances draws how many records a person appears in: at least one,
// geometric-like with the given mean.
func appearances(r *rand.Rand, mean float64) int {
	k := 1
	for r.Float64() < 1-1/mean && k < 50 {
		k++
	}
	return k
}

var officePhones = func() []string {
	var out []string
	for i := 0; i < 100; i++ {
		out = append(out, fmt.Sprintf("212-555-%04d", 100+i))
	}
	return out
}()

var dateFormats = []string{"2006-01-02", "01/02/2006", "1/2/2006", "January 2, 2006", "02-Jan-2006"}

// variant returns the j-th record of person p.
func variant(r *rand.Rand, p *gen.Person, idx, j int) people.Record {
	var vals []people.Value
	add := func(e breachkit.Element, part, v string) {
		vals = append(vals, people.Value{Type: e, Part: part, Value: v, Order: int64(len(vals))})
	}
	// Which fields this record shows: a few typical layouts.
	layout := r.IntN(10)
	hasName := layout != 0
	hasDOB := layout >= 3 || r.IntN(3) == 0
	hasTax := layout >= 4 && r.IntN(10) < 8
	hasEmail := layout <= 5 || r.IntN(2) == 0
	hasPhone := r.IntN(10) < 6
	hasAddr := layout >= 2 && r.IntN(10) < 8
	hasAcct := r.IntN(10) < 4
	if hasName {
		given, middle, surname := p.Given, p.Middle, p.Surname
		switch x := r.IntN(100); {
		case x < 14:
			if nn := gazetteer.Nicknames(given); len(nn) > 0 {
				given = nn[r.IntN(len(nn))]
			}
		case x < 19:
			given = typo(r, given)
		case x < 22:
			surname = typo(r, surname)
		}
		switch x := r.IntN(10); {
		case x < 4 && middle != "":
			middle = middle[:1]
		case x < 7:
			middle = ""
		}
		if r.IntN(10) == 0 {
			given, middle, surname = strings.ToUpper(given), strings.ToUpper(middle), strings.ToUpper(surname)
		}
		if r.IntN(2) == 0 {
			add(breachkit.PersonName, "full", strings.Join(strings.Fields(given+" "+middle+" "+surname), " "))
		} else {
			add(breachkit.PersonName, "given", given)
			if middle != "" {
				add(breachkit.PersonName, "middle", middle)
			}
			add(breachkit.PersonName, "surname", surname)
		}
	}
	if hasDOB {
		d, _ := time.Parse("2006-01-02", p.DOB)
		s := d.Format(dateFormats[r.IntN(len(dateFormats))])
		if r.IntN(100) == 0 && d.Day() <= 12 {
			s = fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year()) // day and month transposed
		}
		add(breachkit.DOB, "", s)
	}
	if hasTax {
		v, e := p.TaxID()
		add(breachkit.Element(e), "", v)
	}
	if hasEmail {
		add(breachkit.Email, "", p.Emails[r.IntN(len(p.Emails))])
	}
	if hasPhone {
		if r.IntN(500) == 0 {
			add(breachkit.Phone, "", officePhones[r.IntN(len(officePhones))])
		} else {
			add(breachkit.Phone, "", p.Phones[r.IntN(len(p.Phones))])
		}
	}
	if hasAddr {
		a := p.Addresses[0]
		if len(p.Addresses) > 1 && r.IntN(3) == 0 {
			a = p.Addresses[1]
		}
		if r.IntN(2) == 0 {
			add(breachkit.Address, "full", a.Full())
		} else {
			add(breachkit.Address, "street", a.Street)
			if a.Unit != "" {
				add(breachkit.Address, "unit", a.Unit)
			}
			add(breachkit.Address, "city", a.City)
			add(breachkit.Address, "state", a.State)
			add(breachkit.Address, "zip", a.ZIP)
		}
	}
	if hasAcct {
		switch r.IntN(4) {
		case 0:
			add(breachkit.CardNumber, "", p.Card)
		case 1:
			add(breachkit.BankAccount, "", p.BankAccount)
		case 2:
			add(breachkit.DriversLicense, "", p.DriversLicense)
		default:
			add(breachkit.Element("CUSTOM_LOAN_NUMBER"), "", p.LoanNumber)
		}
	}
	return people.BuildRecord(fmt.Sprintf("r%d-%d", idx, j), vals)
}

func typo(r *rand.Rand, s string) string {
	if len(s) < 4 {
		return s
	}
	b := []byte(s)
	i := 1 + r.IntN(len(b)-2)
	switch r.IntN(3) {
	case 0:
		b[i], b[i+1] = b[i+1], b[i]
		return string(b)
	case 1:
		return string(b[:i]) + string(b[i+1:])
	}
	return string(b[:i+1]) + string(b[i:])
}
