package people

import (
	"fmt"
	"io"
	"sort"
)

// Metrics compares a clustering with the ground truth.
type Metrics struct {
	Records         int     `json:"records"`
	TruePeople      int     `json:"true_people"`
	FoundPeople     int     `json:"found_people"`
	PairPrecision   float64 `json:"pair_precision"`
	PairRecall      float64 `json:"pair_recall"`
	PairF1          float64 `json:"pair_f1"`
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	// MixedTaxClusters counts found people holding two or more different
	// valid SSNs (or ITINs): the over-merge the guards must prevent.
	MixedTaxClusters int `json:"mixed_tax_clusters"`
	// OverMerged counts found people holding records of two or more true
	// people; UnderMerged counts true people split over two or more.
	OverMerged  int `json:"over_merged"`
	UnderMerged int `json:"under_merged"`
}

// Evaluate computes pairwise and B-cubed precision and recall of res
// against the Truth labels the records were added with.
func Evaluate(res *Result) (Metrics, error) {
	r := res.r
	n := len(res.Cluster)
	if len(r.truth) != n {
		return Metrics{}, fmt.Errorf("evaluation needs a truth label on every record (%d of %d have one)", len(r.truth), n)
	}
	m := Metrics{Records: n}
	type cell struct{ c, t uint32 }
	joint := map[cell]int64{}
	csize := map[uint32]int64{}
	tsize := map[uint32]int64{}
	for i := 0; i < n; i++ {
		c, t := res.Cluster[i], r.truth[i]
		joint[cell{c, t}]++
		csize[c]++
		tsize[t]++
	}
	m.TruePeople, m.FoundPeople = len(tsize), len(csize)
	pairs := func(k int64) float64 { return float64(k) * float64(k-1) / 2 }
	var tp, pp, ap float64
	var bp, br float64
	tParts := map[uint32]int{}
	cParts := map[uint32]int{}
	for k, v := range joint {
		tp += pairs(v)
		bp += float64(v) * float64(v) / float64(csize[k.c])
		br += float64(v) * float64(v) / float64(tsize[k.t])
		tParts[k.t]++
		cParts[k.c]++
	}
	for _, v := range csize {
		pp += pairs(v)
	}
	for _, v := range tsize {
		ap += pairs(v)
	}
	m.PairPrecision, m.PairRecall = 1, 1
	if pp > 0 {
		m.PairPrecision = tp / pp
	}
	if ap > 0 {
		m.PairRecall = tp / ap
	}
	if m.PairPrecision+m.PairRecall > 0 {
		m.PairF1 = 2 * m.PairPrecision * m.PairRecall / (m.PairPrecision + m.PairRecall)
	}
	m.BCubedPrecision, m.BCubedRecall = bp/float64(n), br/float64(n)
	for _, k := range cParts {
		if k > 1 {
			m.OverMerged++
		}
	}
	for _, k := range tParts {
		if k > 1 {
			m.UnderMerged++
		}
	}
	// Mixed tax IDs per found cluster.
	taxOf := map[uint32]uint64{}
	mixed := map[uint32]bool{}
	for i := 0; i < n; i++ {
		t, k := r.tax(uint32(i)) // i is a position in r.recs
		if k == 0 {
			continue
		}
		if k == kITIN {
			t |= 1 << 63
		} else {
			t &^= 1 << 63
		}
		c := res.Cluster[r.orig[i]]
		if prev, ok := taxOf[c]; ok && prev != t && prev>>63 == t>>63 {
			mixed[c] = true
		} else if !ok {
			taxOf[c] = t
		}
	}
	m.MixedTaxClusters = len(mixed)
	return m, nil
}

// Print writes the metrics as a small report.
func (m Metrics) Print(w io.Writer) {
	fmt.Fprintf(w, "records %d, true people %d, found people %d\n", m.Records, m.TruePeople, m.FoundPeople)
	fmt.Fprintf(w, "pairwise  precision %.4f  recall %.4f  F1 %.4f\n", m.PairPrecision, m.PairRecall, m.PairF1)
	fmt.Fprintf(w, "B-cubed   precision %.4f  recall %.4f\n", m.BCubedPrecision, m.BCubedRecall)
	fmt.Fprintf(w, "over-merged clusters %d, split people %d, clusters with two different valid SSNs/ITINs %d\n", m.OverMerged, m.UnderMerged, m.MixedTaxClusters)
}

// PrintStats writes resolver statistics without values.
func (s Stats) Print(w io.Writer) {
	fmt.Fprintf(w, "records %d -> people %d; threshold %.1f; candidate pairs %d, compared %d\n", s.Records, s.People, s.Threshold, s.Candidates, s.Compared)
	fmt.Fprintf(w, "links %v; refused %v; generic values %v; tax-id name conflicts %d\n", s.Links, s.Refused, s.Generic, s.TaxNameConflicts)
	fmt.Fprintf(w, "EM iterations %d, match share %.3f\n", s.EMIterations, s.MatchShare)
	var fs []string
	for f := range s.Weights {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	for _, f := range fs {
		fmt.Fprintf(w, "  %-12s", f)
		var ls []string
		for l := range s.Weights[f] {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		for _, l := range ls {
			fmt.Fprintf(w, " %s=%.1f", l, s.Weights[f][l])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "timings %v\n", s.Timings)
}
