package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/borasstad/lokalbanken/internal/backup"
	"github.com/borasstad/lokalbanken/internal/config"
)

// runBackup is `lokalbanken backup FILE`: the whole database, in pg_dump's custom format,
// into FILE ("-": standard output). It works beside a running serve.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	file, args := splitFile(args)
	cfg, err := parseConfig("lokalbanken backup FILE", args, getenv, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if file == "" {
		return usageError(errors.New("backup: name the file to write (- for standard output)"))
	}
	st, err := openStore(ctx, cfg, cliLogger(cfg, stderr), false)
	if err != nil {
		return err
	}
	defer st.Close()
	if file == "-" {
		return backup.Dump(ctx, st.url, stdout)
	}
	if err := backup.WriteFile(ctx, st.url, file); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Database written to %s.\n", file)
	return nil
}

// runRestore is `lokalbanken restore FILE`: a dump made by backup into an empty database
// (a fresh data folder, or a new DATABASE_URL database), all of it or nothing, then
// migrated to this version.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	file, args := splitFile(args)
	cfg, err := parseConfig("lokalbanken restore FILE", args, getenv, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if file == "" {
		return usageError(errors.New("restore: name the dump to read (- for standard input)"))
	}
	in, err := openInput(file, stdin)
	if err != nil {
		return err
	}
	defer in.Close()
	log := cliLogger(cfg, stderr)
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var tables int
	if err := st.db.NewRaw("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')").Scan(ctx, &tables); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if tables > 0 {
		return errors.New("restore: the database is not empty: restore into a fresh data folder or a new database, then point the service at it")
	}
	if err := backup.Restore(ctx, st.url, in); err != nil {
		return err
	}
	if err := st.migrate(ctx, log); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Database restored from %s.\n", file)
	return nil
}

// dailyBackups makes a dump of the embedded cluster once a day into DATA_DIR/backups and
// keeps the newest cfg.BackupKeep, until ctx ends. It checks every hour; the first check
// waits a minute, so that short runs (tests, a quick look) make none.
func dailyBackups(ctx context.Context, cfg config.Config, dbURL string, log *slog.Logger) {
	d := backup.Daily{Dir: filepath.Join(cfg.DataDir, "backups"), Keep: cfg.BackupKeep, URL: dbURL, Now: time.Now}
	wait := time.Minute
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = time.Hour
		start := time.Now()
		name, err := d.Run(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("daily backup", slog.Any("err", err))
		case name != "":
			var size int64
			if fi, err := os.Stat(name); err == nil {
				size = fi.Size()
			}
			log.Info("daily backup written", slog.String("file", name), slog.Int64("bytes", size), slog.Int64("duration_ms", time.Since(start).Milliseconds()))
		}
	}
}
