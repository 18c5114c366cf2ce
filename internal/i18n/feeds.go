package i18n

// The iCal feeds: the words they write into calendars, and the subscribe links on the pages.
func init() {
	register(map[string]Text{
		"feed.busy":                     {"Upptaget", "Busy"},
		"feed.organisation":             {"Bokad av %s", "Booked by %s"},
		"feed.attendees":                {"Deltagare: %d", "Attendees: %d"},
		"feed.pending":                  {"Väntar på lokalägarens godkännande.", "Waiting for the owner's approval."},
		"feed.room.name":                {"%s, %s – Lokalbanken", "%s, %s – Lokalbanken"},
		"feed.room.description":         {"Bokningar av %s i %s. Privata bokningar visas bara som upptagen tid.", "Bookings of %s in %s. Private bookings show only as busy."},
		"feed.venue.name":               {"%s – Lokalbanken", "%s – Lokalbanken"},
		"feed.venue.description":        {"Bokningar av alla rum i %s. Privata bokningar visas bara som upptagen tid.", "Bookings of every room in %s. Private bookings show only as busy."},
		"feed.organisation.name":        {"%s – bokningar i Lokalbanken", "%s – bookings in Lokalbanken"},
		"feed.organisation.description": {"Alla bokningar för %s. Adressen är hemlig: dela den bara inom organisationen.", "Every booking of %s. The address is secret: share it only within the organisation."},

		"ui.feed.heading":   {"Prenumerera på kalendern", "Subscribe to the calendar"},
		"ui.feed.intro":     {"Bokningarna syns i din kalenderapp och uppdateras av sig själva. Privata bokningar visas bara som upptagen tid.", "The bookings show in your calendar app and keep themselves up to date. Private bookings show only as busy."},
		"ui.feed.webcal":    {"Öppna i kalenderappen", "Open in your calendar app"},
		"ui.feed.google":    {"Lägg till i Google Kalender", "Add to Google Calendar"},
		"ui.feed.outlook":   {"Lägg till i Outlook.com (privat konto)", "Add to Outlook.com (personal account)"},
		"ui.feed.office365": {"Lägg till i Outlook för Microsoft 365 (jobbkonto)", "Add to Outlook for Microsoft 365 (work account)"},
		"ui.feed.address":   {"Kalenderadress (.ics)", "Calendar address (.ics)"},
		"ui.feed.download":  {"Ladda ner till kalendern (.ics)", "Download to your calendar (.ics)"},
	})
}
