package booking_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// queryCounter counts the queries a database runs.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	q.n.Add(1)
	return ctx
}

func (q *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// rule returns the rule a refusal names, or "" for none.
func rule(re *booking.RuleError) string {
	if re == nil {
		return ""
	}
	return re.Rule
}

func TestMayBookRooms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	signed := f.org(t, "association", "Undertecknarna")
	partner := f.org(t, "association", "Partnern")
	f.exec(t, signCompact, signed.ID)

	compact := f.newRoom(t, "Kompaktrummet", 10)
	f.rules(t, compact.ID, "who_may_book = 'compact'")
	partners := f.newRoom(t, "Partnerrummet", 10)
	f.rules(t, partners.ID, "who_may_book = 'partners'")
	f.share(t, f.sharing("Partnerrummet delas", partner.ID, partners.ID))
	owners := f.newRoom(t, "Ägarens rum", 10)
	f.rules(t, owners.ID, "who_may_book = 'owner'")
	closed := f.newRoom(t, "Förrådet", 10)
	f.exec(t, `UPDATE rooms SET bookable = false WHERE id = ?`, closed.ID)
	archived := f.newRoom(t, "Det gamla rummet", 10)
	f.exec(t, `UPDATE rooms SET archived_at = now() WHERE id = ?`, archived.ID)
	rooms := []int64{f.room.ID, compact.ID, partners.ID, owners.ID, closed.ID, archived.ID, 999999}

	for _, tc := range []struct {
		name string
		orgs []int64
		want map[int64]string // room → rule refusing, "" for bookable
	}{
		{"OKClub", []int64{f.club.ID}, map[int64]string{f.room.ID: "", compact.ID: booking.RuleCompact,
			partners.ID: booking.RulePartners, owners.ID: booking.RuleOwner, closed.ID: booking.RuleNotBookable, archived.ID: booking.RuleNotBookable}},
		{"OKOneOfSeveral", []int64{f.club.ID, signed.ID, partner.ID}, map[int64]string{f.room.ID: "", compact.ID: "",
			partners.ID: "", owners.ID: booking.RuleOwner, closed.ID: booking.RuleNotBookable, archived.ID: booking.RuleNotBookable}},
		{"OKOwner", []int64{f.owner.ID}, map[int64]string{f.room.ID: "", compact.ID: "",
			partners.ID: "", owners.ID: "", closed.ID: "", archived.ID: booking.RuleNotBookable}},
		{"NoOrganisations", nil, map[int64]string{f.room.ID: booking.RuleNotBookable, compact.ID: booking.RuleNotBookable,
			partners.ID: booking.RuleNotBookable, owners.ID: booking.RuleNotBookable, closed.ID: booking.RuleNotBookable, archived.ID: booking.RuleNotBookable}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.bookings.MayBookRooms(ctx, tc.orgs, rooms)
			if err != nil {
				t.Fatal(err)
			}
			gotRules := map[int64]string{}
			for id, re := range got {
				gotRules[id] = rule(re)
			}
			if diff := cmp.Diff(tc.want, gotRules); diff != "" {
				t.Errorf("refusals (-want +got):\n%s", diff)
			}
		})
	}
	// The answer agrees with booking: the rooms it says refuse the club refuse its booking
	// with the same rule.
	t.Run("AgreesWithBooking", func(t *testing.T) {
		booker := f.member(t, f.club.ID, access.RoleBooker)
		for _, r := range []*venue.Room{compact, partners, owners, closed} {
			_, err := f.bookings.CreateBooking(ctx, booker, f.input(r.ID, at(2026, 9, 8, 10, 0), at(2026, 9, 8, 11, 0)))
			var re *booking.RuleError
			if !errors.As(err, &re) || re.Rule == "" {
				t.Errorf("%s: booking gave %v, want a refusal", r.Name, err)
			}
		}
	})
}

// TestMayBookRoomsQueries checks that the answer takes the same number of queries for two
// rooms as for forty, whatever their rules.
func TestMayBookRoomsQueries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	var ids []int64
	for i := range 40 {
		r := f.newRoom(t, fmt.Sprintf("Rum %02d", i), 10)
		f.rules(t, r.ID, []string{"who_may_book = 'compact'", "who_may_book = 'partners'", "who_may_book = 'any'", "who_may_book = 'owner'"}[i%4])
		ids = append(ids, r.ID)
	}
	orgs := []int64{f.club.ID, f.org(t, "association", "Andra").ID}
	count := func(rooms []int64) int64 {
		qc := &queryCounter{}
		counted := booking.NewService(f.db.WithQueryHook(qc), validation.New(), func() time.Time { return now }, stockholm)
		if _, err := counted.MayBookRooms(ctx, orgs, rooms); err != nil {
			t.Fatal(err)
		}
		return qc.n.Load()
	}
	few, many := count(ids[:2]), count(ids)
	if few == 0 || few != many || many > 3 {
		t.Errorf("%d queries for 2 rooms, %d for 40; want the same, from 1 to 3", few, many)
	}
}

func TestFindFreeRoomsPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	want := []string{f.room.Name}
	for i := range 23 {
		r := f.newRoom(t, fmt.Sprintf("Rum %02d", i), 20)
		// Every third room is taken: pages must still fill up from the rooms after them.
		if i%3 == 0 {
			f.mustBook(t, booker, f.input(r.ID, at(2026, 9, 8, 10, 0), at(2026, 9, 8, 11, 0)))
			continue
		}
		want = append(want, r.Name)
	}
	q := booking.FreeRoomsQuery{From: at(2026, 9, 8, 10, 0), To: at(2026, 9, 8, 12, 0), Filter: venue.Filter{Limit: 4}}
	var got []string
	pages := 0
	for {
		res, err := f.bookings.FindFreeRooms(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(res.Rooms) > 4 || (res.Next != nil && len(res.Rooms) != 4) {
			t.Fatalf("page %d holds %d rooms, next %v", pages, len(res.Rooms), res.Next)
		}
		got = append(got, roomNames(res.Rooms)...)
		if res.Next == nil {
			break
		}
		q.Filter.Cursor = res.Next.Encode()
	}
	// Sorted by name as FindRooms sorts (Swedish collation): "Rum 00" … then "Samlingssalen".
	if diff := cmp.Diff(append(want[1:], want[0]), got); diff != "" {
		t.Errorf("rooms over %d pages (-want +got):\n%s", pages, diff)
	}
	if wantPages := (len(want) + 3) / 4; pages != wantPages {
		t.Errorf("%d pages, want %d", pages, wantPages)
	}
	t.Run("ErrCursor", func(t *testing.T) {
		q.Filter.Cursor = "bm9wZQ"
		_, err := f.bookings.FindFreeRooms(ctx, q)
		if fieldCodes(err)["cursor"] != "malformed" {
			t.Errorf("foreign cursor: %v", err)
		}
	})
	t.Run("ExactlyFull", func(t *testing.T) {
		q := booking.FreeRoomsQuery{From: at(2026, 9, 8, 10, 0), To: at(2026, 9, 8, 12, 0), Filter: venue.Filter{Limit: len(want)}}
		res, err := f.bookings.FindFreeRooms(ctx, q)
		if err != nil || len(res.Rooms) != len(want) || res.Next != nil {
			t.Errorf("a page exactly as long as the list: %d rooms, next %v, %v", len(res.Rooms), res.Next, err)
		}
	})
}
