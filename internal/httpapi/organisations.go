package httpapi

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/organisation"
)

// organisationJSON is an organisation as the API shows it.
type organisationJSON struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Name        string     `json:"name"`
	OrgNumber   *string    `json:"org_number"`
	ParentID    *int64     `json:"parent_id"`
	Description string     `json:"description"`
	Website     string     `json:"website"`
	Email       string     `json:"email"`
	Phone       string     `json:"phone"`
	Revision    int        `json:"revision"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	ArchivedAt  *time.Time `json:"archived_at"`
}

var organisationReadOnly = []string{"id", "created_at", "updated_at", "archived_at"}

func toOrganisationJSON(o *organisation.Organisation) organisationJSON {
	return organisationJSON{
		ID: o.ID, Kind: string(o.Kind), Name: o.Name, OrgNumber: o.OrgNumber, ParentID: o.ParentID,
		Description: o.Description, Website: o.Website, Email: o.Email, Phone: o.Phone,
		Revision: o.Revision, CreatedAt: utc(o.CreatedAt), UpdatedAt: utc(o.UpdatedAt), ArchivedAt: utcPtr(o.ArchivedAt),
	}
}

func organisationURL(o *organisation.Organisation) string {
	return "/api/v1/organisations/" + strconv.FormatInt(o.ID, 10)
}

func (h *Handler) listOrganisations(c *gin.Context) {
	var f organisation.Filter
	q := query{c: c}
	q.str("q", &f.Q)
	q.str("kind", &f.Kind)
	q.int64("parent_id", &f.ParentID)
	q.bool("include_archived", &f.IncludeArchived)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Organisations.FindOrganisations(c.Request.Context(), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toOrganisationJSON)
}
