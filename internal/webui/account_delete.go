package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
)

type accountDeletePage struct {
	User *account.User
}

// confirmDeleteAccount asks whether I really want my account deleted, saying what goes and
// what stays.
func (p *Pages) confirmDeleteAccount(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	p.render(c, http.StatusOK, "account_delete", "account", accountDeletePage{User: u})
}

// deleteAccount erases my account and signs me out. What I did for an organisation stays in
// its history, without me.
func (p *Pages) deleteAccount(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	if err := p.accounts.DeleteUser(c.Request.Context(), p.actor(c), u.ID); err != nil {
		p.fail(c, err)
		return
	}
	p.signOut(c)
	p.showMessage(c, "account_deleted", "/", "ui.not_found.home")
}
