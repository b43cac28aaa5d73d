package people

import (
	"sort"
	"strconv"

	"github.com/breachkit/breachkit"
)

// A letter or a statement runs over pages, and each page of a PDF is a
// record ("statement.pdf#page=2"). What a page holds before its first
// name continues the page before: the rest of a letter's body with the
// SSN, then the signature ("Sincerely, Maria Lopez"); a statement's
// second page of transactions, with no name at all. Taken alone, the
// values before the first name went to that name (the signatory took
// the addressee's SSN) or to a nameless record. They now go to the
// person named last on the page before, when the pages follow each
// other, they are not a letterhead (an address before a name that has
// an address of its own after it: the next letter of a mail merge), and
// they hold no SSN or ITIN other than that person's.

// pageOf splits a page record's key ("statement.pdf#page=2") into the
// document part before "page=" and the page's number. A table's row on a page
// ("…#page=2!row=3") is not a page record.
func pageOf(key string) (doc string, n int, ok bool) {
	if doc, n, ok = numbered(key, "page=", "#"); !ok || n < 1 {
		return "", 0, false
	}
	return doc, n, true
}

// pageChain holds back the person named last on a page, until the next
// page says whether it goes on with them.
type pageChain struct {
	doc  string
	page int
	key  string     // the held group's record key
	g    valueGroup // the held group
	held bool
}

// add reads page n of doc (record key) with the record's values, and
// calls fn with every record that is complete.
func (c *pageChain) add(doc string, n int, key string, v valueGroup, fn func(*Record)) {
	cont := c.held && doc == c.doc && n == c.page+1
	if !cont {
		c.flush(fn)
	}
	joined := false
	if cont {
		if pre, rest := leading(v); len(pre.vals) > 0 && taxAgrees(taxOf(c.g), taxOf(pre)) {
			joinGroup(&c.g, pre)
			v, joined = rest, true
		}
	}
	groups := splitByName(v.vals, v.finds, v.fixed)
	last := -1 // the group named last on the page
	for i, g := range groups {
		if hasType(g.vals, breachkit.PersonName) {
			last = i
		}
	}
	keyOf := func(i int) string {
		if i == 0 {
			return key
		}
		return key + "~" + strconv.Itoa(i+1)
	}
	if last >= 0 || !joined {
		c.flush(fn)
	} else {
		c.page = n // the held person goes on over a page without a name
	}
	for i, g := range groups {
		if i == last || len(g.vals) == 0 {
			continue
		}
		r := BuildRecord(keyOf(i), g.vals)
		r.Findings = g.finds
		fn(&r)
	}
	if last >= 0 {
		c.doc, c.page, c.key, c.g, c.held = doc, n, keyOf(last), groups[last], true
	}
}

// flush emits the held group, if any.
func (c *pageChain) flush(fn func(*Record)) {
	if !c.held {
		return
	}
	r := BuildRecord(c.key, c.g.vals)
	r.Findings = c.g.finds
	fn(&r)
	c.held = false
	c.g = valueGroup{}
}

// leading splits a page's values into those before its first name
// (every value, on a page without a name) and the rest; none are taken
// when they are a letterhead: an address before a name that has an
// address of its own after it.
func leading(v valueGroup) (pre, rest valueGroup) {
	idx := make([]int, len(v.vals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v.vals[idx[a]].Order < v.vals[idx[b]].Order })
	k := 0 // values before the first name
	for k < len(idx) && v.vals[idx[k]].Type != breachkit.PersonName {
		k++
	}
	before, after := false, false
	for j, i := range idx {
		if v.vals[i].Type == breachkit.Address {
			before, after = before || j < k, after || j > k
		}
	}
	if k == 0 || before && after {
		return valueGroup{}, v
	}
	put := func(g *valueGroup, i int) {
		g.vals = append(g.vals, v.vals[i])
		if i < len(v.finds) {
			g.finds = append(g.finds, v.finds[i])
		}
		if i < len(v.fixed) {
			g.fixed = append(g.fixed, v.fixed[i])
		}
	}
	for j, i := range idx {
		if j < k {
			put(&pre, i)
		} else {
			put(&rest, i)
		}
	}
	return pre, rest
}

// taxAgrees reports whether two SSNs or ITINs (normalised, "" for none)
// can be one person's.
func taxAgrees(a, b string) bool { return a == "" || b == "" || a == b }
