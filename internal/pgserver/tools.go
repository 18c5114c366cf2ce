package pgserver

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// Tools runs PostgreSQL's programs as the account a cluster runs as (the postgres account
// when we are root, as both initdb and postgres refuse root), for tests that build clusters
// of their own: a primary with a standby made by pg_basebackup, say. Start covers the
// service's one cluster; this is the same account handling, exposed.
type Tools struct {
	BinDir string
	acct   account
}

// FindTools finds the binaries (FindBinDir) and the account. It returns ErrNoBinaries, or
// an error naming the way out when running as root without a postgres account.
func FindTools() (*Tools, error) {
	bin, err := FindBinDir()
	if err != nil {
		return nil, err
	}
	acct, err := lookupAccount()
	if err != nil {
		return nil, err
	}
	return &Tools{BinDir: bin, acct: acct}, nil
}

// Command returns the program name of BinDir with args, to run as the cluster's account, in
// a process group of its own (so that the group can be killed at once), with the
// environment PostgreSQL's programs expect.
func (t *Tools) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(t.BinDir, name), args...)
	cmd.Env = childEnv()
	cmd.Dir = os.TempDir()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: t.acct.credential()}
	return cmd
}

// MakeDir creates dir (0700) for a cluster or its sockets, owned by the cluster's account
// and reachable by it through every parent folder.
func (t *Tools) MakeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := t.acct.chown(dir); err != nil {
		return fmt.Errorf("chown %s: %w", dir, err)
	}
	return t.acct.grantSearch(dir, slog.New(slog.DiscardHandler))
}
