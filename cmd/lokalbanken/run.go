package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/logging"
)

const usage = `Lokalbanken — the premises bank of Överenskommelsen in Borås.

Usage:
  lokalbanken [command] [flags]

Commands:
  serve     run the web service (the default)
  migrate   apply database migrations and exit
  demo      load the demo data into the database and exit
  user create --email E --name N [--city-admin] [--org ID --role admin|booker]
            create a person; the password is read from standard input
  token create --email E [--name N]
            print a new personal API token for the person, and nothing else
  import organisations|signatories FILE.csv [--version LABEL]
            import a CSV file, all of it or nothing ("lokalbanken import --help")
  backup FILE
            write the whole database into FILE (pg_dump's custom format; - for stdout)
  restore FILE
            load a dump made by backup into an empty database, then migrate it
  version   print the version (also --version)
  help      show this text (also --help)

Run "lokalbanken COMMAND --help" for a command's flags. Every flag can also be set in the
environment, as LOKALBANKEN_ and the flag's name in capitals (--db-max-conns:
LOKALBANKEN_DB_MAX_CONNS), except --database-url: DATABASE_URL. The first city
administrator comes from LOKALBANKEN_ADMIN_EMAIL with LOKALBANKEN_ADMIN_PASSWORD. The
settings that hold a secret (DATABASE_URL, LOKALBANKEN_ADMIN_PASSWORD, LOKALBANKEN_SMTP_URL)
can be read from a file instead: NAME_FILE=/run/secrets/… .
Without DATABASE_URL, Lokalbanken runs its own PostgreSQL cluster in the data folder, and
serve keeps a dump of it a day in DATA_DIR/backups (the newest 7: --backup-keep).

Exit codes: 0 done, 1 failed, 2 wrong command line, 3 settings not accepted.
`

// run is the whole program; main only adds the process's signals and exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if cmd == "serve" && len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		cmd = "version"
	}
	switch cmd {
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version":
		fmt.Fprint(stdout, versionText())
		return nil
	case "user", "token":
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprint(stdout, usage)
			return nil
		}
		if len(args) == 0 || args[0] != "create" {
			fmt.Fprint(stderr, usage)
			return usageError(fmt.Errorf("usage: lokalbanken %s create --email E …", cmd))
		}
		if cmd == "user" {
			return runUserCreate(ctx, args[1:], getenv, stdin, stdout, stderr)
		}
		return runTokenCreate(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stdin, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case "restore":
		return runRestore(ctx, args, getenv, stdin, stdout, stderr)
	case "serve", "migrate", "demo":
	default:
		fmt.Fprint(stderr, usage)
		return usageError(fmt.Errorf("unknown command %q", cmd))
	}
	if cmd == "serve" && len(args) > 0 && isHelp(args[0]) {
		// "lokalbanken --help" shows the commands before serve's flags.
		fmt.Fprint(stdout, usage+"\nFlags of serve:\n")
	}
	cfg, err := parseConfig("lokalbanken "+cmd, args, getenv, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log := logging.New(stderr, cfg.LogFormat, cfg.LogLevel)
	switch cmd {
	case "migrate":
		return runMigrate(ctx, cfg, log)
	case "demo":
		return runDemo(ctx, cfg, log, stdout)
	}
	return runServe(ctx, cfg, log, stdout)
}

func runServe(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	app := NewApp(cfg, log)
	if err := app.Start(ctx); err != nil {
		app.Close()
		return err
	}
	fmt.Fprintf(stdout, "Lokalbanken is listening on %s\n", app.URL())
	if u := app.OperatorURL(); u != "" {
		fmt.Fprintf(stdout, "Metrics and profiles (operator only) at %s/metrics and %s/debug/pprof/\n", u, u)
	}
	select {
	case <-ctx.Done():
		log.Info("shutting down")
		return app.Close()
	case <-app.Failed():
		err := app.store.pg.Err()
		log.Error("shutting down: the database cluster cannot be restarted", slog.Any("err", err))
		return errors.Join(err, app.Close())
	}
}

func runMigrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.migrate(ctx, log)
}

func runDemo(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.migrate(ctx, log); err != nil {
		return err
	}
	svc := newServices(st.db)
	err = demo.Load(ctx, svc.demoTarget(st.embedded))
	if errors.Is(err, demo.ErrAlreadyLoaded) {
		fmt.Fprintln(stdout, "The demo data is already loaded.")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Demo data loaded.")
	return nil
}
