package httpapi_test

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/api"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func exerciseMeta(t *testing.T, c *oaClient) {
	spec := c.do(call{name: "the document", method: "GET", path: "/openapi.yaml", status: 200})
	if spec.status == 200 && !bytes.Equal(spec.raw, api.Spec) {
		t.Errorf("GET /openapi.yaml does not serve api.Spec")
	}
	f := c.do(call{name: "facilities", method: "GET", path: "/facilities", status: 200})
	if got := len(f.items()); got != len(validation.Facilities) {
		t.Errorf("facilities: %d items, want %d", got, len(validation.Facilities))
	}
}

// tooBig is a conforming JSON body over maxBody bytes: a long description within its limit.
func tooBig(maxBody int, members string) string {
	return `{` + members + `,"description":"` + strings.Repeat("x", maxBody+100) + `"}`
}

func exerciseOrganisations(t *testing.T, c *oaClient, maxBody int) {
	const path = "/organisations"

	// Lists, over the demo data.
	all := c.do(call{name: "every organisation", method: "GET", path: path + "?limit=200&include_archived=true", status: 200})
	var cityID int64
	for _, o := range all.items() {
		if o["kind"] == "city" && o["parent_id"] == nil {
			cityID = int64(o["id"].(float64))
		}
	}
	if cityID == 0 {
		t.Fatalf("no city among the demo organisations:\n%s", all.raw)
	}
	page := c.do(call{name: "first page", method: "GET", path: path + "?limit=1", status: 200})
	next := c.do(call{name: "second page", method: "GET", path: path + "?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	if len(next.items()) != 1 || next.items()[0]["id"] == page.items()[0]["id"] {
		t.Errorf("the second page does not follow the first:\n%s\n%s", page.raw, next.raw)
	}
	depts := c.do(call{name: "departments", method: "GET", status: 200,
		path: fmt.Sprintf("%s?kind=city&parent_id=%d&q=%s", path, cityID, url.QueryEscape("förvaltning"))})
	if len(depts.items()) == 0 {
		t.Errorf("no departments of the demo city:\n%s", depts.raw)
	}
	for _, k := range []call{
		{name: "foreign cursor", path: path + "?cursor=bm9wZQ", status: 422, problem: "validation", field: "cursor"},
		{name: "limit too large", path: path + "?limit=500", docRejects: true, status: 422, problem: "validation", field: "limit"},
		{name: "limit not a number", path: path + "?limit=ten", docRejects: true, status: 422, problem: "validation", field: "limit"},
		{name: "unknown kind", path: path + "?kind=club", docRejects: true, status: 422, problem: "validation", field: "kind"},
	} {
		k.method = "GET"
		c.do(k)
	}

	// Create.
	assoc := c.do(call{name: "create association", method: "POST", path: path, status: 201, body: `{
		"kind": "association", "name": "Sandareds hembygdsförening", "org_number": "8025311237",
		"description": "Hembygdsföreningen i Sandared.", "website": "https://sandared.example.se",
		"email": "info@sandared.example.se", "phone": "033-12 34 56"}`})
	assocID := assoc.id(t)
	if got := assoc.body["org_number"]; got != "802531-1237" {
		t.Errorf("org_number %v, want the canonical 802531-1237", got)
	}
	if got, want := assoc.header.Get("Location"), fmt.Sprintf("%s%s/%d", apiBase, path, assocID); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	other := c.do(call{name: "create other", method: "POST", path: path, status: 201,
		body: `{"kind": "other", "name": "Stiftelsen Ramnaparken", "org_number": null}`})
	otherID := other.id(t)
	c.refuse(call{name: "create", method: "POST", path: path, body: `{"kind":"other","name":"Obehörig"}`})
	c.do(call{name: "create department", method: "POST", path: path, status: 201,
		body: fmt.Sprintf(`{"kind": "city", "name": "Testförvaltningen", "parent_id": %d}`, cityID)})
	for _, k := range []call{
		{name: "malformed JSON", body: `{"kind":`, docRejects: true, status: 400, problem: "malformed"},
		{name: "not JSON", contentType: "text/plain", body: `{"kind":"other","name":"A"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "too large", body: tooBig(maxBody, `"kind":"other","name":"A"`), status: 413, problem: "too-large"},
		{name: "too large, chunked", chunked: true, body: tooBig(maxBody, `"kind":"other","name":"A"`), status: 413, problem: "too-large"},
		{name: "unknown field", body: `{"kind":"other","name":"A","colour":"red"}`, docRejects: true, status: 422, problem: "validation", field: "colour"},
		{name: "wrong type", body: `{"kind":"other","name":42}`, docRejects: true, status: 422, problem: "validation", field: "name"},
		{name: "no kind", body: `{"name":"A"}`, docRejects: true, status: 422, problem: "validation", field: "kind"},
		{name: "org number malformed", body: `{"kind":"association","name":"A","org_number":"802531-123"}`, docRejects: true, status: 422, problem: "validation", field: "org_number"},
		{name: "org number check digit", body: `{"kind":"association","name":"A","org_number":"802531-1238"}`, status: 422, problem: "validation", field: "org_number"},
		{name: "org number taken", body: `{"kind":"association","name":"A","org_number":"802531-1237"}`, status: 422, problem: "validation", field: "org_number"},
		{name: "unknown parent", body: `{"kind":"city","name":"A","parent_id":999999}`, status: 422, problem: "validation", field: "parent_id"},
	} {
		k.method, k.path = "POST", path
		c.do(k)
	}

	// Get.
	one := fmt.Sprintf("%s/%d", path, assocID)
	c.do(call{name: "get", method: "GET", path: one, status: 200})
	c.do(call{name: "get unknown", method: "GET", path: path + "/999999", status: 404, problem: "organisation-not-found"})
	c.do(call{name: "get non-numeric id", method: "GET", path: path + "/abc", docRejects: true, status: 404, problem: "organisation-not-found"})

	// Replace.
	body := `{"kind":"association","name":"Sandareds hembygdsförening","org_number":"802531-1237","revision":1,
		"description":"Hembygdsföreningen i Sandared, grundad 1921.","website":"https://sandared.example.se"}`
	upd := c.do(call{name: "replace", method: "PUT", path: one, body: body, status: 200})
	c.refuse(call{name: "replace", method: "PUT", path: one, body: body})
	if upd.body["revision"] != float64(2) {
		t.Errorf("revision after a replace: %v, want 2", upd.body["revision"])
	}
	for _, k := range []call{
		{name: "replace stale", body: body, status: 409, problem: "stale-revision"},
		{name: "replace unknown", path: path + "/999999", body: `{"kind":"other","name":"A"}`, status: 404, problem: "organisation-not-found"},
		{name: "replace malformed", body: `[`, docRejects: true, status: 400, problem: "malformed"},
		{name: "replace too large", body: tooBig(maxBody, `"kind":"other","name":"A"`), status: 413, problem: "too-large"},
		{name: "replace not JSON", contentType: "application/x-www-form-urlencoded", body: "kind=other&name=A", docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "replace blank name", body: `{"kind":"association","name":"   "}`, docRejects: true, status: 422, problem: "validation", field: "name"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}

	// Archive.
	archived := c.do(call{name: "archive", method: "POST", path: fmt.Sprintf("%s/%d/archive", path, otherID), status: 200})
	c.refuse(call{name: "archive", method: "POST", path: fmt.Sprintf("%s/%d/archive", path, assocID)})
	if archived.body["archived_at"] == nil {
		t.Errorf("archive: archived_at not set:\n%s", archived.raw)
	}
	c.do(call{name: "archive again", method: "POST", path: fmt.Sprintf("%s/%d/archive", path, otherID), status: 200})
	c.do(call{name: "archive unknown", method: "POST", path: path + "/999999/archive", status: 404, problem: "organisation-not-found"})
	c.do(call{name: "replace archived", method: "PUT", path: fmt.Sprintf("%s/%d", path, otherID), status: 409,
		problem: "organisation-archived", body: `{"kind":"other","name":"Stiftelsen Ramnaparken"}`})
	if !c.do(call{name: "archived are listed on request", method: "GET", path: path + "?include_archived=true&kind=other&limit=200", status: 200}).hasItem(otherID) {
		t.Errorf("include_archived=true does not list the archived organisation")
	}
}

func exerciseVenuesAndRooms(t *testing.T, c *oaClient, maxBody int) {
	// An owner of its own, and one that is archived.
	owner := c.do(call{name: "owner", method: "POST", path: "/organisations", status: 201,
		body: `{"kind":"association","name":"Sandareds IF","org_number":"802542-2349"}`}).id(t)
	gone := c.do(call{name: "archived owner", method: "POST", path: "/organisations", status: 201,
		body: `{"kind":"association","name":"Nedlagda föreningen","org_number":"802553-3459"}`}).id(t)
	c.do(call{name: "archive owner", method: "POST", path: fmt.Sprintf("/organisations/%d/archive", gone), status: 200})

	// Venues: create.
	full := func(revision string) string {
		return fmt.Sprintf(`{"owner_id": %d, "name": "Sandareds bygdegård", "street_address": "Storgatan 12",
			"postal_code": "51150", "town": "Sandared", "district": "Sandared", "latitude": 57.7109, "longitude": 12.7934,
			"description": "Bygdegård med stor sal och kök.",
			"accessibility": {"step_free_entrance": true, "hearing_loop": true, "note": "Ramp vid entrén."},
			"contact_name": "Karin Ek", "contact_email": "bokning@sandared.example.se", "contact_phone": "033-20 30 40"%s}`, owner, revision)
	}
	va := c.do(call{name: "create venue", method: "POST", path: "/venues", body: full(""), status: 201})
	vaID := va.id(t)
	if va.body["postal_code"] != "511 50" {
		t.Errorf("postal_code %v, want the canonical 511 50", va.body["postal_code"])
	}
	if got, want := va.header.Get("Location"), fmt.Sprintf("%s/venues/%d", apiBase, vaID); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	minimal := fmt.Sprintf(`{"owner_id":%d,"name":"Sandareds klubbstuga","street_address":"Skogsvägen 3","postal_code":"511 50","town":"Sandared"}`, owner)
	vbID := c.do(call{name: "create minimal venue", method: "POST", path: "/venues", body: minimal, status: 201}).id(t)
	c.refuse(call{name: "create venue", method: "POST", path: "/venues", body: minimal})
	ownerMembers := fmt.Sprintf(`"owner_id":%d,"name":"V","street_address":"G 1","postal_code":"50335","town":"Borås"`, owner)
	for _, k := range []call{
		{name: "venue malformed", body: `{"owner_id":}`, docRejects: true, status: 400, problem: "malformed"},
		{name: "venue not JSON", contentType: "text/csv", body: "owner_id,name\n1,V\n", docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "venue too large", body: tooBig(maxBody, ownerMembers), status: 413, problem: "too-large"},
		{name: "venue postal code", body: `{` + strings.Replace(ownerMembers, "50335", "01234", 1) + `}`, docRejects: true, status: 422, problem: "validation", field: "postal_code"},
		{name: "venue nested wrong type", body: `{` + ownerMembers + `,"accessibility":{"lift":"yes"}}`, docRejects: true, status: 422, problem: "validation", field: "accessibility.lift"},
		{name: "venue latitude alone", body: `{` + ownerMembers + `,"latitude":57.7}`, status: 422, problem: "validation", field: "longitude"},
		{name: "venue unknown owner", body: `{"owner_id":999999,"name":"V","street_address":"G 1","postal_code":"50335","town":"Borås"}`, status: 422, problem: "validation", field: "owner_id"},
		{name: "venue archived owner", body: fmt.Sprintf(`{"owner_id":%d,"name":"V","street_address":"G 1","postal_code":"50335","town":"Borås"}`, gone), status: 422, problem: "validation", field: "owner_id"},
	} {
		k.method, k.path = "POST", "/venues"
		c.do(k)
	}

	// Venues: get, replace, archive.
	one := fmt.Sprintf("/venues/%d", vaID)
	if got := c.do(call{name: "get venue", method: "GET", path: one, status: 200}); got.body["owner"] == nil {
		t.Errorf("get venue: no owner:\n%s", got.raw)
	}
	c.do(call{name: "get unknown venue", method: "GET", path: "/venues/999999", status: 404, problem: "venue-not-found"})
	// The same venue sent back changes nothing; a changed one is a new revision.
	if same := c.do(call{name: "replace venue unchanged", method: "PUT", path: one, body: full(`,"revision":1`), status: 200}); same.body["revision"] != float64(1) {
		t.Errorf("revision after an identical replace: %v, want 1", same.body["revision"])
	}
	c.do(call{name: "replace venue", method: "PUT", path: one, body: strings.Replace(full(`,"revision":1`), "Ramp vid entrén.", "Ramp vid entrén till vänster.", 1), status: 200})
	c.refuse(call{name: "replace venue", method: "PUT", path: one, body: full(`,"revision":2`)})
	for _, k := range []call{
		{name: "replace venue stale", body: full(`,"revision":1`), status: 409, problem: "stale-revision"},
		{name: "replace unknown venue", path: "/venues/999999", body: minimal, status: 404, problem: "venue-not-found"},
		{name: "replace venue malformed", body: `{"name":"V"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "replace venue too large", body: tooBig(maxBody, ownerMembers), status: 413, problem: "too-large"},
		{name: "replace venue not JSON", contentType: "text/plain", body: minimal, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "replace venue no town", body: fmt.Sprintf(`{"owner_id":%d,"name":"V","street_address":"G 1","postal_code":"50335"}`, owner), docRejects: true, status: 422, problem: "validation", field: "town"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
	c.do(call{name: "archive venue", method: "POST", path: fmt.Sprintf("/venues/%d/archive", vbID), status: 200})
	c.refuse(call{name: "archive venue", method: "POST", path: one + "/archive"})
	c.do(call{name: "archive unknown venue", method: "POST", path: "/venues/999999/archive", status: 404, problem: "venue-not-found"})
	c.do(call{name: "owner with venues", method: "POST", path: fmt.Sprintf("/organisations/%d/archive", owner), status: 409, problem: "organisation-has-venues"})

	// Rooms: create.
	rooms := one + "/rooms"
	ra := c.do(call{name: "create room", method: "POST", path: rooms, status: 201, body: `{"name":"Stora salen",
		"description":"Sal med scen.","capacity":80,"area_m2":120.5,"facilities":["wifi","kitchen","projector"],"bookable":true}`})
	raID := ra.id(t)
	if got, want := ra.header.Get("Location"), fmt.Sprintf("%s/rooms/%d", apiBase, raID); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	rbID := c.do(call{name: "create minimal room", method: "POST", path: rooms, status: 201, body: `{"name":"Lilla rummet","capacity":8}`}).id(t)
	c.refuse(call{name: "create room", method: "POST", path: rooms, body: `{"name":"Obehörigt rum","capacity":8}`})
	for _, k := range []call{
		{name: "room in unknown venue", path: "/venues/999999/rooms", body: `{"name":"R","capacity":5}`, status: 404, problem: "venue-not-found"},
		{name: "room in archived venue", path: fmt.Sprintf("/venues/%d/rooms", vbID), body: `{"name":"R","capacity":5}`, status: 409, problem: "venue-archived"},
		{name: "room malformed", body: `{"name":"R","capacity":5,}`, docRejects: true, status: 400, problem: "malformed"},
		{name: "room too large", body: tooBig(maxBody, `"name":"R","capacity":5`), status: 413, problem: "too-large"},
		{name: "room not JSON", contentType: "text/plain", body: `{"name":"R","capacity":5}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "room name taken", body: `{"name":"stora salen","capacity":5}`, status: 422, problem: "validation", field: "name"},
		{name: "room unknown facility", body: `{"name":"R","capacity":5,"facilities":["sauna"]}`, docRejects: true, status: 422, problem: "validation", field: "facilities[0]"},
		{name: "room repeated facility", body: `{"name":"R","capacity":5,"facilities":["wifi","wifi"]}`, docRejects: true, status: 422, problem: "validation", field: "facilities"},
		{name: "room no capacity", body: `{"name":"R","capacity":0}`, docRejects: true, status: 422, problem: "validation", field: "capacity"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = rooms
		}
		c.do(k)
	}

	// Rooms: lists.
	page := c.do(call{name: "venue rooms, first page", method: "GET", path: rooms + "?limit=1", status: 200})
	c.do(call{name: "venue rooms, second page", method: "GET", path: rooms + "?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	c.do(call{name: "rooms of unknown venue", method: "GET", path: "/venues/999999/rooms", status: 404, problem: "venue-not-found"})
	c.do(call{name: "venue rooms, bad capacity", method: "GET", path: rooms + "?capacity_min=many", docRejects: true, status: 422, problem: "validation", field: "capacity_min"})
	c.do(call{name: "every room", method: "GET", path: "/rooms?limit=200&include_archived=true", status: 200})
	page = c.do(call{name: "rooms, first page", method: "GET", path: "/rooms?limit=1", status: 200})
	c.do(call{name: "rooms, second page", method: "GET", path: "/rooms?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	found := c.do(call{name: "rooms by filters", method: "GET", status: 200,
		path: fmt.Sprintf("/rooms?facilities=wifi&facilities=kitchen&capacity_min=50&owner_id=%d&owner_kind=association&district=sandared&accessibility=step_free_entrance&q=bygdeg%%C3%%A5rd", owner)})
	if got := found.items(); len(got) != 1 || !found.hasItem(raID) {
		t.Errorf("rooms by filters: want just room %d:\n%s", raID, found.raw)
	}
	c.do(call{name: "rooms, unknown accessibility", method: "GET", path: "/rooms?accessibility=ramp", docRejects: true, status: 422, problem: "validation", field: "accessibility[0]"})

	// Rooms: get, replace, archive.
	room := fmt.Sprintf("/rooms/%d", raID)
	if got := c.do(call{name: "get room", method: "GET", path: room, status: 200}); got.body["venue"] == nil {
		t.Errorf("get room: no venue:\n%s", got.raw)
	}
	c.do(call{name: "get unknown room", method: "GET", path: "/rooms/999999", status: 404, problem: "room-not-found"})
	roomBody := `{"name":"Stora salen","capacity":90,"area_m2":null,"facilities":["stage","wifi","kitchen"],"bookable":false,"revision":1}`
	c.do(call{name: "replace room", method: "PUT", path: room, body: roomBody, status: 200})
	c.refuse(call{name: "replace room", method: "PUT", path: room, body: `{"name":"Stora salen","capacity":1}`})
	for _, k := range []call{
		{name: "replace room stale", body: roomBody, status: 409, problem: "stale-revision"},
		{name: "replace unknown room", path: "/rooms/999999", body: `{"name":"R","capacity":5}`, status: 404, problem: "room-not-found"},
		{name: "replace room malformed", body: `{"name":"R","capacity":5`, docRejects: true, status: 400, problem: "malformed"},
		{name: "replace room too large", body: tooBig(maxBody, `"name":"R","capacity":5`), status: 413, problem: "too-large"},
		{name: "replace room not JSON", contentType: "text/plain", body: `{"name":"R","capacity":5}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "replace room no name", body: `{"capacity":5}`, docRejects: true, status: 422, problem: "validation", field: "name"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = room
		}
		c.do(k)
	}
	c.do(call{name: "archive room", method: "POST", path: fmt.Sprintf("/rooms/%d/archive", rbID), status: 200})
	c.refuse(call{name: "archive room", method: "POST", path: room + "/archive"})
	c.do(call{name: "archive unknown room", method: "POST", path: "/rooms/999999/archive", status: 404, problem: "room-not-found"})
	c.do(call{name: "replace archived room", method: "PUT", path: fmt.Sprintf("/rooms/%d", rbID), body: `{"name":"Lilla rummet","capacity":8}`, status: 409, problem: "room-archived"})

	// Venues: lists, now that there are rooms to filter on.
	c.do(call{name: "every venue", method: "GET", path: "/venues?limit=200&include_archived=true", status: 200})
	page = c.do(call{name: "venues, first page", method: "GET", path: "/venues?limit=1", status: 200})
	c.do(call{name: "venues, second page", method: "GET", path: "/venues?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	found = c.do(call{name: "venues by filters", method: "GET", status: 200,
		path: "/venues?facilities=stage&facilities=kitchen&capacity_min=50&owner_kind=association&district=Sandared&accessibility=step_free_entrance&accessibility=hearing_loop&q=Storgatan"})
	if got := found.items(); len(got) != 1 || !found.hasItem(vaID) {
		t.Errorf("venues by filters: want just venue %d:\n%s", vaID, found.raw)
	} else if got[0]["room_count"] != float64(1) || got[0]["max_capacity"] != float64(90) {
		t.Errorf("venues by filters: room_count %v, max_capacity %v, want 1 and 90", got[0]["room_count"], got[0]["max_capacity"])
	}
	for _, k := range []call{
		{name: "venues, unknown facility", path: "/venues?facilities=sauna", docRejects: true, status: 422, problem: "validation", field: "facilities[0]"},
		{name: "venues, negative capacity", path: "/venues?capacity_min=-1", docRejects: true, status: 422, problem: "validation", field: "capacity_min"},
		{name: "venues, foreign cursor", path: "/venues?cursor=e30", status: 422, problem: "validation", field: "cursor"},
	} {
		k.method = "GET"
		c.do(k)
	}
}
