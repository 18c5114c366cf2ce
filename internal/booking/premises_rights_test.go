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
)

// TestPartnerRightsFollowAgreements: under the rule partners, a premises-sharing agreement
// that is active, in force today and covers the room (or its venue) lets its partner book
// — once, weekly, in the free-room search and in MayBookRooms alike — and each way the
// right ends takes it away everywhere with the same reason. Today is 2026-09-01.
func TestPartnerRightsFollowAgreements(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// change turns the agreement in force (club partner, the room covered) into the
		// case's; nil keeps it.
		change func(t testing.TB, f *fixture, in *agreement.Input)
		reason string // "" for the right to book
		on     string // the date the reason names
	}{
		{name: "OK"},
		{name: "OKThroughVenue", change: func(t testing.TB, f *fixture, in *agreement.Input) {
			in.Premises = []agreement.PremisesInput{{VenueID: f.venue.ID}}
		}},
		{name: "OKLastDay", change: func(_ testing.TB, _ *fixture, in *agreement.Input) {
			in.ValidFrom, in.ValidTo = "2026-01-01", "2026-09-01"
		}},
		{name: "ErrStatusEnded", change: func(_ testing.TB, _ *fixture, in *agreement.Input) { in.Status = "ended" }, reason: agreement.AgreementEnded},
		{name: "ErrValidToPassed", change: func(_ testing.TB, _ *fixture, in *agreement.Input) { in.ValidTo = "2026-08-31" },
			reason: agreement.AgreementEnded, on: "2026-08-31"},
		{name: "ErrNotStarted", change: func(_ testing.TB, _ *fixture, in *agreement.Input) { in.ValidFrom = "2026-09-02" },
			reason: agreement.AgreementNotStarted, on: "2026-09-02"},
		{name: "ErrDraft", change: func(_ testing.TB, _ *fixture, in *agreement.Input) { in.Status = "draft" }, reason: agreement.NoAgreement},
		{name: "ErrPartnerRemoved", change: func(t testing.TB, f *fixture, in *agreement.Input) {
			in.Parties[1].OrganisationID = f.org(t, "association", "Annan partner").ID
		}, reason: agreement.NoAgreement},
		{name: "ErrRoomNotCovered", change: func(t testing.TB, f *fixture, in *agreement.Input) {
			in.Premises = []agreement.PremisesInput{{RoomID: f.newRoom(t, "Annat rum", 10).ID}}
		}, reason: agreement.NoAgreement},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			f := newFixture(t)
			booker := f.member(t, f.club.ID, access.RoleBooker)
			f.rules(t, f.room.ID, "who_may_book = 'partners'")
			in := f.sharing("Sjöbo delar salen", f.club.ID, f.room.ID)
			a := f.share(t, in)
			f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 7, 18, 0), at(2026, 9, 7, 19, 0)))
			if tc.change != nil {
				tc.change(t, f, &in)
				f.reshare(t, a.ID, in)
			}
			check := func(what string, err error) {
				t.Helper()
				var re *booking.RuleError
				switch {
				case tc.reason == "" && err != nil:
					t.Errorf("%s: %v, want the right to book", what, err)
				case tc.reason != "" && (!errors.As(err, &re) || re.Rule != booking.RulePartners || re.Reason != tc.reason || fault.KindOf(err) != fault.Forbidden):
					t.Errorf("%s: %v, want refused by partners: %s", what, err, tc.reason)
				case re != nil && tc.on != "" && (re.On == nil || re.On.Format(time.DateOnly) != tc.on):
					t.Errorf("%s: reason dated %v, want %s", what, re.On, tc.on)
				case re != nil && tc.reason != agreement.NoAgreement && (re.Agreement != "Sjöbo delar salen" || re.AgreementID != a.ID):
					t.Errorf("%s: reason about %q (%d), want the agreement", what, re.Agreement, re.AgreementID)
				}
			}

			_, err := f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 19, 0)))
			check("one-off", err)
			_, err = f.bookings.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 10, 13, 18, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=3"))
			check("series", err)
			got, err := f.bookings.MayBookRooms(ctx, []int64{f.club.ID}, []int64{f.room.ID})
			if err != nil {
				t.Fatal(err)
			}
			if got[f.room.ID] == nil {
				check("MayBookRooms", nil)
			} else {
				check("MayBookRooms", got[f.room.ID])
			}
			free, err := f.bookings.FindFreeRooms(ctx, booking.FreeRoomsQuery{From: at(2026, 9, 15, 10, 0), To: at(2026, 9, 15, 11, 0), OrganisationID: f.club.ID})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range free.Rooms {
				found = found || r.ID == f.room.ID
			}
			if found != (tc.reason == "") {
				t.Errorf("free-room search lists the room: %v, want %v", found, tc.reason == "")
			}

			// The booking made while the right stood is kept, and listed for the owner when
			// the right is gone.
			list, err := f.bookings.FindBookingsWithoutRight(ctx, access.System, f.owner.ID, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if tc.reason == "" && len(list.Items) != 0 || tc.reason != "" && (len(list.Items) != 1 || list.Items[0].Refusal.Reason != tc.reason ||
				list.Items[0].Status != booking.StatusConfirmed || list.Items[0].OrganisationName != f.club.Name) {
				t.Errorf("bookings without a right: %+v", list.Items)
			}
		})
	}
}

// TestCompactRefusalSaysWhy: the rule compact says whether the organisation never signed
// or withdrew its signature, and when.
func TestCompactRefusalSaysWhy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	agreements := f.agreements()
	booker := f.member(t, f.club.ID, access.RoleBooker)
	f.rules(t, f.room.ID, "who_may_book = 'compact'")
	slot := func(day int) booking.Input {
		return f.input(f.room.ID, at(2026, 9, day, 18, 0), at(2026, 9, day, 19, 0))
	}
	refused := func(err error, reason, on string) {
		t.Helper()
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RuleCompact || re.Reason != reason || (on != "" && (re.On == nil || re.On.Format(time.DateOnly) != on)) {
			t.Fatalf("got %v (%+v), want compact: %s %s", err, re, reason, on)
		}
	}
	_, err := f.bookings.CreateBooking(ctx, booker, slot(14))
	refused(err, agreement.NotSigned, "")

	compact, err := agreements.FindCompact(ctx, access.System)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := agreements.Sign(ctx, access.System, compact.ID, agreement.SignInput{OrganisationID: f.club.ID, SignedOn: "2026-08-01"})
	if err != nil {
		t.Fatal(err)
	}
	kept := f.mustBook(t, booker, slot(14))
	if _, err := agreements.Withdraw(ctx, access.System, sig.ID, agreement.WithdrawInput{WithdrawnOn: "2026-08-20"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.bookings.CreateBooking(ctx, booker, slot(15))
	refused(err, agreement.SignatureWithdrawn, "2026-08-20")
	got, err := f.bookings.MayBookRooms(ctx, []int64{f.club.ID}, []int64{f.room.ID})
	if err != nil {
		t.Fatal(err)
	}
	refused(got[f.room.ID], agreement.SignatureWithdrawn, "2026-08-20")

	list, err := f.bookings.FindBookingsWithoutRight(ctx, access.System, f.owner.ID, 0, "")
	if err != nil || len(list.Items) != 1 || list.Items[0].ID != kept.ID || list.Items[0].Refusal.Reason != agreement.SignatureWithdrawn {
		t.Fatalf("bookings without a right: %+v, %v", list.Items, err)
	}
}

// TestBookingsWithoutRight: the owner's list holds the live, unended bookings of other
// organisations that the rules refuse today, in order of start, page by page; not the
// owner's own, nor cancelled ones; and only the owner's admins may read it.
func TestBookingsWithoutRight(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	other := f.org(t, "association", "Andra föreningen")
	booker := f.member(t, f.club.ID, access.RoleBooker)
	f.rules(t, f.room.ID, "who_may_book = 'partners'")
	in := f.sharing("Salen delas", f.club.ID, f.room.ID)
	in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: other.ID, Role: "partner"})
	a := f.share(t, in)
	var mine []int64
	for day := 10; day < 15; day++ {
		mine = append(mine, f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, day, 18, 0), at(2026, 9, day, 19, 0))).ID)
	}
	cancelled := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 20, 18, 0), at(2026, 9, 20, 19, 0)))
	if _, err := f.bookings.CancelBooking(ctx, booker, cancelled.ID, "Inställt"); err != nil {
		t.Fatal(err)
	}
	own := f.input(f.room.ID, at(2026, 9, 21, 18, 0), at(2026, 9, 21, 19, 0))
	own.OrganisationID = f.owner.ID
	f.mustBook(t, access.System, own)
	otherIn := f.input(f.room.ID, at(2026, 9, 22, 18, 0), at(2026, 9, 22, 19, 0))
	otherIn.OrganisationID = other.ID
	f.mustBook(t, access.System, otherIn)

	// The club is no longer a partner; the other association still is.
	in.Parties = []agreement.PartyInput{in.Parties[0], in.Parties[2]}
	f.reshare(t, a.ID, in)

	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	first, err := f.bookings.FindBookingsWithoutRight(ctx, admin, f.owner.ID, 3, "")
	if err != nil || len(first.Items) != 3 || first.Next == nil {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	rest, err := f.bookings.FindBookingsWithoutRight(ctx, admin, f.owner.ID, 3, first.Next.Encode())
	if err != nil || len(rest.Items) != 2 || rest.Next != nil {
		t.Fatalf("second page: %+v, %v", rest, err)
	}
	var got []int64
	for _, w := range append(first.Items, rest.Items...) {
		got = append(got, w.ID)
		if w.Refusal.Reason != agreement.NoAgreement || w.RoomName != f.room.Name {
			t.Errorf("listed %+v", w)
		}
	}
	if len(got) != len(mine) {
		t.Fatalf("listed %v, want %v", got, mine)
	}
	for i := range got {
		if got[i] != mine[i] {
			t.Fatalf("listed %v, want %v in order of start", got, mine)
		}
	}
	if _, err := f.bookings.FindBookingsWithoutRight(ctx, booker, f.owner.ID, 0, ""); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("the club's booker: %v", err)
	}
	if _, err := f.bookings.FindBookingsWithoutRight(ctx, access.System, 999999, 0, ""); fault.KindOf(err) != fault.NotFound {
		t.Errorf("unknown owner: %v", err)
	}
	if _, err := f.bookings.FindBookingsWithoutRight(ctx, admin, f.owner.ID, 0, "nonsense"); fieldCodes(err)["cursor"] != "malformed" {
		t.Errorf("bad cursor: %v", err)
	}
}
