// Package httpapi serves the JSON API under /api/v1: request decoding, response shapes and
// the translation of domain errors into RFC 9457 problems. Rules live in the capability
// packages; this package only converts.
package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/api"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Deps is what the API handlers need. Every service is required: New refuses to build a
// Handler with one missing, so that no handler has to ask whether it has its service.
type Deps struct {
	Organisations *organisation.Service
	Venues        *venue.Service
	Accounts      *account.Service
	// Audit records every refusal (403) and serves /audit.
	Audit *audit.Service
	// Bookings serves /bookings and the availability of rooms.
	Bookings *booking.Service
	// FeedTokens serves organisations' private feed links.
	FeedTokens *feedtoken.Service
	// Agreements serves /agreements, their signatories and requests to join.
	Agreements *agreement.Service
	// Meetings serves /meeting-series and /meetings.
	Meetings *meeting.Service
	// Rounds serves /rounds, /applications and /allocations: seasonal allocation.
	Rounds *round.Service
	// Reports serves /reports (the sharing report); nil leaves those routes out.
	Reports *report.Service
	// BaseURL is the public URL of the site, without a trailing slash; invitation links
	// and feed links start with it.
	BaseURL string
	// InvitationTTL must be the InvitationTTL of the account service's Config, for the
	// expires_at of new invitations; zero means account.DefaultConfig's.
	InvitationTTL time.Duration
}

// Handler serves the API with its Deps. Make one with New.
type Handler struct {
	Deps
}

// New returns the Handler over d, or an error naming every required service d lacks.
func New(d Deps) (*Handler, error) {
	var missing []string
	for _, r := range []struct {
		name string
		nil  bool
	}{
		{"Organisations", d.Organisations == nil}, {"Venues", d.Venues == nil}, {"Accounts", d.Accounts == nil},
		{"Audit", d.Audit == nil}, {"Bookings", d.Bookings == nil}, {"FeedTokens", d.FeedTokens == nil},
		{"Agreements", d.Agreements == nil}, {"Meetings", d.Meetings == nil}, {"Rounds", d.Rounds == nil},
	} {
		if r.nil {
			missing = append(missing, r.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("httpapi: required services missing: %s", strings.Join(missing, ", "))
	}
	return &Handler{Deps: d}, nil
}

// Register adds every API route to g (the /api/v1 group), one line each. Who may call a
// route is decided by the services through access.Check, not here: reads of the public
// register are open, every write needs a token (see Authenticate).
func (h *Handler) Register(g *gin.RouterGroup) {
	g.Use(signedInToWrite, checkQuery)
	orgs, venues, accounts := h.Organisations, h.Venues, h.Accounts
	g.GET("/organisations", h.listOrganisations)
	g.POST("/organisations", create(organisationReadOnly, orgs.CreateOrganisation, toOrganisationJSON, organisationURL))
	g.GET("/organisations/:id", byID(organisation.ErrNotFound, orgs.FindOrganisationByID, toOrganisationJSON))
	g.PUT("/organisations/:id", replace(organisation.ErrNotFound, organisationReadOnly, orgs.UpdateOrganisation, toOrganisationJSON))
	g.POST("/organisations/:id/archive", actByID(organisation.ErrNotFound, orgs.ArchiveOrganisation, toOrganisationJSON))
	g.GET("/organisations/:id/members", h.listMembers)
	g.PUT("/organisations/:id/members/:user_id", h.setMember)
	g.DELETE("/organisations/:id/members/:user_id", h.removeMember)
	g.POST("/organisations/:id/invitations", h.invite)

	g.GET("/venues", h.listVenues)
	g.POST("/venues", create(venueReadOnly, venues.CreateVenue, toVenueJSON, venueURL))
	g.GET("/venues/:id", byID(venue.ErrVenueNotFound, venues.FindVenueByID, toVenueJSON))
	g.PUT("/venues/:id", replace(venue.ErrVenueNotFound, venueReadOnly, venues.UpdateVenue, toVenueJSON))
	g.POST("/venues/:id/archive", actByID(venue.ErrVenueNotFound, venues.ArchiveVenue, toVenueJSON))
	g.GET("/venues/:id/rooms", h.listVenueRooms)
	g.POST("/venues/:id/rooms", createUnder(venue.ErrVenueNotFound, roomReadOnly, venues.CreateRoom, toRoomJSON, roomURL))

	g.GET("/rooms", h.listRooms)
	g.GET("/rooms/:id", byID(venue.ErrRoomNotFound, venues.FindRoomByID, toRoomJSON))
	g.PUT("/rooms/:id", replace(venue.ErrRoomNotFound, roomReadOnly, venues.UpdateRoom, toRoomJSON))
	g.POST("/rooms/:id/archive", actByID(venue.ErrRoomNotFound, venues.ArchiveRoom, toRoomJSON))

	b := h.Bookings
	g.GET("/bookings", h.listBookings)
	g.POST("/bookings", h.createBooking)
	g.GET("/bookings/:id", h.getBooking)
	g.POST("/bookings/:id/approve", h.statusChange("note", b.ApproveBooking))
	g.POST("/bookings/:id/reject", h.statusChange("note", b.RejectBooking))
	g.POST("/bookings/:id/cancel", h.statusChange("reason", b.CancelBooking))
	g.POST("/bookings/:id/move", h.moveBooking)
	g.POST("/booking-series/:id/approve", h.seriesDecision(b.ApproveSeries))
	g.POST("/booking-series/:id/reject", h.seriesDecision(b.RejectSeries))
	g.POST("/booking-series/:id/cancel", h.cancelSeries)
	g.POST("/booking-series/:id/move", h.moveSeries)
	g.GET("/rooms/:id/availability", h.roomAvailability)
	g.GET("/availability", h.findFreeRooms)
	g.GET("/rooms/:id/rules", h.getRoomRules)
	g.PUT("/rooms/:id/rules", h.setRoomRules())
	g.PUT("/rooms/:id/opening-hours", h.setOpeningHours())
	g.POST("/rooms/:id/closures", h.addClosure(true))
	g.POST("/venues/:id/closures", h.addClosure(false))
	g.DELETE("/closures/:id", deleteByID(booking.ErrClosureNotFound, b.RemoveClosure))
	g.GET("/rooms/:id/partners", h.getRoomPartners)
	g.GET("/organisations/:id/bookings-without-right", h.listBookingsWithoutRight)
	g.GET("/rooms/:id/parts", h.getRoomParts)
	g.PUT("/rooms/:id/parts", h.setRoomParts())
	g.GET("/rooms/:id/tariff", h.getTariff)
	g.PUT("/rooms/:id/tariff", h.setTariff())
	g.DELETE("/rooms/:id/tariff", deleteByID(venue.ErrRoomNotFound, h.removeTariff))
	g.GET("/rooms/:id/quote", h.quote)
	g.GET("/reports/invoicing", h.invoicing(""))
	g.GET("/reports/invoicing.csv", h.invoicing(export.CSV))
	g.GET("/reports/invoicing.xlsx", h.invoicing(export.XLSX))

	ft := h.FeedTokens
	g.GET("/organisations/:id/feed-tokens", h.listFeedTokens)
	g.POST("/organisations/:id/feed-tokens", h.createFeedToken)
	g.DELETE("/feed-tokens/:id", deleteByID(feedtoken.ErrNotFound, ft.Revoke))

	ag := h.Agreements
	g.GET("/agreements", h.listAgreements)
	g.POST("/agreements", create(agreementReadOnly, h.createAgreement, toAgreementJSON, agreementURL))
	g.GET("/agreements/:id", actByID(agreement.ErrNotFound, ag.FindAgreementByID, toAgreementJSON))
	g.PUT("/agreements/:id", replace(agreement.ErrNotFound, agreementReadOnly, h.updateAgreement, toAgreementJSON))
	g.POST("/agreements/:id/versions", createUnder(agreement.ErrNotFound, nil, ag.AddVersion, toAgreementJSON, agreementURL))
	g.GET("/agreements/:id/signatories", h.listSignatories)
	g.GET("/agreements/:id/signatories.csv", h.exportSignatories(export.CSV))
	g.GET("/agreements/:id/signatories.xlsx", h.exportSignatories(export.XLSX))
	g.POST("/agreements/:id/signatories", createUnder(agreement.ErrNotFound, signatoryReadOnly, ag.Sign, toSignatoryJSON, signatoriesURL))
	g.POST("/signatories/:id/withdraw", h.withdrawSignatory)
	agreementDocuments(ag).register(g, "/agreements/:id/documents")
	g.POST("/join-requests", h.createJoinRequest)
	g.GET("/join-requests", h.listJoinRequests)
	g.GET("/join-requests/status/:token", h.joinRequestStatus)
	g.GET("/join-requests/:id", actByID(agreement.ErrJoinRequestNotFound, ag.FindJoinRequestByID, toJoinRequestJSON))
	g.POST("/join-requests/:id/approve", h.approveJoinRequest)
	g.POST("/join-requests/:id/reject", replace(agreement.ErrJoinRequestNotFound, nil, ag.RejectJoinRequest, toJoinRequestJSON))

	ms := h.Meetings
	g.GET("/meeting-series", h.listMeetingSeries)
	g.POST("/meeting-series", create(meetingSeriesReadOnly, ms.CreateSeries, toMeetingSeriesJSON, meetingSeriesURL))
	g.GET("/meeting-series/:id", actByID(meeting.ErrSeriesNotFound, ms.FindSeriesByID, toMeetingSeriesJSON))
	g.PUT("/meeting-series/:id", replace(meeting.ErrSeriesNotFound, meetingSeriesReadOnly, ms.UpdateSeries, toMeetingSeriesJSON))
	g.DELETE("/meeting-series/:id", deleteByID(meeting.ErrSeriesNotFound, ms.DeleteSeries))
	g.GET("/meeting-series/:id/meetings", h.listMeetings)
	g.POST("/meeting-series/:id/meetings", h.createMeetings)
	g.GET("/meetings", h.listMeetings)
	g.GET("/meetings/:id", actByID(meeting.ErrNotFound, ms.FindMeetingByID, toMeetingJSON))
	g.PUT("/meetings/:id", replace(meeting.ErrNotFound, meetingReadOnly, ms.UpdateMeeting, toMeetingJSON))
	g.POST("/meetings/:id/cancel", replace(meeting.ErrNotFound, nil, ms.CancelMeeting, toMeetingJSON))
	g.GET("/meetings/:id/invitations", h.listInvitations)
	g.PUT("/meetings/:id/invitations", h.setInvitations)
	g.POST("/meetings/:id/replies", replace(meeting.ErrNotFound, nil, ms.Reply, toMeetingInvitationJSON))
	meetingDocuments(ms).register(g, "/meetings/:id/documents")

	rs := h.Rounds
	g.GET("/rounds", h.listRounds)
	g.POST("/rounds", create(roundReadOnly, rs.CreateRound, toRoundJSON, roundURL))
	g.GET("/rounds/:id", byID(round.ErrNotFound, rs.FindRoundByID, toRoundJSON))
	g.PUT("/rounds/:id", replace(round.ErrNotFound, roundReadOnly, rs.UpdateRound, toRoundJSON))
	g.POST("/rounds/:id/close", actByID(round.ErrNotFound, rs.CloseRound, toRoundJSON))
	g.GET("/rounds/:id/applications", h.listApplications)
	g.POST("/rounds/:id/applications", createUnder(round.ErrNotFound, applicationReadOnly, rs.SubmitApplication, toApplicationJSON, applicationURL))
	g.GET("/applications/:id", actByID(round.ErrApplicationNotFound, rs.FindApplicationByID, toApplicationJSON))
	g.PUT("/applications/:id", replace(round.ErrApplicationNotFound, applicationReadOnly, rs.UpdateApplication, toApplicationJSON))
	g.POST("/applications/:id/withdraw", actByID(round.ErrApplicationNotFound, rs.WithdrawApplication, toApplicationJSON))
	g.GET("/rounds/:id/demand", h.getDemand)
	g.GET("/rounds/:id/proposal", h.getProposal())
	g.POST("/rounds/:id/proposal", h.runProposal())
	g.GET("/rounds/:id/allocations", h.listAllocations)
	g.POST("/rounds/:id/allocations", h.allocateByHand)
	g.GET("/rounds/:id/allocations.csv", h.exportAllocations(export.CSV))
	g.GET("/rounds/:id/allocations.xlsx", h.exportAllocations(export.XLSX))
	g.POST("/rounds/:id/publish", h.publishRound())
	g.GET("/allocations/:id", h.allocationCall(rs.FindAllocationByID))
	g.DELETE("/allocations/:id", deleteByID(round.ErrAllocationNotFound, rs.RemoveAllocation))
	g.POST("/allocations/:id/accept", h.allocationCall(rs.AcceptAllocation))
	g.POST("/allocations/:id/decline", h.allocationCall(rs.DeclineAllocation))
	if h.Reports != nil {
		g.GET("/reports/sharing", h.sharingReport)
		g.GET("/reports/usage", h.usageReport)
	}

	g.GET("/users", h.listUsers)
	g.POST("/users", create(userReadOnly, h.createUser, toUserJSON, userURL))
	g.GET("/users/me", h.me)
	g.GET("/users/me/export", h.exportMe)
	g.GET("/users/:id", actByID(account.ErrUserNotFound, accounts.FindUserByID, toUserJSON))
	g.PUT("/users/:id", replace(account.ErrUserNotFound, userReadOnly, accounts.UpdateUser, toUserJSON))
	g.DELETE("/users/:id", deleteByID(account.ErrUserNotFound, accounts.DeleteUser))

	g.GET("/tokens", h.listTokens)
	g.POST("/tokens", h.createToken)
	g.DELETE("/tokens/:id", deleteByID(account.ErrTokenNotFound, accounts.RevokeToken))

	g.GET("/audit", h.listAudit)

	g.GET("/facilities", h.listFacilities)
	g.GET("/openapi.yaml", serveSpec)
}

// serveSpec serves the OpenAPI document that describes this API.
func serveSpec(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", api.Spec)
}

// list is the shape of every list response.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// writeList writes one page of a list, each item through view.
func writeList[T, J any](c *gin.Context, page listing.Page[T], view func(*T) J) {
	out := list[J]{Items: make([]J, 0, len(page.Items))}
	for i := range page.Items {
		out.Items = append(out.Items, view(&page.Items[i]))
	}
	if page.Next != nil {
		out.NextCursor = page.Next.Encode()
	}
	c.JSON(http.StatusOK, out)
}

// utc gives instants in UTC on the wire, whatever zone they were read in.
func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
