package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// exerciseRoomSettings sets a room's rules, opening hours, closures and partners through
// the API, and sends each kind of bad input, checking that it names the field and that
// nothing was stored.
func exerciseRoomSettings(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("association", "Hembygdsföreningen")
	v := e.venueOf(owner.ID, "Hembygdsgården")
	room := e.roomIn(v.ID, "Salen")
	rules := fmt.Sprintf("/rooms/%d/rules", room.ID)

	got := c.do(call{name: "rules, the defaults", method: "GET", path: rules, as: anonymous, status: 200})
	if r, _ := got.body["rules"].(map[string]any); r["who_may_book"] != "any" || r["revision"] != float64(0) || r["horizon_days"] != float64(365) {
		t.Errorf("rules, the defaults: want any organisation, a year ahead, revision 0:\n%s", got.raw)
	}
	c.do(call{name: "rules of an unknown room", method: "GET", path: "/rooms/999999/rules", status: 404, problem: "room-not-found"})

	exerciseRules(t, e, c, maxBody, rules)
	exerciseOpeningHours(t, e, c, maxBody, fmt.Sprintf("/rooms/%d/opening-hours", room.ID), rules)
	exerciseClosures(t, e, c, maxBody, fmt.Sprintf("/rooms/%d/closures", room.ID), fmt.Sprintf("/venues/%d/closures", v.ID), rules)
	exercisePremises(t, e, c)
}

// bodyErrors are the calls every operation with a JSON body answers alike: a body that is
// not JSON, not sent as JSON, or too large.
func bodyErrors(name, good string, maxBody int) []call {
	return []call{
		{name: name + " malformed", body: `{"x":`, docRejects: true, status: 400, problem: "malformed"},
		{name: name + " not JSON", contentType: "text/plain", body: good, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: name + " too large", body: padded(maxBody, good), status: 413, problem: "too-large"},
		{name: name + " unknown field", body: good[:len(good)-1] + `,"colour":"red"}`, docRejects: true, status: 422, problem: "validation", field: "colour"},
	}
}

// sendAll sends each call with the method and path given, where the call has none.
func (c *oaClient) sendAll(method, path string, calls []call) {
	c.t.Helper()
	for _, k := range calls {
		k.method = method
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
}

func exerciseRules(t *testing.T, e *env, c *oaClient, maxBody int, rules string) {
	good := `{"who_may_book":"partners","needs_approval":true,"min_notice_minutes":1440,"horizon_days":90,"max_duration_minutes":180,"cancel_before_minutes":2880,"holidays_closed":true,"terms":" Nycklar i receptionen "}`
	set := c.do(call{name: "set rules", method: "PUT", path: rules, body: good, status: 200})
	want := map[string]any{"who_may_book": "partners", "needs_approval": true, "min_notice_minutes": float64(1440), "horizon_days": float64(90),
		"max_duration_minutes": float64(180), "cancel_before_minutes": float64(2880), "holidays_closed": true, "terms": "Nycklar i receptionen", "revision": float64(1)}
	for k, v := range want {
		if set.body[k] != v {
			t.Errorf("set rules: %s = %v, want %v:\n%s", k, set.body[k], v, set.raw)
		}
	}
	if again := c.do(call{name: "set rules again", method: "PUT", path: rules, body: good, status: 200}); again.body["revision"] != float64(2) {
		t.Errorf("set rules again: want revision 2:\n%s", again.raw)
	}
	c.refuse(call{name: "set rules", method: "PUT", path: rules, body: good})
	c.sendAll("PUT", rules, append(bodyErrors("rules", good, maxBody),
		call{name: "rules, unknown rule", body: strings.Replace(good, `"partners"`, `"everyone"`, 1), docRejects: true, status: 422, problem: "validation", field: "who_may_book"},
		call{name: "rules, no rule", body: strings.Replace(good, `"who_may_book":"partners",`, "", 1), docRejects: true, status: 422, problem: "validation", field: "who_may_book"},
		call{name: "rules, no horizon", body: strings.Replace(good, `"horizon_days":90`, `"horizon_days":0`, 1), docRejects: true, status: 422, problem: "validation", field: "horizon_days"},
		call{name: "rules, horizon as text", body: strings.Replace(good, `"horizon_days":90`, `"horizon_days":"90"`, 1), docRejects: true, status: 422, problem: "validation", field: "horizon_days"},
		call{name: "rules, negative notice", body: strings.Replace(good, `"min_notice_minutes":1440`, `"min_notice_minutes":-1`, 1), docRejects: true, status: 422, problem: "validation", field: "min_notice_minutes"},
		call{name: "rules of an unknown room", path: "/rooms/999999/rules", body: good, status: 404, problem: "room-not-found"},
	))
	if n := e.count(`SELECT revision FROM booking_rules WHERE room_id = ?`, roomOf(rules)); n != 2 {
		t.Errorf("bad rules were stored: revision %d, want 2", n)
	}
}

func exerciseOpeningHours(t *testing.T, e *env, c *oaClient, maxBody int, path, rules string) {
	good := `{"opening_hours":[{"weekday":5,"opens":"17:00","closes":"24:00"},{"weekday":1,"opens":"13:00","closes":"22:00"},{"weekday":1,"opens":"08:00","closes":"12:00"}]}`
	set := c.do(call{name: "set opening hours", method: "PUT", path: path, body: good, status: 200})
	const stored = `[{"closes":"12:00","opens":"08:00","weekday":1},{"closes":"22:00","opens":"13:00","weekday":1},{"closes":"24:00","opens":"17:00","weekday":5}]`
	if got, _ := json.Marshal(set.body["opening_hours"]); string(got) != stored {
		t.Errorf("set opening hours: got %s, want %s", got, stored)
	}
	c.refuse(call{name: "set opening hours", method: "PUT", path: path, body: good})
	c.sendAll("PUT", path, append(bodyErrors("opening hours", good, maxBody),
		call{name: "opening hours, no list", body: `{}`, docRejects: true, status: 422, problem: "validation", field: "opening_hours"},
		call{name: "opening hours, unreadable time", body: strings.Replace(good, `"24:00"`, `"25:00"`, 1), docRejects: true, status: 422, problem: "validation", field: "opening_hours[0].closes"},
		call{name: "opening hours, no weekday 8", body: strings.Replace(good, `"weekday":5`, `"weekday":8`, 1), docRejects: true, status: 422, problem: "validation", field: "opening_hours[0].weekday"},
		call{name: "opening hours, closes before it opens", body: strings.Replace(good, `"opens":"13:00","closes":"22:00"`, `"opens":"13:00","closes":"12:30"`, 1), status: 422, problem: "validation", field: "opening_hours[1].closes"},
		call{name: "opening hours overlap", body: strings.Replace(good, `"opens":"08:00","closes":"12:00"`, `"opens":"08:00","closes":"14:00"`, 1), status: 422, problem: "validation", field: "opening_hours[2].opens"},
		call{name: "opening hours of an unknown room", path: "/rooms/999999/opening-hours", body: good, status: 404, problem: "room-not-found"},
	))
	after := c.do(call{name: "rules after bad opening hours", method: "GET", path: rules, status: 200})
	if got, _ := json.Marshal(after.body["opening_hours"]); string(got) != stored {
		t.Errorf("bad opening hours were stored: %s", got)
	}
}

func exerciseClosures(t *testing.T, e *env, c *oaClient, maxBody int, roomPath, venuePath, rules string) {
	good := `{"first_day":"2030-12-23","last_day":"2031-01-02","reason":"Julstängt"}`
	made := c.do(call{name: "close the room", method: "POST", path: roomPath, body: good, status: 201})
	id := made.id(t)
	if loc := made.header.Get("Location"); loc != fmt.Sprintf("%s/closures/%d", apiBase, id) {
		t.Errorf("close the room: Location %q", loc)
	}
	if made.body["room_id"] != float64(roomOf(roomPath)) || made.body["venue_id"] != nil || made.body["first_day"] != "2030-12-23" || made.body["reason"] != "Julstängt" {
		t.Errorf("close the room: got\n%s", made.raw)
	}
	whole := c.do(call{name: "close the venue", method: "POST", path: venuePath, body: `{"first_day":"2030-07-01","last_day":"2030-07-31"}`, status: 201})
	if whole.body["venue_id"] == nil || whole.body["room_id"] != nil {
		t.Errorf("close the venue: got\n%s", whole.raw)
	}
	listed := c.do(call{name: "rules with closures", method: "GET", path: rules, as: anonymous, status: 200})
	if cl, _ := listed.body["closures"].([]any); len(cl) != 2 || cl[0].(map[string]any)["id"] != whole.body["id"] {
		t.Errorf("rules with closures: want the venue's, then the room's:\n%s", listed.raw)
	}
	before := e.count(`SELECT count(*) FROM closures`)
	for _, path := range []string{roomPath, venuePath} {
		c.refuse(call{name: "close", method: "POST", path: path, body: good})
		c.sendAll("POST", path, append(bodyErrors("closure", good, maxBody),
			call{name: "closure, last before first", body: strings.Replace(good, "2031-01-02", "2030-12-22", 1), status: 422, problem: "validation", field: "last_day"},
			call{name: "closure, unreadable day", body: strings.Replace(good, "2030-12-23", "23 dec", 1), docRejects: true, status: 422, problem: "validation", field: "first_day"},
			call{name: "closure, no first day", body: `{"last_day":"2031-01-02"}`, docRejects: true, status: 422, problem: "validation", field: "first_day"},
			call{name: "closure, reason too long", body: strings.Replace(good, "Julstängt", strings.Repeat("x", 501), 1), docRejects: true, status: 422, problem: "validation", field: "reason"},
		))
	}
	c.do(call{name: "close an unknown room", method: "POST", path: "/rooms/999999/closures", body: good, status: 404, problem: "room-not-found"})
	c.do(call{name: "close an unknown venue", method: "POST", path: "/venues/999999/closures", body: good, status: 404, problem: "venue-not-found"})
	if after := e.count(`SELECT count(*) FROM closures`); after != before {
		t.Errorf("bad closures were stored: %d, want %d", after, before)
	}

	one := fmt.Sprintf("/closures/%d", id)
	c.refuse(call{name: "remove a closure", method: "DELETE", path: one})
	c.do(call{name: "remove a closure", method: "DELETE", path: one, status: 204})
	c.do(call{name: "remove a closure again", method: "DELETE", path: one, status: 404, problem: "closure-not-found"})
	c.do(call{name: "remove the venue's closure", method: "DELETE", path: fmt.Sprintf("/closures/%d", whole.id(t)), status: 204})
	if n := e.count(`SELECT count(*) FROM closures`); n != before-2 {
		t.Errorf("after removing both: %d closures, want %d", n, before-2)
	}
}

// roomOf reads the room id of a path /rooms/{id}/….
func roomOf(path string) int64 {
	var id int64
	if _, err := fmt.Sscanf(path, "/rooms/%d/", &id); err != nil {
		panic(err)
	}
	return id
}
