package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// BeginSource records that a source is being scanned; see breachkit.Store.
func (s *Store) BeginSource(ctx context.Context, src *breachkit.Source) (*breachkit.Source, error) {
	var out *breachkit.Source
	err := s.tx(ctx, func(tx pgx.Tx) error {
		// Lock the case row so that two workers cannot insert one path twice.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, src.CaseID); err != nil {
			return err
		}
		old, err := scanSource(tx.QueryRow(ctx, `SELECT `+sourceCols+` FROM sources WHERE case_id = $1 AND path = $2`, src.CaseID, src.Path))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			c := *src
			c.Status = breachkit.SourceScanning
			out = &c
			return tx.QueryRow(ctx, `INSERT INTO sources (case_id, path, sha256, size, format, status, reason, scanned_at, settings) VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8) RETURNING id`,
				src.CaseID, src.Path, src.SHA256, src.Size, src.Format, breachkit.SourceScanning, micros(src.ScannedAt), src.Settings).Scan(&c.ID)
		case err != nil:
			return err
		case old.Status == breachkit.SourceDone && (src.SHA256 == "" || old.SHA256 == src.SHA256) && breachkit.SettingsCover(old.Settings, src.Settings):
			out = old
			return nil
		}
		if _, err := tx.Exec(ctx, `DELETE FROM findings WHERE source_id = $1`, old.ID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE sources SET sha256 = $1, size = $2, format = $3, status = $4, reason = '', findings = 0, scanned_at = $5, settings = $6 WHERE id = $7`,
			src.SHA256, src.Size, src.Format, breachkit.SourceScanning, micros(src.ScannedAt), src.Settings, old.ID)
		c := *src
		c.ID, c.Status = old.ID, breachkit.SourceScanning
		out = &c
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FinishSource records a source's final status, reason and count.
func (s *Store) FinishSource(ctx context.Context, src *breachkit.Source) error {
	_, err := s.pool.Exec(ctx, `UPDATE sources SET sha256 = $1, size = $2, format = $3, status = $4, reason = $5, findings = $6, scanned_at = $7 WHERE id = $8`,
		src.SHA256, src.Size, src.Format, src.Status, src.Reason, src.Findings, micros(src.ScannedAt), src.ID)
	return err
}

const sourceCols = `id, case_id, path, sha256, size, format, status, reason, findings, scanned_at, settings`

func scanSource(row pgx.Row) (*breachkit.Source, error) {
	var src breachkit.Source
	var at int64
	if err := row.Scan(&src.ID, &src.CaseID, &src.Path, &src.SHA256, &src.Size, &src.Format, &src.Status, &src.Reason, &src.Findings, &at, &src.Settings); err != nil {
		return nil, err
	}
	src.ScannedAt = fromMicros(at)
	return &src, nil
}

// Sources lists a case's sources in path order.
func (s *Store) Sources(ctx context.Context, caseID int64) ([]*breachkit.Source, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+sourceCols+` FROM sources WHERE case_id = $1 ORDER BY path COLLATE "C"`, caseID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (*breachkit.Source, error) { return scanSource(r) })
}
