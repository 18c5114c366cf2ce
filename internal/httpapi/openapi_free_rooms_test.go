package httpapi_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// exerciseFreeRoomPages walks the free rooms of a window two at a time by next_cursor: every
// free room exactly once, in order of name, the taken one never, and the cursor and limit
// refused when they are not the API's.
func exerciseFreeRoomPages(t *testing.T, e *env, c *oaClient) {
	owner := e.org("association", "Sidföreningen")
	v := e.venueOf(owner.ID, "Sidhuset")
	var want []float64
	start, end := e.slot(40)
	for i := range 5 {
		r := e.roomIn(v.ID, fmt.Sprintf("Sidrum %d", i))
		if i == 1 {
			e.book(owner.ID, r.ID, start, end, false)
			continue
		}
		want = append(want, float64(r.ID))
	}
	base := fmt.Sprintf("/availability?from=%s&to=%s&owner_id=%d&limit=2",
		url.QueryEscape(start.Format(time.RFC3339)), url.QueryEscape(end.Format(time.RFC3339)), owner.ID)
	var got []float64
	path := base
	for page := 1; ; page++ {
		r := c.do(call{name: "free rooms, a page", method: "GET", path: path, as: anonymous, status: 200})
		items := r.items()
		if len(items) == 0 || len(items) > 2 || page > len(want) {
			t.Fatalf("free rooms, page %d: want one or two rooms:\n%s", page, r.raw)
		}
		for _, it := range items {
			got = append(got, it["id"].(float64))
		}
		next, _ := r.body["next_cursor"].(string)
		if next == "" {
			break
		}
		path = base + "&cursor=" + url.QueryEscape(next)
	}
	if !slices.Equal(want, got) {
		t.Errorf("free rooms by pages: rooms %v, want each of %v once, by name", got, want)
	}
	for _, k := range []call{
		{name: "free rooms, limit too large", path: strings.Replace(base, "limit=2", "limit=500", 1), docRejects: true, status: 422, problem: "validation", field: "limit"},
		{name: "free rooms, foreign cursor", path: base + "&cursor=bm9wZQ", status: 422, problem: "validation", field: "cursor"},
	} {
		k.method = "GET"
		c.do(k)
	}
}
