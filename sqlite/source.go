package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/breachkit/breachkit"
)

// BeginSource records that a source is being scanned; see breachkit.Store.
func (s *Store) BeginSource(ctx context.Context, src *breachkit.Source) (*breachkit.Source, error) {
	var out *breachkit.Source
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanSource(tx.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE case_id = ? AND path = ?`, src.CaseID, src.Path))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, `INSERT INTO sources (case_id, path, sha256, size, format, status, reason, scanned_at, settings) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)`,
				src.CaseID, src.Path, src.SHA256, src.Size, src.Format, breachkit.SourceScanning, micros(src.ScannedAt), src.Settings)
			if err != nil {
				return err
			}
			c := *src
			c.ID, _ = res.LastInsertId()
			c.Status = breachkit.SourceScanning
			out = &c
			return nil
		case err != nil:
			return err
		case old.Status == breachkit.SourceDone && (src.SHA256 == "" || old.SHA256 == src.SHA256) && breachkit.SettingsCover(old.Settings, src.Settings):
			out = old
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE source_id = ?`, old.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE sources SET sha256 = ?, size = ?, format = ?, status = ?, reason = '', findings = 0, scanned_at = ?, settings = ? WHERE id = ?`,
			src.SHA256, src.Size, src.Format, breachkit.SourceScanning, micros(src.ScannedAt), src.Settings, old.ID)
		c := *src
		c.ID, c.Status = old.ID, breachkit.SourceScanning
		out = &c
		return err
	})
	if err != nil {
		return nil, s.describe(err)
	}
	return out, nil
}

// FinishSource records a source's final status, reason and count.
func (s *Store) FinishSource(ctx context.Context, src *breachkit.Source) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sources SET sha256 = ?, size = ?, format = ?, status = ?, reason = ?, findings = ?, scanned_at = ? WHERE id = ?`,
		src.SHA256, src.Size, src.Format, src.Status, src.Reason, src.Findings, micros(src.ScannedAt), src.ID)
	return err
}

const sourceCols = `id, case_id, path, sha256, size, format, status, reason, findings, scanned_at, settings`

func scanSource(row interface{ Scan(...any) error }) (*breachkit.Source, error) {
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE case_id = ? ORDER BY path`, caseID)
	if err != nil {
		return nil, s.describe(err)
	}
	defer rows.Close()
	var out []*breachkit.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}
