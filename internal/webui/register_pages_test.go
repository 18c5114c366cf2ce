package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// roomNamed finds the live room of the venue by name.
func (s *site) roomNamed(t *testing.T, v *venue.Venue, name string) *venue.Room {
	t.Helper()
	page, err := s.venues.FindRooms(context.Background(), venue.Filter{VenueID: v.ID, Q: name})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("room %q of %s: %v, %d found", name, v.Name, err, len(page.Items))
	}
	return &page.Items[0]
}

const roomFormSel = `main form[action$="/andra"]`

// TestEditRoom changes a room from its page: facts and accessibility, every error at once,
// its parts, a photo, archiving.
func TestEditRoom(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	v := s.venueNamed(t, "Norrby träffpunkt")
	hall := s.roomNamed(t, v, "Stora salen")
	craft := s.roomNamed(t, v, "Hantverksrummet")
	edit := fmt.Sprintf("/rum/%d/andra", hall.ID)
	b := s.adminOf(t, "Fritids- och folkhälsoförvaltningen")

	t.Run("OK", func(t *testing.T) {
		values := b.get(edit).formValues(t, roomFormSel)
		if values.Get("name") != "Stora salen" || values.Get("capacity") != "90" || values.Get("revision") == "" {
			t.Fatalf("form not filled in: %v", values)
		}
		values.Set("capacity", "80")
		values.Add("accessibility", "hearing_loop")
		values.Set("accessibility_note", "Slingan täcker främre halvan.")
		r := b.post(edit, values)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != fmt.Sprintf("/rum/%d?klart=rum-andrat", hall.ID) {
			t.Errorf("redirect to %q", loc)
		}
		got, err := s.venues.FindRoomByID(ctx, hall.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Capacity != 80 || !got.HearingLoop || got.Lift || got.Accessibility.Note != "Slingan täcker främre halvan." {
			t.Errorf("stored %+v", got)
		}
		page := b.get(fmt.Sprintf("/rum/%d?klart=rum-andrat", hall.ID))
		if n := page.text(".notice--ok"); n != "Rummet är sparat." {
			t.Errorf("notice %q", n)
		}
		if a := page.text(".columns__side .panel"); !strings.Contains(a, "Hörslinga: Ja") || !strings.Contains(a, "Slingan täcker främre halvan.") {
			t.Errorf("the room's accessibility: %s", a)
		}
	})

	t.Run("EveryErrorAtOnce", func(t *testing.T) {
		values := b.get(edit).formValues(t, roomFormSel)
		values.Set("name", " ")
		values.Set("capacity", "många")
		values.Set("accessibility_note", strings.Repeat("x", 2001))
		r := b.post(edit, values)
		r.status(t, http.StatusUnprocessableEntity)
		summary := r.text(".error-summary__list")
		for _, want := range []string{"Namn", "Kapacitet", "tillgänglighet"} {
			if !strings.Contains(strings.ToLower(summary), strings.ToLower(want)) {
				t.Errorf("summary lacks %q: %s", want, summary)
			}
		}
		if n := r.doc.Find(".error-summary__list li").Length(); n != 3 {
			t.Errorf("%d errors, want 3: %s", n, summary)
		}
	})

	t.Run("Parts", func(t *testing.T) {
		p := b.post(fmt.Sprintf("/rum/%d/delar", hall.ID), url.Values{"csrf": {b.csrf()}, "part_ids": {fmt.Sprint(craft.ID)}})
		p.status(t, http.StatusSeeOther)
		rp, err := s.bookings.FindRoomParts(ctx, hall.ID)
		if err != nil || len(rp.Parts) != 1 || rp.Parts[0] != craft.ID {
			t.Fatalf("parts = %+v, %v", rp, err)
		}
		if got := b.get(edit).formValues(t, `#delar form`); got.Get("part_ids") != fmt.Sprint(craft.ID) {
			t.Errorf("the part is not ticked: %v", got)
		}
	})

	t.Run("Photo", func(t *testing.T) {
		bad := b.postFile(edit[:len(edit)-len("/andra")]+"/bilder", url.Values{"csrf": {b.csrf()}, "alt_text": {""}},
			upload{"salen.jpg", "image/jpeg", []byte("<html>inte en bild</html>")})
		bad.status(t, http.StatusUnprocessableEntity)
		if n := bad.doc.Find("#bilder .error-summary__list li").Length(); n != 2 {
			t.Errorf("%d errors, want 2 (file, alt text): %s", n, bad.text("#bilder .error-summary__list"))
		}
		ok := b.postFile(fmt.Sprintf("/rum/%d/bilder", hall.ID), url.Values{"csrf": {b.csrf()}, "alt_text": {"Stora salen dukad för fest"}},
			upload{"salen.png", "application/octet-stream", testPNG()})
		ok.status(t, http.StatusSeeOther)
		page := b.get(fmt.Sprintf("/rum/%d", hall.ID))
		img := page.doc.Find(`.photo-gallery img[alt="Stora salen dukad för fest"]`)
		src := img.AttrOr("src", "")
		if !strings.HasPrefix(src, "/bilder/") || !strings.HasSuffix(src, "/stor.jpg") {
			t.Fatalf("photo on the room page: %q", src)
		}
		pic := b.get(src)
		pic.status(t, http.StatusOK)
		if ct := pic.resp.Header.Get("Content-Type"); ct != "image/jpeg" {
			t.Errorf("Content-Type %q", ct)
		}
	})

	t.Run("Archive", func(t *testing.T) {
		spare, err := s.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: "Extrarummet", Capacity: 4})
		if err != nil {
			t.Fatal(err)
		}
		r := b.post(fmt.Sprintf("/rum/%d/arkivera", spare.ID), url.Values{"csrf": {b.csrf()}})
		r.status(t, http.StatusSeeOther)
		got, _ := s.venues.FindRoomByID(ctx, spare.ID)
		if !got.Archived() {
			t.Error("not archived")
		}
		if n := b.get(r.resp.Header.Get("Location")).text(".notice--ok"); !strings.Contains(n, "arkiverat") {
			t.Errorf("notice %q", n)
		}
	})

	t.Run("ErrNotOwner", func(t *testing.T) {
		other := s.adminOf(t, "Kulturförvaltningen")
		other.get(edit).status(t, http.StatusForbidden)
	})
}

// TestOrganisationForm adds an organisation as the city administrator, with every error
// shown at once first, and lets its admin change it.
func TestOrganisationForm(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	city := s.cityAdmin(t)
	form := city.get("/organisationer/ny").formValues(t, `main form[action="/organisationer/ny"]`)
	bad := city.post("/organisationer/ny", fill(form, "name", "", "org_number", "123", "website", "inte en adress"))
	bad.status(t, http.StatusUnprocessableEntity)
	if n := bad.doc.Find(".error-summary__list li").Length(); n != 3 {
		t.Errorf("%d errors, want 3: %s", n, bad.text(".error-summary__list"))
	}
	r := city.post("/organisationer/ny", fill(form, "name", "Sjöbo IF", "kind", "association", "org_number", "", "website", ""))
	r.status(t, http.StatusSeeOther)
	o := s.orgNamed(t, "Sjöbo IF")
	if loc := r.resp.Header.Get("Location"); loc != fmt.Sprintf("/organisationer/%d?klart=org-ny", o.ID) {
		t.Errorf("redirect to %q", loc)
	}

	admin := s.adminOf(t, "Kulturförvaltningen")
	kultur := s.orgNamed(t, "Kulturförvaltningen")
	edit := fmt.Sprintf("/organisationer/%d/andra", kultur.ID)
	page := admin.get(edit)
	if page.doc.Find(`select[name="kind"], select[name="parent_id"]`).Length() != 0 {
		t.Error("an organisation's admin is offered its kind or parent")
	}
	admin.post(edit, fill(page.formValues(t, `main form[action$="/andra"]`), "website", "https://kultur.example.org")).status(t, http.StatusSeeOther)
	got := s.orgNamed(t, "Kulturförvaltningen")
	if got.Website != "https://kultur.example.org" || got.Kind != kultur.Kind || got.ParentID == nil || kultur.ParentID == nil || *got.ParentID != *kultur.ParentID {
		t.Errorf("stored %+v", got)
	}
}
