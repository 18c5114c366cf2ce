package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// signCompact records, for the organisation given as the argument, a current signature of
// the Compact that the migrations seed.
const signCompact = `INSERT INTO signatories (agreement_id, version_id, organisation_id, signed_on, created_at, updated_at)
	SELECT v.agreement_id, v.id, ?, '2020-01-01', now(), now()
	FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id WHERE a.kind = 'compact'`

// TestCompactRuleFollowsSignatures: the rule "only Compact signatories" reads the
// signatures as they stand; a withdrawn one no longer counts, a new one does at once.
func TestCompactRuleFollowsSignatures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	agreements := agreement.NewService(f.db, validation.New(), func() time.Time { return now }, stockholm)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	f.rules(t, f.room.ID, "who_may_book = 'compact'")
	compact, err := agreements.FindCompact(ctx, access.System)
	if err != nil {
		t.Fatal(err)
	}
	slot := func(day int) booking.Input {
		return f.input(f.room.ID, at(2026, 9, day, 18, 0), at(2026, 9, day, 19, 0))
	}
	refused := func(t *testing.T, err error) {
		t.Helper()
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RuleCompact || fault.CodeOf(err) != "booking_refused" || fault.KindOf(err) != fault.Forbidden {
			t.Fatalf("got %v, want booking_refused by the rule compact", err)
		}
	}

	sig, err := agreements.Sign(ctx, access.System, compact.ID, agreement.SignInput{OrganisationID: f.club.ID, SignedOn: "2026-08-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.mustBook(t, booker, slot(14))
	if _, err := agreements.Withdraw(ctx, access.System, sig.ID, agreement.WithdrawInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = f.bookings.CreateBooking(ctx, booker, slot(15))
	refused(t, err)
	if _, err := agreements.Sign(ctx, access.System, compact.ID, agreement.SignInput{OrganisationID: f.club.ID, SignedOn: "2026-09-01"}); err != nil {
		t.Fatal(err)
	}
	f.mustBook(t, booker, slot(15))

	// A Compact that has ended gives no one the right to book.
	f.exec(t, `UPDATE agreements SET status = 'ended' WHERE id = ?`, compact.ID)
	_, err = f.bookings.CreateBooking(ctx, booker, slot(16))
	refused(t, err)
}
