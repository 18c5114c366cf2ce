package agreement_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
)

// TestSetRoomPartners: the owner's admin shares a room on its own; the partners are kept in
// the owner's own agreement for the room, which is made, changed and ended; a partner that
// another agreement already covers, and the owner itself, are named; strangers are refused.
func TestSetRoomPartners(t *testing.T) {
	t.Parallel()
	w := newPremisesWorld(t)
	ctx := context.Background()
	var userID int64
	if err := w.db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at) VALUES ('agare@example.org', 'Ägare', now(), now()) RETURNING id`).Scan(ctx, &userID); err != nil {
		t.Fatal(err)
	}
	admin := access.Actor{UserID: userID, Roles: map[int64]access.Role{w.owner.ID: access.RoleAdmin}}
	// The city's agreement for both rooms lets a third association book them.
	third := w.org(t, "Sjöbo hembygdsförening")
	city := w.sharing("Bygdegårdens salar", agreement.PremisesInput{RoomID: w.big.ID}, agreement.PremisesInput{RoomID: w.small.ID})
	city.Parties[1].OrganisationID = third.ID
	w.mustCreate(t, city)
	in := func(ids ...int64) agreement.RoomSharingInput {
		return agreement.RoomSharingInput{PartnerIDs: ids, Title: "Lokalavtal Lilla salen"}
	}

	a, err := w.svc.SetRoomPartners(ctx, admin, w.small.ID, in(w.partner.ID))
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != agreement.KindPremisesSharing || a.Status != agreement.StatusActive || len(a.PartiesIn(agreement.RolePartner)) != 1 ||
		a.Owner().OrganisationID != w.owner.ID || len(a.Premises) != 1 || *a.Premises[0].RoomID != w.small.ID {
		t.Fatalf("made %+v", a)
	}
	again, err := w.svc.SetRoomPartners(ctx, admin, w.small.ID, in(w.partner.ID, w.other.ID))
	if err != nil || again.ID != a.ID || len(again.PartiesIn(agreement.RolePartner)) != 2 {
		t.Fatalf("changed: %+v, %v", again, err)
	}
	// fixedNow is already 29 March in Stockholm, the day the agreement starts.
	rights, err := agreement.RoomPartners(ctx, w.db, w.small.ID, time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC))
	if err != nil || len(rights) != 3 {
		t.Fatalf("partners in force: %+v, %v", rights, err)
	}

	t.Run("ErrOwnerAsPartner", func(t *testing.T) {
		_, err := w.svc.SetRoomPartners(ctx, admin, w.small.ID, in(w.owner.ID))
		if got := fieldCodes(err); got["partner_ids[0]"] != agreement.CodePartnerIsOwner {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrOverlap", func(t *testing.T) {
		_, err := w.svc.SetRoomPartners(ctx, admin, w.big.ID, in(third.ID))
		if got := fieldCodes(err); got["partner_ids"] != agreement.CodePartnerOverlap {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		stranger := access.Actor{UserID: userID, Roles: map[int64]access.Role{w.partner.ID: access.RoleAdmin}}
		if _, err := w.svc.SetRoomPartners(ctx, stranger, w.small.ID, in()); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Ended", func(t *testing.T) {
		ended, err := w.svc.SetRoomPartners(ctx, admin, w.small.ID, in())
		if err != nil || ended.Status != agreement.StatusEnded || ended.ValidTo == nil {
			t.Fatalf("ended: %+v, %v", ended, err)
		}
		if own, err := w.svc.OwnRoomAgreement(ctx, w.small.ID); err != nil || own != nil {
			t.Fatalf("own agreement after ending: %+v, %v", own, err)
		}
	})
}
