package httpapi_test

import (
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// meetingSeriesOf creates a public series organised by org that invites the invitees, as
// the System.
func (e *env) meetingSeriesOf(org int64, invitees ...int64) *meeting.Series {
	e.t.Helper()
	se, err := e.meetings.CreateSeries(e.ctx(), access.System, meeting.SeriesInput{Kind: "network", Name: "Nätverksträffar",
		OrganiserID: org, Public: true, Invitees: invitees})
	if err != nil {
		e.fail("create meeting series: %v", err)
	}
	return se
}

// onlineMeeting creates an online meeting of the series in the n-th slot, as the System.
func (e *env) onlineMeeting(seriesID, n int64) *meeting.Meeting {
	e.t.Helper()
	start, end := e.slot(n)
	ms, err := e.meetings.CreateMeetings(e.ctx(), access.System, seriesID, meeting.MeetingInput{Title: "Träff",
		StartsAt: start, EndsAt: end, OnlineURL: "https://meet.example/traff"})
	if err != nil {
		e.fail("create meeting: %v", err)
	}
	return &ms[0]
}

// meetingBody is the JSON of an online meeting from start to end.
func meetingBody(start, end time.Time) string {
	return fmt.Sprintf(`{"title":"Träff","starts_at":%q,"ends_at":%q,"online_url":"https://meet.example/traff"}`,
		start.Format(time.RFC3339), end.Format(time.RFC3339))
}

// meetingOfA is a fresh online meeting of A's series, to which A is invited.
func (w *world) meetingOfA() *meeting.Meeting {
	if w.seriesA == 0 {
		w.seriesA = w.meetingSeriesOf(w.a.ID, w.a.ID).ID
	}
	return w.onlineMeeting(w.seriesA, w.seq.Add(1))
}
