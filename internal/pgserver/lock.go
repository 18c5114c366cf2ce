package pgserver

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// The roles a lock holder writes after its pid: the service, which must own the cluster for
// its whole life, or a short command (user create, migrate) that owns it only while no
// service runs.
const (
	roleService = "serve"
	roleCommand = "command"
)

// InUseError is returned by Start with Options.Exclusive when another service already runs
// on the data folder.
type InUseError struct {
	DataDir string
	PID     int // the other service's process id, as its lock file says
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("data folder %s is in use by another lokalbanken serve (pid %d): stop that one first, or give this one another data folder", e.DataDir, e.PID)
}

// tryLock takes the exclusive lock on the data folder without waiting, and writes our pid
// and role into the file. It returns a nil file and no error when another process holds the
// lock. The lock lives as long as the returned file is open, and the kernel releases it
// when the process dies, even by kill -9, so a crash never leaves a stale lock behind. The
// file is opened close-on-exec: postgres must not inherit it, or an orphaned cluster would
// keep the folder locked.
func tryLock(path, role string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, nil
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// The pid and role are for the next process and for people; the flock is what counts.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"+role+"\n"), 0)
	}
	return f, nil
}

// lockHolder reads the pid and role the holder of the lock wrote; zero and "" while it has
// not written them yet.
func lockHolder(path string) (pid int, role string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, ""
	}
	lines := strings.Split(string(b), "\n")
	pid, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	if len(lines) > 1 {
		role = strings.TrimSpace(lines[1])
	}
	return pid, role
}
