package pgserver

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrNoBinaries is returned by FindBinDir and Start when no PostgreSQL server binaries are
// installed where we look for them.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries (initdb, postgres) found on PATH or under /usr/lib/postgresql/*/bin: " +
	"install PostgreSQL 13 or newer (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL")

// libRoot is where Debian and Ubuntu install one bin folder per major version. A variable so
// that tests can point it at a fake tree.
var libRoot = "/usr/lib/postgresql"

// FindBinDir returns the folder holding initdb and postgres. It looks, in order, on PATH (the
// first folder that holds both), at `pg_config --bindir`, and in the highest-numbered
// /usr/lib/postgresql/*/bin. Symbolic links on PATH are followed, so a link to a versioned
// folder reports that folder. It returns ErrNoBinaries when none of them has both binaries.
func FindBinDir() (string, error) {
	if dir, ok := binDirFromPath(); ok {
		return dir, nil
	}
	if dir, ok := binDirFromPgConfig(); ok {
		return dir, nil
	}
	if dir, ok := binDirFromLibRoot(libRoot); ok {
		return dir, nil
	}
	return "", ErrNoBinaries
}

func binDirFromPath() (string, bool) {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		// Relative PATH entries depend on the working folder; exec.LookPath refuses them too.
		if !filepath.IsAbs(dir) || !hasServer(dir) {
			continue
		}
		real, err := filepath.EvalSymlinks(filepath.Join(dir, "initdb"))
		if err == nil && hasServer(filepath.Dir(real)) {
			return filepath.Dir(real), true
		}
		return dir, true
	}
	return "", false
}

func binDirFromPgConfig() (string, bool) {
	path, err := exec.LookPath("pg_config")
	if err != nil {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--bindir").Output()
	if err != nil {
		return "", false
	}
	dir := strings.TrimSpace(string(out))
	return dir, filepath.IsAbs(dir) && hasServer(dir)
}

// binDirFromLibRoot picks the highest version under root, comparing numerically so that
// 10 sorts above 9 and 9.6.
func binDirFromLibRoot(root string) (string, bool) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return "", false
	}
	type candidate struct {
		name         string
		major, minor int
	}
	var cands []candidate
	for _, e := range entries {
		majorStr, minorStr, _ := strings.Cut(e.Name(), ".")
		major, err := strconv.Atoi(majorStr)
		if err != nil {
			continue
		}
		minor, _ := strconv.Atoi(minorStr)
		cands = append(cands, candidate{e.Name(), major, minor})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].major != cands[j].major {
			return cands[i].major > cands[j].major
		}
		return cands[i].minor > cands[j].minor
	})
	for _, c := range cands {
		dir := filepath.Join(root, c.name, "bin")
		if hasServer(dir) {
			return dir, true
		}
	}
	return "", false
}

func hasServer(dir string) bool {
	return isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres"))
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
