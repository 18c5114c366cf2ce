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
