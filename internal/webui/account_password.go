package webui

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// changePassword sets a new password after checking the current one. The visitor stays
// signed in here; every other session of theirs ends. Passwords are never written back into
// the form.
func (p *Pages) changePassword(c *gin.Context) {
	if _, ok := p.signedIn(c); !ok {
		return
	}
	values := postedValues(c)
	session, _ := c.Cookie(sessionCookie)
	err := p.accounts.ChangePassword(c.Request.Context(), p.actor(c), values.Get("current_password"), values.Get("password"), session)
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled) && !throttled.Busy:
		wait := retryAfter(throttled.RetryAfter)
		c.Header("Retry-After", strconv.Itoa(wait))
		lang := p.lang(c)
		f := newForm(nil)
		f.ProblemTitle = i18n.T(lang, "problem.login_throttled.title")
		f.Problem = i18n.T(lang, "ui.login.wait", (wait+59)/60)
		p.showAccount(c, http.StatusTooManyRequests, accountForms{password: f})
	case fault.Fields(err) != nil:
		f := newForm(nil)
		f.addErrors(p.lang(c), passwordSpec, fault.Fields(err))
		p.showAccount(c, http.StatusUnprocessableEntity, accountForms{password: f})
	case err != nil:
		p.fail(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/konto?klart=losenord")
	}
}
