package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

const noticeCols = `id, case_id, person_id, obligation_id, channel, status, key, variant, recipient, batch, attempts, next_attempt, claimed_at, message_id, detail, updated_at`

func scanNotice(row pgx.Row) (*breachkit.Notice, error) {
	var n breachkit.Notice
	var next, claimed, at int64
	var recipient []byte
	if err := row.Scan(&n.ID, &n.CaseID, &n.PersonID, &n.ObligationID, &n.Channel, &n.Status, &n.Key, &n.Variant, &recipient,
		&n.Batch, &n.Attempts, &next, &claimed, &n.MessageID, &n.Detail, &at); err != nil {
		return nil, err
	}
	n.Recipient = recipient
	n.NextAttempt, n.ClaimedAt, n.UpdatedAt = fromMicros(next), fromMicros(claimed), fromMicros(at)
	return &n, nil
}

// AddNotices stores the notices whose Key is new, in one transaction.
func (s *Store) AddNotices(ctx context.Context, ns []*breachkit.Notice) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx pgx.Tx) error {
		added = 0
		for _, n := range ns {
			err := tx.QueryRow(ctx, `INSERT INTO notices (case_id, person_id, obligation_id, channel, status, key, variant, recipient, batch, attempts, next_attempt, claimed_at, message_id, detail, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (case_id, key) DO NOTHING RETURNING id`,
				n.CaseID, n.PersonID, n.ObligationID, n.Channel, n.Status, n.Key, n.Variant, []byte(n.Recipient),
				n.Batch, n.Attempts, micros(n.NextAttempt), micros(n.ClaimedAt), n.MessageID, n.Detail, micros(n.UpdatedAt)).Scan(&n.ID)
			if errors.Is(err, pgx.ErrNoRows) {
				if err := tx.QueryRow(ctx, `SELECT id FROM notices WHERE case_id = $1 AND key = $2`, n.CaseID, n.Key).Scan(&n.ID); err != nil {
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
	return added, err
}

// UpdateNotices saves the notices' mutable fields in one transaction,
// sent as one batch.
func (s *Store) UpdateNotices(ctx context.Context, ns ...*breachkit.Notice) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		var b pgx.Batch
		for _, n := range ns {
			b.Queue(`UPDATE notices SET status = $1, attempts = $2, batch = $3, next_attempt = $4, claimed_at = $5, message_id = $6, detail = $7, updated_at = $8
				WHERE id = $9 AND case_id = $10`,
				n.Status, n.Attempts, n.Batch, micros(n.NextAttempt), micros(n.ClaimedAt), n.MessageID, n.Detail, micros(n.UpdatedAt), n.ID, n.CaseID)
		}
		br := tx.SendBatch(ctx, &b)
		for _, n := range ns {
			tag, err := br.Exec()
			if err != nil {
				br.Close()
				return err
			}
			if tag.RowsAffected() == 0 {
				br.Close()
				return fmt.Errorf("notice %d: %w", n.ID, breachkit.ErrNotFound)
			}
		}
		return br.Close()
	})
}

// Notice returns one notice.
func (s *Store) Notice(ctx context.Context, caseID, id int64) (*breachkit.Notice, error) {
	n, err := scanNotice(s.pool.QueryRow(ctx, `SELECT `+noticeCols+` FROM notices WHERE case_id = $1 AND id = $2`, caseID, id))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("notice %d", id))
	}
	return n, nil
}

// Notices streams a case's notices in ID order.
func (s *Store) Notices(ctx context.Context, caseID int64, channel, status string, fn func(*breachkit.Notice) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+noticeCols+` FROM notices WHERE case_id = $1 AND ($2 = '' OR channel = $2) AND ($3 = '' OR status = $3) ORDER BY id`,
		caseID, channel, status)
	if err != nil {
		return err
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

// ClaimNotices moves claimable notices to sending; FOR UPDATE SKIP LOCKED
// lets many workers claim side by side without ever sharing a notice.
func (s *Store) ClaimNotices(ctx context.Context, caseID int64, channel string, limit, maxAttempts int, now time.Time) ([]*breachkit.Notice, error) {
	rows, err := s.pool.Query(ctx, `UPDATE notices SET status = 'sending', attempts = attempts + 1, claimed_at = $1, updated_at = $1
		WHERE id IN (SELECT id FROM notices WHERE case_id = $2 AND channel = $3
			AND (status = 'planned' OR (status = 'failed' AND attempts < $4 AND next_attempt <= $1)) ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED)
		RETURNING `+noticeCols, micros(now), caseID, channel, maxAttempts, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*breachkit.Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *breachkit.Notice) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MarkInDoubt moves stale sending notices to in-doubt.
func (s *Store) MarkInDoubt(ctx context.Context, caseID int64, channel string, cutoff time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE notices SET status = 'in-doubt', updated_at = $1 WHERE case_id = $2 AND channel = $3 AND status = 'sending' AND claimed_at < $4`,
		micros(time.Now()), caseID, channel, micros(cutoff))
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// CountNotices counts notices by channel, variant and status.
func (s *Store) CountNotices(ctx context.Context, caseID int64) ([]breachkit.NoticeCount, error) {
	rows, err := s.pool.Query(ctx, `SELECT channel, variant, status, count(*) FROM notices WHERE case_id = $1 GROUP BY channel, variant, status ORDER BY channel, variant, status`, caseID)
	if err != nil {
		return nil, err
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
	err := s.tx(ctx, func(tx pgx.Tx) error {
		added = 0
		for _, c := range codes {
			err := tx.QueryRow(ctx, `INSERT INTO monitoring_codes (case_id, provider, value, fingerprint) VALUES ($1, $2, $3, $4)
				ON CONFLICT (case_id, fingerprint) DO NOTHING RETURNING id`, caseID, c.Provider, []byte(c.Value), c.Fingerprint).Scan(&c.ID)
			if errors.Is(err, pgx.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			c.CaseID = caseID
			added++
		}
		return nil
	})
	return added, err
}

// AssignCodes gives each listed person without a code one unused code.
func (s *Store) AssignCodes(ctx context.Context, caseID int64, pool breachkit.CodePool, personIDs []int64) error {
	where := poolWhere(pool, 3)
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for _, pid := range personIDs {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM monitoring_codes WHERE case_id = $1 AND person_id = $2`, caseID, pid).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			args := []any{pid, caseID}
			if where != "" {
				args = append(args, pool.Provider)
			}
			tag, err := tx.Exec(ctx, `UPDATE monitoring_codes SET person_id = $1 WHERE id = (SELECT id FROM monitoring_codes WHERE case_id = $2 AND person_id IS NULL`+where+`
				ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)`, args...)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				return breachkit.ErrExhausted
			}
		}
		return nil
	})
	if errors.Is(err, breachkit.ErrExhausted) {
		return fmt.Errorf("monitoring codes: %w", err)
	}
	return err
}

// CodesOf returns the codes assigned to the listed people.
func (s *Store) CodesOf(ctx context.Context, caseID int64, personIDs []int64) (map[int64]*breachkit.MonitoringCode, error) {
	out := map[int64]*breachkit.MonitoringCode{}
	rows, err := s.pool.Query(ctx, `SELECT id, case_id, provider, value, fingerprint, person_id FROM monitoring_codes WHERE case_id = $1 AND person_id = ANY($2)`, caseID, personIDs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c breachkit.MonitoringCode
		var v []byte
		if err := rows.Scan(&c.ID, &c.CaseID, &c.Provider, &v, &c.Fingerprint, &c.PersonID); err != nil {
			return nil, err
		}
		c.Value = v
		out[c.PersonID] = &c
	}
	return out, rows.Err()
}

// CountCodes counts the pool's codes and its assigned ones.
func (s *Store) CountCodes(ctx context.Context, caseID int64, pool breachkit.CodePool) (total, assigned int64, err error) {
	where := poolWhere(pool, 2)
	args := []any{caseID}
	if where != "" {
		args = append(args, pool.Provider)
	}
	err = s.pool.QueryRow(ctx, `SELECT count(*), count(person_id) FROM monitoring_codes WHERE case_id = $1`+where, args...).Scan(&total, &assigned)
	return total, assigned, err
}

// poolWhere is the condition that selects pool's codes, its provider the
// query's argument $n; "" for every code.
func poolWhere(pool breachkit.CodePool, n int) string {
	switch {
	case pool.Provider == "":
		return ""
	case pool.Except:
		return fmt.Sprintf(" AND provider <> $%d", n)
	}
	return fmt.Sprintf(" AND provider = $%d", n)
}
