// Package webui serves the HTML pages of Lokalbanken: the start page, the premises list, a
// venue, a room and an organisation, and the forms that add and change venues and rooms.
// Pages are rendered on the server from the templates in web/, work without JavaScript, and
// speak Swedish unless the visitor asks for English.
//
// Writes are open to anyone for now; every form handler is small so that the access check of
// the next issue can be added in one line before the service call.
package webui

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/web"
)

// Options is what New needs.
type Options struct {
	Log           *slog.Logger
	Organisations *organisation.Service
	Venues        *venue.Service
	// BaseURL is the public URL; when it is https, cookies are marked Secure.
	BaseURL string
	// DevWebDir, when set, is a folder laid out like web/ (templates/ and static/) that is
	// read on every request instead of the embedded copy, so edits show without a rebuild.
	DevWebDir string
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
	validate *validator.Validate
	secure   bool
	loc      *time.Location
	devDir   string
	views    *views // nil in development, where every request loads its own
}

// New parses every template and fingerprints every static file. It fails when a template
// does not parse, when web/templates/pages holds a page no handler renders, or when a page
// a handler renders is missing.
func New(opts Options) (*Pages, error) {
	if opts.Log == nil || opts.Organisations == nil || opts.Venues == nil {
		return nil, errors.New("webui: Log, Organisations and Venues are required")
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return nil, fmt.Errorf("webui: load time zone: %w", err)
	}
	p := &Pages{
		log:      opts.Log,
		orgs:     opts.Organisations,
		venues:   opts.Venues,
		validate: opts.Validate,
		secure:   strings.HasPrefix(opts.BaseURL, "https://"),
		loc:      loc,
		devDir:   opts.DevWebDir,
	}
	if p.validate == nil {
		p.validate = validation.New()
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

// Register adds the pages and the static files to r. The GET routes switch language on
// ?lang=; the POST routes check the CSRF token before anything else.
func (p *Pages) Register(r *gin.Engine) {
	r.GET("/static/:file", p.static)
	r.HEAD("/static/:file", p.static)

	g := r.Group("/", p.switchLanguage)
	g.GET("/", p.home)
	g.GET("/lokaler", p.venueList)
	g.GET("/lokaler/ny", p.newVenue)
	g.POST("/lokaler/ny", p.checkCSRF, p.createVenue)
	g.GET("/lokaler/:id", p.venuePage)
	g.GET("/lokaler/:id/andra", p.editVenue)
	g.POST("/lokaler/:id/andra", p.checkCSRF, p.updateVenue)
	g.GET("/lokaler/:id/rum/nytt", p.newRoom)
	g.POST("/lokaler/:id/rum/nytt", p.checkCSRF, p.createRoom)
	g.GET("/rum/:id", p.roomPage)
	g.GET("/organisationer/:id", p.organisationPage)
}

// NotFound answers a path that matches no route with the 404 page.
func (p *Pages) NotFound(c *gin.Context) {
	if p.languageRedirect(c) {
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
