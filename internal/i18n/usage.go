package i18n

// The use statistics of a venue (/uppfoljning/anvandning, /api/v1/reports/usage).
func init() {
	register(map[string]Text{
		"ui.usage.title":        {"Användning av %s", "Use of %s"},
		"ui.usage.lead":         {"Bokade timmar mot öppettider %s. Timmar räknas som verklig tid, också när sommartiden börjar eller slutar. Öppettiderna är lokalernas veckotider; stängda dagar och helgdagar är inte avräknade.", "Booked hours against opening hours %s. Hours are elapsed time, also when summer time begins or ends. Opening hours are the rooms' weekly hours; closed days and public holidays are not subtracted."},
		"ui.usage.link":         {"användning", "use"},
		"ui.usage.link_label":   {"Användning av %s", "Use of %s"},
		"ui.usage.rooms":        {"Rum", "Rooms"},
		"ui.usage.heat":         {"Bokade timmar per veckodag och timme", "Booked hours by weekday and hour"},
		"ui.usage.heat_note":    {"Ju mörkare ruta, desto fler bokade timmar. Tabellen nedan har samma siffror.", "The darker a square, the more hours booked. The table below holds the same figures."},
		"ui.usage.orgs":         {"Per organisation", "By organisation"},
		"ui.usage.private":      {"Privata bokningar (visas inte per organisation)", "Private bookings (not shown by organisation)"},
		"ui.usage.private_note": {"Privata bokningar räknas som upptagen tid i lokalen men knyts aldrig till en organisation.", "Private bookings count as busy time of the room but are never tied to an organisation."},
		"ui.usage.total":        {"Alla rum", "All rooms"},
		"ui.usage.none":         {"Inga bekräftade bokningar under perioden.", "No confirmed bookings during the period."},
		"ui.usage.col.room":     {"Rum", "Room"},
		"ui.usage.col.org":      {"Organisation", "Organisation"},
		"ui.usage.col.booked":   {"Bokade timmar", "Hours booked"},
		"ui.usage.col.open":     {"Öppettimmar", "Opening hours"},
		"ui.usage.col.share":    {"Andel av öppettiden", "Share of opening hours"},
		"ui.usage.col.bookings": {"Bokningar", "Bookings"},
		"ui.usage.col.people":   {"Deltagare", "Participants"},
		"ui.usage.col.day":      {"Veckodag", "Weekday"},
		"ui.usage.col.hour":     {"Timme", "Hour"},
		"ui.usage.always_open":  {"alltid öppet", "always open"},
		"ui.usage.sheet.heat":   {"Veckodag och timme", "Weekday and hour"},
	})
}
