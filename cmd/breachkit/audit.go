package main

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit"
)

func newAuditCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "Read and verify the tamper-evident audit log"}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Check the hash chain of the audit log and name the first broken entry",
		Long: `verify recomputes the hash of every audit entry and its link to the one
before. It names the first entry that was changed, inserted or removed.
It prints the head hash: record it elsewhere, and removal of entries from
the end of the log can be detected too (--expect-head).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := openStore(ctx, g.db)
			if err != nil {
				return err
			}
			defer store.Close()
			var v breachkit.ChainVerifier
			if err := store.AuditEntries(ctx, v.Next); err != nil {
				return err
			}
			head := ""
			if h := v.Head(); h != nil {
				head = hex.EncodeToString(h.Hash)
			}
			if want, _ := cmd.Flags().GetString("expect-head"); want != "" && want != head {
				return fmt.Errorf("audit log head is %s (%d entries), expected %s: entries were removed or the log was replaced", head, v.Count, want)
			}
			fmt.Fprintf(g.stdout, "audit log intact: %d entries, head %s\n", v.Count, head)
			return nil
		},
	}
	verify.Flags().String("expect-head", "", "head hash recorded earlier; fail if the log does not end there")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the audit log",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := openStore(cmd.Context(), g.db)
			if err != nil {
				return err
			}
			defer store.Close()
			rows := [][]string{}
			err = store.AuditEntries(cmd.Context(), func(e *breachkit.AuditEntry) error {
				rows = append(rows, []string{fmt.Sprint(e.Seq), e.At.Format(time.RFC3339), e.Actor, e.Action, fmt.Sprint(e.CaseID), e.Object, e.Detail, hex.EncodeToString(e.Hash)[:16]})
				return nil
			})
			if err != nil {
				return err
			}
			return writeRows(g, []string{"seq", "at", "actor", "action", "case", "object", "detail", "hash"}, rows)
		},
	}
	addFormat(list, g, "table", "json", "jsonl", "csv")
	cmd.AddCommand(verify, list)
	return cmd
}
