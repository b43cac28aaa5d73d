package people

import (
	"cmp"
	"math"
	"slices"

	"github.com/breachkit/breachkit/gazetteer"
)

// pattern is a comparison vector: 3 bits per field.
type pattern uint32

func (p pattern) level(f int) uint8 { return uint8(p>>(3*f)) & 7 }

func (p *pattern) set(f int, l uint8) { *p |= pattern(l) << (3 * f) }

// model holds the Fellegi–Sunter weights.
type model struct {
	m, u  [nFields][6]float64
	w     [nFields][6]float64 // log2(m/u), 0 for missing
	p     float64             // share of matches among EM candidate pairs
	gtf   []float32           // per name id: TF adjustment for exact given-name agreement
	stf   []float32           // per name id: TF adjustment for exact surname agreement
	iters int
}

// prepare computes per-name data used in the hot path.
func (r *Resolver) prepare() {
	n := len(r.names.str)
	if r.model == nil {
		r.model = &model{}
	}
	md := r.model
	md.gtf = make([]float32, n)
	md.stf = make([]float32, n)
	for id := 1; id < n; id++ {
		if r.names.gcnt[id] > 0 {
			md.gtf[id] = float32(r.givenFreq(uint32(id)))
		}
		if r.names.scnt[id] > 0 {
			md.stf[id] = float32(r.surnameFreq(uint32(id)))
		}
	}
	// Nickname groups, named by their formal name: SameGivenName(a, b)
	// holds exactly when a and b are in a common group.
	r.nickGroups = make([][]uint32, n)
	for id := 1; id < n; id++ {
		if r.names.gcnt[id] == 0 {
			continue
		}
		s := r.names.str[id]
		formals := gazetteer.FormalNames(s)
		var g []uint32
		if len(gazetteer.Nicknames(s)) > len(formals) {
			g = append(g, r.names.add(s))
		}
		for _, f := range formals {
			g = append(g, r.names.add(f))
		}
		r.nickGroups[id] = g
	}
}

// sameGiven reports whether two given-name ids are nickname-equivalent.
func (r *Resolver) sameGiven(a, b uint32) bool {
	if int(a) >= len(r.nickGroups) || int(b) >= len(r.nickGroups) {
		return false
	}
	for _, x := range r.nickGroups[a] {
		for _, y := range r.nickGroups[b] {
			if x == y {
				return true
			}
		}
	}
	return false
}

// givenLevel compares given names.
func (r *Resolver) givenLevel(a, b uint32) uint8 {
	if a == 0 || b == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	sa, sb := r.names.str[a], r.names.str[b]
	if r.sameGiven(a, b) {
		return 2
	}
	if (len(sa) == 1 || len(sb) == 1) && sa[0] == sb[0] {
		return 4
	}
	if r.names.nys[a] == r.names.nys[b] || JaroWinkler(sa, sb) >= 0.88 {
		return 3
	}
	return 5
}

func (r *Resolver) surnameLevel(a, b uint32) uint8 {
	if a == 0 || b == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	if r.names.nys[a] == r.names.nys[b] || JaroWinkler(r.names.str[a], r.names.str[b]) >= 0.9 {
		return 2
	}
	return 3
}

func (r *Resolver) middleLevel(a, b uint32) uint8 {
	if a == 0 || b == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	sa, sb := r.names.str[a], r.names.str[b]
	if (len(sa) == 1 || len(sb) == 1) && sa[0] == sb[0] {
		return 1
	}
	return 2
}

func addrLevel(a, b *crec) uint8 {
	if a.intl != b.intl && (a.zip != 0 && b.zip != 0) {
		return 4
	}
	aHas := a.street != 0 || a.zip != 0 || a.city != 0
	bHas := b.street != 0 || b.zip != 0 || b.city != 0
	if !aHas || !bHas {
		return 0
	}
	zipOK := a.zip == 0 || b.zip == 0 || a.zip == b.zip
	if a.street != 0 && a.street == b.street && a.house != 0 && a.house == b.house && zipOK && (a.zip != 0 || a.city == b.city) {
		return 1
	}
	if a.house != 0 && a.house == b.house && (a.zip != 0 && a.zip == b.zip || a.street != 0 && a.street == b.street && (a.city != 0 && a.city == b.city || a.zipDigits != 0 && a.zipDigits == b.zipDigits)) {
		// The same house and postcode on a street mistyped, or the
		// same house and street under a mistyped postcode: in the same
		// town, or with the postcode's digits transposed.
		return 2
	}
	if (a.zip != 0 && a.zip == b.zip) || (a.zip == 0 || b.zip == 0) && a.city != 0 && a.city == b.city {
		return 3
	}
	if a.zip != 0 && b.zip != 0 || a.street != 0 && b.street != 0 {
		return 4
	}
	return 0
}

// identLevels compares the identifier lists of two records: for each of
// tax, email, phone and account, 1 if they share a value, 2 if both have
// values of that kind but share none, 0 otherwise. Generic values were
// removed from consideration by marking them in r.generic.
func (r *Resolver) identLevels(a, b *crec) (tax, email, phone, acct uint8) {
	// have: bit per family (tax, email, phone, acct) seen on both sides
	// for the same ident kind; same: bit per family with a shared value.
	var both, same uint8
	for j := b.idOff; j < b.idOff+uint32(b.idN); j++ {
		if r.generic[j] {
			continue
		}
		kb := r.idKind[j]
		fb := identFamily(kb)
		if fb == 0 {
			continue
		}
		for i := a.idOff; i < a.idOff+uint32(a.idN); i++ {
			if r.generic[i] {
				continue
			}
			ka := r.idKind[i]
			if ka == kb || (fb == 1 && identFamily(ka) == 1) {
				both |= fb
				if r.idFP[i] == r.idFP[j] {
					same |= fb
				}
			}
		}
	}
	lv := func(bit uint8) uint8 {
		switch {
		case same&bit != 0:
			return 1
		case both&bit != 0:
			return 2
		}
		return 0
	}
	return lv(1), lv(2), lv(4), lv(8)
}

// identFamily maps an ident kind to its comparison field as a bit: 1 tax,
// 2 e-mail, 4 phone, 8 account; 0 for kinds not compared.
func identFamily(k uint8) uint8 {
	switch {
	case k == kSSN || k == kITIN:
		return 1
	case k == kEmail:
		return 2
	case k == kPhone:
		return 4
	case k >= kAcct:
		return 8
	}
	return 0
}

// compare returns the comparison vector of records i and j.
func (r *Resolver) compare(i, j uint32) pattern {
	a, b := &r.recs[i], &r.recs[j]
	var p pattern
	g, s := r.givenLevel(a.given, b.given), r.surnameLevel(a.surname, b.surname)
	if g == 5 && s == 3 {
		// Given name and surname swapped between the records (a form
		// filled surname first, "LOWE ROBBIE" read as given and
		// surname): each compared with the other's opposite part, as a
		// surname is, typos allowed but no nicknames or initials.
		switch gx, sx := r.surnameLevel(a.given, b.surname), r.surnameLevel(a.surname, b.given); {
		case gx <= 2 && sx <= 2:
			g, s = 1, sx
			if gx == 2 {
				g = 3
			}
		case gx <= 2 || sx <= 2:
			// One record swapped, its other name changed or mistyped
			// past recognition ("gloster mia", "rily gloster"): one
			// name agrees across the parts, a level of its own that
			// the model weighs (in most data it is a namesake's
			// chance more often than a swap).
			s = 4
		}
	}
	p.set(fGiven, g)
	p.set(fSurname, s)
	p.set(fMiddle, r.middleLevel(a.middle, b.middle))
	p.set(fDOB, dobLevel(a.dob, b.dob))
	t, e, ph, ac := r.identLevels(a, b)
	p.set(fTax, t)
	p.set(fEmail, e)
	p.set(fPhone, ph)
	p.set(fAddr, addrLevel(a, b))
	p.set(fAcct, ac)
	return p
}

// weight returns the match weight of a pair with comparison vector p,
// with term-frequency adjustment on exact name agreement.
func (r *Resolver) weight(i, j uint32, p pattern) float64 {
	md := r.model
	w := 0.0
	for f := 0; f < nFields; f++ {
		w += md.w[f][p.level(f)]
	}
	a, b := &r.recs[i], &r.recs[j]
	if p.level(fGiven) == 1 {
		adj := tfAdjust(md.u[fGiven][1], float64(md.gtf[a.given]))
		if a.given != b.given {
			// Agreement across swapped parts (compare): the name is
			// one record's given name and the other's surname. Its
			// frequency as a given name is read in both and the
			// smaller bonus kept: a surname is a rare given name, and
			// would otherwise count as a rare name's agreement.
			adj = min(adj, tfAdjust(md.u[fGiven][1], float64(md.gtf[b.given])))
		}
		w += adj
	}
	if p.level(fSurname) == 1 {
		adj := tfAdjust(md.u[fSurname][1], float64(md.stf[a.surname]))
		if a.surname != b.surname {
			adj = min(adj, tfAdjust(md.u[fSurname][1], float64(md.stf[b.surname])))
		}
		w += adj
	}
	return w
}

// tfAdjust returns the change of weight when the u-probability of exact
// agreement on this value is its frequency rather than the average.
func tfAdjust(uAvg, freq float64) float64 {
	if freq <= 0 || uAvg <= 0 {
		return 0
	}
	freq = math.Max(freq, 1e-7)
	adj := math.Log2(uAvg / freq)
	return math.Max(-6, math.Min(6, adj))
}

// default m-probabilities used to start EM.
var mStart = [nFields][6]float64{
	{0, 0.80, 0.10, 0.05, 0.03, 0.02},
	{0, 0.90, 0.05, 0.03, 0.02},
	{0, 0.95, 0.05},
	{0, 0.93, 0.05, 0.02},
	{0, 0.97, 0.03},
	{0, 0.6, 0.4},
	{0, 0.6, 0.4},
	{0, 0.6, 0.05, 0.1, 0.25},
	{0, 0.7, 0.3},
}

func nLevels(f int) int { return len(levelNames[f]) }

// estimateU counts comparison levels over random record pairs.
func (r *Resolver) estimateU(rnd func() uint64, same func(i, j uint32) bool) {
	var cnt [nFields][6]float64
	n := uint64(len(r.recs))
	samples := r.opt.Samples
	if n < 2 {
		samples = 0
	}
	for s := 0; s < samples; s++ {
		i, j := uint32(rnd()%n), uint32(rnd()%n)
		if i == j || (same != nil && same(i, j)) {
			// Pairs already linked on a strong identifier are matches,
			// which would inflate u on small cases.
			continue
		}
		p := r.compare(i, j)
		for f := 0; f < nFields; f++ {
			cnt[f][p.level(f)]++
		}
	}
	md := r.model
	for f := 0; f < nFields; f++ {
		tot := 0.0
		for l := 1; l < nLevels(f); l++ {
			tot += cnt[f][l]
		}
		// Additive smoothing that keeps the levels summing to one: a level
		// never seen among random pairs (two records sharing an e-mail)
		// gets about 1/(2(pairs+n)). (Adding n to the denominator alone,
		// as before, shrank every level by pairs/(pairs+n): at 40 M
		// records each "different" level had u ≈ 0.03 instead of ≈ 1, and
		// disagreement on e-mail, phone or address counted for a match.)
		a := 0.5
		if tot > 0 {
			a = 0.5 * tot / (tot + float64(n))
		}
		// Few records make few distinct pairs, however many are drawn:
		// two records of one person, alone in a case, agree on every
		// field in every pair drawn. The estimate is blended with what
		// fields share among people at large (uPrior), weighted by the
		// distinct pairs there are: negligible from a few thousand
		// records on, decisive in a case of a dozen.
		eff := min(tot, float64(n)*float64(n-1)/2)
		for l := 1; l < nLevels(f); l++ {
			u := (cnt[f][l] + a) / (tot + a*float64(nLevels(f)-1))
			md.u[f][l] = (u*eff + uPriorWeight*uPrior[f][l]) / (eff + uPriorWeight)
		}
	}
}

// uPrior are the shares of record pairs of different people at each
// comparison level (fields as levelNames), as in a population: a given
// name shared by about one pair in a hundred, a surname by one in two
// hundred, a street by one in a thousand, a date of birth, an e-mail, a
// phone, a tax ID or an account by next to none. uPriorWeight is what
// they count for, in pairs.
var uPrior = [nFields][6]float64{
	{0, 0.01, 0.002, 0.01, 0.03, 0.948},
	{0, 0.005, 0.01, 0.985},
	{0, 0.2, 0.8},
	{0, 0.0001, 0.001, 0.9989},
	{0, 0.0001, 0.9999},
	{0, 0.0001, 0.9999},
	{0, 0.0001, 0.9999},
	{0, 0.0005, 0.0005, 0.02, 0.979},
	{0, 0.0001, 0.9999},
}

const uPriorWeight = 100

// em estimates the m- and u-probabilities and the match share from the
// counts of comparison vectors among candidate pairs (Winkler's EM under
// conditional independence). The m-probabilities are kept; for the weights
// u is taken from random pairs (uRand), since blocked candidates agree on
// their blocking keys far more often than people in general do.
func (r *Resolver) em(counts map[pattern]float64) {
	md := r.model
	md.m = mStart
	md.p = 0.3
	uRand := md.u
	defer func() { md.u = uRand }()
	// Start u of the candidate population half-way between random pairs
	// and "everything differs".
	for f := 0; f < nFields; f++ {
		last := nLevels(f) - 1
		for l := 1; l < nLevels(f); l++ {
			md.u[f][l] = 0.5 * uRand[f][l]
		}
		md.u[f][last] += 0.5
		for l := 1; l < last; l++ {
			md.u[f][l] += 0.5 / float64(last)
		}
		md.u[f][last] -= 0.5 * float64(last-1) / float64(last)
	}
	type pc struct {
		p pattern
		n float64
	}
	var pats []pc
	total := 0.0
	for p, n := range counts {
		pats = append(pats, pc{p, n})
	}
	// Sum in a fixed order: map order would change the last bits of the
	// estimates from run to run, and a pair at the threshold with them.
	slices.SortFunc(pats, func(a, b pc) int { return cmp.Compare(a.p, b.p) })
	for _, x := range pats {
		total += x.n
	}
	if total < 100 {
		return // too few pairs to learn from: keep the starting values
	}
	for it := 0; it < 50; it++ {
		var mc, uc [nFields][6]float64
		sumG := 0.0
		for _, x := range pats {
			lm, lu := math.Log(md.p), math.Log(1-md.p)
			for f := 0; f < nFields; f++ {
				l := x.p.level(f)
				if l == 0 {
					continue
				}
				lm += math.Log(md.m[f][l])
				lu += math.Log(md.u[f][l])
			}
			g := 1 / (1 + math.Exp(lu-lm))
			sumG += g * x.n
			for f := 0; f < nFields; f++ {
				mc[f][x.p.level(f)] += g * x.n
				uc[f][x.p.level(f)] += (1 - g) * x.n
			}
		}
		delta := 0.0
		for f := 0; f < nFields; f++ {
			tot := 0.0
			for l := 1; l < nLevels(f); l++ {
				tot += mc[f][l]
			}
			if tot < 1 {
				continue
			}
			for l := 1; l < nLevels(f); l++ {
				v := math.Max((mc[f][l]+0.01)/(tot+0.01*float64(nLevels(f))), 1e-3)
				delta = math.Max(delta, math.Abs(v-md.m[f][l]))
				md.m[f][l] = v
			}
			utot := 0.0
			for l := 1; l < nLevels(f); l++ {
				utot += uc[f][l]
			}
			if utot >= 1 {
				for l := 1; l < nLevels(f); l++ {
					md.u[f][l] = math.Max((uc[f][l]+0.01)/(utot+0.01*float64(nLevels(f))), 1e-6)
				}
			}
		}
		np := math.Min(math.Max(sumG/total, 1e-4), 1-1e-4)
		delta = math.Max(delta, math.Abs(np-md.p))
		md.p = np
		md.iters = it + 1
		if delta < 1e-5 {
			break
		}
	}
}

func (r *Resolver) computeWeights() {
	md := r.model
	for f := 0; f < nFields; f++ {
		for l := 1; l < nLevels(f); l++ {
			md.w[f][l] = math.Log2(md.m[f][l] / md.u[f][l])
		}
	}
}
