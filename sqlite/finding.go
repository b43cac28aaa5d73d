package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/breachkit/breachkit"
)

// findingRows is how many findings one INSERT statement carries: fewer
// statements cost less than many one-row statements.
const findingRows = 200

// findingRow is one row of insertFindings. The columns that data
// replaces get constants, which SQLite stores in a header byte each.
const findingRow = `(?, ?, ?, ?, 0, 0, x'', x'', ?)`

var insertFindings = `INSERT INTO findings (case_id, source_id, type, confidence, start_off, end_off, value, fingerprint, data) VALUES ` +
	findingRow + strings.Repeat(", "+findingRow, findingRows-1)

// AddFindings stores a batch of findings in one transaction and sets
// their IDs. Rows go in multi-row INSERTs; the transaction holds the write
// lock, so SQLite gives the rows of one statement consecutive IDs ending
// at last_insert_rowid.
func (s *Store) AddFindings(ctx context.Context, fs []*breachkit.Finding) error {
	if len(fs) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var full *sql.Stmt
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		args := make([]any, 0, 5*findingRows)
		var buf []byte
		for len(fs) > 0 {
			n := min(len(fs), findingRows)
			chunk := fs[:n]
			fs = fs[n:]
			args = args[:0]
			// The rows' data share one buffer, sliced once it is complete.
			buf = buf[:0]
			ends := make([]int, n)
			for i, f := range chunk {
				buf = appendData(buf, f)
				ends[i] = len(buf)
			}
			for i, f := range chunk {
				st := 0
				if i > 0 {
					st = ends[i-1]
				}
				args = append(args, f.CaseID, f.SourceID, string(f.Type), f.Confidence, buf[st:ends[i]:ends[i]])
			}
			var res sql.Result
			var err error
			if n == findingRows {
				if full == nil {
					if full, err = tx.PrepareContext(ctx, insertFindings); err != nil {
						return err
					}
				}
				res, err = full.ExecContext(ctx, args...)
			} else {
				q := insertFindings[:strings.Index(insertFindings, "VALUES ")+len("VALUES ")] +
					findingRow + strings.Repeat(", "+findingRow, n-1)
				res, err = tx.ExecContext(ctx, q, args...)
			}
			if err != nil {
				return err
			}
			last, err := res.LastInsertId()
			if err != nil {
				return err
			}
			for i, f := range chunk {
				f.ID = last - int64(n-1-i)
			}
		}
		return nil
	})
}

// Findings streams a case's findings in ID order.
func (s *Store) Findings(ctx context.Context, caseID int64, f breachkit.FindingFilter, fn func(*breachkit.Finding) error) error {
	q := strings.Builder{}
	q.WriteString(`SELECT f.id, f.case_id, f.source_id, s.path, f.type, f.confidence, f.data, f.start_off, f.end_off, f.sheet, f.cell, f.page, f.record, f.reasons, f.value, f.fingerprint
		FROM findings f JOIN sources s ON s.id = f.source_id WHERE f.case_id = ? AND f.id > ? AND f.confidence >= ?`)
	args := []any{caseID, f.AfterID, f.MinConfidence}
	if f.SourceID != 0 {
		q.WriteString(` AND f.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if len(f.Types) > 0 {
		q.WriteString(` AND f.type IN (?` + strings.Repeat(`, ?`, len(f.Types)-1) + `)`)
		for _, t := range f.Types {
			args = append(args, string(t))
		}
	}
	q.WriteString(` ORDER BY f.id`)
	if f.Limit > 0 {
		q.WriteString(` LIMIT ?`)
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return s.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		var x breachkit.Finding
		var reasons, data sql.RawBytes
		if err := rows.Scan(&x.ID, &x.CaseID, &x.SourceID, &x.Path, &x.Type, &x.Confidence, &data, &x.Start, &x.End, &x.Sheet, &x.Cell, &x.Page, &x.Record, &reasons, &x.Value, &x.Fingerprint); err != nil {
			return err
		}
		if data != nil {
			if err := readData(data, &x); err != nil {
				return fmt.Errorf("database %s: finding %d: %w", s.path, x.ID, err)
			}
		} else {
			json.Unmarshal(reasons, &x.Reasons)
		}
		if err := fn(&x); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CountFindings counts a case's findings by type.
func (s *Store) CountFindings(ctx context.Context, caseID int64) (map[breachkit.Element]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT type, count(*) FROM findings WHERE case_id = ? GROUP BY type`, caseID)
	if err != nil {
		return nil, s.describe(err)
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
