package webui

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
)

// accountPage is my account: my details, my password, my organisations, my API tokens, and
// my personal data.
type accountPage struct {
	User                     *account.User
	Profile, Password, Token *form
	Memberships              []account.Membership
	Tokens                   []tokenRow
	Notice                   string
}

// tokenRow is a token as the list shows it.
type tokenRow struct {
	account.Token
	// State is "active", "expired" or "revoked".
	State string
}

// The forms of the page; nil shows one as it is when the page opens.
type accountForms struct{ profile, password, token *form }

// Field specs of the page's forms. The token form's fields are named so that no id on the
// page is used twice: the service calls the token's name "name".
var (
	profileSpec  = formSpec{order: []string{"name", "email", "phone"}}
	passwordSpec = formSpec{order: []string{"current_password", "password"}}
	tokenSpec    = formSpec{
		order: []string{"token_name", "expires_at"},
		rename: func(name string) string {
			if name == "name" {
				return "token_name"
			}
			return name
		},
	}
)

// accountPage shows my account.
func (p *Pages) accountPage(c *gin.Context) {
	p.showAccount(c, http.StatusOK, accountForms{})
}

// showAccount renders my account with status, the given forms in the state they are in and
// the others fresh.
func (p *Pages) showAccount(c *gin.Context, status int, forms accountForms) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	tokens, err := p.accounts.FindTokens(ctx, p.actor(c))
	if err != nil {
		p.fail(c, err)
		return
	}
	ms, err := p.accounts.FindMemberships(ctx, u.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := accountPage{
		User: u, Profile: forms.profile, Password: forms.password, Token: forms.token,
		Memberships: ms, Tokens: tokenRows(tokens, p.now()), Notice: p.notice(c),
	}
	if page.Profile == nil {
		page.Profile = newForm(url.Values{"name": {u.Name}, "email": {u.Email}, "phone": {u.Phone}})
	}
	if page.Password == nil {
		page.Password = newForm(revokeTokensDefault())
	}
	if page.Token == nil {
		page.Token = newForm(nil)
	}
	p.render(c, status, "account", "account", page)
}

func tokenRows(tokens []account.Token, now time.Time) []tokenRow {
	rows := make([]tokenRow, len(tokens))
	for i, t := range tokens {
		state := "active"
		switch {
		case t.RevokedAt != nil:
			state = "revoked"
		case !t.Usable(now):
			state = "expired"
		}
		rows[i] = tokenRow{Token: t, State: state}
	}
	return rows
}
