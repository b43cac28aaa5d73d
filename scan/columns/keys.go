package columns

import (
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// Keys gives the values of a record (a JSON object, an XML element that
// repeats) the keys of that record (the last element of each value's
// Field) as their Segment.Columns, as a
// table's cells carry their table's column names: a "name" beside an
// "email" is a person's, a "memberId" beside no key of health is a
// club's or a credit union's member number. An extractor hands its
// segments, their Record set, to Add, and calls Flush at the end. A
// record's values are held until the record ends, at most maxKeyed of
// them; the values of a larger record go on at once, with the fields seen
// until then. At most maxKeys fields are given.
type Keys struct {
	Emit    func(scan.Segment) error
	rec     string
	held    []scan.Segment
	cols    []string
	seen    map[string]bool
	spilled bool
}

// maxKeyed bounds the values of one record held for its keys, and
// maxKeys the fields it gives them: a document of thousands of fields is
// no row of a table, and a table of them would be read again for every
// value (the detectors look at a table once per set of columns).
const (
	maxKeyed = 4096
	maxKeys  = 256
)

// Add holds seg until its record ends.
func (r *Keys) Add(seg scan.Segment) error {
	if seg.Record != r.rec {
		if err := r.Flush(); err != nil {
			return err
		}
		r.rec, r.cols, r.spilled = seg.Record, nil, false
		if len(r.seen) > 32 {
			r.seen = nil // a map keeps its size: clearing a large one for each small record costs
		} else {
			clear(r.seen)
		}
	}
	// The key, not its path: the same few keys come in every record
	// ("contact.email" gives "email").
	key := seg.Field[strings.LastIndexByte(seg.Field, '.')+1:]
	if key != "" && !r.spilled && !r.seen[key] && len(r.cols) < maxKeys {
		if r.seen == nil {
			r.seen = map[string]bool{}
		}
		r.seen[key] = true
		r.cols = append(r.cols, key)
	}
	if r.spilled {
		seg.Columns = r.cols
		return r.Emit(seg)
	}
	r.held = append(r.held, seg)
	if len(r.held) >= maxKeyed {
		r.spilled = true
		return r.Flush()
	}
	return nil
}

// Flush emits the held values with their record's fields.
func (r *Keys) Flush() error {
	held := r.held
	r.held = r.held[:0]
	for _, s := range held {
		s.Columns = r.cols
		if err := r.Emit(s); err != nil {
			return err
		}
	}
	return nil
}
