package audit

import (
	"slices"
	"testing"
)

// Actions lists every action the services record. The audit log's page names each in words
// (the texts ui.audit.action.<action>; a test of internal/webui checks that every action
// has them in both languages), and in a test binary NewEntry refuses an action missing here,
// so that no action reaches the log as a bare code unnoticed. In production such an entry
// is still written: the log must never lose a change for want of a name.
var Actions = []string{
	// Sign-in and refusals.
	"login.success", "login.failed", "login.throttled", ActionDenied,
	// Single sign-on: the login, linking an account, roles set from the provider's groups.
	"login.sso", "user.sso_link", "user.sso_city_admin", "membership.sso_set", "membership.sso_remove",
	// People, tokens and memberships.
	"user.create", "user.update", "user.delete", "user.password_change", "user.password_reset",
	"password_reset.create", "token.create", "token.revoke",
	"membership.set", "membership.remove", "membership.invite", "membership.accept",
	// The register.
	"organisation.create", "organisation.update", "organisation.archive",
	"venue.create", "venue.update", "venue.archive",
	"room.create", "room.update", "room.archive", "room_parts.update", "photo.add", "photo.delete",
	"booking_rules.update", "opening_hours.update", "closure.create", "closure.delete",
	"tariff.update", "tariff.delete",
	// Bookings and feeds.
	"booking.create", "booking.approve", "booking.reject", "booking.cancel", "booking.move",
	"series.create", "series.move", "feed_token.create", "feed_token.revoke",
	// The Compact, agreements and requests to join.
	"signatory.sign", "signatory.withdraw",
	"agreement.create", "agreement.update", "agreement.version.add", "agreement.parts.update",
	"agreement.document.add", "agreement.document.delete",
	"join_request.create", "join_request.approve", "join_request.reject",
	// Meetings.
	"meeting_series.create", "meeting_series.update", "meeting_series.delete",
	"meeting.create", "meeting.update", "meeting.move", "meeting.cancel", "meeting.invitations", "meeting.reply",
	"meeting.document.add", "meeting.document.delete",
	// Seasonal allocation.
	"round.create", "round.update", "round.close", "round.proposal", "round.publish",
	"application.submit", "application.update", "application.withdraw",
	"allocation.create", "allocation.delete", "allocation.accept", "allocation.decline",
}

// known reports whether action is listed in Actions; outside a test binary every action is.
func known(action string) bool {
	return !testing.Testing() || slices.Contains(Actions, action)
}
