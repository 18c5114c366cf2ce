package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// exercisePremises covers premises-sharing agreements through the API: their parties,
// premises and terms, the partners they give a room, the refusal that says why once the
// agreement has ended, and the owner's list of bookings that lost their right.
func exercisePremises(t *testing.T, e *env, c *oaClient) {
	owner := e.org("association", "Hembygdsföreningen Sjöbo")
	partner := e.org("association", "Sjöbo dragspelsklubb")
	city := e.org("city", "Kulturförvaltningen Sjöbo")
	v := e.venueOf(owner.ID, "Sjöbo hembygdsgård")
	room := e.roomIn(v.ID, "Stora stugan")
	cityRoom := e.roomIn(e.venueOf(city.ID, "Sjöbo stadsdelshus").ID, "Sessionssalen")
	e.setRules(room.ID, booking.WhoPartners, false)
	partners := fmt.Sprintf("/rooms/%d/partners", room.ID)

	if got := c.do(call{name: "room partners, none", method: "GET", path: partners, as: anonymous, status: 200}); len(got.items()) != 0 {
		t.Errorf("room partners, none:\n%s", got.raw)
	}
	c.do(call{name: "partners of an unknown room", method: "GET", path: "/rooms/999999/partners", status: 404, problem: "room-not-found"})

	sharing := func(title, status, premises string) string {
		return fmt.Sprintf(`{"kind":"premises_sharing","title":%q,"status":%q,"terms":"Utan kostnad",
			"parties":[{"organisation_id":%d,"role":"owner"},{"organisation_id":%d,"role":"partner"}],"premises":[%s]}`,
			title, status, owner.ID, partner.ID, premises)
	}
	inRoom := fmt.Sprintf(`{"room_id":%d}`, room.ID)
	made := c.do(call{name: "create premises-sharing agreement", method: "POST", path: "/agreements", body: sharing("Sjöbo delar stugan", "active", inRoom), status: 201})
	id := made.id(t)
	parties, _ := made.body["parties"].([]any)
	premises, _ := made.body["premises"].([]any)
	if len(parties) != 2 || len(premises) != 1 || made.body["terms"] != "Utan kostnad" ||
		parties[0].(map[string]any)["organisation_name"] != owner.Name || premises[0].(map[string]any)["room_name"] != room.Name {
		t.Errorf("create premises-sharing agreement: want its parties, premises and terms:\n%s", made.raw)
	}
	got := c.do(call{name: "room partners", method: "GET", path: partners, as: anonymous, status: 200})
	if items := got.items(); len(items) != 1 || items[0]["organisation_id"] != float64(partner.ID) || items[0]["agreement_id"] != float64(id) {
		t.Errorf("room partners: want the partner through the agreement:\n%s", got.raw)
	}

	for _, k := range []call{
		{name: "agreement, room not the owner's", body: sharing("Fel rum", "active", fmt.Sprintf(`{"room_id":%d}`, cityRoom.ID)), field: "premises[0].room_id"},
		{name: "agreement, overlapping", body: sharing("Samma stuga igen", "active", inRoom), field: "premises[0].room_id"},
		{name: "agreement, overlapping through the venue", body: sharing("Hela gården", "active", fmt.Sprintf(`{"venue_id":%d}`, v.ID)), field: "premises[0].venue_id"},
		{name: "agreement, no partner", body: fmt.Sprintf(`{"kind":"premises_sharing","title":"Utan partner","status":"active","parties":[{"organisation_id":%d,"role":"owner"}]}`, owner.ID), field: "parties"},
		{name: "agreement, role of another kind", body: fmt.Sprintf(`{"kind":"premises_sharing","title":"Fel roll","status":"draft","parties":[{"organisation_id":%d,"role":"city"}]}`, city.ID), field: "parties[0].role"},
		{name: "iop, association as city party", body: fmt.Sprintf(`{"kind":"iop","title":"IOP fel part","status":"active","parties":[{"organisation_id":%d,"role":"city"},{"organisation_id":%d,"role":"association"}]}`, owner.ID, partner.ID), field: "parties[0].organisation_id"},
		{name: "iop with premises", body: fmt.Sprintf(`{"kind":"iop","title":"IOP med lokal","status":"draft","premises":[{"venue_id":%d}]}`, v.ID), field: "premises"},
	} {
		k.method, k.path, k.status, k.problem = "POST", "/agreements", 422, "validation"
		c.do(k)
	}

	// The partner books while the agreement is in force; once it has ended, it is refused
	// with the reason, and the booking it has is listed for the owner.
	start, end := e.slot(200)
	kept := c.do(call{name: "book as a partner", method: "POST", path: "/bookings", body: bookingBody(partner.ID, room.ID, start, end, ""), status: 201}).id(t)
	c.do(call{name: "end the agreement", method: "PUT", path: fmt.Sprintf("/agreements/%d", id), body: sharing("Sjöbo delar stugan", "ended", inRoom), status: 200})
	start, end = e.slot(201)
	refused := c.do(call{name: "book, agreement ended", method: "POST", path: "/bookings", body: bookingBody(partner.ID, room.ID, start, end, ""),
		status: 403, problem: "booking-refused"})
	if refused.body["rule"] != booking.RulePartners || refused.body["reason"] != "agreement_ended" || refused.body["agreement_id"] != float64(id) ||
		!strings.Contains(fmt.Sprint(refused.body["detail"]), "Sjöbo delar stugan") {
		t.Errorf("book, agreement ended: want the reason with the agreement's title:\n%s", refused.raw)
	}

	path := fmt.Sprintf("/organisations/%d/bookings-without-right", owner.ID)
	list := c.do(call{name: "bookings without right", method: "GET", path: path + "?limit=10", status: 200})
	if items := list.items(); len(items) != 1 || items[0]["booking"].(map[string]any)["id"] != float64(kept) || items[0]["reason"] != "agreement_ended" {
		t.Errorf("bookings without right: want the partner's booking:\n%s", list.raw)
	}
	c.refuse(call{name: "bookings without right", method: "GET", path: path})
	c.do(call{name: "bookings without right, bad limit", method: "GET", path: path + "?limit=x", docRejects: true, status: 422, problem: "validation", field: "limit"})
	c.do(call{name: "bookings without right, unknown owner", method: "GET", path: "/organisations/999999/bookings-without-right", status: 404, problem: "organisation-not-found"})
}
