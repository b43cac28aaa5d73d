package people

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
)

// TestDebugSplits lists the element sets of records split from their
// person (no values). Run with BREACHKIT_PEOPLE_DEBUG=1.
func TestDebugSplits(t *testing.T) {
	if os.Getenv("BREACHKIT_PEOPLE_DEBUG") == "" {
		t.Skip("debug only")
	}
	opt := DefaultOptions()
	r := NewResolver(opt)
	if err := LoadTruth(genDir(t, 2000), true, r.Add); err != nil {
		t.Fatal(err)
	}
	res, _ := r.Resolve(context.Background())
	// For each true person, the largest cluster is "main"; others are split.
	byT := map[uint32]map[uint32][]int{}
	for i, c := range res.Cluster {
		tt := r.truth[i]
		if byT[tt] == nil {
			byT[tt] = map[uint32][]int{}
		}
		byT[tt][c] = append(byT[tt][c], i)
	}
	shapes := map[string]int{}
	pos := make([]uint32, len(r.orig)) // order added -> position in r.recs
	for k, i := range r.orig {
		pos[i] = uint32(k)
	}
	for _, cs := range byT {
		if len(cs) < 2 {
			continue
		}
		var main uint32
		best := -1
		for c, is := range cs {
			if len(is) > best {
				best, main = len(is), c
			}
		}
		for c, is := range cs {
			if c == main {
				continue
			}
			for _, i := range is {
				rec := r.records[i]
				// Best pattern against the main cluster.
				bw := -1e9
				var bp pattern
				for _, j := range cs[main] {
					p := r.compare(pos[i], pos[j])
					if w := r.weight(pos[i], pos[j], p); w > bw {
						bw, bp = w, p
					}
				}
				lv := ""
				for f := 0; f < nFields; f++ {
					lv += fmt.Sprintf("%s=%s ", fieldNames[f][:3], levelNames[f][bp.level(f)])
				}
				shapes[fmt.Sprintf("%s | w=%.0f | %s", rec.Elements, bw, lv)]++
			}
		}
	}
	var ks []string
	for k := range shapes {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return shapes[ks[i]] > shapes[ks[j]] })
	for _, k := range ks {
		fmt.Println(shapes[k], k)
	}
}
