package json

import "github.com/breachkit/breachkit/scan"

// recordKeys gives the values of a record the key paths of that record as
// their Segment.Columns, as a table's cells carry their table's column
// names: a "name" beside an "email" is a person's, a "memberId" beside no
// key of health is a club's or a credit union's member number. A record's
// values are held until the record ends, at most maxKeyed of them; the
// values of a larger record go on at once, with the keys seen so far.
type recordKeys struct {
	emit    func(scan.Segment) error
	rec     string
	held    []scan.Segment
	cols    []string
	seen    map[string]bool
	spilled bool
}

// maxKeyed bounds the values of one record held for its keys.
const maxKeyed = 4096

// add holds seg until its record ends.
func (r *recordKeys) add(seg scan.Segment) error {
	if seg.Record != r.rec {
		if err := r.flush(); err != nil {
			return err
		}
		r.rec, r.cols, r.spilled = seg.Record, nil, false
		clear(r.seen)
	}
	if seg.Field != "" && !r.seen[seg.Field] && len(r.cols) < maxColumns {
		if r.seen == nil {
			r.seen = map[string]bool{}
		}
		r.seen[seg.Field] = true
		r.cols = append(r.cols, seg.Field)
	}
	if r.spilled {
		seg.Columns = r.cols
		return r.emit(seg)
	}
	r.held = append(r.held, seg)
	if len(r.held) >= maxKeyed {
		r.spilled = true
		return r.flush()
	}
	return nil
}

// flush emits the held values with their record's keys.
func (r *recordKeys) flush() error {
	held := r.held
	r.held = r.held[:0]
	for _, s := range held {
		s.Columns = r.cols
		if err := r.emit(s); err != nil {
			return err
		}
	}
	return nil
}
