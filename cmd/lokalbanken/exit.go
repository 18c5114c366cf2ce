package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/borasstad/lokalbanken/internal/config"
)

// The exit codes of lokalbanken, so that scripts and service managers can tell a mistake in
// the command line or the settings (which another try will not mend) from a failure.
const (
	exitFailure = 1 // the command failed: database unreachable, file refused, …
	exitUsage   = 2 // the command line: unknown command or flag, a required flag missing
	exitConfig  = 3 // the settings: a value the configuration does not accept
)

// exitError carries the exit code of an error to main.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as a mistake in the command line (exit 2).
func usageError(err error) error { return &exitError{exitUsage, err} }

// exitCode is the process's exit code for an error run returned.
func exitCode(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	var u *config.UsageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailure
}

// parseConfig reads a command's settings. -h and --help print the flags on stdout and give
// flag.ErrHelp, which the command answers with exit 0; a flag it cannot read prints the
// flags on stderr and is a usage error (exit 2); settings it does not accept are a
// configuration error (exit 3).
func parseConfig(name string, args []string, getenv func(string) string, stdout, stderr io.Writer, extra ...func(*flag.FlagSet)) (config.Config, error) {
	cfg, err := config.Parse(name, args, getenv, stdout, extra...)
	var u *config.UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return cfg, err
	case errors.As(err, &u):
		fmt.Fprint(stderr, u.Usage)
		return cfg, usageError(err)
	}
	return cfg, &exitError{exitConfig, fmt.Errorf("configuration: %w", err)}
}
