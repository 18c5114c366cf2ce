package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
)

// exerciseRounds covers application rounds and applications.
func exerciseRounds(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("city", "Fritidsförvaltningen")
	room := e.roomIn(e.venueOf(owner.ID, "Boråshallen").ID, "Hall A")
	club := e.org("association", "Borås Basket")
	roundID := exerciseRoundCRUD(t, e, c, owner.ID, room.ID, maxBody)
	exerciseApplications(t, e, c, roundID, club.ID, room.ID, maxBody)
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
