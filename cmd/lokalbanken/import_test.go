package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testdata is where the import's test files are.
const testdata = "../../internal/csvimport/testdata/"

// TestImportCommand runs `lokalbanken import` as a user would, on an embedded database of
// its own: a refused file exits 1 listing its bad lines on stderr, and good ones exit 0 with
// a one-line summary. (Every kind of bad row, and the same file twice, are tested in
// internal/csvimport; each run here starts and stops a PostgreSQL cluster.)
func TestImportCommand(t *testing.T) {
	t.Parallel()
	dataDir := filepath.Join(t.TempDir(), "data")
	type result struct {
		code           int
		stdout, stderr string
	}
	lb := func(stdin string, args ...string) result {
		t.Helper()
		bin, err := buildBinary()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, append(args, "--data-dir", dataDir, "--log-format", "text")...)
		cmd.Env = append(os.Environ(), "DATABASE_URL=")
		if stdin != "" {
			f, err := os.Open(stdin)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cmd.Stdin = f
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
	}

	latin1 := lb("", "import", "signatories", testdata+"signatories-latin1.csv")
	if latin1.code != 1 || latin1.stdout != "" ||
		!strings.Contains(latin1.stderr, "signatories-latin1.csv: line 2: The line is not UTF-8") ||
		!strings.Contains(latin1.stderr, "signatories-latin1.csv: line 4: The line is not UTF-8") ||
		!strings.Contains(latin1.stderr, "nothing imported: 2 problems") {
		t.Fatalf("Latin-1 file: %+v", latin1)
	}
	// The organisations from standard input, flags before FILE.
	orgs := lb(testdata+"organisations.csv", "import", "organisations", "--log-level", "warn", "-")
	if orgs.code != 0 || orgs.stdout != "Imported 2 organisations from -.\n" {
		t.Fatalf("organisations: %+v", orgs)
	}
	sigs := lb("", "import", "signatories", testdata+"signatories.csv", "--version", "1")
	want := "Imported 3 signatures of Överenskommelsen, version 1 (adopted 2000-01-01), from " + testdata + "signatories.csv; new organisations: 1.\n"
	if sigs.code != 0 || sigs.stdout != want {
		t.Fatalf("signatories: %+v\nwant stdout %q", sigs, want)
	}
}

func TestImportHelp(t *testing.T) {
	t.Parallel()
	getenv := func(string) string { return "" }
	for _, args := range [][]string{{"import", "--help"}, {"import", "signatories", "--help"}} {
		var out strings.Builder
		if err := run(context.Background(), args, getenv, nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"name,org_number,signed_on,signer_name[,signer_role]",
			"name,org_number,kind[,email][,phone][,website][,description]", "UTF-8", "semicolon"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v does not mention %s:\n%s", args, want, out.String())
			}
		}
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"--help"}, getenv, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "import organisations|signatories FILE.csv") {
		t.Errorf("lokalbanken --help does not list import: %v\n%s", err, out.String())
	}
	if err := run(context.Background(), []string{"import", "venues", "x.csv"}, getenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("import of an unknown kind succeeded")
	}
}
