// Command breachkit runs the response to a personal-data breach: it finds
// the personal data in stolen files (scan), resolves it into affected
// people (people), computes who must be told by when (duties), and keeps
// the case, its evidence and its audit log in an encrypted store.
//
// Exit codes: 0 success, 1 error, 2 usage error, 3 finished but some
// inputs were skipped or some notices are in doubt or failed.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitSkipped = 3
)

// usageError marks an error in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// skippedError means the command finished, but some inputs were skipped;
// what was skipped has been reported already.
type skippedError struct{ n int }

func (e skippedError) Error() string {
	return fmt.Sprintf("%d input(s) skipped or read in part, each listed with its reason", e.n)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root, stopProfile := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	stopProfile()
	if err == nil {
		return exitOK
	}
	var u usageError
	var sk skippedError
	var pe pendingError
	switch {
	case errors.As(err, &pe):
		fmt.Fprintln(stderr, "breachkit:", err)
		return exitSkipped
	case errors.As(err, &sk):
		fmt.Fprintln(stderr, "breachkit:", err)
		return exitSkipped
	case errors.As(err, &u):
		fmt.Fprintln(stderr, "breachkit:", err)
		fmt.Fprintln(stderr, "Run 'breachkit --help' for usage.")
		return exitUsage
	}
	fmt.Fprintln(stderr, "breachkit:", err)
	return exitError
}
