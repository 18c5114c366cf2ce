package pgserver

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// tryLock takes the exclusive lock on the data folder without waiting. It returns a nil file
// and no error when another process holds the lock. The lock lives as long as the returned
// file is open, and dies with the process, so a crash never leaves a stale lock behind. The
// file is opened close-on-exec: postgres must not inherit it, or an orphaned cluster would
// keep the folder locked.
func tryLock(path string) (*os.File, error) {
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
	// The pid is for people looking at the folder; the flock is what counts.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}
