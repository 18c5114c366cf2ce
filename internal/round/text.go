package round

import (
	"context"
	"fmt"
	"maps"
	"strconv"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Names are what a round's explanations refer to by id, for putting them in words: its
// rooms, the organisations that applied and their sections (by purpose), and its priorities.
type Names struct {
	Rooms         map[int64]string
	Organisations map[int64]string
	Sections      map[int64]string
	Priorities    []string
}

// FindNames reads the names a round's reasons use. Rounds are public, and so are the names
// of rooms and organisations; sections are named by purpose. It returns ErrNotFound.
func (s *Service) FindNames(ctx context.Context, roundID int64) (*Names, error) {
	r, err := s.FindRoundByID(ctx, roundID)
	if err != nil {
		return nil, err
	}
	n := &Names{Rooms: map[int64]string{}, Organisations: map[int64]string{}, Sections: map[int64]string{}, Priorities: r.Priorities}
	var rows []struct {
		Kind string `bun:"kind"`
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	err = s.db.NewRaw(`SELECT 'room' AS kind, id, name FROM rooms WHERE id = ANY(?)
		UNION ALL SELECT 'organisation', o.id, o.name FROM organisations o JOIN round_applications ap ON ap.organisation_id = o.id WHERE ap.round_id = ?
		UNION ALL SELECT 'section', sc.id, sc.purpose FROM round_sections sc JOIN round_applications ap ON ap.id = sc.application_id WHERE ap.round_id = ?`,
		pgdialect.Array(r.RoomIDs), roundID, roundID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("names of round %d: %w", roundID, err)
	}
	for _, row := range rows {
		map[string]map[int64]string{"room": n.Rooms, "organisation": n.Organisations, "section": n.Sections}[row.Kind][row.ID] = row.Name
	}
	return n, nil
}

// Explain puts a reason of the proposal in words in lang, with names for ids.
func (n *Names) Explain(lang i18n.Lang, r Reason) string {
	args := maps.Clone(r.Args)
	if args == nil {
		args = map[string]string{}
	}
	for key, names := range map[string]map[int64]string{"room": n.Rooms, "organisation": n.Organisations, "section": n.Sections} {
		if id, err := strconv.ParseInt(args[key], 10, 64); err == nil && names[id] != "" {
			args[key] = names[id]
		}
	}
	if i, err := strconv.Atoi(args["criterion"]); err == nil && i >= 0 && i < len(n.Priorities) {
		args["criterion"] = i18n.T(lang, "ui.round.priority."+n.Priorities[i])
	}
	return i18n.AllotReason(lang, r.Code, args)
}

// RefusalText says in lang why a date of an allocation could not be booked.
func RefusalText(lang i18n.Lang, rf Refusal) string {
	return validation.Message(lang, fault.FieldError{Field: "starts_at", Code: rf.Code, Param: rf.Param})
}
