package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// ReplacePeople replaces a case's people in one transaction. People whose
// Key was stored before keep their ID.
func (s *Store) ReplacePeople(ctx context.Context, caseID int64, next func() (*breachkit.Person, error)) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, caseID); err != nil {
			return err
		}
		var run int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(run), 0) + 1 FROM people WHERE case_id = $1`, caseID).Scan(&run); err != nil {
			return err
		}
		for {
			p, err := next()
			if err != nil {
				return err
			}
			if p == nil {
				break
			}
			p.CaseID = caseID
			err = tx.QueryRow(ctx, `INSERT INTO people (case_id, key, run, profile, jurisdiction, jurisdiction_by, elements, address_quality, flags, records, explain)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (case_id, key) DO UPDATE SET run = excluded.run, profile = excluded.profile, jurisdiction = excluded.jurisdiction,
				jurisdiction_by = excluded.jurisdiction_by, elements = excluded.elements, address_quality = excluded.address_quality,
				flags = excluded.flags, records = excluded.records, explain = excluded.explain
				RETURNING id`,
				caseID, p.Key, run, []byte(p.Profile), p.Jurisdiction, p.JurisdictionBy, p.Elements.String(),
				p.AddressQuality, strings.Join(p.Flags, ","), p.Records, p.Explain).Scan(&p.ID)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM person_findings WHERE person_id = $1`, p.ID); err != nil {
				return err
			}
			if len(p.FindingIDs) > 0 {
				if _, err := tx.Exec(ctx, `INSERT INTO person_findings (person_id, finding_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, p.ID, p.FindingIDs); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM person_findings WHERE person_id IN (SELECT id FROM people WHERE case_id = $1 AND run <> $2)`, caseID, run); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM people WHERE case_id = $1 AND run <> $2`, caseID, run)
		return err
	})
}

const personCols = `id, case_id, key, profile, jurisdiction, jurisdiction_by, elements, address_quality, flags, records, explain`

func scanPerson(row pgx.Row) (*breachkit.Person, error) {
	var p breachkit.Person
	var elements, flags string
	var records int64
	if err := row.Scan(&p.ID, &p.CaseID, &p.Key, &p.Profile, &p.Jurisdiction, &p.JurisdictionBy, &elements, &p.AddressQuality, &flags, &records, &p.Explain); err != nil {
		return nil, err
	}
	p.Records = int(records)
	p.Elements = breachkit.ParseElementSet(elements)
	if flags != "" {
		p.Flags = strings.Split(flags, ",")
	}
	return &p, nil
}

// People streams a case's people in ID order.
func (s *Store) People(ctx context.Context, caseID int64, withFindings bool, fn func(*breachkit.Person) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+personCols+` FROM people WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return err
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
	p, err := scanPerson(s.pool.QueryRow(ctx, `SELECT `+personCols+` FROM people WHERE case_id = $1 AND id = $2`, caseID, id))
	if err != nil {
		return nil, notFound(err, "person")
	}
	p.FindingIDs, err = s.personFindings(ctx, id)
	return p, err
}

func (s *Store) personFindings(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT finding_id FROM person_findings WHERE person_id = $1 ORDER BY finding_id`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
