package webui

import (
	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// After a change, a form redirects to its page with ?klart=WHAT, and the page says what was
// done. Only the words listed here show anything, so the parameter cannot put text of a
// stranger's choosing on the page.
var notices = map[string]string{
	"uppgifter":  "ui.notice.profile_saved",
	"losenord":   "ui.notice.password_changed",
	"nyckel":     "ui.notice.token_revoked",
	"roll":       "ui.notice.role_changed",
	"borttagen":  "ui.notice.member_removed",
	"inbjudan":   "ui.notice.invitation_accepted",
	"behorighet": "ui.notice.city_admin_changed",
	"bokad":      "ui.notice.booking_confirmed",
	"forfragan":  "ui.notice.booking_pending",
	"avbokad":    "ui.notice.booking_cancelled",
	"godkand":    "ui.notice.booking_approved",
	"avslagen":   "ui.notice.booking_rejected",
	// The room settings page.
	"regler":     "ui.notice.rules_saved",
	"oppettider": "ui.notice.hours_saved",
	"stangt":     "ui.notice.closure_added",
	"taxa":       "ui.notice.tariff_saved",
	"oppnat":     "ui.notice.closure_removed",
	// An organisation's calendar links.
	"kalenderlank": "ui.notice.feed_revoked",
	// Moves and whole series.
	"flyttad":           "ui.notice.booking_moved",
	"flyttad-forfragan": "ui.notice.booking_moved_pending",
	"oforandrad":        "ui.notice.booking_unchanged",
	"serie-godkand":     "ui.notice.series_approved",
	"serie-avslagen":    "ui.notice.series_rejected",
	// Organising meetings.
	"serie-skapad":       "ui.notice.meeting_series_created",
	"serie-sparad":       "ui.notice.meeting_series_saved",
	"mote-skapat":        "ui.notice.meeting_created",
	"moten-skapade":      "ui.notice.meetings_created",
	"mote-sparat":        "ui.notice.meeting_saved",
	"mote-installt":      "ui.notice.meeting_cancelled",
	"inbjudna":           "ui.notice.invitations_saved",
	"dokument":           "ui.notice.document_added",
	"dokument-borttaget": "ui.notice.document_removed",
	"svar":               "ui.todo.replied",
	// Seasonal allocation.
	"omgang-skapad":        "ui.notice.round_created",
	"omgang-sparad":        "ui.notice.round_saved",
	"omgang-stangd":        "ui.notice.round_closed",
	"ansokan":              "ui.notice.application_submitted",
	"ansokan-sparad":       "ui.notice.application_saved",
	"ansokan-aterkallad":   "ui.notice.application_withdrawn",
	"fordelad":             "ui.notice.allocation_added",
	"fordelning-borttagen": "ui.notice.allocation_removed",
	"forslag":              "ui.notice.proposal_run",
	"publicerad":           "ui.notice.round_published",
	"tackat-ja":            "ui.notice.allocation_accepted",
	"tackat-nej":           "ui.notice.allocation_declined",
	// A series just booked (its page).
	"serie":           "ui.notice.series_booked",
	"serie-forfragan": "ui.notice.series_requested",
	// Agreements and the Compact's signatures ("dokument" above serves them too).
	"avtal-sparat":           "ui.notice.agreement_saved",
	"version":                "ui.notice.agreement_version_added",
	"underskrift":            "ui.notice.signature_registered",
	"underskrift-aterkallad": "ui.notice.signature_withdrawn",
}

// notice returns the text for the page's ?klart=, or "".
func (p *Pages) notice(c *gin.Context) string {
	if key, ok := notices[c.Query("klart")]; ok {
		return i18n.T(p.lang(c), key)
	}
	return ""
}
