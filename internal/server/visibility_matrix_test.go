package server_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/internal/webui"
)

// The visibility matrix: every surface that shows a booking, asked by every kind of viewer
// about every kind of booking, must show exactly what the policy (access.BookingSight, see
// README "Who sees what of a booking") allows and the surface has room for. The
// expectations are written out here, not computed by the policy's code: a surface that
// shows more, or less, than the policy says fails, and so does a policy that changes.

// A viewer of the matrix.
type viewer int

const (
	anonymous  viewer = iota
	member            // a booker of the booking's organisation
	otherOrg          // a booker of another organisation
	ownerAdmin        // an admin of the room's owner, who decides on its bookings
	cityAdmin
	viewers
)

var viewerNames = [viewers]string{"anonymous", "member", "other organisation's booker", "room owner's admin", "city administrator"}

// sight is what the policy lets a viewer see: the matrix's own statement of it.
type sight int

const (
	busy   sight = iota // room, time, status
	public              // and organisation and title
	all                 // and purpose, attendees, status note
)

func expectedSight(v viewer, k kind) sight {
	switch {
	case v == member || v == ownerAdmin || v == cityAdmin:
		return all
	case k.public:
		return public
	}
	return busy
}

// kind is a kind of booking: public or private, its status, one-off or an occurrence of a
// series.
type kind struct {
	name   string
	public bool
	status booking.Status
	series bool
}

var kinds = []kind{
	{"PubConfirmed", true, booking.StatusConfirmed, false},
	{"PrivConfirmed", false, booking.StatusConfirmed, false},
	{"PubPending", true, booking.StatusPending, false},
	{"PrivPending", false, booking.StatusPending, false},
	{"PubCancelled", true, booking.StatusCancelled, false},
	{"PrivCancelled", false, booking.StatusCancelled, false},
	{"PubSeries", true, booking.StatusConfirmed, true},
	{"PrivSeries", false, booking.StatusConfirmed, true},
}

// field is one thing a surface may show of a booking.
type field int

const (
	fOrganisation field = iota
	fTitle
	fPurpose
	fAttendees
	fNote
	fields
)

var fieldNames = [fields]string{"organisation", "title", "purpose", "attendees", "note"}

// allowed reports whether the sight shows the field.
func (s sight) allowed(f field) bool {
	if f == fOrganisation || f == fTitle {
		return s >= public
	}
	return s == all
}

// made is a booking of the matrix, with the markers that tell its fields apart.
type made struct {
	kind
	b         *booking.Booking
	attendees int
}

func (m *made) title() string   { return "Titel" + m.name }
func (m *made) purpose() string { return "Syfte" + m.name }
func (m *made) note() string    { return "Anteckning" + m.name }

// hasNote: a decision or a cancellation wrote a note; a pending booking has none.
func (m *made) hasNote() bool { return m.status != booking.StatusPending }

// matrix is the site and its bookings: organisation A books room R of organisation B's
// venue, whose bookings B's admins approve; C is another organisation.
type matrix struct {
	t          *testing.T
	url        string
	handler    http.Handler
	orgName    string
	a, c       *organisation.Organisation
	venue      *venue.Venue
	room       *venue.Room
	monday     time.Time
	week       string
	bookings   []*made
	tokens     [viewers]string // API tokens; "" for anonymous
	browsers   [viewers]*http.Client
	privateICS string // A's private feed path
	bookingsC  *booking.Service
}

func TestVisibilityMatrix(t *testing.T) {
	t.Parallel()
	m := newMatrix(t)
	// Surfaces that carry the viewer's credential.
	for v := range viewers {
		t.Run(viewerNames[v], func(t *testing.T) {
			t.Parallel()
			t.Run("api get", func(t *testing.T) { t.Parallel(); m.apiGet(t, v) })
			t.Run("api list by room", func(t *testing.T) {
				t.Parallel()
				m.apiList(t, v, fmt.Sprintf("room_id=%d", m.room.ID), func(*made) bool { return true })
			})
			t.Run("api list by time", func(t *testing.T) {
				t.Parallel()
				m.apiList(t, v, "from="+m.monday.UTC().Format(time.RFC3339)+"&to="+m.monday.AddDate(0, 0, 7).UTC().Format(time.RFC3339),
					func(*made) bool { return true })
			})
			t.Run("api list by organisation", func(t *testing.T) {
				t.Parallel()
				m.apiList(t, v, fmt.Sprintf("organisation_id=%d", m.a.ID), func(b *made) bool { return expectedSight(v, b.kind) >= public })
			})
			t.Run("booking page", func(t *testing.T) { t.Parallel(); m.bookingPage(t, v) })
			t.Run("room week view", func(t *testing.T) { t.Parallel(); m.weekView(t, v) })
		})
	}
	// Surfaces without a credential show everyone what an anonymous viewer may see; the
	// private feed shows what the organisation's members see.
	t.Run("availability", func(t *testing.T) { t.Parallel(); m.availability(t) })
	t.Run("room feed", func(t *testing.T) {
		t.Parallel()
		m.feed(t, fmt.Sprintf("/calendar/rooms/%d.ics", m.room.ID), anonymous, func(*made) bool { return true })
	})
	t.Run("venue feed", func(t *testing.T) {
		t.Parallel()
		m.feed(t, fmt.Sprintf("/calendar/venues/%d.ics", m.venue.ID), anonymous, func(*made) bool { return true })
	})
	t.Run("private feed", func(t *testing.T) {
		t.Parallel()
		m.feed(t, m.privateICS, member, func(*made) bool { return true })
	})
	t.Run("download", func(t *testing.T) {
		t.Parallel()
		for _, b := range m.bookings {
			m.feed(t, fmt.Sprintf("/calendar/bookings/%d.ics", b.b.ID), anonymous, func(x *made) bool { return x == b })
		}
	})
	t.Run("conflict body", func(t *testing.T) { t.Parallel(); m.conflict(t) })
}

func newMatrix(t *testing.T) *matrix {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	v := validation.New()
	now := time.Now
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	orgs, venues := organisation.NewService(db, v, now), venue.NewService(db, v, now)
	accounts := account.NewService(db, v, now, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
	auditLog := audit.NewService(db, v, now)
	bookings := booking.NewService(db, v, now, stockholm)
	feeds := feedtoken.NewService(db, v, now)
	agree := agreement.NewService(db, v, now, stockholm)
	meetings := meeting.NewService(db, v, now, stockholm, bookings)
	log := slog.New(slog.DiscardHandler)
	const base = "http://example.test"
	pages, err := webui.New(webui.Options{Log: log, Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog,
		Bookings: bookings, FeedTokens: feeds, Agreements: agree, Meetings: meetings, Rounds: round.NewService(db, v, now, stockholm, bookings), Messages: mustMessages(t, db, base), Validate: v, Location: stockholm, BaseURL: base, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	api, err := httpapi.New(httpapi.Deps{Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog, Bookings: bookings,
		FeedTokens: feeds, Agreements: agree, Meetings: meetings,
		Rounds: round.NewService(db, v, now, stockholm, bookings), BaseURL: base, InvitationTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(server.Options{
		Log: log, DB: db, MaxBodyBytes: 1 << 20, Auth: accounts, API: api,
		Pages: pages, NotFound: pages.NotFound,
		Feeds: feed.New(feed.Options{DB: db, Log: log, BaseURL: base, Location: stockholm, Now: now, Tokens: feeds}),
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	m := &matrix{t: t, url: srv.URL, handler: h, orgName: "Alfaforeningen", bookingsC: bookings}

	org := func(name string) *organisation.Organisation {
		o, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	m.a, m.c = org(m.orgName), org("Ceforeningen")
	owner := org("Beforeningen")
	if m.venue, err = venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: owner.ID, Name: "Bes lokal",
		StreetAddress: "Storgatan 1", PostalCode: "50335", Town: "Borås"}); err != nil {
		t.Fatal(err)
	}
	if m.room, err = venues.CreateRoom(ctx, access.System, m.venue.ID, venue.RoomInput{Name: "Bes sal", Capacity: 10000}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO booking_rules (room_id, who_may_book, needs_approval, created_at, updated_at)
		VALUES (?, ?, true, now(), now())`, m.room.ID, string(booking.WhoAny)); err != nil {
		t.Fatal(err)
	}

	// The people, each with an API token and a browser signed in through the login form.
	const password = "ett långt lösenord för testerna"
	roles := [viewers]map[int64]access.Role{
		member: {m.a.ID: access.RoleBooker}, otherOrg: {m.c.ID: access.RoleBooker}, ownerAdmin: {owner.ID: access.RoleAdmin},
	}
	for v := range viewers {
		jar, _ := cookiejar.New(nil)
		m.browsers[v] = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if v == anonymous {
			continue
		}
		u, err := accounts.CreateUser(ctx, access.System, account.UserInput{
			Email: fmt.Sprintf("viewer%d@test.example", v), Name: viewerNames[v], CityAdmin: v == cityAdmin}, password)
		if err != nil {
			t.Fatal(err)
		}
		for o, r := range roles[v] {
			if _, err := accounts.SetMember(ctx, access.System, o, u.ID, r); err != nil {
				t.Fatal(err)
			}
		}
		if m.tokens[v], _, err = accounts.CreateToken(ctx, access.Actor{UserID: u.ID, IP: "test"}, "test", nil); err != nil {
			t.Fatal(err)
		}
		m.login(m.browsers[v], u.Email, password)
	}
	secret, _, err := feeds.Create(ctx, access.System, m.a.ID, "matrix")
	if err != nil {
		t.Fatal(err)
	}
	m.privateICS = "/calendar/private/" + secret + ".ics"

	// The bookings, all in one week two weeks ahead, an hour each, 19 hours apart.
	n := time.Now().In(stockholm).AddDate(0, 0, 14)
	for n.Weekday() != time.Monday {
		n = n.AddDate(0, 0, -1)
	}
	m.monday = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, stockholm)
	y, w := m.monday.ISOWeek()
	m.week = fmt.Sprintf("%d-W%02d", y, w)
	for i, k := range kinds {
		mb := &made{kind: k, attendees: 9001 + i}
		start := m.monday.Add(time.Duration(9+19*i) * time.Hour)
		if k.series {
			l := start.In(stockholm)
			res, err := bookings.CreateSeries(ctx, access.System, booking.SeriesInput{RoomID: m.room.ID, OrganisationID: m.a.ID,
				Title: mb.title(), Purpose: mb.purpose(), Attendees: mb.attendees, Public: k.public,
				Start:           time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), 0, 0, time.UTC),
				DurationMinutes: 60, RRule: "FREQ=WEEKLY;COUNT=2"})
			if err != nil || len(res.Bookings) != 2 {
				t.Fatalf("book series %s: %v", k.name, err)
			}
			for i := range res.Bookings {
				if _, err := bookings.ApproveBooking(ctx, access.System, res.Bookings[i].ID, mb.note()); err != nil {
					t.Fatal(err)
				}
			}
			mb.b = &res.Bookings[0]
		} else {
			b, err := bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: m.room.ID, OrganisationID: m.a.ID,
				Title: mb.title(), Purpose: mb.purpose(), Attendees: mb.attendees, Public: k.public, StartsAt: start, EndsAt: start.Add(time.Hour)})
			if err != nil {
				t.Fatalf("book %s: %v", k.name, err)
			}
			switch k.status {
			case booking.StatusConfirmed:
				_, err = bookings.ApproveBooking(ctx, access.System, b.ID, mb.note())
			case booking.StatusCancelled:
				_, err = bookings.CancelBooking(ctx, access.System, b.ID, mb.note())
			}
			if err != nil {
				t.Fatal(err)
			}
			mb.b = b
		}
		m.bookings = append(m.bookings, mb)
	}
	return m
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (m *matrix) login(c *http.Client, email, password string) {
	m.t.Helper()
	_, body := m.get(c, "", "/logga-in")
	tok := csrfInput.FindStringSubmatch(body)
	if tok == nil {
		m.t.Fatalf("no CSRF token on the login page")
	}
	resp, err := c.PostForm(m.url+"/logga-in", url.Values{"csrf": {tok[1]}, "email": {email}, "password": {password}})
	if err != nil {
		m.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		m.t.Fatalf("login %s: status %d", email, resp.StatusCode)
	}
}

// get fetches path with the client, and with the API token when given.
func (m *matrix) get(c *http.Client, token, path string) (int, string) {
	req, err := http.NewRequest(http.MethodGet, m.url+path, nil)
	if err != nil {
		m.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		m.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		m.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// check compares what a surface showed of b (shown, by field) with what the sight allows
// of the fields the surface has room for (cap).
func check(t *testing.T, surface string, b *made, s sight, cap []field, shown func(field) bool) {
	t.Helper()
	for f := range fields {
		want := slices.Contains(cap, f) && s.allowed(f) && (f != fNote || b.hasNote())
		if got := shown(f); got != want {
			t.Errorf("%s, %s booking: %s shown %v, the policy says %v", surface, b.name, fieldNames[f], got, want)
		}
	}
}

var apiFields = []field{fOrganisation, fTitle, fPurpose, fAttendees, fNote}

// jsonShown reports which fields a booking's JSON shows.
func (m *matrix) jsonShown(b *made, j map[string]any) func(field) bool {
	return func(f field) bool {
		switch f {
		case fOrganisation:
			return j["organisation_id"] == float64(m.a.ID)
		case fTitle:
			return j["title"] == b.title()
		case fPurpose:
			return j["purpose"] == b.purpose()
		case fAttendees:
			return j["attendees"] == float64(b.attendees)
		}
		return j["status_reason"] == b.note()
	}
}

func (m *matrix) apiGet(t *testing.T, v viewer) {
	for _, b := range m.bookings {
		status, body := m.get(nil, m.tokens[v], fmt.Sprintf("/api/v1/bookings/%d", b.b.ID))
		var j map[string]any
		if err := json.Unmarshal([]byte(body), &j); status != 200 || err != nil {
			t.Fatalf("get %s: status %d: %s", b.name, status, body)
		}
		check(t, "api get", b, expectedSight(v, b.kind), apiFields, m.jsonShown(b, j))
		if s := expectedSight(v, b.kind); s == busy && (j["series_id"] != nil || j["recurrence"] != nil || j["details_hidden"] != true) {
			t.Errorf("api get, %s booking: busy time names its series or hides nothing: %s", b.name, body)
		}
	}
}

// apiList pages through the list with the query, two bookings a page, and checks that it
// holds exactly the bookings listed says, each shown as the policy says, and that every
// cursor names a booking the viewer was shown.
func (m *matrix) apiList(t *testing.T, v viewer, query string, listed func(*made) bool) {
	seen := map[int64]map[string]any{}
	for cursor, pages := "", 0; ; pages++ {
		if pages > 20 {
			t.Fatal("more than 20 pages")
		}
		status, body := m.get(nil, m.tokens[v], "/api/v1/bookings?limit=2&"+query+"&cursor="+url.QueryEscape(cursor))
		var page struct {
			Items      []map[string]any `json:"items"`
			NextCursor string           `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(body), &page); status != 200 || err != nil {
			t.Fatalf("list %s: status %d: %s", query, status, body)
		}
		for _, it := range page.Items {
			seen[int64(it["id"].(float64))] = it
		}
		if page.NextCursor == "" {
			break
		}
		if id := cursorID(t, page.NextCursor); seen[id] == nil {
			t.Errorf("list %s: the cursor names booking %d, which the viewer was not shown", query, id)
		}
		cursor = page.NextCursor
	}
	for _, b := range m.bookings {
		j, ok := seen[b.b.ID]
		if ok != listed(b) {
			t.Errorf("list %s, %s booking: listed %v, want %v", query, b.name, ok, listed(b))
			continue
		}
		if ok {
			check(t, "api list "+query, b, expectedSight(v, b.kind), apiFields, m.jsonShown(b, j))
		}
	}
}

// cursorID reads the booking id a cursor leads on from.
func cursorID(t *testing.T, cursor string) int64 {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	if err != nil {
		raw, err = base64.StdEncoding.DecodeString(cursor)
	}
	var c struct {
		I int64 `json:"i"`
	}
	if err != nil || json.Unmarshal(raw, &c) != nil || c.I == 0 {
		t.Fatalf("cursor %q does not read as {k, i}", cursor)
	}
	return c.I
}

func (m *matrix) bookingPage(t *testing.T, v viewer) {
	for _, b := range m.bookings {
		status, body := m.get(m.browsers[v], "", fmt.Sprintf("/bokningar/%d", b.b.ID))
		s := expectedSight(v, b.kind)
		want := http.StatusOK
		switch {
		case s == busy && v == anonymous:
			want = http.StatusSeeOther // to the login page
		case s == busy:
			want = http.StatusForbidden
		}
		if status != want {
			t.Errorf("booking page, %s booking: status %d, want %d", b.name, status, want)
		}
		if status != http.StatusOK {
			s = busy // a refusal shows nothing
		}
		check(t, "booking page", b, s, apiFields, func(f field) bool {
			switch f {
			case fOrganisation:
				return strings.Contains(body, m.orgName)
			case fTitle:
				return strings.Contains(body, b.title())
			case fPurpose:
				return strings.Contains(body, b.purpose())
			case fAttendees:
				return strings.Contains(body, strconv.Itoa(b.attendees))
			}
			return strings.Contains(body, b.note())
		})
	}
}

// weekView checks the room page's week: it shows the bookings that hold the room, each with
// its title when the viewer may see it.
func (m *matrix) weekView(t *testing.T, v viewer) {
	status, body := m.get(m.browsers[v], "", fmt.Sprintf("/rum/%d?vecka=%s", m.room.ID, m.week))
	if status != http.StatusOK {
		t.Fatalf("room page: status %d", status)
	}
	for _, b := range m.bookings {
		s := expectedSight(v, b.kind)
		if !b.status.Holds() {
			s = busy // not in the week at all
		}
		check(t, "room week view", b, s, []field{fTitle}, func(f field) bool {
			switch f {
			case fTitle:
				return strings.Contains(body, b.title())
			case fPurpose:
				return strings.Contains(body, b.purpose())
			case fNote:
				return strings.Contains(body, b.note())
			}
			return false
		})
	}
}

func (m *matrix) availability(t *testing.T) {
	from, to := m.monday.UTC().Format(time.RFC3339), m.monday.AddDate(0, 0, 7).UTC().Format(time.RFC3339)
	for v := range viewers { // the same for everyone: it carries no credential's view
		status, body := m.get(nil, m.tokens[v], fmt.Sprintf("/api/v1/rooms/%d/availability?from=%s&to=%s", m.room.ID, from, to))
		var a struct {
			Busy []map[string]any `json:"busy"`
		}
		if err := json.Unmarshal([]byte(body), &a); status != 200 || err != nil {
			t.Fatalf("availability: status %d: %s", status, body)
		}
		for _, b := range m.bookings {
			var slot map[string]any
			for _, sl := range a.Busy {
				if sl["starts_at"] == b.b.StartsAt.UTC().Format(time.RFC3339) {
					slot = sl
				}
			}
			if (slot != nil) != b.status.Holds() {
				t.Errorf("availability as %s, %s booking: busy slot %v, want %v", viewerNames[v], b.name, slot != nil, b.status.Holds())
				continue
			}
			s := expectedSight(anonymous, b.kind)
			if slot == nil {
				s = busy
			}
			check(t, "availability as "+viewerNames[v], b, s, []field{fTitle}, func(f field) bool {
				return f == fTitle && slot["title"] == b.title() || f == fOrganisation && slot["organisation_id"] != nil
			})
			if s == busy && slot != nil && slot["booking_id"] != nil {
				t.Errorf("availability, %s booking: busy time names its booking: %v", b.name, slot)
			}
		}
	}
}

// feed checks a calendar: every booking in it (listed) has its events, found by UID, and
// they show what the policy lets the feed's viewer see.
func (m *matrix) feed(t *testing.T, path string, v viewer, listed func(*made) bool) {
	status, body := m.get(nil, "", path)
	if status != http.StatusOK {
		t.Fatalf("%s: status %d", path, status)
	}
	body = strings.ReplaceAll(body, "\r\n ", "") // unfold
	events := strings.Split(body, "BEGIN:VEVENT")
	for _, b := range m.bookings {
		if !listed(b) {
			continue
		}
		uids := []string{fmt.Sprintf("UID:booking-%d@example.test\r\n", b.b.ID)}
		if b.b.SeriesID != nil {
			uids = append(uids, fmt.Sprintf("UID:series-%d@example.test\r\n", *b.b.SeriesID))
		}
		var mine string
		for _, e := range events {
			if slices.ContainsFunc(uids, func(u string) bool { return strings.Contains(e, u) }) {
				mine += e
			}
		}
		if mine == "" {
			t.Errorf("%s: no event of the %s booking", path, b.name)
			continue
		}
		check(t, path, b, expectedSight(v, b.kind), []field{fOrganisation, fTitle, fPurpose, fAttendees}, func(f field) bool {
			switch f {
			case fOrganisation:
				return strings.Contains(mine, m.orgName)
			case fTitle:
				return strings.Contains(mine, b.title())
			case fPurpose:
				return strings.Contains(mine, b.purpose())
			case fAttendees:
				return strings.Contains(mine, strconv.Itoa(b.attendees))
			}
			return strings.Contains(mine, b.note())
		})
	}
}

// conflict: another organisation's booker asking for the time of each booking that holds
// the room gets 409 with the time taken, and nothing of whose it is.
func (m *matrix) conflict(t *testing.T) {
	for _, b := range m.bookings {
		if !b.status.Holds() {
			continue
		}
		in := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Krock","attendees":2,"public":false,"starts_at":%q,"ends_at":%q}`,
			m.room.ID, m.c.ID, b.b.StartsAt.UTC().Format(time.RFC3339), b.b.EndsAt.UTC().Format(time.RFC3339))
		req, _ := http.NewRequest(http.MethodPost, m.url+"/api/v1/bookings", strings.NewReader(in))
		req.Header.Set("Authorization", "Bearer "+m.tokens[otherOrg])
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(raw)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `"conflicts"`) {
			t.Fatalf("book over %s: status %d, want 409 with the conflicts: %s", b.name, resp.StatusCode, body)
		}
		for _, leak := range []string{m.orgName, b.title(), b.purpose(), b.note(), `"booking_id"`, strconv.Itoa(b.attendees)} {
			if strings.Contains(body, leak) {
				t.Errorf("409 over the %s booking names %s: %s", b.name, leak, body)
			}
		}
	}
}
