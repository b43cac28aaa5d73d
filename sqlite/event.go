package sqlite

import (
	"context"

	"github.com/breachkit/breachkit"
)

// AddEvent adds an entry to a case's timeline.
func (s *Store) AddEvent(ctx context.Context, e *breachkit.Event) error {
	res, err := s.db.ExecContext(ctx, `INSERT INTO events (case_id, at, kind, actor, text) VALUES (?, ?, ?, ?, ?)`,
		e.CaseID, micros(e.At), e.Kind, e.Actor, e.Text)
	if err != nil {
		return s.describe(err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

// Events returns a case's timeline, oldest first.
func (s *Store) Events(ctx context.Context, caseID int64) ([]breachkit.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, at, kind, actor, text FROM events WHERE case_id = ? ORDER BY at, id`, caseID)
	if err != nil {
		return nil, s.describe(err)
	}
	defer rows.Close()
	var out []breachkit.Event
	for rows.Next() {
		var e breachkit.Event
		var at int64
		if err := rows.Scan(&e.ID, &e.CaseID, &at, &e.Kind, &e.Actor, &e.Text); err != nil {
			return nil, err
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
