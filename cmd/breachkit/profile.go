package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// addProfileFlag adds the hidden --cpu-profile flag, for developers
// measuring where a command spends its time (see docs/PERFORMANCE.md).
// The profile holds code locations only, never data. It returns the
// function that ends the profile; run calls it once the command is done,
// error or not.
func addProfileFlag(root *cobra.Command) (stop func()) {
	var path string
	var f *os.File
	pf := root.PersistentFlags()
	pf.StringVar(&path, "cpu-profile", "", "write a Go CPU profile of the command to this file")
	_ = pf.MarkHidden("cpu-profile")
	prev := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if path != "" {
			var err error
			if f, err = os.Create(path); err != nil {
				return fmt.Errorf("--cpu-profile: %w", err)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				f.Close()
				f = nil
				return fmt.Errorf("--cpu-profile: %w", err)
			}
		}
		return prev(cmd, args)
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
	}
}
