package postgres

import (
	"context"
	"fmt"

	"github.com/breachkit/breachkit"
)

// PutNotice adds a notice, or returns ErrConflict if its Key exists.
func (s *Store) PutNotice(ctx context.Context, n *breachkit.Notice) error {
	err := s.pool.QueryRow(ctx, `INSERT INTO notices (case_id, person_id, obligation_id, channel, status, key, recipient, attempts, detail, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		n.CaseID, n.PersonID, n.ObligationID, n.Channel, n.Status, n.Key, []byte(n.Recipient), n.Attempts, n.Detail, micros(n.UpdatedAt)).Scan(&n.ID)
	if isUnique(err) {
		return fmt.Errorf("notice %q: %w", n.Key, breachkit.ErrConflict)
	}
	return err
}

// UpdateNotice saves a notice's status, attempts and detail.
func (s *Store) UpdateNotice(ctx context.Context, n *breachkit.Notice) error {
	tag, err := s.pool.Exec(ctx, `UPDATE notices SET status = $1, attempts = $2, detail = $3, updated_at = $4 WHERE id = $5 AND case_id = $6`,
		n.Status, n.Attempts, n.Detail, micros(n.UpdatedAt), n.ID, n.CaseID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("notice %d: %w", n.ID, breachkit.ErrNotFound)
	}
	return nil
}

// Notices streams a case's notices in ID order.
func (s *Store) Notices(ctx context.Context, caseID int64, status string, fn func(*breachkit.Notice) error) error {
	rows, err := s.pool.Query(ctx, `SELECT id, case_id, person_id, obligation_id, channel, status, key, recipient, attempts, detail, updated_at
		FROM notices WHERE case_id = $1 AND ($2 = '' OR status = $2) ORDER BY id`, caseID, status)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n breachkit.Notice
		var at, attempts int64
		if err := rows.Scan(&n.ID, &n.CaseID, &n.PersonID, &n.ObligationID, &n.Channel, &n.Status, &n.Key, &n.Recipient, &attempts, &n.Detail, &at); err != nil {
			return err
		}
		n.Attempts, n.UpdatedAt = int(attempts), fromMicros(at)
		if err := fn(&n); err != nil {
			return err
		}
	}
	return rows.Err()
}
