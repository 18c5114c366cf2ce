package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
)

// userJSON is a person as the API shows them. It never carries the password or its hash:
// only whether one is set.
type userJSON struct {
	ID                int64      `json:"id"`
	Email             string     `json:"email"`
	Name              string     `json:"name"`
	Phone             string     `json:"phone"`
	CityAdmin         bool       `json:"city_admin"`
	HasPassword       bool       `json:"has_password"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	PasswordChangedAt *time.Time `json:"password_changed_at"`
}

var userReadOnly = []string{"id", "has_password", "created_at", "updated_at", "password_changed_at"}

func toUserJSON(u *account.User) userJSON {
	return userJSON{
		ID: u.ID, Email: u.Email, Name: u.Name, Phone: u.Phone, CityAdmin: u.CityAdmin, HasPassword: u.HasPassword(),
		CreatedAt: utc(u.CreatedAt), UpdatedAt: utc(u.UpdatedAt), PasswordChangedAt: utcPtr(u.PasswordChangedAt),
	}
}

func userURL(u *account.User) string { return "/api/v1/users/" + strconv.FormatInt(u.ID, 10) }

// newUserInput is the body of POST /users: a user and, optionally, their first password.
// Without one the person sets it through a reset link.
type newUserInput struct {
	account.UserInput
	Password string `json:"password"`
}

func (h *Handler) createUser(ctx context.Context, actor access.Actor, in newUserInput) (*account.User, error) {
	return h.Accounts.CreateUser(ctx, actor, in.UserInput, in.Password)
}

func (h *Handler) listUsers(c *gin.Context) {
	var qs, cursor string
	var limit int
	q := query{c: c}
	q.str("q", &qs)
	q.limit(&limit)
	q.cursor(&cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Accounts.FindUsers(c.Request.Context(), Actor(c), qs, limit, cursor)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toUserJSON)
}

// me answers with the request's own user; anonymous requests are 401.
func (h *Handler) me(c *gin.Context) {
	actor := Actor(c)
	if actor.UserID == 0 {
		c.Error(access.ErrUnauthenticated)
		return
	}
	u, err := h.Accounts.FindUserByID(c.Request.Context(), actor, actor.UserID)
	respond(c, u, err, toUserJSON, nil)
}

// exportMe answers with everything stored about the request's user, as a file to keep.
func (h *Handler) exportMe(c *gin.Context) {
	actor := Actor(c)
	if actor.UserID == 0 {
		c.Error(access.ErrUnauthenticated)
		return
	}
	export, err := h.Accounts.ExportUser(c.Request.Context(), actor, actor.UserID)
	if err != nil {
		c.Error(err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="lokalbanken-mina-uppgifter.json"`)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, export)
}
