package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// closure closes the room for a day next December, as the system, and returns the closure.
func (w *world) closure(room int64) int64 {
	c, err := w.bookings.AddClosure(context.Background(), access.System, booking.ClosureInput{RoomID: room,
		FirstDay: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Reason: "Städning"})
	if err != nil {
		w.t.Fatal(err)
	}
	return c.ID
}

// partners makes the organisations partners of the room (in its owner's venue) under a
// new active premises-sharing agreement, as the system, and returns the agreement.
func (w *world) partners(room int64, orgs ...int64) *agreement.Agreement {
	ctx := context.Background()
	r, err := w.venues.FindRoomByID(ctx, room)
	if err != nil {
		w.t.Fatal(err)
	}
	in := agreement.Input{Kind: "premises_sharing", Title: w.unique("Lokalavtal"), Status: "active", Terms: "Utan kostnad",
		Parties:  []agreement.PartyInput{{OrganisationID: r.Venue.OwnerID, Role: "owner"}},
		Premises: []agreement.PremisesInput{{RoomID: room}}}
	for _, o := range orgs {
		in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: o, Role: "partner"})
	}
	a, err := w.agree.CreateAgreement(ctx, access.System, in)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

// allDay is the opening hours form filled in with 00:00–24:00 on every weekday.
func allDay() []string {
	var kv []string
	for wd := 1; wd <= 7; wd++ {
		kv = append(kv, fmt.Sprintf("opens_%d_1", wd), "00:00", fmt.Sprintf("closes_%d_1", wd), "24:00")
	}
	return kv
}

// settingsForm fetches the room's settings page in the browser and returns the values of
// the form that posts to action (with the CSRF token), filled in with kv.
func settingsForm(t *testing.T, b *browser, room int64, action string, kv ...string) (string, url.Values) {
	t.Helper()
	path := fmt.Sprintf("/rum/%d/installningar", room)
	p := b.get(path)
	p.status(t, http.StatusOK)
	return path + "/" + action, fill(p.formValues(t, `form[action="`+path+"/"+action+`"]`), kv...)
}

// postSettings posts the settings form to action as the page has it, filled in with kv.
func postSettings(t *testing.T, b *browser, room int64, action string, kv ...string) page {
	t.Helper()
	path, form := settingsForm(t, b, room, action, kv...)
	return b.post(path, form)
}

// saved checks that p redirects to the room's settings page with the notice klart, and
// returns that page.
func saved(t *testing.T, b *browser, p page, room int64, klart, notice string) page {
	t.Helper()
	p.status(t, http.StatusSeeOther)
	if loc, want := p.resp.Header.Get("Location"), fmt.Sprintf("/rum/%d/installningar?klart=%s", room, klart); loc != want {
		t.Fatalf("redirect to %q, want %q", loc, want)
	}
	got := b.get(p.resp.Header.Get("Location"))
	got.status(t, http.StatusOK)
	if n := got.text(".notice--ok"); n != notice {
		t.Errorf("notice %q, want %q", n, notice)
	}
	return got
}

// fieldError checks that the page shows msg next to the field and links to it from the
// summary at the top.
func fieldError(t *testing.T, p page, field, msg string) {
	t.Helper()
	if got := p.text("#" + field + "-error"); !strings.Contains(got, msg) {
		t.Errorf("error next to %s: %q, want %q", field, got, msg)
	}
	if p.doc.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
		t.Errorf("the summary does not link to %s", field)
	}
}

func (w *world) rulesOf(room int64) *booking.RoomRules {
	rr, err := w.bookings.FindRules(context.Background(), room)
	if err != nil {
		w.t.Fatal(err)
	}
	return rr
}

func TestRoomSettingsRules(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	room := w.roomA.ID
	if p := b.get(fmt.Sprintf("/rum/%d", room)); p.doc.Find(fmt.Sprintf(`main a[href="/rum/%d/installningar"]`, room)).Length() != 1 {
		t.Error("the room page does not link its owner's admin to the settings")
	}
	if p := w.browsers[bookerA].get(fmt.Sprintf("/rum/%d", room)); p.doc.Find(`main a[href$="/installningar"]`).Length() != 0 {
		t.Error("the room page links a booker to the settings")
	}

	action, form := settingsForm(t, b, room, "regler")
	if form.Get("who_may_book") != "any" || form.Get("horizon_days") != "365" || form.Get("max_duration_hours") != "0" {
		t.Errorf("the form does not show the default rules: %v", form)
	}
	p := b.post(action, fill(form, "who_may_book", "partners", "needs_approval", "yes", "min_notice_hours", "24", "horizon_days", "90",
		"max_duration_hours", "2,5", "cancel_before_hours", "48", "holidays_closed", "yes", "terms", "Nyckel i receptionen"))
	got := saved(t, b, p, room, "regler", "Reglerna är sparade.")
	r := w.rulesOf(room).Rules
	if r.WhoMayBook != booking.WhoPartners || !r.NeedsApproval || r.MinNotice != booking.Hours(24) || r.Horizon != booking.DaysOf(90) ||
		r.MaxDuration == nil || r.MaxDuration.Microseconds != 150*60*1e6 || !r.HolidaysClosed || r.Terms != "Nyckel i receptionen" {
		t.Errorf("stored %+v", r)
	}
	if v := got.formValues(t, `form[action="`+action+`"]`); v.Get("max_duration_hours") != "2,5" || v.Get("needs_approval") != "yes" {
		t.Errorf("the form does not show what was saved: %v", v)
	}
	anon := w.browsers[anon].get(fmt.Sprintf("/rum/%d", room))
	if rules := anon.text("#rules-title + dl"); !strings.Contains(rules, "Bara partnerorganisationer") ||
		!strings.Contains(rules, "Ägaren godkänner varje bokning") || !strings.Contains(rules, "Nyckel i receptionen") {
		t.Errorf("the room page shows the rules as %q", rules)
	}

	// Bad input comes back with what was typed, each message next to its field, and
	// nothing is stored.
	p = postSettings(t, b, room, "regler", "who_may_book", "any", "horizon_days", "nittio", "min_notice_hours", "-1", "cancel_before_hours", "9000")
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "horizon_days", "Hur långt fram man får boka")
	fieldError(t, p, "min_notice_hours", "Minsta framförhållning i timmar")
	fieldError(t, p, "cancel_before_hours", "högst 8784")
	if v := p.formValues(t, `form[action="`+action+`"]`); v.Get("horizon_days") != "nittio" || v.Get("cancel_before_hours") != "9000" {
		t.Errorf("the typed values are lost: %v", v)
	}
	if !strings.HasPrefix(p.text("title"), "Fel: ") {
		t.Errorf("title %q", p.text("title"))
	}
	if rev := w.rulesOf(room).Rules.Revision; rev != 1 {
		t.Errorf("bad rules stored: revision %d", rev)
	}
}

func TestRoomSettingsOpeningHours(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[city]
	room := w.roomA.ID
	action, form := settingsForm(t, b, room, "oppettider")
	p := b.post(action, fill(form, "opens_1_1", "08:00", "closes_1_1", "12:00", "opens_1_2", "13.00", "closes_1_2", "22",
		"opens_5_1", "17:00", "closes_5_1", "24:00"))
	got := saved(t, b, p, room, "oppettider", "Öppettiderna är sparade.")
	hours := w.rulesOf(room).Hours
	if len(hours) != 3 || hours[1].Opens != 13*time.Hour || hours[2].Closes != 24*time.Hour {
		t.Errorf("stored %+v", hours)
	}
	if legend := got.text(`form[action="` + action + `"] fieldset:nth-of-type(2) legend`); legend != "Tisdag – stängt" {
		t.Errorf("Tuesday is shown as %q", legend)
	}
	if v := got.formValues(t, `form[action="`+action+`"]`); v.Get("opens_1_2") != "13:00" || v.Get("closes_5_1") != "24:00" {
		t.Errorf("the form does not show what was saved: %v", v)
	}
	if h := w.browsers[anon].get(fmt.Sprintf("/rum/%d", room)).text("#rules-title + dl"); !strings.Contains(h, "Måndag 08:00–12:00, 13:00–22:00") || !strings.Contains(h, "Söndag stängt") {
		t.Errorf("the room page shows the hours as %q", h)
	}

	// Times that do not read and periods with one time are the form's to report; periods
	// that close before they open or overlap are the service's, named by the form's fields.
	p = postSettings(t, b, room, "oppettider", "closes_1_1", "25:00", "opens_2_1", "08:00")
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "closes_1_1", "Måndag stänger måste vara en tid som 18:30")
	fieldError(t, p, "closes_2_1", "Tisdag stänger måste anges")
	p = postSettings(t, b, room, "oppettider", "opens_3_1", "08:00", "closes_3_1", "12:00", "opens_3_2", "11:00", "closes_3_2", "14:00",
		"opens_4_1", "12:00", "closes_4_1", "10:00")
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "opens_3_2", "överlappar")
	fieldError(t, p, "closes_4_1", "Torsdag stänger måste vara efter öppningstiden")
	if v := p.formValues(t, `form[action="`+action+`"]`); v.Get("opens_3_2") != "11:00" {
		t.Errorf("the typed values are lost: %v", v)
	}
	if n := len(w.rulesOf(room).Hours); n != 3 {
		t.Errorf("bad opening hours stored: %d periods", n)
	}

	// In English, with an emptied form: open around the clock.
	b.header.Set("Accept-Language", "en")
	p = postSettings(t, b, room, "oppettider", "opens_1_1", "", "closes_1_1", "", "opens_1_2", "", "closes_1_2", "", "opens_5_1", "", "closes_5_1", "")
	saved(t, b, p, room, "oppettider", "The opening hours have been saved.")
	if n := len(w.rulesOf(room).Hours); n != 0 {
		t.Errorf("an empty form left %d periods", n)
	}
}

func TestRoomSettingsClosures(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	room := w.roomA.ID
	action, form := settingsForm(t, b, room, "stangt")
	p := b.post(action, fill(form, "first_day", "2026-12-24", "last_day", "2026-12-26", "reason", "Julstängt"))
	saved(t, b, p, room, "stangt", "De stängda dagarna är tillagda.")
	p = postSettings(t, b, room, "stangt", "first_day", "2026-07-01", "last_day", "2026-07-31", "reason", "Sommarstängt", "scope", "venue")
	got := saved(t, b, p, room, "stangt", "De stängda dagarna är tillagda.")
	rows := got.doc.Find("#closures-caption").Closest("table").Find("tbody tr")
	if rows.Length() != 2 || strings.Join(strings.Fields(rows.Eq(0).Text()), " ") != "2026-07-01 – 2026-07-31 Sommarstängt Hela lokalen Ta bort 2026-07-01 – 2026-07-31" {
		t.Fatalf("closures listed: %d, first %q", rows.Length(), strings.Join(strings.Fields(rows.Eq(0).Text()), " "))
	}
	// The venue's closure holds for its other rooms too.
	if cs := w.rulesOf(w.approvalA.ID).Closures; len(cs) != 1 || cs[0].VenueID == nil {
		t.Errorf("the other room's closures: %+v", cs)
	}
	if h := w.browsers[anon].get(fmt.Sprintf("/rum/%d", room)).text("#rules-title + dl"); !strings.Contains(h, "2026-12-24 – 2026-12-26 – Julstängt") {
		t.Errorf("the room page shows the closures as %q", h)
	}

	p = postSettings(t, b, room, "stangt", "first_day", "24 dec", "last_day", "2026-12-20", "reason", "Jul")
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "first_day", "måste vara ett datum")
	p = postSettings(t, b, room, "stangt", "first_day", "2026-12-24", "last_day", "2026-12-20", "reason", "Jul")
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "last_day", "Sista dag får inte vara före första dagen")
	if v := p.formValues(t, `form[action="`+action+`"]`); v.Get("reason") != "Jul" || v.Get("first_day") != "2026-12-24" {
		t.Errorf("the typed values are lost: %v", v)
	}
	if n := len(w.rulesOf(room).Closures); n != 2 {
		t.Errorf("bad closures stored: %d", n)
	}

	remove, _ := rows.Eq(1).Find("form").Attr("action")
	p = b.post(remove, url.Values{"csrf": {b.csrf()}})
	got = saved(t, b, p, room, "oppnat", "Stängningen är borttagen.")
	if cs := w.rulesOf(room).Closures; len(cs) != 1 || cs[0].VenueID == nil {
		t.Errorf("after removing the room's closure: %+v", cs)
	}
	// Another organisation's admin may not remove it.
	other := fmt.Sprintf("/rum/%d/installningar/stangt/%d/ta-bort", room, w.closure(room))
	if p := w.browsers[adminB].post(other, url.Values{"csrf": {w.browsers[adminB].csrf()}}); p.resp.StatusCode != http.StatusForbidden {
		t.Errorf("B's admin removing A's closure: %d", p.resp.StatusCode)
	}
}

// TestRoomSettingsPartners: the settings page lists the partners that premises-sharing
// agreements give the room, each with its agreement, and offers the owner's admin the form
// that chooses partners by name (room_partners.go).
func TestRoomSettingsPartners(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	room := w.roomA.ID
	p := b.get(fmt.Sprintf("/rum/%d/installningar", room))
	p.status(t, http.StatusOK)
	if got := p.text("#partners-title ~ p.muted"); !strings.Contains(got, "Inget gällande lokalavtal") {
		t.Errorf("no partners: %q", got)
	}
	a := w.partners(room, w.b.ID)
	p = b.get(fmt.Sprintf("/rum/%d/installningar", room))
	list := p.text("#partners-title ~ ul")
	if !strings.Contains(list, w.b.Name) || !strings.Contains(list, a.Title) {
		t.Errorf("partners listed: %q", list)
	}
	if p.doc.Find(`form[action$="/installningar/partner"] input[name="partner_ids"]`).Length() == 0 {
		t.Error("no form that chooses partners")
	}
}

// TestRoomSettingsPage renders the settings page, with something in every list and with
// each form's errors, in both languages, and checks what every page must have: labels for
// every control, unique ids, a CSRF token in every form and no untranslated text.
func TestRoomSettingsPage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	room := w.roomA.ID
	w.closure(room)
	w.partners(room, w.b.ID)
	untranslated := regexp.MustCompile(`\b(ui|label|validation|problem)\.[a-z_]+\.?[a-z_0-9]*\b`)
	for _, lang := range []string{"sv", "en"} {
		b := w.browsers[adminA]
		b.header.Set("Accept-Language", lang)
		for _, tc := range []struct {
			name   string
			status int
			load   func() page
		}{
			{"page", 200, func() page { return b.get(fmt.Sprintf("/rum/%d/installningar?klart=regler", room)) }},
			{"rules errors", 422, func() page {
				return postSettings(t, b, room, "regler", "horizon_days", "0", "terms", strings.Repeat("x", 5001))
			}},
			{"hours errors", 422, func() page { return postSettings(t, b, room, "oppettider", "opens_7_2", "9") }},
			{"closure errors", 422, func() page { return postSettings(t, b, room, "stangt", "first_day", "") }},
			{"room page", 200, func() page { return b.get(fmt.Sprintf("/rum/%d", room)) }},
		} {
			t.Run(lang+"/"+tc.name, func(t *testing.T) {
				b.t = t
				p := tc.load()
				p.status(t, tc.status)
				checkPage(t, p, lang)
				if body := p.doc.Find("body").Text(); untranslated.MatchString(body) {
					t.Errorf("untranslated text key %q on the page", untranslated.FindString(body))
				}
				if tc.status == 422 && p.doc.Find(".error-summary a").Length() == 0 {
					t.Error("no error summary")
				}
			})
		}
	}
}

// venueClosure closes the whole venue for a day next December, as the system.
func (w *world) venueClosure(venueID int64) int64 {
	c, err := w.bookings.AddClosure(context.Background(), access.System, booking.ClosureInput{VenueID: venueID,
		FirstDay: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		w.t.Fatal(err)
	}
	return c.ID
}

func TestVenueClosures(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	venuePath := fmt.Sprintf("/lokaler/%d", w.venueA.ID)
	form := func(kv ...string) url.Values {
		p := b.get(venuePath)
		p.status(t, http.StatusOK)
		return fill(p.formValues(t, `form[action="`+venuePath+`/stangt"]`), kv...)
	}
	p := b.post(venuePath+"/stangt", form("first_day", "2026-12-23", "last_day", "2026-12-26", "reason", "Julstängt"))
	p.status(t, http.StatusSeeOther)
	if loc := p.resp.Header.Get("Location"); loc != venuePath+"?klart=stangt" {
		t.Fatalf("redirect to %q", loc)
	}
	got := b.get(venuePath + "?klart=stangt")
	if n := got.text(".notice--ok"); n != "De stängda dagarna är tillagda." {
		t.Errorf("notice %q", n)
	}
	if row := got.text("#closures-caption ~ tbody tr"); row != "2026-12-23 – 2026-12-26 Julstängt Ta bort 2026-12-23 – 2026-12-26" {
		t.Errorf("closure listed as %q", row)
	}
	// Every room of the venue is closed.
	for _, room := range []int64{w.roomA.ID, w.approvalA.ID} {
		if cs := w.rulesOf(room).Closures; len(cs) != 1 || cs[0].Reason != "Julstängt" {
			t.Errorf("room %d closures: %+v", room, cs)
		}
	}
	// Others do not see the form.
	for _, a := range []int{anon, bookerA, adminB} {
		if w.browsers[a].get(venuePath).doc.Find(`form[action$="/stangt"]`).Length() != 0 {
			t.Errorf("%s is offered the closure form", actorNames[a])
		}
	}

	p = b.post(venuePath+"/stangt", form("first_day", "2026-12-23", "last_day", "jul", "reason", "Jul igen"))
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "last_day", "Sista dag måste vara ett datum")
	if v := p.formValues(t, `form[action="`+venuePath+`/stangt"]`); v.Get("reason") != "Jul igen" {
		t.Errorf("the typed values are lost: %v", v)
	}
	p = b.post(venuePath+"/stangt", form("first_day", "2026-12-23", "last_day", "2026-12-01"))
	p.status(t, http.StatusUnprocessableEntity)
	fieldError(t, p, "last_day", "får inte vara före första dagen")
	if cs := w.rulesOf(w.roomA.ID).Closures; len(cs) != 1 {
		t.Errorf("bad closures stored: %+v", cs)
	}

	remove, _ := got.doc.Find(`form[action$="/ta-bort"]`).Attr("action")
	p = b.post(remove, url.Values{"csrf": {b.csrf()}})
	p.status(t, http.StatusSeeOther)
	if p.resp.Header.Get("Location") != venuePath+"?klart=oppnat" {
		t.Errorf("after removing: to %q", p.resp.Header.Get("Location"))
	}
	if cs := w.rulesOf(w.roomA.ID).Closures; len(cs) != 0 {
		t.Errorf("after removing: %+v", cs)
	}
}
