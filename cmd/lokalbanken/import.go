package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/csvimport"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// importUsage is the help of `lokalbanken import`; the column lists come from csvimport, so
// the help cannot drift from what the import reads.
var importUsage = `Usage:
  lokalbanken import organisations FILE.csv [flags]
  lokalbanken import signatories FILE.csv [--version LABEL] [flags]

Reads a CSV file (FILE "-" is standard input) and imports all of it in one transaction, or
nothing: every row is checked first, and if any row is bad, each bad row is listed on
standard error with its line number and the reason, nothing is stored, and the exit status
is 1. A good file ends with a one-line summary on standard output.

The file: UTF-8 (with or without a byte order mark; save from Excel as "CSV UTF-8"), comma-
or semicolon-separated (a header line with semicolons and no commas means semicolons), and a
header line naming exactly these columns, in this order (columns in brackets may be left out,
or given in any order after the others):

  organisations: ` + csvimport.OrganisationColumns.String() + `
    kind is city, association or other; org_number (NNNNNN-NNNN, check digit checked) is
    required. A number the register already has is refused.
  signatories:   ` + csvimport.SignatoryColumns.String() + `
    Signatures of the Compact (Överenskommelsen), of the version in force today, or of
    --version LABEL. signed_on is YYYY-MM-DD, not in the future and not before the version
    was adopted. The organisation is found by org_number; one the register lacks is created
    as an association named as in the file. An organisation that already has a current
    signature of the version is refused.

A number that appears on two rows is refused. Importing the same file again is therefore
refused, row by row, and changes nothing.

Flags:
`

// runImport is `lokalbanken import organisations|signatories FILE.csv`.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(stdout, importUsage)
		return nil
	}
	if len(args) == 0 || (args[0] != "organisations" && args[0] != "signatories") {
		fmt.Fprint(stderr, importUsage)
		return usageError(errors.New("usage: lokalbanken import organisations|signatories FILE.csv"))
	}
	kind, args := args[0], args[1:]
	file, args := splitFile(args)
	if slices.ContainsFunc(args, isHelp) {
		fmt.Fprint(stdout, importUsage)
	}
	var version string
	cfg, err := parseConfig("lokalbanken import "+kind, args, getenv, stdout, stderr, func(fs *flag.FlagSet) {
		if kind == "signatories" {
			fs.StringVar(&version, "version", "", "label of the Compact's version signed (default: the one in force today)")
		}
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if file == "" {
		return usageError(fmt.Errorf("import %s: name the CSV file", kind))
	}
	in, err := openInput(file, stdin)
	if err != nil {
		return err
	}
	defer in.Close()
	return withServices(ctx, cfg, cliLogger(cfg, stderr), func(svc services) error {
		im := csvimport.New(svc.db, svc.validate, time.Now, svc.loc)
		var summary string
		if kind == "organisations" {
			n, err := im.ImportOrganisations(ctx, access.System, in)
			if err != nil {
				return importFailed(file, err, stderr)
			}
			summary = fmt.Sprintf("Imported %d organisations from %s.", n, file)
		} else {
			compact, err := svc.agreements.FindCompact(ctx, access.System)
			if err != nil {
				return err
			}
			res, err := im.ImportSignatories(ctx, access.System, in, csvimport.SignatoryOptions{AgreementID: compact.ID, Version: version})
			if err != nil {
				return importFailed(file, err, stderr)
			}
			summary = fmt.Sprintf("Imported %d signatures of %s, version %s (adopted %s), from %s; new organisations: %d.",
				res.Signed, compact.Title, res.Version.Label, res.Version.AdoptedOn.Format(time.DateOnly), file, res.Created)
		}
		fmt.Fprintln(stdout, summary)
		return nil
	})
}

// splitFile takes FILE, the one argument that is neither a flag nor a flag's value, out of
// the arguments, so that it may stand before, between or after the flags. Every flag of
// these commands takes a value ("--version 2" or "--version=2"); only -h and --help do not.
func splitFile(args []string) (string, []string) {
	var file string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-" || !strings.HasPrefix(a, "-"):
			if file != "" {
				return file, append(rest, args[i:]...) // config.Parse refuses the extra one
			}
			file = a
		case isHelp(a) || strings.Contains(a, "="):
			rest = append(rest, a)
		default:
			rest = append(rest, a)
			if i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		}
	}
	return file, rest
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

func openInput(file string, stdin io.Reader) (io.ReadCloser, error) {
	if file == "-" {
		return io.NopCloser(stdin), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return f, nil
}

// importFailed lists every problem of a refused file on stderr, one per line, and returns
// the error that makes the exit status 1.
func importFailed(file string, err error, stderr io.Writer) error {
	var ps csvimport.Problems
	if !errors.As(err, &ps) {
		if key := "problem." + fault.CodeOf(err) + ".detail"; i18n.Has(key) {
			return errors.New(i18n.T(i18n.EN, key))
		}
		return describe(err)
	}
	for _, p := range ps {
		fmt.Fprintf(stderr, "%s: %s\n", file, p.Message(i18n.EN))
	}
	return fmt.Errorf("nothing imported: %d problems in %s", len(ps), file)
}
