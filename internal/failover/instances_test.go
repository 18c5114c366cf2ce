package failover_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// TestThreeInstances: three serve processes started together on one PostgreSQL (they
// migrate it together: the advisory lock lets one do it), 12 clients booking through them,
// four of them all after the same half hours; one instance is killed with SIGKILL midway
// and its clients move to the others. Every acknowledged booking is in the database, no
// two bookings of the room overlap, no contested half hour went to two, and the other two
// instances went on booking.
func TestThreeInstances(t *testing.T) {
	t.Parallel()
	t0 := time.Now()
	bin := build(t)
	dbURL := freshDatabase(t, dbtest.URL(t, "postgres"))
	t1 := time.Now()
	instances := startAll(t, bin, dbURL, 3)
	t2 := time.Now()
	tg := seed(t, bin, dbURL)
	t.Logf("build %.1f s, 3 instances started (migrating together) %.1f s, seeded %.1f s", t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), time.Since(t2).Seconds())

	l := newLoad(tg, instances)
	l.run(12, 4)
	time.Sleep(2 * time.Second)
	before := l.count()
	instances[0].kill(t)
	killed := time.Now()
	time.Sleep(3 * time.Second)
	l.halt()

	after := l.firstAckAfter(killed)
	lost := l.check(t, dbURL)
	t.Logf("3 instances, one killed with SIGKILL after %d acknowledged bookings: %d acknowledged in all, %d lost; first booking after the kill by the others: %v; statuses %v",
		before, len(l.acked), lost, after, l.statuses)
	for _, in := range instances[1:] {
		if after[in.name] < 0 {
			t.Errorf("%s booked nothing after %s was killed", in.name, instances[0].name)
		}
	}
	if l.statuses[http.StatusInternalServerError] > 0 {
		t.Errorf("%d bookings answered 500", l.statuses[http.StatusInternalServerError])
	}
	if l.statuses[http.StatusConflict] == 0 {
		t.Error("no contested booking was refused: the contenders did not contend")
	}
}
