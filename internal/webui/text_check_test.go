package webui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// routeParam matches the parameters of a gin route.
var routeParam = regexp.MustCompile(`:[a-z_]+`)

// TestControlCharactersInForms posts a NUL, in the anonymous join form each field in turn,
// and to every form of the site a titled field, and wants a 422 page that names the field,
// with nothing stored. On the main of issue 12 the join form answered a NUL with 500.
func TestControlCharactersInForms(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	t.Run("JoinForm", func(t *testing.T) {
		b := s.browser(t)
		before := countJoinRequests(t, s)
		for field := range joinForm(1) {
			for _, bad := range []string{"\x00", "\u2028", "\ufeff", "\x1b"} {
				form := b.get("/overenskommelsen/anslut").formValues(t, "main form")
				for k, v := range joinForm(1) {
					form[k] = v
				}
				form.Set(field, form.Get(field)+bad)
				p := b.post("/overenskommelsen/anslut", form)
				want := validation.Message(i18n.SV, validationError(field))
				if p.resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("main"), want) {
					t.Errorf("join form, %q in %s: %d %q, want 422 saying %q", bad, field, p.resp.StatusCode, p.text("main"), want)
				}
			}
		}
		if n := countJoinRequests(t, s); n != before {
			t.Errorf("join requests: %d, want %d", n, before)
		}
	})
	t.Run("EveryForm", func(t *testing.T) {
		b := s.cityAdmin(t)
		csrf := b.csrf()
		want := validation.Message(i18n.SV, validationError("title"))
		posts := 0
		for _, r := range s.engine.Routes() {
			if r.Method != http.MethodPost || strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/logga-ut") {
				continue
			}
			posts++
			path := routeParam.ReplaceAllString(r.Path, "1")
			p := b.post(path, url.Values{"csrf": {csrf}, "title": {"Möte\x00"}})
			if p.resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("main"), want) {
				t.Errorf("POST %s with a NUL in title: %d %q, want 422 saying %q", r.Path, p.resp.StatusCode, p.text("main"), want)
			}
		}
		if posts < 30 {
			t.Errorf("%d form routes, want at least 30", posts)
		}
	})
	t.Run("EveryQuery", func(t *testing.T) {
		b := s.cityAdmin(t)
		want := validation.Message(i18n.SV, validationError("q"))
		for _, r := range s.engine.Routes() {
			if r.Method != http.MethodGet || strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/static/") ||
				!strings.Contains(r.Handler, "webui") {
				continue
			}
			path := routeParam.ReplaceAllString(r.Path, "1")
			p := b.get(path + "?q=a%00b")
			if p.resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("main"), want) {
				t.Errorf("GET %s?q=NUL: %d %q, want 422 saying %q", r.Path, p.resp.StatusCode, p.text("main"), want)
			}
		}
	})
	t.Run("MultiLine", func(t *testing.T) {
		// A line break is refused in a one-line field, a tab too.
		b := s.browser(t)
		form := b.get("/overenskommelsen/anslut").formValues(t, "main form")
		for k, v := range joinForm(2) {
			form[k] = v
		}
		form.Set("signer_name", "Sara\nOrdförande")
		if p := b.post("/overenskommelsen/anslut", form); p.resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("line break in a name: %d, want 422", p.resp.StatusCode)
		}
	})
}

// validationError is the field error of a control character in field.
func validationError(field string) fault.FieldError {
	return fault.FieldError{Field: field, Code: validation.CodeControl}
}
