package meetingmail_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/calendar/interop"
	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/meetingmail"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

var now = time.Date(2026, 9, 1, 10, 0, 0, 0, stockholm)

// An invitation to a meeting of the Compact reaches each invited organisation's admins as
// an iTIP REQUEST — a text/calendar; method=REQUEST part beside the text and HTML, and the
// same as a file — with METHOD, ORGANIZER, one ATTENDEE per person told and the feed's UID;
// a real parser reads it. A change is a REQUEST with a higher SEQUENCE, a cancellation a
// CANCEL.
func TestInvitationIsITIP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	v := validation.New()
	clock := func() time.Time { return now }
	orgs := organisation.NewService(db, v, clock)
	city, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "Kommunstyrelsen"})
	if err != nil {
		t.Fatal(err)
	}
	club, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Borås Schackklubb"})
	if err != nil {
		t.Fatal(err)
	}
	var admin int64
	err = db.NewRaw(`INSERT INTO users (email, name, lang, created_at, updated_at) VALUES ('ordf@example.org', 'Åsa Ordförande', 'sv', ?, ?) RETURNING id`, now, now).Scan(ctx, &admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewRaw(`INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?)`, admin, club.ID, now, now).Exec(ctx); err != nil {
		t.Fatal(err)
	}

	srv := mailtest.Start(t, mailtest.Options{})
	out, err := notify.New(notify.Options{DB: db, BaseURL: "https://lokalbanken.example", SMTPURL: srv.URL, From: "lokalbanken@example.org", PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	feeds := feed.New(feed.Options{DB: db, BaseURL: "https://lokalbanken.example", Location: stockholm, Now: clock})
	out.Handle(meeting.Topic, meetingmail.New(feeds, stockholm, "lokalbanken@example.org").Compose)
	if err := out.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = out.Stop(context.Background()) })
	meetings := meeting.NewService(db, v, clock, stockholm, booking.NewService(db, v, clock, stockholm))
	meetings.PublishTo(out)

	se, err := meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "samrad", Name: "Samrådet", OrganiserID: city.ID, Public: true, Invitees: []int64{club.ID}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 10, 6, 18, 0, 0, 0, stockholm)
	ms, err := meetings.CreateMeetings(ctx, access.System, se.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Address: "Stadshuset, Kungsgatan 55, Borås"})
	if err != nil {
		t.Fatal(err)
	}
	id := ms[0].ID
	got := srv.Wait(t, 1, 20*time.Second)[0]
	if got.Subject() != "Inbjudan: Samråd" || got.To[0] != "ordf@example.org" {
		t.Fatalf("invitation %q to %v", got.Subject(), got.To)
	}
	var part, file []byte
	for _, p := range got.Parts {
		if p.ContentType == "text/calendar" && p.Filename == "" && p.Params["method"] == "REQUEST" {
			part = p.Body
		}
		if p.Filename == "inbjudan.ics" {
			file = p.Body
		}
	}
	if part == nil || file == nil {
		t.Fatalf("no text/calendar; method=REQUEST part and file: %+v", got.Parts)
	}
	ics := unfold(string(part))
	for _, want := range []string{"METHOD:REQUEST", "ORGANIZER;CN=Kommunstyrelsen:mailto:lokalbanken@example.org",
		"ATTENDEE;CN=Åsa Ordförande;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:ordf@example.org",
		"UID:meeting-", "SEQUENCE:0"} {
		if !strings.Contains(ics, want) {
			t.Errorf("the invitation lacks %q:\n%s", want, ics)
		}
	}
	occ := interop.ExpandICalJS(t, part, start.Add(-time.Hour), start.Add(24*time.Hour))
	if len(occ) != 1 || !occ[0].Start.Equal(start) || occ[0].Summary != "Samråd" {
		t.Errorf("ical.js reads %+v", occ)
	}
	// The mail's link answers for the organisation without a login, as its admin.
	link := regexp.MustCompile(`https://lokalbanken\.example/svar/([A-Za-z0-9_-]+)`).FindStringSubmatch(got.Text("text/plain"))
	if link == nil || !strings.Contains(got.Text("text/html"), link[0]) {
		t.Fatalf("no link to answer:\n%s", got.Text("text/plain"))
	}
	yes := true
	if inv, err := meetings.ReplyByLink(ctx, link[1], "192.0.2.1", meeting.ReplyInput{OrganisationID: club.ID, Attending: &yes, Participants: 6}); err != nil || *inv.Participants != 6 {
		t.Fatalf("reply by the mail's link: %+v %v", inv, err)
	}
	var replied int
	if err := db.NewRaw(`SELECT participants FROM meeting_invitations WHERE meeting_id = ? AND organisation_id = ? AND attending`, id, club.ID).Scan(ctx, &replied); err != nil || replied != 6 {
		t.Fatalf("recorded reply %d %v", replied, err)
	}

	later := start.Add(24 * time.Hour)
	if _, err := meetings.UpdateMeeting(ctx, access.System, id, meeting.MeetingInput{Title: "Samråd", StartsAt: later, EndsAt: later.Add(2 * time.Hour),
		Address: "Stadshuset, Kungsgatan 55, Borås"}); err != nil {
		t.Fatal(err)
	}
	changed := srv.Wait(t, 2, 20*time.Second)[1]
	if changed.Subject() != "Ändrat möte: Samråd" || !strings.Contains(calendarPart(changed), "SEQUENCE:1") {
		t.Errorf("change %q:\n%s", changed.Subject(), calendarPart(changed))
	}
	if _, err := meetings.CancelMeeting(ctx, access.System, id, meeting.CancelInput{Reason: "Ordföranden är sjuk."}); err != nil {
		t.Fatal(err)
	}
	cancelled := srv.Wait(t, 3, 20*time.Second)[2]
	ics = calendarPart(cancelled)
	if cancelled.Subject() != "Inställt möte: Samråd" || !strings.Contains(ics, "METHOD:CANCEL") || !strings.Contains(ics, "STATUS:CANCELLED") ||
		!strings.Contains(cancelled.Text("text/plain"), "Ordföranden är sjuk.") {
		t.Errorf("cancellation %q:\n%s", cancelled.Subject(), ics)
	}
}

// calendarPart is the text/calendar alternative of a mail, its lines unfolded.
func calendarPart(m mailtest.Mail) string {
	for _, p := range m.Parts {
		if p.ContentType == "text/calendar" && p.Filename == "" {
			return unfold(string(p.Body))
		}
	}
	return ""
}

// unfold joins the folded lines of iCalendar text (RFC 5545 3.1).
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }
