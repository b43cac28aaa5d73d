package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// AddFindings stores a batch of findings with COPY and sets their IDs,
// which it reserves from the table's sequence first.
func (s *Store) AddFindings(ctx context.Context, fs []*breachkit.Finding) error {
	if len(fs) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('findings', 'id')) FROM generate_series(1, $1)`, len(fs))
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for i, f := range fs {
			f.ID = ids[i]
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"findings"},
			[]string{"id", "case_id", "source_id", "type", "start_off", "end_off", "sheet", "cell", "page", "record", "confidence", "reasons", "value", "fingerprint"},
			pgx.CopyFromSlice(len(fs), func(i int) ([]any, error) {
				f := fs[i]
				reasons, _ := json.Marshal(f.Reasons)
				return []any{f.ID, f.CaseID, f.SourceID, string(f.Type), f.Start, f.End, f.Sheet, f.Cell, int64(f.Page), f.Record, f.Confidence, string(reasons), []byte(f.Value), f.Fingerprint}, nil
			}))
		return err
	})
}

// Findings streams a case's findings in ID order.
func (s *Store) Findings(ctx context.Context, caseID int64, f breachkit.FindingFilter, fn func(*breachkit.Finding) error) error {
	q := strings.Builder{}
	q.WriteString(`SELECT f.id, f.case_id, f.source_id, s.path, f.type, f.start_off, f.end_off, f.sheet, f.cell, f.page, f.record, f.confidence, f.reasons, f.value, f.fingerprint
		FROM findings f JOIN sources s ON s.id = f.source_id WHERE f.case_id = $1 AND f.id > $2 AND f.confidence >= $3`)
	args := []any{caseID, f.AfterID, f.MinConfidence}
	if f.SourceID != 0 {
		args = append(args, f.SourceID)
		fmt.Fprintf(&q, ` AND f.source_id = $%d`, len(args))
	}
	if len(f.Types) > 0 {
		types := make([]string, len(f.Types))
		for i, t := range f.Types {
			types[i] = string(t)
		}
		args = append(args, types)
		fmt.Fprintf(&q, ` AND f.type = ANY($%d)`, len(args))
	}
	q.WriteString(` ORDER BY f.id`)
	if f.Limit > 0 {
		args = append(args, f.Limit)
		fmt.Fprintf(&q, ` LIMIT $%d`, len(args))
	}
	rows, err := s.pool.Query(ctx, q.String(), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var x breachkit.Finding
		var reasons string
		var page int64
		if err := rows.Scan(&x.ID, &x.CaseID, &x.SourceID, &x.Path, &x.Type, &x.Start, &x.End, &x.Sheet, &x.Cell, &page, &x.Record, &x.Confidence, &reasons, &x.Value, &x.Fingerprint); err != nil {
			return err
		}
		x.Page = int(page)
		json.Unmarshal([]byte(reasons), &x.Reasons)
		if err := fn(&x); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CountFindings counts a case's findings by type.
func (s *Store) CountFindings(ctx context.Context, caseID int64) (map[breachkit.Element]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT type, count(*) FROM findings WHERE case_id = $1 GROUP BY type`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[breachkit.Element]int64{}
	for rows.Next() {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		out[breachkit.Element(t)] = n
	}
	return out, rows.Err()
}
