package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/vault"
)

func newKeysCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "keys", Short: "Manage the master key that protects every case's data key"}
	rotate := &cobra.Command{
		Use:   "rotate",
		Short: "Replace the master key and re-wrap every case's data key with it",
		Long: `rotate makes a new master key and re-wraps every case's data key under it in
one transaction; the sealed values themselves do not change. With a key
file, the new key is written beside it first (.new) and renamed over it
after the store has committed, so an interrupted rotation can be run again.
With BREACHKIT_MASTER_KEY, set BREACHKIT_NEW_MASTER_KEY to the new key
('breachkit keys generate' makes one) and switch the variable afterwards.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, err := openApp(ctx, g)
			if err != nil {
				return err
			}
			defer a.Close()
			old := a.keys.Primary.ID
			var next *vault.MasterKey
			switch {
			case a.keys.Path == "":
				v := os.Getenv("BREACHKIT_NEW_MASTER_KEY")
				if v == "" {
					return usagef("the master key comes from BREACHKIT_MASTER_KEY: set BREACHKIT_NEW_MASTER_KEY to the new key ('breachkit keys generate')")
				}
				if next, err = vault.ParseKey(v); err != nil {
					return fmt.Errorf("BREACHKIT_NEW_MASTER_KEY: %w", err)
				}
			case a.keys.Pending != nil:
				next = a.keys.Pending // finish an interrupted rotation
			default:
				key := vault.GenerateKey()
				if err := vault.WriteKeyFile(a.keys.Path+".new", key); err != nil {
					return fmt.Errorf("writing the new key: %w", err)
				}
				next, _ = vault.NewMasterKey(key)
				a.keys.Pending = next
			}
			n := 0
			err = a.store.RewrapKeys(ctx, func(c *breachkit.Case) ([]byte, string, error) {
				mk, ok := a.keys.Lookup(c.MasterKeyID)
				if !ok && next.ID == c.MasterKeyID {
					mk, ok = next, true
				}
				if !ok {
					return nil, "", fmt.Errorf("sealed with master key %s, which is not loaded", c.MasterKeyID)
				}
				dk, err := mk.Unwrap(c.WrappedKey)
				if err != nil {
					return nil, "", fmt.Errorf("data key does not open with master key %s", mk.ID)
				}
				n++
				return next.Wrap(dk), next.ID, nil
			})
			if err != nil {
				return err
			}
			if a.keys.Path != "" {
				if err := a.keys.CommitPending(); err != nil {
					return fmt.Errorf("the store uses the new key, but renaming %s.new over %s failed: %w (rename it by hand)", a.keys.Path, a.keys.Path, err)
				}
			}
			if err := a.audit(ctx, "keys.rotate", 0, "master key", fmt.Sprintf("from %s to %s, %d case(s) re-wrapped", old, next.ID, n)); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "master key rotated from %s to %s; %d case(s) re-wrapped\n", old, next.ID, n)
			if a.keys.Path == "" {
				fmt.Fprintln(g.stderr, "breachkit: now set BREACHKIT_MASTER_KEY to the value of BREACHKIT_NEW_MASTER_KEY")
			}
			return nil
		},
	}
	generate := &cobra.Command{
		Use:   "generate",
		Short: "Print a new random master key (base64) for BREACHKIT_MASTER_KEY",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(g.stdout, vault.EncodeKey(vault.GenerateKey()))
			return nil
		},
	}
	cmd.AddCommand(rotate, generate)
	return cmd
}
