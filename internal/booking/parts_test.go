package booking_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// heldAtoms returns the atoms booking id holds over its own span, in order.
func (f *fixture) heldAtoms(t testing.TB, id int64) []int64 {
	t.Helper()
	var atoms []int64
	err := f.db.NewRaw(`SELECT h.atom_room_id FROM booking_holds h JOIN bookings b ON b.id = h.booking_id
		WHERE h.booking_id = ? AND h.span = b.span ORDER BY 1`, id).Scan(context.Background(), &atoms)
	if err != nil {
		t.Fatal(err)
	}
	return atoms
}

func (f *fixture) parts(t testing.TB, room int64) *booking.RoomParts {
	t.Helper()
	p, err := f.bookings.FindRoomParts(context.Background(), room)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSetRoomParts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	hall := f.newRoom(t, "Sporthallen", 200)
	north := f.newRoom(t, "Norra halvan", 100)
	south := f.newRoom(t, "Södra halvan", 100)
	floor := f.newRoom(t, "Hela plan 2", 300) // will contain the hall and the meeting room
	meeting := f.newRoom(t, "Mötesrummet", 20)

	wholeBooking := f.mustBook(t, booker, f.input(hall.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
	northBooking := f.mustBook(t, booker, f.input(north.ID, at(2026, 9, 8, 20, 0), at(2026, 9, 8, 21, 0)))
	cancelled := f.mustBook(t, booker, f.input(hall.ID, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 20, 0)))
	if _, err := f.bookings.CancelBooking(ctx, booker, cancelled.ID, "Inställt"); err != nil {
		t.Fatal(err)
	}
	// A booking that ended before the clock's now, written as a bulk import would: it keeps
	// the holds it had.
	var ended int64
	err := f.db.NewRaw(`WITH b AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
			VALUES (?, ?, 'Förra veckan', 5, ?, ?, 'confirmed', ?, ?) RETURNING id, room_id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM b RETURNING booking_id`,
		hall.ID, f.club.ID, at(2026, 8, 25, 18, 0), at(2026, 8, 25, 20, 0), now, now).Scan(ctx, &ended)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		got, err := f.bookings.SetRoomParts(ctx, admin, hall.ID, []int64{south.ID, north.ID, south.ID})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{north.ID, south.ID}; !slices.Equal(got, want) {
			t.Fatalf("parts %v, want %v", got, want)
		}
		if diff := cmp.Diff(&booking.RoomParts{RoomID: hall.ID, Parts: []int64{north.ID, south.ID}, PartOf: []int64{}}, f.parts(t, hall.ID)); diff != "" {
			t.Fatalf("hall (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(&booking.RoomParts{RoomID: north.ID, Parts: []int64{}, PartOf: []int64{hall.ID}}, f.parts(t, north.ID)); diff != "" {
			t.Fatalf("north (-want +got):\n%s", diff)
		}
		if got := f.heldAtoms(t, wholeBooking.ID); !slices.Equal(got, []int64{north.ID, south.ID}) {
			t.Fatalf("the hall's booking holds %v", got)
		}
		if got := f.heldAtoms(t, northBooking.ID); !slices.Equal(got, []int64{north.ID}) {
			t.Fatalf("the half's booking holds %v", got)
		}
		if got := f.heldAtoms(t, cancelled.ID); len(got) != 0 {
			t.Fatalf("the cancelled booking holds %v", got)
		}
		if got := f.heldAtoms(t, ended); !slices.Equal(got, []int64{hall.ID}) {
			t.Fatalf("the ended booking holds %v, want what it held", got)
		}
		if f.settingsAudit(t, "room_parts.update") != 1 {
			t.Fatal("not audited")
		}
		// The parts apply at once: the south half is taken while the hall is booked.
		_, err = f.bookings.CreateBooking(ctx, booker, f.input(south.ID, at(2026, 9, 8, 19, 0), at(2026, 9, 8, 19, 30)))
		if !errors.Is(err, booking.ErrConflict) {
			t.Fatalf("booking the south half: %v", err)
		}
	})
	t.Run("OK/Containing", func(t *testing.T) {
		// The floor is the hall and the meeting room; then the meeting room is split and
		// the floor's booking follows, two levels up.
		if _, err := f.bookings.SetRoomParts(ctx, admin, floor.ID, []int64{hall.ID, meeting.ID}); err != nil {
			t.Fatal(err)
		}
		fb := f.mustBook(t, booker, f.input(floor.ID, at(2026, 9, 22, 9, 0), at(2026, 9, 22, 12, 0)))
		if got := f.heldAtoms(t, fb.ID); !slices.Equal(got, []int64{north.ID, south.ID, meeting.ID}) {
			t.Fatalf("the floor's booking holds %v", got)
		}
		window := f.newRoom(t, "Mötesrummet vid fönstret", 10)
		door := f.newRoom(t, "Mötesrummet vid dörren", 10)
		if _, err := f.bookings.SetRoomParts(ctx, admin, meeting.ID, []int64{window.ID, door.ID}); err != nil {
			t.Fatal(err)
		}
		if got := f.heldAtoms(t, fb.ID); !slices.Equal(got, []int64{north.ID, south.ID, window.ID, door.ID}) {
			t.Fatalf("after the split the floor's booking holds %v", got)
		}
		if _, err := f.bookings.SetRoomParts(ctx, admin, meeting.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got := f.heldAtoms(t, fb.ID); !slices.Equal(got, []int64{north.ID, south.ID, meeting.ID}) {
			t.Fatalf("after undoing the split the floor's booking holds %v", got)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		// The hall and a room booked during the hall's booking cannot become one.
		stage := f.newRoom(t, "Scenen", 50)
		sb := f.mustBook(t, booker, f.input(stage.ID, at(2026, 9, 8, 19, 0), at(2026, 9, 8, 22, 0)))
		before := f.settingsAudit(t, "room_parts.update")
		_, err := f.bookings.SetRoomParts(ctx, admin, hall.ID, []int64{north.ID, south.ID, stage.ID})
		var ce *booking.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v", err)
		}
		var ids []int64
		for _, c := range ce.Clashes {
			ids = append(ids, c.BookingID)
		}
		// The floor's booking is another day: only the hall's and the stage's clash.
		if want := []int64{wholeBooking.ID, sb.ID}; !slices.Equal(ids, want) {
			t.Fatalf("clashes %v, want %v", ids, want)
		}
		if got := f.parts(t, hall.ID).Parts; !slices.Equal(got, []int64{north.ID, south.ID}) {
			t.Fatalf("parts changed to %v", got)
		}
		if got := f.heldAtoms(t, wholeBooking.ID); !slices.Equal(got, []int64{north.ID, south.ID}) {
			t.Fatalf("the hall's booking holds %v", got)
		}
		if f.settingsAudit(t, "room_parts.update") != before {
			t.Fatal("a refused change was audited")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		other, err := f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: f.owner.ID,
			Name: "Annan lokal", StreetAddress: "Annan gata 2", PostalCode: "50630", Town: "Borås"})
		if err != nil {
			t.Fatal(err)
		}
		elsewhere, err := f.venues.CreateRoom(ctx, access.System, other.ID, venue.RoomInput{Name: "Rum", Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		gone := f.newRoom(t, "Rivet", 5)
		if _, err := f.venues.ArchiveRoom(ctx, access.System, gone.ID); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name  string
			whole int64
			parts []int64
			want  map[string]string
		}{
			{"Self", hall.ID, []int64{north.ID, hall.ID}, map[string]string{"part_ids[1]": booking.CodePartIsWhole}},
			{"Unknown", hall.ID, []int64{north.ID, 1 << 40, -1}, map[string]string{"part_ids[1]": "not_found", "part_ids[2]": "not_found"}},
			{"OtherVenue", hall.ID, []int64{elsewhere.ID}, map[string]string{"part_ids[0]": booking.CodePartOtherVenue}},
			{"Archived", hall.ID, []int64{gone.ID}, map[string]string{"part_ids[0]": "archived"}},
			{"Cycle", north.ID, []int64{hall.ID}, map[string]string{"part_ids[0]": booking.CodePartContainsWhole}},
			{"CycleDeep", meeting.ID, []int64{floor.ID}, map[string]string{"part_ids[0]": booking.CodePartContainsWhole}},
			{"TooMany", hall.ID, make([]int64, booking.MaxParts+1), map[string]string{"part_ids": "max_items"}},
			{"UnknownWhole", 1 << 40, []int64{north.ID}, map[string]string{"room_id": "not_found"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.bookings.SetRoomParts(ctx, admin, tt.whole, tt.parts)
				if diff := cmp.Diff(tt.want, fieldCodes(err)); diff != "" {
					t.Fatalf("%v (-want +got):\n%s", err, diff)
				}
			})
		}
		if got := f.parts(t, hall.ID).Parts; !slices.Equal(got, []int64{north.ID, south.ID}) {
			t.Fatalf("parts changed to %v", got)
		}
	})
	t.Run("OK/ArchivedPartStays", func(t *testing.T) {
		// A part archived since it became one may stay in the list the owner sends back.
		corridor, nook := f.newRoom(t, "Korridoren", 10), f.newRoom(t, "Nischen", 4)
		if _, err := f.bookings.SetRoomParts(ctx, admin, corridor.ID, []int64{nook.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.venues.ArchiveRoom(ctx, access.System, nook.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.bookings.SetRoomParts(ctx, admin, corridor.ID, []int64{nook.ID}); err != nil {
			t.Fatalf("keeping an archived part: %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for name, actor := range map[string]access.Actor{
			"Booker":      booker,
			"OwnerBooker": f.member(t, f.owner.ID, access.RoleBooker),
		} {
			if _, err := f.bookings.SetRoomParts(ctx, actor, hall.ID, nil); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%s: got %v", name, err)
			}
		}
		if _, err := f.bookings.SetRoomParts(ctx, access.Actor{}, hall.ID, nil); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: got %v", err)
		}
	})
}
