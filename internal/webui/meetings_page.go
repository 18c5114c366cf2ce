package webui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/meeting"
)

// meetingsPath is the public calendar of the Compact's meetings.
const meetingsPath = "/moten"

// meetingsPage is the public meeting calendar: the upcoming meetings and the past ones,
// of all public series or of the one chosen, and the links to subscribe to them.
type meetingsPage struct {
	Series   []meeting.Series // the public series: the filter's choices
	Chosen   *meeting.Series
	Upcoming []meetingEntry
	Past     []meetingEntry
	// Feed is the subscription to what the page shows: all public meetings or the chosen
	// series'; SeriesFeeds are those of each series.
	Feed        *feedLinks
	SeriesFeeds []seriesFeed
}

// meetingEntry is one meeting as the page shows it, with its single download.
type meetingEntry struct {
	meeting.Entry
	Cancelled bool
	ICS       string
	// Documents are the meeting's minutes and presentations, downloaded through the API.
	Documents []meeting.Document
}

type seriesFeed struct {
	Name  string
	Links *feedLinks
}

// meetingsCalendar shows the public meetings. ?serie= picks one series; an id that is not
// a public series is a 404, as a link to it would be.
func (p *Pages) meetingsCalendar(c *gin.Context) {
	ctx, actor := c.Request.Context(), p.actor(c)
	var page meetingsPage
	series, err := p.meetings.FindSeries(ctx, actor, meeting.SeriesFilter{Limit: 200})
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, se := range series.Items {
		if se.Public {
			page.Series = append(page.Series, se)
			page.SeriesFeeds = append(page.SeriesFeeds, seriesFeed{Name: se.Name, Links: p.meetingSeriesFeed(se.ID, se.Name)})
		}
	}
	page.Feed = p.feedLinks("/calendar/meetings.ics", "Överenskommelsens möten")
	filter := meeting.CalendarFilter{Now: p.now()}
	if v := c.Query("serie"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		for i := range page.Series {
			if err == nil && page.Series[i].ID == id {
				page.Chosen = &page.Series[i]
			}
		}
		if page.Chosen == nil {
			p.notFound(c)
			return
		}
		filter.SeriesID = id
		page.Feed = page.SeriesFeeds[indexOf(page.Series, id)].Links
	}
	if page.Upcoming, err = p.meetingEntries(c, filter); err != nil {
		p.fail(c, err)
		return
	}
	filter.Past = true
	if page.Past, err = p.meetingEntries(c, filter); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "meetings", "meetings", page)
}

func (p *Pages) meetingEntries(c *gin.Context, f meeting.CalendarFilter) ([]meetingEntry, error) {
	found, err := p.meetings.FindCalendar(c.Request.Context(), f)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(found))
	for i := range found {
		ids[i] = found[i].ID
	}
	docs, err := p.meetings.PublicDocuments(c.Request.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]meetingEntry, len(found))
	for i, e := range found {
		out[i] = meetingEntry{Entry: e, Cancelled: e.Status == meeting.StatusCancelled,
			ICS: "/calendar/meetings/" + strconv.FormatInt(e.ID, 10) + ".ics", Documents: docs[e.ID]}
	}
	return out, nil
}

func (p *Pages) meetingSeriesFeed(id int64, name string) *feedLinks {
	return p.feedLinks("/calendar/meeting-series/"+strconv.FormatInt(id, 10)+".ics", name)
}

func indexOf(series []meeting.Series, id int64) int {
	for i := range series {
		if series[i].ID == id {
			return i
		}
	}
	return -1
}
