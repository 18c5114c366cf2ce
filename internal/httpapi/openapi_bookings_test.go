package httpapi_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

func exerciseBookings(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("association", "Bygdegårdsföreningen")
	booker := e.org("association", "Schackklubben")
	v := e.venueOf(owner.ID, "Bygdegården")
	open, approval, ownersOnly := e.roomIn(v.ID, "Stora salen"), e.roomIn(v.ID, "Lilla salen"), e.roomIn(v.ID, "Styrelserummet")
	e.setRules(approval.ID, booking.WhoAny, true)
	e.setRules(ownersOnly.ID, booking.WhoOwner, false)
	body := func(room int64, n int64, extra string) string {
		start, end := e.slot(n)
		return bookingBody(booker.ID, room, start, end, extra)
	}

	// Create: confirmed, pending, refused, clashing.
	made := c.do(call{name: "book", method: "POST", path: "/bookings", body: body(open.ID, 1, ""), status: 201})
	confirmed := made.id(t)
	if got, want := made.header.Get("Location"), fmt.Sprintf("%s/bookings/%d", apiBase, confirmed); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if made.body["status"] != "confirmed" || made.body["title"] != "Årsmöte" || made.body["details_hidden"] != false {
		t.Errorf("book: want a confirmed booking with its details:\n%s", made.raw)
	}
	req := c.do(call{name: "book, needs approval", method: "POST", path: "/bookings", body: body(approval.ID, 2, ""), status: 202})
	if req.body["status"] != "pending" || req.header.Get("Location") == "" {
		t.Errorf("book, needs approval: want pending with a Location:\n%s", req.raw)
	}
	pending := req.id(t)
	refused := c.do(call{name: "book, rule refuses", method: "POST", path: "/bookings", body: body(ownersOnly.ID, 3, ""), status: 403, problem: "booking-refused"})
	if refused.body["rule"] != booking.RuleOwner || !strings.Contains(fmt.Sprint(refused.body["detail"]), "ägaren") {
		t.Errorf("book, rule refuses: want rule %q and a detail naming it:\n%s", booking.RuleOwner, refused.raw)
	}
	c.refuse(call{name: "book", method: "POST", path: "/bookings", body: body(open.ID, 4, "")})
	// The same organisation an hour into its own booking: the clash is its own.
	start, end := e.slot(1)
	clash := c.do(call{name: "book, clash", method: "POST", path: "/bookings", status: 409, problem: "booking-conflict",
		body: bookingBody(booker.ID, open.ID, start.Add(time.Hour), end.Add(time.Hour), "")})
	conflicts, _ := clash.body["conflicts"].([]any)
	if len(conflicts) != 1 {
		t.Fatalf("book, clash: want one conflict:\n%s", clash.raw)
	}
	if cf := conflicts[0].(map[string]any); cf["own"] != true || cf["starts_at"] != start.UTC().Format(time.RFC3339) || cf["booking_id"] != float64(confirmed) {
		t.Errorf("book, clash: want own booking %d from %s:\n%s", confirmed, start.UTC().Format(time.RFC3339), clash.raw)
	}
	// Another organisation: the clash is not its own, and not named.
	theirs := c.do(call{name: "book, another's clash", method: "POST", path: "/bookings", status: 409, problem: "booking-conflict",
		body: bookingBody(owner.ID, open.ID, start.Add(-time.Hour), start.Add(time.Hour), "")})
	if cf, _ := theirs.body["conflicts"].([]any); len(cf) != 1 || cf[0].(map[string]any)["own"] != false || cf[0].(map[string]any)["booking_id"] != nil {
		t.Errorf("book, another's clash: want one conflict, not own, without id:\n%s", theirs.raw)
	}
	past := e.now().Add(-48 * time.Hour).UTC().Truncate(time.Hour)
	for _, k := range []call{
		{name: "booking malformed", body: `{"room_id":`, docRejects: true, status: 400, problem: "malformed"},
		{name: "booking not JSON", contentType: "text/plain", body: body(open.ID, 5, ""), docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "booking too large", body: padded(maxBody, body(open.ID, 5, "")), status: 413, problem: "too-large"},
		{name: "booking unknown field", body: body(open.ID, 5, `,"colour":"red"`), docRejects: true, status: 422, problem: "validation", field: "colour"},
		{name: "booking unreadable time", body: strings.Replace(body(open.ID, 5, ""), `"starts_at":"`, `"starts_at":"i morgon `, 1), docRejects: true, status: 422, problem: "validation", field: "starts_at"},
		{name: "booking without title", body: strings.Replace(body(open.ID, 5, ""), `"title":"Årsmöte",`, "", 1), docRejects: true, status: 422, problem: "validation", field: "title"},
		{name: "booking end not after start", body: bookingBody(booker.ID, open.ID, start, start, ""), status: 422, problem: "validation", field: "ends_at"},
		{name: "booking in the past", body: bookingBody(booker.ID, open.ID, past, past.Add(time.Hour), ""), status: 422, problem: "validation", field: "starts_at"},
		{name: "booking above capacity", body: strings.Replace(body(open.ID, 5, ""), `"attendees":5`, `"attendees":11`, 1), status: 422, problem: "validation", field: "attendees"},
		{name: "booking unknown room", body: body(999999, 5, ""), status: 422, problem: "validation", field: "room_id"},
		{name: "booking unknown organisation", body: strings.Replace(body(open.ID, 5, ""), fmt.Sprintf(`"organisation_id":%d`, booker.ID), `"organisation_id":999999`, 1), status: 422, problem: "validation", field: "organisation_id"},
	} {
		k.method, k.path = "POST", "/bookings"
		c.do(k)
	}

	// Recurring, in a room of its own: the weekday of slot 40, three times.
	weeklyRoom := e.roomIn(v.ID, "Samlingsrummet")
	weekly := `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=3"}`
	series := c.do(call{name: "book weekly", method: "POST", path: "/bookings", body: body(weeklyRoom.ID, 40, weekly), status: 201})
	if items, _ := series.body["items"].([]any); len(items) != 3 || series.body["series_id"] == nil {
		t.Errorf("book weekly: want a series of three:\n%s", series.raw)
	} else {
		first := items[0].(map[string]any)
		got := c.do(call{name: "get an occurrence", method: "GET", path: fmt.Sprintf("/bookings/%d", int64(first["id"].(float64))), status: 200})
		if r, _ := got.body["recurrence"].(map[string]any); r["rrule"] != "FREQ=WEEKLY;COUNT=3" || got.body["series_id"] != series.body["series_id"] {
			t.Errorf("get an occurrence: want its series and rule:\n%s", got.raw)
		}
	}
	c.do(call{name: "book weekly, needs approval", method: "POST", path: "/bookings", body: body(approval.ID, 41, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=2"}`), status: 202})
	again := c.do(call{name: "book weekly, taken", method: "POST", path: "/bookings", body: body(weeklyRoom.ID, 40, weekly), status: 409, problem: "series-refused"})
	if occ, _ := again.body["occurrences"].([]any); len(occ) != 3 || occ[0].(map[string]any)["problem"] != "booking-conflict" {
		t.Errorf("book weekly, taken: want three refused occurrences:\n%s", again.raw)
	}
	s98, e98 := e.slot(98) // a week after slot 42
	e.book(owner.ID, weeklyRoom.ID, s98, e98, false)
	skip := c.do(call{name: "book weekly, skipping", method: "POST", path: "/bookings", body: body(weeklyRoom.ID, 42, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=2","skip_unavailable":true}`), status: 201})
	if items, _ := skip.body["items"].([]any); len(items) != 1 {
		t.Errorf("book weekly, skipping: want one booked:\n%s", skip.raw)
	}
	if sk, _ := skip.body["skipped"].([]any); len(sk) != 1 || sk[0].(map[string]any)["occurrence"] != float64(1) {
		t.Errorf("book weekly, skipping: want the second skipped:\n%s", skip.raw)
	}
	c.do(call{name: "book weekly, no end", method: "POST", path: "/bookings", body: body(weeklyRoom.ID, 43, `,"recurrence":{"rrule":"FREQ=WEEKLY"}`), status: 422, problem: "validation", field: "recurrence.rrule"})

	// Read: a public booking and a private one, as their organisation and as others.
	pub := e.book(booker.ID, open.ID, e.mustSlot(6), e.mustSlot(6).Add(time.Hour), true)
	one := fmt.Sprintf("/bookings/%d", confirmed)
	if got := c.do(call{name: "get booking", method: "GET", path: one, status: 200}); got.body["purpose"] != "Föreningens årsmöte" || got.body["attendees"] != float64(5) {
		t.Errorf("get booking as a city administrator: want every detail:\n%s", got.raw)
	}
	for _, as := range []string{anonymous, c.outsider} {
		got := c.do(call{name: "get private booking as another", method: "GET", path: one, as: as, status: 200})
		if got.body["details_hidden"] != true || got.body["title"] != nil || got.body["organisation_id"] != nil || got.body["purpose"] != nil || got.body["attendees"] != nil {
			t.Errorf("a private booking shown to another: want only busy time:\n%s", got.raw)
		}
		got = c.do(call{name: "get public booking as another", method: "GET", path: fmt.Sprintf("/bookings/%d", pub.ID), as: as, status: 200})
		if got.body["details_hidden"] != false || got.body["title"] != "Styrelsemöte" || got.body["organisation_id"] != float64(booker.ID) || got.body["purpose"] != nil {
			t.Errorf("a public booking shown to another: want its organisation and title, not its purpose:\n%s", got.raw)
		}
	}
	c.do(call{name: "get unknown booking", method: "GET", path: "/bookings/999999", status: 404, problem: "booking-not-found"})
	c.do(call{name: "get booking, non-numeric id", method: "GET", path: "/bookings/abc", docRejects: true, status: 404, problem: "booking-not-found"})

	// Lists.
	all := c.do(call{name: "bookings of the room", method: "GET", path: fmt.Sprintf("/bookings?room_id=%d", open.ID), status: 200})
	if len(all.items()) != 2 || !all.hasItem(confirmed) || !all.hasItem(pub.ID) {
		t.Errorf("bookings of the room: want %d and %d:\n%s", confirmed, pub.ID, all.raw)
	}
	page := c.do(call{name: "bookings, first page", method: "GET", path: "/bookings?limit=1", status: 200})
	c.do(call{name: "bookings, second page", method: "GET", path: "/bookings?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	s2, e2 := e.slot(2)
	window := fmt.Sprintf("/bookings?organisation_id=%d&status=pending&status=confirmed&status=cancelled&from=%s&to=%s",
		booker.ID, url.QueryEscape(s2.Format(time.RFC3339)), url.QueryEscape(e2.Format(time.RFC3339)))
	if got := c.do(call{name: "bookings in a window", method: "GET", path: window, status: 200}); len(got.items()) != 1 || !got.hasItem(pending) {
		t.Errorf("bookings in a window: want just %d:\n%s", pending, got.raw)
	}
	if got := c.do(call{name: "bookings anonymously", method: "GET", path: fmt.Sprintf("/bookings?room_id=%d", open.ID), as: anonymous, status: 200}); len(got.items()) != 2 {
		t.Errorf("bookings anonymously: want both bookings, one as busy time:\n%s", got.raw)
	} else if got.items()[0]["title"] != nil {
		t.Errorf("bookings anonymously: the private booking shows its title:\n%s", got.raw)
	}
	for _, k := range []call{
		{name: "bookings, unknown status", path: "/bookings?status=maybe", docRejects: true, status: 422, problem: "validation", field: "status[0]"},
		{name: "bookings, limit too large", path: "/bookings?limit=500", docRejects: true, status: 422, problem: "validation", field: "limit"},
		{name: "bookings, unreadable from", path: "/bookings?from=igår", docRejects: true, status: 422, problem: "validation", field: "from"},
		{name: "bookings, to before from", path: "/bookings?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", status: 422, problem: "validation", field: "to"},
		{name: "bookings, foreign cursor", path: "/bookings?cursor=bm9wZQ", status: 422, problem: "validation", field: "cursor"},
	} {
		k.method = "GET"
		c.do(k)
	}

	// Decide and cancel.
	pending2 := c.do(call{name: "book, another request", method: "POST", path: "/bookings", body: body(approval.ID, 7, ""), status: 202}).id(t)
	approved := c.do(call{name: "approve", method: "POST", path: fmt.Sprintf("/bookings/%d/approve", pending), body: `{"note":"Välkomna!"}`, status: 200})
	if approved.body["status"] != "confirmed" || approved.body["status_reason"] != "Välkomna!" || approved.body["revision"] != float64(2) {
		t.Errorf("approve: want confirmed with the note, revision 2:\n%s", approved.raw)
	}
	c.do(call{name: "approve again", method: "POST", path: fmt.Sprintf("/bookings/%d/approve", pending), status: 409, problem: "booking-not-pending"})
	if got := c.do(call{name: "reject, no body", method: "POST", path: fmt.Sprintf("/bookings/%d/reject", pending2), status: 200}); got.body["status"] != "rejected" {
		t.Errorf("reject: want rejected:\n%s", got.raw)
	}
	c.do(call{name: "reject again", method: "POST", path: fmt.Sprintf("/bookings/%d/reject", pending2), body: `{"note":"Nej"}`, status: 409, problem: "booking-not-pending"})
	if got := c.do(call{name: "cancel", method: "POST", path: fmt.Sprintf("/bookings/%d/cancel", confirmed), body: `{"reason":"Inställt"}`, status: 200}); got.body["status"] != "cancelled" || got.body["status_reason"] != "Inställt" {
		t.Errorf("cancel: want cancelled with the reason:\n%s", got.raw)
	}
	c.do(call{name: "cancel again", method: "POST", path: fmt.Sprintf("/bookings/%d/cancel", confirmed), status: 409, problem: "booking-not-active"})
	// The cancelled time is free again.
	c.do(call{name: "book the freed time", method: "POST", path: "/bookings", body: body(open.ID, 1, ""), status: 201})

	for _, op := range []struct{ action, member string }{{"approve", "note"}, {"reject", "note"}, {"cancel", "reason"}} {
		other := "reason"
		if op.member == "reason" {
			other = "note"
		}
		target := fmt.Sprintf("/bookings/%d/%s", pub.ID, op.action)
		if op.action != "cancel" {
			target = fmt.Sprintf("/bookings/%d/%s", c.do(call{name: "book for " + op.action, method: "POST", path: "/bookings", body: body(approval.ID, 8+int64(len(op.action)), ""), status: 202}).id(t), op.action)
		}
		c.refuse(call{name: op.action, method: "POST", path: target, body: `{"` + op.member + `":"x"}`})
		for _, k := range []call{
			{name: op.action + " unknown", path: "/bookings/999999/" + op.action, status: 404, problem: "booking-not-found"},
			{name: op.action + " malformed", body: `{"` + op.member + `":`, docRejects: true, status: 400, problem: "malformed"},
			{name: op.action + " not JSON", contentType: "text/plain", body: `{"` + op.member + `":"x"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
			{name: op.action + " too large", body: padded(maxBody, `{"`+op.member+`":"x"}`), status: 413, problem: "too-large"},
			{name: op.action + " text too long", body: `{"` + op.member + `":"` + strings.Repeat("å", 2001) + `"}`, docRejects: true, status: 422, problem: "validation", field: op.member},
			{name: op.action + " wrong member", body: `{"` + other + `":"x"}`, docRejects: true, status: 422, problem: "validation", field: other},
		} {
			k.method = "POST"
			if k.path == "" {
				k.path = target
			}
			c.do(k)
		}
	}
}

// mustSlot is the start of slot n.
func (e *env) mustSlot(n int64) time.Time {
	s, _ := e.slot(n)
	return s
}

func exerciseAvailability(t *testing.T, e *env, c *oaClient) {
	owner := e.org("association", "Idrottsföreningen")
	room := e.roomIn(e.venueOf(owner.ID, "Idrottshallen").ID, "Hallen")
	s1, e1 := e.slot(1)
	s2, e2 := e.slot(2)
	private, public := e.book(owner.ID, room.ID, s1, e1, false), e.book(owner.ID, room.ID, s2, e2, true)
	from := s1.Add(-24 * time.Hour)
	window := func(from, to time.Time) string {
		return fmt.Sprintf("/rooms/%d/availability?from=%s&to=%s", room.ID, url.QueryEscape(from.Format(time.RFC3339)), url.QueryEscape(to.Format(time.RFC3339)))
	}
	got := c.do(call{name: "availability", method: "GET", path: window(from, from.Add(7*24*time.Hour)), as: anonymous, status: 200})
	busy, _ := got.body["busy"].([]any)
	if len(busy) != 2 {
		t.Fatalf("availability: want two busy slots:\n%s", got.raw)
	}
	if b := busy[0].(map[string]any); b["booking_id"] != nil || b["title"] != nil || b["public"] != false {
		t.Errorf("availability: the private booking %d shows who or what:\n%s", private.ID, got.raw)
	}
	if b := busy[1].(map[string]any); b["booking_id"] != float64(public.ID) || b["title"] != "Styrelsemöte" {
		t.Errorf("availability: the public booking %d shows no title:\n%s", public.ID, got.raw)
	}
	if free, _ := got.body["free"].([]any); len(free) != 3 {
		t.Errorf("availability: want the free time around the two bookings:\n%s", got.raw)
	}
	c.do(call{name: "availability of unknown room", method: "GET", path: "/rooms/999999/availability?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z", status: 404, problem: "room-not-found"})
	for _, k := range []call{
		{name: "availability without from", path: fmt.Sprintf("/rooms/%d/availability?to=2030-01-02T00:00:00Z", room.ID), docRejects: true, status: 422, problem: "validation", field: "from"},
		{name: "availability, unreadable to", path: fmt.Sprintf("/rooms/%d/availability?from=2030-01-01T00:00:00Z&to=snart", room.ID), docRejects: true, status: 422, problem: "validation", field: "to"},
		{name: "availability, to before from", path: window(from, from.Add(-time.Hour)), status: 422, problem: "validation", field: "to"},
		{name: "availability, window too long", path: window(from, from.Add(90*24*time.Hour)), status: 422, problem: "validation", field: "to"},
	} {
		k.method = "GET"
		c.do(k)
	}
}

func exerciseFreeRooms(t *testing.T, e *env, c *oaClient) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	owner := e.org("association", "Scoutkåren")
	v := e.venueOf(owner.ID, "Scoutstugan")
	free, taken := e.roomIn(v.ID, "Samlingssalen"), e.roomIn(v.ID, "Ledarrummet")
	// The Tuesdays of four weeks, from next week; one of them taken in one room.
	first := e.now().In(stockholm).AddDate(0, 0, 7)
	for first.Weekday() != time.Tuesday {
		first = first.AddDate(0, 0, 1)
	}
	last := first.AddDate(0, 0, 21)
	third := time.Date(first.Year(), first.Month(), first.Day()+14, 18, 0, 0, 0, stockholm)
	e.book(owner.ID, taken.ID, third.Add(150*time.Minute), third.Add(210*time.Minute), false)
	tuesdays := fmt.Sprintf("/availability?weekday=2&start_time=18:00&end_time=20:30&first_day=%s&last_day=%s&owner_id=%d",
		first.Format(time.DateOnly), last.Format(time.DateOnly), owner.ID)
	got := c.do(call{name: "free every Tuesday", method: "GET", path: tuesdays, as: anonymous, status: 200})
	if occ, _ := got.body["occurrences"].([]any); len(occ) != 4 {
		t.Errorf("free every Tuesday: want four occurrences:\n%s", got.raw)
	} else if s := occ[0].(map[string]any)["starts_at"].(string); !strings.HasSuffix(s, "T17:00:00Z") && !strings.HasSuffix(s, "T16:00:00Z") {
		t.Errorf("free every Tuesday: first occurrence %s is not 18:00 in Stockholm", s)
	}
	if !got.hasItem(free.ID) || !got.hasItem(taken.ID) || len(got.items()) != 2 {
		t.Errorf("free every Tuesday: want both rooms (the booking is after 20:30):\n%s", got.raw)
	}
	// Now one that clashes: 19:00–20:00 on the third Tuesday.
	e.book(owner.ID, taken.ID, third.Add(time.Hour), third.Add(2*time.Hour), false)
	if got := c.do(call{name: "free every Tuesday, one taken", method: "GET", path: tuesdays + "&capacity_min=5&facilities=wifi", status: 200}); len(got.items()) != 0 {
		t.Errorf("free every Tuesday with wifi: want none (no room has wifi):\n%s", got.raw)
	}
	if got := c.do(call{name: "free every Tuesday, one taken", method: "GET", path: tuesdays + "&capacity_min=5", status: 200}); !got.hasItem(free.ID) || got.hasItem(taken.ID) {
		t.Errorf("free every Tuesday, one taken: want just room %d:\n%s", free.ID, got.raw)
	}
	window := fmt.Sprintf("/availability?from=%s&to=%s&owner_id=%d&organisation_id=%d",
		url.QueryEscape(third.Format(time.RFC3339)), url.QueryEscape(third.Add(time.Hour).Format(time.RFC3339)), owner.ID, owner.ID)
	if got := c.do(call{name: "free in a window", method: "GET", path: window, status: 200}); !got.hasItem(free.ID) || !got.hasItem(taken.ID) {
		t.Errorf("free in a window before the bookings: want both rooms:\n%s", got.raw)
	}
	for _, k := range []call{
		{name: "free rooms, no window", path: "/availability", status: 422, problem: "validation", field: "from"},
		{name: "free rooms, both forms", path: tuesdays + "&from=2030-01-01T00:00:00Z", status: 422, problem: "validation", field: "from"},
		{name: "free rooms, bad weekday", path: strings.Replace(tuesdays, "weekday=2", "weekday=9", 1), docRejects: true, status: 422, problem: "validation", field: "weekday"},
		{name: "free rooms, unreadable start", path: strings.Replace(tuesdays, "start_time=18:00", "start_time=6pm", 1), docRejects: true, status: 422, problem: "validation", field: "start_time"},
		{name: "free rooms, end before start", path: strings.Replace(tuesdays, "end_time=20:30", "end_time=17:00", 1), status: 422, problem: "validation", field: "end_time"},
		{name: "free rooms, last before first", path: strings.Replace(tuesdays, "last_day="+last.Format(time.DateOnly), "last_day="+first.AddDate(0, 0, -7).Format(time.DateOnly), 1), status: 422, problem: "validation", field: "last_day"},
		{name: "free rooms, window too long", path: "/availability?from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z", status: 422, problem: "validation", field: "to"},
	} {
		k.method = "GET"
		c.do(k)
	}
	exerciseFreeRoomPages(t, e, c)
}
