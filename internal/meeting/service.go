package meeting

import (
	"context"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// Service keeps meeting series, meetings and invitations.
type Service struct {
	db       *bun.DB
	bookings *booking.Service
	validate *validator.Validate
	now      func() time.Time
	loc      *time.Location
	pub      Publisher // nil: changes are not published (PublishTo)
}

// NewService returns a Service over db that books rooms through bookings; recurring
// patterns are expanded in loc (Europe/Stockholm).
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time, loc *time.Location, bookings *booking.Service) *Service {
	return &Service{db: db, bookings: bookings, validate: v, now: now, loc: loc}
}

// Location is the local time zone the Service was given, in which patterns are expanded.
func (s *Service) Location() *time.Location { return s.loc }

// record writes one change to the audit log in the change's transaction.
func record(ctx context.Context, tx bun.IDB, actor access.Actor, now time.Time, action, objectType string, id, org int64, before, after any) error {
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: action, ObjectType: objectType,
		ObjectID: id, OrganisationID: org, Before: before, After: after})
}
