package i18n

// Private calendar feed links: the organisation's page for them, and their problems.
func init() {
	register(map[string]Text{
		"problem.feed_token_not_found.title":  {"Kalenderlänken finns inte", "Calendar link not found"},
		"problem.feed_token_not_found.detail": {"Det finns ingen kalenderlänk med det id:t.", "There is no calendar link with that id."},
		"validation.feed_token_limit": {"Organisationen har redan {param} kalenderlänkar som fungerar. Återkalla någon innan du skapar en ny.",
			"The organisation already has {param} working calendar links. Revoke one before you create another."},

		"ui.feeds.title":   {"Prenumerera på era bokningar – %s", "Subscribe to your bookings – %s"},
		"ui.feeds.crumb":   {"Kalender", "Calendar"},
		"ui.feeds.heading": {"Prenumerera på era bokningar", "Subscribe to your bookings"},
		"ui.feeds.lead": {"Med en privat kalenderlänk visas bokningarna för %s, med alla uppgifter, i er kalenderapp – Google Kalender, Outlook, Apple Kalender eller Thunderbird – och hålls uppdaterade av sig själva.",
			"With a private calendar link, the bookings of %s, with all their details, show in your calendar app – Google Calendar, Outlook, Apple Calendar or Thunderbird – and keep themselves up to date."},
		"ui.feeds.warning": {"Den som har länken kan se bokningarna utan att logga in. Dela den bara inom organisationen, och återkalla den om den kommer på avvägar.",
			"Anyone who has the link can see the bookings without signing in. Share it only within the organisation, and revoke it if it goes astray."},
		"ui.feeds.list":          {"Kalenderlänkar", "Calendar links"},
		"ui.feeds.caption":       {"Kalenderlänkar för %s", "Calendar links of %s"},
		"ui.feeds.name":          {"Namn på länken", "Name of the link"},
		"ui.feeds.name_hint":     {"Så att ni känner igen den, till exempel ”Styrelsens kalender”.", "So that you recognise it, for example “The board's calendar”."},
		"ui.feeds.prefix":        {"Början", "Starts with"},
		"ui.feeds.created":       {"Skapad", "Created"},
		"ui.feeds.last_used":     {"Senast hämtad", "Last fetched"},
		"ui.feeds.state":         {"Status", "Status"},
		"ui.feeds.never":         {"Aldrig", "Never"},
		"ui.feeds.active":        {"Fungerar", "Working"},
		"ui.feeds.revoked":       {"Återkallad", "Revoked"},
		"ui.feeds.revoke":        {"Återkalla", "Revoke"},
		"ui.feeds.none":          {"Det finns inga kalenderlänkar ännu.", "There are no calendar links yet."},
		"ui.feeds.new":           {"Ny kalenderlänk", "New calendar link"},
		"ui.feeds.create":        {"Skapa länk", "Create link"},
		"ui.feeds.archived":      {"Organisationen är arkiverad och kan inte få nya kalenderlänkar.", "The organisation is archived and cannot get new calendar links."},
		"ui.feeds.created_title": {"Er nya kalenderlänk", "Your new calendar link"},
		"ui.feeds.created_lead":  {"Länken visas bara nu. Kopiera den innan du lämnar sidan; kommer den bort skapar du en ny.", "The link is shown only now. Copy it before you leave the page; if it gets lost, create a new one."},
		"ui.feeds.url":           {"Adress till kalendern", "Calendar address"},
		"ui.feeds.url_hint":      {"Klistra in adressen där kalenderappen låter dig lägga till en kalender från en webbadress (”Från URL”, ”Prenumerera på kalender”).", "Paste the address where your calendar app lets you add a calendar from a web address (“From URL”, “Subscribe to calendar”)."},
		"ui.feeds.webcal":        {"Öppna i kalenderappen", "Open in your calendar app"},
		"ui.notice.feed_revoked": {"Kalenderlänken är återkallad och slutar fungera direkt.", "The calendar link is revoked and stops working at once."},
	})
}
