package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// globals are the flags every command accepts.
type globals struct {
	db      string
	caseNm  string
	keyFile string
	actor   string
	format  string
	reveal  bool
	quiet   bool
	stdout  io.Writer
	stderr  io.Writer
}

func newRoot(stdout, stderr io.Writer) (*cobra.Command, func()) {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "breachkit",
		Short: "Respond to a personal-data breach: scan, people, duties, notify",
		Long: `breachkit runs the response to a personal-data breach on one machine or many:
it finds personal data in stolen files, resolves it into affected people,
computes the legal duties to notify (with citations), and keeps everything
in an encrypted case store with a tamper-evident audit log.

breachkit supports counsel; it is not legal advice.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", envOr("BREACHKIT_DB", "breachkit.db"), "case store: a SQLite file, or a postgres:// URL (env BREACHKIT_DB)")
	pf.StringVar(&g.caseNm, "case", envOr("BREACHKIT_CASE", "default"), "the case (incident) to work on (env BREACHKIT_CASE)")
	pf.StringVar(&g.keyFile, "key-file", envOr("BREACHKIT_KEY_FILE", defaultKeyFile()), "master key file, created with mode 0600 on first use; ignored when BREACHKIT_MASTER_KEY is set")
	pf.StringVar(&g.actor, "actor", envOr("BREACHKIT_ACTOR", currentUser()), "who is acting, for the audit log (env BREACHKIT_ACTOR)")
	pf.BoolVar(&g.reveal, "reveal", false, "show personal values unmasked (recorded in the audit log)")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "no progress output")
	memLimit := pf.String("memory-limit", "auto", "soft limit for the heap: auto (40% of RAM unless GOMEMLIMIT is set), off, or a size such as 10GiB")
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return applyMemoryLimit(*memLimit) }
	root.AddCommand(
		newCaseCmd(g),
		newKeysCmd(g),
		newAuditCmd(g),
		newGenCmd(g),
		newScanCmd(g), newEvalCmd(g),
		newPeopleCmd(g),
		newDutiesCmd(g),
		newNotifyCmd(g),
		newRespondCmd(g),
		newDemoCmd(g),
	)
	return root, addProfileFlag(root)
}

// addFormat adds --format with the allowed values, the first the default.
func addFormat(c *cobra.Command, g *globals, formats ...string) {
	c.Flags().StringVar(&g.format, "format", formats[0], "output format: "+strings.Join(formats, ", "))
	prev := c.PreRunE
	c.PreRunE = func(cmd *cobra.Command, args []string) error {
		ok := false
		for _, f := range formats {
			ok = ok || f == g.format
		}
		if !ok {
			return usagef("--format %q: want one of %s", g.format, strings.Join(formats, ", "))
		}
		if prev != nil {
			return prev(cmd, args)
		}
		return nil
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func defaultKeyFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		home, _ := os.UserHomeDir()
		dir = home
	}
	return dir + string(os.PathSeparator) + "breachkit" + string(os.PathSeparator) + "master.key"
}

func currentUser() string {
	for _, v := range []string{"USER", "LOGNAME", "USERNAME"} {
		if u := os.Getenv(v); u != "" {
			return u
		}
	}
	return "unknown"
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

func printf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }
