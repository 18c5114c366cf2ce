package demo

import (
	"context"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
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
		ValidFrom: "2025-01-01", ValidTo: "2027-12-31"})
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
