package webui

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// createToken makes a personal API token and shows its secret, once. The optional expiry is
// a date: the token works through that day, Swedish time.
func (p *Pages) createToken(c *gin.Context) {
	if _, ok := p.signedIn(c); !ok {
		return
	}
	values := postedValues(c)
	expires, errs := p.tokenExpiry(values.Get("expires_at"))
	name := values.Get("token_name")
	if errs == nil {
		secret, _, err := p.accounts.CreateToken(c.Request.Context(), p.actor(c), name, expires)
		if err == nil {
			p.showSecret(c, "token", secret, "/konto")
			return
		}
		if errs = fault.Fields(err); errs == nil {
			p.fail(c, err)
			return
		}
	} else if strings.TrimSpace(name) == "" {
		errs = append(fault.FieldErrors{{Field: "name", Code: "required"}}, errs...)
	}
	f := newForm(values)
	f.addErrors(p.lang(c), tokenSpec, errs)
	p.showAccount(c, http.StatusUnprocessableEntity, accountForms{token: f})
}

// tokenExpiry reads the expiry date (YYYY-MM-DD, as date inputs send it): the end of that
// day in Stockholm. Empty means never.
func (p *Pages) tokenExpiry(s string) (*time.Time, fault.FieldErrors) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, p.loc)
	if err != nil {
		return nil, fault.FieldErrors{{Field: "expires_at", Code: "malformed"}}
	}
	end := d.AddDate(0, 0, 1)
	return &end, nil
}
