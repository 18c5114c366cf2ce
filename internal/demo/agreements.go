package demo

import (
	"context"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// IOPTitle is the title of the demo's partnership agreement.
const IOPTitle = "IOP Mötesplats Norrby"

// compactSigners are the demo associations that signed the Compact, and when; the last one
// left again, so the history has a withdrawal in it.
var compactSigners = []struct {
	org, signedOn, signer, role, withdrawnOn string
}{
	{"rodakorset", "2019-03-14", "Maria Lind", "ordförande", ""},
	{"pro", "2019-03-14", "Sven Holm", "ordförande", ""},
	{"studie", "2020-05-20", "Karin Ek", "verksamhetschef", ""},
	{"kvinnojour", "2021-02-11", "Lena Berg", "ordförande", ""},
	{"scout", "2022-09-01", "Johan Ask", "kårordförande", ""},
	{"funktion", "2023-04-25", "Amir Haddad", "ordförande", ""},
	{"hyresgast", "2020-10-08", "Eva Sjö", "ordförande", "2024-06-30"},
}

// loadAgreements gives the Compact that the migrations seed a summary and its demo
// signatories, and adds a partnership agreement (IOP) between the city and an association.
func loadAgreements(ctx context.Context, svc *agreement.Service, ids map[string]int64) error {
	compact, err := svc.FindCompact(ctx, access.System)
	if err != nil {
		return fmt.Errorf("demo compact: %w", err)
	}
	_, err = svc.UpdateAgreement(ctx, access.System, compact.ID, agreement.Input{Kind: string(compact.Kind), Title: compact.Title, Status: string(compact.Status),
		Summary: "Överenskommelsen mellan Borås Stad och det idéburna: sex principer för hur staden och föreningslivet arbetar tillsammans."})
	if err != nil {
		return fmt.Errorf("demo compact: %w", err)
	}
	for _, s := range compactSigners {
		sig, err := svc.Sign(ctx, access.System, compact.ID, agreement.SignInput{OrganisationID: ids[s.org], SignedOn: s.signedOn, SignerName: s.signer, SignerRole: s.role})
		if err != nil {
			return fmt.Errorf("demo signature of %s: %w", s.org, err)
		}
		if s.withdrawnOn == "" {
			continue
		}
		if _, err := svc.Withdraw(ctx, access.System, sig.ID, agreement.WithdrawInput{WithdrawnOn: s.withdrawnOn}); err != nil {
			return fmt.Errorf("demo withdrawal of %s: %w", s.org, err)
		}
	}
	iop, err := svc.CreateAgreement(ctx, access.System, agreement.Input{Kind: string(agreement.KindIOP), Title: IOPTitle, Status: string(agreement.StatusActive),
		Summary:   "Fritids- och folkhälsoförvaltningen och Röda Korset driver tillsammans en mötesplats för nyanlända i Norrby.",
		ValidFrom: "2025-01-01", ValidTo: "2027-12-31",
		Parties: []agreement.PartyInput{{OrganisationID: ids["fritid"], Role: string(agreement.RoleCity)},
			{OrganisationID: ids["rodakorset"], Role: string(agreement.RoleAssociation)}}})
	if err != nil {
		return fmt.Errorf("demo iop: %w", err)
	}
	for _, party := range []string{"fritid", "rodakorset"} {
		if _, err := svc.Sign(ctx, access.System, iop.ID, agreement.SignInput{OrganisationID: ids[party], SignedOn: "2025-01-01"}); err != nil {
			return fmt.Errorf("demo iop party %s: %w", party, err)
		}
	}
	return nil
}

// PremisesTitle is the title of the demo's premises-sharing agreement in force.
const PremisesTitle = "Lokalavtal PRO-lokalen Norrby"

// SharedRoom is the demo room that only partners under a premises-sharing agreement may book.
const SharedRoom = "Samlingslokalen"

// loadSharing adds premises-sharing agreements: PRO Norrby shares its meeting room with two
// associations free of charge, and shared it with a third until the summer, under an
// agreement that has ended. With bookings, the room's rule becomes "only partner
// organisations", so the third's booking made before is one without a right.
func loadSharing(ctx context.Context, svc *agreement.Service, bookings *booking.Service, ids, rooms map[string]int64) error {
	room := rooms[SharedRoom]
	share := func(title, status, from, to, terms string, partners ...string) error {
		in := agreement.Input{Kind: string(agreement.KindPremisesSharing), Title: title, Status: status, ValidFrom: from, ValidTo: to, Terms: terms,
			Summary:  "PRO Norrby delar sin samlingslokal med andra föreningar i Norrby.",
			Parties:  []agreement.PartyInput{{OrganisationID: ids["pro"], Role: string(agreement.RoleOwner)}},
			Premises: []agreement.PremisesInput{{RoomID: room}}}
		for _, p := range partners {
			in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: ids[p], Role: string(agreement.RolePartner)})
		}
		if _, err := svc.CreateAgreement(ctx, access.System, in); err != nil {
			return fmt.Errorf("demo premises-sharing agreement %q: %w", title, err)
		}
		return nil
	}
	if err := share(PremisesTitle, string(agreement.StatusActive), "2025-08-01", "",
		"Utan kostnad. Partnerna lämnar lokalen städad och meddelar PRO Norrby om något går sönder.", "hyresgast", "kor"); err != nil {
		return err
	}
	if err := share("Lokalavtal PRO-lokalen, Funktionsrätt Borås", string(agreement.StatusEnded), "2025-01-01", "2026-06-30",
		"200 kronor per tillfälle.", "funktion"); err != nil {
		return err
	}
	if bookings == nil {
		return nil
	}
	_, err := bookings.SetRules(ctx, access.System, room, booking.RulesInput{WhoMayBook: booking.WhoPartners, HorizonDays: 365,
		Terms: "Bara föreningar som har lokalavtal med PRO Norrby får boka samlingslokalen."})
	if err != nil {
		return fmt.Errorf("demo rules of %s: %w", SharedRoom, err)
	}
	return nil
}
