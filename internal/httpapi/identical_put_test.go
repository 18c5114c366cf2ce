package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
)

// An identical PUT (the body a client just read, sent back) changes nothing: the same
// revision and updated_at, and no audit entry. Before issue 12 every PUT raised the revision
// and wrote an audit entry, so feeds and clients saw changes that were none.
func TestIdenticalPutChangesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	owner := e.org("city", "Kulturförvaltningen")
	v := e.venueOf(owner.ID, "Kulturhuset")
	room := e.roomIn(v.ID, "Lilla salen")
	iop, iopPath := e.agreementOf("active")
	se := e.meetingSeriesOf(owner.ID, owner.ID)
	m := e.onlineMeeting(se.ID, 3)

	for _, c := range []struct {
		name, path, objectType string
		id                     int64
	}{
		{"organisation", fmt.Sprintf("/api/v1/organisations/%d", owner.ID), "organisation", owner.ID},
		{"venue", fmt.Sprintf("/api/v1/venues/%d", v.ID), "venue", v.ID},
		{"room", fmt.Sprintf("/api/v1/rooms/%d", room.ID), "room", room.ID},
		{"agreement", iopPath, "agreement", iop},
		{"the Compact", e.compactPath(), "agreement", 0},
		{"meeting series", fmt.Sprintf("/api/v1/meeting-series/%d", se.ID), "meeting_series", se.ID},
		{"meeting", fmt.Sprintf("/api/v1/meetings/%d", m.ID), "meeting", m.ID},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := e.do("GET", c.path, "")
			if got.status != http.StatusOK {
				t.Fatalf("GET: %d %s", got.status, got.raw)
			}
			entries := e.count("SELECT count(*) FROM audit_log WHERE object_type = ? AND object_id = ?", c.objectType, got.body["id"])
			put := e.do("PUT", c.path, got.raw)
			if put.status != http.StatusOK {
				t.Fatalf("PUT what was read: %d %s", put.status, put.raw)
			}
			for _, k := range []string{"revision", "updated_at"} {
				if _, ok := got.body[k]; ok && fmt.Sprint(put.body[k]) != fmt.Sprint(got.body[k]) {
					t.Errorf("%s %v, was %v", k, put.body[k], got.body[k])
				}
			}
			if n := e.count("SELECT count(*) FROM audit_log WHERE object_type = ? AND object_id = ?", c.objectType, got.body["id"]); n != entries {
				t.Errorf("%d audit entries, was %d", n, entries)
			}
		})
	}
}
