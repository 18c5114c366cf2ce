package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestRoomPageParts: the page of a whole names its parts, and the page of a part names the
// whole, each as a link.
func TestRoomPageParts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	half, err := w.venues.CreateRoom(ctx, access.System, w.venueA.ID, venue.RoomInput{Name: "Halva A", Capacity: 6})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.bookings.SetRoomParts(ctx, access.System, w.roomA.ID, []int64{half.ID}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		room, linked int64
		label, name  string
	}{
		{w.roomA.ID, half.ID, "Består av", "Halva A"},
		{half.ID, w.roomA.ID, "Är en del av", "Rum A"},
	} {
		p := w.browsers[anon].get(fmt.Sprintf("/rum/%d", tc.room))
		p.status(t, http.StatusOK)
		dl := p.doc.Find("main dl.facts").First()
		link := dl.Find(fmt.Sprintf(`a[href="/rum/%d"]`, tc.linked))
		if link.Length() != 1 || link.Text() != tc.name || !strings.Contains(link.Closest(".facts__row").Find("dt").Text(), tc.label) {
			t.Errorf("room %d: want %q linking %q in its facts, got %q", tc.room, tc.label, tc.name, strings.Join(strings.Fields(dl.Text()), " "))
		}
	}
	if strings.Contains(w.browsers[anon].get(fmt.Sprintf("/rum/%d", w.approvalA.ID)).doc.Find("main dl.facts").Text(), "Består av") {
		t.Error("a room without parts says it consists of some")
	}
}
