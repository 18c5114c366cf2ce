package agreement_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// orgNumber returns a valid organisation number (Luhn check digit) made of the nine digits
// 80249 and n.
func orgNumber(n int) string {
	digits := fmt.Sprintf("80249%04d", n)
	sum := 0
	for i := range 9 {
		d := int(digits[i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprintf("%s-%s%d", digits[:6], digits[6:], (10-sum%10)%10)
}

func joinInput(n int) agreement.JoinInput {
	return agreement.JoinInput{OrganisationName: fmt.Sprintf("Sjöbo Kammarkör %d", n), OrgNumber: orgNumber(n),
		ContactName: "Karin Kontakt", ContactEmail: "karin@example.se", ContactPhone: "033-12 34 56",
		SignerName: "Sara Ordförande", SignerRole: "ordförande"}
}

func (f fixture) mustRequest(t *testing.T, in agreement.JoinInput) (*agreement.JoinRequest, string) {
	t.Helper()
	jr, secret, err := f.svc.RequestToJoin(context.Background(), access.Anonymous("192.0.2.1"), in)
	if err != nil {
		t.Fatalf("request to join: %v", err)
	}
	return jr, secret
}

func (f fixture) count(t *testing.T, table, where string, args ...any) int {
	t.Helper()
	n, err := f.db.NewSelect().Table(table).Where(where, args...).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestRequestToJoin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		in := joinInput(1)
		in.OrgNumber = strings.ReplaceAll(in.OrgNumber, "-", "")
		jr, secret := f.mustRequest(t, in)
		if jr.Status != agreement.JoinPending || jr.OrgNumber != orgNumber(1) || jr.Kind != "association" || jr.VersionLabel != "1" {
			t.Errorf("request: %+v", jr)
		}
		if !strings.HasPrefix(secret, agreement.JoinTokenPrefix) {
			t.Errorf("secret %q", secret)
		}
		got, err := f.svc.FindJoinRequestByToken(ctx, secret)
		if err != nil || got.ID != jr.ID || got.ContactEmail != "karin@example.se" {
			t.Fatalf("by token: %+v, %v", got, err)
		}
		if _, err := f.svc.FindJoinRequestByToken(ctx, secret[:len(secret)-1]+"x"); !errors.Is(err, agreement.ErrJoinRequestNotFound) {
			t.Errorf("a wrong secret: %v", err)
		}
		if f.count(t, "join_requests", "token_hash = sha256(convert_to(?, 'UTF8'))", secret) != 1 {
			t.Error("the stored hash is not the SHA-256 of the secret")
		}
		if f.auditCount(t, "join_request.create") != 1 {
			t.Error("not audited")
		}
		var after string
		if err := f.db.NewSelect().Table("audit_log").Column("after").Where("action = 'join_request.create'").Scan(ctx, &after); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(after, "karin@example.se") || strings.Contains(after, secret) {
			t.Errorf("the audit log keeps personal data or the secret: %s", after)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		in := joinInput(2)
		in.OrgNumber = "802492-0003" // wrong check digit
		in.ContactEmail = ""
		in.SignerRole = strings.Repeat("x", 201)
		in.Kind = "city"
		_, _, err := f.svc.RequestToJoin(ctx, access.Anonymous(""), in)
		got := fieldCodes(err)
		want := map[string]string{"org_number": "orgnr", "contact_email": "required", "signer_role": "max_len", "kind": "oneof"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
			}
		}
		if f.count(t, "join_requests", "true") != 0 {
			t.Error("something was stored")
		}
	})
	t.Run("ErrPending", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		f.mustRequest(t, joinInput(3))
		_, _, err := f.svc.RequestToJoin(ctx, access.Anonymous(""), joinInput(3))
		if fieldCodes(err)["org_number"] != agreement.CodeJoinPending {
			t.Fatalf("a second pending request: %v", err)
		}
		if f.count(t, "join_requests", "true") != 1 {
			t.Error("the second request was stored")
		}
	})
	t.Run("ErrAlreadySigned", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		in := joinInput(4)
		o, err := f.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Redan med", OrgNumber: in.OrgNumber})
		if err != nil {
			t.Fatal(err)
		}
		compact, err := f.svc.FindCompact(ctx, access.System)
		if err != nil {
			t.Fatal(err)
		}
		f.mustSign(t, compact.ID, agreement.SignInput{OrganisationID: o.ID, SignedOn: "2025-01-01"})
		_, _, err = f.svc.RequestToJoin(ctx, access.Anonymous(""), in)
		if fieldCodes(err)["org_number"] != agreement.CodeAlreadySigned {
			t.Fatalf("a signatory asking again: %v", err)
		}
	})
}

func TestDecideJoinRequest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("ApproveCreates", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		jr, secret := f.mustRequest(t, joinInput(10))
		got, err := f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != agreement.JoinApproved || got.OrganisationID == nil || got.SignatoryID == nil ||
			got.SignedOn.Format("2006-01-02") != "2026-03-29" || got.DecidedAt == nil {
			t.Fatalf("approved: %+v", got)
		}
		o, err := f.orgs.FindOrganisationByID(ctx, *got.OrganisationID)
		if err != nil || o.Name != "Sjöbo Kammarkör 10" || *o.OrgNumber != orgNumber(10) || o.Kind != organisation.KindAssociation || o.Email != "" {
			t.Fatalf("organisation: %+v, %v", o, err)
		}
		sig, err := f.svc.FindSignatoryByID(ctx, *got.SignatoryID)
		if err != nil || sig.OrganisationID != o.ID || sig.SignerName != "Sara Ordförande" || sig.SignerRole != "ordförande" || sig.VersionID != jr.VersionID {
			t.Fatalf("signature: %+v, %v", sig, err)
		}
		for _, action := range []string{"join_request.approve", "organisation.create", "signatory.sign"} {
			if f.auditCount(t, action) != 1 {
				t.Errorf("%s not audited once", action)
			}
		}
		if byToken, _ := f.svc.FindJoinRequestByToken(ctx, secret); byToken.Status != agreement.JoinApproved {
			t.Errorf("the applicant sees %s", byToken.Status)
		}
		if _, err := f.svc.RejectJoinRequest(ctx, access.System, jr.ID, agreement.RejectInput{Reason: "Ångrat"}); !errors.Is(err, agreement.ErrJoinDecided) {
			t.Errorf("reject after approval: %v", err)
		}
	})
	t.Run("ApproveLinks", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		in := joinInput(11)
		o, err := f.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "other", Name: "Finns redan", OrgNumber: in.OrgNumber})
		if err != nil {
			t.Fatal(err)
		}
		jr, _ := f.mustRequest(t, in)
		got, err := f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{SignedOn: "2026-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		if *got.OrganisationID != o.ID || got.SignedOn.Format("2006-01-02") != "2026-03-01" {
			t.Fatalf("approved: %+v", got)
		}
		if f.count(t, "organisations", "org_number = ?", in.OrgNumber) != 1 {
			t.Error("a second organisation with the number")
		}
	})
	t.Run("ApproveErrors", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		jr, _ := f.mustRequest(t, joinInput(12))
		_, err := f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{SignedOn: "2026-03-30"})
		if fieldCodes(err)["signed_on"] != agreement.CodeNotInFuture {
			t.Errorf("a date in the future: %v", err)
		}
		_, err = f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{SignedOn: "1999-12-31"})
		if fieldCodes(err)["signed_on"] != agreement.CodeSignedBeforeVersion {
			t.Errorf("a date before the version: %v", err)
		}
		if _, err := f.svc.ApproveJoinRequest(ctx, access.System, jr.ID+100, agreement.ApproveInput{}); !errors.Is(err, agreement.ErrJoinRequestNotFound) {
			t.Errorf("unknown id: %v", err)
		}
		member := access.Actor{UserID: 1, Roles: map[int64]access.Role{1: access.RoleAdmin}}
		if _, err := f.svc.ApproveJoinRequest(ctx, member, jr.ID, agreement.ApproveInput{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("an association's admin: %v", err)
		}
		if f.count(t, "organisations", "org_number = ?", orgNumber(12)) != 0 || f.count(t, "join_requests", "status = 'pending'") != 1 {
			t.Error("a refused approval left something behind")
		}
	})
	t.Run("Reject", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		jr, secret := f.mustRequest(t, joinInput(13))
		_, err := f.svc.RejectJoinRequest(ctx, access.System, jr.ID, agreement.RejectInput{Reason: "  "})
		if fieldCodes(err)["reason"] != "notblank" {
			t.Errorf("a blank reason: %v", err)
		}
		if _, err := f.svc.RejectJoinRequest(ctx, access.System, jr.ID, agreement.RejectInput{Reason: "Inte en förening i Borås"}); err != nil {
			t.Fatal(err)
		}
		got, _ := f.svc.FindJoinRequestByToken(ctx, secret)
		if got.Status != agreement.JoinRejected || got.RejectionReason != "Inte en förening i Borås" {
			t.Errorf("rejected: %+v", got)
		}
		if _, err := f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{}); !errors.Is(err, agreement.ErrJoinDecided) {
			t.Errorf("approve after rejection: %v", err)
		}
		// A rejected request does not stand in the way of a new one.
		f.mustRequest(t, joinInput(13))
	})
}

// TestApproveJoinRequestConcurrently approves one request from many goroutines at once:
// exactly one approval wins, and there is one organisation and one signature.
func TestApproveJoinRequestConcurrently(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	jr, _ := f.mustRequest(t, joinInput(20))
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = f.svc.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, agreement.ErrJoinDecided):
			t.Errorf("a losing approval: %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d approvals won, want 1", won)
	}
	if got := f.count(t, "organisations", "org_number = ?", orgNumber(20)); got != 1 {
		t.Errorf("%d organisations, want 1", got)
	}
	if got := f.count(t, "signatories", "signer_name = 'Sara Ordförande'"); got != 1 {
		t.Errorf("%d signatures, want 1", got)
	}
}

func TestFindOwnJoinRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	in := joinInput(30)
	o, err := f.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Medlemmens förening", OrgNumber: in.OrgNumber})
	if err != nil {
		t.Fatal(err)
	}
	jr, _ := f.mustRequest(t, in)
	f.mustRequest(t, joinInput(31))
	member := access.Actor{UserID: 7, Roles: map[int64]access.Role{o.ID: access.RoleBooker}}
	got, err := f.svc.FindOwnJoinRequests(ctx, member)
	if err != nil || len(got) != 1 || got[0].ID != jr.ID {
		t.Fatalf("a member's requests: %+v, %v", got, err)
	}
	if got, _ := f.svc.FindOwnJoinRequests(ctx, access.Anonymous("")); len(got) != 0 {
		t.Errorf("anonymous sees %d", len(got))
	}
	if _, err := f.svc.FindJoinRequests(ctx, member, agreement.JoinFilter{}); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("a member lists all: %v", err)
	}
	page, err := f.svc.FindJoinRequests(ctx, access.System, agreement.JoinFilter{Status: "pending", Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Next == nil {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	page, err = f.svc.FindJoinRequests(ctx, access.System, agreement.JoinFilter{Status: "pending", Limit: 1, Cursor: page.Next.Encode()})
	if err != nil || len(page.Items) != 1 || page.Next != nil {
		t.Fatalf("second page: %+v, %v", page, err)
	}
}
