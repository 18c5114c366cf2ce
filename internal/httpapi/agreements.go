package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/listing"
)

// agreementJSON is an agreement as the API shows it, with its versions oldest first.
type agreementJSON struct {
	ID        int64          `json:"id"`
	Kind      string         `json:"kind"`
	Title     string         `json:"title"`
	Summary   string         `json:"summary"`
	Text      string         `json:"text"`
	Link      string         `json:"link"`
	Status    string         `json:"status"`
	ValidFrom *string        `json:"valid_from"`
	ValidTo   *string        `json:"valid_to"`
	Terms     string         `json:"terms"`
	Parties   []partyJSON    `json:"parties"`
	Premises  []premisesJSON `json:"premises"`
	Versions  []versionJSON  `json:"versions"`
	Revision  int            `json:"revision"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// partyJSON is a party of an agreement; organisation_name is read-only.
type partyJSON struct {
	OrganisationID   int64  `json:"organisation_id"`
	Role             string `json:"role"`
	OrganisationName string `json:"organisation_name,omitempty"`
}

// premisesJSON is a venue or a room a premises-sharing agreement covers (one of venue_id and
// room_id); the names, and the venue of a room, are read-only.
type premisesJSON struct {
	VenueID   *int64 `json:"venue_id,omitempty"`
	RoomID    *int64 `json:"room_id,omitempty"`
	VenueName string `json:"venue_name,omitempty"`
	RoomName  string `json:"room_name,omitempty"`
	InVenue   int64  `json:"in_venue_id,omitempty"`
}

// agreementBody is the body of POST /agreements and PUT /agreements/{id}: the agreement's
// fields, with parties and premises as the API shows them, so that a client may send back
// what it read (the names in them are ignored).
type agreementBody struct {
	agreement.Input
	Parties  []partyJSON    `json:"parties"`
	Premises []premisesJSON `json:"premises"`
}

func (b agreementBody) toInput() agreement.Input {
	in := b.Input
	in.Parties, in.Premises = nil, nil
	for _, p := range b.Parties {
		in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: p.OrganisationID, Role: p.Role})
	}
	for _, p := range b.Premises {
		var pm agreement.PremisesInput
		if p.VenueID != nil {
			pm.VenueID = *p.VenueID
		}
		if p.RoomID != nil {
			pm.RoomID = *p.RoomID
		}
		in.Premises = append(in.Premises, pm)
	}
	return in
}

func (h *Handler) createAgreement(ctx context.Context, actor access.Actor, b agreementBody) (*agreement.Agreement, error) {
	return h.Agreements.CreateAgreement(ctx, actor, b.toInput())
}

func (h *Handler) updateAgreement(ctx context.Context, actor access.Actor, id int64, b agreementBody) (*agreement.Agreement, error) {
	return h.Agreements.UpdateAgreement(ctx, actor, id, b.toInput())
}

type versionJSON struct {
	ID        int64  `json:"id"`
	Label     string `json:"label"`
	AdoptedOn string `json:"adopted_on"`
	Text      string `json:"text"`
	Link      string `json:"link"`
}

// signatoryJSON is a signature; signer_name and signer_role are empty to anyone but city
// administrators (see agreement.Service.FindSignatories).
type signatoryJSON struct {
	ID               int64   `json:"id"`
	AgreementID      int64   `json:"agreement_id"`
	VersionID        int64   `json:"version_id"`
	VersionLabel     string  `json:"version_label"`
	OrganisationID   int64   `json:"organisation_id"`
	OrganisationName string  `json:"organisation_name"`
	OrgNumber        *string `json:"org_number"`
	SignedOn         string  `json:"signed_on"`
	SignerName       string  `json:"signer_name"`
	SignerRole       string  `json:"signer_role"`
	WithdrawnOn      *string `json:"withdrawn_on"`
}

// signatoryList is a page of signatories with the number that match in all.
type signatoryList struct {
	list[signatoryJSON]
	Count int `json:"count"`
}

var (
	agreementReadOnly = []string{"id", "versions", "created_at", "updated_at"}
	signatoryReadOnly = []string{"id", "agreement_id", "version_label", "organisation_name", "org_number", "withdrawn_on"}
)

func toAgreementJSON(a *agreement.Agreement) agreementJSON {
	out := agreementJSON{ID: a.ID, Kind: string(a.Kind), Title: a.Title, Summary: a.Summary, Text: a.Body, Link: a.Link,
		Status: string(a.Status), ValidFrom: datePtr(a.ValidFrom), ValidTo: datePtr(a.ValidTo), Versions: []versionJSON{},
		Terms: a.Terms, Parties: []partyJSON{}, Premises: []premisesJSON{},
		Revision: a.Revision, CreatedAt: utc(a.CreatedAt), UpdatedAt: utc(a.UpdatedAt)}
	for _, p := range a.Parties {
		out.Parties = append(out.Parties, partyJSON{OrganisationID: p.OrganisationID, Role: string(p.Role), OrganisationName: p.OrganisationName})
	}
	for _, p := range a.Premises {
		out.Premises = append(out.Premises, premisesJSON{VenueID: p.VenueID, RoomID: p.RoomID, VenueName: p.VenueName, RoomName: p.RoomName, InVenue: p.InVenue})
	}
	for _, v := range a.Versions {
		out.Versions = append(out.Versions, versionJSON{ID: v.ID, Label: v.Label, AdoptedOn: v.AdoptedOn.Format(time.DateOnly), Text: v.Body, Link: v.Link})
	}
	return out
}

func toSignatoryJSON(s *agreement.Signatory) signatoryJSON {
	return signatoryJSON{ID: s.ID, AgreementID: s.AgreementID, VersionID: s.VersionID, VersionLabel: s.VersionLabel,
		OrganisationID: s.OrganisationID, OrganisationName: s.OrganisationName, OrgNumber: s.OrgNumber,
		SignedOn: s.SignedOn.Format(time.DateOnly), SignerName: s.SignerName, SignerRole: s.SignerRole, WithdrawnOn: datePtr(s.WithdrawnOn)}
}

func datePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func agreementURL(a *agreement.Agreement) string { return fmt.Sprintf("/api/v1/agreements/%d", a.ID) }

// signatoriesURL is where a new signature is listed: its agreement's signatories.
func signatoriesURL(s *agreement.Signatory) string {
	return fmt.Sprintf("/api/v1/agreements/%d/signatories", s.AgreementID)
}

func (h *Handler) listAgreements(c *gin.Context) {
	var f agreement.Filter
	q := query{c: c}
	q.str("kind", &f.Kind)
	q.str("status", &f.Status)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Agreements.FindAgreements(c.Request.Context(), Actor(c), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toAgreementJSON)
}

// signatoryQuery reads the agreement id and the filter of the signatory list and its CSV.
func signatoryQuery(c *gin.Context) (int64, agreement.SignatoryFilter, error) {
	var f agreement.SignatoryFilter
	id, err := pathID(c, "id", agreement.ErrNotFound)
	if err != nil {
		return 0, f, err
	}
	q := query{c: c}
	q.bool("all", &f.All)
	q.str("q", &f.Q)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	return id, f, q.err()
}

func (h *Handler) listSignatories(c *gin.Context) {
	id, f, err := signatoryQuery(c)
	if err != nil {
		c.Error(err)
		return
	}
	page, err := h.Agreements.FindSignatories(c.Request.Context(), Actor(c), id, f)
	if err != nil {
		c.Error(err)
		return
	}
	out := signatoryList{list: list[signatoryJSON]{Items: make([]signatoryJSON, 0, len(page.Items))}, Count: page.Count}
	for i := range page.Items {
		out.Items = append(out.Items, toSignatoryJSON(&page.Items[i]))
	}
	if page.Next != nil {
		out.NextCursor = page.Next.Encode()
	}
	c.JSON(http.StatusOK, out)
}

// exportSignatories answers every signatory matching the filter as a file
// (signatories.csv for Swedish Excel or signatories.xlsx, a header row), whatever limit and
// cursor say: an export is the whole list.
func (h *Handler) exportSignatories(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, f, err := signatoryQuery(c)
		if err != nil {
			c.Error(err)
			return
		}
		ctx, actor := c.Request.Context(), Actor(c)
		rows, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[agreement.Signatory], error) {
			f.Limit, f.Cursor = listing.MaxLimit, cursor
			p, err := h.Agreements.FindSignatories(ctx, actor, id, f)
			return p.Page, err
		})
		if err != nil {
			c.Error(err)
			return
		}
		t := export.Table{Title: "signatories",
			Header: []string{"organisation", "org_number", "version", "signed_on", "signer_name", "signer_role", "withdrawn_on"}}
		for i := range rows {
			s := toSignatoryJSON(&rows[i])
			t.Rows = append(t.Rows, []any{s.OrganisationName, deref(s.OrgNumber), s.VersionLabel, export.Date(s.SignedOn),
				s.SignerName, s.SignerRole, export.Date(deref(s.WithdrawnOn))})
		}
		// The status is sent; a write error means the client went away, and there is no one to tell.
		_ = export.Send(c.Writer, fmt.Sprintf("signatories-%d", id), format, t)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// withdrawSignatory takes an optional body {"withdrawn_on": "YYYY-MM-DD"}; without one the
// signature is withdrawn today.
func (h *Handler) withdrawSignatory(c *gin.Context) {
	id, err := pathID(c, "id", agreement.ErrSignatoryNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in agreement.WithdrawInput
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, &in); err != nil {
			c.Error(err)
			return
		}
	}
	s, err := h.Agreements.Withdraw(c.Request.Context(), Actor(c), id, in)
	respond(c, s, err, toSignatoryJSON, nil)
}
