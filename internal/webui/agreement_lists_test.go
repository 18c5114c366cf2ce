package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// TestAgreementLists: the public lists show each agreement's parties, premises, terms,
// period and status, drafts to city administrators alone, in Swedish and English.
func TestAgreementLists(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	active := w.partners(w.roomA.ID, w.b.ID)
	draft, err := w.agree.CreateAgreement(ctx, access.System, agreement.Input{Kind: "premises_sharing", Title: "Utkast till lokalavtal", Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	dept, err := w.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "Fritidsförvaltningen"})
	if err != nil {
		t.Fatal(err)
	}
	iop, err := w.agree.CreateAgreement(ctx, access.System, agreement.Input{Kind: "iop", Title: "IOP Läxhjälp", Status: "active",
		ValidFrom: "2026-01-01", ValidTo: "2027-12-31",
		Parties: []agreement.PartyInput{{OrganisationID: dept.ID, Role: "city"}, {OrganisationID: w.a.ID, Role: "association"}}})
	if err != nil {
		t.Fatal(err)
	}

	visitor := w.browsers[anon]
	p := visitor.get("/avtal/lokalavtal")
	p.status(t, http.StatusOK)
	item := p.text(fmt.Sprintf("#avtal-%d", active.ID))
	for _, want := range []string{active.Title, w.a.Name, w.b.Name, w.roomA.Name, "Utan kostnad", "Gäller", "tills vidare"} {
		if !strings.Contains(item, want) {
			t.Errorf("the agreement in the list lacks %q:\n%s", want, item)
		}
	}
	if p.doc.Find(fmt.Sprintf("#avtal-%d", draft.ID)).Length() != 0 {
		t.Error("a draft is shown to anyone")
	}
	if w.browsers[city].get("/avtal/lokalavtal").doc.Find(fmt.Sprintf("#avtal-%d", draft.ID)).Length() != 1 {
		t.Error("the draft is not shown to a city administrator")
	}

	p = visitor.get("/avtal/iop?lang=en")
	if p.resp.StatusCode == http.StatusSeeOther {
		p = visitor.get(p.resp.Header.Get("Location"))
	}
	item = p.text(fmt.Sprintf("#avtal-%d", iop.ID))
	for _, want := range []string{"IOP Läxhjälp", "City departments", dept.Name, "Associations", w.a.Name, "2026-01-01 – 2027-12-31", "In force"} {
		if !strings.Contains(item, want) {
			t.Errorf("the IOP in the English list lacks %q:\n%s", want, item)
		}
	}
	if p.doc.Find(`a[href="/avtal/lokalavtal"]`).Length() == 0 {
		t.Error("no link to the other list")
	}
}

// TestBookingsWithoutRight: when the agreement that let B book A's room ends, B's booking
// stays, B's next one is refused saying why, and A's admins find the booking listed, with
// the reason and a link to it, from their approvals inbox.
func TestBookingsWithoutRight(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.bookings.SetRules(ctx, access.System, w.roomA.ID, booking.RulesInput{WhoMayBook: booking.WhoPartners, HorizonDays: 365}); err != nil {
		t.Fatal(err)
	}
	a := w.partners(w.roomA.ID, w.b.ID)
	kept := w.book(w.b.ID, w.roomA.ID, false)
	admin := w.browsers[adminA]
	if n := admin.get(fmt.Sprintf("/organisationer/%d/utan-ratt", w.a.ID)).doc.Find(".request").Length(); n != 0 {
		t.Errorf("%d bookings without a right while the agreement is in force", n)
	}
	ended := agreement.Input{Kind: "premises_sharing", Title: a.Title, Status: "ended", ValidTo: "2026-01-31",
		Parties:  []agreement.PartyInput{{OrganisationID: w.a.ID, Role: "owner"}, {OrganisationID: w.b.ID, Role: "partner"}},
		Premises: []agreement.PremisesInput{{RoomID: w.roomA.ID}}}
	if _, err := w.agree.UpdateAgreement(ctx, access.System, a.ID, ended); err != nil {
		t.Fatal(err)
	}

	inbox := admin.get(fmt.Sprintf("/organisationer/%d/forfragningar", w.a.ID))
	link := fmt.Sprintf("/organisationer/%d/utan-ratt", w.a.ID)
	if inbox.doc.Find(`a[href="`+link+`"]`).Length() != 1 {
		t.Fatal("the approvals inbox does not link to the bookings without a right")
	}
	p := admin.get(link)
	p.status(t, http.StatusOK)
	if n := p.doc.Find(".request").Length(); n != 1 {
		t.Fatalf("%d bookings listed, want B's one", n)
	}
	text := p.text(".request")
	want := fmt.Sprintf("Lokalavtalet ”%s” upphörde den 2026-01-31.", a.Title)
	if !strings.Contains(text, kept.Title) || !strings.Contains(text, w.b.Name) || !strings.Contains(text, want) {
		t.Errorf("the listed booking lacks its title, organisation or %q:\n%s", want, text)
	}
	if p.doc.Find(fmt.Sprintf(`.request a[href="/bokningar/%d"]`, kept.ID)).Length() == 0 {
		t.Error("no link to the booking, where it is cancelled")
	}

	// B's next booking is refused with the same reason, in the form.
	other := w.browsers[adminB]
	day := time.Date(2026, 4, 24, 0, 0, 0, 0, stockholm)
	refused := other.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), bookingForm(t, other, w.roomA.ID, bookingFields(w.b.ID, day, "Efter avtalet")...))
	refused.status(t, http.StatusForbidden)
	if got := refused.text(".error-summary p"); !strings.Contains(got, want) {
		t.Errorf("refusal %q, want it to say %q", got, want)
	}
}
