package round

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// ApplicationFilter selects applications of a round: of one organisation, or with
// withdrawn ones too.
type ApplicationFilter struct {
	OrganisationID   int64  `json:"organisation_id" form:"organisation_id" validate:"gte=0"`
	IncludeWithdrawn bool   `json:"include_withdrawn" form:"include_withdrawn"`
	Limit            int    `json:"limit" form:"limit" validate:"gte=0"`
	Cursor           string `json:"cursor" form:"cursor"`
}

// SubmitApplication applies in the round for in.OrganisationID, whose admins and bookers
// may (access.Apply), while the round is open; the organisation's admins and bookers get a
// receipt. It returns ErrNotFound, access errors, ErrNotOpen, ErrAlreadyApplied (one
// application per organisation and round: change it instead), or field errors (bad input,
// an unknown or archived organisation, a room the round does not offer, wishes on fewer
// weekdays than sessions a week, a wish shorter than a session).
func (s *Service) SubmitApplication(ctx context.Context, actor access.Actor, roundID int64, in ApplicationInput) (*Application, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if err := access.Check(actor, access.Apply, in.OrganisationID); err != nil {
		return nil, err
	}
	var id int64
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, sections, err := s.openRound(ctx, tx, roundID, in)
		if err != nil {
			return err
		}
		if err := checkApplicant(ctx, tx, in.OrganisationID); err != nil {
			return err
		}
		now := s.now()
		a := &Application{RoundID: roundID, OrganisationID: in.OrganisationID, Status: ApplicationSubmitted,
			Note: strings.TrimSpace(in.Note), CreatedBy: userID(actor), SubmittedAt: now, Revision: 1, CreatedAt: now, UpdatedAt: now}
		_, err = tx.NewInsert().Model(a).Returning("id").Exec(ctx)
		if database.IsUniqueViolation(err, "round_applications_one_key") {
			return ErrAlreadyApplied
		}
		if err != nil {
			return err
		}
		if err := insertSections(ctx, tx, a.ID, sections); err != nil {
			return err
		}
		a.Sections, id = sections, a.ID
		if err := record(ctx, tx, actor, now, "application.submit", "round_application", a.ID, a.OrganisationID, nil, a); err != nil {
			return err
		}
		return s.receipt(ctx, tx, r, a)
	})
	if err != nil {
		return nil, fmt.Errorf("submit application in round %d: %w", roundID, err)
	}
	return s.findApplication(ctx, s.db, id)
}

// UpdateApplication replaces the sections (and note) of an application while its round is
// open, for the applying organisation's admins and bookers; the organisation cannot change.
// The application keeps its first submission time. It returns ErrApplicationNotFound, access
// errors, ErrApplicationWithdrawn, ErrNotOpen, or field errors as SubmitApplication.
func (s *Service) UpdateApplication(ctx context.Context, actor access.Actor, id int64, in ApplicationInput) (*Application, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := s.lockApplication(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if in.OrganisationID != a.OrganisationID {
			return fault.FieldErrors{{Field: "organisation_id", Code: "not_allowed"}}
		}
		r, sections, err := s.openRound(ctx, tx, a.RoundID, in)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Section)(nil)).Where("application_id = ?", id).Exec(ctx); err != nil {
			return err
		}
		if err := insertSections(ctx, tx, id, sections); err != nil {
			return err
		}
		now := s.now()
		before := *a
		a.Note, a.Revision, a.UpdatedAt, a.Sections = strings.TrimSpace(in.Note), a.Revision+1, now, sections
		if _, err := tx.NewUpdate().Model(a).Column("note", "revision", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if err := record(ctx, tx, actor, now, "application.update", "round_application", id, a.OrganisationID, before, a); err != nil {
			return err
		}
		return s.receipt(ctx, tx, r, a)
	})
	if err != nil {
		return nil, fmt.Errorf("update application %d: %w", id, err)
	}
	return s.findApplication(ctx, s.db, id)
}

// WithdrawApplication withdraws an application while its round is open, for the applying
// organisation's admins and bookers; the organisation may then apply again. It returns
// ErrApplicationNotFound, access errors, ErrApplicationWithdrawn or ErrNotOpen.
func (s *Service) WithdrawApplication(ctx context.Context, actor access.Actor, id int64) (*Application, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := s.lockApplication(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		r, err := shareRound(ctx, tx, a.RoundID)
		if err != nil {
			return err
		}
		now := s.now()
		if r.StatusAt(now) != StatusOpen {
			return ErrNotOpen
		}
		before := *a
		a.Status, a.Revision, a.UpdatedAt = ApplicationWithdrawn, a.Revision+1, now
		if _, err := tx.NewUpdate().Model(a).Column("status", "revision", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "application.withdraw", "round_application", id, a.OrganisationID, before, a)
	})
	if err != nil {
		return nil, fmt.Errorf("withdraw application %d: %w", id, err)
	}
	return s.findApplication(ctx, s.db, id)
}

// FindApplicationByID returns the application with its sections, for the applying
// organisation's admins and bookers and the round owner's admins. It returns
// ErrApplicationNotFound or access errors.
func (s *Service) FindApplicationByID(ctx context.Context, actor access.Actor, id int64) (*Application, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	a, err := s.findApplication(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if err := s.maySeeApplication(ctx, actor, a); err != nil {
		return nil, err
	}
	return a, nil
}

// FindApplications returns one page of a round's applications in order of submission: all
// of them for the owner's admins, else those of the organisations the actor may apply for.
// It returns ErrNotFound, access errors (anonymous), or field errors for a bad filter.
func (s *Service) FindApplications(ctx context.Context, actor access.Actor, roundID int64, f ApplicationFilter) (listing.Page[Application], error) {
	var none listing.Page[Application]
	if !actor.SignedIn() {
		return none, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(f); err != nil {
		return none, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return none, err
	}
	r, err := s.FindRoundByID(ctx, roundID)
	if err != nil {
		return none, err
	}
	limit := listing.Limit(f.Limit)
	q := selectApplications(s.db).Where("ap.round_id = ?", roundID)
	if access.Check(actor, access.ManageRounds, r.OwnerID) != nil {
		_, orgs := access.Scope(actor, access.Apply)
		q.Where("ap.organisation_id = ANY(?)", pgdialect.Array(append(orgs, 0)))
	}
	if f.OrganisationID != 0 {
		q.Where("ap.organisation_id = ?", f.OrganisationID)
	}
	if !f.IncludeWithdrawn {
		q.Where("ap.status <> ?", ApplicationWithdrawn)
	}
	if cur != nil {
		q.Where("ap.id > ?", cur.ID)
	}
	var rows []Application
	if err := q.OrderExpr("ap.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return none, fmt.Errorf("find applications of round %d: %w", roundID, err)
	}
	if err := loadSections(ctx, s.db, rows); err != nil {
		return none, fmt.Errorf("find applications of round %d: %w", roundID, err)
	}
	return listing.Paginate(rows, limit, func(a Application) (string, int64) { return "", a.ID }), nil
}

// maySeeApplication: the applicant's admins and bookers, and the round owner's admins.
func (s *Service) maySeeApplication(ctx context.Context, actor access.Actor, a *Application) error {
	if access.Check(actor, access.Apply, a.OrganisationID) == nil {
		return nil
	}
	var owner int64
	if err := s.db.NewRaw(`SELECT owner_id FROM rounds WHERE id = ?`, a.RoundID).Scan(ctx, &owner); err != nil {
		return err
	}
	return access.Check(actor, access.ManageRounds, owner)
}

// openRound reads the round, keeps it from changing until the transaction ends, and checks
// that applications are open and in's sections fit it.
func (s *Service) openRound(ctx context.Context, tx bun.IDB, id int64, in ApplicationInput) (*Round, []Section, error) {
	r, err := shareRound(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	if r.StatusAt(s.now()) != StatusOpen {
		return nil, nil, ErrNotOpen
	}
	sections, fe := checkSections(in.Sections, r.RoomIDs)
	if len(fe) > 0 {
		return nil, nil, fe
	}
	return r, sections, nil
}

// shareRound reads the round with its rooms and keeps it from changing until the
// transaction ends.
func shareRound(ctx context.Context, tx bun.IDB, id int64) (*Round, error) {
	var rows []Round
	if err := selectRounds(tx).Where("rd.id = ?", id).For("SHARE OF rd").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, ErrNotFound
	}
	if err := loadRooms(ctx, tx, rows); err != nil {
		return nil, err
	}
	return &rows[0], nil
}

// checkApplicant returns a field error unless the organisation exists unarchived.
func checkApplicant(ctx context.Context, tx bun.IDB, org int64) error {
	var archived bool
	err := tx.NewRaw(`SELECT archived_at IS NOT NULL FROM organisations WHERE id = ?`, org).Scan(ctx, &archived)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fault.FieldErrors{{Field: "organisation_id", Code: "not_found"}}
	case err != nil:
		return err
	case archived:
		return fault.FieldErrors{{Field: "organisation_id", Code: "archived"}}
	}
	return nil
}

// lockApplication locks the application for a change by the applicant's admins and bookers;
// it must not be withdrawn.
func (s *Service) lockApplication(ctx context.Context, tx bun.IDB, actor access.Actor, id int64) (*Application, error) {
	a := new(Application)
	err := tx.NewSelect().Model(a).Where("ap.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrApplicationNotFound
	}
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, access.Apply, a.OrganisationID); err != nil {
		return nil, err
	}
	if a.Status == ApplicationWithdrawn {
		return nil, ErrApplicationWithdrawn
	}
	return a, nil
}

func (s *Service) findApplication(ctx context.Context, db bun.IDB, id int64) (*Application, error) {
	var rows []Application
	if err := selectApplications(db).Where("ap.id = ?", id).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("find application %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, ErrApplicationNotFound
	}
	if err := loadSections(ctx, db, rows); err != nil {
		return nil, fmt.Errorf("find application %d: %w", id, err)
	}
	return &rows[0], nil
}

func selectApplications(db bun.IDB) *bun.SelectQuery {
	return db.NewSelect().Model((*Application)(nil)).ColumnExpr("ap.*").ColumnExpr("o.name AS organisation_name").
		Join("JOIN organisations AS o ON o.id = ap.organisation_id")
}

// insertSections stores the sections of an application with their rooms and wishes, and
// sets their ids.
func insertSections(ctx context.Context, tx bun.IDB, appID int64, sections []Section) error {
	for i := range sections {
		sc := &sections[i]
		sc.ID, sc.ApplicationID = 0, appID
		if _, err := tx.NewInsert().Model(sc).Returning("id").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewRaw(`INSERT INTO round_section_rooms (section_id, rank, room_id)
			SELECT ?, r.rank, r.room_id FROM unnest(?::bigint[]) WITH ORDINALITY AS r (room_id, rank)`,
			sc.ID, pgdialect.Array(sc.RoomIDs)).Exec(ctx)
		if err != nil {
			return err
		}
		for j, w := range sc.Wishes {
			_, err := tx.NewRaw(`INSERT INTO round_section_wishes (section_id, position, weekday, starts, ends, priority) VALUES (?, ?, ?, ?, ?, ?)`,
				sc.ID, j+1, w.Weekday, w.Start, w.End, w.Priority).Exec(ctx)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// loadSections reads the sections of every application in apps, with their rooms and
// wishes, in three queries.
func loadSections(ctx context.Context, db bun.IDB, apps []Application) error {
	if len(apps) == 0 {
		return nil
	}
	ids := make([]int64, len(apps))
	at := make(map[int64]int, len(apps))
	for i := range apps {
		ids[i], at[apps[i].ID] = apps[i].ID, i
		apps[i].Sections = []Section{}
	}
	var secs []Section
	if err := db.NewSelect().Model(&secs).Where("sc.application_id = ANY(?)", pgdialect.Array(ids)).
		OrderExpr("sc.application_id, sc.position").Scan(ctx); err != nil {
		return err
	}
	if len(secs) == 0 {
		return nil
	}
	sids := make([]int64, len(secs))
	byID := make(map[int64]*Section, len(secs))
	for i := range secs {
		sids[i], byID[secs[i].ID] = secs[i].ID, &secs[i]
		secs[i].RoomIDs, secs[i].Wishes = []int64{}, []Wish{}
	}
	var rooms []struct {
		SectionID int64 `bun:"section_id"`
		RoomID    int64 `bun:"room_id"`
	}
	if err := db.NewRaw(`SELECT section_id, room_id FROM round_section_rooms WHERE section_id = ANY(?) ORDER BY section_id, rank`,
		pgdialect.Array(sids)).Scan(ctx, &rooms); err != nil {
		return err
	}
	for _, r := range rooms {
		byID[r.SectionID].RoomIDs = append(byID[r.SectionID].RoomIDs, r.RoomID)
	}
	var wishes []struct {
		SectionID int64 `bun:"section_id"`
		Weekday   int   `bun:"weekday"`
		Start     int   `bun:"starts"`
		End       int   `bun:"ends"`
		Priority  int   `bun:"priority"`
	}
	if err := db.NewRaw(`SELECT section_id, weekday, starts, ends, priority FROM round_section_wishes WHERE section_id = ANY(?) ORDER BY section_id, position`,
		pgdialect.Array(sids)).Scan(ctx, &wishes); err != nil {
		return err
	}
	for _, w := range wishes {
		byID[w.SectionID].Wishes = append(byID[w.SectionID].Wishes, Wish{Weekday: w.Weekday, Start: w.Start, End: w.End, Priority: w.Priority})
	}
	for _, sc := range secs {
		i := at[sc.ApplicationID]
		apps[i].Sections = append(apps[i].Sections, sc)
	}
	return nil
}

// receipt tells the applicant that its application was received, when a mailer is set.
func (s *Service) receipt(ctx context.Context, tx bun.IDB, r *Round, a *Application) error {
	if s.mail == nil {
		return nil
	}
	return s.mail.ApplicationReceived(ctx, tx, r, a)
}
