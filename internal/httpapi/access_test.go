package httpapi_test

import (
	"fmt"
	"net/http"
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

// The actors of the access matrix, in the order of its columns.
const (
	anon = iota
	bookerA
	adminA
	adminB
	city
	actors
)

var actorNames = [actors]string{"anonymous", "booker of A", "admin of A", "admin of B", "city administrator"}

// world is two associations, A with a venue and a room, and a person in each role, each
// signed in with a real API token made by the account service.
type world struct {
	*env
	a, b   *organisation.Organisation
	venueA *venue.Venue
	roomA  *venue.Room
	people [actors]*account.User // nil for anon
	tokens [actors]string
	seq    atomic.Int64
	// approvalRoom is a room of A's whose bookings need approval, made when first needed.
	approvalRoom int64
	// seriesA is a public meeting series organised by A that invites A, made when first needed.
	seriesA int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{env: newEnv(t, 1<<16)}
	w.a, w.b = w.org("association", "Förening A"), w.org("association", "Förening B")
	w.venueA = w.venueOf(w.a.ID, "Lokal A")
	w.roomA = w.roomIn(w.venueA.ID, "Rum A")
	w.people[bookerA], w.people[adminA], w.people[adminB] = w.user("bokare-a@example.se", false), w.user("admin-a@example.se", false), w.user("admin-b@example.se", false)
	w.people[city] = w.city
	w.member(w.a.ID, w.people[bookerA], access.RoleBooker)
	w.member(w.a.ID, w.people[adminA], access.RoleAdmin)
	w.member(w.b.ID, w.people[adminB], access.RoleAdmin)
	w.tokens[anon] = anonymous
	for _, i := range []int{bookerA, adminA, adminB} {
		w.tokens[i] = w.token(w.people[i])
	}
	w.tokens[city] = w.cityToken
	return w
}

// unique returns a name not used before in the world.
func (w *world) unique(prefix string) string { return fmt.Sprintf("%s %d", prefix, w.seq.Add(1)) }

// orgLikeA is a fresh organisation where A's booker and admin have the same roles as in A.
func (w *world) orgLikeA() int64 {
	o := w.org("association", w.unique("Förening"))
	w.member(o.ID, w.people[bookerA], access.RoleBooker)
	w.member(o.ID, w.people[adminA], access.RoleAdmin)
	return o.ID
}

// pendingOfB returns a fresh pending booking of B in a room of A's that needs approval.
func (w *world) pendingOfB() int64 {
	if w.approvalRoom == 0 {
		w.approvalRoom = w.roomIn(w.venueA.ID, "Rum med godkännande").ID
		w.setRules(w.approvalRoom, booking.WhoAny, true)
	}
	start, end := w.slot(w.seq.Add(1))
	b := w.book(w.b.ID, w.approvalRoom, start, end, false)
	if b.Status != booking.StatusPending {
		w.fail("booking %d is %s, want pending", b.ID, b.Status)
	}
	return b.ID
}

// seriesOf books a weekly series of two for org, as the System, in a room of A's of its own,
// which asks for approval when approval is set.
func (w *world) seriesOf(org int64, approval bool) *booking.SeriesResult {
	room := w.roomIn(w.venueA.ID, w.unique("Serierum"))
	if approval {
		w.setRules(room.ID, booking.WhoAny, true)
	}
	start, _ := w.slot(w.seq.Add(1))
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		w.fail("%v", err)
	}
	l := start.In(loc)
	res, err := w.bookings.CreateSeries(w.ctx(), access.System, booking.SeriesInput{RoomID: room.ID, OrganisationID: org,
		Title: "Träning", Attendees: 4, DurationMinutes: 60, RRule: "FREQ=WEEKLY;COUNT=2",
		Start: time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), 0, 0, time.UTC)})
	if err != nil {
		w.fail("book a series for %d: %v", org, err)
	}
	return res
}

// outsider is a fresh person with no role anywhere.
func (w *world) outsider() *account.User {
	return w.user(strings.ReplaceAll(w.unique("person"), " ", "")+"@example.se", false)
}

// accessRow is what every actor gets from one route. req makes the request; it is called
// once per actor, so a route whose success would change what the next actor sees makes a
// fresh object each time.
type accessRow struct {
	req  func(w *world) (path, body string)
	want [actors]int
}

func static(path string) func(*world) (string, string) {
	return func(*world) (string, string) { return path, "" }
}

var (
	open       = [actors]int{200, 200, 200, 200, 200}
	signedIn   = [actors]int{401, 200, 200, 200, 200}
	cityOnly   = [actors]int{401, 403, 403, 403, 200}
	adminsOfA  = [actors]int{401, 403, 200, 403, 200}
	createdByA = [actors]int{401, 403, 201, 403, 201}
	goneByA    = [actors]int{401, 403, 204, 403, 204}
	invoicing  = [actors]int{401, 403, 200, 200, 200}
)

// accessMatrix has one row per route of the engine, keyed as gin names it.
func accessMatrix(w *world) map[string]accessRow {
	orgA, venueA, roomA := fmt.Sprintf("/api/v1/organisations/%d", w.a.ID), fmt.Sprintf("/api/v1/venues/%d", w.venueA.ID), fmt.Sprintf("/api/v1/rooms/%d", w.roomA.ID)
	venueBody := fmt.Sprintf(`{"owner_id":%d,"name":"Lokal A","street_address":"Storgatan 1","postal_code":"50335","town":"Borås"}`, w.a.ID)
	return map[string]accessRow{
		"GET /api/v1/organisations": {static("/api/v1/organisations"), open},
		"POST /api/v1/organisations": {func(w *world) (string, string) {
			return "/api/v1/organisations", `{"kind":"association","name":"` + w.unique("Ny förening") + `"}`
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/organisations/:id": {static(orgA), open},
		"PUT /api/v1/organisations/:id": {func(*world) (string, string) {
			return orgA, `{"kind":"association","name":"Förening A"}`
		}, adminsOfA},
		"POST /api/v1/organisations/:id/archive": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/organisations/%d/archive", w.orgLikeA()), ""
		}, cityOnly},
		"GET /api/v1/organisations/:id/members": {static(orgA + "/members"), [actors]int{401, 200, 200, 403, 200}},
		"PUT /api/v1/organisations/:id/members/:user_id": {func(w *world) (string, string) {
			return fmt.Sprintf("%s/members/%d", orgA, w.outsider().ID), `{"role":"booker"}`
		}, adminsOfA},
		"DELETE /api/v1/organisations/:id/members/:user_id": {func(w *world) (string, string) {
			u := w.outsider()
			w.member(w.a.ID, u, access.RoleBooker)
			return fmt.Sprintf("%s/members/%d", orgA, u.ID), ""
		}, goneByA},
		"POST /api/v1/organisations/:id/invitations": {func(*world) (string, string) {
			return orgA + "/invitations", `{"email":"ny@example.se","role":"booker"}`
		}, createdByA},

		"GET /api/v1/venues":     {static("/api/v1/venues"), open},
		"POST /api/v1/venues":    {func(*world) (string, string) { return "/api/v1/venues", venueBody }, createdByA},
		"GET /api/v1/venues/:id": {static(venueA), open},
		"PUT /api/v1/venues/:id": {func(*world) (string, string) { return venueA, venueBody }, adminsOfA},
		"POST /api/v1/venues/:id/archive": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/venues/%d/archive", w.venueOf(w.a.ID, w.unique("Lokal")).ID), ""
		}, adminsOfA},
		"GET /api/v1/venues/:id/rooms": {static(venueA + "/rooms"), open},
		"POST /api/v1/venues/:id/rooms": {func(w *world) (string, string) {
			return venueA + "/rooms", `{"name":"` + w.unique("Rum") + `","capacity":12}`
		}, createdByA},
		"GET /api/v1/rooms":     {static("/api/v1/rooms"), open},
		"GET /api/v1/rooms/:id": {static(roomA), open},
		"PUT /api/v1/rooms/:id": {func(*world) (string, string) { return roomA, `{"name":"Rum A","capacity":14}` }, adminsOfA},
		"POST /api/v1/rooms/:id/archive": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rooms/%d/archive", w.roomIn(w.venueA.ID, w.unique("Rum")).ID), ""
		}, adminsOfA},

		"GET /api/v1/bookings": {static("/api/v1/bookings"), open},
		"GET /api/v1/availability": {func(w *world) (string, string) {
			from, to := w.slot(0)
			return fmt.Sprintf("/api/v1/availability?from=%s&to=%s", from.Format("2006-01-02T15:04:05Z"), to.Format("2006-01-02T15:04:05Z")), ""
		}, open},
		"GET /api/v1/rooms/:id/availability": {func(w *world) (string, string) {
			from, _ := w.slot(0)
			return fmt.Sprintf("%s/availability?from=%s&to=%s", roomA, from.Format("2006-01-02T15:04:05Z"), from.Add(7*24*time.Hour).Format("2006-01-02T15:04:05Z")), ""
		}, open},
		// A's room's booking settings: public to read, changed by A's admins. The changes
		// leave the room bookable as the other rows expect: by anyone, at once, at any time.
		"GET /api/v1/rooms/:id/rules": {static(roomA + "/rules"), open},
		"PUT /api/v1/rooms/:id/rules": {func(*world) (string, string) {
			return roomA + "/rules", `{"who_may_book":"any","horizon_days":365}`
		}, adminsOfA},
		"PUT /api/v1/rooms/:id/opening-hours": {func(*world) (string, string) {
			return roomA + "/opening-hours", `{"opening_hours":[]}`
		}, adminsOfA},
		"POST /api/v1/rooms/:id/closures": {func(*world) (string, string) {
			return roomA + "/closures", `{"first_day":"2031-01-01","last_day":"2031-01-01"}`
		}, createdByA},
		"POST /api/v1/venues/:id/closures": {func(*world) (string, string) {
			return venueA + "/closures", `{"first_day":"2031-01-02","last_day":"2031-01-02","reason":"Stängt"}`
		}, createdByA},
		"DELETE /api/v1/closures/:id": {func(w *world) (string, string) {
			c, err := w.bookings.AddClosure(w.ctx(), access.System, booking.ClosureInput{RoomID: w.roomA.ID,
				FirstDay: time.Date(2031, 2, 1, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2031, 2, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				w.fail("add closure: %v", err)
			}
			return fmt.Sprintf("/api/v1/closures/%d", c.ID), ""
		}, goneByA},
		// Partners come from premises-sharing agreements: public to read, never set here.
		"GET /api/v1/rooms/:id/partners": {static(roomA + "/partners"), open},
		// The bookings in A's rooms that lost their right: for A's admins, who decide.
		"GET /api/v1/organisations/:id/bookings-without-right": {static(orgA + "/bookings-without-right"), adminsOfA},
		"GET /api/v1/rooms/:id/parts":                          {static(roomA + "/parts"), open},
		// A fresh hall of A's and a fresh half of it for each actor.
		"PUT /api/v1/rooms/:id/parts": {func(w *world) (string, string) {
			hall, half := w.roomIn(w.venueA.ID, w.unique("Hall")), w.roomIn(w.venueA.ID, w.unique("Halva"))
			return fmt.Sprintf("/api/v1/rooms/%d/parts", hall.ID), fmt.Sprintf(`{"part_ids":[%d]}`, half.ID)
		}, adminsOfA},
		// Fees: tariffs are public to read and set by A's admins; the quote is public; the
		// invoicing basis is for owners' admins (B's admin gets B's, empty) and the city.
		"GET /api/v1/rooms/:id/tariff": {func(w *world) (string, string) {
			r := w.roomIn(w.venueA.ID, w.unique("Rum"))
			one := int64(100)
			if _, err := w.bookings.SetTariff(w.ctx(), access.System, r.ID, booking.TariffInput{Unit: booking.PerHour, CityOre: &one, AssociationOre: &one, OtherOre: &one}); err != nil {
				w.fail("set tariff: %v", err)
			}
			return fmt.Sprintf("/api/v1/rooms/%d/tariff", r.ID), ""
		}, open},
		"PUT /api/v1/rooms/:id/tariff": {func(*world) (string, string) {
			return roomA + "/tariff", `{"unit":"hour","city_ore":0,"association_ore":10000,"other_ore":20000}`
		}, adminsOfA},
		"DELETE /api/v1/rooms/:id/tariff":    {static(roomA + "/tariff"), goneByA},
		"GET /api/v1/rooms/:id/quote":        {static(fmt.Sprintf("%s/quote?organisation_id=%d", roomA, w.b.ID)), open},
		"GET /api/v1/reports/invoicing":      {static("/api/v1/reports/invoicing?from=2026-01-01&to=2026-12-31"), invoicing},
		"GET /api/v1/reports/invoicing.csv":  {static("/api/v1/reports/invoicing.csv?from=2026-01-01&to=2026-12-31"), invoicing},
		"GET /api/v1/reports/invoicing.xlsx": {static("/api/v1/reports/invoicing.xlsx?from=2026-01-01&to=2026-12-31"), invoicing},
		// A fresh slot for each actor in A's own room: confirmed at once.
		"POST /api/v1/bookings": {func(w *world) (string, string) {
			start, end := w.slot(w.seq.Add(1))
			return "/api/v1/bookings", bookingBody(w.a.ID, w.roomA.ID, start, end, "")
		}, [actors]int{401, 201, 201, 403, 201}},
		// Anyone may look; how much they see is TestBookingVisibility's business.
		"GET /api/v1/bookings/:id": {func(w *world) (string, string) {
			start, end := w.slot(w.seq.Add(1))
			return fmt.Sprintf("/api/v1/bookings/%d", w.book(w.a.ID, w.roomA.ID, start, end, false).ID), ""
		}, open},
		// B's request for A's room that needs approval: A's admins decide.
		"POST /api/v1/bookings/:id/approve": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/bookings/%d/approve", w.pendingOfB()), `{"note":"Välkomna"}`
		}, adminsOfA},
		"POST /api/v1/bookings/:id/reject": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/bookings/%d/reject", w.pendingOfB()), `{"note":"Upptaget"}`
		}, adminsOfA},
		// A's own booking: its members cancel it.
		"POST /api/v1/bookings/:id/cancel": {func(w *world) (string, string) {
			start, end := w.slot(w.seq.Add(1))
			return fmt.Sprintf("/api/v1/bookings/%d/cancel", w.book(w.a.ID, w.roomA.ID, start, end, false).ID), `{"reason":"Inställt"}`
		}, [actors]int{401, 200, 200, 403, 200}},
		"POST /api/v1/bookings/:id/move": {func(w *world) (string, string) {
			start, end := w.slot(w.seq.Add(1))
			to, _ := w.slot(w.seq.Add(1))
			return fmt.Sprintf("/api/v1/bookings/%d/move", w.book(w.a.ID, w.roomA.ID, start, end, false).ID),
				fmt.Sprintf(`{"starts_at":%q,"ends_at":%q}`, to.Format(time.RFC3339), to.Add(time.Hour).Format(time.RFC3339))
		}, [actors]int{401, 200, 200, 403, 200}},
		// B's series in A's room that needs approval: A's admins decide; A's own series: its
		// members cancel and move it.
		"POST /api/v1/booking-series/:id/approve": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/booking-series/%d/approve", w.seriesOf(w.b.ID, true).Series.ID), `{"note":"Välkomna"}`
		}, adminsOfA},
		"POST /api/v1/booking-series/:id/reject": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/booking-series/%d/reject", w.seriesOf(w.b.ID, true).Series.ID), ``
		}, adminsOfA},
		"POST /api/v1/booking-series/:id/cancel": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/booking-series/%d/cancel", w.seriesOf(w.a.ID, false).Series.ID), `{"reason":"Inställt"}`
		}, [actors]int{401, 200, 200, 403, 200}},
		"POST /api/v1/booking-series/:id/move": {func(w *world) (string, string) {
			res := w.seriesOf(w.a.ID, false)
			first := res.Bookings[0]
			return fmt.Sprintf("/api/v1/booking-series/%d/move", res.Series.ID),
				fmt.Sprintf(`{"from":%q,"starts_at":%q,"ends_at":%q}`, first.OriginalStart.Format(time.RFC3339),
					first.StartsAt.Add(time.Hour).Format(time.RFC3339), first.EndsAt.Add(time.Hour).Format(time.RFC3339))
		}, [actors]int{401, 200, 200, 403, 200}},

		"GET /api/v1/users": {static("/api/v1/users"), cityOnly},
		"POST /api/v1/users": {func(w *world) (string, string) {
			return "/api/v1/users", `{"email":"` + strings.ReplaceAll(w.unique("ny"), " ", "") + `@example.se","name":"Ny"}`
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/users/me":        {static("/api/v1/users/me"), signedIn},
		"GET /api/v1/users/me/export": {static("/api/v1/users/me/export"), signedIn},
		// The booker's own account: theirs, and the city's, to read and change.
		"GET /api/v1/users/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/users/%d", w.people[bookerA].ID), ""
		}, [actors]int{401, 200, 403, 403, 200}},
		"PUT /api/v1/users/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/users/%d", w.people[bookerA].ID), `{"email":"bokare-a@example.se","name":"Bokare A"}`
		}, [actors]int{401, 200, 403, 403, 200}},
		"DELETE /api/v1/users/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/users/%d", w.outsider().ID), ""
		}, [actors]int{401, 403, 403, 403, 204}},

		"GET /api/v1/tokens":  {static("/api/v1/tokens"), signedIn},
		"POST /api/v1/tokens": {func(*world) (string, string) { return "/api/v1/tokens", `{"name":"skript"}` }, [actors]int{401, 201, 201, 201, 201}},
		// A fresh token of the booker's: only its holder can revoke it; to anyone else it
		// does not exist, city administrators included.
		"DELETE /api/v1/tokens/:id": {func(w *world) (string, string) {
			_, tok, err := w.accounts.CreateToken(w.ctx(), access.Actor{UserID: w.people[bookerA].ID}, "engång", nil)
			if err != nil {
				w.fail("create token: %v", err)
			}
			return fmt.Sprintf("/api/v1/tokens/%d", tok.ID), ""
		}, [actors]int{401, 204, 404, 404, 404}},

		// A's calendar links: for A's members and city administrators; a fresh link of A's
		// for each actor to revoke.
		"GET /api/v1/organisations/:id/feed-tokens": {static(orgA + "/feed-tokens"), [actors]int{401, 200, 200, 403, 200}},
		"POST /api/v1/organisations/:id/feed-tokens": {func(*world) (string, string) {
			return orgA + "/feed-tokens", `{"name":"Kalender"}`
		}, [actors]int{401, 201, 201, 403, 201}},
		"DELETE /api/v1/feed-tokens/:id": {func(w *world) (string, string) {
			_, tok, err := w.feeds.Create(w.ctx(), access.System, w.a.ID, "Att återkalla")
			if err != nil {
				w.fail("create feed token: %v", err)
			}
			return fmt.Sprintf("/api/v1/feed-tokens/%d", tok.ID), ""
		}, [actors]int{401, 204, 204, 403, 204}},

		// Agreements: public to read, changed by city administrators only; a fresh
		// organisation signs, and a fresh signature is withdrawn, for each actor.
		"GET /api/v1/agreements": {static("/api/v1/agreements"), open},
		// A premises-sharing agreement by which A shares its room with B: not even A's admin
		// may record it.
		"POST /api/v1/agreements": {func(w *world) (string, string) {
			return "/api/v1/agreements", fmt.Sprintf(`{"kind":"premises_sharing","title":"%s","status":"active","terms":"Utan kostnad",
				"parties":[{"organisation_id":%d,"role":"owner"},{"organisation_id":%d,"role":"partner"}],"premises":[{"room_id":%d}]}`,
				w.unique("Lokalavtal"), w.a.ID, w.b.ID, w.roomA.ID)
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/agreements/:id": {func(w *world) (string, string) { return w.compactPath(), "" }, open},
		"PUT /api/v1/agreements/:id": {func(w *world) (string, string) {
			return w.compactPath(), `{"kind":"compact","title":"Överenskommelsen","status":"active"}`
		}, cityOnly},
		"POST /api/v1/agreements/:id/versions": {func(w *world) (string, string) {
			return w.compactPath() + "/versions", `{"label":"` + w.unique("v") + `","adopted_on":"2026-01-01"}`
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/agreements/:id/signatories":      {func(w *world) (string, string) { return w.compactPath() + "/signatories", "" }, open},
		"GET /api/v1/agreements/:id/signatories.csv":  {func(w *world) (string, string) { return w.compactPath() + "/signatories.csv", "" }, open},
		"GET /api/v1/agreements/:id/signatories.xlsx": {func(w *world) (string, string) { return w.compactPath() + "/signatories.xlsx", "" }, open},
		"POST /api/v1/agreements/:id/signatories": {func(w *world) (string, string) {
			return w.compactPath() + "/signatories", fmt.Sprintf(`{"organisation_id":%d,"signed_on":"2025-01-01"}`, w.org("association", w.unique("Förening")).ID)
		}, [actors]int{401, 403, 403, 403, 201}},
		"POST /api/v1/signatories/:id/withdraw": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/signatories/%d/withdraw", w.signCompact(w.org("association", w.unique("Förening")).ID)), ""
		}, cityOnly},
		// Anyone may ask to join (a fresh organisation number each time); the applicant
		// follows it by its secret; city administrators read and decide.
		"POST /api/v1/join-requests": {func(w *world) (string, string) {
			return "/api/v1/join-requests", joinBody(int(w.seq.Add(1)))
		}, [actors]int{201, 201, 201, 201, 201}},
		"GET /api/v1/join-requests": {static("/api/v1/join-requests"), cityOnly},
		"GET /api/v1/join-requests/status/:token": {func(w *world) (string, string) {
			_, token := w.requestToJoin(int(w.seq.Add(1)))
			return "/api/v1/join-requests/status/" + token, ""
		}, open},
		"GET /api/v1/join-requests/:id": {func(w *world) (string, string) {
			id, _ := w.requestToJoin(int(w.seq.Add(1)))
			return "/api/v1/join-requests/" + id, ""
		}, cityOnly},
		"POST /api/v1/join-requests/:id/approve": {func(w *world) (string, string) {
			id, _ := w.requestToJoin(int(w.seq.Add(1)))
			return "/api/v1/join-requests/" + id + "/approve", ""
		}, cityOnly},
		"POST /api/v1/join-requests/:id/reject": {func(w *world) (string, string) {
			id, _ := w.requestToJoin(int(w.seq.Add(1)))
			return "/api/v1/join-requests/" + id + "/reject", `{"reason":"Nej"}`
		}, cityOnly},

		// Meetings: public series and meetings open to read; A's network series organised
		// by A's admins, the Compact's meetings (here a FRÖ series under A, an association)
		// by the city only; meetings of A's series managed by A's admins; A, invited, replies.
		"GET /api/v1/meeting-series": {static("/api/v1/meeting-series"), open},
		"POST /api/v1/meeting-series": {func(w *world) (string, string) {
			return "/api/v1/meeting-series", fmt.Sprintf(`{"kind":"fro","name":%q,"organiser_id":%d,"public":true}`, w.unique("FRÖ"), w.a.ID)
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/meeting-series/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meeting-series/%d", w.meetingOfA().SeriesID), ""
		}, open},
		"PUT /api/v1/meeting-series/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meeting-series/%d", w.meetingOfA().SeriesID),
				fmt.Sprintf(`{"kind":"network","name":"Nätverksträffar","organiser_id":%d,"public":true,"invitees":[%d]}`, w.a.ID, w.a.ID)
		}, adminsOfA},
		"DELETE /api/v1/meeting-series/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meeting-series/%d", w.meetingSeriesOf(w.a.ID).ID), ""
		}, goneByA},
		"GET /api/v1/meeting-series/:id/meetings": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meeting-series/%d/meetings", w.meetingOfA().SeriesID), ""
		}, open},
		"POST /api/v1/meeting-series/:id/meetings": {func(w *world) (string, string) {
			start, end := w.slot(w.seq.Add(1))
			return fmt.Sprintf("/api/v1/meeting-series/%d/meetings", w.meetingOfA().SeriesID), meetingBody(start, end)
		}, createdByA},
		"GET /api/v1/meetings":        {static("/api/v1/meetings"), open},
		"GET /api/v1/reports/sharing": {static("/api/v1/reports/sharing?from=2026-01-01&to=2026-06-30"), open},
		"GET /api/v1/reports/usage": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/reports/usage?venue=%d&from=2026-01-01&to=2026-06-30", w.venueA.ID), ""
		}, open},
		"GET /api/v1/meetings/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d", w.meetingOfA().ID), ""
		}, open},
		"PUT /api/v1/meetings/:id": {func(w *world) (string, string) {
			m := w.meetingOfA()
			return fmt.Sprintf("/api/v1/meetings/%d", m.ID), meetingBody(m.StartsAt.Add(time.Hour), m.EndsAt.Add(time.Hour))
		}, adminsOfA},
		"POST /api/v1/meetings/:id/cancel": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/cancel", w.meetingOfA().ID), `{"reason":"Inställt"}`
		}, adminsOfA},
		"GET /api/v1/meetings/:id/invitations": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/invitations", w.meetingOfA().ID), ""
		}, adminsOfA},
		"PUT /api/v1/meetings/:id/invitations": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/invitations", w.meetingOfA().ID), fmt.Sprintf(`{"organisation_ids":[%d,%d]}`, w.a.ID, w.b.ID)
		}, adminsOfA},
		"POST /api/v1/meetings/:id/replies": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/replies", w.meetingOfA().ID), fmt.Sprintf(`{"organisation_id":%d,"attending":true,"participants":3}`, w.a.ID)
		}, [actors]int{401, 200, 200, 403, 200}},
		// Documents of meetings: anyone reads those of a public series; the organiser's
		// admins and city administrators attach and remove them.
		"GET /api/v1/meetings/:id/documents": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/documents", w.meetingOfA().ID), ""
		}, open},
		"POST /api/v1/meetings/:id/documents": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/meetings/%d/documents", w.meetingOfA().ID), matrixUpload()
		}, [actors]int{401, 403, 201, 403, 201}},
		"GET /api/v1/meetings/:id/documents/:doc": {func(w *world) (string, string) {
			return w.meetingDocumentOf(w.meetingOfA().ID, testPDF("matris")), ""
		}, open},
		"DELETE /api/v1/meetings/:id/documents/:doc": {func(w *world) (string, string) {
			return w.meetingDocumentOf(w.meetingOfA().ID, testPDF("matris")), ""
		}, [actors]int{401, 403, 204, 403, 204}},
		// Documents of agreements: anyone downloads those of public agreements; city
		// administrators attach and remove them (a fresh document for each actor).
		"GET /api/v1/agreements/:id/documents": {func(w *world) (string, string) { return w.compactPath() + "/documents", "" }, open},
		"POST /api/v1/agreements/:id/documents": {func(w *world) (string, string) {
			return w.compactPath() + "/documents", matrixUpload()
		}, [actors]int{401, 403, 403, 403, 201}},
		"GET /api/v1/agreements/:id/documents/:doc": {func(w *world) (string, string) {
			return w.documentOf(w.compactID(), testPDF("matris")), ""
		}, open},
		"DELETE /api/v1/agreements/:id/documents/:doc": {func(w *world) (string, string) {
			return w.documentOf(w.compactID(), testPDF("matris")), ""
		}, [actors]int{401, 403, 403, 403, 204}},

		// Rounds: public to read, run by A's admins for A's rooms; A's members apply for A (a
		// fresh round for each actor, since A applies once per round) and read, change and
		// withdraw A's applications; the list shows each only their own.
		"GET /api/v1/rounds": {static("/api/v1/rounds"), open},
		"POST /api/v1/rounds": {func(w *world) (string, string) {
			return "/api/v1/rounds", w.roundBody(w.a.ID, w.roomA.ID)
		}, createdByA},
		"GET /api/v1/rounds/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d", w.openRound(w.a.ID, w.roomA.ID).ID), ""
		}, open},
		"PUT /api/v1/rounds/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d", w.openRound(w.a.ID, w.roomA.ID).ID), w.roundBody(w.a.ID, w.roomA.ID)
		}, adminsOfA},
		"POST /api/v1/rounds/:id/close": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/close", w.openRound(w.a.ID, w.roomA.ID).ID), ""
		}, adminsOfA},
		"GET /api/v1/rounds/:id/applications": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/applications", w.openRound(w.a.ID, w.roomA.ID).ID), ""
		}, signedIn},
		"POST /api/v1/rounds/:id/applications": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/applications", w.openRound(w.a.ID, w.roomA.ID).ID), applicationBody(w.a.ID, w.roomA.ID)
		}, [actors]int{401, 201, 201, 403, 201}},
		"GET /api/v1/applications/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/applications/%d", w.apply(w.openRound(w.a.ID, w.roomA.ID).ID, w.a.ID, w.roomA.ID).ID), ""
		}, [actors]int{401, 200, 200, 403, 200}},
		"PUT /api/v1/applications/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/applications/%d", w.apply(w.openRound(w.a.ID, w.roomA.ID).ID, w.a.ID, w.roomA.ID).ID), applicationBody(w.a.ID, w.roomA.ID)
		}, [actors]int{401, 200, 200, 403, 200}},
		"POST /api/v1/applications/:id/withdraw": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/applications/%d/withdraw", w.apply(w.openRound(w.a.ID, w.roomA.ID).ID, w.a.ID, w.roomA.ID).ID), ""
		}, [actors]int{401, 200, 200, 403, 200}},
		// Allocation: A's round of a fresh room of A's whose applications have closed, in
		// which A applied; A's admins allocate and publish, A's members answer once published.
		"GET /api/v1/rounds/:id/demand": {func(w *world) (string, string) {
			r, _ := w.allocatingRound(w.a.ID, w.roomA.ID, w.a.ID)
			return fmt.Sprintf("/api/v1/rounds/%d/demand", r.ID), ""
		}, adminsOfA},
		"GET /api/v1/rounds/:id/proposal": {func(w *world) (string, string) {
			r, _ := w.allocatingRound(w.a.ID, w.roomA.ID, w.a.ID)
			if _, err := w.rounds.RunProposal(w.ctx(), access.System, r.ID); err != nil {
				w.fail("propose: %v", err)
			}
			return fmt.Sprintf("/api/v1/rounds/%d/proposal", r.ID), ""
		}, adminsOfA},
		"POST /api/v1/rounds/:id/proposal": {func(w *world) (string, string) {
			r, _ := w.allocatingRound(w.a.ID, w.roomA.ID, w.a.ID)
			return fmt.Sprintf("/api/v1/rounds/%d/proposal", r.ID), ""
		}, adminsOfA},
		"GET /api/v1/rounds/:id/allocations": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/allocations", w.allocation(w.a.ID, w.roomA.ID, w.a.ID, false).RoundID), ""
		}, signedIn},
		"POST /api/v1/rounds/:id/allocations": {func(w *world) (string, string) {
			r, section := w.allocatingRound(w.a.ID, w.roomA.ID, w.a.ID)
			return fmt.Sprintf("/api/v1/rounds/%d/allocations", r.ID),
				fmt.Sprintf(`{"section_id":%d,"room_id":%d,"weekday":3,"starts":"18:00","ends":"19:30"}`, section, w.roomA.ID)
		}, createdByA},
		"GET /api/v1/rounds/:id/allocations.csv": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/allocations.csv", w.allocation(w.a.ID, w.roomA.ID, w.a.ID, false).RoundID), ""
		}, adminsOfA},
		"GET /api/v1/rounds/:id/allocations.xlsx": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/rounds/%d/allocations.xlsx", w.allocation(w.a.ID, w.roomA.ID, w.a.ID, false).RoundID), ""
		}, adminsOfA},
		"POST /api/v1/rounds/:id/publish": {func(w *world) (string, string) {
			room := w.roomIn(w.venueA.ID, w.unique("Hall")).ID
			return fmt.Sprintf("/api/v1/rounds/%d/publish", w.allocation(w.a.ID, room, w.a.ID, false).RoundID), ""
		}, adminsOfA},
		"GET /api/v1/allocations/:id": {func(w *world) (string, string) {
			room := w.roomIn(w.venueA.ID, w.unique("Hall")).ID
			return fmt.Sprintf("/api/v1/allocations/%d", w.allocation(w.a.ID, room, w.a.ID, true).ID), ""
		}, [actors]int{401, 200, 200, 403, 200}},
		"DELETE /api/v1/allocations/:id": {func(w *world) (string, string) {
			return fmt.Sprintf("/api/v1/allocations/%d", w.allocation(w.a.ID, w.roomA.ID, w.a.ID, false).ID), ""
		}, goneByA},
		"POST /api/v1/allocations/:id/accept": {func(w *world) (string, string) {
			room := w.roomIn(w.venueA.ID, w.unique("Hall")).ID
			return fmt.Sprintf("/api/v1/allocations/%d/accept", w.allocation(w.a.ID, room, w.a.ID, true).ID), ""
		}, [actors]int{401, 200, 200, 403, 200}},
		"POST /api/v1/allocations/:id/decline": {func(w *world) (string, string) {
			room := w.roomIn(w.venueA.ID, w.unique("Hall")).ID
			return fmt.Sprintf("/api/v1/allocations/%d/decline", w.allocation(w.a.ID, room, w.a.ID, true).ID), ""
		}, [actors]int{401, 200, 200, 403, 200}},

		"GET /api/v1/audit":        {static("/api/v1/audit"), cityOnly},
		"GET /api/v1/facilities":   {static("/api/v1/facilities"), open},
		"GET /api/v1/openapi.yaml": {static("/api/v1/openapi.yaml"), open},
	}
}

// TestAccessMatrix calls every route of the engine as each actor and checks the status each
// gets. A route without a row fails the test: a new route must say who may call it.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	matrix := accessMatrix(w)
	var routes []string
	for _, r := range w.engine.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			routes = append(routes, r.Method+" "+r.Path)
		}
	}
	slices.Sort(routes)
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
		method, _, _ := strings.Cut(route, " ")
		for a := range actors {
			path, body := row.req(w)
			r := w.doAs(w.tokens[a], method, path, body, bodyType(body)...)
			if r.status != row.want[a] {
				t.Errorf("%s as %s (%s): status %d, want %d\n%s", route, actorNames[a], path, r.status, row.want[a], r.raw)
				continue
			}
			checkRefusal(t, route+" as "+actorNames[a], r)
		}
	}
}

// checkRefusal checks what a 401 or 403 carries: the problem, and for a 401 the challenge.
func checkRefusal(t *testing.T, label string, r response) {
	t.Helper()
	switch r.status {
	case http.StatusUnauthorized:
		if r.problem() != "unauthenticated" && r.problem() != "bad-token" || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer ") {
			t.Errorf("%s: 401 %q without a Bearer challenge (%q)", label, r.problem(), r.header.Get("WWW-Authenticate"))
		}
	case http.StatusForbidden:
		if r.problem() != "forbidden" || r.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: 403 is not the forbidden problem: %s", label, r.raw)
		}
	}
}
