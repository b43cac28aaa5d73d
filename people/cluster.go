package people

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Link rules.
const (
	ruleTax   = 1 // same valid SSN or ITIN
	ruleEmail = 2 // same e-mail and compatible name
	ruleFS    = 3 // Fellegi–Sunter weight over the threshold
	ruleIdent = 4 // same phone, card, account or licence, pointing to one person
	// ruleNameOnly joins records holding the same full name and nothing
	// else, or the same address and nothing else
	ruleNameOnly = 5
)

var ruleNames = map[uint8]string{ruleTax: "same-tax-id", ruleEmail: "same-email+compatible-name", ruleFS: "fellegi-sunter",
	ruleIdent: "same-identifier+one-person", ruleNameOnly: "same-name-or-address-nothing-else"}

// link is an accepted link between two records.
type link struct {
	a, b uint32
	w    float32
	p    pattern
	rule uint8
}

// unionFind is a disjoint-set forest with the guards of the resolver.
type unionFind struct {
	parent []uint32
	size   []uint32
	tax    []uint32 // per root: 1 + position in fp of a valid SSN, 0 = none
	itin   []uint32 // per root: 1 + position in fp of a valid ITIN, 0 = none
	dob    []uint32 // per root: a date of birth
	gen    []uint8  // per root: a generational suffix code
	fp     []uint64 // the resolver's ident fingerprints (Resolver.idFP)
}

func (u *unionFind) find(x uint32) uint32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// Refusal reasons of union.
const (
	okUnion = iota
	sameSet
	refusedTax
	refusedDOB
	refusedGen
)

// generationApart reports whether two birth dates (YYYYMMDD) are a
// generation apart, fifteen years or more, on another month and another
// day: two people whatever else they share. A date mistyped or garbled
// keeps most of its digits; a father's and a son's share none of the
// day, month and decade.
func generationApart(a, b uint32) bool {
	if a == 0 || b == 0 {
		return false
	}
	ya, yb := a/10000, b/10000
	years := ya - yb
	if yb > ya {
		years = yb - ya
	}
	return years >= 15 && a/100%100 != b/100%100 && a%100 != b%100
}

// union joins the sets of a and b unless that would put two different
// valid SSNs (or two different ITINs) in one set, two clearly different
// dates of birth (checkDOB: a link whose pair did not weigh its own), or
// two different generations, Jr. and Sr. (checkGen: every link but the
// same tax ID's).
func (u *unionFind) union(a, b uint32, checkDOB, checkGen bool) int {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return sameSet
	}
	if ta, tb := u.tax[ra], u.tax[rb]; ta != 0 && tb != 0 && u.fp[ta-1] != u.fp[tb-1] {
		return refusedTax
	}
	if ta, tb := u.itin[ra], u.itin[rb]; ta != 0 && tb != 0 && u.fp[ta-1] != u.fp[tb-1] {
		return refusedTax
	}
	if checkDOB && dobLevel(u.dob[ra], u.dob[rb]) == 3 {
		return refusedDOB
	}
	if checkGen && u.gen[ra] != 0 && u.gen[rb] != 0 && u.gen[ra] != u.gen[rb] {
		return refusedGen
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	if u.tax[ra] == 0 {
		u.tax[ra] = u.tax[rb]
	}
	if u.itin[ra] == 0 {
		u.itin[ra] = u.itin[rb]
	}
	if u.dob[ra] == 0 {
		u.dob[ra] = u.dob[rb]
	}
	if u.gen[ra] == 0 {
		u.gen[ra] = u.gen[rb]
	}
	return okUnion
}

// Stats describes a resolution run.
type Stats struct {
	Records    int     `json:"records"`
	People     int     `json:"people"`
	Threshold  float64 `json:"threshold"`
	Candidates int64   `json:"candidate_pairs"`
	Compared   int64   `json:"compared_pairs"`
	// Links counts the accepted links by rule.
	Links map[string]int `json:"links"`
	// Refused counts unions refused by the guards: "different-ssn",
	// "different-dob" and "different-generation".
	Refused map[string]int `json:"refused"`
	// TaxNameConflicts counts records sharing a tax ID with a record of
	// a clearly different person (not linked on that ID).
	TaxNameConflicts int `json:"tax_name_conflicts"`
	// Unattached counts the records left out as naming no one: only
	// diagnoses, card codes, routing numbers and the like.
	Unattached int `json:"unattached_records"`
	// Generic counts identifier values treated as generic, by kind.
	Generic map[string]int `json:"generic_values"`
	// EMIterations is how many EM rounds ran; MatchShare the estimated
	// share of matches among candidate pairs.
	EMIterations int                           `json:"em_iterations"`
	MatchShare   float64                       `json:"match_share"`
	Weights      map[string]map[string]float64 `json:"weights"`
	Timings      map[string]string             `json:"timings"`
}

// Result is the outcome of Resolve.
type Result struct {
	Stats Stats
	// Cluster gives for each record, in the order added, the index (in
	// the order added) of its person's first record in canonical order:
	// the same records give the same clusters in whatever order they
	// were added.
	Cluster []uint32
	links   []link
	r       *Resolver
}

// cand is a candidate pair over the threshold.
type cand struct {
	a, b uint32
	w    float32
	p    pattern
}

// cmpCand orders candidates strongest first, then by position: a total
// order on distinct pairs.
func cmpCand(x, y cand) int {
	if c := cmp.Compare(y.w, x.w); c != 0 {
		return c
	}
	if c := cmp.Compare(x.a, y.a); c != 0 {
		return c
	}
	return cmp.Compare(x.b, y.b)
}

// sortCands sorts each part, workers at a time.
func sortCands(parts [][]cand, workers int) {
	var wg sync.WaitGroup
	next := make(chan []cand)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				slices.SortFunc(p, cmpCand)
			}
		}()
	}
	for _, p := range parts {
		next <- p
	}
	close(next)
	wg.Wait()
}

// mergeCands calls fn with the candidates of the sorted parts in cmpCand
// order, releasing each part when it is used up.
func mergeCands(parts [][]cand, fn func(cand)) {
	for {
		best := -1
		for i, p := range parts {
			if len(p) > 0 && (best < 0 || cmpCand(p[0], parts[best][0]) < 0) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		fn(parts[best][0])
		parts[best] = parts[best][1:]
		if len(parts[best]) == 0 {
			parts[best] = nil
		}
	}
}

type entry struct {
	key uint64
	sec uint32
	idx uint32
}

func cmpEntry(a, b entry) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

// sortEntries sorts in parallel halves and merges into *spare, which
// then holds the input's array for the next call: two buffers serve every
// pass instead of a new one per merge.
func sortEntries(es []entry, spare *[]entry, workers int) []entry {
	if workers < 2 || len(es) < 1<<16 {
		slices.SortFunc(es, cmpEntry)
		return es
	}
	h := len(es) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { slices.SortFunc(es[:h], cmpEntry); wg.Done() }()
	slices.SortFunc(es[h:], cmpEntry)
	wg.Wait()
	out := (*spare)[:0]
	if cap(out) < len(es) {
		out = make([]entry, 0, len(es)+len(es)/8)
	}
	i, j := 0, h
	for i < h && j < len(es) {
		if cmpEntry(es[i], es[j]) <= 0 {
			out = append(out, es[i])
			i++
		} else {
			out = append(out, es[j])
			j++
		}
	}
	out = append(out, es[i:h]...)
	out = append(out, es[j:]...)
	*spare = es[:0]
	return out
}

// groups calls fn for each run of entries with the same key.
func groups(es []entry, fn func(g []entry)) {
	for s := 0; s < len(es); {
		e := s + 1
		for e < len(es) && es[e].key == es[s].key {
			e++
		}
		fn(es[s:e])
		s = e
	}
}

// identEntries returns an entry per ident of the given kinds.
func (r *Resolver) identEntries(buf []entry, kinds ...uint8) []entry {
	buf = buf[:0]
	for i := range r.recs {
		c := &r.recs[i]
		for k := c.idOff; k < c.idOff+uint32(c.idN); k++ {
			if slices.Contains(kinds, r.idKind[k]) && !r.generic[k] {
				buf = append(buf, entry{key: r.idFP[k], idx: uint32(i)})
			}
		}
	}
	return buf
}

// isGeneric reports whether the records of a group sharing one value look
// like several different people: two different valid tax IDs, four
// clearly different dates of birth, five clearly different surnames, or
// three of each.
func (r *Resolver) isGeneric(g []entry) bool {
	if len(g) < 3 {
		// Two records: a conflict between them is the matcher's business.
		return false
	}
	if len(g) > r.opt.MaxShare {
		return true
	}
	var taxes [2]uint64
	nt := 0
	var dobs [4]uint32
	nd := 0
	var surs [5]uint32
	ns := 0
	tooMany := func() bool { return nt >= 2 || nd >= 4 || ns >= 5 || (nd >= 3 && ns >= 3) }
	for _, e := range g {
		c := &r.recs[e.idx]
		if t, _ := r.tax(e.idx); t != 0 && (nt == 0 || taxes[0] != t) {
			taxes[nt] = t
			nt++
		}
		if c.dob != 0 {
			far := true
			for _, d := range dobs[:nd] {
				if dobLevel(d, c.dob) != 3 {
					far = false
					break
				}
			}
			if far {
				dobs[nd] = c.dob
				nd++
			}
		}
		if c.surname != 0 {
			far := true
			for _, s := range surs[:ns] {
				if r.surnameLevel(s, c.surname) != 3 {
					far = false
					break
				}
			}
			if far {
				surs[ns] = c.surname
				ns++
			}
		}
		if tooMany() {
			return true
		}
	}
	return false
}

var kindNames = map[uint8]string{kSSN: "SSN", kITIN: "ITIN", kTaxOther: "invalid-tax-id", kEmail: "EMAIL", kPhone: "PHONE"}

func (r *Resolver) kindName(k uint8) string {
	if k >= kAcct {
		for e, i := range r.acctKinds {
			if kAcct+i == k {
				return string(e)
			}
		}
	}
	return kindNames[k]
}

func (r *Resolver) acctKindList() []uint8 {
	var ks []uint8
	for _, i := range r.acctKinds {
		ks = append(ks, kAcct+i)
	}
	slices.Sort(ks)
	return ks
}

// namesCompatible reports whether two records' names do not contradict
// each other (a missing name is compatible with any).
func (r *Resolver) namesCompatible(i, j uint32) bool {
	a, b := &r.recs[i], &r.recs[j]
	sl := r.surnameLevel(a.surname, b.surname)
	gl := r.givenLevel(a.given, b.given)
	return (sl != 3 && gl != 5 || r.swapped(a, b)) && (a.gen == 0 || b.gen == 0 || a.gen == b.gen)
}

// swapped reports whether two records hold one name in either order:
// "WHITFIELD DANA" as a ledger writes it, surname first without a comma,
// and "Dana Whitfield".
func (r *Resolver) swapped(a, b *crec) bool {
	return a.given != 0 && a.surname != 0 && a.given == b.surname && a.surname == b.given
}

// sharesIdentity reports whether a comparison found something that is
// one person's own in agreement: the date of birth, an SSN or ITIN, an
// e-mail address, a phone number or an account, not just a family's
// surname and address.
func sharesIdentity(p pattern) bool {
	return p.level(fDOB) == 1 || p.level(fTax) == 1 || p.level(fEmail) == 1 || p.level(fPhone) == 1 || p.level(fAcct) == 1
}

// givenElsewhere reports whether one record's given name is the other's
// in another place: names swapped ("WHITFIELD DANA"), or a middle name
// used as the given one ("J Robert Smith" and "Robert Smith").
func (r *Resolver) givenElsewhere(i, j uint32) bool {
	a, b := &r.recs[i], &r.recs[j]
	return r.swapped(a, b) || a.middle != 0 && a.middle == b.given || b.middle != 0 && b.middle == a.given
}

// clearlyDifferent reports whether two records sharing a tax ID name
// different people: different given name, surname and date of birth.
func (r *Resolver) clearlyDifferent(i, j uint32) bool {
	a, b := &r.recs[i], &r.recs[j]
	return r.givenLevel(a.given, b.given) == 5 && r.surnameLevel(a.surname, b.surname) == 3 && dobLevel(a.dob, b.dob) != 1 && dobLevel(a.dob, b.dob) != 2 && !r.swapped(a, b)
}

// blocking passes for the probabilistic stage.
type blockPass struct {
	name  string
	ident []uint8 // ident kinds, or nil for a computed key
	key   func(c *crec) (uint64, uint32)
}

func (r *Resolver) blockPasses() []blockPass {
	n := r.names
	return []blockPass{
		{name: "email", ident: []uint8{kEmail}},
		{name: "phone", ident: []uint8{kPhone}},
		{name: "account", ident: r.acctKindList()},
		{name: "tax", ident: []uint8{kSSN, kITIN}},
		{name: "dob+surname-soundex", key: func(c *crec) (uint64, uint32) {
			if c.dob == 0 || c.surname == 0 {
				return 0, 0
			}
			return 1<<60 | uint64(c.dob)<<20 | uint64(n.sdx[c.surname]), n.sdx[c.given]
		}},
		{name: "dob+given-soundex", key: func(c *crec) (uint64, uint32) {
			// A surname mistyped past its Soundex code (jenvey,
			// jehvey) or changed by marriage.
			if c.dob == 0 || c.given == 0 {
				return 0, 0
			}
			return 7<<60 | uint64(c.dob)<<20 | uint64(n.sdx[c.given]), n.sdx[c.surname]
		}},
		{name: "zip+given-initial", key: func(c *crec) (uint64, uint32) {
			if c.zip == 0 || c.given == 0 {
				return 0, 0
			}
			return 2<<60 | uint64(c.zip)<<8 | uint64(n.str[c.given][0]), n.sdx[c.surname]
		}},
		{name: "surname-nysiis+given-initial+birth-year", key: func(c *crec) (uint64, uint32) {
			if c.surname == 0 || c.given == 0 || c.dob == 0 {
				return 0, 0
			}
			return 3<<60 | uint64(n.nys[c.surname])<<24 | uint64(c.dob/10000)<<8 | uint64(n.str[c.given][0]), c.dob
		}},
		{name: "given-soundex+surname-soundex", key: func(c *crec) (uint64, uint32) {
			if c.surname == 0 || c.given == 0 {
				return 0, 0
			}
			// The two codes in order of value, not of part: a record
			// whose parts are swapped ("lowe robbie") shares the block
			// of "robbie lowe".
			lo, hi := n.sdx[c.given], n.sdx[c.surname]
			if lo > hi {
				lo, hi = hi, lo
			}
			return 4<<60 | uint64(lo)<<20 | uint64(hi), c.zip
		}},
		{name: "street+zip", key: func(c *crec) (uint64, uint32) {
			if c.street == 0 || c.house == 0 {
				return 0, 0
			}
			return 5<<60 | uint64(c.street)<<28 ^ uint64(c.house)<<4 ^ uint64(c.zip), n.sdx[c.surname]
		}},
	}
}

func (r *Resolver) passEntries(buf []entry, p blockPass, sample uint64) []entry {
	if p.key == nil {
		buf = r.identEntries(buf, p.ident...)
	} else {
		buf = buf[:0]
		for i := range r.recs {
			k, s := p.key(&r.recs[i])
			if k != 0 {
				buf = append(buf, entry{key: k, sec: s, idx: uint32(i)})
			}
		}
	}
	if sample > 1 {
		out := buf[:0]
		for _, e := range buf {
			if mix64(e.key)%sample == 0 {
				out = append(out, e)
			}
		}
		buf = out
	}
	return buf
}

// Resolve links the records added so far into people.
func (r *Resolver) Resolve(ctx context.Context) (*Result, error) {
	n := len(r.recs)
	st := Stats{Records: n, Unattached: r.unattached, Links: map[string]int{}, Refused: map[string]int{}, Generic: map[string]int{}, Timings: map[string]string{}}
	lap := time.Now()
	tick := func(name string) {
		st.Timings[name] = time.Since(lap).Round(time.Millisecond).String()
		lap = time.Now()
	}
	// Canonical order first: everything below breaks ties by position.
	var spare []entry
	buf := r.canonicalize(nil, &spare)
	tick("order")
	u := &unionFind{parent: make([]uint32, n), size: make([]uint32, n), tax: make([]uint32, n), itin: make([]uint32, n), dob: make([]uint32, n), gen: make([]uint8, n), fp: r.idFP}
	for i := range n {
		u.parent[i] = uint32(i)
		u.size[i] = 1
		if t, k := r.taxRef(uint32(i)); k == kITIN {
			u.itin[i] = t
		} else {
			u.tax[i] = t
		}
		u.dob[i] = r.recs[i].dob
		u.gen[i] = r.recs[i].gen
	}
	r.generic = make([]bool, len(r.idFP))
	r.prepare()
	var links []link
	keep := r.opt.Explain
	addLink := func(a, b uint32, w float64, p pattern, rule uint8, checkDOB bool) {
		// A generation is checked on every link but the same SSN's:
		// "John Smith Sr" and "John Smith Jr" at one address, whatever
		// their dates of birth weighed, are two people.
		switch u.union(a, b, checkDOB, rule != ruleTax) {
		case okUnion:
			st.Links[ruleNames[rule]]++
			if keep {
				links = append(links, link{a: a, b: b, w: float32(w), p: p, rule: rule})
			}
		case refusedTax:
			st.Refused["different-ssn"]++
		case refusedDOB:
			st.Refused["different-dob"]++
		case refusedGen:
			st.Refused["different-generation"]++
		}
	}

	// Stage 1: generic values and deterministic links, one ident family
	// at a time so that the sort buffer stays small.
	genericFP := map[uint64]bool{}
	for _, kinds := range [][]uint8{{kSSN, kITIN, kTaxOther}, {kEmail}, {kPhone}, r.acctKindList()} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		buf = sortEntries(r.identEntries(buf, kinds...), &spare, r.opt.Workers)
		groups(buf, func(g []entry) {
			if len(g) < 2 {
				return
			}
			if r.isGeneric(g) {
				genericFP[g[0].key] = true
				// The kind of the value: look it up from the first record.
				c := &r.recs[g[0].idx]
				for k := c.idOff; k < c.idOff+uint32(c.idN); k++ {
					if r.idFP[k] == g[0].key {
						st.Generic[r.kindName(r.idKind[k])]++
						break
					}
				}
				return
			}
			switch kinds[0] {
			case kSSN:
				anchor := g[0].idx
				for _, e := range g {
					if r.hasName(e.idx) {
						anchor = e.idx
						break
					}
				}
				// Only valid SSNs and ITINs link deterministically.
				if _, k := r.tax(anchor); k == 0 {
					return
				}
				for _, e := range g {
					if e.idx == anchor {
						continue
					}
					if t, _ := r.tax(e.idx); t != g[0].key {
						continue
					}
					if r.clearlyDifferent(anchor, e.idx) {
						st.TaxNameConflicts++
						continue
					}
					addLink(anchor, e.idx, 0, 0, ruleTax, false)
				}
			case kEmail:
				anchor := g[0].idx
				for _, e := range g {
					if r.hasName(e.idx) {
						anchor = e.idx
						break
					}
				}
				for _, e := range g {
					if e.idx != anchor && r.namesCompatible(anchor, e.idx) {
						addLink(anchor, e.idx, 0, 0, ruleEmail, true)
					}
				}
			default:
				// A phone, card, bank account or licence number links its
				// records only when it points to one person: every named
				// record holding it has compatible names and no
				// conflicting birth date. A household phone or a joint
				// account shared by different people links nothing here
				// and is left to the model.
				anchor, named := uint32(0), false
				for _, e := range g {
					if r.hasName(e.idx) {
						anchor, named = e.idx, true
						break
					}
				}
				if !named {
					return
				}
				for _, e := range g {
					if r.hasName(e.idx) && (!r.namesCompatible(anchor, e.idx) || dobLevel(r.recs[anchor].dob, r.recs[e.idx].dob) == 3) {
						return
					}
				}
				for _, e := range g {
					if e.idx != anchor {
						addLink(anchor, e.idx, 0, 0, ruleIdent, true)
					}
				}
			}
		})
	}
	for k, fp := range r.idFP {
		r.generic[k] = genericFP[fp]
	}
	// Records of a name and nothing else (a letter's signatory, found in
	// every letter of a mail merge) with the same full name are one entry:
	// there is nothing in them to tell apart, or to notify anyone of, and
	// apart they made thousands of "people" of one signature. Only such
	// records are joined; none of them joins a record holding more.
	// So are records of an address and nothing else (the letterhead of
	// every letter) with the same address.
	bare := map[[5]uint32]uint32{}
	for i := range n {
		c := &r.recs[i]
		if c.dob != 0 || c.idN != 0 || c.customer || c.middle != 0 {
			continue
		}
		var k [5]uint32
		switch {
		case c.given != 0 && c.surname != 0 && c.zip == 0 && c.street == 0 && c.city == 0:
			k = [5]uint32{1, c.given, c.surname}
		case c.given == 0 && c.surname == 0 && c.street != 0 && (c.zip != 0 || c.city != 0):
			k = [5]uint32{2, c.zip, c.house, c.street, c.city}
		default:
			continue
		}
		if first, ok := bare[k]; ok {
			addLink(first, uint32(i), 0, 0, ruleNameOnly, true)
		} else {
			bare[k] = uint32(i)
		}
	}
	tick("deterministic")

	// Stage 2: the model. u from random pairs, m by EM over a sample of
	// candidate pairs.
	r.model.u = [nFields][6]float64{}
	rng := rand.New(rand.NewPCG(1, 2))
	r.estimateU(rng.Uint64, func(i, j uint32) bool { return u.find(i) == u.find(j) })
	counts := map[pattern]float64{}
	var total int64
	for _, p := range r.blockPasses() {
		total += int64(len(r.passEntries(buf, p, 1)))
	}
	sample := uint64(1)
	if want := int64(r.opt.Samples) / int64(r.opt.Window); total > want {
		sample = uint64(total / want)
	}
	for _, p := range r.blockPasses() {
		buf = sortEntries(r.passEntries(buf, p, sample), &spare, 1)
		groups(buf, func(g []entry) {
			for j := 1; j < len(g); j++ {
				for i := max(0, j-r.opt.Window); i < j; i++ {
					if g[i].idx != g[j].idx {
						counts[r.compare(g[i].idx, g[j].idx)]++
					}
				}
			}
		})
	}
	r.em(counts)
	r.computeWeights()
	st.EMIterations, st.MatchShare = r.model.iters, r.model.p
	thr := r.opt.MinWeight
	if thr == 0 {
		thr = math.Log2(float64(max(n, 2))) + r.opt.Margin
	}
	st.Threshold = thr
	st.Weights = map[string]map[string]float64{}
	for f := 0; f < nFields; f++ {
		m := map[string]float64{}
		for l := 1; l < nLevels(f); l++ {
			m[levelNames[f][l]] = math.Round(r.model.w[f][l]*100) / 100
		}
		st.Weights[fieldNames[f]] = m
	}
	tick("model")

	// Stage 3: probabilistic links over the blocking passes.
	for i := range n {
		u.parent[i] = u.find(uint32(i))
	}
	// Accepted candidate pairs, one slice per pass and worker; each is
	// sorted and then all are merged, strongest first, without copying
	// them into one slice.
	var parts [][]cand
	for _, p := range r.blockPasses() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		buf = sortEntries(r.passEntries(buf, p, 1), &spare, r.opt.Workers)
		// Split the groups between workers.
		w := r.opt.Workers
		bounds := []int{0}
		for k := 1; k < w; k++ {
			b := len(buf) * k / w
			for b < len(buf) && b > 0 && buf[b].key == buf[b-1].key {
				b++
			}
			bounds = append(bounds, b)
		}
		bounds = append(bounds, len(buf))
		outs := make([][]cand, w)
		var compared, candidates [16]int64
		var wg sync.WaitGroup
		for k := 0; k < w; k++ {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				groups(buf[bounds[k]:bounds[k+1]], func(g []entry) {
					for j := 1; j < len(g); j++ {
						b := g[j].idx
						rb := u.parent[b]
						for i := max(0, j-r.opt.Window); i < j; i++ {
							a := g[i].idx
							candidates[k]++
							if u.parent[a] == rb {
								continue
							}
							compared[k]++
							pt := r.compare(a, b)
							if wt := r.weight(a, b, pt); wt >= thr {
								outs[k] = append(outs[k], cand{a: a, b: b, w: float32(wt), p: pt})
							}
						}
					}
				})
			}(k)
		}
		wg.Wait()
		for k := 0; k < w; k++ {
			if len(outs[k]) > 0 {
				parts = append(parts, slices.Clip(outs[k]))
			}
			st.Compared += compared[k]
			st.Candidates += candidates[k]
		}
	}
	buf, spare = nil, nil
	tick("probabilistic")
	sortCands(parts, r.opt.Workers)
	mergeCands(parts, func(l cand) {
		if l.p.level(fGiven) == 5 && !sharesIdentity(l.p) && !r.givenElsewhere(l.a, l.b) {
			// Two given names that are neither one nor nicknames,
			// initials or misspellings of one another, and nothing of
			// their own in common (birth date, SSN, e-mail, phone,
			// account): a household (a student and a parent, a patient
			// and a dependant) shares surname and address, which
			// outweigh the names in a small case.
			st.Refused["different-given-name"]++
			return
		}
		if l.p.level(fDOB) == 3 && l.p.level(fGiven) == 1 && l.p.level(fSurname) == 1 && l.p.level(fAddr) == 1 && generationApart(r.recs[l.a].dob, r.recs[l.b].dob) {
			// One name, one address, exactly, and two birth dates a
			// generation apart: a father and a son (or a mother and a
			// daughter) at home, however much the name and the address
			// weigh. A copy of one person's record garbled in its date
			// is seldom so exact in the rest.
			st.Refused["different-dob"]++
			return
		}
		// Otherwise the date-of-birth guard is for chains: a pair that
		// compared its own dates was weighed with them already.
		addLink(l.a, l.b, float64(l.w), l.p, ruleFS, l.p.level(fDOB) == 0)
	})
	parts = nil
	res := &Result{Cluster: make([]uint32, n), links: links, r: r}
	// Name each cluster by the record (in the order added) that is first
	// in canonical order. The union-find's own arrays are reused.
	minOf := u.size
	for i := range minOf {
		minOf[i] = math.MaxUint32
	}
	for k := range n {
		root := u.find(uint32(k))
		if minOf[root] == math.MaxUint32 {
			minOf[root] = r.orig[k]
			st.People++
		}
		res.Cluster[r.orig[k]] = minOf[root]
	}
	tick("clustering")
	res.Stats = st
	return res, nil
}
