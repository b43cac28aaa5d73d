package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// AddEvent adds an entry to a case's timeline.
func (s *Store) AddEvent(ctx context.Context, e *breachkit.Event) error {
	return s.pool.QueryRow(ctx, `INSERT INTO events (case_id, at, kind, actor, text) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		e.CaseID, micros(e.At), e.Kind, e.Actor, e.Text).Scan(&e.ID)
}

// Events returns a case's timeline, oldest first.
func (s *Store) Events(ctx context.Context, caseID int64) ([]breachkit.Event, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, case_id, at, kind, actor, text FROM events WHERE case_id = $1 ORDER BY at, id`, caseID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (breachkit.Event, error) {
		var e breachkit.Event
		var at int64
		err := r.Scan(&e.ID, &e.CaseID, &at, &e.Kind, &e.Actor, &e.Text)
		e.At = fromMicros(at)
		return e, err
	})
}
