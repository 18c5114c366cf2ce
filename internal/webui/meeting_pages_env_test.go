package webui_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/document"
)

// meetingRows are the access matrix's rows of the pages that organise meetings: A's public
// network series is read by anyone and organised by A's admins (and city administrators).
func meetingRows(w *world) map[string]accessRow {
	m := w.publicMeeting(w.a.ID)
	series, meetingA := fmt.Sprintf("/moten/serier/%d", m.SeriesID), fmt.Sprintf("/moten/%d", m.ID)
	fresh := func(suffix string, kv ...string) func(*world, int) request {
		return func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/moten/%d%s", w.publicMeeting(w.a.ID).ID, suffix), form: fill(url.Values{}, kv...)}
		}
	}
	day := testNow.Add(30 * 24 * time.Hour).In(stockholm).Format(time.DateOnly)
	meetingForm := []string{"title", "Träff", "date", day, "starts_at", "18:00", "ends_at", "19:00", "place", "online",
		"online_url", "https://meet.example/a", "repeat", "none"}
	return map[string]accessRow{
		"GET /moten/organisera": {static("/moten/organisera"), signedIn},
		"GET /moten/serier/ny":  {static("/moten/serier/ny"), [actors]int{toLogin, 403, 200, 200, 200}},
		"POST /moten/serier/ny": {form("/moten/serier/ny", "kind", "network", "name", "Nätverk", "organiser_id", fmt.Sprint(w.a.ID),
			"invite", "chosen"), changeByA},
		"GET /moten/serier/:id":       {static(series), open},
		"GET /moten/serier/:id/andra": {static(series + "/andra"), adminsOfA},
		"POST /moten/serier/:id/andra": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/moten/serier/%d/andra", w.publicMeeting(w.a.ID).SeriesID), form: url.Values{
				"kind": {"network"}, "name": {"Nätverket"}, "organiser_id": {fmt.Sprint(w.a.ID)}, "public": {"yes"}, "invite": {"signatories"}}}
		}, changeByA},
		"GET /moten/serier/:id/nytt-mote":  {static(series + "/nytt-mote"), adminsOfA},
		"POST /moten/serier/:id/nytt-mote": {form(series+"/nytt-mote", meetingForm...), changeByA},
		"GET /moten/:id":                   {static(meetingA), open},
		"GET /moten/:id/andra":             {static(meetingA + "/andra"), adminsOfA},
		"POST /moten/:id/andra":            {fresh("/andra", meetingForm...), changeByA},
		"POST /moten/:id/stall-in":         {fresh("/stall-in", "reason", "Sjukdom"), changeByA},
		"GET /moten/:id/inbjudna":          {static(meetingA + "/inbjudna?q=F%C3%B6rening"), adminsOfA},
		"POST /moten/:id/inbjudna":         {fresh("/inbjudna", "organisation_ids", fmt.Sprint(w.a.ID), "organisation_ids", fmt.Sprint(w.b.ID)), changeByA},
		"POST /moten/:id/dokument": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/moten/%d/dokument", w.publicMeeting(w.a.ID).ID), form: url.Values{"title": {"Dagordning"}},
				file: &upload{"dagordning.pdf", "application/pdf", testPDF("dagordning")}}
		}, changeByA},
		"GET /moten/:id/dokument/:doc": {func(w *world, _ int) request { return request{path: w.meetingDocument()} }, open},
		"POST /moten/:id/dokument/:doc/ta-bort": {func(w *world, _ int) request {
			return request{path: w.meetingDocument() + "/ta-bort", form: url.Values{}}
		}, changeByA},
	}
}

// meetingDocument attaches a fresh document to a fresh meeting of A and returns its path.
func (w *world) meetingDocument() string {
	w.t.Helper()
	m := w.publicMeeting(w.a.ID)
	up, err := document.Check("Protokoll", "protokoll.pdf", "application/pdf", bytes.NewReader(testPDF("protokoll")))
	if err != nil {
		w.t.Fatal(err)
	}
	d, err := w.meetings.AddDocument(context.Background(), access.System, m.ID, up)
	if err != nil {
		w.t.Fatal(err)
	}
	return fmt.Sprintf("/moten/%d/dokument/%d", m.ID, d.ID)
}
