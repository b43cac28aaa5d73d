package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit/gen"
)

func newGenCmd(g *globals) *cobra.Command {
	var opt gen.Options
	cmd := &cobra.Command{
		Use:   "gen --out DIR",
		Short: "Generate the stolen files of a fictional breach, with ground truth",
		Long: `gen writes the files an attacker might have taken from a fictional mortgage
servicer into DIR/stolen, and the ground truth (every personal value and
decoy, with its exact location and person) into DIR/truth. The output is
deterministic for a seed and written in constant memory. No real person's
data is involved.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.Out == "" {
				return usagef("gen needs --out DIR")
			}
			if opt.People < 1 {
				return usagef("--people must be at least 1, got %d", opt.People)
			}
			bar := newBar(g, int64(opt.People), "generating people")
			opt.Progress = func(done, total int) { bar.set(int64(done)) }
			st, err := gen.Generate(cmd.Context(), opt)
			bar.finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "wrote %d files (%s) with %d personal values and %d decoys to %s\n",
				st.Files, humanBytes(st.Bytes), st.Occurrences, st.Decoys, opt.Out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Out, "out", "", "output folder (stolen/ and truth/ are written inside)")
	f.IntVar(&opt.People, "people", 1000, "number of fictional people")
	f.Uint64Var(&opt.Seed, "seed", 1, "random seed; the same seed gives the same files")
	f.BoolVar(&opt.Force, "force", false, "overwrite an existing DIR/stolen")
	return cmd
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
