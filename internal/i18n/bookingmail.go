package i18n

// The e-mail about bookings (internal/bookingmail).
func init() {
	register(map[string]Text{
		"mail.booking.request.subject": {"Bokningsförfrågan: %s", "Booking request: %s"},
		"mail.booking.request.body": {"%s vill boka %s i %s. Förfrågan väntar på ert beslut; tiden är reserverad för dem så länge.",
			"%s would like to book %s in %s. The request awaits your decision; the time is held for them meanwhile."},
		"mail.booking.request.series": {"Förfrågan gäller en serie med %d tillfällen, från %s till %s. Ni beslutar om hela serien på en gång.",
			"The request is for a series of %d occurrences, from %s to %s. You decide on the whole series at once."},
		"mail.booking.moved_request.subject": {"Flyttad bokning väntar på beslut: %s", "Moved booking awaits a decision: %s"},
		"mail.booking.moved_request.body": {"%s har flyttat en bokning till %s i %s, där den behöver ert godkännande.",
			"%s has moved a booking to %s in %s, where it needs your approval."},

		"mail.booking.approved.subject":  {"Bokningen är godkänd: %s", "Booking approved: %s"},
		"mail.booking.approved.body":     {"%s har godkänt bokningen av %s i %s.", "%s has approved the booking of %s in %s."},
		"mail.booking.rejected.subject":  {"Bokningen har avslagits: %s", "Booking rejected: %s"},
		"mail.booking.rejected.body":     {"%s har avslagit bokningen av %s i %s. Tiden är inte längre reserverad.", "%s has rejected the booking of %s in %s. The time is no longer held."},
		"mail.booking.cancelled.subject": {"Bokningen är avbokad: %s", "Booking cancelled: %s"},
		"mail.booking.cancelled.body":    {"%s har avbokat bokningen av %s i %s.", "%s has cancelled the booking of %s in %s."},
		"mail.booking.moved.subject":     {"Bokningen är flyttad: %s", "Booking moved: %s"},
		"mail.booking.moved.body":        {"%s har flyttat bokningen. Den gäller nu %s i %s, vid tiden nedan.", "%s has moved the booking. It is now for %s in %s, at the time below."},

		"mail.booking.series": {"Det gäller en serie: %d tillfällen, från %s till %s.", "This is about a series: %d occurrences, from %s to %s."},
		"mail.booking.note":   {"Meddelande: %s", "Note: %s"},
		"mail.booking.copy": {"Du får en kopia som administratör för %s. Du kan stänga av kopiorna i dina inställningar.",
			"You get a copy as an administrator of %s. You can turn the copies off in your settings."},
		"mail.booking.attached": {"Bokningen finns som kalenderfil i meddelandet: öppna den för att lägga in den i din kalender.",
			"The booking is attached as a calendar file: open it to add it to your calendar."},
		"mail.booking.file":  {"bokning", "booking"},
		"mail.booking.first": {"%s (det första tillfället)", "%s (the first occurrence)"},

		"mail.booking.fact.what":         {"Vad", "What"},
		"mail.booking.fact.when":         {"När", "When"},
		"mail.booking.fact.where":        {"Var", "Where"},
		"mail.booking.fact.organisation": {"Organisation", "Organisation"},
		"mail.booking.fact.status":       {"Status", "Status"},
		"mail.booking.fact.purpose":      {"Syfte", "Purpose"},
		"mail.booking.fact.attendees":    {"Antal deltagare", "Attendees"},

		"mail.booking.action.decide": {"Besluta om förfrågan", "Decide on the request"},
		"mail.booking.action.view":   {"Visa bokningen", "View the booking"},
	})
}
