package sqlite

import (
	"context"
	"fmt"

	"github.com/breachkit/breachkit"
)

// PutNotice adds a notice, or returns ErrConflict if its Key exists.
func (s *Store) PutNotice(ctx context.Context, n *breachkit.Notice) error {
	res, err := s.db.ExecContext(ctx, `INSERT INTO notices (case_id, person_id, obligation_id, channel, status, key, recipient, attempts, detail, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.CaseID, n.PersonID, n.ObligationID, n.Channel, n.Status, n.Key, []byte(n.Recipient), n.Attempts, n.Detail, micros(n.UpdatedAt))
	if isUnique(err) {
		return fmt.Errorf("notice %q: %w", n.Key, breachkit.ErrConflict)
	}
	if err != nil {
		return s.describe(err)
	}
	n.ID, err = res.LastInsertId()
	return err
}

// UpdateNotice saves a notice's status, attempts and detail.
func (s *Store) UpdateNotice(ctx context.Context, n *breachkit.Notice) error {
	res, err := s.db.ExecContext(ctx, `UPDATE notices SET status = ?, attempts = ?, detail = ?, updated_at = ? WHERE id = ? AND case_id = ?`,
		n.Status, n.Attempts, n.Detail, micros(n.UpdatedAt), n.ID, n.CaseID)
	if err != nil {
		return s.describe(err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return fmt.Errorf("notice %d: %w", n.ID, breachkit.ErrNotFound)
	}
	return nil
}

// Notices streams a case's notices in ID order.
func (s *Store) Notices(ctx context.Context, caseID int64, status string, fn func(*breachkit.Notice) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, person_id, obligation_id, channel, status, key, recipient, attempts, detail, updated_at
		FROM notices WHERE case_id = ? AND (? = '' OR status = ?) ORDER BY id`, caseID, status, status)
	if err != nil {
		return s.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n breachkit.Notice
		var at int64
		if err := rows.Scan(&n.ID, &n.CaseID, &n.PersonID, &n.ObligationID, &n.Channel, &n.Status, &n.Key, &n.Recipient, &n.Attempts, &n.Detail, &at); err != nil {
			return err
		}
		n.UpdatedAt = fromMicros(at)
		if err := fn(&n); err != nil {
			return err
		}
	}
	return rows.Err()
}
