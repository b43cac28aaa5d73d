package xml

import (
	"strconv"

	"github.com/breachkit/breachkit/scan"
)

// Limits on the segments held while the record level is not known.
const (
	maxHeld      = 50000
	maxHeldBytes = 16 << 20
)

// recorder decides which elements of an XML document are its records
// (the people of an export) and names each segment's record after them.
//
// The records are the elements that repeat, with child elements of
// their own, under a chain of wrappers from the root: <export> and
// <customers> wrap, each <customer> is a record. A wrapper holds only
// elements (its own attributes aside for the root), so the addresses
// repeated inside a customer that already has a leaf value (an <ssn>, an
// id attribute) are not taken for records. Until the first repetition
// tells the level, segments are held, with the element numbers that
// will name them; with no repetition the document is one record when
// its root holds values of its own (one customer's file), else the
// root's children are the records, as they usually are.
type recorder struct {
	path      string
	emit      func(scan.Segment) error
	depth     int   // the records' depth (the root is 1); 0 while undecided
	counts    []int // elements started at each depth
	frames    []recFrame
	held      []heldSeg
	heldBytes int
	// cand is the depth of a repetition found inside an open element
	// below the root that may itself be a record (the addresses of a
	// first customer that has no leaf value yet): decided when that
	// element closes without a scalar, dropped when it closes with one.
	cand, candAbove int
	// rootLeaf is set when the root holds a value element of its own:
	// with nothing repeated, the document is one record (a customer's
	// file), not one per child.
	rootLeaf bool
}

// recFrame is an open element.
type recFrame struct {
	name       string
	leaf       bool // it has a scalar: a child element of text only, text of its own, or (below the root) an attribute
	kids       int  // child elements started
	text       bool // text of its own
	containers map[string]bool
}

// heldSeg is a segment held while the record level is undecided, with
// the element counts at each depth when it was read.
type heldSeg struct {
	seg    scan.Segment
	counts []int
}

// start records an element opening, with attrs attributes.
func (r *recorder) start(name string, attrs int) error {
	d := len(r.frames) + 1
	for len(r.counts) <= d {
		r.counts = append(r.counts, 0)
	}
	r.counts[d]++
	if d >= 2 {
		p := &r.frames[d-2]
		p.kids++
		if r.depth == 0 && p.containers[name] && r.wrapped(d-1) {
			switch {
			case d == 2 || personElement(name):
				// Under the root, nothing above can be a record. An
				// element that names a person (MISMO's PARTY, a
				// <customer>) is one, whatever repeats above it (the
				// loans of a delivery file) or inside it (its contact
				// points).
				if err := r.decide(d); err != nil {
					return err
				}
			case r.cand == 0:
				// Decided when the root's child above it closes (the
				// root itself for the root's grandchildren).
				r.cand, r.candAbove = d, min(d-2, 2)
			}
		}
	}
	r.frames = append(r.frames, recFrame{name: name, leaf: attrs > 0 && d > 1})
	return nil
}

// personElements are the names of elements that hold one person each,
// lower case: MISMO's PARTY, and the usual names of an export's rows.
var personElements = map[string]bool{"party": true, "person": true, "individual": true, "customer": true, "borrower": true,
	"patient": true, "employee": true, "member": true, "applicant": true}

// personElement reports whether an element's name says it holds one
// person.
func personElement(name string) bool {
	if len(name) > 12 {
		return false
	}
	var b [12]byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return personElements[string(b[:len(name)])]
}

// wrapped reports whether the open elements down to depth p are all
// wrappers: none has a scalar of its own.
func (r *recorder) wrapped(p int) bool {
	for i := 0; i < p; i++ {
		if r.frames[i].leaf {
			return false
		}
	}
	return true
}

// text records text in the innermost open element.
func (r *recorder) text() {
	if n := len(r.frames); n > 0 {
		r.frames[n-1].text = true
		if n > 1 {
			r.frames[n-1].leaf = true
		}
	}
}

// end records the innermost element closing.
func (r *recorder) end() error {
	n := len(r.frames)
	if n == 0 {
		return nil
	}
	f := r.frames[n-1]
	r.frames = r.frames[:n-1]
	if r.depth == 0 && r.cand > 0 && n == r.candAbove {
		// The element above the candidate's parent closed: a wrapper
		// confirms the candidate, a record (it has a scalar) rules it
		// out.
		cand := r.cand
		r.cand = 0
		if !f.leaf && !(n == 1 && r.rootLeaf) {
			if err := r.decide(cand); err != nil {
				return err
			}
		}
	}
	if n < 2 {
		return nil
	}
	p := &r.frames[n-2]
	switch {
	case f.kids > 0:
		if p.containers == nil {
			p.containers = map[string]bool{}
		}
		p.containers[f.name] = true
	case f.text && n > 2:
		p.leaf = true // a value element: its parent holds a scalar
	case f.text:
		r.rootLeaf = true
	}
	return nil
}

// out names seg's record and emits it, or holds it while the record
// level is undecided.
func (r *recorder) out(seg scan.Segment) error {
	if r.depth > 0 {
		seg.Record = r.record(len(r.frames), r.counts)
		return r.emit(seg)
	}
	counts := append([]int(nil), r.counts[:min(len(r.counts), len(r.frames)+1)]...)
	r.held = append(r.held, heldSeg{seg, counts})
	r.heldBytes += len(seg.Text) + 8*len(counts) // a deep document's counts weigh too
	if len(r.held) >= maxHeld || r.heldBytes >= maxHeldBytes {
		return r.decide(r.fallback())
	}
	return nil
}

// record names the record of a segment read at depth d with the given
// element counts.
func (r *recorder) record(d int, counts []int) string {
	if d < r.depth || r.depth >= len(counts) {
		return r.path
	}
	return r.path + "#elem=" + strconv.Itoa(counts[r.depth])
}

// decide fixes the record level at depth d and emits the held segments.
func (r *recorder) decide(d int) error {
	r.depth = d
	held := r.held
	r.held, r.heldBytes = nil, 0
	for _, h := range held {
		h.seg.Record = r.record(len(h.counts)-1, h.counts)
		if err := r.emit(h.seg); err != nil {
			return err
		}
	}
	return nil
}

// finish emits what is still held, the root's children being the
// records when nothing repeated.
func (r *recorder) finish() error {
	if r.depth == 0 {
		if r.cand == 0 && r.rootLeaf {
			return r.decide(1)
		}
		return r.decide(r.fallback())
	}
	return nil
}

// fallback is the record depth when no repetition decided it: the
// candidate, or the root's children.
func (r *recorder) fallback() int {
	if r.cand > 0 {
		return r.cand
	}
	return 2
}
