package meeting

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
)

// CompactKinds are the kinds of series held by the Compact's own bodies: the council, the
// dialogue and FRÖ meetings and the annual general meeting. The city organises them.
var CompactKinds = []Kind{KindSamrad, KindDialogue, KindFRO, KindStormote}

// Who may organise a series (create, change or delete it):
//   - city administrators, any series;
//   - the admins of a city department (an organisation of kind city), any series organised
//     by their department, the Compact's meetings among them;
//   - the admins of any other organisation, networks and other series organised by it.
//
// access.Check decides the role in the organiser (access.ManageMeetingSeries); the kind of
// the organiser, which only the database knows, is checked here.

// MayOrganiseSomething reports whether the actor may organise a series for some
// organisation: a city administrator, or an admin of one. Pages use it to offer the forms.
func MayOrganiseSomething(actor access.Actor) bool {
	all, orgs := access.Scope(actor, access.ManageMeetingSeries)
	return all || len(orgs) > 0
}

// mayOrganise returns nil when the actor may organise a series of the kind for the
// organiser, access.ErrForbidden (or ErrUnauthenticated) when not. An organiser that does
// not exist is left to checkOrganisations, which names the field.
func mayOrganise(ctx context.Context, db bun.IDB, actor access.Actor, kind Kind, organiser int64) error {
	if err := access.Check(actor, access.ManageMeetingSeries, organiser); err != nil {
		return err
	}
	if actor.CityAdmin || !slices.Contains(CompactKinds, kind) {
		return nil
	}
	var orgKind string
	err := db.NewRaw(`SELECT kind FROM organisations WHERE id = ?`, organiser).Scan(ctx, &orgKind)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if orgKind != "city" {
		return access.ErrForbidden
	}
	return nil
}

// mayOrganiseAny refuses, before a form's content is read, an actor who may organise
// nothing at all.
func mayOrganiseAny(actor access.Actor) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	if !MayOrganiseSomething(actor) {
		return access.ErrForbidden
	}
	return nil
}

// mayChangeSeries returns nil when the actor may organise the stored series, ErrSeriesNotFound
// when it may not even see it, and access.ErrForbidden otherwise.
func mayChangeSeries(ctx context.Context, db bun.IDB, actor access.Actor, se *Series) error {
	err := mayOrganise(ctx, db, actor, se.Kind, se.OrganiserID)
	if err != nil && !maySeeSeries(actor, se) {
		return ErrSeriesNotFound
	}
	return err
}
