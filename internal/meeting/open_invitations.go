package meeting

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
)

// OpenInvitation is an invitation that waits for an answer: a planned meeting still to
// come, to which an organisation the person may answer for is invited and has not replied.
type OpenInvitation struct {
	Meeting
	OrganisationID   int64  `bun:"invited_id"`
	OrganisationName string `bun:"invited_name"`
}

// FindOpenInvitations returns the invitations the actor may answer (access.ReplyMeeting, in
// their own organisations: city administrators answer for no one else) and nobody of the
// organisation has answered, earliest meeting first.
func (s *Service) FindOpenInvitations(ctx context.Context, actor access.Actor) ([]OpenInvitation, error) {
	mine := access.Actor{UserID: actor.UserID, Roles: actor.Roles}
	var orgs []int64
	for org := range actor.Roles {
		if access.Check(mine, access.ReplyMeeting, org) == nil {
			orgs = append(orgs, org)
		}
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	var out []OpenInvitation
	err := s.db.NewSelect().TableExpr("meetings AS m").ColumnExpr("m.*").
		ColumnExpr("mi.organisation_id AS invited_id, o.name AS invited_name").
		Join("JOIN meeting_invitations AS mi ON mi.meeting_id = m.id").
		Join("JOIN organisations AS o ON o.id = mi.organisation_id").
		Where("mi.organisation_id = ANY(?::bigint[]) AND mi.replied_at IS NULL", pgdialect.Array(orgs)).
		Where("m.status = ? AND m.starts_at > ?", StatusPlanned, s.now()).
		OrderExpr("m.starts_at, m.id, o.name").Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find open invitations: %w", err)
	}
	return out, nil
}

// InvitedMeeting is a meeting still to come, planned or cancelled, to which an
// organisation of the person's is invited, with that organisation's reply if any.
type InvitedMeeting struct {
	OpenInvitation
	Attending    *bool      `bun:"attending"`
	Participants *int       `bun:"participants"`
	RepliedAt    *time.Time `bun:"replied_at"`
}

// FindInvitedMeetings returns the meetings still to come to which an organisation the
// actor is a member of (any role) is invited, answered or not, earliest first: what the
// person's organisations are invited to. City administrators get their own organisations'
// invitations only.
func (s *Service) FindInvitedMeetings(ctx context.Context, actor access.Actor) ([]InvitedMeeting, error) {
	orgs := make([]int64, 0, len(actor.Roles))
	for org := range actor.Roles {
		orgs = append(orgs, org)
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	var out []InvitedMeeting
	err := s.db.NewSelect().TableExpr("meetings AS m").ColumnExpr("m.*").
		ColumnExpr("mi.organisation_id AS invited_id, o.name AS invited_name, mi.attending, mi.participants, mi.replied_at").
		Join("JOIN meeting_invitations AS mi ON mi.meeting_id = m.id").
		Join("JOIN organisations AS o ON o.id = mi.organisation_id").
		Where("mi.organisation_id = ANY(?::bigint[])", pgdialect.Array(orgs)).
		Where("m.ends_at > ?", s.now()).
		OrderExpr("m.starts_at, m.id, o.name").Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find invited meetings: %w", err)
	}
	return out, nil
}
