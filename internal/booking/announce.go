package booking

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Topic is the topic under which booking changes are published (see Publisher).
const Topic = "booking"

// ChangeKind is what happened to a booking or a series, as people are told of it.
type ChangeKind string

// The changes published. A series is one change per decision, never one per occurrence.
const (
	ChangeRequested ChangeKind = "requested" // booked, and waits for the owner's approval
	ChangeApproved  ChangeKind = "approved"
	ChangeRejected  ChangeKind = "rejected"
	ChangeCancelled ChangeKind = "cancelled"
	ChangeMoved     ChangeKind = "moved"
)

// Change is a change people are told about: internal/bookingmail decides who, and says it.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// BookingID is the booking changed: a one-off booking or one occurrence of a series.
	BookingID int64 `json:"booking_id,omitempty"`
	// SeriesID, without BookingID, is the series changed as a whole (or from an occurrence
	// on); BookingIDs are its occurrences that the change touched.
	SeriesID   int64   `json:"series_id,omitempty"`
	BookingIDs []int64 `json:"booking_ids,omitempty"`
	// ActorUserID is who made the change (0: the system).
	ActorUserID int64 `json:"actor_user_id,omitempty"`
}

// Publisher is told of every change in Change's kinds, inside the change's transaction, so
// that the telling commits or rolls back with it (internal/notify implements it).
type Publisher interface {
	Publish(ctx context.Context, tx bun.Tx, topic string, payload any) error
}

// PublishTo makes the service publish its changes to p. Call it before the service is used;
// without it nothing is published (the command-line tools, most tests).
func (s *Service) PublishTo(p Publisher) { s.pub = p }

// publish tells the publisher of c in tx, which must be a transaction.
func (s *Service) publish(ctx context.Context, tx bun.IDB, actor access.Actor, c Change) error {
	if s.pub == nil {
		return nil
	}
	t, ok := tx.(bun.Tx)
	if !ok {
		return fmt.Errorf("publish booking change: not in a transaction (%T)", tx)
	}
	c.ActorUserID = actor.UserID
	return s.pub.Publish(ctx, t, Topic, c)
}

// changeOf is the change a status action publishes.
func changeOf(action string) ChangeKind {
	switch action {
	case "booking.approve":
		return ChangeApproved
	case "booking.reject":
		return ChangeRejected
	}
	return ChangeCancelled
}
