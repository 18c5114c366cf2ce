package httpapi_test

import (
	"context"
	"syscall"
	"time"

	"github.com/borasstad/lokalbanken/internal/loadgen"
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
	st, err := loadgen.ProcStat(backend)
	if err != nil {
		e.b.Fatalf("cpu clock: %v", err)
	}
	return cpuClock{postmaster: st.PPID}
}

// read returns the CPU time of the database server and of this process.
func (c cpuClock) read() (server, self time.Duration, err error) {
	server, err = loadgen.ClusterCPU(c.postmaster)
	if err != nil {
		return 0, 0, err
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, err
	}
	return server, time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
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
