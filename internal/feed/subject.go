package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// roomSubject names a room's feed after the room and its venue, or errNotFound.
func (s *Service) roomSubject(ctx context.Context, id int64) (subject, error) {
	var room, venue string
	var updated time.Time
	err := s.db.NewRaw(`SELECT r.name, v.name, greatest(r.updated_at, v.updated_at)
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ?`, id).Scan(ctx, &room, &venue, &updated)
	if err != nil {
		return subject{}, subjectError("room", id, err)
	}
	return newSubject("room", id, updated,
		i18n.T(lang, "feed.room.name", room, venue), i18n.T(lang, "feed.room.description", room, venue)), nil
}

// venueSubject names a venue's feed, or errNotFound.
func (s *Service) venueSubject(ctx context.Context, id int64) (subject, error) {
	var name string
	var updated time.Time
	err := s.db.NewRaw(`SELECT name, updated_at FROM venues WHERE id = ?`, id).Scan(ctx, &name, &updated)
	if err != nil {
		return subject{}, subjectError("venue", id, err)
	}
	return newSubject("venue", id, updated,
		i18n.T(lang, "feed.venue.name", name), i18n.T(lang, "feed.venue.description", name)), nil
}

// organisationSubject names an organisation's private feed, or errNotFound.
func (s *Service) organisationSubject(ctx context.Context, id int64) (subject, error) {
	var name string
	var updated time.Time
	err := s.db.NewRaw(`SELECT name, updated_at FROM organisations WHERE id = ?`, id).Scan(ctx, &name, &updated)
	if err != nil {
		return subject{}, subjectError("organisation", id, err)
	}
	return newSubject("organisation", id, updated,
		i18n.T(lang, "feed.organisation.name", name), i18n.T(lang, "feed.organisation.description", name)), nil
}

func newSubject(kind string, id int64, updated time.Time, name, description string) subject {
	return subject{name: name, description: description, updated: updated,
		version: kind + ":" + strconv.FormatInt(id, 10) + ":" + updated.UTC().Format(time.RFC3339Nano)}
}

func subjectError(kind string, id int64, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errNotFound
	}
	return fmt.Errorf("read %s %d: %w", kind, id, err)
}
