package people

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

// personSig describes a built person by content only: its records (by
// key), findings (by location), jurisdiction, elements, address quality,
// flags, sealed profile and explanation. Finding IDs are left out, since
// they differ between runs by design.
func personSig(p *breachkit.Person, locs map[int64]string) string {
	var fs []string
	for _, id := range p.FindingIDs {
		fs = append(fs, locs[id])
	}
	slices.Sort(fs)
	return strings.Join([]string{p.Key, p.Jurisdiction, p.JurisdictionBy, p.Elements.String(), p.AddressQuality,
		strings.Join(p.Flags, ","), fmt.Sprint(p.Records), strings.Join(fs, ";"), string(p.Profile), string(p.Explain)}, "|")
}

// resolution is what one run produced, in a form that does not depend on
// the order records were added in.
type resolution struct {
	people []string // sorted person signatures
	sum    Summary
	stats  string // threshold, links, refusals, generic values, weights
}

// resolveInOrder adds recs in the order perm gives, with finding IDs
// starting at base, and builds the people.
func resolveInOrder(t *testing.T, recs []Record, perm []int, base int64) resolution {
	t.Helper()
	locs := map[int64]string{}
	return resolveWith(t, locs, func(add func(*Record)) error {
		id := base
		for _, k := range perm {
			rec := recs[k]
			rec.Findings = slices.Clone(rec.Findings)
			for i := range rec.Findings {
				f := &rec.Findings[i]
				f.ID = id
				locs[id] = fmt.Sprintf("%s@%d-%d:%s", f.Path, f.Start, f.End, f.Type)
				id++
			}
			add(&rec)
		}
		return nil
	})
}

// resolveWith resolves the records load adds and builds the people; locs
// maps finding IDs to their locations. seal keeps the profile JSON as is,
// so that profiles are compared too (nothing is printed).
func resolveWith(t *testing.T, locs map[int64]string, load func(add func(*Record)) error) resolution {
	t.Helper()
	r := NewResolver(DefaultOptions())
	if err := load(r.Add); err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out resolution
	out.sum, err = res.Build(func(b []byte) breachkit.Sealed { return b }, func(p *breachkit.Person) error {
		out.people = append(out.people, personSig(p, locs))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out.people)
	st := res.Stats
	out.stats = fmt.Sprintf("%d %v %v %v %v %v %d %v", st.People, st.Threshold, st.Links, st.Refused, st.Generic, st.Weights, st.TaxNameConflicts, st.MatchShare)
	return out
}

// compareResolutions reports how got differs from want.
func compareResolutions(t *testing.T, name, wantName string, got, want resolution) {
	t.Helper()
	if got.stats != want.stats {
		t.Errorf("%s: statistics (people, threshold, links, refusals, generic values, weights) differ from %s:\n got %.300s\nwant %.300s", name, wantName, got.stats, want.stats)
	}
	if fmt.Sprint(got.sum) != fmt.Sprint(want.sum) {
		t.Errorf("%s: summary differs from %s: people %d/%d, records %d/%d, jurisdictions %s, element sets %s, flags %s",
			name, wantName, got.sum.People, want.sum.People, got.sum.Records, want.sum.Records,
			countDiff(got.sum.ByJurisdiction, want.sum.ByJurisdiction), countDiff(got.sum.ByElements, want.sum.ByElements),
			countDiff(got.sum.ByFlag, want.sum.ByFlag))
	}
	if !slices.Equal(got.people, want.people) {
		// Count, do not print: signatures hold the (here plain) profiles.
		diff := 0
		for _, p := range got.people {
			if _, ok := slices.BinarySearch(want.people, p); !ok {
				diff++
			}
		}
		t.Errorf("%s: %d of %d people differ from %s", name, diff, len(got.people), wantName)
	}
}

// TestResolveOrderIndependent resolves the same records added in several
// orders, with different finding IDs each time, and requires the same
// people: the same clusters, jurisdictions, elements, flags, profiles,
// explanations and counts. Findings arrive in a different order whenever
// the scan runs in parallel, and counsel needs the same counts every run.
func TestResolveOrderIndependent(t *testing.T) {
	dir := genDir(t, 1500)
	for _, tc := range []struct {
		name  string
		parts bool
	}{{"with-part-labels", true}, {"as-scanned-no-part-labels", false}} {
		t.Run(tc.name, func(t *testing.T) {
			var recs []Record
			if err := LoadTruth(dir, tc.parts, func(r *Record) { r.Truth = ""; recs = append(recs, *r) }); err != nil {
				t.Fatal(err)
			}
			identity := make([]int, len(recs))
			for i := range identity {
				identity[i] = i
			}
			reversed := slices.Clone(identity)
			slices.Reverse(reversed)
			shuffled := func(seed uint64) []int {
				p := slices.Clone(identity)
				rand.New(rand.NewPCG(seed, 99)).Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
				return p
			}
			orders := []struct {
				name string
				perm []int
				base int64
			}{
				{"as-loaded", identity, 1},
				{"reversed", reversed, 1_000_000},
				{"shuffled-1", shuffled(1), 77},
				{"shuffled-2", shuffled(2), 5_000_000},
			}
			want := resolveInOrder(t, recs, orders[0].perm, orders[0].base)
			if len(want.people) < 1000 {
				t.Fatalf("only %d people from %d records", len(want.people), len(recs))
			}
			for _, o := range orders[1:] {
				compareResolutions(t, o.name, orders[0].name, resolveInOrder(t, recs, o.perm, o.base), want)
			}
		})
	}
}

// fakeStore serves sources and findings from memory; only Sources and
// Findings are implemented.
type fakeStore struct {
	breachkit.Store
	sources  []*breachkit.Source
	findings []*breachkit.Finding
}

func (s *fakeStore) Sources(context.Context, int64) ([]*breachkit.Source, error) {
	return s.sources, nil
}

func (s *fakeStore) Findings(_ context.Context, _ int64, ff breachkit.FindingFilter, fn func(*breachkit.Finding) error) error {
	for _, f := range s.findings {
		if ff.SourceID != 0 && f.SourceID != ff.SourceID {
			continue
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// TestFromStoreOrderIndependent writes gen's ground truth as findings into
// a store in several interleavings of the sources, as a parallel scan
// does (each source's findings in order, sources mixed, IDs assigned in
// write order), and requires the same people from each. One source's
// findings carry no record key, so that records keyed by location are
// covered too.
func TestFromStoreOrderIndependent(t *testing.T) {
	dir := genDir(t, 800)
	type src struct {
		path string
		occ  []truthOcc
	}
	var srcs []*src
	byPath := map[string]*src{}
	if err := eachTruthOcc(dir, func(o truthOcc) {
		s := byPath[o.Path]
		if s == nil {
			s = &src{path: o.Path}
			byPath[o.Path] = s
			srcs = append(srcs, s)
		}
		s.occ = append(s.occ, o)
	}); err != nil {
		t.Fatal(err)
	}
	if len(srcs) < 3 {
		t.Fatalf("gen wrote %d sources, want several", len(srcs))
	}
	// The source with the fewest findings loses its record keys.
	noKeys := srcs[0]
	for _, s := range srcs {
		if len(s.occ) < len(noKeys.occ) {
			noKeys = s
		}
	}
	interleave := func(seed uint64, base int64) (*fakeStore, map[int64]string) {
		rng := rand.New(rand.NewPCG(seed, 7))
		next := make([]int, len(srcs))
		st := &fakeStore{}
		locs := map[int64]string{}
		id := base
		for left := len(srcs); left > 0; {
			k := rng.IntN(len(srcs))
			s := srcs[k]
			if next[k] == len(s.occ) {
				continue
			}
			for n := 1 + rng.IntN(40); n > 0 && next[k] < len(s.occ); n-- {
				o := s.occ[next[k]]
				next[k]++
				f := &breachkit.Finding{ID: id, SourceID: int64(k + 1), Path: o.Path, Type: breachkit.Element(o.Type), Start: -1, End: -1, Record: o.Record, Value: breachkit.Sealed(o.Value)}
				if o.Start != nil {
					f.Start, f.End = *o.Start, *o.End
				}
				if s == noKeys {
					f.Record = ""
				}
				locs[id] = fmt.Sprintf("%s@%d-%d:%s", f.Path, f.Start, f.End, f.Type)
				st.findings = append(st.findings, f)
				id++
			}
			if next[k] == len(s.occ) {
				left--
			}
		}
		// The store lists sources in an order of its own.
		for _, k := range rng.Perm(len(srcs)) {
			st.sources = append(st.sources, &breachkit.Source{ID: int64(k + 1), Path: srcs[k].path})
		}
		return st, locs
	}
	open := func(_ breachkit.Element, s breachkit.Sealed) ([]byte, error) { return s, nil }
	var want resolution
	for i, o := range []struct {
		seed uint64
		base int64
	}{{1, 1}, {2, 900_000}, {3, 42}} {
		st, locs := interleave(o.seed, o.base)
		got := resolveWith(t, locs, func(add func(*Record)) error { return FromStore(context.Background(), st, 1, open, 0, add) })
		if i == 0 {
			want = got
			if len(want.people) < 500 {
				t.Fatalf("only %d people", len(want.people))
			}
			continue
		}
		compareResolutions(t, fmt.Sprintf("interleaving %d", o.seed), "interleaving 1", got, want)
	}
}

// countDiff lists the keys whose counts differ, as "key got/want".
func countDiff(got, want map[string]int) string {
	var out []string
	for k, w := range want {
		if got[k] != w {
			out = append(out, fmt.Sprintf("%s %d/%d", k, got[k], w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("%s %d/0", k, g))
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		return "same"
	}
	return strings.Join(out, ", ")
}
