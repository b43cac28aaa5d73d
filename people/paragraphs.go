package people

import (
	"strconv"
	"strings"

	"github.com/breachkit/breachkit"
)

// A word processor writes a letter a paragraph a line: the addressee's
// name, the street, "City, ST ZIP", then "Dear Ana Souza," and a body
// that quotes her SSN, each a record of its own ("letter.docx#para=6").
// Taken one by one they make several people of one (a name with an
// address, a nameless SSN), and the one with the SSN has no address to
// write to. A document's paragraphs are therefore read in order, and a
// paragraph that holds nothing but a name (an address block's first
// line, a salutation, a signature) opens a chain: the nameless
// paragraphs after it are that person's, and a later paragraph naming
// them again alone ("Dear Ana Souza", "Dear Ms. Souza", "Dear Ana")
// reopens it. A paragraph naming someone whose name first came alone
// or in an address block (name, street, city in one paragraph) is
// theirs too, with all it holds.
//
// The chain is cautious, since joining the values of two people is the
// worse error. A paragraph that holds a name with other values (a note,
// a memo's entry) is an entry of its own and opens nothing, so an entry
// whose name was missed is not given to the one before. A nameless
// paragraph joins an open chain when it comes right after the name (the
// street under it, the e-mail address under a signature), or when the
// chain already holds a value besides the name, the name came within
// paraWindow paragraphs before, and no new addressee (a new name with an
// address right under it) follows within paraAhead paragraphs: the
// letterhead of the next letter of a mail merge is neither the
// signatory's before it nor the addressee's after. Nothing joins someone
// holding another SSN or ITIN than its own.
const (
	paraWindow = 20
	paraAhead  = 6
)

// chainLimit bounds the paragraph groups a chain holds before it is
// joined and emitted: a notes file of millions of paragraphs is read in
// pieces of this many, so that memory stays near the source's own.
var chainLimit = 1 << 16

// paragraphOf splits a paragraph record's key ("doc.docx#para=12",
// "doc.docx#part=header1!para=2", "deck.pptx#slide=3!para=2") into the
// document part before "para=" and the paragraph's number.
func paragraphOf(key string) (doc string, n int, ok bool) {
	return numbered(key, "para=", "#!")
}

// numbered splits a record key that ends in a numbered part (name, then
// digits), after one of the separators seps, into what comes before the
// part and its number.
func numbered(key, name, seps string) (before string, n int, ok bool) {
	i := strings.LastIndex(key, name)
	if i < 1 || !strings.ContainsRune(seps, rune(key[i-1])) {
		return "", 0, false
	}
	n, err := strconv.Atoi(key[i+len(name):])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return key[:i], n, true
}

// paraGroup is a group of values of one paragraph record, in document
// order, before the chain joins it.
type paraGroup struct {
	key      string // the record key it would have alone
	para     int
	g        valueGroup
	name     string // its name, lower case, or ""
	nameOnly bool   // it holds names and nothing else
	block    bool   // it holds names and addresses only: an address block
}

// docChain collects the groups of the paragraphs of one document.
type docChain struct {
	doc    string
	groups []paraGroup
}

// add appends the groups of paragraph n (record key) of doc.
func (c *docChain) add(key string, n int, gs []valueGroup) {
	for i, g := range gs {
		k := key
		if i > 0 {
			k = key + "~" + strconv.Itoa(i+1)
		}
		nm := groupName(g)
		block := nm != ""
		for _, v := range g.vals {
			block = block && (v.Type == breachkit.PersonName || v.Type == breachkit.Address)
		}
		c.groups = append(c.groups, paraGroup{key: k, para: n, g: g, name: nm, nameOnly: nm != "" && !hasOther(g.vals), block: block})
	}
}

// groupName returns the first name of a group, lower case with single
// spaces, or "".
func groupName(g valueGroup) string {
	for _, v := range g.vals {
		if v.Type == breachkit.PersonName {
			return nameKey(v.Value)
		}
	}
	return ""
}

// flush joins the document's groups into records and calls fn with each.
func (c *docChain) flush(fn func(*Record)) {
	type person struct {
		key      string
		g        valueGroup
		lastPara int    // the paragraph that last named them
		tax      string // their SSN or ITIN, digits
		open     bool   // the paragraph that last named them held only names
		letter   bool   // a paragraph named them alone, or in an address block
		held     bool   // a value besides their name came with them
	}
	// Which groups name an addressee not named before them: a new name
	// with an address in its paragraph or the next, as a letter's
	// address block is written (a signature's name has none).
	fresh := make([]bool, len(c.groups))
	var seen nameIndex
	for i, p := range c.groups {
		if p.name == "" || seen.find(p.name) >= 0 {
			continue
		}
		seen.add(p.name, i)
		for j := i; j < len(c.groups) && c.groups[j].para <= p.para+1 && !fresh[i]; j++ {
			if j > i && c.groups[j].name != "" {
				break
			}
			fresh[i] = hasType(c.groups[j].g.vals, breachkit.Address)
		}
	}
	var out []*person
	var names nameIndex // name -> index in out
	var cur *person
	agree := func(q *person, tax string) bool { return taxAgrees(q.tax, tax) }
	join := func(q *person, p paraGroup, tax string) {
		joinGroup(&q.g, p.g)
		q.held = q.held || hasOther(p.g.vals)
		if q.tax == "" {
			q.tax = tax
		}
	}
	for i, p := range c.groups {
		tax := taxOf(p.g)
		if p.name == "" {
			ahead := false
			for j := i + 1; j < len(c.groups) && c.groups[j].para <= p.para+paraAhead; j++ {
				ahead = ahead || fresh[j]
			}
			near := cur != nil && cur.open && (p.para == cur.lastPara+1 || !ahead && cur.held && p.para-cur.lastPara <= paraWindow)
			if near && agree(cur, tax) {
				join(cur, p, tax)
				continue
			}
			out = append(out, &person{key: p.key, g: p.g, tax: tax})
			continue
		}
		// Named again: by a salutation or signature, or in a letter.
		if k := names.find(p.name); k >= 0 && (p.nameOnly || out[k].letter) && agree(out[k], tax) {
			q := out[k]
			join(q, p, tax)
			q.lastPara, q.open = p.para, p.nameOnly
			q.letter = q.letter || p.block
			cur = q
			continue
		}
		cur = &person{key: p.key, g: p.g, lastPara: p.para, tax: tax, open: p.nameOnly, letter: p.block, held: hasOther(p.g.vals)}
		if names.find(p.name) < 0 {
			names.add(p.name, len(out))
		}
		out = append(out, cur)
	}
	for _, p := range out {
		r := BuildRecord(p.key, p.g.vals)
		r.Findings = p.g.finds
		fn(&r)
	}
	c.groups = c.groups[:0]
}

// nameIndex finds the person a name mentions again: the same name, or
// one word of it ("Souza" in "Dear Ms. Souza", "Ana" in "Dear Ana") when
// exactly one person named so far has that word as a first or last name.
type nameIndex struct {
	full map[string]int
	word map[string]int // -1: the word of several people
}

func (x *nameIndex) add(name string, i int) {
	if x.full == nil {
		x.full, x.word = map[string]int{}, map[string]int{}
	}
	x.full[name] = i
	f := strings.Fields(name)
	if len(f) < 2 {
		return
	}
	for _, w := range []string{f[0], f[len(f)-1]} {
		if k, ok := x.word[w]; ok && k != i {
			x.word[w] = -1
		} else {
			x.word[w] = i
		}
	}
}

// find returns the index the name was added with, or -1.
func (x *nameIndex) find(name string) int {
	if k, ok := x.full[name]; ok {
		return k
	}
	if strings.Contains(name, " ") {
		return -1
	}
	if k, ok := x.word[name]; ok {
		return k
	}
	return -1
}

// hasOther reports whether vals hold a value that is not a name.
func hasOther(vals []Value) bool {
	for _, v := range vals {
		if v.Type != breachkit.PersonName {
			return true
		}
	}
	return false
}

// hasType reports whether vals hold a value of type t.
func hasType(vals []Value, t breachkit.Element) bool {
	for _, v := range vals {
		if v.Type == t {
			return true
		}
	}
	return false
}

// taxOf returns a group's first SSN or ITIN, normalised, or "".
func taxOf(g valueGroup) string {
	for _, v := range g.vals {
		if v.Type == breachkit.SSN || v.Type == breachkit.ITIN {
			return breachkit.Normalize(v.Type, v.Value)
		}
	}
	return ""
}

// joinGroup appends src's values to dst, after dst's in order: values of
// a paragraph without byte offsets are numbered from 0 in their own.
func joinGroup(dst *valueGroup, src valueGroup) {
	var last int64 = -1
	for _, v := range dst.vals {
		last = max(last, v.Order)
	}
	base := int64(0)
	for _, v := range src.vals {
		if v.Order <= last {
			base = last + 1
			break
		}
	}
	for _, v := range src.vals {
		v.Order += base
		dst.vals = append(dst.vals, v)
	}
	dst.finds = append(dst.finds, src.finds...)
	dst.fixed = append(dst.fixed, src.fixed...)
}
