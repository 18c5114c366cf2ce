package httpapi_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// race sends n requests for overlapping times at once, the i-th to room(i), and returns the
// statuses and how long each took.
func race(t *testing.T, w *world, n int, room func(i int) int64) (statuses []int, took []time.Duration) {
	t.Helper()
	start, _ := w.slot(1)
	statuses, took = make([]int, n), make([]time.Duration, n)
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		// Every range overlaps every other: they all contain [start+1h, start+2h).
		from := start.Add(time.Duration(i%60) * time.Minute)
		body := bookingBody(w.a.ID, room(i), from, from.Add(2*time.Hour), "")
		token := w.tokens[[]int{bookerA, adminA, city}[i%3]]
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			t0 := time.Now()
			r := w.doAs(token, "POST", "/api/v1/bookings", body)
			statuses[i], took[i] = r.status, time.Since(t0)
			if r.status == 409 && (r.problem() != "booking-conflict" || r.body["conflicts"] == nil) {
				t.Errorf("request %d: 409 without the conflict problem: %s", i, r.raw)
			}
		}()
	}
	ready.Wait()
	close(gate)
	done.Wait()
	return statuses, took
}

// checkRace asserts exactly one 201 and 409 for the rest, and that the database holds no
// overlap and no trace of the losers.
func checkRace(t *testing.T, w *world, statuses []int, took []time.Duration, rooms ...int64) {
	t.Helper()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[201] != 1 || count[409] != len(statuses)-1 {
		t.Errorf("statuses %v, want one 201 and %d × 409", count, len(statuses)-1)
	}
	if n := w.overlaps(); n != 0 {
		t.Errorf("%d overlapping pairs of holds or active bookings", n)
	}
	for _, room := range rooms {
		if n := w.count(`SELECT count(*) FROM bookings WHERE room_id = ?`, room); n > 1 {
			t.Errorf("room %d: %d bookings stored, want at most the winner's", room, n)
		}
	}
	var losers []time.Duration
	for i, s := range statuses {
		if s == 409 {
			losers = append(losers, took[i])
		}
	}
	slices.Sort(losers)
	if len(losers) > 0 {
		t.Logf("%d requests: 409 p50 %v, p99 %v, slowest %v", len(statuses), losers[len(losers)/2], losers[len(losers)*99/100], losers[len(losers)-1])
	}
}

// TestBookingRace is the proof that no two bookings ever hold a room at once, over HTTP: 64
// requests for overlapping times in one room at the same moment get exactly one 201 and 63
// 409s (never a 500), and the database holds no overlap.
func TestBookingRace(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	statuses, took := race(t, w, 64, func(int) int64 { return w.roomA.ID })
	checkRace(t, w, statuses, took, w.roomA.ID)
}

// TestBookingRaceParts races bookings of a whole room against bookings of one of its parts:
// the whole and the part share space, so again exactly one wins.
func TestBookingRaceParts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	whole, half1, half2 := w.roomIn(w.venueA.ID, "Sporthallen"), w.roomIn(w.venueA.ID, "Sporthallen A"), w.roomIn(w.venueA.ID, "Sporthallen B")
	if _, err := w.db.ExecContext(w.ctx(), `INSERT INTO room_parts (whole_id, part_id) VALUES (?, ?), (?, ?)`,
		whole.ID, half1.ID, whole.ID, half2.ID); err != nil {
		t.Fatal(err)
	}
	statuses, took := race(t, w, 64, func(i int) int64 {
		return []int64{whole.ID, half1.ID, half2.ID}[i%3]
	})
	// The halves do not overlap each other, so either the whole wins alone or each half can
	// win once.
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[201]+count[409] != len(statuses) || count[201] < 1 || count[201] > 2 {
		t.Errorf("statuses %v: want only 201 and 409, with one winner or one per half", count)
	}
	if count[201] == 2 && w.count(`SELECT count(*) FROM bookings WHERE room_id = ? AND status IN ('pending', 'confirmed')`, whole.ID) != 0 {
		t.Errorf("the whole and a half both booked")
	}
	if n := w.overlaps(); n != 0 {
		t.Errorf("%d overlapping pairs of holds", n)
	}
	if count[201] == 1 {
		checkRace(t, w, statuses, took)
	}
}

// TestBookingBadInput sends one bad booking per row and checks the problem, and that nothing
// was stored.
func TestBookingBadInput(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	start, end := w.slot(1)
	past := w.now().UTC().Truncate(time.Hour).Add(-24 * time.Hour)
	limited := w.roomIn(w.venueA.ID, "Rum med regler")
	w.setRules(limited.ID, booking.WhoAny, false)
	if _, err := w.db.ExecContext(w.ctx(), `UPDATE booking_rules SET max_duration = '3 hours', horizon = '3 months' WHERE room_id = ?`, limited.ID); err != nil {
		t.Fatal(err)
	}
	ownerOnly := w.roomIn(w.venueOf(w.b.ID, "B:s lokal").ID, "B:s rum")
	w.setRules(ownerOnly.ID, booking.WhoOwner, false)
	compact := w.roomIn(w.venueOf(w.b.ID, "B:s andra lokal").ID, "Överenskommelserummet")
	w.setRules(compact.ID, booking.WhoCompact, false)
	a, room := w.a.ID, w.roomA.ID
	for _, tc := range []struct {
		name    string
		token   int
		body    string
		status  int
		problem string
		field   string
		code    string
		rule    string
	}{
		{name: "end not after start", token: bookerA, body: bookingBody(a, room, start, start, ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeEndNotAfterStart},
		{name: "end before start", token: bookerA, body: bookingBody(a, room, end, start, ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeEndNotAfterStart},
		{name: "start in the past", token: bookerA, body: bookingBody(a, room, past, past.Add(time.Hour), ""), status: 422, problem: "validation", field: "starts_at", code: booking.CodeInPast},
		{name: "too long", token: bookerA, body: bookingBody(a, limited.ID, start, start.Add(4*time.Hour), ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeTooLong},
		{name: "too far ahead", token: bookerA, body: bookingBody(a, limited.ID, start.AddDate(0, 4, 0), end.AddDate(0, 4, 0), ""), status: 422, problem: "validation", field: "starts_at", code: booking.CodeTooFarAhead},
		{name: "to the end of time", token: bookerA, body: bookingBody(a, room, start, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeEndsTooFarAhead},
		{name: "one second", token: bookerA, body: bookingBody(a, room, start, start.Add(time.Second), ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeTooShort},
		{name: "longer than a day by default", token: bookerA, body: bookingBody(a, room, start, start.Add(25*time.Hour), ""), status: 422, problem: "validation", field: "ends_at", code: booking.CodeTooLong},
		{name: "attendees above capacity", token: bookerA, body: fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"T","attendees":11,"starts_at":%q,"ends_at":%q}`, room, a, start.Format(time.RFC3339), end.Format(time.RFC3339)), status: 422, problem: "validation", field: "attendees", code: booking.CodeAboveCapacity},
		{name: "unknown room", token: bookerA, body: bookingBody(a, 999999, start, end, ""), status: 422, problem: "validation", field: "room_id", code: "not_found"},
		{name: "unknown organisation", token: city, body: bookingBody(999999, room, start, end, ""), status: 422, problem: "validation", field: "organisation_id", code: "not_found"},
		{name: "room only for its owner", token: bookerA, body: bookingBody(a, ownerOnly.ID, start, end, ""), status: 403, problem: "booking-refused", rule: booking.RuleOwner},
		{name: "room only for signatories", token: adminA, body: bookingBody(a, compact.ID, start, end, ""), status: 403, problem: "booking-refused", rule: booking.RuleCompact},
		{name: "organisation the actor is not in", token: adminB, body: bookingBody(a, room, start, end, ""), status: 403, problem: "forbidden"},
		{name: "anonymous", token: anon, body: bookingBody(a, room, start, end, ""), status: 401, problem: "unauthenticated"},
		{name: "malformed JSON", token: bookerA, body: `{"room_id":1,`, status: 400, problem: "malformed"},
		{name: "not an object", token: bookerA, body: `[1,2]`, status: 422, problem: "validation"},
		{name: "unreadable start", token: bookerA, body: fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"T","attendees":1,"starts_at":"i morgon","ends_at":%q}`, room, a, end.Format(time.RFC3339)), status: 422, problem: "validation", field: "starts_at", code: "malformed"},
		{name: "no times", token: bookerA, body: fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"T","attendees":1}`, room, a), status: 422, problem: "validation", field: "starts_at", code: "required"},
		{name: "recurrence unreadable", token: bookerA, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"every tuesday"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRuleInvalid},
		{name: "recurrence without end", token: bookerA, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRuleUnbounded},
		{name: "recurrence too long", token: bookerA, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=201"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRuleUnbounded},
		{name: "recurrence interval 0", token: bookerA, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY;INTERVAL=0;COUNT=3"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRuleInterval},
		{name: "recurrence by hour", token: bookerA, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY;BYHOUR=1,2,3;COUNT=3"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRulePart},
		{name: "recurrence past the horizon", token: bookerA, body: bookingBody(a, limited.ID, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=20"}`), status: 422, problem: "validation", field: "recurrence.rrule", code: booking.CodeRRuleHorizon},
		{name: "recurrence for another organisation", token: adminB, body: bookingBody(a, room, start, end, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=2"}`), status: 403, problem: "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := w.doAs(w.tokens[tc.token], "POST", "/api/v1/bookings", tc.body, "Accept-Language", "en")
			if r.status != tc.status || r.problem() != tc.problem {
				t.Fatalf("status %d %q, want %d %q\n%s", r.status, r.problem(), tc.status, tc.problem, r.raw)
			}
			if tc.field != "" && (tc.code == "" && r.fields()[tc.field] == "" || tc.code != "" && r.fields()[tc.field] != tc.code) {
				t.Errorf("errors %v, want %s on %s\n%s", r.fields(), tc.code, tc.field, r.raw)
			}
			if tc.rule != "" {
				if r.body["rule"] != tc.rule {
					t.Errorf("rule %v, want %s\n%s", r.body["rule"], tc.rule, r.raw)
				}
				if d, _ := r.body["detail"].(string); d == "" || d == "problem.booking_refused.detail" {
					t.Errorf("no detail naming the rule: %s", r.raw)
				}
			}
		})
	}
	if n := w.count(`SELECT count(*) FROM bookings`) + w.count(`SELECT count(*) FROM booking_holds`); n != 0 {
		t.Errorf("%d bookings or holds stored by refused requests", n)
	}
	if n := w.count(`SELECT count(*) FROM audit_log WHERE action LIKE 'booking.%'`); n != 0 {
		t.Errorf("%d booking changes audited for refused requests", n)
	}
}

// TestBookingVisibility checks what each actor sees of a private and a public booking of A's,
// in a room of B's, one by one and in the list.
func TestBookingVisibility(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	roomB := w.roomIn(w.venueOf(w.b.ID, "B:s lokal").ID, "B:s sal")
	s1, e1 := w.slot(1)
	s2, e2 := w.slot(2)
	private, public := w.book(w.a.ID, roomB.ID, s1, e1, false), w.book(w.a.ID, roomB.ID, s2, e2, true)
	outsider := w.token(w.outsider())
	// The booking organisation's members, the room owner's admin and the city see it all;
	// others see a public booking's title, a private one only as busy.
	for _, tc := range []struct {
		name  string
		token string
		full  bool
	}{
		{"anonymous", anonymous, false},
		{"outsider", outsider, false},
		{"booker of A", w.tokens[bookerA], true},
		{"admin of A", w.tokens[adminA], true},
		{"admin of B, the room's owner", w.tokens[adminB], true},
		{"city administrator", w.tokens[city], true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := w.doAs(tc.token, "GET", fmt.Sprintf("/api/v1/bookings/%d", private.ID), "")
			if p.status != 200 {
				t.Fatalf("status %d: %s", p.status, p.raw)
			}
			if got := p.body["title"] != nil && p.body["purpose"] != nil && p.body["attendees"] != nil && p.body["organisation_id"] != nil; got != tc.full || p.body["details_hidden"] == tc.full {
				t.Errorf("private booking: details shown %v, want %v\n%s", got, tc.full, p.raw)
			}
			q := w.doAs(tc.token, "GET", fmt.Sprintf("/api/v1/bookings/%d", public.ID), "")
			if q.body["title"] != "Styrelsemöte" || q.body["details_hidden"] != false || (q.body["purpose"] != nil) != tc.full {
				t.Errorf("public booking: want the title, and the purpose only to those who see all\n%s", q.raw)
			}
			byOrg := w.doAs(tc.token, "GET", fmt.Sprintf("/api/v1/bookings?organisation_id=%d", w.a.ID), "")
			if n := len(byOrg.items()); tc.full && n != 2 || !tc.full && (n != 1 || byOrg.items()[0]["id"] != float64(public.ID)) {
				t.Errorf("list by organisation: want the private booking only to those who see all\n%s", byOrg.raw)
			}
			l := w.doAs(tc.token, "GET", fmt.Sprintf("/api/v1/bookings?room_id=%d", roomB.ID), "")
			items := l.items()
			if len(items) != 2 || (items[0]["title"] != nil) != tc.full || items[1]["title"] != "Styrelsemöte" {
				t.Errorf("list: want the private booking's title only to those who see all\n%s", l.raw)
			}
		})
	}
}

// TestOrganisationFilterHidesPrivate is the regression test of issue 12's leak: an
// outsider listing an organisation's bookings got an empty page whose cursor was the hidden
// private booking's id and start. Filtered by organisation, an outsider finds only its
// public bookings, and no cursor comes from a row they may not see.
func TestOrganisationFilterHidesPrivate(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	roomB := w.roomIn(w.venueOf(w.b.ID, "B:s lokal").ID, "B:s sal")
	s1, e1 := w.slot(1)
	s2, e2 := w.slot(2)
	s3, e3 := w.slot(3)
	w.book(w.a.ID, roomB.ID, s1, e1, false)
	public := w.book(w.a.ID, roomB.ID, s2, e2, true)
	w.book(w.a.ID, roomB.ID, s3, e3, false)
	path := fmt.Sprintf("/api/v1/bookings?organisation_id=%d&limit=1", w.a.ID)
	for _, tok := range []string{anonymous, w.token(w.outsider())} {
		first := w.doAs(tok, "GET", path, "")
		items := first.items()
		if first.status != 200 || len(items) != 1 || items[0]["id"] != float64(public.ID) {
			t.Fatalf("first page: want only the public booking %d\n%s", public.ID, first.raw)
		}
		if cur, _ := first.body["next_cursor"].(string); cur != "" {
			t.Errorf("a cursor after the only visible booking: %q (rows hidden from the caller lead on)\n%s", cur, first.raw)
		}
	}
	// Those who see all get all three, one by one.
	seen := 0
	for cur := ""; ; seen++ {
		r := w.doAs(w.tokens[bookerA], "GET", path+"&cursor="+cur, "")
		if len(r.items()) != 1 {
			t.Fatalf("page %d: want one booking\n%s", seen, r.raw)
		}
		if cur, _ = r.body["next_cursor"].(string); cur == "" {
			break
		}
	}
	if seen != 2 {
		t.Errorf("booker of A paged through %d bookings, want 3", seen+1)
	}
}

// TestBookingSeriesAcrossDST books a weekly series over each daylight-saving change through
// the API: 18:00 in Stockholm stays 18:00, so the instant moves by an hour.
func TestBookingSeriesAcrossDST(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	// The clock is moved so that both changes of 2027 are within the year ahead.
	w.clock.advance(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC).Sub(w.now()))
	for _, tc := range []struct {
		name        string
		first, last string
		want        []string
	}{
		{"spring", "2027-03-16T18:00:00+01:00", "2027-03-16T20:30:00+01:00",
			[]string{"2027-03-16T17:00:00Z", "2027-03-23T17:00:00Z", "2027-03-30T16:00:00Z"}},
		{"autumn", "2027-10-19T18:00:00+02:00", "2027-10-19T20:30:00+02:00",
			[]string{"2027-10-19T16:00:00Z", "2027-10-26T16:00:00Z", "2027-11-02T17:00:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Schack","attendees":8,"starts_at":%q,"ends_at":%q,"recurrence":{"rrule":"FREQ=WEEKLY;BYDAY=TU;COUNT=3"}}`,
				w.roomA.ID, w.a.ID, tc.first, tc.last)
			r := w.doAs(w.tokens[bookerA], "POST", "/api/v1/bookings", body)
			if r.status != 201 {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			items, _ := r.body["items"].([]any)
			if len(items) != len(tc.want) {
				t.Fatalf("%d occurrences, want %d: %s", len(items), len(tc.want), r.raw)
			}
			for i, it := range items {
				b := it.(map[string]any)
				start, _ := time.Parse(time.RFC3339, b["starts_at"].(string))
				end, _ := time.Parse(time.RFC3339, b["ends_at"].(string))
				if b["starts_at"] != tc.want[i] || end.Sub(start) != 150*time.Minute {
					t.Errorf("occurrence %d: %v–%v, want %s for 2h30", i, b["starts_at"], b["ends_at"], tc.want[i])
				}
			}
		})
	}
}
