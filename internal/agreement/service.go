package agreement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service keeps the agreements, their versions and signatories.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
	loc      *time.Location
	// joins limits requests to join per client address and in all (JoinRate, JoinRateOverall).
	joins *ratelimit.Limiter
	// mail and invite tell the applicant of their request and invite its contact person;
	// nil: nobody is told (SetMail).
	mail   JoinMailer
	invite Inviter
}

// JoinMailer puts the messages to an applicant into the outbox, in the transaction of the
// change (internal/letter implements it): the request received, with its status link's
// secret, and the request decided.
type JoinMailer interface {
	JoinReceived(ctx context.Context, tx bun.IDB, jr *JoinRequest, secret string) error
	JoinDecided(ctx context.Context, tx bun.IDB, jr *JoinRequest) error
}

// Inviter invites a person by e-mail to an organisation, in the caller's transaction
// (account.Service.InviteIn).
type Inviter interface {
	InviteIn(ctx context.Context, tx bun.IDB, actor access.Actor, orgID int64, email string, role access.Role, lang string) (string, error)
}

// SetMail makes the service tell applicants of their requests and, on approval, invite the
// contact person to be the organisation's admin. Call it before use.
func (s *Service) SetMail(m JoinMailer, inv Inviter) { s.mail, s.invite = m, inv }

// The limits on requests to join, which anyone may send without an account: an address may
// send 5 at once and then one every 10 minutes, everyone together 30 at once and then one a
// minute. An organisation asks once; this is room for mistakes, not for a script.
var (
	JoinRate        = ratelimit.Rate{Burst: 5, Every: 10 * time.Minute}
	JoinRateOverall = ratelimit.Rate{Burst: 30, Every: time.Minute}
)

// LimitJoins replaces the limits on requests to join (JoinRate and JoinRateOverall by
// default), forgetting what was counted. Call it before the service is in use.
func (s *Service) LimitJoins(perAddress, overall ratelimit.Rate) {
	s.joins = ratelimit.New(perAddress, overall, s.now)
}

// NewService returns a Service over db. Dates (signed, withdrawn, "not in the future") are
// calendar dates in loc, the service's zone.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time, loc *time.Location) *Service {
	return &Service{db: db, validate: v, now: now, loc: loc, joins: ratelimit.New(JoinRate, JoinRateOverall, now)}
}

// CreateAgreement validates in and stores a new agreement with its first version, its
// parties and the premises it covers. It returns field errors for invalid input, a period
// that ends before it starts, a second Compact, parties or premises that do not fit (see
// checkParties, checkPremises), or an active premises-sharing agreement that overlaps another
// (checkOverlap). Only city administrators create agreements (access.ManageAgreements).
// The agreement and its parts are audited.
func (s *Service) CreateAgreement(ctx context.Context, actor access.Actor, in Input) (*Agreement, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	return s.create(ctx, actor, in)
}

// create is CreateAgreement once the actor is known to be allowed.
func (s *Service) create(ctx context.Context, actor access.Actor, in Input) (*Agreement, error) {
	now := s.now()
	a := &Agreement{CreatedAt: now, Revision: 1}
	if err := s.apply(a, in, now); err != nil {
		return nil, err
	}
	v := &Version{Label: strings.TrimSpace(in.Version), AdoptedOn: s.today(now), Body: a.Body, Link: a.Link, CreatedAt: now}
	if v.Label == "" {
		v.Label = "1"
	}
	if a.ValidFrom != nil {
		v.AdoptedOn = *a.ValidFrom
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := checkParts(ctx, tx, a, in); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(a).Returning("*").Exec(ctx); err != nil {
			return translate(err)
		}
		v.AgreementID = a.ID
		if _, err := tx.NewInsert().Model(v).Returning("*").Exec(ctx); err != nil {
			return err
		}
		a.Versions = []Version{*v}
		if err := storeParts(ctx, tx, a); err != nil {
			return err
		}
		if err := checkOverlap(ctx, tx, a); err != nil {
			return err
		}
		if err := recordParts(ctx, tx, actor, now, nil, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "agreement.create", "agreement", a.ID, nil, a)
	})
	if err != nil {
		return nil, fmt.Errorf("create agreement: %w", err)
	}
	return a, nil
}

// UpdateAgreement replaces the agreement's fields, parties and premises with in (its
// versions stay; parties and premises left out of in are removed). It returns ErrNotFound,
// ErrStale when in.Revision is set and not the stored one, or the field errors of
// CreateAgreement. Only city administrators update agreements. Bookings made under a right
// the change takes away are kept: FindBookingsWithoutRight in the booking package lists
// them for the owner.
//
// Taking the active Compact out of force (to draft, ended or another kind) needs in.Confirm;
// otherwise it returns ErrCompactInForce. An update that changes nothing changes nothing:
// no new revision, no updated_at, no audit entry.
func (s *Service) UpdateAgreement(ctx context.Context, actor access.Actor, id int64, in Input) (*Agreement, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	return s.update(ctx, actor, id, in)
}

// update is UpdateAgreement once the actor is known to be allowed.
func (s *Service) update(ctx context.Context, actor access.Actor, id int64, in Input) (*Agreement, error) {
	now := s.now()
	var a *Agreement
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = lockAgreement(ctx, tx, id); err != nil {
			return err
		}
		if err := loadParts(ctx, tx, []*Agreement{a}); err != nil {
			return err
		}
		before := *a
		if in.Revision != nil && *in.Revision != a.Revision {
			return ErrStale
		}
		if err := s.apply(a, in, now); err != nil {
			return err
		}
		if err := checkParts(ctx, tx, a, in); err != nil {
			return err
		}
		if inForce(&before) && !inForce(a) && !in.Confirm {
			return ErrCompactInForce
		}
		if audit.Unchanged(&before, a, "revision", "updated_at") && reflect.DeepEqual(stateOfParts(&before), stateOfParts(a)) {
			*a = before // an identical PUT: no new revision, no audit entry
			return loadVersions(ctx, tx, a)
		}
		a.Revision++
		if err := deleteParts(ctx, tx, a.ID); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(a).WherePK().Exec(ctx); err != nil {
			return translate(err)
		}
		if err := storeParts(ctx, tx, a); err != nil {
			return err
		}
		if err := checkOverlap(ctx, tx, a); err != nil {
			return err
		}
		if err := recordParts(ctx, tx, actor, now, &before, a); err != nil {
			return err
		}
		if err := loadVersions(ctx, tx, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "agreement.update", "agreement", a.ID, &before, a)
	})
	if err != nil {
		return nil, fmt.Errorf("update agreement %d: %w", id, err)
	}
	return a, nil
}

// AddVersion adds a revision of the agreement's text; earlier versions and their signatures
// stay. It returns ErrNotFound, or field errors (a label the agreement already has).
func (s *Service) AddVersion(ctx context.Context, actor access.Actor, id int64, in VersionInput) (*Agreement, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	adopted, err := parseDate("adopted_on", in.AdoptedOn)
	if err != nil {
		return nil, err
	}
	now := s.now()
	v := &Version{AgreementID: id, Label: strings.TrimSpace(in.Label), AdoptedOn: *adopted,
		Body: strings.TrimSpace(in.Body), Link: strings.TrimSpace(in.Link), CreatedAt: now}
	var a *Agreement
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = lockAgreement(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(v).Returning("*").Exec(ctx); err != nil {
			if database.IsUniqueViolation(err, "agreement_versions_label_key") {
				return errDuplicateVersion
			}
			return err
		}
		if err := loadVersions(ctx, tx, a); err != nil {
			return err
		}
		if err := loadParts(ctx, tx, []*Agreement{a}); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "agreement.version.add", "agreement_version", v.ID, nil, v)
	})
	if err != nil {
		return nil, fmt.Errorf("add version to agreement %d: %w", id, err)
	}
	return a, nil
}

// FindAgreementByID returns the agreement with its versions, or ErrNotFound; a draft is
// found only by those who may manage agreements.
func (s *Service) FindAgreementByID(ctx context.Context, actor access.Actor, id int64) (*Agreement, error) {
	a := new(Agreement)
	err := s.db.NewSelect().Model(a).Relation("Versions", orderVersions).Where("a.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && a.Status == StatusDraft && !mayManage(actor)) {
		return nil, ErrNotFound
	}
	if err == nil {
		err = loadParts(ctx, s.db, []*Agreement{a})
	}
	if err != nil {
		return nil, fmt.Errorf("find agreement %d: %w", id, err)
	}
	return a, nil
}

// FindCompact returns the Compact (there is one, seeded by the migrations) with its versions.
func (s *Service) FindCompact(ctx context.Context, actor access.Actor) (*Agreement, error) {
	var id int64
	err := s.db.NewSelect().Model((*Agreement)(nil)).Column("id").Where("kind = ?", KindCompact).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find compact: %w", err)
	}
	return s.FindAgreementByID(ctx, actor, id)
}

// FindAgreements returns one page of agreements matching f, sorted by title, with their
// versions; drafts only for those who may manage agreements.
func (s *Service) FindAgreements(ctx context.Context, actor access.Actor, f Filter) (listing.Page[Agreement], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Agreement]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Agreement]{}, err
	}
	limit := listing.Limit(f.Limit)
	var rows []Agreement
	q := s.db.NewSelect().Model(&rows).Relation("Versions", orderVersions)
	if !mayManage(actor) {
		q.Where("a.status <> ?", StatusDraft)
	}
	if f.Kind != "" {
		q.Where("a.kind = ?", f.Kind)
	}
	if f.Status != "" {
		q.Where("a.status = ?", f.Status)
	}
	if cur != nil {
		q.Where("(a.title, a.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	if err := q.OrderExpr("a.title, a.id").Limit(int64(limit + 1)).Scan(ctx); err != nil {
		return listing.Page[Agreement]{}, fmt.Errorf("find agreements: %w", err)
	}
	ptrs := make([]*Agreement, len(rows))
	for i := range rows {
		ptrs[i] = &rows[i]
	}
	if err := loadParts(ctx, s.db, ptrs); err != nil {
		return listing.Page[Agreement]{}, fmt.Errorf("find agreements: %w", err)
	}
	return listing.Paginate(rows, limit, func(a Agreement) (string, int64) { return a.Title, a.ID }), nil
}

// apply validates in and copies it into a, normalised.
func (s *Service) apply(a *Agreement, in Input, now time.Time) error {
	if err := s.validate.Struct(in); err != nil {
		return validation.FieldErrors(err)
	}
	from, err1 := parseDate("valid_from", in.ValidFrom)
	to, err2 := parseDate("valid_to", in.ValidTo)
	if err1 != nil || err2 != nil {
		return joinFieldErrors(err1, err2)
	}
	if from != nil && to != nil && to.Before(*from) {
		return errPeriod
	}
	a.Kind, a.Status = Kind(in.Kind), Status(in.Status)
	a.Title, a.Summary = strings.TrimSpace(in.Title), strings.TrimSpace(in.Summary)
	a.Body, a.Link = strings.TrimSpace(in.Body), strings.TrimSpace(in.Link)
	a.ValidFrom, a.ValidTo, a.UpdatedAt = from, to, now
	a.Terms = strings.TrimSpace(in.Terms)
	return nil
}

// checkParts validates in's parties and premises against the database and sets them on a;
// it reports every bad field of both at once.
func checkParts(ctx context.Context, db bun.IDB, a *Agreement, in Input) error {
	parties, errs, err := checkParties(ctx, db, a, in.Parties)
	if err != nil {
		return err
	}
	premises, perrs, err := checkPremises(ctx, db, a, parties, in.Premises)
	if err != nil {
		return err
	}
	if errs = append(errs, perrs...); len(errs) > 0 {
		return errs
	}
	a.Parties, a.Premises = parties, premises
	return nil
}

// inForce reports whether a is the Compact and active: what the Compact's page, joining and
// the booking rule "compact" need.
func inForce(a *Agreement) bool { return a.Kind == KindCompact && a.Status == StatusActive }

// today is now's calendar date in the service's zone, as midnight UTC like a date column.
func (s *Service) today(now time.Time) time.Time {
	y, m, d := now.In(s.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// mayManage reports whether actor may change agreements, and so see drafts.
func mayManage(actor access.Actor) bool {
	return access.Check(actor, access.ManageAgreements, 0) == nil
}

// parseDate reads an optional YYYY-MM-DD date; a malformed one is a field error "date".
func parseDate(field, s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, fault.FieldErrors{{Field: field, Code: "date"}}
	}
	return &t, nil
}

// joinFieldErrors merges the field errors of several checks into one, so the client hears
// of every bad field at once.
func joinFieldErrors(errs ...error) error {
	var out fault.FieldErrors
	for _, err := range errs {
		var fe fault.FieldErrors
		if errors.As(err, &fe) {
			out = append(out, fe...)
		}
	}
	return out
}

func orderVersions(q *bun.SelectQuery) *bun.SelectQuery { return q.OrderExpr("v.adopted_on, v.id") }

func lockAgreement(ctx context.Context, tx bun.Tx, id int64) (*Agreement, error) {
	a := new(Agreement)
	err := tx.NewSelect().Model(a).Where("a.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return a, err
}

func loadVersions(ctx context.Context, db bun.IDB, a *Agreement) error {
	a.Versions = nil
	return db.NewSelect().Model(&a.Versions).Where("v.agreement_id = ?", a.ID).OrderExpr("v.adopted_on, v.id").Scan(ctx)
}

// record writes a change to the audit log in the transaction that makes it.
func record(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, action, objectType string, id int64, before, after any) error {
	c := audit.Change{Action: action, ObjectType: objectType, ObjectID: id, After: after}
	if before != nil {
		c.Before = before
	}
	return audit.Record(ctx, tx, actor, now, c)
}

// translate turns constraint violations into the errors callers branch on.
func translate(err error) error {
	if database.IsUniqueViolation(err, "agreements_one_compact") {
		return errCompactExists
	}
	return err
}
