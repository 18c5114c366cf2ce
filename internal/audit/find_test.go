package audit_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// t0 is a fixed instant; entries are recorded at t0 plus whole minutes.
var t0 = time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)

var city = access.Actor{CityAdmin: true, IP: "10.0.0.1"}

// mustRecord writes one entry per change, the i-th at t0 + at[i] minutes.
func mustRecord(t *testing.T, db bun.IDB, at []int, changes ...audit.Change) {
	t.Helper()
	for i, c := range changes {
		if err := audit.Record(context.Background(), db, city, t0.Add(time.Duration(at[i])*time.Minute), c); err != nil {
			t.Fatal(err)
		}
	}
}

func actions(page []audit.Entry) []string {
	var out []string
	for _, e := range page {
		out = append(out, e.Action)
	}
	return out
}

func TestFindEntries(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	svc := audit.NewService(db, validation.New(), time.Now)
	ctx := context.Background()
	// Two entries share an instant: the id breaks the tie, also across pages.
	mustRecord(t, db, []int{0, 1, 1, 2, 3},
		audit.Change{Action: "venue.create", ObjectType: "venue", ObjectID: 7, Before: nil, After: map[string]int{"v": 1}},
		audit.Change{Action: "venue.update", ObjectType: "venue", ObjectID: 7, Before: map[string]int{"v": 1}, After: map[string]int{"v": 2}},
		audit.Change{Action: "room.create", ObjectType: "room", ObjectID: 8},
		audit.Change{Action: "room.update", ObjectType: "room", ObjectID: 9},
		audit.Change{Action: "token.create", ObjectType: "token", ObjectID: 7},
	)

	t.Run("OK", func(t *testing.T) {
		var got []string
		f := audit.Filter{Limit: 2}
		for range 5 {
			page, err := svc.FindEntries(ctx, city, f)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, actions(page.Items)...)
			if page.Next == nil {
				break
			}
			f.Cursor = page.Next.Encode()
		}
		if diff := cmp.Diff([]string{"token.create", "room.update", "room.create", "venue.update", "venue.create"}, got); diff != "" {
			t.Errorf("newest first, across pages (-want +got):\n%s", diff)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			f    audit.Filter
			want []string
		}{
			{"object", audit.Filter{ObjectType: "venue", ObjectID: 7}, []string{"venue.update", "venue.create"}},
			{"object id alone", audit.Filter{ObjectID: 7}, []string{"token.create", "venue.update", "venue.create"}},
			{"action", audit.Filter{Action: "room.create"}, []string{"room.create"}},
			{"from inclusive, to exclusive", audit.Filter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []string{"room.update", "room.create", "venue.update"}},
			{"nothing", audit.Filter{ActorUserID: 42}, nil},
		} {
			page, err := svc.FindEntries(ctx, city, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, actions(page.Items)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})

	t.Run("States", func(t *testing.T) {
		page, err := svc.FindEntries(ctx, city, audit.Filter{Action: "venue.create"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("%v %v", page, err)
		}
		e := page.Items[0]
		// A state not recorded is SQL NULL, not the JSON null.
		if e.Before != nil || string(e.After) != `{"v": 1}` || e.IP != "10.0.0.1" || e.ActorUserID != nil {
			t.Errorf("entry: before %q after %q ip %q actor %v", e.Before, e.After, e.IP, e.ActorUserID)
		}
		var nulls int
		if err := db.NewSelect().Table("audit_log").ColumnExpr("count(*)").Where("before IS NULL").Scan(ctx, &nulls); err != nil || nulls != 4 {
			t.Errorf("entries without a before state stored as SQL NULL: %d, want 4 (%v)", nulls, err)
		}
	})

	t.Run("ErrUnauthenticated", func(t *testing.T) {
		if _, err := svc.FindEntries(ctx, access.Anonymous("1.2.3.4"), audit.Filter{}); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		admin := access.Actor{UserID: 5, Roles: map[int64]access.Role{1: access.RoleAdmin}}
		if _, err := svc.FindEntries(ctx, admin, audit.Filter{OrganisationID: 1}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("an organisation's admin: %v", err)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		for _, tc := range []struct {
			f     audit.Filter
			field string
		}{
			{audit.Filter{Limit: 201}, "limit"},
			{audit.Filter{ObjectID: -1}, "object_id"},
			{audit.Filter{Cursor: "bm9wZQ"}, "cursor"},
			{audit.Filter{Cursor: "eyJrIjoibm90IGEgdGltZSIsImkiOjF9"}, "cursor"}, // {"k":"not a time","i":1}
		} {
			_, err := svc.FindEntries(ctx, city, tc.f)
			if fe := fault.Fields(err); len(fe) != 1 || fe[0].Field != tc.field {
				t.Errorf("%+v: %v, want a field error on %s", tc.f, err, tc.field)
			}
		}
	})
}

func TestRecordRefusal(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	svc := audit.NewService(db, validation.New(), func() time.Time { return t0 })
	ctx := context.Background()
	actor := access.Actor{IP: "192.0.2.9"}
	err := svc.RecordRefusal(ctx, actor, audit.Refusal{Method: "PUT", Route: "/api/v1/venues/:id", ObjectID: 12})
	if err != nil {
		t.Fatal(err)
	}
	page, err := svc.FindEntries(ctx, city, audit.Filter{Action: audit.ActionDenied})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("%v %v", page, err)
	}
	e := page.Items[0]
	if e.ObjectType != "/api/v1/venues/:id" || e.ObjectID == nil || *e.ObjectID != 12 || e.IP != "192.0.2.9" || !e.At.Equal(t0) ||
		string(e.After) != `{"route": "/api/v1/venues/:id", "method": "PUT"}` {
		t.Errorf("refusal entry: %+v, after %s", e, e.After)
	}
}

// TestRecordRefused: the refusal is recorded after the client has gone (a cancelled
// context), an :id that is not a positive integer names no object, no route is
// "(unmatched)", and a failure is logged, not returned.
func TestRecordRefused(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	svc := audit.NewService(db, validation.New(), func() time.Time { return t0 })
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	actor := access.Actor{IP: "192.0.2.9"}
	svc.RecordRefused(gone, log, actor, "POST", "/lokaler/:id/andra", "7")
	svc.RecordRefused(gone, log, actor, "GET", "", "x")
	page, err := svc.FindEntries(context.Background(), city, audit.Filter{Action: audit.ActionDenied})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("%v %v", page, err)
	}
	byRoute := map[string]audit.Entry{}
	for _, e := range page.Items {
		byRoute[e.ObjectType] = e
	}
	if e, ok := byRoute["/lokaler/:id/andra"]; !ok || e.ObjectID == nil || *e.ObjectID != 7 {
		t.Errorf("refusal of a route with an id: %+v", page.Items)
	}
	if e, ok := byRoute["(unmatched)"]; !ok || e.ObjectID != nil {
		t.Errorf("refusal without a route: %+v", page.Items)
	}
	if logged.Len() != 0 {
		t.Errorf("logged: %s", logged.String())
	}

	broken := dbtest.New(t)
	brokenSvc := audit.NewService(broken, validation.New(), time.Now)
	broken.Close()
	brokenSvc.RecordRefused(context.Background(), log, actor, "GET", "/x", "")
	if !strings.Contains(logged.String(), "record refusal failed") {
		t.Errorf("the failure was not logged: %q", logged.String())
	}
}
