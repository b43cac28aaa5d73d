package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/breachkit/breachkit"
)

// CreateCase adds a case and sets its ID.
func (s *Store) CreateCase(ctx context.Context, c *breachkit.Case) error {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO cases (name, created_at, discovered, wrapped_key, master_key_id, org_kinds, org_role) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.Name, micros(c.CreatedAt), isoDate(c.Discovered), c.WrappedKey, c.MasterKeyID, strings.Join(c.OrgKinds, ","), c.OrgRole)
	if isUnique(err) {
		return fmt.Errorf("case %q: %w", c.Name, breachkit.ErrConflict)
	}
	if err != nil {
		return s.describe(err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

const caseCols = `id, name, created_at, discovered, wrapped_key, master_key_id, org_kinds, org_role`

func scanCase(row interface{ Scan(...any) error }) (*breachkit.Case, error) {
	var c breachkit.Case
	var created int64
	var disc, kinds string
	if err := row.Scan(&c.ID, &c.Name, &created, &disc, &c.WrappedKey, &c.MasterKeyID, &kinds, &c.OrgRole); err != nil {
		return nil, err
	}
	c.CreatedAt, c.Discovered = fromMicros(created), parseDate(disc)
	if kinds != "" {
		c.OrgKinds = strings.Split(kinds, ",")
	}
	return &c, nil
}

// Case returns the case with that name.
func (s *Store) Case(ctx context.Context, name string) (*breachkit.Case, error) {
	c, err := scanCase(s.db.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases WHERE name = ?`, name))
	if err != nil {
		return nil, notFound(s.describe(err), fmt.Sprintf("case %q", name))
	}
	return c, nil
}

// Cases lists all cases, oldest first.
func (s *Store) Cases(ctx context.Context) ([]*breachkit.Case, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+caseCols+` FROM cases ORDER BY id`)
	if err != nil {
		return nil, s.describe(err)
	}
	defer rows.Close()
	var out []*breachkit.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdateCase saves a case's discovery date and organisation.
func (s *Store) UpdateCase(ctx context.Context, c *breachkit.Case) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cases SET discovered = ?, org_kinds = ?, org_role = ? WHERE id = ?`,
		isoDate(c.Discovered), strings.Join(c.OrgKinds, ","), c.OrgRole, c.ID)
	return err
}

// RewrapKeys replaces every case's wrapped key in one transaction.
func (s *Store) RewrapKeys(ctx context.Context, rewrap func(c *breachkit.Case) ([]byte, string, error)) error {
	cases, err := s.Cases(ctx)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range cases {
			w, id, err := rewrap(c)
			if err != nil {
				return fmt.Errorf("case %q: %w", c.Name, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET wrapped_key = ?, master_key_id = ? WHERE id = ?`, w, id, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
}
