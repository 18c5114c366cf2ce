package pgserver

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// superuser is the cluster's superuser, created by initdb; it authenticates by trust over
// the private socket.
const superuser = "lokalbanken"

// initialised reports whether pgDir holds a cluster. initdb works in a scratch folder that
// is renamed into place only when it succeeded, so pgDir never holds half a cluster.
func initialised(pgDir string) bool {
	_, err := os.Stat(filepath.Join(pgDir, "PG_VERSION"))
	return err == nil
}

// initdb creates the cluster in pgDir. It tries the C.UTF-8 locale first and falls back to
// C on systems that lack it; both sort the same, by code point.
func initdb(ctx context.Context, binDir, pgDir string, acct account, ephemeral bool, log *slog.Logger) error {
	start := time.Now()
	log.Info("initialising database cluster", slog.String("data_dir", filepath.Dir(pgDir)), slog.String("bin_dir", binDir))
	scratch := pgDir + ".init"
	var err error
	for _, locale := range []string{"C.UTF-8", "C"} {
		if err = initdbOnce(ctx, binDir, scratch, locale, acct, ephemeral); err == nil {
			break
		}
		log.Debug("initdb failed", slog.String("locale", locale), slog.Any("err", err))
	}
	if err != nil {
		return err
	}
	if err := os.Rename(scratch, pgDir); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	if !ephemeral {
		syncDir(filepath.Dir(pgDir))
	}
	log.Info("database cluster initialised", slog.String("data_dir", filepath.Dir(pgDir)),
		slog.Int64("duration_ms", time.Since(start).Milliseconds()))
	return nil
}

func initdbOnce(ctx context.Context, binDir, dir, locale string, acct account, ephemeral bool) error {
	// A scratch folder left by an earlier attempt or a crash mid-initdb holds nothing of value.
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	if err := acct.chown(dir); err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	args := []string{"-D", dir, "-U", superuser, "--auth=trust", "-E", "UTF8", "--locale=" + locale}
	if ephemeral {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), args...)
	// A working folder the account can enter: initdb complains about one it cannot.
	cmd.Dir = filepath.Dir(dir)
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: acct.credential()}
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("initdb (locale %s): %w: %s", locale, err, lastLines(out.String(), 10))
	}
	return nil
}

// childEnv is our environment without the PG* variables, which would change what initdb
// and postgres do behind our back, and with an English message locale so that their errors,
// which we quote, read the same everywhere.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C")
}

func syncDir(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	defer f.Close()
	_ = f.Sync()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
