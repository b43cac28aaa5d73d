package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// auditLock is the advisory lock key that serialises appends, so that two
// workers cannot fork the chain.
const auditLock = 727275

// AppendAudit seals e after the last entry and stores it.
func (s *Store) AppendAudit(ctx context.Context, e *breachkit.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, auditLock); err != nil {
			return err
		}
		var prev *breachkit.AuditEntry
		p, err := scanAudit(tx.QueryRow(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq DESC LIMIT 1`))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return err
		default:
			prev = p
		}
		e.Seal(prev)
		_, err = tx.Exec(ctx, `INSERT INTO audit_log (seq, at, actor, action, case_id, object, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			e.Seq, e.At.UnixMicro(), e.Actor, e.Action, e.CaseID, e.Object, e.Detail, e.PrevHash, e.Hash)
		return err
	})
}

const auditCols = `seq, at, actor, action, case_id, object, detail, prev_hash, hash`

func scanAudit(row pgx.Row) (*breachkit.AuditEntry, error) {
	var e breachkit.AuditEntry
	var at int64
	if err := row.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.CaseID, &e.Object, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = fromMicros(at)
	return &e, nil
}

// AuditEntries streams the audit log in sequence order.
func (s *Store) AuditEntries(ctx context.Context, fn func(*breachkit.AuditEntry) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}
