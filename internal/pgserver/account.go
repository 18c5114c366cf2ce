package pgserver

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

var errRootWithoutAccount = errors.New("running as root: PostgreSQL refuses to run as root and there is no 'postgres' account; " +
	"run as an ordinary user, or create one (useradd --system postgres), or set DATABASE_URL")

// account is the OS account that initdb and postgres run as: ourselves, or the postgres
// account when we are root, because both programs refuse to run as root.
type account struct {
	uid, gid int
	switched bool // the account is not ours: run with its credentials and chown to it
}

func lookupAccount() (account, error) {
	if os.Geteuid() != 0 {
		return account{uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	u, err := user.Lookup("postgres")
	var unknown user.UnknownUserError
	if errors.As(err, &unknown) {
		return account{}, errRootWithoutAccount
	}
	if err != nil {
		return account{}, fmt.Errorf("look up postgres account: %w", err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return account{}, fmt.Errorf("postgres account uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return account{}, fmt.Errorf("postgres account gid %q: %w", u.Gid, err)
	}
	if uid == 0 {
		return account{}, errors.New("running as root: the 'postgres' account has uid 0, and PostgreSQL refuses to run as root")
	}
	return account{uid: uid, gid: gid, switched: true}, nil
}

// credential returns the credential to start a child with, or nil to keep ours. Without
// supplementary groups: Go then drops root's, and canSearch relies on that.
func (a account) credential() *syscall.Credential {
	if !a.switched {
		return nil
	}
	return &syscall.Credential{Uid: uint32(a.uid), Gid: uint32(a.gid)}
}

func (a account) chown(path string) error {
	if !a.switched {
		return nil
	}
	return os.Lchown(path, a.uid, a.gid)
}

// grantSearch makes sure the account can reach dir: every folder from the root down to dir
// itself must be searchable by it. Folders made by mktemp -d or t.TempDir are 0700, so when
// we run postgres under another account we add the search bit (never read) that applies to
// it. Both the path as given and its resolved form are checked, as symbolic links skip
// folders.
func (a account) grantSearch(dir string, log *slog.Logger) error {
	if !a.switched {
		return nil
	}
	paths := ancestors(dir)
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		paths = append(paths, ancestors(real)...)
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("data folder: %w", err)
		}
		bit, ok := a.searchBit(fi)
		if ok {
			continue
		}
		if err := os.Chmod(p, fi.Mode().Perm()|bit); err != nil {
			return fmt.Errorf("let the postgres account reach the data folder: %w", err)
		}
		log.Info("granted search permission so the postgres account can reach the data folder",
			slog.String("path", p))
	}
	return nil
}

// searchBit returns the permission bit that decides whether the account may search the
// folder, and whether it is set. Only one class applies: owner, else group, else others.
func (a account) searchBit(fi os.FileInfo) (os.FileMode, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, true
	}
	bit := os.FileMode(0o001)
	switch {
	case int(st.Uid) == a.uid:
		bit = 0o100
	case int(st.Gid) == a.gid:
		bit = 0o010
	}
	return bit, fi.Mode().Perm()&bit != 0
}

// ancestors returns dir and every folder above it, root first.
func ancestors(dir string) []string {
	var out []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		out = append([]string{d}, out...)
		if filepath.Dir(d) == d {
			return out
		}
	}
}
