package httpapi_test

import (
	"fmt"
	"testing"
)

// exerciseRoomParts makes a hall of two halves through the API, reads it back from both
// sides, and sends each kind of bad input and a change that would make two bookings clash,
// checking that none of them changed anything.
func exerciseRoomParts(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("association", "Idrottsföreningen")
	v := e.venueOf(owner.ID, "Idrottshallen")
	hall, north, south, stage := e.roomIn(v.ID, "Hallen"), e.roomIn(v.ID, "Norra halvan"), e.roomIn(v.ID, "Södra halvan"), e.roomIn(v.ID, "Scenen")
	elsewhere := e.roomIn(e.venueOf(owner.ID, "Klubbstugan").ID, "Stugan")
	path := fmt.Sprintf("/rooms/%d/parts", hall.ID)
	start, end := e.slot(7)
	whole := e.book(owner.ID, hall.ID, start, end, false)
	e.book(owner.ID, stage.ID, start, end, false)

	c.do(call{name: "parts, none yet", method: "GET", path: path, as: anonymous, status: 200})
	good := fmt.Sprintf(`{"part_ids":[%d,%d,%d]}`, south.ID, north.ID, north.ID)
	set := c.do(call{name: "set parts", method: "PUT", path: path, body: good, status: 200})
	if fmt.Sprint(set.body["part_ids"]) != fmt.Sprintf("[%d %d]", north.ID, south.ID) {
		t.Errorf("set parts: want the two halves in order:\n%s", set.raw)
	}
	half := c.do(call{name: "parts of a half", method: "GET", path: fmt.Sprintf("/rooms/%d/parts", north.ID), as: anonymous, status: 200})
	if fmt.Sprint(half.body["part_of_ids"]) != fmt.Sprintf("[%d]", hall.ID) {
		t.Errorf("parts of a half: want it part of the hall:\n%s", half.raw)
	}
	if n := e.count(`SELECT count(*) FROM booking_holds WHERE booking_id = ? AND atom_room_id IN (?, ?)`, whole.ID, north.ID, south.ID); n != 2 {
		t.Errorf("the hall's booking holds %d halves, want 2", n)
	}
	c.do(call{name: "parts of an unknown room", method: "GET", path: "/rooms/999999/parts", status: 404, problem: "room-not-found"})
	c.refuse(call{name: "set parts", method: "PUT", path: path, body: good})
	clash := c.do(call{name: "parts that clash", method: "PUT", path: path, body: fmt.Sprintf(`{"part_ids":[%d,%d,%d]}`, north.ID, south.ID, stage.ID),
		status: 409, problem: "booking-conflict"})
	if cs, _ := clash.body["conflicts"].([]any); len(cs) != 2 {
		t.Errorf("parts that clash: want the hall's and the stage's bookings:\n%s", clash.raw)
	}
	c.sendAll("PUT", path, append(bodyErrors("parts", good, maxBody),
		call{name: "parts, the room itself", body: fmt.Sprintf(`{"part_ids":[%d]}`, hall.ID), status: 422, problem: "validation", field: "part_ids[0]"},
		call{name: "parts, unknown room", body: fmt.Sprintf(`{"part_ids":[%d,999999]}`, north.ID), status: 422, problem: "validation", field: "part_ids[1]"},
		call{name: "parts, other venue", body: fmt.Sprintf(`{"part_ids":[%d]}`, elsewhere.ID), status: 422, problem: "validation", field: "part_ids[0]"},
		call{name: "parts, id 0", body: `{"part_ids":[0]}`, docRejects: true, status: 422, problem: "validation", field: "part_ids[0]"},
		call{name: "parts, no list", body: `{}`, docRejects: true, status: 422, problem: "validation", field: "part_ids"},
		call{name: "parts of an unknown room", path: "/rooms/999999/parts", body: good, status: 404, problem: "room-not-found"},
	))
	c.do(call{name: "parts, a cycle", method: "PUT", path: fmt.Sprintf("/rooms/%d/parts", north.ID), body: fmt.Sprintf(`{"part_ids":[%d]}`, hall.ID),
		status: 422, problem: "validation", field: "part_ids[0]"})
	after := c.do(call{name: "parts after refusals", method: "GET", path: path, status: 200})
	if fmt.Sprint(after.body["part_ids"]) != fmt.Sprintf("[%d %d]", north.ID, south.ID) {
		t.Errorf("refused parts were stored:\n%s", after.raw)
	}
	if n := e.count(`SELECT count(*) FROM audit_log WHERE action = 'room_parts.update'`); n != 1 {
		t.Errorf("%d audit entries for parts, want 1", n)
	}
}
