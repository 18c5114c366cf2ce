package httpapi_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuClock reads the CPU time spent so far by the database server (the postmaster and every
// backend under it) and by this process (server and clients alike). On a shared, noisy
// machine the rates of the benchmark swing with the neighbours; the CPU time each booking
// costs does not, so the benchmark reports both.
type cpuClock struct {
	postmaster int
}

// newCPUClock finds the postmaster of the database e.db talks to. It needs Linux's /proc.
func (e *benchEnv) newCPUClock() cpuClock {
	e.b.Helper()
	var backend int
	if err := e.db.NewRaw(`SELECT pg_backend_pid()`).Scan(context.Background(), &backend); err != nil {
		e.b.Fatal(err)
	}
	st, err := procStat(backend)
	if err != nil {
		e.b.Fatalf("cpu clock: %v", err)
	}
	return cpuClock{postmaster: st.ppid}
}

// read returns the CPU time of the database server and of this process.
func (c cpuClock) read() (server, self time.Duration, err error) {
	pm, err := procStat(c.postmaster)
	if err != nil {
		return 0, 0, err
	}
	// The postmaster's own time and that of its children that have ended ...
	ticks := pm.utime + pm.stime + pm.cutime + pm.cstime
	// ... and that of the backends still running.
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		st, err := procStat(pid)
		if err != nil || st.ppid != c.postmaster {
			continue
		}
		ticks += st.utime + st.stime
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, err
	}
	self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return time.Duration(ticks) * time.Second / clockTicks, self, nil
}

// clockTicks is USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux port that
// matters here.
const clockTicks = 100

type procTimes struct {
	ppid                         int
	utime, stime, cutime, cstime int64
}

// procStat reads the parent and the CPU times of a process from /proc/<pid>/stat.
func procStat(pid int) (procTimes, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procTimes{}, err
	}
	// The command name is in parentheses and may hold spaces; the fields follow the last ')'.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return procTimes{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	var t procTimes
	t.ppid, _ = strconv.Atoi(f[1])
	// Fields 14–17 of stat(5), counted from the state (field 3) at f[0].
	t.utime, _ = strconv.ParseInt(f[11], 10, 64)
	t.stime, _ = strconv.ParseInt(f[12], 10, 64)
	t.cutime, _ = strconv.ParseInt(f[13], 10, 64)
	t.cstime, _ = strconv.ParseInt(f[14], 10, 64)
	return t, nil
}

// cpuCost is the CPU time of server and process per operation of a phase.
type cpuCost struct{ server, self time.Duration }

// measureCPU runs phase and returns its CPU time per operation, n operations in all.
func (e *benchEnv) measureCPU(c cpuClock, n int, phase func()) cpuCost {
	e.b.Helper()
	s0, p0, err := c.read()
	if err != nil {
		e.b.Fatal(err)
	}
	phase()
	s1, p1, err := c.read()
	if err != nil {
		e.b.Fatal(err)
	}
	return cpuCost{server: (s1 - s0) / time.Duration(n), self: (p1 - p0) / time.Duration(n)}
}
