package access_test

import (
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

func TestCheck(t *testing.T) {
	const orgA, orgB = 1, 2
	anon := access.Anonymous("127.0.0.1")
	booker := access.Actor{UserID: 10, Roles: map[int64]access.Role{orgA: access.RoleBooker}}
	admin := access.Actor{UserID: 11, Roles: map[int64]access.Role{orgA: access.RoleAdmin}}
	city := access.Actor{UserID: 12, CityAdmin: true}
	for _, tc := range []struct {
		name   string
		actor  access.Actor
		action access.Action
		org    int64
		want   error
	}{
		{"anonymous", anon, access.UpdateVenue, orgA, access.ErrUnauthenticated},
		{"admin of the owner", admin, access.UpdateVenue, orgA, nil},
		{"admin of another", admin, access.UpdateVenue, orgB, access.ErrForbidden},
		{"booker cannot manage", booker, access.UpdateVenue, orgA, access.ErrForbidden},
		{"booker books", booker, access.Book, orgA, nil},
		{"booker for another", booker, access.Book, orgB, access.ErrForbidden},
		{"booker cancels", booker, access.CancelBooking, orgA, nil},
		{"booker cancels another's", booker, access.CancelBooking, orgB, access.ErrForbidden},
		{"booker cannot approve", booker, access.ApproveBooking, orgA, access.ErrForbidden},
		{"owner admin approves", admin, access.ApproveBooking, orgA, nil},
		{"admin of another cannot approve", admin, access.ApproveBooking, orgB, access.ErrForbidden},
		{"anonymous cannot book", anon, access.Book, orgA, access.ErrUnauthenticated},
		{"city-only", admin, access.CreateOrganisation, orgA, access.ErrForbidden},
		{"no organisation", admin, access.UpdateVenue, 0, access.ErrForbidden},
		{"city admin", city, access.ReadAudit, 0, nil},
		{"system", access.System, access.CreateOrganisation, 0, nil},
		{"unknown action", admin, access.Action("nuke"), orgA, access.ErrForbidden},
		{"booker manages feeds", booker, access.ManageFeeds, orgA, nil},
		{"admin manages feeds", admin, access.ManageFeeds, orgA, nil},
		{"admin of another's feeds", admin, access.ManageFeeds, orgB, access.ErrForbidden},
		{"anonymous feeds", anon, access.ManageFeeds, orgA, access.ErrUnauthenticated},
		{"city admin feeds", city, access.ManageFeeds, orgB, nil},
		{"city admin manages agreements", city, access.ManageAgreements, 0, nil},
		{"admin cannot manage agreements", admin, access.ManageAgreements, orgA, access.ErrForbidden},
		{"booker cannot manage agreements", booker, access.ManageAgreements, orgA, access.ErrForbidden},
		{"anonymous agreements", anon, access.ManageAgreements, 0, access.ErrUnauthenticated},
		{"city admin manages meeting series", city, access.ManageMeetingSeries, orgA, nil},
		{"organiser admin manages its series", admin, access.ManageMeetingSeries, orgA, nil},
		{"admin of another cannot manage series", admin, access.ManageMeetingSeries, orgB, access.ErrForbidden},
		{"booker cannot manage series", booker, access.ManageMeetingSeries, orgA, access.ErrForbidden},
		{"no series without an organiser", admin, access.ManageMeetingSeries, 0, access.ErrForbidden},
		{"organiser admin manages meetings", admin, access.ManageMeetings, orgA, nil},
		{"admin of another cannot manage meetings", admin, access.ManageMeetings, orgB, access.ErrForbidden},
		{"booker cannot manage meetings", booker, access.ManageMeetings, orgA, access.ErrForbidden},
		{"city admin manages meetings", city, access.ManageMeetings, orgB, nil},
		{"booker views private meetings", booker, access.ViewMeetings, orgA, nil},
		{"booker replies", booker, access.ReplyMeeting, orgA, nil},
		{"booker replies for another", booker, access.ReplyMeeting, orgB, access.ErrForbidden},
		{"anonymous replies", anon, access.ReplyMeeting, orgA, access.ErrUnauthenticated},
		{"city admin reviews join requests", city, access.ReviewJoinRequests, 0, nil},
		{"admin cannot review join requests", admin, access.ReviewJoinRequests, orgA, access.ErrForbidden},
		{"booker cannot review join requests", booker, access.ReviewJoinRequests, orgA, access.ErrForbidden},
		{"anonymous join requests", anon, access.ReviewJoinRequests, 0, access.ErrUnauthenticated},
		{"city admin reads the outbox", city, access.ReadMessages, 0, nil},
		{"admin cannot read the outbox", admin, access.ReadMessages, orgA, access.ErrForbidden},
		{"anonymous outbox", anon, access.ReadMessages, 0, access.ErrUnauthenticated},
		{"owner admin runs rounds", admin, access.ManageRounds, orgA, nil},
		{"booker cannot run rounds", booker, access.ManageRounds, orgA, access.ErrForbidden},
		{"admin of another cannot run rounds", admin, access.ManageRounds, orgB, access.ErrForbidden},
		{"city admin runs rounds", city, access.ManageRounds, orgB, nil},
		{"booker applies", booker, access.Apply, orgA, nil},
		{"admin applies", admin, access.Apply, orgA, nil},
		{"booker applies for another", booker, access.Apply, orgB, access.ErrForbidden},
		{"anonymous applies", anon, access.Apply, orgA, access.ErrUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := access.Check(tc.actor, tc.action, tc.org); !errors.Is(err, tc.want) && !(err == nil && tc.want == nil) {
				t.Fatalf("Check = %v, want %v", err, tc.want)
			}
		})
	}
}
