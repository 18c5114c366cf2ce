package webui_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The actors of the page access matrix, in the order of its columns.
const (
	anon = iota
	bookerA
	adminA
	adminB
	city
	actors
)

var actorNames = [actors]string{"anonymous", "booker of A", "admin of A", "admin of B", "city administrator"}

// toLogin stands in the matrix for a 303 to the login page; 303 itself is any other
// redirect (the success of a form).
const toLogin = 1

// world is the site with two associations, A with a venue and a room, and a person in each
// role, each with a browser signed in through the login form.
type world struct {
	*site
	t      *testing.T
	a, b   *organisation.Organisation
	venueA *venue.Venue
	roomA  *venue.Room
	// approvalA is a room of A whose bookings need A's approval.
	approvalA *venue.Room
	people    [actors]*account.User // nil for anon
	browsers  [actors]*browser
	slots     atomic.Int64 // numbers the days freeSlot gave
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{site: newSite(t), t: t}
	w.a, w.b = w.org("Förening A"), w.org("Förening B")
	w.venueA = w.venueIn(w.a.ID)
	room, err := w.venues.CreateRoom(context.Background(), access.System, w.venueA.ID, venue.RoomInput{Name: "Rum A", Capacity: 12})
	if err != nil {
		t.Fatal(err)
	}
	w.roomA = room
	w.approvalA = w.approvalRoom(w.venueA.ID, "Rum A med godkännande")
	for a := range actors {
		w.browsers[a], w.people[a] = w.fresh(a)
	}
	return w
}

func (w *world) org(name string) *organisation.Organisation {
	o, err := w.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: name})
	if err != nil {
		w.t.Fatal(err)
	}
	return o
}

// venueIn makes a fresh venue of the organisation.
func (w *world) venueIn(org int64) *venue.Venue {
	v, err := w.venues.CreateVenue(context.Background(), access.System, venue.VenueInput{
		OwnerID: org, Name: w.unique("Lokal"), StreetAddress: "Storgatan 1", PostalCode: "50335", Town: "Borås",
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return v
}

// unique returns a name not used before on the site.
func (w *world) unique(prefix string) string {
	return fmt.Sprintf("%s %d", prefix, w.site.people.Add(1))
}

// fresh returns a new browser for a new person in the actor's roles, signed in, or for
// anon a new browser that has fetched the login form (and so has a CSRF cookie).
func (w *world) fresh(a int) (*browser, *account.User) {
	b := w.browser(w.t)
	if a == anon {
		b.get("/logga-in")
		return b, nil
	}
	roles := map[int]map[string]access.Role{
		bookerA: {w.a.Name: access.RoleBooker}, adminA: {w.a.Name: access.RoleAdmin}, adminB: {w.b.Name: access.RoleAdmin},
	}[a]
	u := w.person(w.t, a == city, roles)
	b.login(u.Email)
	return b, u
}

// approvalRoom makes a room in the venue whose bookings need the owner's approval.
func (w *world) approvalRoom(venueID int64, name string) *venue.Room {
	r, err := w.venues.CreateRoom(context.Background(), access.System, venueID, venue.RoomInput{Name: name, Capacity: 20})
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.bookings.SetRules(context.Background(), access.System, r.ID, booking.RulesInput{
		WhoMayBook: booking.WhoAny, NeedsApproval: true, HorizonDays: 365,
	}); err != nil {
		w.t.Fatal(err)
	}
	return r
}

// freeSlot returns a local day at 10:00 that no earlier call returned, in the weeks after
// testNow, never a public holiday (rooms may be closed on them). Its own count keeps it
// clear of the closures the matrix adds in December, however many names were made.
func (w *world) freeSlot() time.Time {
	for {
		n := int(w.slots.Add(1))
		if d := time.Date(2026, 4, 1+n, 10, 0, 0, 0, stockholm); !booking.Holiday(d.Year(), d.Month(), d.Day()) {
			return d
		}
	}
}

// book books an hour (freeSlot) of the room for org, as the system.
func (w *world) book(org, room int64, public bool) *booking.Booking {
	start := w.freeSlot()
	b, err := w.bookings.CreateBooking(context.Background(), access.System, booking.Input{
		RoomID: room, OrganisationID: org, Title: w.unique("Möte"), Attendees: 5, Public: public,
		StartsAt: start, EndsAt: start.Add(time.Hour),
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return b
}

// outsider is a new person with no role anywhere.
func (w *world) outsider() *account.User { return w.person(w.t, false, nil) }

// request is what a row sends: with browser b (nil: the actor's own), to path, the form
// given for a POST (the CSRF token is added when sending).
type request struct {
	b    *browser
	path string
	form url.Values
	head bool // a HEAD request instead of GET (without form)
	// file, when set, is sent with form as multipart/form-data in the field "file".
	file *upload
}

// accessRow is what every actor gets from one route. req is called once per actor, so a
// route whose success would change what the next actor sees makes fresh fixtures each time.
type accessRow struct {
	req  func(w *world, a int) request
	want [actors]int
}

func static(path string) func(*world, int) request {
	return func(*world, int) request { return request{path: path} }
}

func head(path string) func(*world, int) request {
	return func(*world, int) request { return request{path: path, head: true} }
}

// privateFeed asks for A's private feed through a link made for the purpose.
func privateFeed(head bool) func(*world, int) request {
	return func(w *world, _ int) request {
		secret, _, err := w.feeds.Create(context.Background(), access.System, w.a.ID, "Matris")
		if err != nil {
			w.t.Fatal(err)
		}
		return request{path: "/calendar/private/" + secret + ".ics", head: head}
	}
}

func form(path string, kv ...string) func(*world, int) request {
	return func(*world, int) request { return request{path: path, form: fill(url.Values{}, kv...)} }
}

var (
	open      = [actors]int{200, 200, 200, 200, 200}
	signedIn  = [actors]int{toLogin, 200, 200, 200, 200}
	mine      = [actors]int{toLogin, 303, 303, 303, 303}
	cityOnly  = [actors]int{toLogin, 403, 403, 403, 200}
	adminsOfA = [actors]int{toLogin, 403, 200, 403, 200}
	changeByA = [actors]int{toLogin, 403, 303, 403, 303}
	// invoicingRow is the invoicing basis: every owner's admins see their own rooms'.
	invoicingRow = [actors]int{toLogin, 403, 200, 200, 200}
	// cityChanges is a form only city administrators may send.
	cityChanges = [actors]int{toLogin, 403, 403, 403, 303}
)

// accessMatrix has one row per page route of the engine, keyed as gin names it: these and
// those of the pages that organise meetings (meetingRows).
func accessMatrix(w *world) map[string]accessRow {
	rows := baseRows(w)
	maps.Copy(rows, meetingRows(w))
	maps.Copy(rows, roundRows(w))
	maps.Copy(rows, boardRows(w))
	return rows
}

func baseRows(w *world) map[string]accessRow {
	venueA, orgA := fmt.Sprintf("/lokaler/%d", w.venueA.ID), fmt.Sprintf("/organisationer/%d", w.a.ID)
	settingsA := fmt.Sprintf("/rum/%d/installningar", w.roomA.ID)
	publicA := w.book(w.a.ID, w.roomA.ID, true)
	meetingA := w.publicMeeting(w.a.ID)
	venueForm := []string{"owner_id", fmt.Sprint(w.a.ID), "name", "Lokal A", "street_address", "Storgatan 1", "postal_code", "50335", "town", "Borås"}
	m := map[string]accessRow{
		"GET /":                       {static("/"), open},
		"GET /lokaler":                {static("/lokaler"), open},
		"GET /lediga-lokaler":         {static("/lediga-lokaler?mode=once&date=2026-04-20&starts_at=18:00&ends_at=20:00"), open},
		"GET /lokaler/:id":            {static(venueA), open},
		"GET /lokaler/:id/schema":     {static(venueA + "/schema?datum=2026-04-21"), open},
		"GET /rum/:id":                {static(fmt.Sprintf("/rum/%d", w.roomA.ID)), open},
		"GET /organisationer/:id":     {static(orgA), open},
		"GET /overenskommelsen":       {static("/overenskommelsen?q=f%C3%B6rening"), open},
		"GET /avtal/lokalavtal":       {static("/avtal/lokalavtal"), open},
		"GET /avtal/iop":              {static("/avtal/iop"), open},
		"GET /moten":                  {static("/moten"), open},
		"GET /moten/uppfoljning":      {static("/moten/uppfoljning"), open},
		"GET /moten/uppfoljning.csv":  {static("/moten/uppfoljning.csv"), open},
		"GET /moten/uppfoljning.xlsx": {static("/moten/uppfoljning.xlsx"), open},
		"GET /uppfoljning":            {static("/uppfoljning?from=2026-01-01&to=2026-06-30"), open},
		"GET /uppfoljning.csv":        {static("/uppfoljning.csv?from=2026-01-01&to=2026-06-30"), open},
		"GET /uppfoljning.xlsx":       {static("/uppfoljning.xlsx"), open},
		"GET /uppfoljning/anvandning": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/uppfoljning/anvandning?venue=%d&from=2026-01-01&to=2026-06-30", w.venueA.ID)}
		}, open},
		"GET /uppfoljning/anvandning.csv": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/uppfoljning/anvandning.csv?venue=%d", w.venueA.ID)}
		}, open},
		"GET /uppfoljning/anvandning.xlsx": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/uppfoljning/anvandning.xlsx?venue=%d", w.venueA.ID)}
		}, open},
		"GET /lokaler/ny":           {static("/lokaler/ny"), [actors]int{toLogin, 403, 200, 200, 200}},
		"POST /lokaler/ny":          {form("/lokaler/ny", venueForm...), changeByA},
		"GET /lokaler/:id/andra":    {static(venueA + "/andra"), adminsOfA},
		"GET /lokaler/:id/rum/nytt": {static(venueA + "/rum/nytt"), adminsOfA},
		// Agreements: read by anyone (drafts aside), changed by city administrators only.
		"GET /avtal":                                   {static("/avtal"), open},
		"GET /avtal/nytt":                              {static("/avtal/nytt"), cityOnly},
		"POST /avtal/nytt":                             {func(w *world, _ int) request { return request{path: "/avtal/nytt", form: w.agreementForm()} }, cityChanges},
		"GET /avtal/:id":                               {func(w *world, _ int) request { return request{path: w.compactPage()} }, open},
		"GET /avtal/:id/andra":                         {func(w *world, _ int) request { return request{path: w.compactPage() + "/andra"} }, cityOnly},
		"POST /avtal/:id/andra":                        {func(w *world, _ int) request { return request{path: w.freshIOP() + "/andra", form: w.agreementForm()} }, cityChanges},
		"POST /avtal/:id/versioner":                    {func(w *world, _ int) request { return w.versionRequest() }, cityChanges},
		"POST /avtal/:id/dokument":                     {func(w *world, _ int) request { return w.uploadRequest() }, cityChanges},
		"GET /avtal/:id/dokument/:doc":                 {func(w *world, _ int) request { return request{path: w.documentPage()} }, open},
		"POST /avtal/:id/dokument/:doc/ta-bort":        {func(w *world, _ int) request { return request{path: w.documentPage() + "/ta-bort", form: url.Values{}} }, cityChanges},
		"POST /avtal/:id/underskrifter":                {func(w *world, _ int) request { return w.signRequest() }, cityChanges},
		"POST /avtal/:id/underskrifter/:sig/aterkalla": {func(w *world, _ int) request { return w.withdrawRequest() }, cityChanges},
		"POST /lokaler/:id/rum/nytt": {func(w *world, _ int) request {
			return request{path: venueA + "/rum/nytt", form: url.Values{"name": {w.unique("Rum")}, "capacity": {"10"}}}
		}, changeByA},
		"POST /lokaler/:id/andra": {func(w *world, _ int) request {
			v := w.venueIn(w.a.ID)
			return request{path: fmt.Sprintf("/lokaler/%d/andra", v.ID), form: fill(url.Values{}, append(venueForm, "revision", "1")...)}
		}, changeByA},

		"GET /rum/:id/boka": {static(fmt.Sprintf("/rum/%d/boka", w.roomA.ID)), signedIn},
		// A free hour each time, booked for A: by A's people and city administrators.
		"POST /rum/:id/boka": {func(w *world, _ int) request {
			start := w.freeSlot()
			return request{path: fmt.Sprintf("/rum/%d/boka", w.roomA.ID), form: url.Values{
				"organisation_id": {fmt.Sprint(w.a.ID)}, "title": {"Styrelsemöte"}, "attendees": {"5"},
				"date": {start.Format(time.DateOnly)}, "starts_at": {"10:00"}, "ends_at": {"11:00"},
			}}
		}, [actors]int{toLogin, 303, 303, 403, 303}},
		"GET /bokningar/:id": {static(fmt.Sprintf("/bokningar/%d", publicA.ID)), open},
		// The page of a private series of A's: for those who may see A's bookings.
		"GET /bokningar/:id/serie": {func(w *world, _ int) request {
			res := w.seriesOf(w.a.ID, w.roomA.ID, 1)
			return request{path: fmt.Sprintf("/bokningar/%d/serie", res.Bookings[0].ID)}
		}, [actors]int{toLogin, 200, 200, 403, 200}},
		// A fresh booking of A: cancelled by A's people, the room owner's admins (A) and city
		// administrators.
		"POST /bokningar/:id/avboka": {func(w *world, _ int) request {
			b := w.book(w.a.ID, w.roomA.ID, true)
			return request{path: fmt.Sprintf("/bokningar/%d/avboka", b.ID), form: url.Values{"reason": {"Inställt"}}}
		}, [actors]int{toLogin, 303, 303, 403, 303}},
		// A fresh request of B's for A's room: decided by A's admins and city administrators.
		"POST /bokningar/:id/godkann": {func(w *world, _ int) request {
			b := w.book(w.b.ID, w.approvalA.ID, true)
			return request{path: fmt.Sprintf("/bokningar/%d/godkann", b.ID), form: url.Values{"note": {"Välkomna"}}}
		}, changeByA},
		"POST /bokningar/:id/avsla": {func(w *world, _ int) request {
			b := w.book(w.b.ID, w.approvalA.ID, true)
			return request{path: fmt.Sprintf("/bokningar/%d/avsla", b.ID), form: url.Values{"note": {"Upptaget"}}}
		}, changeByA},
		// A fresh booking of A's, moved to another free hour: by A's people and city administrators.
		"POST /bokningar/:id/flytta": {func(w *world, _ int) request {
			b, to := w.book(w.a.ID, w.roomA.ID, false), w.freeSlot()
			return request{path: fmt.Sprintf("/bokningar/%d/flytta", b.ID), form: url.Values{
				"date": {to.Format(time.DateOnly)}, "starts_at": {"12:00"}, "ends_at": {"13:00"}}}
		}, [actors]int{toLogin, 303, 303, 403, 303}},
		// A fresh series of B's in A's room that needs approval: decided by A's admins.
		"POST /bokningar/:id/serie/godkann": {func(w *world, _ int) request {
			res := w.seriesOf(w.b.ID, w.approvalA.ID, 1)
			return request{path: fmt.Sprintf("/bokningar/%d/serie/godkann", res.Bookings[0].ID), form: url.Values{"note": {"Välkomna"}}}
		}, changeByA},
		"POST /bokningar/:id/serie/avsla": {func(w *world, _ int) request {
			res := w.seriesOf(w.b.ID, w.approvalA.ID, 1)
			return request{path: fmt.Sprintf("/bokningar/%d/serie/avsla", res.Bookings[0].ID), form: url.Values{}}
		}, changeByA},
		"GET /organisationer/:id/bokningar":     {static(orgA + "/bokningar"), [actors]int{toLogin, 200, 200, 403, 200}},
		"GET /organisationer/:id/forfragningar": {static(orgA + "/forfragningar"), adminsOfA},
		"GET /organisationer/:id/utan-ratt":     {static(orgA + "/utan-ratt"), adminsOfA},
		// A's room's booking settings: for A's admins and city administrators.
		"GET /rum/:id/installningar": {static(settingsA), adminsOfA},
		"POST /rum/:id/installningar/regler": {form(settingsA+"/regler", "who_may_book", "any", "horizon_days", "365",
			"min_notice_hours", "0", "max_duration_hours", "0", "cancel_before_hours", "0"), changeByA},
		// Open all day every day: the other rows book A's room at any hour.
		"POST /rum/:id/installningar/oppettider": {form(settingsA+"/oppettider", allDay()...), changeByA},
		"POST /rum/:id/installningar/taxa": {form(settingsA+"/taxa", "unit", "hour", "city_price", "0", "association_price", "150,50",
			"other_price", "300", "description", "Taxa"), changeByA},
		// The invoicing basis: owners' admins (B's admin gets B's, empty) and city administrators.
		"GET /fakturaunderlag":               {static("/fakturaunderlag?from=2026-01-01&to=2026-12-31"), invoicingRow},
		"GET /fakturaunderlag.csv":           {static("/fakturaunderlag.csv?from=2026-01-01&to=2026-12-31"), invoicingRow},
		"GET /fakturaunderlag.xlsx":          {static("/fakturaunderlag.xlsx"), invoicingRow},
		"POST /rum/:id/installningar/stangt": {form(settingsA+"/stangt", "first_day", "2026-12-24", "last_day", "2026-12-26", "scope", "room"), changeByA},
		"POST /rum/:id/installningar/stangt/:closure/ta-bort": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("%s/stangt/%d/ta-bort", settingsA, w.closure(w.roomA.ID)), form: url.Values{}}
		}, changeByA},
		// A's whole venue closed for some days, and a fresh such closure opened again.
		"POST /lokaler/:id/stangt": {form(venueA+"/stangt", "first_day", "2026-12-27", "last_day", "2026-12-28"), changeByA},
		"POST /lokaler/:id/stangt/:closure/ta-bort": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("%s/stangt/%d/ta-bort", venueA, w.venueClosure(w.venueA.ID)), form: url.Values{}}
		}, changeByA},

		"GET /logga-in": {static("/logga-in"), [actors]int{200, 303, 303, 303, 303}},
		// Signing in again, as oneself, in a browser of one's own; anyone as a new person.
		"POST /logga-in": {func(w *world, a int) request {
			b, u := w.fresh(a)
			if u == nil {
				u = w.outsider()
			}
			return request{b: b, path: "/logga-in", form: url.Values{"email": {u.Email}, "password": {testPassword}}}
		}, [actors]int{303, 303, 303, 303, 303}},
		// Single sign-on is not configured in this world: both answer 404 to everyone. With a
		// provider (TestSingleSignOn) anyone may start and finish a sign-in.
		"GET /logga-in/sso":       {static("/logga-in/sso?next=%2Fkonto"), [actors]int{404, 404, 404, 404, 404}},
		"GET /logga-in/sso/retur": {static("/logga-in/sso/retur?state=x&code=y"), [actors]int{404, 404, 404, 404, 404}},
		"POST /logga-ut": {func(w *world, a int) request {
			b, _ := w.fresh(a)
			return request{b: b, path: "/logga-ut", form: url.Values{}}
		}, [actors]int{303, 303, 303, 303, 303}},

		"GET /att-gora": {static("/att-gora"), signedIn},
		// A fresh meeting of B's to which A is invited: answered for A by its people.
		"POST /att-gora/moten/:id/svar": {func(w *world, _ int) request {
			m := w.invitedMeeting(w.b.ID, w.a.ID)
			return request{path: fmt.Sprintf("/att-gora/moten/%d/svar", m.ID), form: url.Values{
				"organisation_id": {fmt.Sprint(w.a.ID)}, "attending": {"yes"}, "participants": {"3"}}}
		}, [actors]int{toLogin, 303, 303, 403, 303}},
		// A fresh invitation mail's reply link: whoever holds it answers for A.
		"GET /svar/:token": {func(w *world, _ int) request {
			_, secret := w.replyLink()
			return request{path: "/svar/" + secret}
		}, open},
		"POST /svar/:token": {func(w *world, _ int) request {
			_, secret := w.replyLink()
			return request{path: "/svar/" + secret, form: url.Values{
				"organisation_id": {fmt.Sprint(w.a.ID)}, "attending": {"yes"}, "participants": {"3"}}}
		}, [actors]int{303, 303, 303, 303, 303}},
		"GET /konto/installningar":  {static("/konto/installningar"), signedIn},
		"POST /konto/installningar": {form("/konto/installningar", "lang", "sv", "wanted", "meeting", "reminder_minutes", "60"), mine},
		// A fresh message's link: whoever holds it may use it.
		"GET /avregistrera/:token": {func(w *world, _ int) request {
			return request{path: "/avregistrera/" + w.unsubscribeToken()}
		}, open},
		"POST /avregistrera/:token": {func(w *world, _ int) request {
			return request{path: "/avregistrera/" + w.unsubscribeToken(), form: url.Values{}}
		}, open},
		"GET /konto":             {static("/konto"), signedIn},
		"GET /konto/export.json": {static("/konto/export.json"), signedIn},
		"GET /konto/radera":      {static("/konto/radera"), signedIn},
		"POST /konto/uppgifter": {func(w *world, a int) request {
			u := w.people[a]
			if u == nil {
				u = &account.User{Name: "Ingen", Email: "ingen@test.example"}
			}
			return request{path: "/konto/uppgifter", form: url.Values{"name": {u.Name}, "email": {u.Email}}}
		}, mine},
		"POST /konto/losenord": {func(w *world, a int) request {
			b, _ := w.fresh(a)
			return request{b: b, path: "/konto/losenord", form: url.Values{"current_password": {testPassword}, "password": {"ett helt nytt lösenord"}}}
		}, mine},
		"POST /konto/nycklar": {form("/konto/nycklar", "token_name", "Skript"), signedIn},
		// A fresh token of the booker's: only its holder can revoke it; to anyone else it
		// does not exist, city administrators included.
		"POST /konto/nycklar/:id/aterkalla": {func(w *world, _ int) request {
			_, tok, err := w.accounts.CreateToken(context.Background(), access.Actor{UserID: w.people[bookerA].ID}, "engång", nil)
			if err != nil {
				w.t.Fatal(err)
			}
			return request{path: fmt.Sprintf("/konto/nycklar/%d/aterkalla", tok.ID), form: url.Values{}}
		}, [actors]int{toLogin, 303, 404, 404, 404}},
		"POST /konto/radera": {func(w *world, a int) request {
			b, _ := w.fresh(a)
			return request{b: b, path: "/konto/radera", form: url.Values{}}
		}, signedIn},

		"GET /organisationer/:id/medlemmar": {static(orgA + "/medlemmar"), [actors]int{toLogin, 200, 200, 403, 200}},
		"POST /organisationer/:id/medlemmar/:user/roll": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("%s/medlemmar/%d/roll", orgA, w.outsider().ID), form: url.Values{"role": {"booker"}}}
		}, changeByA},
		"POST /organisationer/:id/medlemmar/:user/ta-bort": {func(w *world, _ int) request {
			u := w.person(w.t, false, map[string]access.Role{w.a.Name: access.RoleBooker})
			return request{path: fmt.Sprintf("%s/medlemmar/%d/ta-bort", orgA, u.ID), form: url.Values{}}
		}, changeByA},
		"POST /organisationer/:id/inbjudningar": {func(w *world, _ int) request {
			email := strings.ReplaceAll(w.unique("inbjuden"), " ", "") + "@test.example"
			return request{path: orgA + "/inbjudningar", form: url.Values{"email": {email}, "role": {"booker"}}}
		}, adminsOfA},

		// A's calendar links: for A's members and city administrators; a fresh link of A's
		// for each actor to revoke.
		"GET /organisationer/:id/kalender":  {static(orgA + "/kalender"), [actors]int{toLogin, 200, 200, 403, 200}},
		"POST /organisationer/:id/kalender": {form(orgA+"/kalender", "name", "Kalender"), [actors]int{toLogin, 200, 200, 403, 200}},
		"POST /organisationer/:id/kalender/:token/aterkalla": {func(w *world, _ int) request {
			_, tok, err := w.feeds.Create(context.Background(), access.System, w.a.ID, "Att återkalla")
			if err != nil {
				w.t.Fatal(err)
			}
			return request{path: fmt.Sprintf("%s/kalender/%d/aterkalla", orgA, tok.ID), form: url.Values{}}
		}, [actors]int{toLogin, 303, 303, 403, 303}},

		// The iCal feeds: a public feed is the same for everyone, and a private one is opened
		// by its secret alone, whoever is signed in.
		"GET /calendar/rooms/:file":           {static(fmt.Sprintf("/calendar/rooms/%d.ics", w.roomA.ID)), open},
		"HEAD /calendar/rooms/:file":          {head(fmt.Sprintf("/calendar/rooms/%d.ics", w.roomA.ID)), open},
		"GET /calendar/venues/:file":          {static(fmt.Sprintf("/calendar/venues/%d.ics", w.venueA.ID)), open},
		"HEAD /calendar/venues/:file":         {head(fmt.Sprintf("/calendar/venues/%d.ics", w.venueA.ID)), open},
		"GET /calendar/bookings/:file":        {static(fmt.Sprintf("/calendar/bookings/%d.ics", publicA.ID)), open},
		"HEAD /calendar/bookings/:file":       {head(fmt.Sprintf("/calendar/bookings/%d.ics", publicA.ID)), open},
		"GET /calendar/meetings.ics":          {static("/calendar/meetings.ics"), open},
		"HEAD /calendar/meetings.ics":         {head("/calendar/meetings.ics"), open},
		"GET /calendar/meeting-series/:file":  {static(fmt.Sprintf("/calendar/meeting-series/%d.ics", meetingA.SeriesID)), open},
		"HEAD /calendar/meeting-series/:file": {head(fmt.Sprintf("/calendar/meeting-series/%d.ics", meetingA.SeriesID)), open},
		"GET /calendar/meetings/:file":        {static(fmt.Sprintf("/calendar/meetings/%d.ics", meetingA.ID)), open},
		"HEAD /calendar/meetings/:file":       {head(fmt.Sprintf("/calendar/meetings/%d.ics", meetingA.ID)), open},
		"GET /calendar/private/:file":         {privateFeed(false), open},
		"HEAD /calendar/private/:file":        {privateFeed(true), open},

		"GET /inbjudan/:token": {static("/inbjudan/okand-lank"), open},
		// A fresh invitation to A: for a new address, sent by anyone; for a person's own
		// address, accepted in their browser.
		"POST /inbjudan/:token": {func(w *world, a int) request {
			b, u := w.fresh(a)
			email := strings.ReplaceAll(w.unique("ny"), " ", "") + "@test.example"
			if u != nil {
				email = u.Email
			}
			token, err := w.accounts.Invite(context.Background(), access.System, w.a.ID, email, access.RoleBooker)
			if err != nil {
				w.t.Fatal(err)
			}
			return request{b: b, path: "/inbjudan/" + token, form: url.Values{"name": {"Ny Medlem"}, "password": {"ett långt nytt lösenord"}}}
		}, [actors]int{200, 303, 303, 303, 303}},
		"GET /glomt-losenord": {static("/glomt-losenord"), open},
		// A link for a person's own address, or for an address nobody has: the same answer.
		"POST /glomt-losenord": {func(w *world, a int) request {
			email := "ingen@test.example"
			if u := w.people[a]; u != nil {
				email = u.Email
			}
			return request{path: "/glomt-losenord", form: url.Values{"email": {email}}}
		}, open},
		"GET /losenord/:token": {static("/losenord/okand-lank"), open},
		// A fresh link for a new person: whoever holds it sets the password.
		"POST /losenord/:token": {func(w *world, _ int) request {
			token, err := w.accounts.CreatePasswordReset(context.Background(), access.System, w.outsider().ID)
			if err != nil {
				w.t.Fatal(err)
			}
			return request{path: "/losenord/" + token, form: url.Values{"password": {"ett långt nytt lösenord"}}}
		}, open},

		// Joining the Compact: anyone asks (a fresh organisation number each time) and follows
		// the request by its link; city administrators decide in their inbox.
		"GET /overenskommelsen/anslut": {static("/overenskommelsen/anslut"), open},
		"POST /overenskommelsen/anslut": {func(w *world, _ int) request {
			return request{path: "/overenskommelsen/anslut", form: joinForm(int(w.site.people.Add(1)))}
		}, open},
		"GET /overenskommelsen/anslut/:token": {func(w *world, _ int) request {
			_, secret := w.requestToJoin(int(w.site.people.Add(1)))
			return request{path: "/overenskommelsen/anslut/" + secret}
		}, open},
		"GET /admin/anslutningar": {static("/admin/anslutningar"), cityOnly},
		"POST /admin/anslutningar/:id/godkann": {func(w *world, _ int) request {
			jr, _ := w.requestToJoin(int(w.site.people.Add(1)))
			return request{path: fmt.Sprintf("/admin/anslutningar/%d/godkann", jr.ID), form: url.Values{}}
		}, [actors]int{toLogin, 403, 403, 403, 303}},
		"POST /admin/anslutningar/:id/avsla": {func(w *world, _ int) request {
			jr, _ := w.requestToJoin(int(w.site.people.Add(1)))
			return request{path: fmt.Sprintf("/admin/anslutningar/%d/avsla", jr.ID), form: url.Values{"reason": {"Nej"}}}
		}, [actors]int{toLogin, 403, 403, 403, 303}},

		"GET /admin/anvandare":    {static("/admin/anvandare"), cityOnly},
		"GET /admin/anvandare/ny": {static("/admin/anvandare/ny"), cityOnly},
		"GET /admin/logg":         {static("/admin/logg"), cityOnly},
		"GET /admin/meddelanden":  {static("/admin/meddelanden"), cityOnly},
		"POST /admin/anvandare/ny": {func(w *world, _ int) request {
			email := strings.ReplaceAll(w.unique("skapad"), " ", "") + "@test.example"
			return request{path: "/admin/anvandare/ny", form: url.Values{"email": {email}, "name": {"Skapad"}}}
		}, cityOnly},
		"POST /admin/anvandare/:id/stadsadministrator": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/admin/anvandare/%d/stadsadministrator", w.outsider().ID), form: url.Values{"city_admin": {"yes"}}}
		}, [actors]int{toLogin, 403, 403, 403, 303}},
		"GET /admin/anvandare/:id/meddelanden": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/admin/anvandare/%d/meddelanden", w.outsider().ID)}
		}, cityOnly},
		"POST /admin/anvandare/:id/losenordslank": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/admin/anvandare/%d/losenordslank", w.outsider().ID), form: url.Values{}}
		}, cityOnly},
	}
	maps.Copy(m, registerMatrix(w))
	return m
}

// pageRoutes are the engine's page routes: all but the API, the static files and the
// operational endpoints.
func pageRoutes(w *world) []string {
	var routes []string
	for _, r := range w.engine.Routes() {
		if strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/static/") ||
			slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, r.Path) {
			continue
		}
		routes = append(routes, r.Method+" "+r.Path)
	}
	slices.Sort(routes)
	return routes
}

// send makes the request as actor a, with the browser's CSRF token or without one, and
// returns the page and its status as the matrix writes it.
func (w *world) send(a int, r request, csrf bool) (page, int) {
	b := r.b
	if b == nil {
		b = w.browsers[a]
	}
	var p page
	switch {
	case r.head:
		p = b.head(r.path)
	case r.form == nil:
		p = b.get(r.path)
	default:
		values := fill(url.Values{}) // a copy: the request may be sent twice
		for k, v := range r.form {
			values[k] = slices.Clone(v)
		}
		if csrf && b.cookie("csrf") != nil {
			values.Set("csrf", b.csrf())
		}
		if r.file != nil {
			p = b.postFile(r.path, values, *r.file)
			break
		}
		p = b.post(r.path, values)
	}
	status := p.resp.StatusCode
	if status == http.StatusSeeOther && strings.HasPrefix(p.resp.Header.Get("Location"), "/logga-in") {
		status = toLogin
	}
	return p, status
}

// TestPageAccessMatrix requests every page route as each actor and checks the status each
// gets. A route without a row fails the test: a new page must say who may use it.
func TestPageAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	matrix := accessMatrix(w)
	routes := pageRoutes(w)
	for _, route := range routes {
		if _, ok := matrix[route]; !ok {
			t.Errorf("route %s has no row in the access matrix", route)
		}
	}
	for route, row := range matrix {
		if !slices.Contains(routes, route) {
			t.Errorf("the access matrix has a row for %s, which the engine does not route", route)
			continue
		}
		for a := range actors {
			r := row.req(w, a)
			p, got := w.send(a, r, true)
			if got != row.want[a] {
				t.Errorf("%s as %s (%s): status %d (to %q), want %d; page: %.300s", route, actorNames[a], r.path, got,
					p.resp.Header.Get("Location"), row.want[a], strings.Join(strings.Fields(p.doc.Find("main").Text()), " "))
			} else if got == http.StatusForbidden && p.text("h1") != "Du får inte göra det här" {
				t.Errorf("%s as %s: 403 is not the refusal page: %q", route, actorNames[a], p.text("h1"))
			}
		}
	}
}

// TestPageCSRF sends every form without its CSRF token, as each actor: each is refused with
// 403 and nothing changes (the audit log, which records every change and every sign-in,
// stays as it was, and whoever was signed in still is).
func TestPageCSRF(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	count := func() int64 {
		n, err := w.db.NewSelect().Table("audit_log").Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	var posts int
	for route, row := range accessMatrix(w) {
		if !strings.HasPrefix(route, "POST ") {
			continue
		}
		posts++
		for a := range actors {
			r := row.req(w, a)
			before := count()
			p, got := w.send(a, r, false)
			if got != http.StatusForbidden || p.text("h1") != "Formuläret kunde inte skickas" {
				t.Errorf("%s as %s without a CSRF token: %d %q, want 403", route, actorNames[a], got, p.text("h1"))
			}
			if after := count(); after != before {
				t.Errorf("%s as %s without a CSRF token: %d new audit entries", route, actorNames[a], after-before)
			}
			b := r.b
			if b == nil {
				b = w.browsers[a]
			}
			if want, got := a != anon, b.get("/konto").resp.StatusCode == http.StatusOK; got != want {
				t.Errorf("%s as %s without a CSRF token: signed in %v afterwards, want %v", route, actorNames[a], got, want)
			}
		}
	}
	if posts < 15 {
		t.Errorf("only %d POST routes in the matrix", posts)
	}
}
