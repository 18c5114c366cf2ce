package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// userState is what the audit log keeps of a user: never the password hash.
type userState struct {
	Email       string `json:"email"`
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	CityAdmin   bool   `json:"city_admin"`
	HasPassword bool   `json:"has_password"`
}

func stateOf(u *User) userState {
	return userState{Email: u.Email, Name: u.Name, Phone: u.Phone, CityAdmin: u.CityAdmin, HasPassword: u.HasPassword()}
}

// CreateUser stores a new person. Only city administrators and the System may
// (access.ManageUsers). An empty password leaves the account without one until the person
// resets it; any other must pass CheckPasswordPolicy. It returns field errors for invalid
// input or password, and {email, duplicate} when the address, in any case, is taken.
func (s *Service) CreateUser(ctx context.Context, actor access.Actor, in UserInput, password string) (*User, error) {
	if err := access.Check(actor, access.ManageUsers, 0); err != nil {
		return nil, err
	}
	in = normaliseUser(in)
	var pw *string
	if password != "" {
		pw = &password
	}
	if err := s.checkUser(in, pw); err != nil {
		return nil, err
	}
	now := s.now()
	u := &User{CreatedAt: now, CityAdmin: in.CityAdmin}
	applyUser(u, in, now)
	if pw != nil {
		h, err := s.hash(ctx, password)
		if err != nil {
			return nil, fmt.Errorf("create user: %w", err)
		}
		u.PasswordHash, u.PasswordChangedAt = &h, &now
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		return insertUser(ctx, tx, actor, u)
	})
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// insertUser stores u and records its creation by actor, stamped u.CreatedAt. A zero actor
// stands for the person themself (who accepted an invitation), known only once u has its id.
func insertUser(ctx context.Context, tx bun.Tx, actor access.Actor, u *User) error {
	if _, err := tx.NewInsert().Model(u).Returning("*").Exec(ctx); err != nil {
		return translateUser(err)
	}
	if actor.UserID == 0 && !actor.SignedIn() {
		actor.UserID = u.ID
	}
	return audit.Record(ctx, tx, actor, u.CreatedAt, audit.Change{
		Action: "user.create", ObjectType: "user", ObjectID: u.ID, After: stateOf(u),
	})
}

// FindUserByID returns the person. People may read their own account, city administrators
// anyone's; others get access.ErrUnauthenticated or access.ErrForbidden. It returns
// ErrUserNotFound when there is no such person.
func (s *Service) FindUserByID(ctx context.Context, actor access.Actor, id int64) (*User, error) {
	if err := checkSelfOrManager(actor, id); err != nil {
		return nil, err
	}
	return findUser(ctx, s.db, id)
}

// FindUserByEmail returns the person with the address, compared without regard to case, or
// ErrUserNotFound. It checks no access: it is for the command line and other trusted callers.
func (s *Service) FindUserByEmail(ctx context.Context, email string) (*User, error) {
	return findUserByEmail(ctx, s.db, email)
}

// FindUsers returns one page of people whose name, address or phone contains every word of
// q, in Swedish alphabetical order by name. City administrators only (access.ManageUsers).
// A malformed cursor is a field error on "cursor".
func (s *Service) FindUsers(ctx context.Context, actor access.Actor, q string, limit int, cursor string) (listing.Page[User], error) {
	if err := access.Check(actor, access.ManageUsers, 0); err != nil {
		return listing.Page[User]{}, err
	}
	if utf8.RuneCountInString(q) > 200 {
		return listing.Page[User]{}, fault.FieldErrors{{Field: "q", Code: "max_len", Param: "200"}}
	}
	cur, err := listing.DecodeCursor(cursor)
	if err != nil {
		return listing.Page[User]{}, err
	}
	limit = listing.Limit(limit)
	sel := s.db.NewSelect().Model((*User)(nil))
	for _, w := range listing.Words(q) {
		sel.Where("(u.name ILIKE ? OR u.email ILIKE ? OR u.phone ILIKE ?)", w, w, w)
	}
	if cur != nil {
		sel.Where("(u.name COLLATE sv, u.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	var rows []User
	if err := sel.OrderExpr("u.name COLLATE sv, u.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[User]{}, fmt.Errorf("find users: %w", err)
	}
	return listing.Paginate(rows, limit, func(u User) (string, int64) { return u.Name, u.ID }), nil
}

// UpdateUser replaces the person's address, name and phone with in. People may change their
// own; city administrators anyone's, and only they may change CityAdmin (otherwise
// access.ErrForbidden). Edges must therefore send the stored CityAdmin back unchanged when
// the form does not show it. It returns ErrUserNotFound or field errors as CreateUser does.
func (s *Service) UpdateUser(ctx context.Context, actor access.Actor, id int64, in UserInput) (*User, error) {
	if err := checkSelfOrManager(actor, id); err != nil {
		return nil, err
	}
	in = normaliseUser(in)
	if err := s.checkUser(in, nil); err != nil {
		return nil, err
	}
	var u *User
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = lockUser(ctx, tx, id); err != nil {
			return err
		}
		if in.CityAdmin != u.CityAdmin {
			if err := access.Check(actor, access.ManageUsers, 0); err != nil {
				return err
			}
			if !in.CityAdmin {
				if err := checkNotLastCityAdmin(ctx, tx, id); err != nil {
					return err
				}
			}
		}
		before, unchanged := stateOf(u), u.UpdatedAt
		now := s.now()
		applyUser(u, in, now)
		u.CityAdmin = in.CityAdmin
		if stateOf(u) == before {
			u.UpdatedAt = unchanged
			return nil
		}
		_, err = tx.NewUpdate().Model(u).Column("email", "name", "phone", "city_admin", "updated_at").WherePK().Exec(ctx)
		if err != nil {
			return translateUser(err)
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "user.update", ObjectType: "user", ObjectID: u.ID, Before: before, After: stateOf(u),
		})
	})
	if err != nil {
		return nil, fmt.Errorf("update user %d: %w", id, translateUser(err))
	}
	return u, nil
}

// PasswordOptions says what else a password change or reset does.
type PasswordOptions struct {
	// KeepSession is the session token of the request that changes the password, if it came
	// with one: that session stays, every other session of the person ends.
	KeepSession string
	// RevokeTokens revokes every API token of the person as well (audited as
	// "token.revoke"). Pages offer it ticked: a password that leaked may have let someone
	// make a token.
	RevokeTokens bool
}

// ChangePassword sets the signed-in person's password to next after checking current, ends
// every session of theirs except opts.KeepSession, and with opts.RevokeTokens revokes their
// API tokens, all in one transaction. It returns {current_password,
// wrong_password}, the policy's errors on "password", access.ErrUnauthenticated for an
// anonymous actor, or access.ErrForbidden for the System. Wrong current passwords count as
// failed logins for the person's address, so a stolen session cannot be used to guess the
// password: past the limit it returns a *ThrottledError.
func (s *Service) ChangePassword(ctx context.Context, actor access.Actor, current, next string, opts PasswordOptions) error {
	if err := checkPerson(actor); err != nil {
		return err
	}
	if err := CheckPasswordPolicy(next); err != nil {
		return err
	}
	u, err := findUser(ctx, s.db, actor.UserID)
	if err != nil {
		return err
	}
	now := s.now()
	keys := s.throttleKeys(u.Email, "")
	if wait, err := s.reserveAttempt(ctx, keys, now); err != nil || wait > 0 {
		return throttled(wait, err)
	}
	ok, err := s.checkCurrent(ctx, u, current)
	var hash string
	if err == nil && ok {
		hash, err = s.hash(ctx, next)
	}
	if err != nil || ok {
		// Right, or never checked: the attempt does not count as a failure.
		if rerr := releaseAttempt(ctx, s.db, keys); rerr != nil {
			return fmt.Errorf("change password: %w", rerr)
		}
	}
	if err != nil {
		return err
	}
	if !ok {
		return errWrongPassword
	}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := setPassword(ctx, tx, u.ID, hash, now); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, u.ID, opts.KeepSession); err != nil {
			return err
		}
		if opts.RevokeTokens {
			if err := revokeAllTokens(ctx, tx, actor, u.ID, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "user.password_change", ObjectType: "user", ObjectID: u.ID})
	})
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	return nil
}

// endSessions ends every session of the person but the one with the token keep (none when
// keep is empty).
func endSessions(ctx context.Context, tx bun.IDB, userID int64, keep string) error {
	del := tx.NewDelete().Model((*session)(nil)).Where("user_id = ?", userID)
	if keep != "" {
		del.Where("id_hash <> ?", hashSecret(keep))
	}
	_, err := del.Exec(ctx)
	return err
}

// checkCurrent reports whether password is u's password; without one, nothing matches.
func (s *Service) checkCurrent(ctx context.Context, u *User, password string) (bool, error) {
	if u.PasswordHash == nil {
		return false, nil
	}
	ok, _, err := s.verify(ctx, *u.PasswordHash, password)
	return ok, err
}

// setPassword stores a new hash for the person, stamped now.
func setPassword(ctx context.Context, tx bun.IDB, userID int64, hash string, now time.Time) error {
	_, err := tx.NewUpdate().Model((*User)(nil)).
		Set("password_hash = ?", hash).Set("password_changed_at = ?", now).Set("updated_at = ?", now).
		Where("id = ?", userID).Exec(ctx)
	return err
}

// DeleteUser erases the person: their row goes, and with it their memberships, sessions,
// tokens and reset links; invitations to their address and throttling state for it are
// deleted too. The audit log keeps its rows, so organisations keep their history, but loses
// the person: the actor column becomes NULL, the client address of what they did is blanked,
// and the before/after states of entries about their account are cleared. The deletion
// itself is recorded as "user.delete" without personal data. People may delete their own
// account, city administrators anyone's. It returns ErrUserNotFound.
//
// The city's last administrator cannot be deleted: that returns ErrLastCityAdmin (appoint
// another first). An organisation's last admin can: erasure is a right, and a city
// administrator can appoint a new admin for an organisation left without one.
func (s *Service) DeleteUser(ctx context.Context, actor access.Actor, id int64) error {
	if err := checkSelfOrManager(actor, id); err != nil {
		return err
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := lockUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if u.CityAdmin {
			if err := checkNotLastCityAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		for _, q := range []*bun.UpdateQuery{
			tx.NewUpdate().Table("audit_log").Set("before = NULL, after = NULL").
				Where("object_type = 'user' AND object_id = ?", id),
			tx.NewUpdate().Table("audit_log").Set("ip = ''").Where("actor_user_id = ?", id),
		} {
			if _, err := q.Exec(ctx); err != nil {
				return err
			}
		}
		if _, err := tx.NewDelete().Model((*link)(nil)).
			Where("kind = ? AND lower(email) = lower(?)", linkInvitation, u.Email).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*failure)(nil)).Where("key = ?", emailKey(u.Email)).Exec(ctx); err != nil {
			return err
		}
		// Recorded before the row goes: the foreign key then clears actor_user_id of this
		// entry too when the actor is the person.
		if err := audit.Record(ctx, tx, actor, s.now(), audit.Change{Action: "user.delete", ObjectType: "user", ObjectID: id}); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*User)(nil)).Where("id = ?", id).Exec(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete user %d: %w", id, translateUser(err))
	}
	return nil
}

func (s *Service) checkUser(in UserInput, password *string) error {
	fe := validation.FieldErrors(s.validate.Struct(in))
	if password != nil {
		fe = append(fe, fault.Fields(CheckPasswordPolicy(*password))...)
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

func normaliseUser(in UserInput) UserInput {
	in.Email = strings.TrimSpace(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	in.Phone = strings.TrimSpace(in.Phone)
	return in
}

// applyUser copies validated, normalised input into u, except CityAdmin, which the callers
// decide on.
func applyUser(u *User, in UserInput, now time.Time) {
	u.Email, u.Name, u.Phone = in.Email, in.Name, in.Phone
	u.UpdatedAt = now
}

func findUser(ctx context.Context, db bun.IDB, id int64) (*User, error) {
	return scanUser(ctx, db.NewSelect().Where("u.id = ?", id))
}

func lockUser(ctx context.Context, db bun.IDB, id int64) (*User, error) {
	return scanUser(ctx, db.NewSelect().Where("u.id = ?", id).For("UPDATE"))
}

func findUserByEmail(ctx context.Context, db bun.IDB, email string) (*User, error) {
	return scanUser(ctx, db.NewSelect().Where("lower(u.email) = lower(?)", strings.TrimSpace(email)))
}

// scanUser runs q, a select with its conditions but no model, for one user.
func scanUser(ctx context.Context, q *bun.SelectQuery) (*User, error) {
	u := new(User)
	err := q.Model(u).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUserNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// checkNotLastCityAdmin returns ErrLastCityAdmin when no city administrator but userID is
// left. It gives the clear answer early; the database's deferred trigger
// users_last_city_admin is what holds when two transactions race.
func checkNotLastCityAdmin(ctx context.Context, db bun.IDB, userID int64) error {
	others, err := db.NewSelect().Model((*User)(nil)).Where("u.city_admin AND u.id <> ?", userID).Exists(ctx)
	if err != nil {
		return err
	}
	if !others {
		return ErrLastCityAdmin
	}
	return nil
}

// translateUser turns constraint violations into the errors callers branch on.
func translateUser(err error) error {
	switch {
	case database.IsUniqueViolation(err, "users_email_key"):
		return errDuplicateEmail
	case database.Violates(err, database.CodeCheckViolation, "users_last_city_admin"):
		return ErrLastCityAdmin
	}
	return err
}
