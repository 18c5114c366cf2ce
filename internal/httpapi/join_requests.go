package httpapi

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
)

// joinRequestJSON is a request to join the Compact as city administrators and the
// applicant (through the status link) see it; the contact fields are personal data and are
// shown to no one else.
type joinRequestJSON struct {
	ID               int64      `json:"id"`
	Status           string     `json:"status"`
	OrganisationName string     `json:"organisation_name"`
	OrgNumber        string     `json:"org_number"`
	Kind             string     `json:"kind"`
	ContactName      string     `json:"contact_name"`
	ContactEmail     string     `json:"contact_email"`
	ContactPhone     string     `json:"contact_phone"`
	SignerName       string     `json:"signer_name"`
	SignerRole       string     `json:"signer_role"`
	AgreementID      int64      `json:"agreement_id"`
	VersionID        int64      `json:"version_id"`
	VersionLabel     string     `json:"version_label"`
	OrganisationID   *int64     `json:"organisation_id"`
	SignatoryID      *int64     `json:"signatory_id"`
	SignedOn         *string    `json:"signed_on"`
	DecidedAt        *time.Time `json:"decided_at"`
	RejectionReason  string     `json:"rejection_reason"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// newJoinRequestJSON is the answer to a new request: the request and, this once, the secret
// of its status link with the addresses that use it.
type newJoinRequestJSON struct {
	joinRequestJSON
	Token     string `json:"token"`
	StatusURL string `json:"status_url"`
	StatusAPI string `json:"status_api_url"`
}

func toJoinRequestJSON(jr *agreement.JoinRequest) joinRequestJSON {
	return joinRequestJSON{ID: jr.ID, Status: string(jr.Status), OrganisationName: jr.OrganisationName, OrgNumber: jr.OrgNumber,
		Kind: jr.Kind, ContactName: jr.ContactName, ContactEmail: jr.ContactEmail, ContactPhone: jr.ContactPhone,
		SignerName: jr.SignerName, SignerRole: jr.SignerRole, AgreementID: jr.AgreementID, VersionID: jr.VersionID,
		VersionLabel: jr.VersionLabel, OrganisationID: jr.OrganisationID, SignatoryID: jr.SignatoryID,
		SignedOn: datePtr(jr.SignedOn), DecidedAt: utcPtr(jr.DecidedAt), RejectionReason: jr.RejectionReason,
		CreatedAt: utc(jr.CreatedAt), UpdatedAt: utc(jr.UpdatedAt)}
}

func joinRequestURL(id int64) string { return fmt.Sprintf("/api/v1/join-requests/%d", id) }

// joinRequestReadOnly are the fields a client may send back from what it read.
var joinRequestReadOnly = []string{"id", "status", "agreement_id", "version_id", "version_label", "organisation_id",
	"signatory_id", "signed_on", "decided_at", "rejection_reason", "created_at", "updated_at"}

// createJoinRequest takes a request to join from anyone, and answers 201 with the secret of
// its status link, which is not shown again.
func (h *Handler) createJoinRequest(c *gin.Context) {
	var in agreement.JoinInput
	if err := decodeJSON(c, &in, joinRequestReadOnly...); err != nil {
		c.Error(err)
		return
	}
	jr, secret, err := h.Agreements.RequestToJoin(c.Request.Context(), Actor(c), in)
	if err != nil {
		c.Error(err)
		return
	}
	c.Header("Location", joinRequestURL(jr.ID))
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, newJoinRequestJSON{joinRequestJSON: toJoinRequestJSON(jr), Token: secret,
		StatusURL: h.BaseURL + agreement.JoinStatusPath(secret), StatusAPI: h.BaseURL + "/api/v1/join-requests/status/" + secret})
}

func (h *Handler) listJoinRequests(c *gin.Context) {
	var f agreement.JoinFilter
	q := query{c: c}
	q.str("status", &f.Status)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Agreements.FindJoinRequests(c.Request.Context(), Actor(c), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toJoinRequestJSON)
}

// joinRequestStatus answers the applicant who holds the status link's secret.
func (h *Handler) joinRequestStatus(c *gin.Context) {
	jr, err := h.Agreements.FindJoinRequestByToken(c.Request.Context(), c.Param("token"))
	c.Header("Cache-Control", "no-store")
	respond(c, jr, err, toJoinRequestJSON, nil)
}

// approveJoinRequest takes an optional body {"signed_on": "YYYY-MM-DD"}; without one the
// signature is dated the day of the decision.
func (h *Handler) approveJoinRequest(c *gin.Context) {
	id, err := pathID(c, "id", agreement.ErrJoinRequestNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in agreement.ApproveInput
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, &in); err != nil {
			c.Error(err)
			return
		}
	}
	jr, err := h.Agreements.ApproveJoinRequest(c.Request.Context(), Actor(c), id, in)
	respond(c, jr, err, toJoinRequestJSON, nil)
}
