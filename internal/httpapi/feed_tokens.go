package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// feedTokenJSON is a private feed link as the API lists it: never the secret.
type feedTokenJSON struct {
	ID             int64      `json:"id"`
	OrganisationID int64      `json:"organisation_id"`
	Name           string     `json:"name"`
	Prefix         string     `json:"prefix"`
	CreatedAt      time.Time  `json:"created_at"`
	LastUsedAt     *time.Time `json:"last_used_at"`
	RevokedAt      *time.Time `json:"revoked_at"`
}

func toFeedTokenJSON(t *feedtoken.Token) feedTokenJSON {
	return feedTokenJSON{
		ID: t.ID, OrganisationID: t.OrganisationID, Name: t.Name, Prefix: t.Prefix, CreatedAt: utc(t.CreatedAt),
		LastUsedAt: utcPtr(t.LastUsedAt), RevokedAt: utcPtr(t.RevokedAt),
	}
}

// newFeedTokenJSON is the answer to creating a link: the link and, this once, its secret
// and the addresses to subscribe to.
type newFeedTokenJSON struct {
	feedTokenJSON
	Token     string `json:"token"`
	URL       string `json:"url"`
	WebcalURL string `json:"webcal_url"`
}

// feedTokenInput is the body of POST /organisations/{id}/feed-tokens.
type feedTokenInput struct {
	Name string `json:"name"`
}

func (h *Handler) listFeedTokens(c *gin.Context) {
	org, err := pathID(c, "id", organisation.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	tokens, err := h.FeedTokens.List(c.Request.Context(), Actor(c), org)
	if err != nil {
		c.Error(err)
		return
	}
	// An organisation that does not exist is a 404, not an empty list; that organisations
	// exist is public. Asked after List, so that a refusal does not depend on the id.
	if _, err := h.Organisations.FindOrganisationByID(c.Request.Context(), org); err != nil {
		c.Error(err)
		return
	}
	out := list[feedTokenJSON]{Items: make([]feedTokenJSON, 0, len(tokens))}
	for i := range tokens {
		out.Items = append(out.Items, toFeedTokenJSON(&tokens[i]))
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) createFeedToken(c *gin.Context) {
	org, err := pathID(c, "id", organisation.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in feedTokenInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	secret, t, err := h.FeedTokens.Create(c.Request.Context(), Actor(c), org, in.Name)
	if err != nil {
		c.Error(err)
		return
	}
	// The secret is in this one response and nowhere else; no cache may keep it.
	c.Header("Cache-Control", "no-store")
	u := feedtoken.URL(h.BaseURL, secret)
	c.JSON(http.StatusCreated, newFeedTokenJSON{feedTokenJSON: toFeedTokenJSON(t), Token: secret, URL: u, WebcalURL: feedtoken.WebcalURL(u)})
}
