package people

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestZZSplits(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	r := NewResolver(DefaultOptions())
	var recs []Record
	for _, f := range []string{"dataset3.csv"} {
		LoadFEBRL(febrlDir+"/"+f, "x:", func(x *Record) { recs = append(recs, *x); r.Add(x) })
	}
	res, _ := r.Resolve(context.Background())
	byT := map[string][]int{}
	for i := range recs {
		byT[recs[i].Truth] = append(byT[recs[i].Truth], i)
	}
	pos := make([]uint32, len(r.orig))
	for k, i := range r.orig {
		pos[i] = uint32(k)
	}
	shapes := map[string]int{}
	n := 0
	for _, is := range byT {
		// main cluster = that of is[0]
		for _, j := range is[1:] {
			if res.Cluster[j] == res.Cluster[is[0]] {
				continue
			}
			// best weight vs any record of main cluster
			bw, bp, bk := -1e9, pattern(0), -1
			for _, k := range is {
				if res.Cluster[k] != res.Cluster[is[0]] {
					continue
				}
				p := r.compare(pos[j], pos[k])
				if w := r.weight(pos[j], pos[k], p); w > bw {
					bw, bp, bk = w, p, k
				}
			}
			lv := ""
			for f := 0; f < nFields; f++ {
				if l := bp.level(f); l != 0 {
					lv += fmt.Sprintf("%s=%s ", fieldNames[f][:3], levelNames[f][l])
				}
			}
			shapes[lv]++
			n++
			if n <= 40 && os.Getenv("ZZ") == "2" {
				a, b := &recs[j], &recs[bk]
				fmt.Printf("w=%.1f %s\n  A %q %q %q %v %v\n  B %q %q %q %v %v\n", bw, lv, a.Given, a.Surname, a.DOB, a.Addresses, a.Idents, b.Given, b.Surname, b.DOB, b.Addresses, b.Idents)
			}
		}
	}
	for k, v := range shapes {
		fmt.Println(v, k)
	}
	fmt.Println("split records", n)
}
