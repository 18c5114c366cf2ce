package meeting

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Topic names meeting changes where they are told (internal/notify).
const Topic = "meeting"

// ChangeKind is what invited organisations are told of a meeting.
type ChangeKind string

// The changes published.
const (
	ChangeInvited   ChangeKind = "invited"   // the organisations were invited
	ChangeUninvited ChangeKind = "uninvited" // the organisations' invitations were withdrawn
	ChangeUpdated   ChangeKind = "updated"   // time, place or title changed
	ChangeCancelled ChangeKind = "cancelled"
)

// Change is a change to a meeting that invited organisations are told about, as iTIP
// invitations (internal/meetingmail).
type Change struct {
	Kind      ChangeKind `json:"kind"`
	MeetingID int64      `json:"meeting_id"`
	// OrganisationIDs are whom to tell; empty means every invited organisation.
	OrganisationIDs []int64 `json:"organisation_ids,omitempty"`
	ActorUserID     int64   `json:"actor_user_id,omitempty"`
}

// Publisher is told of every Change inside the change's transaction (internal/notify).
type Publisher interface {
	Publish(ctx context.Context, tx bun.Tx, topic string, payload any) error
}

// PublishTo makes the service publish its changes to p; call it before use. Without it
// nothing is published.
func (s *Service) PublishTo(p Publisher) { s.pub = p }

func (s *Service) publish(ctx context.Context, tx bun.Tx, actor access.Actor, c Change) error {
	if s.pub == nil {
		return nil
	}
	c.ActorUserID = actor.UserID
	return s.pub.Publish(ctx, tx, Topic, c)
}
