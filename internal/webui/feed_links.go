package webui

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// feedLinks are the ways a page offers to subscribe to one of the iCal feeds (internal/feed):
// the https address itself (for Google's "From URL" and Outlook.com), the same address as
// webcal://, which a browser hands to the calendar app as a subscription (Apple Calendar,
// Outlook desktop, Thunderbird), and the one-click pages of Google Calendar, Outlook.com
// (personal Microsoft accounts) and Outlook on the web of Microsoft 365 (work accounts,
// which the city's staff have: outlook.live.com does not take those).
type feedLinks struct {
	URL string
	// Webcal is marked safe: html/template would otherwise replace a URL of a scheme it does
	// not know with "#ZgotmplZ". It is built here from the configured base URL only.
	Webcal                     template.URL
	Google, Outlook, Office365 string
}

// roomFeed and venueFeed are the links of the public feeds of a room and a venue, at the
// paths fixed in shared/DESIGN.md.
func (p *Pages) roomFeed(id int64, name string) *feedLinks {
	return p.feedLinks("/calendar/rooms/"+strconv.FormatInt(id, 10)+".ics", name)
}

func (p *Pages) venueFeed(id int64, name string) *feedLinks {
	return p.feedLinks("/calendar/venues/"+strconv.FormatInt(id, 10)+".ics", name)
}

func (p *Pages) feedLinks(path, name string) *feedLinks {
	u := p.baseURL + path
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return &feedLinks{
		URL:    u,
		Webcal: template.URL(webcal),
		// Google's subscribe link takes the webcal form: with an https cid it is reported
		// to open an empty dialog (shared/ical/CHECKLIST.md D6).
		Google:    "https://calendar.google.com/calendar/render?cid=" + url.QueryEscape(webcal),
		Outlook:   "https://outlook.live.com/calendar/0/addfromweb?url=" + url.QueryEscape(u) + "&name=" + url.QueryEscape(name),
		Office365: "https://outlook.office.com/calendar/0/addfromweb?url=" + url.QueryEscape(u) + "&name=" + url.QueryEscape(name),
	}
}
