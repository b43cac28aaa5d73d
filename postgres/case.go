package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/breachkit/breachkit"
)

// CreateCase adds a case and sets its ID.
func (s *Store) CreateCase(ctx context.Context, c *breachkit.Case) error {
	err := s.pool.QueryRow(ctx, `INSERT INTO cases (name, created_at, discovered, wrapped_key, master_key_id, org_kinds, org_role) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.Name, micros(c.CreatedAt), isoDate(c.Discovered), c.WrappedKey, c.MasterKeyID, strings.Join(c.OrgKinds, ","), c.OrgRole).Scan(&c.ID)
	if isUnique(err) {
		return fmt.Errorf("case %q: %w", c.Name, breachkit.ErrConflict)
	}
	return err
}

const caseCols = `id, name, created_at, discovered, wrapped_key, master_key_id, org_kinds, org_role`

func scanCase(row pgx.Row) (*breachkit.Case, error) {
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
	c, err := scanCase(s.pool.QueryRow(ctx, `SELECT `+caseCols+` FROM cases WHERE name = $1`, name))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("case %q", name))
	}
	return c, nil
}

// Cases lists all cases, oldest first.
func (s *Store) Cases(ctx context.Context) ([]*breachkit.Case, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+caseCols+` FROM cases ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (*breachkit.Case, error) { return scanCase(r) })
}

// UpdateCase saves a case's discovery date and organisation.
func (s *Store) UpdateCase(ctx context.Context, c *breachkit.Case) error {
	_, err := s.pool.Exec(ctx, `UPDATE cases SET discovered = $1, org_kinds = $2, org_role = $3 WHERE id = $4`,
		isoDate(c.Discovered), strings.Join(c.OrgKinds, ","), c.OrgRole, c.ID)
	return err
}

// RewrapKeys replaces every case's wrapped key in one transaction.
func (s *Store) RewrapKeys(ctx context.Context, rewrap func(c *breachkit.Case) ([]byte, string, error)) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+caseCols+` FROM cases ORDER BY id FOR UPDATE`)
		if err != nil {
			return err
		}
		cases, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*breachkit.Case, error) { return scanCase(r) })
		if err != nil {
			return err
		}
		for _, c := range cases {
			w, id, err := rewrap(c)
			if err != nil {
				return fmt.Errorf("case %q: %w", c.Name, err)
			}
			if _, err := tx.Exec(ctx, `UPDATE cases SET wrapped_key = $1, master_key_id = $2 WHERE id = $3`, w, id, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
}
