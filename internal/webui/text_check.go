package webui

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// checkText refuses a request whose query parameters or posted form fields hold text no
// field may hold (validation.CleanText: NUL and the other control characters, U+2028,
// U+2029, a byte order mark, invalid UTF-8; tab and line breaks only in the multi-line
// fields), before any handler reads them: PostgreSQL refuses a NUL in text, and the feeds
// must never carry the others. This is the pages' one check, as decodeJSON is the API's.
//
// The answer is a 422 page that names each field by its label and says what is wrong; the
// visitor goes back to the form, which the browser has kept as typed. Such characters come
// from a pasted text or a forged request, never from typing, so a page of its own is enough
// and every form is covered without a line in its handler.
func (p *Pages) checkText(c *gin.Context) {
	errs := textErrors(c.Request.URL.Query(), false)
	if c.Request.Method == http.MethodPost {
		// The CSRF check before this one has parsed the body (url-encoded or multipart).
		_ = c.Request.ParseForm()
		errs = append(errs, textErrors(c.Request.PostForm, true)...)
	}
	if len(errs) == 0 {
		c.Next()
		return
	}
	lang := p.lang(c)
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, validation.Message(lang, e))
	}
	p.render(c, http.StatusUnprocessableEntity, "error", "", errorData{
		Title:  i18n.T(lang, "ui.error.control_char.title"),
		Detail: strings.Join(msgs, " "),
		Back:   sameSiteReferer(c),
	})
	c.Abort()
}

// textErrors returns a field error for each name whose values are not clean text; in a form
// the multi-line fields may hold line breaks, in a query nothing may.
func textErrors(values url.Values, form bool) fault.FieldErrors {
	var errs fault.FieldErrors
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if !validation.CleanText(name, false) {
			errs = append(errs, fault.FieldError{Field: "body", Code: validation.CodeControl})
			continue
		}
		multi := form && validation.MultiLine(name)
		for _, v := range values[name] {
			if !validation.CleanText(v, multi) {
				errs = append(errs, fault.FieldError{Field: name, Code: validation.CodeControl})
				break
			}
		}
	}
	return errs
}
