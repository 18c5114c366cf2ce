package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
)

// tokenJSON is a personal API token as the API lists it: never the secret.
type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func toTokenJSON(t *account.Token) tokenJSON {
	return tokenJSON{
		ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: utc(t.CreatedAt),
		ExpiresAt: utcPtr(t.ExpiresAt), LastUsedAt: utcPtr(t.LastUsedAt), RevokedAt: utcPtr(t.RevokedAt),
	}
}

// newTokenJSON is the answer to creating a token: the token and, this once, its secret.
type newTokenJSON struct {
	tokenJSON
	Token string `json:"token"`
}

// tokenInput is the body of POST /tokens.
type tokenInput struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at"`
}

func (h *Handler) listTokens(c *gin.Context) {
	tokens, err := h.Accounts.FindTokens(c.Request.Context(), Actor(c))
	if err != nil {
		c.Error(err)
		return
	}
	out := list[tokenJSON]{Items: make([]tokenJSON, 0, len(tokens))}
	for i := range tokens {
		out.Items = append(out.Items, toTokenJSON(&tokens[i]))
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) createToken(c *gin.Context) {
	var in tokenInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	secret, t, err := h.Accounts.CreateToken(c.Request.Context(), Actor(c), in.Name, in.ExpiresAt)
	if err != nil {
		c.Error(err)
		return
	}
	// The secret is in this one response and nowhere else; no cache may keep it.
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, newTokenJSON{tokenJSON: toTokenJSON(t), Token: secret})
}
