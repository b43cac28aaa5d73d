package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
)

const noticeCols = `id, case_id, person_id, obligation_id, channel, status, key, variant, recipient, batch, attempts, next_attempt, claimed_at, message_id, detail, updated_at`

func scanNotice(row interface{ Scan(...any) error }) (*breachkit.Notice, error) {
	var n breachkit.Notice
	var next, claimed, at int64
	if err := row.Scan(&n.ID, &n.CaseID, &n.PersonID, &n.ObligationID, &n.Channel, &n.Status, &n.Key, &n.Variant, &n.Recipient,
		&n.Batch, &n.Attempts, &next, &claimed, &n.MessageID, &n.Detail, &at); err != nil {
		return nil, err
	}
	n.NextAttempt, n.ClaimedAt, n.UpdatedAt = fromMicros(next), fromMicros(claimed), fromMicros(at)
	return &n, nil
}

// AddNotices stores the notices whose Key is new, in one transaction.
func (s *Store) AddNotices(ctx context.Context, ns []*breachkit.Notice) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO notices (case_id, person_id, obligation_id, channel, status, key, variant, recipient, batch, attempts, next_attempt, claimed_at, message_id, detail, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, key) DO NOTHING RETURNING id`)
		if err != nil {
			return err
		}
		defer ins.Close()
		get, err := tx.PrepareContext(ctx, `SELECT id FROM notices WHERE case_id = ? AND key = ?`)
		if err != nil {
			return err
		}
		defer get.Close()
		for _, n := range ns {
			err := ins.QueryRowContext(ctx, n.CaseID, n.PersonID, n.ObligationID, n.Channel, n.Status, n.Key, n.Variant, []byte(n.Recipient),
				n.Batch, n.Attempts, micros(n.NextAttempt), micros(n.ClaimedAt), n.MessageID, n.Detail, micros(n.UpdatedAt)).Scan(&n.ID)
			if err == sql.ErrNoRows {
				if err := get.QueryRowContext(ctx, n.CaseID, n.Key).Scan(&n.ID); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, s.describe(err)
	}
	return added, nil
}

// UpdateNotices saves the notices' mutable fields in one transaction.
func (s *Store) UpdateNotices(ctx context.Context, ns ...*breachkit.Notice) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		up, err := tx.PrepareContext(ctx, `UPDATE notices SET status = ?, attempts = ?, batch = ?, next_attempt = ?, claimed_at = ?, message_id = ?, detail = ?, updated_at = ?
			WHERE id = ? AND case_id = ?`)
		if err != nil {
			return err
		}
		defer up.Close()
		for _, n := range ns {
			res, err := up.ExecContext(ctx, n.Status, n.Attempts, n.Batch, micros(n.NextAttempt), micros(n.ClaimedAt), n.MessageID, n.Detail, micros(n.UpdatedAt), n.ID, n.CaseID)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return fmt.Errorf("notice %d: %w", n.ID, breachkit.ErrNotFound)
			}
		}
		return nil
	})
}

// Notice returns one notice.
func (s *Store) Notice(ctx context.Context, caseID, id int64) (*breachkit.Notice, error) {
	n, err := scanNotice(s.db.QueryRowContext(ctx, `SELECT `+noticeCols+` FROM notices WHERE case_id = ? AND id = ?`, caseID, id))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("notice %d", id))
	}
	return n, nil
}

// Notices streams a case's notices in ID order.
func (s *Store) Notices(ctx context.Context, caseID int64, channel, status string, fn func(*breachkit.Notice) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+noticeCols+` FROM notices WHERE case_id = ? AND (? = '' OR channel = ?) AND (? = '' OR status = ?) ORDER BY id`,
		caseID, channel, channel, status, status)
	if err != nil {
		return s.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return err
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ClaimNotices moves claimable notices to sending in one immediate
// transaction, so that two processes never claim the same notice.
func (s *Store) ClaimNotices(ctx context.Context, caseID int64, channel string, limit, maxAttempts int, now time.Time) ([]*breachkit.Notice, error) {
	var out []*breachkit.Notice
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE notices SET status = 'sending', attempts = attempts + 1, claimed_at = ?, updated_at = ?
			WHERE id IN (SELECT id FROM notices WHERE case_id = ? AND channel = ?
				AND (status = 'planned' OR (status = 'failed' AND attempts < ? AND next_attempt <= ?)) ORDER BY id LIMIT ?)
			RETURNING `+noticeCols, micros(now), micros(now), caseID, channel, maxAttempts, micros(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotice(rows)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.describe(err)
	}
	sortNotices(out)
	return out, nil
}

func sortNotices(ns []*breachkit.Notice) {
	slices.SortFunc(ns, func(a, b *breachkit.Notice) int { return cmp.Compare(a.ID, b.ID) })
}

// MarkInDoubt moves stale sending notices to in-doubt.
func (s *Store) MarkInDoubt(ctx context.Context, caseID int64, channel string, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE notices SET status = 'in-doubt', updated_at = ? WHERE case_id = ? AND channel = ? AND status = 'sending' AND claimed_at < ?`,
		micros(time.Now()), caseID, channel, micros(cutoff))
	if err != nil {
		return 0, s.describe(err)
	}
	return res.RowsAffected()
}

// CountNotices counts notices by channel, variant and status.
func (s *Store) CountNotices(ctx context.Context, caseID int64) ([]breachkit.NoticeCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT channel, variant, status, count(*) FROM notices WHERE case_id = ? GROUP BY channel, variant, status ORDER BY channel, variant, status`, caseID)
	if err != nil {
		return nil, s.describe(err)
	}
	defer rows.Close()
	var out []breachkit.NoticeCount
	for rows.Next() {
		var c breachkit.NoticeCount
		if err := rows.Scan(&c.Channel, &c.Variant, &c.Status, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddCodes adds codes to the pool, skipping duplicates.
func (s *Store) AddCodes(ctx context.Context, caseID int64, codes []*breachkit.MonitoringCode) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO monitoring_codes (case_id, provider, value, fingerprint) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, fingerprint) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, c := range codes {
			res, err := ins.ExecContext(ctx, caseID, c.Provider, []byte(c.Value), c.Fingerprint)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 1 {
				c.ID, _ = res.LastInsertId()
				c.CaseID = caseID
				added++
			}
		}
		return nil
	})
	if err != nil {
		return 0, s.describe(err)
	}
	return added, nil
}

// poolWhere is the condition that selects pool's codes, and its argument.
func poolWhere(pool breachkit.CodePool) (string, []any) {
	switch {
	case pool.Provider == "":
		return "", nil
	case pool.Except:
		return ` AND provider <> ?`, []any{pool.Provider}
	}
	return ` AND provider = ?`, []any{pool.Provider}
}

// AssignCodes gives each listed person without a code one unused code of
// pool.
func (s *Store) AssignCodes(ctx context.Context, caseID int64, pool breachkit.CodePool, personIDs []int64) error {
	where, pargs := poolWhere(pool)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		has, err := tx.PrepareContext(ctx, `SELECT count(*) FROM monitoring_codes WHERE case_id = ? AND person_id = ?`)
		if err != nil {
			return err
		}
		defer has.Close()
		assign, err := tx.PrepareContext(ctx, `UPDATE monitoring_codes SET person_id = ? WHERE id = (SELECT id FROM monitoring_codes WHERE case_id = ? AND person_id IS NULL`+where+` ORDER BY id LIMIT 1)`)
		if err != nil {
			return err
		}
		defer assign.Close()
		for _, pid := range personIDs {
			var n int
			if err := has.QueryRowContext(ctx, caseID, pid).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			res, err := assign.ExecContext(ctx, append([]any{pid, caseID}, pargs...)...)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return breachkit.ErrExhausted
			}
		}
		return nil
	})
	if err == breachkit.ErrExhausted {
		return fmt.Errorf("monitoring codes: %w", err)
	}
	if err != nil {
		return s.describe(err)
	}
	return nil
}

// CodesOf returns the codes assigned to the listed people.
func (s *Store) CodesOf(ctx context.Context, caseID int64, personIDs []int64) (map[int64]*breachkit.MonitoringCode, error) {
	out := map[int64]*breachkit.MonitoringCode{}
	for len(personIDs) > 0 {
		chunk := personIDs[:min(len(personIDs), 500)]
		personIDs = personIDs[len(chunk):]
		args := []any{caseID}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, provider, value, fingerprint, person_id FROM monitoring_codes WHERE case_id = ? AND person_id IN (?`+
			strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, s.describe(err)
		}
		for rows.Next() {
			var c breachkit.MonitoringCode
			if err := rows.Scan(&c.ID, &c.CaseID, &c.Provider, &c.Value, &c.Fingerprint, &c.PersonID); err != nil {
				rows.Close()
				return nil, err
			}
			out[c.PersonID] = &c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CountCodes counts the pool's codes and its assigned ones.
func (s *Store) CountCodes(ctx context.Context, caseID int64, pool breachkit.CodePool) (total, assigned int64, err error) {
	where, pargs := poolWhere(pool)
	err = s.db.QueryRowContext(ctx, `SELECT count(*), count(person_id) FROM monitoring_codes WHERE case_id = ?`+where, append([]any{caseID}, pargs...)...).Scan(&total, &assigned)
	if err != nil {
		return 0, 0, s.describe(err)
	}
	return total, assigned, nil
}
