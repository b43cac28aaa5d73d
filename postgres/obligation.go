package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// ReplaceObligations replaces a case's obligations and exemptions.
func (s *Store) ReplaceObligations(ctx context.Context, caseID int64, obs []breachkit.Obligation, exs []breachkit.Exemption) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		for _, q := range []string{`DELETE FROM obligations WHERE case_id = $1`, `DELETE FROM exemptions WHERE case_id = $1`} {
			if _, err := tx.Exec(ctx, q, caseID); err != nil {
				return err
			}
		}
		for i := range obs {
			o := &obs[i]
			err := tx.QueryRow(ctx, `INSERT INTO obligations (case_id, jurisdiction, regime, duty, recipient, due, deadline_text, target, affected, citation, source, source_read, reasoning, rule_file)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
				caseID, o.Jurisdiction, o.Regime, string(o.Duty), o.Recipient, isoDate(o.Due), o.DeadlineText, isoDate(o.Target), o.Affected, o.Citation, o.Source, o.SourceRead, o.Reasoning, o.RuleFile).Scan(&o.ID)
			if err != nil {
				return err
			}
			o.CaseID = caseID
		}
		for _, e := range exs {
			if _, err := tx.Exec(ctx, `INSERT INTO exemptions (case_id, jurisdiction, regime, affected, reason) VALUES ($1, $2, $3, $4, $5)`,
				caseID, e.Jurisdiction, e.Regime, e.Affected, e.Reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// Obligations returns a case's obligations and exemptions.
func (s *Store) Obligations(ctx context.Context, caseID int64) ([]breachkit.Obligation, []breachkit.Exemption, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, jurisdiction, regime, duty, recipient, due, deadline_text, target, affected, citation, source, source_read, reasoning, rule_file
		FROM obligations WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	obs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (breachkit.Obligation, error) {
		o := breachkit.Obligation{CaseID: caseID}
		var due, target string
		err := r.Scan(&o.ID, &o.Jurisdiction, &o.Regime, &o.Duty, &o.Recipient, &due, &o.DeadlineText, &target, &o.Affected, &o.Citation, &o.Source, &o.SourceRead, &o.Reasoning, &o.RuleFile)
		o.Due, o.Target = parseDate(due), parseDate(target)
		return o, err
	})
	if err != nil {
		return nil, nil, err
	}
	rows, err = s.pool.Query(ctx, `SELECT jurisdiction, regime, affected, reason FROM exemptions WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	exs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (breachkit.Exemption, error) {
		var e breachkit.Exemption
		err := r.Scan(&e.Jurisdiction, &e.Regime, &e.Affected, &e.Reason)
		return e, err
	})
	return obs, exs, err
}
