package round

import (
	"context"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// Service runs application rounds.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
	loc      *time.Location
	bookings *booking.Service
	mail     Mailer // nil: no receipts (SetMailer)
}

// Mailer writes the receipts to applicants, inside the transaction of the change that
// causes them (internal/roundmail through the outbox).
type Mailer interface {
	// ApplicationReceived tells the applying organisation's admins and bookers that its
	// application was received (submitted or changed).
	ApplicationReceived(ctx context.Context, tx bun.IDB, r *Round, a *Application) error
	// ResultPublished tells the organisation's admins and bookers that the round's result is
	// published, with its allocations (and their refused dates).
	ResultPublished(ctx context.Context, tx bun.IDB, r *Round, org int64, allocations []Allocation) error
}

// NewService returns a Service over db that books through bookings; weekly times are local
// wall-clock times in loc (Europe/Stockholm).
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time, loc *time.Location, bookings *booking.Service) *Service {
	return &Service{db: db, validate: v, now: now, loc: loc, bookings: bookings}
}

// SetMailer makes the service send receipts through m.
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// Location is the local time zone of weekly times.
func (s *Service) Location() *time.Location { return s.loc }

// record writes one change to the audit log in the change's transaction.
func record(ctx context.Context, tx bun.IDB, actor access.Actor, now time.Time, action, objectType string, id, org int64, before, after any) error {
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: action, ObjectType: objectType,
		ObjectID: id, OrganisationID: org, Before: before, After: after})
}

func userID(actor access.Actor) *int64 {
	if actor.UserID == 0 {
		return nil
	}
	id := actor.UserID
	return &id
}
