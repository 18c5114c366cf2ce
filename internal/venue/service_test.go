package venue_test

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type fixture struct {
	orgs   *organisation.Service
	venues *venue.Service
	db     *bun.DB
}

func newFixture(t testing.TB) fixture {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	now := func() time.Time { return time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC) }
	return fixture{organisation.NewService(db, v, now), venue.NewService(db, v, now), db}
}

func (f fixture) org(t testing.TB, kind, name string) *organisation.Organisation {
	t.Helper()
	o, err := f.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func venueInput(owner int64, name, district string) venue.VenueInput {
	return venue.VenueInput{OwnerID: owner, Name: name, StreetAddress: "Storgatan 1", PostalCode: "50335",
		Town: "Borås", District: district}
}

func (f fixture) venue(t *testing.T, in venue.VenueInput) *venue.Venue {
	t.Helper()
	v, err := f.venues.CreateVenue(context.Background(), access.System, in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f fixture) room(t *testing.T, venueID int64, in venue.RoomInput) *venue.Room {
	t.Helper()
	r, err := f.venues.CreateRoom(context.Background(), access.System, venueID, in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, fe := range fault.Fields(err) {
		out[fe.Field] = fe.Code
	}
	return out
}

func TestCreateVenue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	owner := f.org(t, "city", "Kulturförvaltningen")

	t.Run("OK", func(t *testing.T) {
		lat, lon := 57.72, 12.93
		in := venueInput(owner.ID, "Kulturhuset", "Centrum")
		in.Latitude, in.Longitude = &lat, &lon
		in.Accessibility = venue.Accessibility{StepFreeEntrance: true, HearingLoop: true, Note: " Ramp "}
		v := f.venue(t, in)
		if v.PostalCode != "503 35" || v.Accessibility.Note != "Ramp" || v.Owner == nil || v.Owner.ID != owner.ID {
			t.Fatalf("got %+v", v)
		}
		got, err := f.venues.FindVenueByID(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.StepFreeEntrance || !got.HearingLoop || got.Lift || *got.Latitude != lat {
			t.Fatalf("stored %+v", got)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		lat := 91.0
		in := venue.VenueInput{OwnerID: owner.ID, Name: "", StreetAddress: "x", PostalCode: "012 34", Town: "Borås", Latitude: &lat}
		in.Accessibility.Note = string(make([]byte, 2001))
		_, err := f.venues.CreateVenue(ctx, access.System, in)
		want := map[string]string{"name": "required", "postal_code": "postnr", "latitude": "latitude",
			"longitude": "required_with", "accessibility.note": "max_len"}
		if diff := cmp.Diff(want, fieldCodes(err)); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrOwner", func(t *testing.T) {
		_, err := f.venues.CreateVenue(ctx, access.System, venueInput(1<<40, "X", ""))
		if fieldCodes(err)["owner_id"] != "not_found" {
			t.Fatalf("missing owner: %v", err)
		}
		gone := f.org(t, "association", "Nedlagd förening")
		if _, err := f.orgs.ArchiveOrganisation(ctx, access.System, gone.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.venues.CreateVenue(ctx, access.System, venueInput(gone.ID, "X", ""))
		if fieldCodes(err)["owner_id"] != "archived" {
			t.Fatalf("archived owner: %v", err)
		}
	})
}

func TestRooms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	owner := f.org(t, "association", "PRO Norrby")
	v := f.venue(t, venueInput(owner.ID, "PRO-lokalen", "Norrby"))

	t.Run("OK", func(t *testing.T) {
		r := f.room(t, v.ID, venue.RoomInput{Name: "Samlingslokalen", Capacity: 40, Facilities: []string{"wifi", "kitchen"}})
		if !r.Bookable || r.Revision != 1 {
			t.Fatalf("got %+v", r)
		}
		if diff := cmp.Diff([]string{"kitchen", "wifi"}, r.Facilities); diff != "" {
			t.Errorf("facilities are stored sorted: %s", diff)
		}
		got, err := f.venues.FindRoomByID(ctx, r.ID)
		if err != nil || got.Venue == nil || got.Venue.Owner == nil || got.Venue.Owner.Name != "PRO Norrby" {
			t.Fatalf("find: %+v, %v", got, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := f.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: "X", Capacity: -3, Facilities: []string{"jacuzzi"}})
		want := map[string]string{"capacity": "min", "facilities[0]": "facility"}
		if diff := cmp.Diff(want, fieldCodes(err)); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
		_, err = f.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: "X", Capacity: 1_000_000})
		if fieldCodes(err)["capacity"] != "max" {
			t.Errorf("absurd capacity: %v", err)
		}
	})
	t.Run("ErrDuplicateName", func(t *testing.T) {
		f.room(t, v.ID, venue.RoomInput{Name: "Köket", Capacity: 8})
		_, err := f.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: "KÖKET", Capacity: 8})
		if fieldCodes(err)["name"] != "duplicate" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrVenueNotFound", func(t *testing.T) {
		_, err := f.venues.CreateRoom(ctx, access.System, 1<<40, venue.RoomInput{Name: "X", Capacity: 1})
		if !errors.Is(err, venue.ErrVenueNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ArchiveVenueArchivesRooms", func(t *testing.T) {
		w := f.venue(t, venueInput(owner.ID, "Stugan", "Norrby"))
		r := f.room(t, w.ID, venue.RoomInput{Name: "Stora rummet", Capacity: 20})
		if _, err := f.venues.ArchiveVenue(ctx, access.System, w.ID); err != nil {
			t.Fatal(err)
		}
		got, err := f.venues.FindRoomByID(ctx, r.ID)
		if err != nil || !got.Archived() {
			t.Fatalf("room of archived venue: %+v, %v", got, err)
		}
		if _, err := f.venues.CreateRoom(ctx, access.System, w.ID, venue.RoomInput{Name: "Nytt", Capacity: 2}); !errors.Is(err, venue.ErrVenueArchived) {
			t.Fatalf("room in archived venue: %v", err)
		}
		if _, err := f.venues.UpdateRoom(ctx, access.System, r.ID, venue.RoomInput{Name: "X", Capacity: 2}); !errors.Is(err, venue.ErrRoomArchived) {
			t.Fatalf("update archived room: %v", err)
		}
		// An organisation may be archived only when it has no live venues.
		if _, err := f.orgs.ArchiveOrganisation(ctx, access.System, owner.ID); !errors.Is(err, organisation.ErrHasActiveVenues) {
			t.Fatalf("archive owner with venues: %v", err)
		}
	})
}

func TestFind(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	city := f.org(t, "city", "Fritidsförvaltningen")
	assoc := f.org(t, "association", "Hyresgästföreningen")

	a := venueInput(city.ID, "Aktivitetshuset", "Hässleholmen")
	a.Accessibility = venue.Accessibility{StepFreeEntrance: true, Lift: true}
	hall := f.venue(t, a)
	f.room(t, hall.ID, venue.RoomInput{Name: "Idrottshallen", Capacity: 200, Facilities: []string{"changing_rooms"}})
	f.room(t, hall.ID, venue.RoomInput{Name: "Samlingssalen", Capacity: 50, Facilities: []string{"kitchen", "projector"}})
	kv := f.venue(t, venueInput(assoc.ID, "Kvarterslokalen", "Norrby"))
	f.room(t, kv.ID, venue.RoomInput{Name: "Lokalen", Capacity: 30, Facilities: []string{"kitchen"}})
	gone := f.venue(t, venueInput(assoc.ID, "Gamla lokalen", "Norrby"))
	if _, err := f.venues.ArchiveVenue(ctx, access.System, gone.ID); err != nil {
		t.Fatal(err)
	}

	venueNames := func(flt venue.Filter) []string {
		t.Helper()
		page, err := f.venues.FindVenues(ctx, flt)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range page.Items {
			out = append(out, v.Name)
		}
		return out
	}
	roomNames := func(flt venue.Filter) []string {
		t.Helper()
		page, err := f.venues.FindRooms(ctx, flt)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range page.Items {
			out = append(out, r.Name)
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		name   string
		filter venue.Filter
		venues []string
		rooms  []string
	}{
		{"all", venue.Filter{}, []string{"Aktivitetshuset", "Kvarterslokalen"}, []string{"Idrottshallen", "Lokalen", "Samlingssalen"}},
		{"archived too", venue.Filter{IncludeArchived: true}, []string{"Aktivitetshuset", "Gamla lokalen", "Kvarterslokalen"}, []string{"Idrottshallen", "Lokalen", "Samlingssalen"}},
		{"owner kind", venue.Filter{OwnerKind: "association"}, []string{"Kvarterslokalen"}, []string{"Lokalen"}},
		{"owner", venue.Filter{OwnerID: city.ID}, []string{"Aktivitetshuset"}, []string{"Idrottshallen", "Samlingssalen"}},
		{"district, any case", venue.Filter{District: "norrby"}, []string{"Kvarterslokalen"}, []string{"Lokalen"}},
		{"capacity", venue.Filter{CapacityMin: 40}, []string{"Aktivitetshuset"}, []string{"Idrottshallen", "Samlingssalen"}},
		// The same room must have both the capacity and the facility.
		{"capacity and facility in one room", venue.Filter{CapacityMin: 100, Facilities: []string{"kitchen"}}, nil, nil},
		{"facilities", venue.Filter{Facilities: []string{"kitchen", "projector"}}, []string{"Aktivitetshuset"}, []string{"Samlingssalen"}},
		{"accessibility", venue.Filter{Accessibility: []string{"lift", "step_free_entrance"}}, []string{"Aktivitetshuset"}, []string{"Idrottshallen", "Samlingssalen"}},
		{"free text matches room names", venue.Filter{Q: "idrott"}, []string{"Aktivitetshuset"}, []string{"Idrottshallen"}},
		{"free text matches owner", venue.Filter{Q: "hyresgäst"}, []string{"Kvarterslokalen"}, []string{"Lokalen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.venues, venueNames(tc.filter)); diff != "" {
				t.Errorf("venues (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.rooms, roomNames(tc.filter)); diff != "" {
				t.Errorf("rooms (-want +got):\n%s", diff)
			}
		})
	}

	page, err := f.venues.FindVenues(ctx, venue.Filter{District: "Hässleholmen"})
	if err != nil || len(page.Items) != 1 || page.Items[0].RoomCount != 2 || page.Items[0].MaxCapacity != 200 {
		t.Fatalf("room counts: %+v, %v", page.Items, err)
	}
	if _, err := f.venues.FindVenues(ctx, venue.Filter{Facilities: []string{"jacuzzi"}}); fieldCodes(err)["facilities[0]"] != "facility" {
		t.Errorf("unknown facility filter: %v", err)
	}
}

func TestSummarise(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	owner := f.org(t, "association", "Förening")
	for _, d := range []string{"Öster", "Åsbo", "norrby", "Norrby ", "Zeta", ""} {
		v := f.venue(t, venueInput(owner.ID, "Lokal "+d, d))
		f.room(t, v.ID, venue.RoomInput{Name: "Rum", Capacity: 5})
	}
	gone := f.venue(t, venueInput(owner.ID, "Arkiverad", "Ängen"))
	f.room(t, gone.ID, venue.RoomInput{Name: "Rum", Capacity: 5})
	if _, err := f.venues.ArchiveVenue(ctx, access.System, gone.ID); err != nil {
		t.Fatal(err)
	}
	sum, err := f.venues.Summarise(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Venues != 6 || sum.Rooms != 6 {
		t.Errorf("counts = %d venues, %d rooms; want 6, 6 (archived left out)", sum.Venues, sum.Rooms)
	}
	// One entry per district whatever its case or spaces, in Swedish order.
	if diff := cmp.Diff([]string{"Norrby", "Zeta", "Åsbo", "Öster"}, sum.Districts); diff != "" {
		t.Errorf("districts (-want +got):\n%s", diff)
	}
}
