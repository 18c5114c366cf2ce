package pgserver

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// port is fixed: the socket folder is private to one cluster, so nothing can clash on it.
const port = 5432

// maxSocketPath is the longest Unix socket path the kernel takes: sun_path is 108 bytes
// including the terminating NUL.
const maxSocketPath = 107

// socketDir returns the folder for the cluster's Unix socket: dataDir/run, or, when the
// socket path in it would be too long or the folder name holds a comma (libpq and pgx read
// a comma in host as a list of hosts), /tmp/lokalbanken-<hash of dataDir>. The fallback is
// deterministic so that another process using the same data folder finds the same socket.
func socketDir(dataDir string) string {
	dir := filepath.Join(dataDir, "run")
	if len(socketPath(dir)) <= maxSocketPath && !strings.Contains(dir, ",") {
		return dir
	}
	sum := sha256.Sum256([]byte(dataDir))
	return "/tmp/lokalbanken-" + hex.EncodeToString(sum[:])[:12]
}

func socketPath(dir string) string {
	return filepath.Join(dir, ".s.PGSQL."+strconv.Itoa(port))
}

// prepareSocketDir creates dir private to the account (0700, owned by it) and removes the
// socket and its lock file left by a postgres that is gone: the caller holds the data
// folder's lock and has stopped any orphan, and postgres could otherwise mistake a reused
// pid in the old lock file for a live server. A folder in /tmp that belongs to another
// account is refused unless we are root, who takes it over.
func prepareSocketDir(dir string, acct account) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("socket folder: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("socket folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket folder %s is not a folder", dir)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != acct.uid && !acct.switched {
		return fmt.Errorf("socket folder %s belongs to another user", dir)
	}
	if err := acct.chown(dir); err != nil {
		return fmt.Errorf("socket folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("socket folder: %w", err)
	}
	sock := socketPath(dir)
	for _, p := range []string{sock, sock + ".lock"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale socket: %w", err)
		}
	}
	return nil
}
