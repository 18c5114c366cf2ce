package httpapi

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// membershipJSON is a person's role in an organisation.
type membershipJSON struct {
	UserID         int64       `json:"user_id"`
	OrganisationID int64       `json:"organisation_id"`
	Role           access.Role `json:"role"`
	User           *memberJSON `json:"user,omitempty"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

// memberJSON is the short form of a member: enough for the organisation's own people to
// know who it is and how to reach them.
type memberJSON struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

func toMembershipJSON(m *account.Membership) membershipJSON {
	out := membershipJSON{
		UserID: m.UserID, OrganisationID: m.OrganisationID, Role: m.Role,
		CreatedAt: utc(m.CreatedAt), UpdatedAt: utc(m.UpdatedAt),
	}
	if m.User != nil {
		out.User = &memberJSON{ID: m.User.ID, Name: m.User.Name, Email: m.User.Email}
	}
	return out
}

// membershipInput is the body of PUT /organisations/{id}/members/{user_id}.
type membershipInput struct {
	Role access.Role `json:"role"`
}

// invitationInput is the body of POST /organisations/{id}/invitations.
type invitationInput struct {
	Email string      `json:"email"`
	Role  access.Role `json:"role"`
}

// invitationJSON is a new invitation: the one-time link to hand to the person.
type invitationJSON struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// orgAndUser reads the organisation and user ids of a membership path.
func orgAndUser(c *gin.Context) (org, user int64, err error) {
	if org, err = pathID(c, "id", organisation.ErrNotFound); err != nil {
		return 0, 0, err
	}
	user, err = pathID(c, "user_id", account.ErrUserNotFound)
	return org, user, err
}

func (h *Handler) listMembers(c *gin.Context) {
	org, err := pathID(c, "id", organisation.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	// An organisation that does not exist is a 404, not an empty list; that organisations
	// exist is public.
	if _, err := h.Organisations.FindOrganisationByID(c.Request.Context(), org); err != nil {
		c.Error(err)
		return
	}
	members, err := h.Accounts.FindMembers(c.Request.Context(), Actor(c), org)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[membershipJSON]{Items: make([]membershipJSON, 0, len(members))}
	for i := range members {
		out.Items = append(out.Items, toMembershipJSON(&members[i]))
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) setMember(c *gin.Context) {
	org, user, err := orgAndUser(c)
	if err != nil {
		c.Error(err)
		return
	}
	var in membershipInput
	if err := decodeJSON(c, &in, "user_id", "organisation_id", "user", "created_at", "updated_at"); err != nil {
		c.Error(err)
		return
	}
	m, err := h.Accounts.SetMember(c.Request.Context(), Actor(c), org, user, in.Role)
	respond(c, m, err, toMembershipJSON, nil)
}

func (h *Handler) removeMember(c *gin.Context) {
	org, user, err := orgAndUser(c)
	if err != nil {
		c.Error(err)
		return
	}
	noContent(c, h.Accounts.RemoveMember(c.Request.Context(), Actor(c), org, user))
}

func (h *Handler) invite(c *gin.Context) {
	org, err := pathID(c, "id", organisation.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in invitationInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	// Invite does not say when the link expires; it stamps it with the same TTL from its
	// own clock, so reading ours first errs on the early side.
	expires := time.Now().Add(h.invitationTTL())
	token, err := h.Accounts.Invite(c.Request.Context(), Actor(c), org, in.Email, in.Role)
	if err != nil {
		c.Error(err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, invitationJSON{URL: strings.TrimRight(h.BaseURL, "/") + "/inbjudan/" + token, ExpiresAt: expires.UTC()})
}

// invitationTTL is how long invitation links last: the Handler's InvitationTTL, which must be
// the account service's, or the account default.
func (h *Handler) invitationTTL() time.Duration {
	if h.InvitationTTL > 0 {
		return h.InvitationTTL
	}
	return account.DefaultConfig().InvitationTTL
}
