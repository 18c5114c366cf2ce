package pgserver

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pidFile is what a running postmaster writes to postmaster.pid in its data directory: line
// 1 the pid, 2 the data directory, 3 the start time, 4 the port, 5 the first socket
// directory, 6 the first listen address, 7 the shared memory key, 8 the status.
type pidFile struct {
	pid     int
	port    int
	sockDir string
	status  string // "starting", "ready", "stopping", "standby"; empty before the server sets it
}

func readPIDFile(pgDir string) (pidFile, error) {
	b, err := os.ReadFile(filepath.Join(pgDir, "postmaster.pid"))
	if err != nil {
		return pidFile{}, err
	}
	lines := strings.Split(string(b), "\n")
	var pf pidFile
	if pf.pid, err = strconv.Atoi(strings.TrimSpace(lines[0])); err != nil || pf.pid <= 0 {
		return pidFile{}, fmt.Errorf("postmaster.pid: bad pid %q", lines[0])
	}
	if len(lines) >= 5 {
		pf.port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
		pf.sockDir = strings.TrimSpace(lines[4])
	}
	if len(lines) >= 8 {
		pf.status = strings.TrimSpace(lines[7])
	}
	return pf, nil
}

// stopOrphan stops a postmaster still running on pgDir although the process that owned it
// is gone: the caller holds the folder's lock, so any live postmaster there is an orphan
// (its parent died and the parent-death signal did not reach it, or it was started by hand).
// A postmaster.pid naming a pid that now belongs to some other process (pids are reused,
// very often after a container restart) is removed, because postgres would refuse to start
// over it. A postmaster.pid of a dead process is left to postgres, which checks more.
func stopOrphan(pgDir string, log *slog.Logger) error {
	pf, err := readPIDFile(pgDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !alive(pf.pid) {
		return nil
	}
	if pf.pid == os.Getpid() || !isPostmasterOf(pf.pid, pgDir) {
		log.Info("removed stale postmaster.pid", slog.String("data_dir", filepath.Dir(pgDir)), slog.Int("pid", pf.pid))
		return os.Remove(filepath.Join(pgDir, "postmaster.pid"))
	}
	log.Info("stopping orphaned database cluster", slog.String("data_dir", filepath.Dir(pgDir)), slog.Int("pid", pf.pid))
	if signalAndWait(pf.pid, syscall.SIGINT, stopTimeout) || signalAndWait(pf.pid, syscall.SIGQUIT, killTimeout) {
		return nil
	}
	return fmt.Errorf("orphaned postgres (pid %d) on %s does not stop", pf.pid, pgDir)
}

// signalAndWait sends sig to a process that is not our child and polls until it is gone.
func signalAndWait(pid int, sig syscall.Signal, timeout time.Duration) bool {
	if err := syscall.Kill(pid, sig); err != nil {
		return !alive(pid)
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !alive(pid) {
			return true
		}
		time.Sleep(pollInterval)
	}
	return false
}

// alive reports whether pid names a process that has not exited. A zombie counts as exited:
// an orphan's new parent (in a container often a pid 1 that does not reap) may never collect it.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	// The state follows the command name, which is in parentheses and may hold anything.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

// isPostmasterOf reports whether pid is a postgres process working in pgDir, as far as /proc
// lets us see: its name must be postgres, and its working folder (a postmaster changes to
// its data directory) must be pgDir when we may read it. Without /proc a live pid counts.
func isPostmasterOf(pid int, pgDir string) bool {
	proc := "/proc/" + strconv.Itoa(pid)
	comm, err := os.ReadFile(proc + "/comm")
	if errors.Is(err, os.ErrNotExist) {
		_, statErr := os.Stat("/proc/self")
		return statErr != nil // no /proc at all: trust the pid; else the process just exited
	}
	if err != nil {
		return true
	}
	if name := strings.TrimSpace(string(comm)); name != "postgres" && name != "postmaster" {
		return false
	}
	cwd, err := os.Readlink(proc + "/cwd")
	if err != nil {
		return true // no CAP_SYS_PTRACE (default in containers): the name has to do
	}
	want, err := filepath.EvalSymlinks(pgDir)
	if err != nil {
		want = pgDir
	}
	return cwd == want
}
