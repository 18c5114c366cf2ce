package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/round"
)

// openRound makes a round of A's for its room, open for applications now (testNow), for
// the autumn term.
func (w *world) openRound() *round.Round {
	w.t.Helper()
	r, err := w.rounds.CreateRound(context.Background(), access.System, round.RoundInput{OwnerID: w.a.ID, Name: w.unique("Hösten"),
		RoomIDs: []int64{w.roomA.ID}, ApplicationsOpenAt: testNow.Add(-24 * time.Hour), ApplicationsCloseAt: testNow.Add(14 * 24 * time.Hour),
		TermStartsOn: "2026-08-17", TermEndsOn: "2026-12-18", Priorities: []string{round.PriorityChildrenYouth}})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// applicationOf makes org's application in the round: one section, two wished times.
func (w *world) applicationOf(roundID, org int64) *round.Application {
	w.t.Helper()
	a, err := w.rounds.SubmitApplication(context.Background(), access.System, roundID, round.ApplicationInput{OrganisationID: org,
		Sections: []round.SectionInput{{Purpose: "Schack för barn", AgeGroup: "children", Attendees: 10, SessionsPerWeek: 1,
			MinutesPerSession: 90, RoomIDs: []int64{w.roomA.ID}, Wishes: []round.WishInput{{Weekday: 2, Starts: "17:00", Ends: "20:00", Priority: 1}}}}})
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

// applicationForm is what the application form sends for one section.
func applicationForm(org, room int64, purpose string) url.Values {
	return url.Values{"organisation_id": {fmt.Sprint(org)}, "sections": {"1"}, "s0_purpose": {purpose}, "s0_age_group": {"youth"},
		"s0_room_1":    {fmt.Sprint(room)},
		"s0_attendees": {"12"}, "s0_sessions_per_week": {"1"}, "s0_minutes_per_session": {"60"},
		"s0_w0_weekday": {"3"}, "s0_w0_starts": {"18:00"}, "s0_w0_ends": {"20:00"}}
}

// roundRows are the access matrix's rows of the seasonal allocation pages.
func roundRows(w *world) map[string]accessRow {
	r := w.openRound()
	app := w.applicationOf(r.ID, w.b.ID)
	roundA := fmt.Sprintf("/sasongsbokning/%d", r.ID)
	roundForm := func(w *world) url.Values {
		return url.Values{"owner_id": {fmt.Sprint(w.a.ID)}, "name": {"Våren"}, "room_ids": {fmt.Sprint(w.roomA.ID)},
			"applications_open_at": {"2026-04-01"}, "applications_close_at": {"2026-04-30"},
			"term_starts_on": {"2026-08-17"}, "term_ends_on": {"2026-12-18"}, "priority_1": {"children_youth"}}
	}
	// Each applies for its own organisation in a fresh round (one application per
	// organisation and round); the city administrator for A.
	apply := func(w *world, a int) request {
		org := w.a.ID
		if a == adminB {
			org = w.b.ID
		}
		return request{path: fmt.Sprintf("/sasongsbokning/%d/ansok", w.openRound().ID), form: applicationForm(org, w.roomA.ID, "Ungdomsschack")}
	}
	freshApp := func(suffix string, kv ...string) func(*world, int) request {
		return func(w *world, _ int) request {
			a := w.applicationOf(w.openRound().ID, w.b.ID)
			v := applicationForm(w.b.ID, w.roomA.ID, "Ungdomsschack")
			if len(kv) > 0 {
				v = fill(url.Values{}, kv...)
			}
			return request{path: fmt.Sprintf("/ansokningar/%d%s", a.ID, suffix), form: v}
		}
	}
	return map[string]accessRow{
		"GET /sasongsbokning":    {static("/sasongsbokning"), open},
		"GET /sasongsbokning/ny": {static("/sasongsbokning/ny"), [actors]int{toLogin, 403, 200, 200, 200}},
		"POST /sasongsbokning": {func(w *world, _ int) request {
			return request{path: "/sasongsbokning", form: roundForm(w)}
		}, changeByA},
		"GET /sasongsbokning/:id":       {static(roundA), open},
		"GET /sasongsbokning/:id/andra": {static(roundA + "/andra"), adminsOfA},
		"POST /sasongsbokning/:id/andra": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/sasongsbokning/%d/andra", w.openRound().ID), form: roundForm(w)}
		}, changeByA},
		"POST /sasongsbokning/:id/stang": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/sasongsbokning/%d/stang", w.openRound().ID), form: url.Values{}}
		}, changeByA},
		"GET /sasongsbokning/:id/ansok":  {static(roundA + "/ansok"), [actors]int{toLogin, 200, 200, 200, 200}},
		"POST /sasongsbokning/:id/ansok": {apply, [actors]int{toLogin, 303, 303, 303, 303}},
		// B's application in A's round: B's people and A's admins see it; only B changes it.
		"GET /ansokningar/:id":               {static(fmt.Sprintf("/ansokningar/%d", app.ID)), [actors]int{toLogin, 403, 200, 200, 200}},
		"GET /ansokningar/:id/andra":         {static(fmt.Sprintf("/ansokningar/%d/andra", app.ID)), [actors]int{toLogin, 403, 403, 200, 200}},
		"POST /ansokningar/:id/andra":        {freshApp("/andra"), [actors]int{toLogin, 403, 403, 303, 303}},
		"POST /ansokningar/:id/dra-tillbaka": {freshApp("/dra-tillbaka", "x", "y"), [actors]int{toLogin, 403, 403, 303, 303}},
	}
}

// TestRoundPages: A's admin opens a round from the form after one that names every
// problem; B's admin applies (a form with a wrong wished time first, named with its section
// and row; "add a section" saves nothing), sees the application, changes it and withdraws
// it; A's admin sees it among the round's applications.
func TestRoundPages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	admin, applicant := w.browsers[adminA], w.browsers[adminB]

	p := admin.get("/sasongsbokning/ny")
	p.status(t, http.StatusOK)
	values := p.formValues(t, "main form")
	bad := admin.post("/sasongsbokning", values)
	bad.status(t, http.StatusUnprocessableEntity)
	for _, want := range []string{"Namn", "Rum", "Ansökan öppnar", "Terminens första dag"} {
		if !strings.Contains(bad.text(".error-summary"), want) {
			t.Errorf("the summary does not name %q: %q", want, bad.text(".error-summary"))
		}
	}
	values = fill(bad.formValues(t, "main form"), "name", "Hösten 2026", "room_ids", fmt.Sprint(w.roomA.ID),
		"applications_open_at", "2026-03-01", "applications_close_at", "2026-04-15",
		"term_starts_on", "2026-08-17", "term_ends_on", "2026-12-18")
	done := admin.post("/sasongsbokning", values)
	done.status(t, http.StatusSeeOther)
	roundPath := done.resp.Header.Get("Location")
	roundPath = roundPath[:strings.Index(roundPath, "?")]
	shown := admin.get(roundPath)
	if h1 := shown.text("h1"); h1 != "Hösten 2026" || !strings.Contains(shown.text("main"), "Rum A") {
		t.Fatalf("round page: %q / %q", h1, shown.text("main"))
	}

	form := applicant.get(roundPath + "/ansok")
	form.status(t, http.StatusOK)
	more := applicant.post(roundPath+"/ansok", fill(form.formValues(t, "main form"), "more", "1"))
	more.status(t, http.StatusOK)
	if more.doc.Find(`input[name="s1_purpose"]`).Length() != 1 {
		t.Fatal("add a section did not add one")
	}
	v := fill(more.formValues(t, "main form"), "s0_purpose", "Ungdomsschack", "s0_age_group", "youth", "s0_attendees", "12",
		"s0_sessions_per_week", "1", "s0_minutes_per_session", "60", "s0_room_1", fmt.Sprint(w.roomA.ID),
		"s0_w0_weekday", "3", "s0_w0_starts", "18:00", "s0_w0_ends", "18:30")
	wrong := applicant.post(roundPath+"/ansok", v)
	wrong.status(t, http.StatusUnprocessableEntity)
	if got := wrong.text(".error-summary"); !strings.Contains(got, "Del 1, önskad tid 1") {
		t.Errorf("the too short wish is not named with its place: %q", got)
	}
	if wrong.doc.Find(`#s0_w0_ends[aria-invalid="true"]`).Length() != 1 {
		t.Error("the too short wish's field is not marked")
	}
	sent := applicant.post(roundPath+"/ansok", fill(wrong.formValues(t, "main form"), "s0_w0_ends", "20:00"))
	sent.status(t, http.StatusSeeOther)
	appPath := sent.resp.Header.Get("Location")
	appPath = appPath[:strings.Index(appPath, "?")]
	page := applicant.get(appPath + "?klart=ansokan")
	if !strings.Contains(page.text("main"), "Ungdomsschack") || !strings.Contains(page.text("main"), "onsdag 18:00–20:00") ||
		!strings.Contains(page.text(`[role="status"]`), "Ansökan är skickad") {
		t.Errorf("application page: %q", page.text("main"))
	}
	if got := admin.get(roundPath).text(`section[aria-labelledby="manage-title"]`); !strings.Contains(got, "Förening B") {
		t.Errorf("the owner does not see the application: %q", got)
	}
	edit := applicant.get(appPath + "/andra")
	applicant.post(appPath+"/andra", fill(edit.formValues(t, "main form"), "s0_attendees", "14")).status(t, http.StatusSeeOther)
	if got := applicant.get(appPath).text("main"); !strings.Contains(got, "14") {
		t.Errorf("the change is not shown: %q", got)
	}
	withdraw := applicant.get(appPath)
	applicant.post(appPath+"/dra-tillbaka", withdraw.formValues(t, `form[action$="/dra-tillbaka"]`)).status(t, http.StatusSeeOther)
	if got := applicant.get(appPath).text("h1 + p"); !strings.Contains(got, "Tillbakadragen") {
		t.Errorf("withdrawn not shown: %q", got)
	}
}

// allocatingRound makes an open round of A's, B's application in it, and closes the
// application period (the clock stands still, so the period is moved instead).
func (w *world) allocatingRound() (*round.Round, *round.Application) {
	w.t.Helper()
	r := w.openRound()
	a := w.applicationOf(r.ID, w.b.ID)
	if _, err := w.db.NewRaw(`UPDATE rounds SET applications_close_at = ? WHERE id = ?`, testNow.Add(-time.Hour), r.ID).Exec(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	return r, a
}

// allocated gives B's section a Tuesday evening in A's room by hand.
func (w *world) allocated(r *round.Round, a *round.Application) *round.Allocation {
	w.t.Helper()
	al, err := w.rounds.AllocateByHand(context.Background(), access.System, r.ID, round.AllocationInput{SectionID: a.Sections[0].ID,
		RoomID: w.roomA.ID, Weekday: 2, Starts: "17:00", Ends: "18:30"})
	if err != nil {
		w.t.Fatal(err)
	}
	return al
}

// publishedAllocation is an allocation of B's in a published round of A's.
func (w *world) publishedAllocation() *round.Allocation {
	w.t.Helper()
	r, a := w.allocatingRound()
	al := w.allocated(r, a)
	if _, err := w.rounds.Publish(context.Background(), access.System, r.ID); err != nil {
		w.t.Fatal(err)
	}
	return al
}

// boardRows are the access matrix's rows of the allocation board.
func boardRows(w *world) map[string]accessRow {
	r, _ := w.allocatingRound()
	board := fmt.Sprintf("/sasongsbokning/%d/fordelning", r.ID)
	fresh := func(suffix string, form func(*world, *round.Round, *round.Application) url.Values) func(*world, int) request {
		return func(w *world, _ int) request {
			r, a := w.allocatingRound()
			return request{path: fmt.Sprintf("/sasongsbokning/%d%s", r.ID, suffix), form: form(w, r, a)}
		}
	}
	none := func(*world, *round.Round, *round.Application) url.Values { return url.Values{} }
	return map[string]accessRow{
		"GET /sasongsbokning/:id/fordelning":      {static(board), adminsOfA},
		"GET /sasongsbokning/:id/fordelning.csv":  {static(board + ".csv"), adminsOfA},
		"GET /sasongsbokning/:id/fordelning.xlsx": {static(board + ".xlsx"), adminsOfA},
		"POST /sasongsbokning/:id/fordelning": {fresh("/fordelning", func(w *world, r *round.Round, a *round.Application) url.Values {
			return url.Values{"section_id": {fmt.Sprint(a.Sections[0].ID)}, "room_id": {fmt.Sprint(w.roomA.ID)}, "weekday": {"2"},
				"starts": {"17:00"}, "ends": {"18:30"}}
		}), changeByA},
		"POST /sasongsbokning/:id/fordelning/:alloc/ta-bort": {func(w *world, _ int) request {
			r, a := w.allocatingRound()
			al := w.allocated(r, a)
			return request{path: fmt.Sprintf("/sasongsbokning/%d/fordelning/%d/ta-bort", r.ID, al.ID), form: url.Values{}}
		}, changeByA},
		"POST /sasongsbokning/:id/forslag":   {fresh("/forslag", none), changeByA},
		"POST /sasongsbokning/:id/publicera": {fresh("/publicera", none), changeByA},
		// B answers for its own allocation; A, the owner, cannot.
		"POST /tilldelningar/:id/svar": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/tilldelningar/%d/svar", w.publishedAllocation().ID), form: url.Values{"answer": {"accept"}}}
		}, [actors]int{toLogin, 403, 403, 303, 303}},
	}
}

// TestRoundBoard: the owner's admin sees B's wish on the board, allocates by hand (a form
// with a missing weekday first, then a time already taken, each said on the page with
// what was chosen kept), removes it, runs the proposal and sees its reasons, and publishes;
// B's admin sees the allocated time on the application and on the to-do page, and
// declines it; the export opens with the allocation.
func TestRoundBoard(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r, a := w.allocatingRound()
	owner, applicant := w.browsers[adminA], w.browsers[adminB]
	board := fmt.Sprintf("/sasongsbokning/%d/fordelning", r.ID)

	// The page the applicants' messages link to.
	applicant.get(round.PagePath(r.ID)).status(t, http.StatusOK)
	p := owner.get(board)
	p.status(t, http.StatusOK)
	if got := p.text(`section[aria-labelledby="demand-title"]`); !strings.Contains(got, "tisdag 17:00–20:00") || !strings.Contains(got, "Förening B") {
		t.Errorf("demand: %q", got)
	}
	values := fill(p.formValues(t, `form[action$="/fordelning"]`), "section_id", fmt.Sprint(a.Sections[0].ID), "room_id", fmt.Sprint(w.roomA.ID),
		"starts", "17:00", "ends", "18:30")
	bad := owner.post(board, values)
	bad.status(t, http.StatusUnprocessableEntity)
	if !strings.Contains(bad.text(".error-summary"), "Veckodag") || bad.doc.Find(`#weekday[aria-invalid="true"]`).Length() != 1 {
		t.Errorf("missing weekday: %q", bad.text(".error-summary"))
	}
	owner.post(board, fill(values, "weekday", "2")).status(t, http.StatusSeeOther)
	taken := owner.post(board, fill(values, "weekday", "2", "starts", "18:00", "ends", "19:30"))
	taken.status(t, http.StatusConflict)
	if !strings.Contains(taken.text(".error-summary"), "redan") || taken.doc.Find(`#starts`).AttrOr("value", "") != "18:00" {
		t.Errorf("taken: %q", taken.text(".error-summary"))
	}
	p = owner.get(board)
	owner.post(p.doc.Find(`form[action*="/ta-bort"]`).AttrOr("action", ""), p.formValues(t, `form[action*="/ta-bort"]`)).status(t, http.StatusSeeOther)
	if got := owner.get(board).text(`#fordelat`); !strings.Contains(got, "Inga tider") {
		t.Errorf("not removed: %q", got)
	}
	p = owner.get(board)
	owner.post(board[:len(board)-len("/fordelning")]+"/forslag", p.formValues(t, `form[action$="/forslag"]`)).status(t, http.StatusSeeOther)
	p = owner.get(board + "?klart=forslag")
	if got := p.text("#forslag"); !strings.Contains(got, "Förening B – Schack för barn") || !strings.Contains(got, "100 %") {
		t.Errorf("proposal: %q", got)
	}
	if got := p.text("#fordelat"); !strings.Contains(got, "tisdag 17:00–18:30") {
		t.Errorf("proposed allocation: %q", got)
	}
	csv := owner.get(board + ".csv")
	csv.status(t, http.StatusOK)
	if body := csv.text("body"); !strings.Contains(body, "Förening B;Schack för barn") {
		t.Errorf("csv: %q", body)
	}
	owner.post(board[:len(board)-len("/fordelning")]+"/publicera", p.formValues(t, `form[action$="/publicera"]`)).status(t, http.StatusSeeOther)

	app := applicant.get(fmt.Sprintf("/ansokningar/%d", a.ID))
	if got := app.text(`section[aria-labelledby="allocated-title"]`); !strings.Contains(got, "tisdag 17:00–18:30") || !strings.Contains(got, "Väntar på ert svar") {
		t.Fatalf("the applicant's allocation: %q", got)
	}
	if got := applicant.get("/att-gora").text(`section[aria-labelledby="todo-invitations"]`); !strings.Contains(got, "Tilldelad tid: Schack för barn") {
		t.Errorf("the to-do page does not ask for the answer: %q", got)
	}
	if got := owner.get("/att-gora").text(`section[aria-labelledby="todo-invitations"]`); strings.Contains(got, "Tilldelad tid") {
		t.Errorf("the owner is asked to answer B's time: %q", got)
	}
	decline := app.doc.Find(`form[action$="/svar"]:has(input[value="decline"])`)
	applicant.post(decline.AttrOr("action", ""), app.formValues(t, `form[action$="/svar"]:has(input[value="decline"])`)).status(t, http.StatusSeeOther)
	if got := applicant.get(fmt.Sprintf("/ansokningar/%d", a.ID)).text(`section[aria-labelledby="allocated-title"]`); !strings.Contains(got, "tackat nej") {
		t.Errorf("declined not shown: %q", got)
	}
}
