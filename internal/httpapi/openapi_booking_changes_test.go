package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// exerciseBookingChanges moves bookings, and approves, rejects, cancels and moves whole
// series, through the document.
func exerciseBookingChanges(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("association", "Scoutkåren")
	booker := e.org("association", "Körföreningen")
	v := e.venueOf(owner.ID, "Scoutstugan")
	room, approval, ownersOnly := e.roomIn(v.ID, "Stugan"), e.roomIn(v.ID, "Vinden"), e.roomIn(v.ID, "Förrådet")
	e.setRules(approval.ID, booking.WhoAny, true)
	e.setRules(ownersOnly.ID, booking.WhoOwner, false)
	at := func(n int64) string { return e.mustSlot(n).UTC().Format(time.RFC3339) }
	until := func(n int64) string { return e.mustSlot(n).Add(2 * time.Hour).UTC().Format(time.RFC3339) }
	move := func(n int64, extra string) string {
		return fmt.Sprintf(`{"starts_at":%q,"ends_at":%q%s}`, at(n), until(n), extra)
	}

	// One booking.
	b := e.book(booker.ID, room.ID, e.mustSlot(1), e.mustSlot(1).Add(2*time.Hour), false)
	taken := e.book(booker.ID, room.ID, e.mustSlot(3), e.mustSlot(3).Add(2*time.Hour), false)
	path := fmt.Sprintf("/bookings/%d/move", b.ID)
	moved := c.do(call{name: "move", method: "POST", path: path, body: move(2, ""), status: 200})
	if moved.body["starts_at"] != at(2) || moved.body["revision"] != float64(2) || moved.body["status"] != "confirmed" {
		t.Errorf("move: want the new time, revision 2:\n%s", moved.raw)
	}
	into := c.do(call{name: "move into another room that needs approval", method: "POST", path: path,
		body: move(2, fmt.Sprintf(`,"room_id":%d`, approval.ID)), status: 200})
	if into.body["room_id"] != float64(approval.ID) || into.body["status"] != "pending" {
		t.Errorf("move into a room that needs approval: want pending there:\n%s", into.raw)
	}
	clash := c.do(call{name: "move onto a booking", method: "POST", path: path, body: move(3, fmt.Sprintf(`,"room_id":%d`, room.ID)), status: 409, problem: "booking-conflict"})
	if cf, _ := clash.body["conflicts"].([]any); len(cf) != 1 || cf[0].(map[string]any)["booking_id"] != float64(taken.ID) {
		t.Errorf("move onto a booking: want the clash named:\n%s", clash.raw)
	}
	c.do(call{name: "move into a room the rules close", method: "POST", path: path, body: move(4, fmt.Sprintf(`,"room_id":%d`, ownersOnly.ID)), status: 403, problem: "booking-refused"})
	c.refuse(call{name: "move", method: "POST", path: path, body: move(4, "")})
	for _, k := range []call{
		{name: "move unknown", path: "/bookings/999999/move", body: move(4, ""), status: 404, problem: "booking-not-found"},
		{name: "move malformed", body: `{"starts_at":`, docRejects: true, status: 400, problem: "malformed"},
		{name: "move not JSON", contentType: "text/plain", body: move(4, ""), docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "move too large", body: padded(maxBody, move(4, "")), status: 413, problem: "too-large"},
		{name: "move unreadable time", body: `{"starts_at":"i morgon","ends_at":"2030-01-01T00:00:00Z"}`, docRejects: true, status: 422, problem: "validation", field: "starts_at"},
		{name: "move end before start", body: fmt.Sprintf(`{"starts_at":%q,"ends_at":%q}`, at(4), at(4)), status: 422, problem: "validation", field: "ends_at"},
		{name: "move with from", body: move(4, `,"from":"2030-01-01T00:00:00Z"`), docRejects: true, status: 422, problem: "validation", field: "from"},
		{name: "move without a time", body: `{}`, docRejects: true, status: 422, problem: "validation", field: "starts_at"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}

	// Series: weekly, three times, each in a room of its own.
	series := func(name string, roomID, n int64) (id int64, from string) {
		r := c.do(call{name: name, method: "POST", path: "/bookings", status: map[bool]int{true: 202, false: 201}[roomID == approval.ID],
			body: bookingBody(booker.ID, roomID, e.mustSlot(n), e.mustSlot(n).Add(2*time.Hour), `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=3"}`)})
		items := r.items()
		if len(items) != 3 {
			t.Fatalf("%s: want three occurrences:\n%s", name, r.raw)
		}
		return int64(r.body["series_id"].(float64)), items[1]["starts_at"].(string)
	}
	pendingSeries, _ := series("book weekly for approval", approval.ID, 10)
	approved := c.do(call{name: "approve series", method: "POST", path: fmt.Sprintf("/booking-series/%d/approve", pendingSeries), body: `{"note":"Välkomna"}`, status: 200})
	if items := approved.items(); len(items) != 3 || items[2]["status"] != "confirmed" {
		t.Errorf("approve series: want three confirmed:\n%s", approved.raw)
	}
	c.do(call{name: "approve series again", method: "POST", path: fmt.Sprintf("/booking-series/%d/approve", pendingSeries), status: 409, problem: "booking-not-pending"})
	rejectable, _ := series("book weekly for rejection", approval.ID, 11)
	if got := c.do(call{name: "reject series", method: "POST", path: fmt.Sprintf("/booking-series/%d/reject", rejectable), status: 200}); len(got.items()) != 3 {
		t.Errorf("reject series: want three rejected:\n%s", got.raw)
	}
	c.do(call{name: "reject series again", method: "POST", path: fmt.Sprintf("/booking-series/%d/reject", rejectable), status: 409, problem: "booking-not-pending"})

	cancelRoom := e.roomIn(v.ID, "Lägerrummet")
	cancellable, second := series("book weekly to cancel", cancelRoom.ID, 12)
	cancelled := c.do(call{name: "cancel this and following", method: "POST", path: fmt.Sprintf("/booking-series/%d/cancel", cancellable),
		body: fmt.Sprintf(`{"reason":"Sommaruppehåll","from":%q}`, second), status: 200})
	if items := cancelled.items(); len(items) != 2 || items[0]["starts_at"] != second || items[0]["status_reason"] != "Sommaruppehåll" {
		t.Errorf("cancel this and following: want the last two:\n%s", cancelled.raw)
	}
	if got := c.do(call{name: "cancel the rest", method: "POST", path: fmt.Sprintf("/booking-series/%d/cancel", cancellable), status: 200}); len(got.items()) != 1 {
		t.Errorf("cancel the rest: want the first:\n%s", got.raw)
	}
	c.do(call{name: "cancel series again", method: "POST", path: fmt.Sprintf("/booking-series/%d/cancel", cancellable), status: 409, problem: "booking-not-active"})
	c.do(call{name: "cancel series, unreadable from", method: "POST", path: fmt.Sprintf("/booking-series/%d/cancel", cancellable), body: `{"from":"snart"}`, docRejects: true, status: 422, problem: "validation", field: "from"})

	moveRoom := e.roomIn(v.ID, "Samlingsrummet")
	movable, from := series("book weekly to move", moveRoom.ID, 13)
	later := e.mustSlot(14) // an hour… three hours later the same day of the week
	body := fmt.Sprintf(`{"from":%q,"starts_at":%q,"ends_at":%q}`, from, later.AddDate(0, 0, 7).UTC().Format(time.RFC3339), later.AddDate(0, 0, 7).Add(time.Hour).UTC().Format(time.RFC3339))
	got := c.do(call{name: "move this and following", method: "POST", path: fmt.Sprintf("/booking-series/%d/move", movable), body: body, status: 200})
	if items := got.items(); len(items) != 2 || items[1]["revision"] != float64(2) {
		t.Errorf("move this and following: want two moved:\n%s", got.raw)
	}
	blocker := e.mustSlot(13).AddDate(0, 0, 14)
	e.book(owner.ID, moveRoom.ID, blocker, blocker.Add(time.Hour), false)
	refused := c.do(call{name: "move this and following onto a booking", method: "POST", path: fmt.Sprintf("/booking-series/%d/move", movable), status: 409, problem: "series-refused",
		body: fmt.Sprintf(`{"from":%q,"starts_at":%q,"ends_at":%q}`, from, e.mustSlot(13).AddDate(0, 0, 7).UTC().Format(time.RFC3339), e.mustSlot(13).AddDate(0, 0, 7).Add(2*time.Hour).UTC().Format(time.RFC3339))})
	if occ, _ := refused.body["occurrences"].([]any); len(occ) != 1 {
		t.Errorf("move this and following onto a booking: want one refused occurrence:\n%s", refused.raw)
	}
	c.do(call{name: "move series, no such occurrence", method: "POST", path: fmt.Sprintf("/booking-series/%d/move", movable), status: 404, problem: "booking-not-found",
		body: fmt.Sprintf(`{"from":"2030-01-01T00:00:00Z","starts_at":%q,"ends_at":%q}`, at(20), until(20))})
	c.do(call{name: "move series, end before start", method: "POST", path: fmt.Sprintf("/booking-series/%d/move", movable), status: 422, problem: "validation", field: "ends_at",
		body: fmt.Sprintf(`{"from":%q,"starts_at":%q,"ends_at":%q}`, from, at(20), at(20))})

	// What every series route shares.
	bodies := map[string]string{
		"approve": `{"note":"x"}`, "reject": `{"note":"x"}`, "cancel": `{"reason":"x"}`,
		"move": fmt.Sprintf(`{"from":%q,"starts_at":%q,"ends_at":%q}`, from, at(20), until(20)),
	}
	for _, action := range []string{"approve", "reject", "cancel", "move"} {
		target := fmt.Sprintf("/booking-series/%d/%s", movable, action)
		ok := bodies[action]
		c.refuse(call{name: action + " series", method: "POST", path: target, body: ok})
		for _, k := range []call{
			{name: action + " series unknown", path: "/booking-series/999999/" + action, body: ok, status: 404, problem: "series-not-found"},
			{name: action + " series malformed", body: `{"x":`, docRejects: true, status: 400, problem: "malformed"},
			{name: action + " series not JSON", contentType: "text/plain", body: ok, docRejects: true, status: 415, problem: "unsupported-media-type"},
			{name: action + " series too large", body: padded(maxBody, ok), status: 413, problem: "too-large"},
			{name: action + " series unknown member", body: strings.Replace(ok, "{", `{"colour":"red",`, 1), docRejects: true, status: 422, problem: "validation", field: "colour"},
		} {
			k.method = "POST"
			if k.path == "" {
				k.path = target
			}
			c.do(k)
		}
	}
}
