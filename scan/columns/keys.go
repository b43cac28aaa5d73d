package columns

import "github.com/breachkit/breachkit/scan"

// Keys gives the values of a record (a JSON object, an XML element that
// repeats) the fields of that record as their Segment.Columns, as a
// table's cells carry their table's column names: a "name" beside an
// "email" is a person's, a "memberId" beside no key of health is a
// club's or a credit union's member number. An extractor hands its
// segments, their Record set, to Add, and calls Flush at the end. A
// record's values are held until the record ends, at most maxKeyed of
// them; the values of a larger record go on at once, with the fields seen
// so far.
type Keys struct {
	Emit    func(scan.Segment) error
	rec     string
	held    []scan.Segment
	cols    []string
	seen    map[string]bool
	spilled bool
}

// maxKeyed bounds the values of one record held for its keys.
const maxKeyed = 4096

// Add holds seg until its record ends.
func (r *Keys) Add(seg scan.Segment) error {
	if seg.Record != r.rec {
		if err := r.Flush(); err != nil {
			return err
		}
		r.rec, r.cols, r.spilled = seg.Record, nil, false
		clear(r.seen)
	}
	if seg.Field != "" && !r.seen[seg.Field] && len(r.cols) < MaxColumns {
		if r.seen == nil {
			r.seen = map[string]bool{}
		}
		r.seen[seg.Field] = true
		r.cols = append(r.cols, seg.Field)
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
