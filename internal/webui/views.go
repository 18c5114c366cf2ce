package webui

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/requestid"
)

// pageNames lists every page template a handler renders (web/templates/pages/NAME.html).
// loadViews fails when pages/ holds a file not listed here, so that a page nobody renders
// cannot rot unnoticed, and when one listed here is missing.
var pageNames = []string{
	"home", "venues", "venue", "room", "organisation",
	"venue_form", "room_form", "not_found", "error",
	"login", "account", "account_delete", "secret", "message", "members",
	"invitation", "reply_link", "rounds", "round", "round_form", "round_board", "application_form", "application", "password_reset", "admin_users", "user_form", "audit_log", "admin_messages",
	"booking_form", "booking", "organisation_bookings", "booking_requests", "free_rooms", "booking_series", "venue_grid",
	"room_settings", "feed_tokens", "compact",
	"meetings", "meetings_followup", "invoicing", "reports_sharing", "reports_usage",
	"meeting_organise", "meeting_series", "meeting_series_form", "meeting", "meeting_form", "meeting_invitations",
	"agreements", "agreement", "agreement_form",
	"join_form", "join_status", "join_requests",
	"agreement_list", "bookings_without_right",
	"password_forgot", "todo", "mail_settings", "unsubscribe", "person_messages",
	"organisation_form",
}

// formPages are the pages that carry a form and so need a CSRF token even for a visitor who
// is not signed in. (Every page has one for a signed-in visitor: the logout button.)
var formPages = map[string]bool{
	"venue_form": true, "room_form": true, "login": true, "account": true, "account_delete": true,
	"members": true, "invitation": true, "password_reset": true, "admin_users": true, "user_form": true,
	"booking_form": true, "booking": true, "booking_requests": true, "feed_tokens": true,
	"agreement_form":      true,
	"meeting_series_form": true, "meeting_form": true, "meeting_invitations": true,
	"join_form": true, "join_requests": true,
	"password_forgot": true, "mail_settings": true, "unsubscribe": true, "reply_link": true,
}

// languages are the languages every page is prepared in.
var languages = []i18n.Lang{i18n.SV, i18n.EN}

// views holds every page's template set, parsed once and then cloned per language with that
// language's functions bound, and the fingerprinted static files the templates link to.
type views struct {
	pages  map[i18n.Lang]map[string]*template.Template
	assets *assets
}

func loadViews(templates, static fs.FS, loc *time.Location) (*views, error) {
	a, err := loadAssets(static)
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(templates, "pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("webui: list pages: %w", err)
	}
	for _, f := range files {
		if name := strings.TrimSuffix(path.Base(f), ".html"); !slices.Contains(pageNames, name) {
			return nil, fmt.Errorf("webui: template %s is not a registered page; add it to pageNames", f)
		}
	}
	v := &views{pages: map[i18n.Lang]map[string]*template.Template{}, assets: a}
	for _, lang := range languages {
		v.pages[lang] = map[string]*template.Template{}
	}
	for _, name := range pageNames {
		base, err := template.New(name).Funcs(sharedFuncs(a)).Funcs(languageFuncs(i18n.SV, loc)).Funcs(agreementFuncs(i18n.SV)).Funcs(meetingFuncs(i18n.SV)).
			ParseFS(templates, "layout.html", "partials/*.html", "pages/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("webui: parse page %s: %w", name, err)
		}
		for _, lang := range languages {
			t, err := base.Clone()
			if err != nil {
				return nil, fmt.Errorf("webui: clone page %s: %w", name, err)
			}
			v.pages[lang][name] = t.Funcs(languageFuncs(lang, loc)).Funcs(agreementFuncs(lang)).Funcs(meetingFuncs(lang))
		}
	}
	return v, nil
}

// view is what every template gets: the page's own data in Page, and what the layout needs.
type view struct {
	Lang       string // "sv" or "en", for <html lang>
	SwitchLang string // the other language
	SwitchURL  string // this page in the other language
	Nav        string // the navigation entry to mark as current
	CSRF       string // the token for forms; empty on pages without one
	RequestID  string
	// User is the signed-in person (nil for anyone else); the layout shows their name and
	// the logout button, or LoginURL.
	User     *account.User
	LoginURL string
	// ManageUsers and ReadAudit show the links to the user administration and the audit log.
	ManageUsers, ReadAudit bool
	// JoinRequests shows the inbox of requests to join the Compact (city administrators).
	JoinRequests bool
	// ReadMessages shows the link to the outbox (city administrators).
	ReadMessages bool
	// ShareRooms shows "Share premises" to whoever may create a venue (an organisation's
	// admin, a city administrator); a booker would only meet a refusal there.
	ShareRooms bool
	// Todo is how many decisions wait for the signed-in person (requests for rooms they
	// decide on, and requests to join for city administrators), shown in the menu.
	Todo int
	Page any
}

// render writes the named page with status. The page is rendered into a buffer first, so a
// template that fails shows the error page rather than half a page.
func (p *Pages) render(c *gin.Context, status int, name, nav string, page any) {
	if err := p.execute(c, status, name, nav, page); err != nil {
		p.internalError(c, err)
	}
}

func (p *Pages) execute(c *gin.Context, status int, name, nav string, page any) error {
	vs, err := p.current()
	if err != nil {
		return err
	}
	lang := p.lang(c)
	t := vs.pages[lang][name]
	if t == nil {
		return fmt.Errorf("webui: page %q is not registered", name)
	}
	other := i18n.EN
	if lang == i18n.EN {
		other = i18n.SV
	}
	v := view{
		Lang:       langCode(lang),
		SwitchLang: langCode(other),
		SwitchURL:  switchURL(c, langCode(other)),
		Nav:        nav,
		RequestID:  requestid.From(c.Request.Context()),
		User:       p.user(c),
		Page:       page,
	}
	if v.User == nil {
		v.LoginURL = loginURL(currentPage(c))
	} else {
		v.ManageUsers = access.Check(p.actor(c), access.ManageUsers, 0) == nil
		v.ReadAudit = access.Check(p.actor(c), access.ReadAudit, 0) == nil
		v.JoinRequests = access.Check(p.actor(c), access.ReviewJoinRequests, 0) == nil
		v.ReadMessages = access.Check(p.actor(c), access.ReadMessages, 0) == nil
		all, owners := access.Scope(p.actor(c), access.CreateVenue)
		v.ShareRooms = all || len(owners) > 0
		if v.Todo, err = p.todoCount(c); err != nil {
			return err
		}
	}
	if formPages[name] || v.User != nil {
		v.CSRF = p.csrfToken(c)
		// A form page holds what the visitor typed, and a signed-in visitor's page is theirs
		// alone; keep both out of every cache.
		c.Header("Cache-Control", "no-store")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("webui: render %s: %w", name, err)
	}
	c.Header("Content-Language", v.Lang)
	c.Writer.Header().Add("Vary", "Accept-Language, Cookie")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// currentPage is the page to come back to after signing in: this one for a GET, none for a
// POST (whose answer cannot be fetched again) or on the login page itself.
func currentPage(c *gin.Context) string {
	if c.Request.Method != http.MethodGet || c.Request.URL.Path == "/logga-in" {
		return ""
	}
	return c.Request.URL.RequestURI()
}

// static serves a fingerprinted file from web/static. The name changes whenever the content
// does, so browsers may keep it for a year.
func (p *Pages) static(c *gin.Context) {
	vs, err := p.current()
	if err != nil {
		p.internalError(c, err)
		return
	}
	f, ok := vs.assets.byURLName[strings.TrimPrefix(c.Param("file"), "/")]
	if !ok {
		c.String(http.StatusNotFound, "404 page not found\n")
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(c.Writer, c.Request, f.name, time.Time{}, bytes.NewReader(f.data))
}
