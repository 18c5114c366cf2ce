package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

// exerciseRounds covers application rounds and applications.
func exerciseRounds(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("city", "Fritidsförvaltningen")
	room := e.roomIn(e.venueOf(owner.ID, "Boråshallen").ID, "Hall A")
	club := e.org("association", "Borås Basket")
	roundID := exerciseRoundCRUD(t, e, c, owner.ID, room.ID, maxBody)
	exerciseApplications(t, e, c, roundID, club.ID, room.ID, maxBody)
	exerciseAllocation(t, e, c, maxBody)
}

func exerciseRoundCRUD(t *testing.T, e *env, c *oaClient, owner, room int64, maxBody int) int64 {
	body := e.roundBody(owner, room)
	c.refuse(call{name: "create round", method: "POST", path: "/rounds", body: body})
	made := c.do(call{name: "create round", method: "POST", path: "/rounds", body: body, status: 201})
	id := made.id(t)
	if made.header.Get("Location") != fmt.Sprintf("/api/v1/rounds/%d", id) || made.body["status"] != "open" || made.body["owner_name"] != "Fritidsförvaltningen" {
		t.Errorf("create round:\n%s", made.raw)
	}
	foreign := e.roomIn(e.venueOf(e.org("association", "Annan ägare").ID, "Klubbhuset").ID, "Klubbrummet")
	for _, k := range []call{
		{name: "round malformed", body: `{"name"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "round not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "round too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "round of another's room", body: strings.Replace(body, fmt.Sprintf("[%d]", room), fmt.Sprintf("[%d]", foreign.ID), 1), status: 422, problem: "validation", field: "room_ids[0]"},
		{name: "round with an unknown priority", body: strings.Replace(body, `"compact_signatory"`, `"richest"`, 1), docRejects: true, status: 422, problem: "validation", field: "priorities[1]"},
	} {
		k.method, k.path = "POST", "/rounds"
		c.do(k)
	}
	one := fmt.Sprintf("/rounds/%d", id)
	c.do(call{name: "get round", method: "GET", path: one, as: anonymous, status: 200})
	c.do(call{name: "get unknown round", method: "GET", path: "/rounds/999999", status: 404, problem: "round-not-found"})
	c.do(call{name: "list rounds", method: "GET", path: fmt.Sprintf("/rounds?owner_id=%d&status=open&limit=5", owner), as: anonymous, status: 200})
	c.do(call{name: "list rounds of no status", method: "GET", path: "/rounds?status=done", docRejects: true, status: 422, problem: "validation", field: "status"})
	c.do(call{name: "list rounds bad cursor", method: "GET", path: "/rounds?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})

	c.refuse(call{name: "update round", method: "PUT", path: one, body: body})
	put := c.do(call{name: "update round", method: "PUT", path: one, body: strings.Replace(body, `"Hallar"`, `"Hallar hösten"`, 1), status: 200})
	if put.body["revision"] != float64(2) || put.body["name"] != "Hallar hösten" {
		t.Errorf("update round:\n%s", put.raw)
	}
	spare := e.openRound(owner, room).ID
	c.refuse(call{name: "close round", method: "POST", path: fmt.Sprintf("/rounds/%d/close", spare)})
	closed := c.do(call{name: "close round", method: "POST", path: fmt.Sprintf("/rounds/%d/close", spare), status: 200})
	if closed.body["status"] != "closed" {
		t.Errorf("close round:\n%s", closed.raw)
	}
	c.do(call{name: "close unknown round", method: "POST", path: "/rounds/999999/close", status: 404, problem: "round-not-found"})
	for _, k := range []call{
		{name: "update round malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "update round not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "update round too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "update round with a bad term", body: strings.Replace(body, `"term_starts_on":"`, `"term_starts_on":"x`, 1), docRejects: true, status: 422, problem: "validation", field: "term_starts_on"},
		{name: "update unknown round", path: "/rounds/999999", body: body, status: 404, problem: "round-not-found"},
		{name: "update closed round", path: fmt.Sprintf("/rounds/%d", spare), body: body, status: 409, problem: "round-published"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
	return id
}

func exerciseApplications(t *testing.T, e *env, c *oaClient, roundID, club, room int64, maxBody int) {
	path := fmt.Sprintf("/rounds/%d/applications", roundID)
	body := applicationBody(club, room)
	c.refuse(call{name: "submit application", method: "POST", path: path, body: body})
	made := c.do(call{name: "submit application", method: "POST", path: path, body: body, status: 201})
	id := made.id(t)
	if made.header.Get("Location") != fmt.Sprintf("/api/v1/applications/%d", id) || made.body["organisation_name"] != "Borås Basket" {
		t.Errorf("submit application:\n%s", made.raw)
	}
	other := e.org("association", "Sjöbo IF")
	for _, k := range []call{
		{name: "application malformed", body: `{"sections"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "application not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "application too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "application twice", body: body, status: 409, problem: "round-already-applied"},
		{name: "application in unknown round", path: "/rounds/999999/applications", body: body, status: 404, problem: "round-not-found"},
		{name: "application for a room not offered", body: applicationBody(other.ID, 999999), status: 422, problem: "validation", field: "sections[0].room_ids[0]"},
		{name: "application with a bad time", body: strings.Replace(applicationBody(other.ID, room), `"20:00"`, `"8 pm"`, 1), status: 422, problem: "validation", field: "sections[0].wishes[0].ends"},
		{name: "application without sections", body: fmt.Sprintf(`{"organisation_id":%d,"sections":[]}`, other.ID), docRejects: true, status: 422, problem: "validation", field: "sections"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
	c.do(call{name: "list applications anonymously", method: "GET", path: path, as: anonymous, status: 401, problem: "unauthenticated"})
	if mine := c.do(call{name: "list applications as an outsider", method: "GET", path: path, as: c.outsider, status: 200}); len(mine.items()) != 0 {
		t.Errorf("an outsider sees others' applications:\n%s", mine.raw)
	}
	list := c.do(call{name: "list applications", method: "GET", path: path + "?include_withdrawn=true&limit=5", status: 200})
	if !list.hasItem(id) {
		t.Errorf("list applications:\n%s", list.raw)
	}
	c.do(call{name: "list applications bad cursor", method: "GET", path: path + "?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})
	c.do(call{name: "list applications of unknown round", method: "GET", path: "/rounds/999999/applications", status: 404, problem: "round-not-found"})

	one := fmt.Sprintf("/applications/%d", id)
	c.refuse(call{name: "get application", method: "GET", path: one})
	c.do(call{name: "get application", method: "GET", path: one, status: 200})
	c.do(call{name: "get unknown application", method: "GET", path: "/applications/999999", status: 404, problem: "application-not-found"})
	c.refuse(call{name: "update application", method: "PUT", path: one, body: body})
	put := c.do(call{name: "update application", method: "PUT", path: one, body: strings.Replace(body, "Tack!", "Tack igen!", 1), status: 200})
	if put.body["revision"] != float64(2) {
		t.Errorf("update application:\n%s", put.raw)
	}
	spare := e.apply(roundID, other.ID, room).ID
	c.refuse(call{name: "withdraw application", method: "POST", path: fmt.Sprintf("/applications/%d/withdraw", spare)})
	c.do(call{name: "withdraw application", method: "POST", path: fmt.Sprintf("/applications/%d/withdraw", spare), status: 200})
	c.do(call{name: "withdraw application twice", method: "POST", path: fmt.Sprintf("/applications/%d/withdraw", spare), status: 409, problem: "application-withdrawn"})
	c.do(call{name: "withdraw unknown application", method: "POST", path: "/applications/999999/withdraw", status: 404, problem: "application-not-found"})
	for _, k := range []call{
		{name: "update application malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "update application not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "update application too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "update application of another organisation", body: applicationBody(other.ID, room), status: 422, problem: "validation", field: "organisation_id"},
		{name: "update unknown application", path: "/applications/999999", body: body, status: 404, problem: "application-not-found"},
		{name: "update withdrawn application", path: fmt.Sprintf("/applications/%d", spare), body: applicationBody(other.ID, room), status: 409, problem: "application-withdrawn"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
}

// exerciseAllocation covers the demand, the proposal, allocations by hand, publishing,
// the export and the applicant's answers.
func exerciseAllocation(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("city", "Idrottsförvaltningen")
	venue := e.venueOf(owner.ID, "Ryahallen")
	room, spare := e.roomIn(venue.ID, "Hall 1"), e.roomIn(venue.ID, "Hall 2")
	club := e.org("association", "Rya BK")
	applicant := e.user("rya@example.se", false)
	e.member(club.ID, applicant, access.RoleBooker)
	token := e.token(applicant)

	open := e.openRound(owner.ID, room.ID)
	r, section := e.allocatingRound(owner.ID, room.ID, club.ID)
	base := fmt.Sprintf("/rounds/%d", r.ID)
	c.refuse(call{name: "demand", method: "GET", path: base + "/demand"})
	d := c.do(call{name: "demand", method: "GET", path: base + "/demand", status: 200})
	if items := d.items(); len(items) != 1 {
		t.Errorf("demand:\n%s", d.raw)
	}
	c.do(call{name: "demand of unknown round", method: "GET", path: "/rounds/999999/demand", status: 404, problem: "round-not-found"})

	c.do(call{name: "proposal before any", method: "GET", path: base + "/proposal", status: 404, problem: "proposal-not-found"})
	c.refuse(call{name: "run proposal", method: "POST", path: base + "/proposal"})
	c.do(call{name: "run proposal while open", method: "POST", path: fmt.Sprintf("/rounds/%d/proposal", open.ID), status: 409, problem: "round-not-allocating"})
	c.do(call{name: "run proposal of unknown round", method: "POST", path: "/rounds/999999/proposal", status: 404, problem: "round-not-found"})
	p := c.do(call{name: "run proposal", method: "POST", path: base + "/proposal", status: 200})
	if stats, _ := p.body["stats"].(map[string]any); stats["sessions_allocated"] != float64(1) {
		t.Errorf("run proposal:\n%s", p.raw)
	}
	c.refuse(call{name: "get proposal", method: "GET", path: base + "/proposal"})
	c.do(call{name: "get proposal", method: "GET", path: base + "/proposal", status: 200})

	allocs := c.do(call{name: "list allocations", method: "GET", path: base + "/allocations", status: 200}).items()
	if len(allocs) != 1 || allocs[0]["source"] != "proposal" {
		t.Fatalf("allocations after the proposal: %v", allocs)
	}
	if mine := c.do(call{name: "list allocations before publishing as the applicant", method: "GET", path: base + "/allocations", as: token, status: 200}); len(mine.items()) != 0 {
		t.Errorf("the applicant sees allocations before publishing:\n%s", mine.raw)
	}
	c.do(call{name: "list allocations anonymously", method: "GET", path: base + "/allocations", as: anonymous, status: 401, problem: "unauthenticated"})
	c.do(call{name: "list allocations of unknown round", method: "GET", path: "/rounds/999999/allocations", status: 404, problem: "round-not-found"})

	body := fmt.Sprintf(`{"section_id":%d,"room_id":%d,"weekday":4,"starts":"18:00","ends":"19:30"}`, section, room.ID)
	c.refuse(call{name: "allocate by hand", method: "POST", path: base + "/allocations", body: body})
	made := c.do(call{name: "allocate by hand", method: "POST", path: base + "/allocations", body: body, status: 201})
	hand := made.id(t)
	for _, k := range []call{
		{name: "allocate malformed", body: `{"section_id"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "allocate not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "allocate too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "allocate a taken time", body: body, status: 409, problem: "allocation-taken"},
		{name: "allocate a room not offered", body: strings.Replace(body, fmt.Sprintf(`"room_id":%d`, room.ID), fmt.Sprintf(`"room_id":%d`, spare.ID), 1), status: 422, problem: "validation", field: "room_id"},
		{name: "allocate a bad time", body: strings.Replace(body, `"19:30"`, `"17:00"`, 1), status: 422, problem: "validation", field: "ends"},
		{name: "allocate in unknown round", path: "/rounds/999999/allocations", body: body, status: 404, problem: "round-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = base + "/allocations"
		}
		c.do(k)
	}
	one := fmt.Sprintf("/allocations/%d", hand)
	c.refuse(call{name: "get allocation", method: "GET", path: one})
	c.do(call{name: "get allocation", method: "GET", path: one, status: 200})
	c.do(call{name: "get unknown allocation", method: "GET", path: "/allocations/999999", status: 404, problem: "allocation-not-found"})
	c.do(call{name: "accept before publishing", method: "POST", path: one + "/accept", status: 409, problem: "round-not-published"})

	for _, format := range []string{"csv", "xlsx"} {
		path := base + "/allocations." + format
		c.refuse(call{name: "export allocations " + format, method: "GET", path: path})
		x := c.do(call{name: "export allocations " + format, method: "GET", path: path, status: 200})
		if format == "csv" && !strings.Contains(string(x.raw), "Rya BK") {
			t.Errorf("export:\n%s", x.raw)
		}
		c.do(call{name: "export allocations of unknown round " + format, method: "GET", path: "/rounds/999999/allocations." + format, status: 404, problem: "round-not-found"})
	}

	c.refuse(call{name: "remove allocation", method: "DELETE", path: one})
	c.do(call{name: "remove allocation", method: "DELETE", path: one, status: 204})
	c.do(call{name: "remove unknown allocation", method: "DELETE", path: one, status: 404, problem: "allocation-not-found"})

	c.refuse(call{name: "publish", method: "POST", path: base + "/publish"})
	c.do(call{name: "publish while open", method: "POST", path: fmt.Sprintf("/rounds/%d/publish", open.ID), status: 409, problem: "round-not-allocating"})
	c.do(call{name: "publish unknown round", method: "POST", path: "/rounds/999999/publish", status: 404, problem: "round-not-found"})
	pub := c.do(call{name: "publish", method: "POST", path: base + "/publish", status: 200})
	if pub.body["booked"] == float64(0) {
		t.Errorf("publish booked nothing:\n%s", pub.raw)
	}
	c.do(call{name: "publish twice", method: "POST", path: base + "/publish", status: 409, problem: "round-published"})
	c.do(call{name: "run proposal after publishing", method: "POST", path: base + "/proposal", status: 409, problem: "round-published"})
	published := fmt.Sprintf("/allocations/%v", allocs[0]["id"])
	c.do(call{name: "remove published allocation", method: "DELETE", path: published, status: 409, problem: "round-published"})
	mine := c.do(call{name: "list allocations as the applicant", method: "GET", path: base + "/allocations", as: token, status: 200})
	if len(mine.items()) != 1 || mine.items()[0]["series_id"] == nil || mine.items()[0]["response"] != "pending" {
		t.Errorf("the applicant's allocations:\n%s", mine.raw)
	}
	c.refuse(call{name: "accept", method: "POST", path: published + "/accept"})
	c.do(call{name: "accept", method: "POST", path: published + "/accept", as: token, status: 200})
	c.do(call{name: "accept twice", method: "POST", path: published + "/accept", as: token, status: 409, problem: "allocation-answered"})
	c.do(call{name: "accept unknown allocation", method: "POST", path: "/allocations/999999/accept", status: 404, problem: "allocation-not-found"})
	c.refuse(call{name: "decline", method: "POST", path: published + "/decline"})
	c.do(call{name: "decline after accepting", method: "POST", path: published + "/decline", as: token, status: 409, problem: "allocation-answered"})
	c.do(call{name: "decline unknown allocation", method: "POST", path: "/allocations/999999/decline", status: 404, problem: "allocation-not-found"})
	other := e.allocation(owner.ID, spare.ID, club.ID, true)
	declined := c.do(call{name: "decline", method: "POST", path: fmt.Sprintf("/allocations/%d/decline", other.ID), as: token, status: 200})
	if declined.body["response"] != "declined" {
		t.Errorf("decline:\n%s", declined.raw)
	}
}
