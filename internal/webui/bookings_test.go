package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// bookingForm fetches the room's booking form in the browser and returns its values (with
// the CSRF token) filled in with kv.
func bookingForm(t *testing.T, b *browser, room int64, kv ...string) url.Values {
	t.Helper()
	p := b.get(fmt.Sprintf("/rum/%d/boka", room))
	p.status(t, http.StatusOK)
	return fill(p.formValues(t, "main form.form"), kv...)
}

// bookingFields are a valid booking of an hour on the day, for org.
func bookingFields(org int64, day time.Time, title string) []string {
	return []string{"organisation_id", fmt.Sprint(org), "title", title, "attendees", "6",
		"date", day.Format(time.DateOnly), "starts_at", "10:00", "ends_at", "11:00"}
}

// followBooking checks that p redirects to a booking's page with the notice klart and
// returns that page.
func followBooking(t *testing.T, b *browser, p page, klart string) page {
	t.Helper()
	p.status(t, http.StatusSeeOther)
	loc := p.resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "/bokningar/") || !strings.HasSuffix(loc, "?klart="+klart) {
		t.Fatalf("redirect to %q, want a booking's page with ?klart=%s", loc, klart)
	}
	got := b.get(loc)
	got.status(t, http.StatusOK)
	return got
}

func TestBookingFormBooksAFreeSlot(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	day := time.Date(2026, 4, 20, 0, 0, 0, 0, stockholm)
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), bookingForm(t, b, w.roomA.ID, bookingFields(w.a.ID, day, "Årsmöte")...))
	got := followBooking(t, b, p, "bokad")
	if n := got.text(".notice--ok"); n != "Bokningen är klar och bekräftad." {
		t.Errorf("notice %q", n)
	}
	if h := got.text("h1"); h != "Årsmöte" {
		t.Errorf("heading %q", h)
	}
	if s := got.text(".lead .status"); s != "Bekräftad" {
		t.Errorf("status %q", s)
	}
	if when := got.text(".facts dd"); when != "2026-04-20 10:00–11:00" {
		t.Errorf("time %q, want local time", when)
	}
	// The form offers only the organisations the person may book for.
	opts := b.get(fmt.Sprintf("/rum/%d/boka", w.roomA.ID)).doc.Find("#organisation_id option")
	if opts.Length() != 1 || opts.First().Text() != w.a.Name {
		t.Errorf("organisations offered: %d, first %q", opts.Length(), opts.First().Text())
	}
}

func TestBookingFormPendingAndInbox(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminB]
	day := time.Date(2026, 4, 21, 0, 0, 0, 0, stockholm)
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.approvalA.ID), bookingForm(t, b, w.approvalA.ID, bookingFields(w.b.ID, day, "Körövning")...))
	form := b.get(fmt.Sprintf("/rum/%d/boka", w.approvalA.ID))
	if !strings.Contains(form.text("main .panel"), "Bokningar behöver godkännas av ägaren") {
		t.Errorf("the form does not say the room needs approval: %q", form.text("main .panel"))
	}
	got := followBooking(t, b, p, "forfragan")
	if s := got.text(".lead .status"); s != "Väntar på beslut" {
		t.Errorf("status %q", s)
	}
	if got.doc.Find(`form[action$="/godkann"]`).Length() != 0 {
		t.Error("the booker is offered the approval form")
	}
	second := w.book(w.b.ID, w.approvalA.ID, false)

	// A's admin sees both requests in the inbox, approves one and rejects the other.
	admin := w.browsers[adminA]
	inbox := fmt.Sprintf("/organisationer/%d/forfragningar", w.a.ID)
	in := admin.get(inbox)
	in.status(t, http.StatusOK)
	if n := in.doc.Find(".request").Length(); n != 2 {
		t.Fatalf("%d requests in the inbox, want 2", n)
	}
	first := in.doc.Find(".request").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.TrimSpace(s.Find(".request__title").Text()) == "Körövning"
	})
	if first.Length() != 1 {
		t.Fatal("the request made through the form is not in the inbox")
	}
	action, _ := first.Find("form").Attr("action")
	values := url.Values{"csrf": {admin.csrf()}, "back": {"inbox"}, "note": {"Välkomna!"}}
	p = admin.post(action, values)
	p.status(t, http.StatusSeeOther)
	if loc := p.resp.Header.Get("Location"); loc != inbox+"?klart=godkand" {
		t.Errorf("after approving: to %q", loc)
	}
	p = admin.post(fmt.Sprintf("/bokningar/%d/avsla", second.ID), url.Values{"csrf": {admin.csrf()}, "back": {"inbox"}, "note": {"Dubbelbokat"}})
	p.status(t, http.StatusSeeOther)
	after := admin.get(inbox + "?klart=avslagen")
	if n := after.doc.Find(".request").Length(); n != 0 {
		t.Errorf("%d requests left, want none", n)
	}
	if n := after.text(".notice--ok"); n != "Bokningen är avslagen." {
		t.Errorf("notice %q", n)
	}
	approved := b.get(strings.TrimSuffix(action, "/godkann"))
	if s := approved.text(".lead .status"); s != "Bekräftad" {
		t.Errorf("approved booking: status %q", s)
	}
	if !strings.Contains(approved.doc.Find("main").Text(), "Välkomna!") {
		t.Error("the approval note is not shown to the booker")
	}
	rejected, err := w.bookings.FindBookingByID(context.Background(), second.ID)
	if err != nil || rejected.Status != booking.StatusRejected || rejected.StatusReason != "Dubbelbokat" {
		t.Errorf("rejected booking: %+v, %v", rejected, err)
	}
	// The owner's page leads its admins to the inbox and its bookings.
	orgPage := admin.get(fmt.Sprintf("/organisationer/%d", w.a.ID))
	for _, href := range []string{inbox, fmt.Sprintf("/organisationer/%d/bokningar", w.a.ID)} {
		if orgPage.doc.Find(`main a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("no link to %s on the organisation page", href)
		}
	}
	// The booker's organisation lists its bookings.
	list := b.get(fmt.Sprintf("/organisationer/%d/bokningar", w.b.ID))
	list.status(t, http.StatusOK)
	if n := list.doc.Find("tbody tr").Length(); n != 2 {
		t.Errorf("%d bookings listed for B, want 2", n)
	}
}

func TestBookingFormConflict(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	day := time.Date(2026, 4, 22, 0, 0, 0, 0, stockholm)
	theirs := day.Add(10*time.Hour + 30*time.Minute)
	if _, err := w.bookings.CreateBooking(context.Background(), access.System, booking.Input{
		RoomID: w.roomA.ID, OrganisationID: w.b.ID, Title: "Hemligt", Attendees: 3, StartsAt: theirs, EndsAt: theirs.Add(time.Hour),
	}); err != nil {
		t.Fatal(err)
	}
	b := w.browsers[bookerA]
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), bookingForm(t, b, w.roomA.ID, bookingFields(w.a.ID, day, "Krock")...))
	p.status(t, http.StatusConflict)
	if got := p.text(".clashes li"); got != "2026-04-22 10:30–11:30 – en annan bokning" {
		t.Errorf("clash %q", got)
	}
	if strings.Contains(p.doc.Find("main").Text(), "Hemligt") {
		t.Error("the clash shows another organisation's booking title")
	}
	if v, _ := p.doc.Find("#title").Attr("value"); v != "Krock" {
		t.Errorf("title kept as %q", v)
	}
	// A clash with one's own organisation's booking says so.
	w.bookings.CreateBooking(context.Background(), access.System, booking.Input{ //nolint:errcheck // checked by the page below
		RoomID: w.roomA.ID, OrganisationID: w.a.ID, Title: "Eget", Attendees: 3, StartsAt: day.Add(14 * time.Hour), EndsAt: day.Add(15 * time.Hour),
	})
	p = b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), bookingForm(t, b, w.roomA.ID,
		append(bookingFields(w.a.ID, day, "Krock"), "starts_at", "14:30", "ends_at", "15:30")...))
	p.status(t, http.StatusConflict)
	if got := p.text(".clashes li"); got != "2026-04-22 14:00–15:00 – er organisations egen bokning" {
		t.Errorf("own clash %q", got)
	}
}

func TestBookingFormFieldErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	path := fmt.Sprintf("/rum/%d/boka", w.roomA.ID)
	day := time.Date(2026, 4, 23, 0, 0, 0, 0, stockholm)
	for _, tc := range []struct {
		name  string
		kv    []string
		field string
		want  string
	}{
		{"past start", []string{"date", "2026-03-28"}, "starts_at", "Starttid har redan passerat."},
		{"end before start", []string{"starts_at", "12:00", "ends_at", "11:00"}, "ends_at", "Sluttid måste vara efter starttiden."},
		{"ten minutes", []string{"starts_at", "12:00", "ends_at", "12:10"}, "ends_at", "Bokningen måste vara minst 15 minuter."},
		{"above capacity", []string{"attendees", "50"}, "attendees", "Antal deltagare får vara högst 12, rummets kapacitet."},
		{"unreadable time", []string{"starts_at", "kvart i sju"}, "starts_at", "Starttid måste vara en tid som 18:30."},
		{"unreadable date", []string{"date", "3 maj"}, "date", "Datum måste vara ett datum, till exempel 2026-03-29."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := bookingForm(t, b, w.roomA.ID, append(bookingFields(w.a.ID, day, "Fel"), tc.kv...)...)
			p := b.post(path, values)
			p.status(t, http.StatusUnprocessableEntity)
			field := p.doc.Find("#" + tc.field).Parent()
			if got := strings.TrimPrefix(strings.Join(strings.Fields(field.Find(".field__error").Text()), " "), "Fel: "); got != tc.want {
				t.Errorf("error next to %s: %q, want %q", tc.field, got, tc.want)
			}
			for _, name := range []string{"title", "date", "starts_at", "ends_at", "attendees"} {
				if v, _ := p.doc.Find("#" + name).Attr("value"); v != values.Get(name) {
					t.Errorf("%s kept as %q, want %q", name, v, values.Get(name))
				}
			}
			if p.doc.Find(".error-summary a[href='#"+tc.field+"']").Length() != 1 {
				t.Errorf("the summary does not link to %s", tc.field)
			}
		})
	}
}

func TestBookingRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	day := time.Date(2026, 4, 24, 0, 0, 0, 0, stockholm)
	// For an organisation the person is not in: refused, nothing stored.
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), bookingForm(t, b, w.roomA.ID, bookingFields(w.b.ID, day, "Inte vår")...))
	p.status(t, http.StatusForbidden)
	if p.text("h1") != "Du får inte göra det här" {
		t.Errorf("refusal page %q", p.text("h1"))
	}
	// A room only its owner may book: the form says which rule refused.
	owners := w.approvalRoom(w.venueA.ID, "Bara ägaren")
	if _, err := w.bookings.SetRules(context.Background(), access.System, owners.ID, booking.RulesInput{
		WhoMayBook: booking.WhoOwner, HorizonDays: 365,
	}); err != nil {
		t.Fatal(err)
	}
	other := w.browsers[adminB]
	p = other.post(fmt.Sprintf("/rum/%d/boka", owners.ID), bookingForm(t, other, owners.ID, bookingFields(w.b.ID, day, "Försök")...))
	p.status(t, http.StatusForbidden)
	if got := p.text(".error-summary p"); got != "Bara ägaren själv får boka rummet." {
		t.Errorf("rule refusal %q", got)
	}
	page, err := w.bookings.FindBookings(context.Background(), booking.Filter{OrganisationID: w.b.ID})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("B has %d bookings after the refusals (%v)", len(page.Items), err)
	}
}

func TestPrivateBookingAndCancel(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	private := w.book(w.a.ID, w.roomA.ID, false)
	path := fmt.Sprintf("/bokningar/%d", private.ID)
	w.browsers[adminB].get(path).status(t, http.StatusForbidden)
	w.browsers[anon].get(path).status(t, http.StatusSeeOther)
	w.browsers[city].get(path).status(t, http.StatusOK)
	// The week view shows others only that the time is busy.
	wk := fmt.Sprintf("/rum/%d?vecka=%d-W%02d", w.roomA.ID, isoYear(private.StartsAt), isoWeek(private.StartsAt))
	for _, a := range []int{anon, adminB} {
		p := w.browsers[a].get(wk)
		if body := p.doc.Find("#vecka").Text(); strings.Contains(body, private.Title) || !strings.Contains(body, "Upptaget") {
			t.Errorf("as %s the week view shows %q", actorNames[a], strings.Join(strings.Fields(body), " "))
		}
	}
	if body := w.browsers[bookerA].get(wk).doc.Find("#vecka").Text(); !strings.Contains(body, private.Title) {
		t.Error("the week view hides the booking from its own organisation")
	}

	// Its booker cancels it with a reason.
	b := w.browsers[bookerA]
	p := b.get(path)
	p.status(t, http.StatusOK)
	values := p.formValues(t, `form[action$="/avboka"]`)
	values.Set("reason", "Sjukdom")
	res := b.post(path+"/avboka", values)
	res.status(t, http.StatusSeeOther)
	after := b.get(res.resp.Header.Get("Location"))
	if s := after.text(".lead .status"); s != "Avbokad" {
		t.Errorf("status %q", s)
	}
	if after.doc.Find(`form[action$="/avboka"]`).Length() != 0 {
		t.Error("a cancelled booking offers to cancel it")
	}
	if body := w.browsers[anon].get(wk).doc.Find("#vecka").Text(); strings.Contains(body, "Upptaget") {
		t.Error("the cancelled booking still shows as busy")
	}
}

func isoYear(t time.Time) int { y, _ := t.In(stockholm).ISOWeek(); return y }
func isoWeek(t time.Time) int { _, w := t.In(stockholm).ISOWeek(); return w }

// TestWeekViewAcrossDST books 18:00–20:00 on the Tuesdays before and after the change to
// winter time (25 October 2026) and a night across the change itself, and walks the weeks.
func TestWeekViewAcrossDST(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	for _, span := range [][2]time.Time{
		{booking.WallClock(2026, 10, 20, 18, 0, 0, stockholm), booking.WallClock(2026, 10, 20, 20, 0, 0, stockholm)},
		{booking.WallClock(2026, 10, 25, 1, 0, 0, stockholm), booking.WallClock(2026, 10, 25, 4, 0, 0, stockholm)},
		{booking.WallClock(2026, 10, 27, 18, 0, 0, stockholm), booking.WallClock(2026, 10, 27, 20, 0, 0, stockholm)},
	} {
		if _, err := w.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: w.roomA.ID, OrganisationID: w.a.ID,
			Title: "Kör", Attendees: 5, Public: true, StartsAt: span[0], EndsAt: span[1]}); err != nil {
			t.Fatal(err)
		}
	}
	b := w.browsers[bookerA]
	p := b.get(fmt.Sprintf("/rum/%d?vecka=2026-W43", w.roomA.ID))
	p.status(t, http.StatusOK)
	if c := p.text("#vecka caption"); c != "Vecka 43, 19 oktober–25 oktober 2026" {
		t.Errorf("caption %q", c)
	}
	if got := cellText(p, "tisdag 20 oktober", "18:00") + " / " + cellText(p, "tisdag 20 oktober", "19:00"); got != "Kör / Kör" {
		t.Errorf("W43 Tuesday 18–20: %q", got)
	}
	if got := cellText(p, "tisdag 20 oktober", "20:00"); got != "Ledigt" {
		t.Errorf("W43 Tuesday 20:00: %q", got)
	}
	// The night of the change: 01:00–04:00 local is four hours, and the hour 02 is two.
	for _, h := range []string{"01:00", "02:00", "03:00"} {
		if got := cellText(p, "söndag 25 oktober", h); got != "Kör" {
			t.Errorf("W43 Sunday (the change) %s: %q", h, got)
		}
	}
	if p.doc.Find("#vecka thead th[scope=col]").Length() != 8 || p.doc.Find("#vecka tbody th[scope=row]").Length() != 21 {
		t.Errorf("the week table has %d day and %d hour headers, want 8 and 21 (01:00, for the night booking, to 22:00)",
			p.doc.Find("#vecka thead th[scope=col]").Length(), p.doc.Find("#vecka tbody th[scope=row]").Length())
	}
	next, _ := p.doc.Find(`#vecka a[rel="next"]`).Attr("href")
	if !strings.Contains(next, "vecka=2026-W44") {
		t.Fatalf("next week link %q", next)
	}
	p = b.get(next)
	if got := cellText(p, "tisdag 27 oktober", "18:00") + " / " + cellText(p, "tisdag 27 oktober", "19:00"); got != "Kör / Kör" {
		t.Errorf("W44 Tuesday (winter time): %q", got)
	}
	// A free hour is one click from the form, filled in with it.
	link := p.doc.Find("#vecka tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return tr.Find("th").Text() == "17:00"
	}).Find("td").Eq(1).Find("a").AttrOr("href", "")
	if want := fmt.Sprintf("/rum/%d/boka?date=2026-10-27&ends_at=18%%3A00&starts_at=17%%3A00", w.roomA.ID); link != want {
		t.Errorf("W44 Tuesday 17:00 links %q, want %q", link, want)
	}
	prev, _ := p.doc.Find(`#vecka a[rel="prev"]`).Attr("href")
	if !strings.Contains(prev, "vecka=2026-W43") {
		t.Errorf("previous week link %q", prev)
	}
	// In English too, and the booking link for those who may book.
	en := b.get(fmt.Sprintf("/rum/%d?vecka=2026-W44&lang=en", w.roomA.ID))
	if en.resp.StatusCode == http.StatusSeeOther {
		en = b.get(en.resp.Header.Get("Location"))
	}
	if got := cellText(en, "Tuesday 27 October", "18:00"); got != "Kör" {
		t.Errorf("English W44 Tuesday: %q", got)
	}
	if b.get(fmt.Sprintf("/rum/%d", w.roomA.ID)).doc.Find(fmt.Sprintf(`a[href="/rum/%d/boka"]`, w.roomA.ID)).Length() != 1 {
		t.Error("no booking link for a booker")
	}
	if w.browsers[anon].get(fmt.Sprintf("/rum/%d", w.roomA.ID)).doc.Find(fmt.Sprintf(`a[href="/rum/%d/boka"]`, w.roomA.ID)).Length() != 0 {
		t.Error("a booking link for an anonymous visitor")
	}
}

// cellText is what the week grid says of the hour (row "18:00") on the day (column
// "tisdag 20 oktober"), as seen: screen-reader text left out.
func cellText(p page, column, hour string) string {
	col := -1
	p.doc.Find("#vecka thead th").Each(func(i int, th *goquery.Selection) {
		if strings.Join(strings.Fields(th.Text()), " ") == column {
			col = i
		}
	})
	if col < 1 {
		return "(no column " + column + ")"
	}
	out := "(no row " + hour + ")"
	p.doc.Find("#vecka tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if tr.Find("th").Text() == hour {
			td := tr.Children().Eq(col).Clone()
			td.Find(".visually-hidden").Remove()
			out = strings.Join(strings.Fields(td.Text()), " ")
		}
	})
	return out
}
