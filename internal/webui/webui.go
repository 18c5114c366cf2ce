// Package webui serves the HTML pages of Lokalbanken: the start page, the premises list, a
// venue, a room (with its week of bookings) and an organisation, the forms that add and
// change venues and rooms, and the booking pages: the booking form, a booking, an
// organisation's bookings and the approvals inbox.
// Pages are rendered on the server from the templates in web/, work without JavaScript, and
// speak Swedish unless the visitor asks for English.
//
// Visitors sign in with a session cookie (session.go). Who may do what is decided by the
// services, which ask internal/access; a page maps their answer to a redirect to the login
// page (not signed in), the 403 page (not allowed) or the 404 page, and consults
// access.Check itself only to decide whether to show a button or an option.
package webui

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/sso"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/web"
)

// Options is what New needs. Log, every service and Location are required: the pages are
// one site, and New refuses to build it with a part missing.
type Options struct {
	Log           *slog.Logger
	Organisations *organisation.Service
	Venues        *venue.Service
	Accounts      *account.Service
	// Audit records every refusal (403) a page gives, as the API does, and is what the
	// audit log page (for city administrators) shows.
	Audit *audit.Service
	// Bookings serves the booking pages: the booking form, a booking, an organisation's
	// bookings, the approvals inbox and the week view on the room page.
	Bookings *booking.Service
	// FeedTokens serves an organisation's page of private calendar feed links
	// (/organisationer/:id/kalender).
	FeedTokens *feedtoken.Service
	// Agreements serves the Compact and its signatories (/overenskommelsen), agreements and
	// requests to join.
	Agreements *agreement.Service
	// Meetings serves the calendar of the Compact's meetings (/moten) with its follow-up
	// figures.
	Meetings *meeting.Service
	// Rounds serves seasonal allocation (/sasongsbokning): rounds, applications, the
	// allocation board and the applicants' answers.
	Rounds *round.Service
	// Messages is the outbox, which city administrators read at /admin/meddelanden.
	Messages *notify.Service
	// Reports serves the sharing report (/uppfoljning); nil leaves those pages out.
	Reports *report.Service
	// Location is the zone in which pages show and read wall-clock times (Europe/Stockholm,
	// loaded once at startup).
	Location *time.Location
	// BaseURL is the public URL; when it is https, cookies are marked Secure. One-time links
	// shown to copy (invitations, password resets) start with it.
	BaseURL string
	// Now is the clock, for telling expired tokens from live ones; nil means time.Now.
	Now func() time.Time
	// DevWebDir, when set, is a folder laid out like web/ (templates/ and static/) that is
	// read on every request instead of the embedded copy, so edits show without a rebuild.
	DevWebDir string
	// SSO, when set, offers single sign-on on the login page (login_sso.go); SSOName is
	// what its button calls the provider's accounts ("" uses the catalogue's default).
	SSO     *sso.Provider
	SSOName string
	// Validate checks a form whose numbers did not parse, so that all its problems are shown
	// at once. Pass the process's validator; nil builds one with validation.New.
	Validate *validator.Validate
}

// Pages is the HTML side of the service. Register adds its routes; NotFound answers any
// other path outside the API.
type Pages struct {
	log      *slog.Logger
	orgs     *organisation.Service
	venues   *venue.Service
	accounts *account.Service
	audit    *audit.Service
	bookings *booking.Service
	feeds    *feedtoken.Service
	agree    *agreement.Service
	meetings *meeting.Service
	rounds   *round.Service
	messages *notify.Service
	reports  *report.Service
	validate *validator.Validate
	now      func() time.Time
	baseURL  string
	secure   bool
	loc      *time.Location
	devDir   string
	sso      *sso.Provider
	ssoName  string
	views    *views // nil in development, where every request loads its own
}

// New parses every template and fingerprints every static file. It fails when a template
// does not parse, when web/templates/pages holds a page no handler renders, or when a page
// a handler renders is missing.
func New(opts Options) (*Pages, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	p := &Pages{
		log:      opts.Log,
		orgs:     opts.Organisations,
		venues:   opts.Venues,
		accounts: opts.Accounts,
		audit:    opts.Audit,
		bookings: opts.Bookings,
		feeds:    opts.FeedTokens,
		agree:    opts.Agreements,
		meetings: opts.Meetings,
		rounds:   opts.Rounds,
		messages: opts.Messages,
		reports:  opts.Reports,
		validate: opts.Validate,
		now:      opts.Now,
		baseURL:  strings.TrimRight(opts.BaseURL, "/"),
		secure:   strings.HasPrefix(opts.BaseURL, "https://"),
		loc:      opts.Location,
		devDir:   opts.DevWebDir,
		sso:      opts.SSO,
		ssoName:  opts.SSOName,
	}
	if p.validate == nil {
		p.validate = validation.New()
	}
	if p.now == nil {
		p.now = time.Now
	}
	// Load once even in development, so that a broken template fails at startup.
	v, err := p.load()
	if err != nil {
		return nil, err
	}
	if p.devDir == "" {
		p.views = v
	}
	return p, nil
}

// check returns an error naming every required option that is missing.
func (o Options) check() error {
	var missing []string
	for _, r := range []struct {
		name string
		nil  bool
	}{
		{"Log", o.Log == nil}, {"Organisations", o.Organisations == nil}, {"Venues", o.Venues == nil},
		{"Accounts", o.Accounts == nil}, {"Audit", o.Audit == nil}, {"Bookings", o.Bookings == nil},
		{"FeedTokens", o.FeedTokens == nil}, {"Agreements", o.Agreements == nil}, {"Meetings", o.Meetings == nil},
		{"Rounds", o.Rounds == nil}, {"Messages", o.Messages == nil}, {"Location", o.Location == nil},
	} {
		if r.nil {
			missing = append(missing, r.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("webui: required options missing: %s", strings.Join(missing, ", "))
	}
	return nil
}

// Register adds the pages and the static files to r. The GET routes switch language on
// ?lang=; unsafe requests from another origin are refused before the session is read; every
// page route knows who is signed in (session); the POST routes check the CSRF token before
// anything else.
func (p *Pages) Register(r *gin.Engine) {
	r.GET("/static/:file", p.static)
	r.HEAD("/static/:file", p.static)

	g := r.Group("/", p.switchLanguage, p.crossOrigin(), p.session)
	// Query parameters of every page, and the fields of every form once its CSRF token is
	// known good, are checked for control characters before any handler reads them.
	get := func(path string, h gin.HandlerFunc) { g.GET(path, p.checkText, h) }
	post := func(path string, h gin.HandlerFunc) { g.POST(path, p.checkCSRF, p.checkText, h) }

	get("/", p.home)
	get("/lokaler", p.venueList)
	get("/lokaler/ny", p.newVenue)
	post("/lokaler/ny", p.createVenue)
	get("/lokaler/:id", p.venuePage)
	get("/lokaler/:id/andra", p.editVenue)
	get("/lokaler/:id/schema", p.venueGrid)
	post("/lokaler/:id/andra", p.updateVenue)
	get("/lokaler/:id/rum/nytt", p.newRoom)
	post("/lokaler/:id/rum/nytt", p.createRoom)
	get("/rum/:id", p.roomPage)
	p.registerRegister(get, post)
	get("/organisationer/:id", p.organisationPage)
	get("/lediga-lokaler", p.freeRooms)
	get("/rum/:id/boka", p.newBooking)
	post("/rum/:id/boka", p.createBooking)
	get("/bokningar/:id", p.bookingPage)
	get("/bokningar/:id/serie", p.seriesResult)
	post("/bokningar/:id/avboka", p.cancelBooking)
	post("/bokningar/:id/godkann", p.approveBooking)
	post("/bokningar/:id/avsla", p.rejectBooking)
	post("/bokningar/:id/flytta", p.moveBooking)
	post("/bokningar/:id/serie/godkann", p.approveSeries)
	post("/bokningar/:id/serie/avsla", p.rejectSeries)
	get("/organisationer/:id/bokningar", p.organisationBookings)
	get("/organisationer/:id/forfragningar", p.bookingRequests)
	get("/organisationer/:id/utan-ratt", p.bookingsWithoutRight)
	get("/rum/:id/installningar", p.roomSettings)
	post("/rum/:id/installningar/regler", p.saveRoomRules)
	post("/rum/:id/installningar/oppettider", p.saveOpeningHours)
	post("/rum/:id/installningar/taxa", p.saveTariff)
	post("/rum/:id/installningar/stangt", p.saveClosure)
	post("/rum/:id/installningar/stangt/:closure/ta-bort", p.removeClosure)
	post("/lokaler/:id/stangt", p.saveVenueClosure)
	post("/lokaler/:id/stangt/:closure/ta-bort", p.removeVenueClosure)

	get("/organisationer/:id/kalender", p.feedTokens)
	post("/organisationer/:id/kalender", p.createFeedToken)
	post("/organisationer/:id/kalender/:token/aterkalla", p.revokeFeedToken)

	get(compactPath, p.compact)
	get(agreementsPath, p.agreementIndex)
	get(agreementsPath+"/nytt", p.newAgreement)
	post(agreementsPath+"/nytt", p.createAgreement)
	get(agreementsPath+"/:id", p.agreementShow)
	get(agreementsPath+"/:id/andra", p.editAgreement)
	post(agreementsPath+"/:id/andra", p.updateAgreement)
	post(agreementsPath+"/:id/versioner", p.addAgreementVersion)
	post(agreementsPath+"/:id/dokument", p.uploadAgreementDocument)
	get(agreementsPath+"/:id/dokument/:doc", p.agreementDocument)
	post(agreementsPath+"/:id/dokument/:doc/ta-bort", p.deleteAgreementDocument)
	post(agreementsPath+"/:id/underskrifter", p.signAgreement)
	post(agreementsPath+"/:id/underskrifter/:sig/aterkalla", p.withdrawSignature)
	get(joinPath, p.joinForm)
	post(joinPath, p.requestToJoin)
	get(joinPath+"/:token", p.joinStatus)
	get(joinInboxPath, p.joinInbox)
	post(joinInboxPath+"/:id/godkann", p.approveJoinRequest)
	post(joinInboxPath+"/:id/avsla", p.rejectJoinRequest)
	get(premisesListPath, p.premisesAgreements)
	get(iopListPath, p.iopAgreements)

	get(meetingsPath, p.meetingsCalendar)
	get(followUpPath, p.meetingsFollowUp)
	get(followUpPath+".csv", p.meetingsFollowUpExport(export.CSV))
	get(followUpPath+".xlsx", p.meetingsFollowUpExport(export.XLSX))
	get(invoicingPath, p.invoicing)
	get(invoicingPath+".csv", p.invoicingExport(export.CSV))
	get(invoicingPath+".xlsx", p.invoicingExport(export.XLSX))
	if p.reports != nil {
		get(sharingPath, p.sharingReport)
		get(sharingPath+".csv", p.sharingExport(export.CSV))
		get(sharingPath+".xlsx", p.sharingExport(export.XLSX))
		get(usagePath, p.usageReport)
		get(usagePath+".csv", p.usageExport(export.CSV))
		get(usagePath+".xlsx", p.usageExport(export.XLSX))
	}
	get(organisePath, p.organise)
	get(seriesPath+"/ny", p.newMeetingSeries)
	post(seriesPath+"/ny", p.createMeetingSeries)
	get(seriesPath+"/:id", p.meetingSeriesShow)
	get(seriesPath+"/:id/andra", p.editMeetingSeries)
	post(seriesPath+"/:id/andra", p.updateMeetingSeries)
	get(seriesPath+"/:id/nytt-mote", p.newMeetings)
	post(seriesPath+"/:id/nytt-mote", p.createMeetings)
	get(meetingsPath+"/:id", p.meetingShow)
	get(meetingsPath+"/:id/andra", p.editMeeting)
	post(meetingsPath+"/:id/andra", p.updateMeeting)
	post(meetingsPath+"/:id/stall-in", p.cancelMeeting)
	get(meetingsPath+"/:id/inbjudna", p.meetingInvitations)
	post(meetingsPath+"/:id/inbjudna", p.setMeetingInvitations)
	post(meetingsPath+"/:id/dokument", p.uploadMeetingDocument)
	get(meetingsPath+"/:id/dokument/:doc", p.meetingDocument)
	post(meetingsPath+"/:id/dokument/:doc/ta-bort", p.deleteMeetingDocument)

	get(roundsPath, p.roundsList)
	get(roundsPath+"/ny", p.newRound)
	post(roundsPath, p.createRound)
	get(roundsPath+"/:id", p.roundShow)
	get(roundsPath+"/:id/andra", p.editRound)
	post(roundsPath+"/:id/andra", p.updateRound)
	post(roundsPath+"/:id/stang", p.closeRound)
	get(roundsPath+"/:id/fordelning", p.roundBoard)
	post(roundsPath+"/:id/fordelning", p.allocateByHand)
	post(roundsPath+"/:id/fordelning/:alloc/ta-bort", p.removeAllocation)
	get(roundsPath+"/:id/fordelning.csv", p.roundAllocationsExport(export.CSV))
	get(roundsPath+"/:id/fordelning.xlsx", p.roundAllocationsExport(export.XLSX))
	post(roundsPath+"/:id/forslag", p.runProposal)
	post(roundsPath+"/:id/publicera", p.publishRound)
	post("/tilldelningar/:id/svar", p.answerAllocation)
	get(roundsPath+"/:id/ansok", p.newApplication)
	post(roundsPath+"/:id/ansok", p.submitApplication)
	get("/ansokningar/:id", p.applicationShow)
	get("/ansokningar/:id/andra", p.editApplication)
	post("/ansokningar/:id/andra", p.updateApplication)
	post("/ansokningar/:id/dra-tillbaka", p.withdrawApplication)

	get("/logga-in", p.loginForm)
	post("/logga-in", p.login)
	post("/logga-ut", p.logout)
	get(ssoStartPath, p.startSSO)
	get(ssoCallbackPath, p.finishSSO)

	get(todoPath, p.todo)
	post(todoPath+"/moten/:id/svar", p.replyToMeeting)
	get(replyLinkPath+":token", p.replyLinkForm)
	post(replyLinkPath+":token", p.replyByLink)

	get("/konto", p.accountPage)
	post("/konto/uppgifter", p.updateProfile)
	post("/konto/losenord", p.changePassword)
	post("/konto/nycklar", p.createToken)
	post("/konto/nycklar/:id/aterkalla", p.revokeToken)
	get(mailSettingsPath, p.mailSettings)
	post(mailSettingsPath, p.saveMailSettings)
	get("/avregistrera/:token", p.unsubscribeForm)
	post("/avregistrera/:token", p.unsubscribe)
	get("/konto/export.json", p.exportAccount)
	get("/konto/radera", p.confirmDeleteAccount)
	post("/konto/radera", p.deleteAccount)

	get("/organisationer/:id/medlemmar", p.membersPage)
	post("/organisationer/:id/medlemmar/:user/roll", p.changeRole)
	post("/organisationer/:id/medlemmar/:user/ta-bort", p.removeMember)
	post("/organisationer/:id/inbjudningar", p.invite)
	get("/inbjudan/:token", p.invitationPage)
	post("/inbjudan/:token", p.acceptInvitation)
	get(forgotPath, p.forgotForm)
	post(forgotPath, p.requestReset)
	get("/losenord/:token", p.passwordResetForm)
	post("/losenord/:token", p.resetPassword)

	get("/admin/anvandare", p.adminUsers)
	get("/admin/anvandare/ny", p.newUser)
	post("/admin/anvandare/ny", p.createUser)
	post("/admin/anvandare/:id/stadsadministrator", p.setCityAdmin)
	post("/admin/anvandare/:id/losenordslank", p.createResetLink)
	get("/admin/anvandare/:id/meddelanden", p.personMessages)
	get("/admin/logg", p.auditLog)
	get("/admin/meddelanden", p.adminMessages)
}

// NotFound answers a path that matches no route with the 404 page.
func (p *Pages) NotFound(c *gin.Context) {
	if p.languageRedirect(c) {
		return
	}
	// Outside the page group, so the session is read here: the layout shows who is signed in.
	if err := p.loadSession(c); err != nil {
		p.internalError(c, err)
		return
	}
	p.notFound(c)
}

// load reads the templates and static files: the embedded copy, or DevWebDir's.
func (p *Pages) load() (*views, error) {
	templates, static := web.Templates, web.Static
	if p.devDir != "" {
		if _, err := os.Stat(filepath.Join(p.devDir, "templates", "layout.html")); err != nil {
			return nil, fmt.Errorf("webui: development web folder: %w", err)
		}
		templates = os.DirFS(filepath.Join(p.devDir, "templates"))
		static = os.DirFS(filepath.Join(p.devDir, "static"))
	}
	return loadViews(templates, static, p.loc)
}

// current returns the views to render with: the ones loaded at startup, or in development a
// fresh load so that edited files show at once.
func (p *Pages) current() (*views, error) {
	if p.views != nil {
		return p.views, nil
	}
	return p.load()
}
