// Package demo loads a small, realistic register for Borås: the city with a few departments,
// about ten associations and their premises. Names of places are real; people, numbers and
// contact details are invented. It goes through the services, so the demo data obeys every
// rule real data does.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// ErrAlreadyLoaded says the demo data is in the database already.
var ErrAlreadyLoaded = errors.New("demo data already loaded")

// CityOrgNumber is the demo city's (invented) organisation number.
const CityOrgNumber = "212000-9994"

type orgSpec struct {
	key, kind, name, orgNumber, parent, description, website string
}

type venueSpec struct {
	owner, name, street, postal, district, description string
	lat, lon                                           float64
	access                                             venue.Accessibility
	contact                                            [3]string
	rooms                                              []venue.RoomInput
}

// Target is where Load puts the demo data. With Accounts nil no demo users are made: they
// have published passwords, so they go only into a private embedded database.
type Target struct {
	Organisations *organisation.Service
	Venues        *venue.Service
	Accounts      *account.Service
	// Bookings, when set, also gets demo bookings over the coming months.
	Bookings *booking.Service
	// Agreements, when set, also gets the Compact's demo signatories, a partnership
	// agreement (IOP) with its parties, and premises-sharing agreements.
	Agreements *agreement.Service
	// Meetings, when set (with Agreements, whose signatories the council invites), also gets
	// the Compact's demo meetings.
	Meetings *meeting.Service
	// Rounds, when set, also gets a seasonal allocation round open for applications, with
	// applications.
	Rounds *round.Service
}

// Password is the password of every demo user (see README.md).
const Password = "demo-lösenord-2026"

// Load adds the demo data, or returns ErrAlreadyLoaded when the database holds any
// organisation at all (it never mixes demo data into real data).
func Load(ctx context.Context, t Target) error {
	orgs, venues := t.Organisations, t.Venues
	page, err := orgs.FindOrganisations(ctx, organisation.Filter{Limit: 1, IncludeArchived: true})
	if err != nil {
		return err
	}
	if len(page.Items) > 0 {
		return ErrAlreadyLoaded
	}
	ids := map[string]int64{}
	for _, s := range organisations {
		in := organisation.Input{Kind: s.kind, Name: s.name, OrgNumber: s.orgNumber, Description: s.description, Website: s.website}
		if s.parent != "" {
			p := ids[s.parent]
			in.ParentID = &p
		}
		o, err := orgs.CreateOrganisation(ctx, access.System, in)
		if err != nil {
			return fmt.Errorf("demo organisation %q: %w", s.name, err)
		}
		ids[s.key] = o.ID
	}
	rooms := map[string]int64{}
	for _, s := range premises {
		lat, lon := s.lat, s.lon
		v, err := venues.CreateVenue(ctx, access.System, venue.VenueInput{
			OwnerID: ids[s.owner], Name: s.name, StreetAddress: s.street, PostalCode: s.postal, Town: "Borås",
			District: s.district, Latitude: &lat, Longitude: &lon, Description: s.description, Accessibility: s.access,
			ContactName: s.contact[0], ContactEmail: s.contact[1], ContactPhone: s.contact[2],
		})
		if err != nil {
			return fmt.Errorf("demo venue %q: %w", s.name, err)
		}
		for _, r := range s.rooms {
			room, err := venues.CreateRoom(ctx, access.System, v.ID, r)
			if err != nil {
				return fmt.Errorf("demo room %q: %w", r.Name, err)
			}
			rooms[r.Name] = room.ID
		}
	}
	if t.Bookings != nil {
		if err := loadBookings(ctx, t.Bookings, ids, rooms, time.Now()); err != nil {
			return err
		}
	}
	if t.Agreements != nil {
		if err := loadAgreements(ctx, t.Agreements, ids); err != nil {
			return err
		}
		if err := loadJoinRequests(ctx, t.Agreements); err != nil {
			return err
		}
		if err := loadSharing(ctx, t.Agreements, t.Bookings, ids, rooms); err != nil {
			return err
		}
	}
	if t.Meetings != nil {
		if err := loadMeetings(ctx, t.Meetings, ids, rooms, time.Now(), t.Meetings.Location()); err != nil {
			return err
		}
	}
	if t.Rounds != nil {
		if err := loadRounds(ctx, t.Rounds, ids, rooms, time.Now(), t.Rounds.Location()); err != nil {
			return err
		}
	}
	if t.Accounts == nil {
		return nil
	}
	return loadUsers(ctx, t.Accounts, ids)
}

// loadUsers makes the demo people: a city administrator, and an admin and a booker of an
// association, so every role can be tried.
func loadUsers(ctx context.Context, accounts *account.Service, ids map[string]int64) error {
	for _, u := range people {
		created, err := accounts.CreateUser(ctx, access.System, account.UserInput{Email: u.email, Name: u.name, CityAdmin: u.cityAdmin}, Password)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", u.email, err)
		}
		if u.org == "" {
			continue
		}
		if _, err := accounts.SetMember(ctx, access.System, ids[u.org], created.ID, u.role); err != nil {
			return fmt.Errorf("demo membership %s: %w", u.email, err)
		}
	}
	return nil
}

type person struct {
	email, name, org string
	role             access.Role
	cityAdmin        bool
}

var people = []person{
	{email: "admin@example.org", name: "Stina Stadsadmin", cityAdmin: true},
	{email: "anna@example.org", name: "Anna Andersson", org: "pro", role: access.RoleAdmin},
	{email: "bo@example.org", name: "Bo Berg", org: "pro", role: access.RoleBooker},
	{email: "karin@example.org", name: "Karin Kultur", org: "kultur", role: access.RoleAdmin},
}
