package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/logging"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// userFlags are the flags of `user create`.
type userFlags struct {
	email, name, role string
	cityAdmin         bool
	org               int64
}

func (f *userFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.email, "email", "", "the person's email address (required)")
	fs.StringVar(&f.name, "name", "", "the person's name (required)")
	fs.BoolVar(&f.cityAdmin, "city-admin", false, "make the person a city administrator")
	fs.Int64Var(&f.org, "org", 0, "organisation id to make the person a member of")
	fs.StringVar(&f.role, "role", "", "role in --org: admin or booker")
}

// runUserCreate creates a person with the password read from the first line of stdin. It
// works whether or not `serve` runs on the same embedded database (pgserver attaches).
func runUserCreate(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f userFlags
	cfg, err := parseConfig("lokalbanken user create", args, getenv, stdout, stderr, f.register)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if f.email == "" || f.name == "" {
		return usageError(errors.New("user create: --email and --name are required"))
	}
	if (f.org == 0) != (f.role == "") {
		return usageError(errors.New("user create: --org and --role go together"))
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	return withServices(ctx, cfg, cliLogger(cfg, stderr), func(svc services) error {
		u, err := svc.accounts.CreateUser(ctx, access.System, account.UserInput{Email: f.email, Name: f.name, CityAdmin: f.cityAdmin}, password)
		if err != nil {
			return describe(err)
		}
		if f.org != 0 {
			if _, err := svc.accounts.SetMember(ctx, access.System, f.org, u.ID, access.Role(f.role)); err != nil {
				return describe(err)
			}
		}
		fmt.Fprintf(stdout, "Created user %d (%s).\n", u.ID, u.Email)
		return nil
	})
}

// runTokenCreate prints a new personal API token for the person, and nothing else, so that
// scripts can capture it.
func runTokenCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var email, name string
	cfg, err := parseConfig("lokalbanken token create", args, getenv, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "whose token (required)")
		fs.StringVar(&name, "name", "command line", "what the token is for")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if email == "" {
		return usageError(errors.New("token create: --email is required"))
	}
	return withServices(ctx, cfg, cliLogger(cfg, stderr), func(svc services) error {
		u, err := svc.accounts.FindUserByEmail(ctx, email)
		if err != nil {
			return describe(err)
		}
		secret, _, err := svc.accounts.CreateTokenForUser(ctx, u.ID, name)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintln(stdout, secret)
		return nil
	})
}

// readPassword reads one line; a password typed at a prompt or piped in both work.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return "", usageError(errors.New("user create: give the password on standard input"))
	}
	return password, nil
}

// cliLogger logs only warnings and errors, so a command's own output stands out.
func cliLogger(cfg config.Config, stderr io.Writer) *slog.Logger {
	return logging.New(stderr, cfg.LogFormat, "warn")
}

// withServices opens the database (attaching to a running embedded cluster if there is one),
// migrates it, and runs fn.
func withServices(ctx context.Context, cfg config.Config, log *slog.Logger, fn func(services) error) error {
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.migrate(ctx, log); err != nil {
		return err
	}
	return fn(newServices(st.db))
}

// describe turns input errors into one readable line for the terminal.
func describe(err error) error {
	fields := fault.Fields(err)
	if fields == nil {
		return err
	}
	msgs := make([]string, 0, len(fields))
	for _, f := range fields {
		msgs = append(msgs, f.Field+": "+validation.Message(i18n.EN, f))
	}
	return errors.New(strings.Join(msgs, "; "))
}
