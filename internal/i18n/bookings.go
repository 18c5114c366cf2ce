package i18n

// Problems, field messages and labels of bookings.
func init() {
	register(map[string]Text{
		"problem.booking_not_found.title":        {"Bokningen finns inte", "Booking not found"},
		"problem.booking_not_found.detail":       {"Det finns ingen bokning med det id:t.", "There is no booking with that id."},
		"problem.booking_conflict.title":         {"Tiden är redan bokad", "The time is already booked"},
		"problem.booking_conflict.detail":        {"Rummet, eller en del av det, är bokat under hela eller delar av tiden; se conflicts.", "The room, or part of it, is booked for all or part of the time; see conflicts."},
		"problem.booking_refused.title":          {"Rummet kan inte bokas av organisationen", "The organisation may not book this room"},
		"problem.booking_refused.detail":         {"Ägarens regler för rummet tillåter inte att organisationen bokar det; se rule.", "The owner's rules for the room do not let the organisation book it; see rule."},
		"problem.booking_not_active.title":       {"Bokningen är redan avbokad eller avslagen", "The booking is already cancelled or rejected"},
		"problem.booking_not_active.detail":      {"En avbokad eller avslagen bokning kan inte ändras.", "A cancelled or rejected booking cannot be changed."},
		"problem.booking_not_pending.title":      {"Bokningen väntar inte på beslut", "The booking is not awaiting a decision"},
		"problem.booking_not_pending.detail":     {"Bara en bokningsförfrågan som väntar kan godkännas eller avslås.", "Only a pending request can be approved or rejected."},
		"problem.booking_started.title":          {"Bokningen har redan börjat", "The booking has already started"},
		"problem.booking_started.detail":         {"En bokning kan inte avbokas eller beslutas när den har börjat.", "A booking cannot be cancelled or decided once it has started."},
		"problem.booking_cancel_too_late.title":  {"Det är för sent att avboka", "It is too late to cancel"},
		"problem.booking_cancel_too_late.detail": {"Rummets regler tillåter avbokning bara fram till en viss tid före start. Kontakta ägaren.", "The room's rules allow cancelling only until a set time before the start. Contact the owner."},

		"booking.rule.compact":      {"Bara organisationer som har undertecknat Överenskommelsen får boka rummet.", "Only organisations that signed the Compact may book this room."},
		"booking.rule.partners":     {"Bara ägarens partnerorganisationer får boka rummet.", "Only the owner's partner organisations may book this room."},
		"booking.rule.owner":        {"Bara ägaren själv får boka rummet.", "Only the owner may book this room."},
		"booking.rule.not_bookable": {"Ägaren har stängt rummet för bokningar.", "The owner has closed this room to bookings."},

		"booking.status.pending":   {"Väntar på beslut", "Awaiting approval"},
		"booking.status.confirmed": {"Bekräftad", "Confirmed"},
		"booking.status.rejected":  {"Avslagen", "Rejected"},
		"booking.status.cancelled": {"Avbokad", "Cancelled"},

		"validation.end_not_after_start":   {"{field} måste vara efter starttiden.", "{field} must be after the start."},
		"validation.in_past":               {"{field} har redan passerat.", "{field} is in the past."},
		"validation.too_soon":              {"Bokningen måste börja tidigast {param}.", "The booking must start at {param} or later."},
		"validation.too_far_ahead":         {"Rummet kan bokas för start senast {param}.", "The room can be booked to start at {param} at the latest."},
		"validation.too_long":              {"Bokningen får vara högst {param} minuter.", "The booking may last at most {param} minutes."},
		"validation.above_capacity":        {"{field} får vara högst {param}, rummets kapacitet.", "{field} must be at most {param}, the room's capacity."},
		"validation.outside_opening_hours": {"Tiden ligger utanför rummets öppettider.", "The time is outside the room's opening hours."},
		"validation.closed":                {"Rummet är stängt då: {param}.", "The room is closed then: {param}."},
		"validation.holiday":               {"Rummet är stängt på helgdagar ({param}).", "The room is closed on public holidays ({param})."},

		"validation.rrule_invalid":   {"Upprepningen kan inte läsas; ange en veckoregel (FREQ=WEEKLY).", "The recurrence cannot be read; give a weekly rule (FREQ=WEEKLY)."},
		"validation.rrule_empty":     {"Upprepningen ger inga tillfällen; kontrollera slutdatumet och dagarna.", "The recurrence gives no occurrences; check its end date and days."},
		"validation.rrule_unbounded": {"Upprepningen måste ha ett slut (UNTIL eller COUNT) och får vara högst 200 tillfällen inom två år.", "The recurrence must end (UNTIL or COUNT) and may have at most 200 occurrences within two years."},

		"label.recurrence.rrule": {"upprepning", "recurrence"},
		"label.room_id":          {"rum", "room"},
		"label.title":            {"rubrik", "title"},
		"label.purpose":          {"syfte", "purpose"},
		"label.attendees":        {"antal deltagare", "expected attendees"},
		"label.public":           {"öppen för allmänheten", "open to the public"},
		"label.starts_at":        {"starttid", "start"},
		"label.ends_at":          {"sluttid", "end"},
	})
}
