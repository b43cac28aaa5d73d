package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/breachkit/breachkit"
)

// AppendAudit seals e after the last entry and stores it. The immediate
// transaction holds the write lock, so two writers cannot fork the chain.
func (s *Store) AppendAudit(ctx context.Context, e *breachkit.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var prev *breachkit.AuditEntry
		p, err := scanAudit(tx.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq DESC LIMIT 1`))
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			prev = p
		}
		e.Seal(prev)
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor, action, case_id, object, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.At.UnixMicro(), e.Actor, e.Action, e.CaseID, e.Object, e.Detail, e.PrevHash, e.Hash)
		return err
	})
}

const auditCols = `seq, at, actor, action, case_id, object, detail, prev_hash, hash`

func scanAudit(row interface{ Scan(...any) error }) (*breachkit.AuditEntry, error) {
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return s.describe(err)
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
