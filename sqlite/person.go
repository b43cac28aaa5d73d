package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/breachkit/breachkit"
)

// ReplacePeople replaces a case's people in one transaction. People whose
// Key was stored before keep their ID.
func (s *Store) ReplacePeople(ctx context.Context, caseID int64, next func() (*breachkit.Person, error)) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var run int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(run), 0) + 1 FROM people WHERE case_id = ?`, caseID).Scan(&run); err != nil {
			return err
		}
		up, err := tx.PrepareContext(ctx, `INSERT INTO people (case_id, key, run, profile, jurisdiction, jurisdiction_by, elements, address_quality, flags, records, explain)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (case_id, key) DO UPDATE SET run = excluded.run, profile = excluded.profile, jurisdiction = excluded.jurisdiction,
			jurisdiction_by = excluded.jurisdiction_by, elements = excluded.elements, address_quality = excluded.address_quality,
			flags = excluded.flags, records = excluded.records, explain = excluded.explain
			RETURNING id`)
		if err != nil {
			return err
		}
		defer up.Close()
		unlink, err := tx.PrepareContext(ctx, `DELETE FROM person_findings WHERE person_id = ?`)
		if err != nil {
			return err
		}
		defer unlink.Close()
		link, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO person_findings (person_id, finding_id) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer link.Close()
		for {
			p, err := next()
			if err != nil {
				return err
			}
			if p == nil {
				break
			}
			p.CaseID = caseID
			if err := up.QueryRowContext(ctx, caseID, p.Key, run, []byte(p.Profile), p.Jurisdiction, p.JurisdictionBy, p.Elements.String(),
				p.AddressQuality, strings.Join(p.Flags, ","), p.Records, p.Explain).Scan(&p.ID); err != nil {
				return err
			}
			if _, err := unlink.ExecContext(ctx, p.ID); err != nil {
				return err
			}
			for _, fid := range p.FindingIDs {
				if _, err := link.ExecContext(ctx, p.ID, fid); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM person_findings WHERE person_id IN (SELECT id FROM people WHERE case_id = ? AND run <> ?)`, caseID, run); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM people WHERE case_id = ? AND run <> ?`, caseID, run)
		return err
	})
}

const personCols = `id, case_id, key, profile, jurisdiction, jurisdiction_by, elements, address_quality, flags, records, explain`

func scanPerson(row interface{ Scan(...any) error }) (*breachkit.Person, error) {
	var p breachkit.Person
	var elements, flags string
	if err := row.Scan(&p.ID, &p.CaseID, &p.Key, &p.Profile, &p.Jurisdiction, &p.JurisdictionBy, &elements, &p.AddressQuality, &flags, &p.Records, &p.Explain); err != nil {
		return nil, err
	}
	p.Elements = breachkit.ParseElementSet(elements)
	if flags != "" {
		p.Flags = strings.Split(flags, ",")
	}
	return &p, nil
}

// People streams a case's people in ID order.
func (s *Store) People(ctx context.Context, caseID int64, withFindings bool, fn func(*breachkit.Person) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+personCols+` FROM people WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return s.describe(err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return err
		}
		if withFindings {
			if p.FindingIDs, err = s.personFindings(ctx, p.ID); err != nil {
				return err
			}
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Person returns one person with its findings.
func (s *Store) Person(ctx context.Context, caseID, id int64) (*breachkit.Person, error) {
	p, err := scanPerson(s.db.QueryRowContext(ctx, `SELECT `+personCols+` FROM people WHERE case_id = ? AND id = ?`, caseID, id))
	if err != nil {
		return nil, notFound(err, "person")
	}
	p.FindingIDs, err = s.personFindings(ctx, id)
	return p, err
}

func (s *Store) personFindings(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT finding_id FROM person_findings WHERE person_id = ? ORDER BY finding_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var f int64
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
