package pgserver_test

import (
	"context"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/borasstad/lokalbanken/internal/pgserver"
)

func TestFindBinDir(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		dir, err := pgserver.FindBinDir()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"initdb", "postgres"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Error(err)
			}
		}
		t.Logf("bin dir: %s", dir)
	})
	t.Run("PathFollowsLinks", func(t *testing.T) {
		real := fakeBinDir(t, filepath.Join(t.TempDir(), "15", "bin"), "initdb", "postgres")
		onPath := t.TempDir()
		for _, name := range []string{"initdb", "postgres"} {
			if err := os.Symlink(filepath.Join(real, name), filepath.Join(onPath, name)); err != nil {
				t.Fatal(err)
			}
		}
		t.Setenv("PATH", "relative:"+t.TempDir()+":"+onPath)
		if got, err := pgserver.FindBinDir(); err != nil || got != real {
			t.Fatalf("FindBinDir() = %q, %v; want %q", got, err, real)
		}
	})
	t.Run("HighestVersion", func(t *testing.T) {
		root := t.TempDir()
		fakeBinDir(t, filepath.Join(root, "9", "bin"), "initdb", "postgres")
		fakeBinDir(t, filepath.Join(root, "9.6", "bin"), "initdb", "postgres")
		want := fakeBinDir(t, filepath.Join(root, "10", "bin"), "initdb", "postgres")
		fakeBinDir(t, filepath.Join(root, "11", "bin"), "initdb") // client-only leftovers
		fakeBinDir(t, filepath.Join(root, "latest", "bin"), "initdb", "postgres")
		t.Setenv("PATH", "")
		defer pgserver.SetLibRoot(root)()
		if got, err := pgserver.FindBinDir(); err != nil || got != want {
			t.Fatalf("FindBinDir() = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("ErrNoBinaries", func(t *testing.T) {
		t.Setenv("PATH", "")
		defer pgserver.SetLibRoot(t.TempDir())()
		if _, err := pgserver.FindBinDir(); !errors.Is(err, pgserver.ErrNoBinaries) {
			t.Fatalf("FindBinDir: %v, want ErrNoBinaries", err)
		}
		_, err := pgserver.Start(context.Background(), pgserver.Options{DataDir: t.TempDir()})
		if !errors.Is(err, pgserver.ErrNoBinaries) {
			t.Fatalf("Start: %v, want ErrNoBinaries", err)
		}
		if !strings.Contains(err.Error(), "apt-get install postgresql") {
			t.Errorf("message does not say what to install: %v", err)
		}
	})
}

func TestSocketDir(t *testing.T) {
	// The socket is <dir>/run/.s.PGSQL.5432, and sun_path takes 107 bytes and a NUL.
	const suffix = "/run/.s.PGSQL.5432"
	fits := "/" + strings.Repeat("d", 107-len(suffix)-1)
	for _, tc := range []struct {
		name, dataDir string
		inside        bool
	}{
		{"Short", "/var/lib/lokalbanken", true},
		{"LongestThatFits", fits, true},
		{"OneByteTooLong", fits + "d", false},
		{"Comma", "/srv/a,b", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := pgserver.SocketDir(tc.dataDir)
			if inside := got == tc.dataDir+"/run"; inside != tc.inside {
				t.Fatalf("SocketDir(%q) = %q", tc.dataDir, got)
			}
			if !tc.inside && (!strings.HasPrefix(got, "/tmp/lokalbanken-") || len(got) != len("/tmp/lokalbanken-")+12) {
				t.Fatalf("fallback SocketDir(%q) = %q", tc.dataDir, got)
			}
			if again := pgserver.SocketDir(tc.dataDir); again != got {
				t.Fatalf("SocketDir not deterministic: %q, then %q", got, again)
			}
		})
	}
	if pgserver.SocketDir("/"+strings.Repeat("a", 200)) == pgserver.SocketDir("/"+strings.Repeat("b", 200)) {
		t.Error("two data folders share a fallback socket folder")
	}
}

// fakeBinDir creates dir holding executables that fail, named names.
func fakeBinDir(t *testing.T, dir string, names ...string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// postgresCredential is who runs postgres: pgserver's choice, the postgres account when we
// are root, else nobody else (nil).
func postgresCredential(t *testing.T) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}
