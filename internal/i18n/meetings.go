package i18n

// Meetings of the Compact: problems, field messages and labels.
func init() {
	register(map[string]Text{
		"problem.meeting_series_not_found.title":  {"Mötesserien finns inte", "Meeting series not found"},
		"problem.meeting_series_not_found.detail": {"Det finns ingen mötesserie med det id:t som du får se.", "There is no meeting series with that id that you may see."},
		"problem.meeting_not_found.title":         {"Mötet finns inte", "Meeting not found"},
		"problem.meeting_not_found.detail":        {"Det finns inget möte med det id:t som du får se.", "There is no meeting with that id that you may see."},
		"problem.meeting_series_in_use.title":     {"Mötesserien har möten", "The meeting series has meetings"},
		"problem.meeting_series_in_use.detail":    {"En mötesserie med möten kan inte tas bort. Ställ in mötena i stället; de syns kvar som inställda.", "A meeting series with meetings cannot be deleted. Cancel the meetings instead; they stay visible as cancelled."},
		"problem.meeting_cancelled.title":         {"Mötet är inställt", "The meeting is cancelled"},
		"problem.meeting_cancelled.detail":        {"Ett inställt möte kan inte ändras eller svaras på.", "A cancelled meeting cannot be changed or answered."},
		"problem.meeting_started.title":           {"Mötet har börjat", "The meeting has begun"},
		"problem.meeting_started.detail":          {"Ett möte som har börjat kan inte ställas in.", "A meeting that has begun cannot be cancelled."},

		"validation.place_missing":   {"Ange var mötet hålls: ett rum, en adress eller en länk.", "Say where the meeting is held: a room, an address or a link."},
		"validation.place_exclusive": {"Ange bara en plats: ett rum, en adress eller en länk, inte {field} tillsammans med en annan.", "Give only one place: a room, an address or a link, not {field} together with another."},
		"validation.http_url":        {"{field} måste vara en länk som börjar med http:// eller https://.", "{field} must be a link starting with http:// or https://."},
		"validation.not_invited":     {"Organisationen är inte inbjuden till mötet.", "The organisation is not invited to the meeting."},
		"validation.not_allowed":     {"{field} går inte att ange här.", "{field} cannot be given here."},

		"label.place":            {"plats", "place"},
		"label.address":          {"adress", "address"},
		"label.online_url":       {"länk till mötet", "meeting link"},
		"label.agenda":           {"dagordning", "agenda"},
		"label.organiser_id":     {"arrangör", "organiser"},
		"label.invitees":         {"inbjudna organisationer", "invited organisations"},
		"label.organisation_ids": {"inbjudna organisationer", "invited organisations"},
		"label.participants":     {"antal deltagare", "participants"},
		"label.attending":        {"kommer", "attending"},
		"label.recurrence":       {"upprepning", "recurrence"},
	})
}

// The meeting feeds.
func init() {
	register(map[string]Text{
		"feed.meetings.name":              {"Överenskommelsens möten – Lokalbanken", "Meetings of the Compact – Lokalbanken"},
		"feed.meetings.description":       {"Alla öppna möten inom Överenskommelsen mellan Borås Stad och det idéburna: samråd, dialogmöten, FRÖ-möten, nätverk och stormöte.", "Every public meeting of the Compact between Borås Stad and civil society: the council, dialogue and FRÖ meetings, networks and the annual general meeting."},
		"feed.meeting_series.name":        {"%s – Lokalbanken", "%s – Lokalbanken"},
		"feed.meeting_series.description": {"Mötena i %s.", "The meetings of %s."},
		"feed.meeting.series":             {"Mötesserie: %s", "Series: %s"},
		"feed.meeting.organiser":          {"Arrangör: %s", "Organiser: %s"},
	})
}

// The public meeting calendar and the follow-up.
func init() {
	register(map[string]Text{
		"ui.nav.meetings":              {"Möten", "Meetings"},
		"ui.meetings.title":            {"Överenskommelsens möten", "Meetings of the Compact"},
		"ui.meetings.lead":             {"Samråd, dialogmöten, FRÖ-möten, nätverksträffar och stormöte inom Överenskommelsen mellan Borås Stad och det idéburna. Alla är välkomna att prenumerera på kalendern.", "The council, dialogue and FRÖ meetings, networks and the annual general meeting of the Compact between Borås Stad and civil society. Anyone may subscribe to the calendar."},
		"ui.meetings.filter":           {"Välj mötesserie", "Choose a meeting series"},
		"ui.meetings.series":           {"Mötesserie", "Meeting series"},
		"ui.meetings.all_series":       {"Alla mötesserier", "All meeting series"},
		"ui.meetings.show":             {"Visa", "Show"},
		"ui.meetings.upcoming":         {"Kommande möten", "Upcoming meetings"},
		"ui.meetings.past":             {"Tidigare möten", "Past meetings"},
		"ui.meetings.none_upcoming":    {"Inga kommande möten.", "No upcoming meetings."},
		"ui.meetings.none_past":        {"Inga tidigare möten.", "No past meetings."},
		"ui.meetings.cancelled":        {"Inställt", "Cancelled"},
		"ui.meetings.when":             {"Tid", "Time"},
		"ui.meetings.series_label":     {"Mötesserie", "Series"},
		"ui.meetings.organiser":        {"Arrangör", "Organiser"},
		"ui.meetings.place":            {"Plats", "Place"},
		"ui.meetings.online":           {"Digitalt möte (länk)", "Online meeting (link)"},
		"ui.meetings.agenda":           {"Dagordning", "Agenda"},
		"ui.meetings.documents":        {"Dokument", "Documents"},
		"ui.meetings.download":         {"Lägg till %s i din kalender (.ics)", "Add %s to your calendar (.ics)"},
		"ui.meetings.series_feeds":     {"Prenumerera på en mötesserie", "Subscribe to one meeting series"},
		"ui.meetings.subscribe_series": {"Prenumerera på %s (webcal)", "Subscribe to %s (webcal)"},
		"ui.followup.title":            {"Uppföljning av mötena", "Follow-up of the meetings"},
		"ui.followup.lead":             {"Hur många möten som hölls per mötesserie %d och året innan, till Överenskommelsens stormöte och stadens årsredovisning.", "How many meetings were held per series in %d and the year before, for the Compact's annual general meeting and the city's annual report."},
		"ui.followup.fro_title":        {"FRÖ-möten", "FRÖ meetings"},
		"ui.followup.fro":              {"%d av minst %d FRÖ-möten hölls %d.", "%d of at least %d FRÖ meetings were held in %d."},
		"ui.followup.fro_short":        {"%d saknas för att nå målet i handlingsplanen.", "%d more are needed to meet the action plan's target."},
		"ui.followup.fro_met":          {"Målet i handlingsplanen är nått.", "The action plan's target is met."},
		"ui.followup.took_part":        {"%d inbjudna organisationer deltog %d (%d året %d).", "%d invited organisations took part in %d (%d in %d)."},
		"ui.followup.series_title":     {"Möten per mötesserie", "Meetings per series"},
		"ui.followup.caption":          {"Hållna möten och deltagande organisationer per mötesserie", "Meetings held and organisations taking part, per series"},
		"ui.followup.series":           {"Mötesserie", "Series"},
		"ui.followup.held":             {"Hållna %d", "Held in %d"},
		"ui.followup.took_part_col":    {"Deltagande organisationer %d", "Organisations taking part in %d"},
		"ui.followup.none":             {"Inga öppna mötesserier ännu.", "No public meeting series yet."},
		"ui.followup.note":             {"Ett möte räknas som hållet när det har ägt rum utan att ställas in. En organisation räknas som deltagande när den var inbjuden och svarade att den kommer.", "A meeting counts as held once it has taken place without being cancelled. An organisation counts as taking part when it was invited and replied that it would come."},
		"ui.followup.csv":              {"Ladda ner uppföljningen som CSV", "Download the follow-up as CSV"},
		"ui.followup.xlsx":             {"som Excel-fil (.xlsx)", "as an Excel file (.xlsx)"},
		"ui.followup.csv.series":       {"Mötesserie", "Series"},
		"ui.followup.csv.kind":         {"Typ", "Kind"},
		"ui.followup.csv.held":         {"Hållna möten %s", "Meetings held %s"},
		"ui.followup.csv.took_part":    {"Deltagande organisationer %s", "Organisations taking part %s"},
		"ui.followup.csv.fro_target":   {"FRÖ-möten (mål: %d)", "FRÖ meetings (target: %d)"},
		"ui.followup.csv.total":        {"Alla öppna mötesserier", "All public series"},
		"meeting_kind.samrad":          {"samråd", "council"},
		"meeting_kind.dialogue":        {"dialogmöte", "dialogue meeting"},
		"meeting_kind.fro":             {"FRÖ-möte", "FRÖ meeting"},
		"meeting_kind.stormote":        {"stormöte", "annual general meeting"},
		"meeting_kind.network":         {"nätverk", "network"},
		"meeting_kind.other":           {"övrigt", "other"},
	})
}
