package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// exerciseMeetings covers meeting series, meetings, invitations and replies.
func exerciseMeetings(t *testing.T, e *env, c *oaClient, maxBody int) {
	organiser := e.org("city", "Kommunstyrelsen")
	guest := e.org("association", "Gästföreningen")
	seriesID := exerciseMeetingSeries(t, e, c, organiser.ID, guest.ID, maxBody)
	room := e.roomIn(e.venueOf(organiser.ID, "Stadshuset").ID, "Sessionssalen")
	meetingID := exerciseMeetingCreation(t, e, c, seriesID, room.ID, maxBody)
	exerciseMeetingReads(t, c, seriesID, meetingID)
	exerciseMeetingChanges(t, e, c, seriesID, meetingID, room.ID, maxBody)
	exerciseMeetingInvitations(t, e, c, seriesID, guest.ID, maxBody)
}

// exerciseMeetingSeries creates, changes and deletes series and returns the id of one.
func exerciseMeetingSeries(t *testing.T, e *env, c *oaClient, organiser, guest int64, maxBody int) int64 {
	body := fmt.Sprintf(`{"kind":"samrad","name":"Samrådet","organiser_id":%d,"description":"Rådet","public":true,"invitees":[%d]}`, organiser, guest)
	c.refuse(call{name: "create meeting series", method: "POST", path: "/meeting-series", body: body})
	made := c.do(call{name: "create meeting series", method: "POST", path: "/meeting-series", body: body, status: 201})
	id := made.id(t)
	if made.header.Get("Location") != fmt.Sprintf("/api/v1/meeting-series/%d", id) || made.body["organiser_name"] != "Kommunstyrelsen" {
		t.Errorf("create meeting series:\n%s", made.raw)
	}
	for _, k := range []call{
		{name: "meeting series malformed", body: `{"kind"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "meeting series not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "meeting series too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "meeting series of no kind", body: `{"kind":"party","name":"x","organiser_id":1}`, docRejects: true, status: 422, problem: "validation", field: "kind"},
		{name: "meeting series unknown organiser", body: `{"kind":"fro","name":"x","organiser_id":999999}`, status: 422, problem: "validation", field: "organiser_id"},
	} {
		k.method, k.path = "POST", "/meeting-series"
		c.do(k)
	}
	one := fmt.Sprintf("/meeting-series/%d", id)
	c.refuse(call{name: "update meeting series", method: "PUT", path: one, body: body})
	put := c.do(call{name: "update meeting series", method: "PUT", path: one, body: strings.Replace(body, "Rådet", "Samrådet mellan staden och föreningarna", 1), status: 200})
	if put.body["revision"] != float64(2) {
		t.Errorf("update meeting series:\n%s", put.raw)
	}
	for _, k := range []call{
		{name: "update meeting series malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "update meeting series not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "update meeting series too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "update meeting series unknown invitee", body: strings.Replace(body, fmt.Sprintf("[%d]", guest), "[999999]", 1), status: 422, problem: "validation", field: "invitees"},
		{name: "update unknown meeting series", path: "/meeting-series/999999", body: body, status: 404, problem: "meeting-series-not-found"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
	c.do(call{name: "get meeting series", method: "GET", path: one, as: anonymous, status: 200})
	c.do(call{name: "get unknown meeting series", method: "GET", path: "/meeting-series/999999", status: 404, problem: "meeting-series-not-found"})
	c.do(call{name: "list meeting series", method: "GET", path: "/meeting-series?kind=samrad&limit=5", as: anonymous, status: 200})
	c.do(call{name: "list meeting series of no kind", method: "GET", path: "/meeting-series?kind=party", docRejects: true, status: 422, problem: "validation", field: "kind"})
	c.do(call{name: "list meeting series bad cursor", method: "GET", path: "/meeting-series?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})

	spare := c.do(call{name: "create spare series", method: "POST", path: "/meeting-series",
		body: fmt.Sprintf(`{"kind":"other","name":"Reserv","organiser_id":%d}`, organiser), status: 201}).id(t)
	c.refuse(call{name: "delete meeting series", method: "DELETE", path: fmt.Sprintf("/meeting-series/%d", spare)})
	c.do(call{name: "delete meeting series", method: "DELETE", path: fmt.Sprintf("/meeting-series/%d", spare), status: 204})
	c.do(call{name: "delete unknown meeting series", method: "DELETE", path: fmt.Sprintf("/meeting-series/%d", spare), status: 404, problem: "meeting-series-not-found"})
	return id
}

// meetingJSONBody is a meeting in the room, or online when room is 0, in the n-th slot.
func meetingJSONBody(e *env, n int64, room int64, extra string) string {
	start, end := e.slot(n)
	place := `"online_url":"https://meet.example/samrad"`
	if room != 0 {
		place = fmt.Sprintf(`"room_id":%d,"attendees":10`, room)
	}
	return fmt.Sprintf(`{"title":"Samråd","starts_at":%q,"ends_at":%q,"agenda":"1. Öppnande",%s%s}`,
		start.Format(time.RFC3339), end.Format(time.RFC3339), place, extra)
}

// exerciseMeetingCreation makes meetings, one and a pattern, and returns the id of one in the room.
func exerciseMeetingCreation(t *testing.T, e *env, c *oaClient, seriesID, room int64, maxBody int) int64 {
	path := fmt.Sprintf("/meeting-series/%d/meetings", seriesID)
	body := meetingJSONBody(e, 100, room, "")
	c.refuse(call{name: "create meeting", method: "POST", path: path, body: body})
	made := c.do(call{name: "create meeting", method: "POST", path: path, body: body, status: 201})
	id := made.id(t)
	if made.body["booking_id"] == nil || made.body["room_id"] != float64(room) || made.header.Get("Location") != fmt.Sprintf("/api/v1/meetings/%d", id) {
		t.Errorf("create meeting:\n%s", made.raw)
	}
	pattern := c.do(call{name: "create meeting pattern", method: "POST", path: path,
		body: meetingJSONBody(e, 101, 0, `,"recurrence":{"rrule":"FREQ=MONTHLY;BYDAY=1WE;COUNT=3"}`), status: 201})
	if len(pattern.items()) != 3 {
		t.Errorf("create meeting pattern: want 3 meetings:\n%s", pattern.raw)
	}
	start, end := e.slot(102)
	e.book(e.org("association", "Schackklubben").ID, room, start, end, false)
	refused := e.roomIn(e.venueOf(e.org("association", "Annan ägare").ID, "Annans lokal").ID, "Privat rum")
	e.setRules(refused.ID, booking.WhoOwner, false)
	for _, k := range []call{
		{name: "meeting malformed", body: `{"title"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "meeting not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "meeting too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "meeting in unknown series", path: "/meeting-series/999999/meetings", body: body, status: 404, problem: "meeting-series-not-found"},
		{name: "meeting in a taken room", body: meetingJSONBody(e, 102, room, ""), status: 409, problem: "booking-conflict"},
		{name: "meeting in a refused room", body: meetingJSONBody(e, 103, refused.ID, ""), status: 403, problem: "booking-refused"},
		{name: "meeting in an unknown room", body: meetingJSONBody(e, 103, 999999, ""), status: 422, problem: "validation", field: "room_id"},
		{name: "meeting with two places", body: meetingJSONBody(e, 103, room, `,"address":"Torget"`), status: 422, problem: "validation", field: "address"},
		{name: "meeting without place", body: `{"title":"x","starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T11:00:00Z"}`, status: 422, problem: "validation", field: "place"},
		{name: "meeting link not http", body: `{"title":"x","starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T11:00:00Z","online_url":"ftp://x.example/"}`, status: 422, problem: "validation", field: "online_url"},
		{name: "meeting ends before it starts", body: `{"title":"x","starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T09:00:00Z","address":"Torget"}`, status: 422, problem: "validation", field: "ends_at"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
	if n := e.count(`SELECT count(*) FROM meetings`); n != 4 {
		t.Errorf("%d meetings stored, want 4: refused ones must leave nothing", n)
	}
	return id
}

func exerciseMeetingReads(t *testing.T, c *oaClient, seriesID, meetingID int64) {
	one := fmt.Sprintf("/meetings/%d", meetingID)
	if got := c.do(call{name: "get meeting", method: "GET", path: one, as: anonymous, status: 200}); got.body["agenda"] != "1. Öppnande" {
		t.Errorf("get meeting:\n%s", got.raw)
	}
	c.do(call{name: "get unknown meeting", method: "GET", path: "/meetings/999999", status: 404, problem: "meeting-not-found"})
	series := fmt.Sprintf("/meeting-series/%d/meetings", seriesID)
	if got := c.do(call{name: "list series meetings", method: "GET", path: series + "?from=2020-01-01T00:00:00Z&limit=2", as: anonymous, status: 200}); len(got.items()) != 2 || got.body["next_cursor"] == nil {
		t.Errorf("list series meetings: want a first page of 2:\n%s", got.raw)
	}
	c.do(call{name: "list meetings of unknown series", method: "GET", path: "/meeting-series/999999/meetings", status: 404, problem: "meeting-series-not-found"})
	c.do(call{name: "list series meetings bad time", method: "GET", path: series + "?from=tomorrow", docRejects: true, status: 422, problem: "validation", field: "from"})
	c.do(call{name: "list meetings", method: "GET", path: "/meetings?limit=10", as: anonymous, status: 200})
	c.do(call{name: "list meetings bad cursor", method: "GET", path: "/meetings?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})
}

// exerciseMeetingChanges moves and cancels the meeting in the room.
func exerciseMeetingChanges(t *testing.T, e *env, c *oaClient, seriesID, meetingID, room int64, maxBody int) {
	one := fmt.Sprintf("/meetings/%d", meetingID)
	body := meetingJSONBody(e, 110, room, "")
	c.refuse(call{name: "update meeting", method: "PUT", path: one, body: body})
	moved := c.do(call{name: "update meeting", method: "PUT", path: one, body: body, status: 200})
	if moved.body["revision"] != float64(2) {
		t.Errorf("update meeting:\n%s", moved.raw)
	}
	refused := e.roomIn(e.venueOf(e.org("association", "Tredje ägaren").ID, "Tredje lokalen").ID, "Stängt rum")
	e.setRules(refused.ID, booking.WhoOwner, false)
	for _, k := range []call{
		{name: "update meeting malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "update meeting not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "update meeting too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "update meeting into a taken room", body: meetingJSONBody(e, 102, room, ""), status: 409, problem: "booking-conflict"},
		{name: "update meeting into a refused room", body: meetingJSONBody(e, 110, refused.ID, ""), status: 403, problem: "booking-refused"},
		{name: "update meeting with a pattern", body: meetingJSONBody(e, 110, room, `,"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=2"}`), status: 422, problem: "validation", field: "recurrence"},
		{name: "update unknown meeting", path: "/meetings/999999", body: body, status: 404, problem: "meeting-not-found"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
	cancel := one + "/cancel"
	c.refuse(call{name: "cancel meeting", method: "POST", path: cancel, body: `{"reason":"Inställt"}`})
	for _, k := range []call{
		{name: "cancel meeting malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "cancel meeting not JSON", contentType: "text/plain", body: `{}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "cancel meeting too large", body: padded(maxBody, `{"reason":"x"}`), status: 413, problem: "too-large"},
		{name: "cancel meeting reason too long", body: `{"reason":"` + strings.Repeat("x", 2001) + `"}`, docRejects: true, status: 422, problem: "validation", field: "reason"},
		{name: "cancel unknown meeting", path: "/meetings/999999/cancel", body: `{}`, status: 404, problem: "meeting-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = cancel
		}
		c.do(k)
	}
	done := c.do(call{name: "cancel meeting", method: "POST", path: cancel, body: `{"reason":"Inställt"}`, status: 200})
	if done.body["status"] != "cancelled" || done.body["revision"] != float64(3) {
		t.Errorf("cancel meeting:\n%s", done.raw)
	}
	if n := e.count(`SELECT count(*) FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ? AND b.status = 'cancelled'`, meetingID); n != 1 {
		t.Errorf("the meeting's booking was not cancelled with it")
	}
	c.do(call{name: "cancel meeting twice", method: "POST", path: cancel, body: `{}`, status: 409, problem: "meeting-cancelled"})
	c.do(call{name: "update cancelled meeting", method: "PUT", path: one, body: body, status: 409, problem: "meeting-cancelled"})
	c.do(call{name: "delete series in use", method: "DELETE", path: fmt.Sprintf("/meeting-series/%d", seriesID), status: 409, problem: "meeting-series-in-use"})
}

// exerciseMeetingInvitations sets invitations and replies to a fresh online meeting.
func exerciseMeetingInvitations(t *testing.T, e *env, c *oaClient, seriesID, guest int64, maxBody int) {
	made := c.do(call{name: "create meeting to invite to", method: "POST", path: fmt.Sprintf("/meeting-series/%d/meetings", seriesID),
		body: meetingJSONBody(e, 120, 0, ""), status: 201})
	id := made.id(t)
	path := fmt.Sprintf("/meetings/%d/invitations", id)
	c.refuse(call{name: "list invitations", method: "GET", path: path})
	if got := c.do(call{name: "list invitations", method: "GET", path: path, status: 200}); len(got.items()) != 1 || got.items()[0]["organisation_id"] != float64(guest) {
		t.Errorf("list invitations: want the series' one invitee:\n%s", got.raw)
	}
	c.do(call{name: "list invitations of unknown meeting", method: "GET", path: "/meetings/999999/invitations", status: 404, problem: "meeting-not-found"})

	other := e.org("association", "Andra föreningen").ID
	body := fmt.Sprintf(`{"organisation_ids":[%d,%d]}`, guest, other)
	c.refuse(call{name: "set invitations", method: "PUT", path: path, body: body})
	if got := c.do(call{name: "set invitations", method: "PUT", path: path, body: body, status: 200}); len(got.items()) != 2 {
		t.Errorf("set invitations:\n%s", got.raw)
	}
	for _, k := range []call{
		{name: "set invitations malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "set invitations not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "set invitations too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "set invitations unknown organisation", body: `{"organisation_ids":[999999]}`, status: 422, problem: "validation", field: "organisation_ids"},
		{name: "set invitations of unknown meeting", path: "/meetings/999999/invitations", body: body, status: 404, problem: "meeting-not-found"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}

	replies := fmt.Sprintf("/meetings/%d/replies", id)
	reply := fmt.Sprintf(`{"organisation_id":%d,"attending":true,"participants":4}`, guest)
	c.refuse(call{name: "reply", method: "POST", path: replies, body: reply})
	if got := c.do(call{name: "reply", method: "POST", path: replies, body: reply, status: 200}); got.body["participants"] != float64(4) {
		t.Errorf("reply:\n%s", got.raw)
	}
	stranger := e.org("association", "Ej inbjuden").ID
	for _, k := range []call{
		{name: "reply malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "reply not JSON", contentType: "text/plain", body: reply, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "reply too large", body: padded(maxBody, reply), status: 413, problem: "too-large"},
		{name: "reply uninvited", body: fmt.Sprintf(`{"organisation_id":%d,"attending":true,"participants":2}`, stranger), status: 422, problem: "validation", field: "organisation_id"},
		{name: "reply to unknown meeting", path: "/meetings/999999/replies", body: reply, status: 404, problem: "meeting-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = replies
		}
		c.do(k)
	}
	c.do(call{name: "cancel the invited meeting", method: "POST", path: fmt.Sprintf("/meetings/%d/cancel", id), body: `{}`, status: 200})
	c.do(call{name: "reply to cancelled meeting", method: "POST", path: replies, body: reply, status: 409, problem: "meeting-cancelled"})
	c.do(call{name: "set invitations of cancelled meeting", method: "PUT", path: path, body: body, status: 409, problem: "meeting-cancelled"})
}
