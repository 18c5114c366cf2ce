package feed

import (
	"context"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// roomSubject names a room's feed after the room and its venue, or a not-found error.
func (s *Service) roomSubject(ctx context.Context, id int64) (subject, error) {
	r, err := s.venues.FindRoomByID(ctx, id)
	if err != nil {
		return subject{}, err
	}
	venue, updated := "", r.UpdatedAt
	if r.Venue != nil {
		venue, updated = r.Venue.Name, later(updated, r.Venue.UpdatedAt)
	}
	return newSubject("room", id, updated,
		i18n.T(lang, "feed.room.name", r.Name, venue), i18n.T(lang, "feed.room.description", r.Name, venue)), nil
}

// venueSubject names a venue's feed, or a not-found error.
func (s *Service) venueSubject(ctx context.Context, id int64) (subject, error) {
	v, err := s.venues.FindVenueByID(ctx, id)
	if err != nil {
		return subject{}, err
	}
	return newSubject("venue", id, v.UpdatedAt,
		i18n.T(lang, "feed.venue.name", v.Name), i18n.T(lang, "feed.venue.description", v.Name)), nil
}

// organisationSubject names an organisation's private feed, or a not-found error.
func (s *Service) organisationSubject(ctx context.Context, id int64) (subject, error) {
	o, err := s.orgs.FindOrganisationByID(ctx, id)
	if err != nil {
		return subject{}, err
	}
	return newSubject("organisation", id, o.UpdatedAt,
		i18n.T(lang, "feed.organisation.name", o.Name), i18n.T(lang, "feed.organisation.description", o.Name)), nil
}

func newSubject(kind string, id int64, updated time.Time, name, description string) subject {
	return subject{name: name, description: description, updated: updated,
		version: kind + ":" + strconv.FormatInt(id, 10) + ":" + updated.UTC().Format(time.RFC3339Nano)}
}
