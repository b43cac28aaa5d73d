package sqlite

import (
	"context"
	"database/sql"

	"github.com/breachkit/breachkit"
)

// ReplaceObligations replaces a case's obligations and exemptions.
func (s *Store) ReplaceObligations(ctx context.Context, caseID int64, obs []breachkit.Obligation, exs []breachkit.Exemption) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM obligations WHERE case_id = ?`, `DELETE FROM exemptions WHERE case_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, caseID); err != nil {
				return err
			}
		}
		for i := range obs {
			o := &obs[i]
			res, err := tx.ExecContext(ctx, `INSERT INTO obligations (case_id, jurisdiction, regime, duty, recipient, due, deadline_text, target, affected, citation, source, source_read, reasoning, rule_file)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				caseID, o.Jurisdiction, o.Regime, o.Duty, o.Recipient, isoDate(o.Due), o.DeadlineText, isoDate(o.Target), o.Affected, o.Citation, o.Source, o.SourceRead, o.Reasoning, o.RuleFile)
			if err != nil {
				return err
			}
			o.CaseID = caseID
			o.ID, _ = res.LastInsertId()
		}
		for _, e := range exs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO exemptions (case_id, jurisdiction, regime, affected, reason) VALUES (?, ?, ?, ?, ?)`,
				caseID, e.Jurisdiction, e.Regime, e.Affected, e.Reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// Obligations returns a case's obligations and exemptions.
func (s *Store) Obligations(ctx context.Context, caseID int64) ([]breachkit.Obligation, []breachkit.Exemption, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, jurisdiction, regime, duty, recipient, due, deadline_text, target, affected, citation, source, source_read, reasoning, rule_file
		FROM obligations WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, nil, s.describe(err)
	}
	defer rows.Close()
	var obs []breachkit.Obligation
	for rows.Next() {
		o := breachkit.Obligation{CaseID: caseID}
		var due, target string
		if err := rows.Scan(&o.ID, &o.Jurisdiction, &o.Regime, &o.Duty, &o.Recipient, &due, &o.DeadlineText, &target, &o.Affected, &o.Citation, &o.Source, &o.SourceRead, &o.Reasoning, &o.RuleFile); err != nil {
			return nil, nil, err
		}
		o.Due, o.Target = parseDate(due), parseDate(target)
		obs = append(obs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows2, err := s.db.QueryContext(ctx, `SELECT jurisdiction, regime, affected, reason FROM exemptions WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer rows2.Close()
	var exs []breachkit.Exemption
	for rows2.Next() {
		var e breachkit.Exemption
		if err := rows2.Scan(&e.Jurisdiction, &e.Regime, &e.Affected, &e.Reason); err != nil {
			return nil, nil, err
		}
		exs = append(exs, e)
	}
	return obs, exs, rows2.Err()
}
