package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Topic names booking changes where they are told (internal/notify).
const Topic = "booking"

// ChangeKind is what happened to a booking or a series, as people are told of it.
type ChangeKind string

// The changes announced. A series is one change per decision, never one per occurrence.
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

// Announce makes the service write each of its changes in Change's kinds to the
// booking_changes table, in the change's own transaction, for TakeChanges. Call it before
// the service is used, and only where something takes the changes (serve's outbox); without
// it nothing is written (the command-line tools, most tests).
func (s *Service) Announce() { s.announce = true }

// changeRow is a row of booking_changes.
type changeRow struct {
	bun.BaseModel `bun:"table:booking_changes"`

	ID          int64      `bun:"id,pk,autoincrement"`
	Kind        ChangeKind `bun:"kind"`
	BookingID   int64      `bun:"booking_id,nullzero"`
	SeriesID    int64      `bun:"series_id,nullzero"`
	BookingIDs  []int64    `bun:"booking_ids,array"`
	ActorUserID int64      `bun:"actor_user_id,nullzero"`
	CreatedAt   time.Time  `bun:"created_at"`
}

// publish writes c in tx when the service announces its changes.
func (s *Service) publish(ctx context.Context, tx bun.IDB, actor access.Actor, c Change) error {
	if !s.announce {
		return nil
	}
	if c.BookingIDs == nil {
		c.BookingIDs = []int64{}
	}
	row := &changeRow{Kind: c.Kind, BookingID: c.BookingID, SeriesID: c.SeriesID, BookingIDs: c.BookingIDs,
		ActorUserID: actor.UserID, CreatedAt: s.now()}
	if _, err := tx.NewInsert().Model(row).ExcludeColumn("id").Exec(ctx); err != nil {
		return fmt.Errorf("announce booking change: %w", err)
	}
	return nil
}

// TakeChanges removes up to limit announced changes, oldest first, in tx and returns them:
// they are the caller's once tx commits, and back for the next taker if it rolls back.
// Takers at the same time get different changes (SKIP LOCKED).
func TakeChanges(ctx context.Context, tx bun.IDB, limit int) ([]Change, error) {
	var rows []changeRow
	err := tx.NewRaw(`DELETE FROM booking_changes WHERE id IN (
			SELECT id FROM booking_changes ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
		RETURNING id, kind, booking_id, series_id, booking_ids, actor_user_id, created_at`, limit).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("take booking changes: %w", err)
	}
	out := make([]Change, len(rows))
	for i, r := range rows {
		out[i] = Change{Kind: r.Kind, BookingID: r.BookingID, SeriesID: r.SeriesID, BookingIDs: r.BookingIDs, ActorUserID: r.ActorUserID}
	}
	return out, nil
}

// changeOf is the change a status action announces.
func changeOf(action string) ChangeKind {
	switch action {
	case "booking.approve":
		return ChangeApproved
	case "booking.reject":
		return ChangeRejected
	}
	return ChangeCancelled
}
