package people

import (
	"sort"
	"strings"

	"github.com/breachkit/breachkit"
)

// A record of a JSON, YAML or XML export may hold a list of people: a
// loan with its borrowers ({"loan_id":…, "property":{…},
// "borrowers":[{"first_name":"Ana",…,"ssn":…},{"first_name":"Joao",…}]}).
// The record's values name them by key ("loans.borrowers.ssn"), and
// since those are columns, not free text, the record was one person: the
// second borrower's SSN went to the first, and the second borrower was
// nobody to notify. Such a record is cut at each element of the list.

// listRecord is a record's values with the key (header) each was found
// under, "" for none.
type listRecord struct {
	vals  []Value
	finds []FindingRef
	fixed []bool
	co    []int
	hdr   []string
}

// splitList cuts a record holding a list of people into one record per
// element. The list is found by its evidence: under one key, two
// different SSNs, ITINs or dates of birth (a person has one, so a key
// that has two is a list's); its elements are the runs of values under
// that key's parent in which no key repeats (a repeated key starts the
// next element); with flat, keys without a path (XML's element names)
// are the list's too. The values outside the list are a person of their
// own when they hold a name (a customer and the list of their
// dependants), else the first element's (a loan's property and number,
// with its borrowers); the other elements take a copy of their postal
// address, which borrowers of one loan and a household share, as a
// co-borrower does (splitCo). A record without such a list is returned
// whole.
func splitList(r listRecord, flat bool) []listRecord {
	prefix, ok := listPrefix(r, flat)
	if !ok {
		return []listRecord{r}
	}
	idx := make([]int, len(r.vals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.vals[idx[a]].Order < r.vals[idx[b]].Order })
	elem := make([]int, len(r.vals)) // element of each value, -1 outside the list
	seen := map[string]bool{}
	e := 0
	for _, i := range idx {
		h := r.hdr[i]
		if !strings.HasPrefix(h, prefix) {
			elem[i] = -1
			continue
		}
		if seen[h] {
			e++
			clear(seen)
		}
		seen[h] = true
		elem[i] = e
	}
	if e == 0 {
		return []listRecord{r}
	}
	// The values outside the list are a person of their own when they
	// name one (a customer with a list of dependants), else the first
	// element's (a loan's number and property, with its borrowers).
	ownPerson := false
	for i, v := range r.vals {
		ownPerson = ownPerson || elem[i] < 0 && v.Type == breachkit.PersonName
	}
	if ownPerson {
		for i := range elem {
			if elem[i] >= 0 {
				elem[i]++
			}
		}
		e++
	}
	out := make([]listRecord, e+1)
	add := func(g *listRecord, i int, withFind bool) {
		g.vals = append(g.vals, r.vals[i])
		g.fixed = append(g.fixed, i < len(r.fixed) && r.fixed[i])
		g.co = append(g.co, valueAt(r.co, i))
		g.hdr = append(g.hdr, r.hdr[i])
		if withFind && i < len(r.finds) {
			g.finds = append(g.finds, r.finds[i])
		}
	}
	for _, i := range idx {
		switch {
		case elem[i] >= 0:
			add(&out[elem[i]], i, true)
		case r.vals[i].Type == breachkit.Address:
			add(&out[0], i, true)
			for k := 1; k < len(out); k++ {
				add(&out[k], i, false) // the shared address; its finding stays the first's
			}
		default:
			add(&out[0], i, true)
		}
	}
	return out
}

// listPrefix returns the key prefix ("loans.borrowers.") under which a
// record holds a list of people, and whether it holds one. Keys without
// a path (an XML element's name) count only when flat is set: then the
// whole record is the list, its elements cut where a key repeats.
func listPrefix(r listRecord, flat bool) (string, bool) {
	first := map[string]string{} // key -> its first tax ID or birth date
	for i, v := range r.vals {
		if v.Type != breachkit.SSN && v.Type != breachkit.ITIN && v.Type != breachkit.DOB {
			continue
		}
		h := r.hdr[i]
		dot := strings.LastIndexByte(h, '.')
		if dot < 0 && !flat || h == "" {
			continue
		}
		norm := breachkit.Normalize(v.Type, v.Value)
		if f, ok := first[h]; !ok {
			first[h] = norm
		} else if f != norm {
			return h[:dot+1], true
		}
	}
	return "", false
}

// headerOf returns the key a finding's reasons name ("header:…"), or "".
func headerOf(reasons []string) string {
	for _, r := range reasons {
		if h, ok := strings.CutPrefix(r, "header:"); ok {
			return h
		}
	}
	return ""
}

func valueAt(s []int, i int) int {
	if i < len(s) {
		return s[i]
	}
	return 0
}
