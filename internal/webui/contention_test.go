package webui_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// TestContentionIsAConflict: a change that loses to concurrent ones every time PostgreSQL
// runs it (a real serialisation failure that outlasts InTx's retries) is answered 409, as the
// API answers it (httpapi's TestContentionIsAConflict), not with the 500 page.
func TestContentionIsAConflict(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	mine := w.book(w.a.ID, w.roomA.ID, false)
	b := w.browsers[bookerA]
	day := time.Date(2026, 4, 22, 0, 0, 0, 0, stockholm)
	form := bookingForm(t, b, w.roomA.ID, bookingFields(w.a.ID, day, "Trängsel")...)
	path := fmt.Sprintf("/bokningar/%d", mine.ID)
	cancel := b.get(path).formValues(t, `form[action$="/avboka"]`)
	cancel.Set("reason", "Sjukdom")
	dbtest.Contend(t, w.db, "bookings")

	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), form)
	p.status(t, http.StatusConflict)
	if main := p.text("main"); !strings.Contains(main, "Tiden är redan bokad") {
		t.Errorf("the form does not say the time is taken: %s", main)
	}
	p = b.post(path+"/avboka", cancel)
	p.status(t, http.StatusConflict)
	if h1 := p.text("h1"); h1 != "Någon annan har ändrat uppgifterna" {
		t.Errorf("cancel under contention: h1 %q", h1)
	}
	if got := w.booking(t, mine.ID); got.Status == "cancelled" {
		t.Error("the booking was cancelled")
	}
}
