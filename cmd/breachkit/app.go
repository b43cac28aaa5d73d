package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/postgres"
	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/vault"
)

// app is what a command works with: the store, the keys, who is acting.
type app struct {
	g     *globals
	store breachkit.Store
	keys  *vault.Keyring
}

// openApp opens the store named by --db and loads the master key.
func openApp(ctx context.Context, g *globals) (*app, error) {
	keys, err := loadKeys(g)
	if err != nil {
		return nil, err
	}
	store, err := openStore(ctx, g.db)
	if err != nil {
		return nil, err
	}
	return &app{g: g, store: store, keys: keys}, nil
}

func openStore(ctx context.Context, db string) (breachkit.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db, sqlite.Options{})
}

func loadKeys(g *globals) (*vault.Keyring, error) {
	if v := os.Getenv("BREACHKIT_MASTER_KEY"); v != "" {
		return vault.FromEnv(v)
	}
	r, created, err := vault.OpenKeyFile(g.keyFile)
	if err != nil {
		return nil, fmt.Errorf("master key: %w", err)
	}
	if created && !g.quiet {
		fmt.Fprintf(g.stderr, "breachkit: created a new master key in %s (mode 0600); keep a copy safe: without it the case store cannot be read\n", g.keyFile)
	}
	return r, nil
}

func (a *app) Close() error { return a.store.Close() }

// keySource says where the master key came from, for error messages.
func (a *app) keySource() string {
	if a.keys.Path == "" {
		return "BREACHKIT_MASTER_KEY"
	}
	return a.keys.Path
}

// openCase returns the case named by --case and its keys. With create, a
// missing case is created with a new data key.
func (a *app) openCase(ctx context.Context, create bool) (*breachkit.Case, *vault.CaseKeys, error) {
	c, err := a.store.Case(ctx, a.g.caseNm)
	if errors.Is(err, breachkit.ErrNotFound) && create {
		return a.createCase(ctx, a.g.caseNm, time.Time{})
	}
	if errors.Is(err, breachkit.ErrNotFound) {
		return nil, nil, fmt.Errorf("case %q does not exist (create it with 'breachkit case create %s', or scan into it)", a.g.caseNm, a.g.caseNm)
	}
	if err != nil {
		return nil, nil, err
	}
	k, err := a.caseKeys(c)
	return c, k, err
}

func (a *app) createCase(ctx context.Context, name string, discovered time.Time) (*breachkit.Case, *vault.CaseKeys, error) {
	dk := vault.GenerateKey()
	c := &breachkit.Case{Name: name, CreatedAt: time.Now(), Discovered: discovered, WrappedKey: a.keys.Primary.Wrap(dk), MasterKeyID: a.keys.Primary.ID}
	if err := a.store.CreateCase(ctx, c); err != nil {
		return nil, nil, err
	}
	if err := a.audit(ctx, "case.create", c.ID, "case "+name, ""); err != nil {
		return nil, nil, err
	}
	if err := a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: c.CreatedAt, Kind: "case", Actor: a.g.actor, Text: "case created"}); err != nil {
		return nil, nil, err
	}
	if !discovered.IsZero() {
		a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: discovered, Kind: "discovered", Actor: a.g.actor, Text: "breach discovered"})
	}
	k, err := vault.NewCaseKeys(c.ID, dk)
	return c, k, err
}

// caseKeys unwraps a case's data key with the master key that wrapped it.
func (a *app) caseKeys(c *breachkit.Case) (*vault.CaseKeys, error) {
	mk, ok := a.keys.Lookup(c.MasterKeyID)
	if !ok {
		return nil, fmt.Errorf("wrong master key: case %q is sealed with master key %s, but %s holds key %s", c.Name, c.MasterKeyID, a.keySource(), a.keys.Primary.ID)
	}
	dk, err := mk.Unwrap(c.WrappedKey)
	if err != nil {
		return nil, fmt.Errorf("wrong master key: the data key of case %q does not open with the key in %s", c.Name, a.keySource())
	}
	return vault.NewCaseKeys(c.ID, dk)
}

// audit appends an entry to the audit log.
func (a *app) audit(ctx context.Context, action string, caseID int64, object, detail string) error {
	return a.store.AppendAudit(ctx, &breachkit.AuditEntry{At: time.Now(), Actor: a.g.actor, Action: action, CaseID: caseID, Object: object, Detail: detail})
}

// show renders a personal value: masked, or in clear with --reveal. The
// caller audits a reveal once per command (auditReveal).
func (a *app) show(e breachkit.Element, v string) string {
	if a.g.reveal {
		return v
	}
	return breachkit.Mask(e, v)
}

// auditReveal records that this command shows values unmasked.
func (a *app) auditReveal(ctx context.Context, caseID int64, what string) error {
	if !a.g.reveal {
		return nil
	}
	return a.audit(ctx, "reveal", caseID, what, "values shown unmasked with --reveal")
}
