package meeting_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

func minutes(t *testing.T, body string) document.Upload {
	t.Helper()
	up, err := document.Check("Protokoll", "Protokoll.pdf", "application/pdf", bytes.NewReader([]byte("%PDF-1.7\n"+body+"\n%%EOF\n")))
	if err != nil {
		t.Fatal(err)
	}
	return up
}

// TestMeetingDocuments: the organiser's admins attach and remove documents, also of a
// cancelled meeting; others may not; the documents of a private series are hidden from those
// who may not see it; and the database refuses content that is not a PDF.
func TestMeetingDocuments(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
	if _, err := f.meetings.CancelMeeting(ctx, f.cityAdmin, m.ID, meeting.CancelInput{Reason: "Inställt"}); err != nil {
		t.Fatal(err)
	}
	d, err := f.meetings.AddDocument(ctx, f.cityAdmin, m.ID, minutes(t, "protokoll"))
	if err != nil {
		t.Fatalf("add to a cancelled meeting: %v", err)
	}
	clubAdmin := f.member(t, f.club.ID, access.RoleAdmin)
	if _, err := f.meetings.AddDocument(ctx, clubAdmin, m.ID, minutes(t, "annat")); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("another organisation's admin adds: %v", err)
	}
	if err := f.meetings.DeleteDocument(ctx, clubAdmin, m.ID, d.ID); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("another organisation's admin deletes: %v", err)
	}
	docs, err := f.meetings.FindDocuments(ctx, access.Actor{}, m.ID)
	if err != nil || len(docs) != 1 || docs[0].Content != nil {
		t.Errorf("anyone lists a public meeting's documents: %v %+v", err, docs)
	}

	private := f.series(t, meeting.SeriesInput{Kind: "network", Name: "Slutet", OrganiserID: f.city.ID, Invitees: []int64{f.city.ID}})
	pm := f.mustCreate(t, f.cityAdmin, private.ID, f.roomMeeting(at(2026, 10, 8, 18, 0), at(2026, 10, 8, 20, 0)))[0]
	pd, err := f.meetings.AddDocument(ctx, f.cityAdmin, pm.ID, minutes(t, "slutet"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.meetings.FindDocument(ctx, access.Actor{}, pm.ID, pd.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("anonymous reads a private meeting's document: %v", err)
	}
	if err := f.meetings.CheckDocumentUpload(ctx, clubAdmin, pm.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("an outsider may upload to a private meeting: %v", err)
	}
	if _, public, err := f.meetings.FindDocument(ctx, f.cityAdmin, pm.ID, pd.ID); err != nil || public {
		t.Errorf("the organiser reads a private meeting's document: %v public=%v", err, public)
	}
	if _, _, err := f.meetings.FindDocument(ctx, f.cityAdmin, m.ID, pd.ID); !errors.Is(err, meeting.ErrDocumentNotFound) {
		t.Errorf("a document under another meeting: %v", err)
	}

	_, err = f.db.NewRaw(`INSERT INTO meeting_documents (meeting_id, title, filename, content_type, size, sha256, content, created_at)
		VALUES (?, 'Bild', 'bild.pdf', 'application/pdf', 4, sha256('\x89504e47'::bytea), '\x89504e47'::bytea, now())`, m.ID).Exec(ctx)
	if err == nil {
		t.Error("the database stored a PNG as a meeting document")
	}

	if err := f.meetings.DeleteDocument(ctx, f.cityAdmin, m.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_log WHERE action IN ('meeting.document.add', 'meeting.document.delete')`); n != 3 {
		t.Errorf("%d audit rows, want 3", n)
	}
}
