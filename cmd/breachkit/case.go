package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

func newCaseCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "case", Short: "Create, list and show cases (incidents)"}
	var discovered string
	create := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a case with its own data key",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var d time.Time
			if discovered != "" {
				var err error
				if d, err = time.Parse(time.DateOnly, discovered); err != nil {
					return usagef("--discovered %q: want a date like 2023-10-31", discovered)
				}
			}
			a, err := openApp(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer a.Close()
			c, _, err := a.createCase(cmd.Context(), args[0], d)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "created case %q (id %d)\n", c.Name, c.ID)
			return nil
		},
	}
	create.Flags().StringVar(&discovered, "discovered", "", "date the breach was discovered (YYYY-MM-DD)")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the cases in the store",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer a.Close()
			cases, err := a.store.Cases(cmd.Context())
			if err != nil {
				return err
			}
			rows := [][]string{}
			for _, c := range cases {
				rows = append(rows, []string{fmt.Sprint(c.ID), c.Name, c.CreatedAt.Format(time.DateOnly), dateOrEmpty(c.Discovered),
					strings.Join(c.OrgKinds, "+"), c.OrgRole, c.MasterKeyID})
			}
			return writeRows(g, []string{"id", "name", "created", "discovered", "org_kinds", "org_role", "master_key"}, rows)
		},
	}
	addFormat(list, g, "table", "json", "jsonl", "csv")
	timeline := &cobra.Command{
		Use:   "timeline",
		Short: "Show the timeline of the case given by --case",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer a.Close()
			c, _, err := a.openCase(cmd.Context(), false)
			if err != nil {
				return err
			}
			evs, err := a.store.Events(cmd.Context(), c.ID)
			if err != nil {
				return err
			}
			rows := [][]string{}
			for _, e := range evs {
				rows = append(rows, []string{e.At.Format(time.RFC3339), e.Kind, e.Actor, e.Text})
			}
			return writeRows(g, []string{"at", "kind", "actor", "text"}, rows)
		},
	}
	addFormat(timeline, g, "table", "json", "jsonl", "csv")
	cmd.AddCommand(create, list, timeline)
	return cmd
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
