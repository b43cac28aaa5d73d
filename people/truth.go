package people

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/breachkit/breachkit"
)

// truthOcc is the part of a gen truth occurrence the loader reads.
type truthOcc struct {
	Path   string `json:"path"`
	Type   string `json:"type"`
	Start  *int64 `json:"start"`
	End    *int64 `json:"end"`
	Part   string `json:"part"`
	Person string `json:"person"`
	Record string `json:"record"`
	Value  string `json:"value"`
}

// LoadTruth reads DIR/truth/occurrences.jsonl written by breachkit gen,
// groups the occurrences by record and calls fn with each record, its
// Truth set to the person. With parts false the name and address part
// labels are dropped, so that records are assembled as from scan
// findings, which carry none.
func LoadTruth(dir string, parts bool, fn func(*Record)) error {
	type acc struct {
		person string
		vals   []Value
		finds  []FindingRef
	}
	recs := map[string]*acc{}
	var order []string
	err := eachTruthOcc(dir, func(o truthOcc) {
		a := recs[o.Record]
		if a == nil {
			a = &acc{person: o.Person}
			recs[o.Record] = a
			order = append(order, o.Record)
		}
		var st, en int64 = -1, -1
		if o.Start != nil {
			st, en = *o.Start, *o.End
		}
		part := o.Part
		if !parts {
			part = ""
		}
		a.vals = append(a.vals, Value{Type: breachkit.Element(o.Type), Part: part, Value: o.Value, Order: int64(len(a.vals))})
		a.finds = append(a.finds, FindingRef{Path: o.Path, Type: breachkit.Element(o.Type), Start: st, End: en})
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		a := recs[k]
		r := BuildRecord(k, a.vals)
		r.Findings = a.finds
		r.Truth = a.person
		fn(&r)
	}
	return nil
}

// eachTruthOcc calls fn with each occurrence of DIR/truth/occurrences.jsonl
// in file order.
func eachTruthOcc(dir string, fn func(truthOcc)) error {
	p := filepath.Join(dir, "truth", "occurrences.jsonl")
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		var o truthOcc
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			return fmt.Errorf("%s line %d: %v", p, line, err)
		}
		fn(o)
	}
	return sc.Err()
}
