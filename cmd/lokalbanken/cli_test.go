package main

import (
	"context"
	"strings"
	"testing"
)

// Every command answers --help on stdout with exit 0; a mistake in the command line or the
// settings goes to stderr, with its own exit code; --version prints the version. None of
// these cases reaches a database.
func TestCommandLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  map[string]string
		code int  // 0: run returns nil
		out  bool // something on stdout
		err  bool // something on stderr (besides main's "lokalbanken: …" line)
	}{
		{args: []string{"--help"}, out: true},
		{args: []string{"help"}, out: true},
		{args: []string{"-h"}, out: true},
		{args: []string{"serve", "--help"}, out: true},
		{args: []string{"migrate", "--help"}, out: true},
		{args: []string{"demo", "-h"}, out: true},
		{args: []string{"user", "--help"}, out: true},
		{args: []string{"user", "create", "--help"}, out: true},
		{args: []string{"token", "create", "--help"}, out: true},
		{args: []string{"token", "create", "-h"}, out: true},
		{args: []string{"import", "--help"}, out: true},
		{args: []string{"import", "organisations", "--help"}, out: true},
		{args: []string{"--version"}, out: true},
		{args: []string{"version"}, out: true},
		{args: []string{"frobnicate"}, code: exitUsage, err: true},
		{args: []string{"--frobnicate"}, code: exitUsage, err: true},
		{args: []string{"user"}, code: exitUsage, err: true},
		{args: []string{"user", "create", "--email"}, code: exitUsage, err: true},
		{args: []string{"user", "create", "--org", "x"}, code: exitUsage, err: true},
		{args: []string{"token", "create"}, code: exitUsage},
		{args: []string{"token", "create", "--frobnicate"}, code: exitUsage, err: true},
		{args: []string{"import"}, code: exitUsage, err: true},
		{args: []string{"import", "organisations"}, code: exitUsage},
		{args: []string{"backup", "--help"}, out: true},
		{args: []string{"restore", "-h"}, out: true},
		{args: []string{"backup"}, code: exitUsage},
		{args: []string{"restore"}, code: exitUsage},
		{args: []string{"serve", "stray"}, code: exitUsage, err: true},
		{args: []string{"serve", "--addr", "no-port"}, code: exitConfig},
		{args: []string{"migrate"}, env: map[string]string{"LOKALBANKEN_DB_MAX_CONNS": "many"}, code: exitConfig},
		{args: []string{"migrate"}, env: map[string]string{"DATABASE_URL": "postgres://x", "DATABASE_URL_FILE": "/x"}, code: exitConfig},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut strings.Builder
			err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, strings.NewReader(""), &out, &errOut)
			code := 0
			if err != nil {
				code = exitCode(err)
			}
			if code != tc.code {
				t.Fatalf("exit code %d (%v), want %d", code, err, tc.code)
			}
			if (out.Len() > 0) != tc.out {
				t.Errorf("stdout: %q", out.String())
			}
			if (errOut.Len() > 0) != tc.err {
				t.Errorf("stderr: %q", errOut.String())
			}
		})
	}
}

// TestVersion changes the version a build sets, so it runs alone.
func TestVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "1.2.3"
	if got := versionText(); !strings.HasPrefix(got, "lokalbanken 1.2.3 (go1.") {
		t.Errorf("--version: %q", got)
	}
}
