package webui

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// revokeTokensDefault is what the password forms start with: the box that revokes the
// person's API tokens too, ticked.
func revokeTokensDefault() url.Values { return url.Values{"revoke_tokens": {"yes"}} }

// revokeTokensOf keeps the password form's token box as it was sent, for a form shown again.
func revokeTokensOf(values url.Values) url.Values {
	return url.Values{"revoke_tokens": values["revoke_tokens"]}
}

// changePassword sets a new password after checking the current one. The visitor stays
// signed in here; every other session of theirs ends, and with the box ticked (as it is at
// first) every API token of theirs is revoked. Passwords are never written back into the
// form.
func (p *Pages) changePassword(c *gin.Context) {
	if _, ok := p.signedIn(c); !ok {
		return
	}
	values := postedValues(c)
	session, _ := c.Cookie(sessionCookie)
	err := p.accounts.ChangePassword(c.Request.Context(), p.actor(c), values.Get("current_password"), values.Get("password"),
		account.PasswordOptions{KeepSession: session, RevokeTokens: values.Get("revoke_tokens") == "yes"})
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled) && !throttled.Busy:
		wait := retryAfter(throttled.RetryAfter)
		c.Header("Retry-After", strconv.Itoa(wait))
		lang := p.lang(c)
		f := newForm(revokeTokensOf(values))
		f.ProblemTitle = i18n.T(lang, "problem.login_throttled.title")
		f.Problem = i18n.T(lang, "ui.login.wait", (wait+59)/60)
		p.showAccount(c, http.StatusTooManyRequests, accountForms{password: f})
	case fault.Fields(err) != nil:
		f := newForm(revokeTokensOf(values))
		f.addErrors(p.lang(c), passwordSpec, fault.Fields(err))
		p.showAccount(c, http.StatusUnprocessableEntity, accountForms{password: f})
	case err != nil:
		p.fail(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/konto?klart=losenord")
	}
}
