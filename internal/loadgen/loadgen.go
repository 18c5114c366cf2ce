// Package loadgen is what the load command (cmd/loadtest) and the booking benchmark
// (internal/httpapi) share: the bulk seeding of venues, rooms and bookings by SQL, the CPU
// time of processes read from Linux's /proc, and percentiles.
package loadgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Seed describes the bulk data: Rooms/5 venues of five rooms owned by OwnerID, every room
// booked for ClubID 09:00–12:00 and 13:00–16:00 Stockholm time, PerRoom bookings a room
// (two a day) from Day0 on. Evenings stay free for measured bookings.
type Seed struct {
	OwnerID, ClubID int64
	Rooms, PerRoom  int
	Day0            time.Time // the first booked day; only its date counts
}

// Run inserts the venues, rooms, bookings and their holds (in one transaction, as
// bookings_holds_match checks at commit), then runs VACUUM ANALYZE. Each booking goes
// through the holds' exclusion constraint, as one made through the API does. step, if not
// nil, is told how long each statement took.
func (s Seed) Run(ctx context.Context, db *bun.DB, step func(what string, took time.Duration)) error {
	if step == nil {
		step = func(string, time.Duration) {}
	}
	day0 := s.Day0.Format("2006-01-02")
	stmts := []struct {
		what  string
		query string
		args  []any
	}{
		{"venues", `INSERT INTO venues (owner_id, name, street_address, postal_code, town, district, lift, created_at, updated_at)
			SELECT ?, 'Lokal ' || lpad(i::text, 4, '0'), 'Gatan ' || i, '503 30', 'Borås',
				(ARRAY['Centrum', 'Norrby', 'Hässleholmen', 'Sjöbo', 'Göta'])[1 + i % 5], i % 2 = 0, now(), now()
			FROM generate_series(1, ?) AS i`, []any{s.OwnerID, max(s.Rooms/5, 1)}},
		{"rooms", `INSERT INTO rooms (venue_id, name, capacity, facilities, created_at, updated_at)
			SELECT v.id, 'Rum ' || j, 10 + (v.id * 7 + j * 13) % 150,
				(ARRAY['{wifi}', '{kitchen,projector}', '{stage}', '{wifi,kitchen}', '{piano}'])[j]::text[], now(), now()
			FROM venues v, generate_series(1, 5) AS j WHERE v.name LIKE 'Lokal %'`, nil},
		// Two statements, as one INSERT … RETURNING feeding the holds runs twice as long.
		{"bookings", `INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
			SELECT r.id, ?, 'Bokning', 5,
				((?::date + k / 2) + CASE k % 2 WHEN 0 THEN time '09:00' ELSE time '13:00' END) AT TIME ZONE 'Europe/Stockholm',
				((?::date + k / 2) + CASE k % 2 WHEN 0 THEN time '12:00' ELSE time '16:00' END) AT TIME ZONE 'Europe/Stockholm',
				'confirmed', now(), now()
			FROM rooms r, generate_series(0, ?) AS k WHERE r.name LIKE 'Rum %'`, []any{s.ClubID, day0, day0, s.PerRoom - 1}},
		{"holds", `INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bookings WHERE title = 'Bokning'`, nil},
	}
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, q := range stmts {
			t0 := time.Now()
			if _, err := tx.ExecContext(ctx, q.query, q.args...); err != nil {
				return fmt.Errorf("seed %s: %w", q.what, err)
			}
			step(q.what, time.Since(t0))
		}
		return nil
	})
	if err != nil {
		return err
	}
	t0 := time.Now()
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		return fmt.Errorf("seed: vacuum: %w", err)
	}
	step("vacuum analyze", time.Since(t0))
	return nil
}

// ClockTicks is USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux port that
// matters here.
const ClockTicks = 100

// ProcTimes is a process's parent and CPU times in clock ticks, from /proc/<pid>/stat.
type ProcTimes struct {
	PPID                         int
	UTime, STime, CUTime, CSTime int64
}

// Own returns the CPU time of the process itself, without its children.
func (t ProcTimes) Own() time.Duration {
	return time.Duration(t.UTime+t.STime) * time.Second / ClockTicks
}

// ProcStat reads the parent and the CPU times of a process from /proc/<pid>/stat.
func ProcStat(pid int) (ProcTimes, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ProcTimes{}, err
	}
	// The command name is in parentheses and may hold spaces; the fields follow the last ')'.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return ProcTimes{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	var t ProcTimes
	t.PPID, _ = strconv.Atoi(f[1])
	// Fields 14–17 of stat(5), counted from the state (field 3) at f[0].
	t.UTime, _ = strconv.ParseInt(f[11], 10, 64)
	t.STime, _ = strconv.ParseInt(f[12], 10, 64)
	t.CUTime, _ = strconv.ParseInt(f[13], 10, 64)
	t.CSTime, _ = strconv.ParseInt(f[14], 10, 64)
	return t, nil
}

// ClusterCPU returns the CPU time spent so far by a PostgreSQL cluster: the postmaster, its
// children that have ended, and the backends still running.
func ClusterCPU(postmaster int) (time.Duration, error) {
	pm, err := ProcStat(postmaster)
	if err != nil {
		return 0, err
	}
	ticks := pm.UTime + pm.STime + pm.CUTime + pm.CSTime
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		st, err := ProcStat(pid)
		if err != nil || st.PPID != postmaster {
			continue
		}
		ticks += st.UTime + st.STime
	}
	return time.Duration(ticks) * time.Second / ClockTicks, nil
}

// Pct returns the p-th percentile of the durations (nearest rank), 0 for none.
func Pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p+99)/100 - 1
	return s[max(i, 0)]
}
