package i18n

// Texts of the ways in: the "forgot password" form, the to-do page, invitations by mail,
// message settings and unsubscribing.
func init() {
	register(map[string]Text{
		"ui.forgot.title":   {"Glömt lösenordet", "Forgotten password"},
		"ui.forgot.heading": {"Glömt lösenordet?", "Forgotten your password?"},
		"ui.forgot.lead": {
			"Skriv e-postadressen du loggar in med. Vi skickar en länk dit där du väljer ett nytt lösenord. Länken gäller i en timme.",
			"Enter the email address you sign in with. We will send a link there with which you choose a new password. The link works for one hour."},
		"ui.forgot.submit":                 {"Skicka länken", "Send the link"},
		"ui.forgot.back":                   {"Tillbaka till inloggningen", "Back to sign in"},
		"ui.message.password_forgot.title": {"Titta i din e-post", "Check your email"},
		"ui.message.password_forgot.text": {
			"Om adressen hör till ett konto i Lokalbanken har vi skickat en länk dit för att välja ett nytt lösenord. Den gäller i en timme. Kommer inget brev inom några minuter, titta i skräpposten eller kontrollera adressen.",
			"If the address belongs to an account in Lokalbanken, we have sent a link there to choose a new password. It works for one hour. If no email arrives within a few minutes, look in your spam folder or check the address."},
	})
}

// Texts of the to-do page and its place in the menu.
func init() {
	register(map[string]Text{
		"ui.nav.todo":               {"Att göra", "To do"},
		"ui.nav.todo_waiting.one":   {"(%d beslut väntar)", "(%d decision waiting)"},
		"ui.nav.todo_waiting.other": {"(%d beslut väntar)", "(%d decisions waiting)"},
		"ui.todo.title":             {"Att göra", "To do"},
		"ui.todo.heading":           {"Att göra", "To do"},
		"ui.todo.lead": {
			"Här är det som väntar på dig: förfrågningar att besluta om, inbjudningar att svara på och dina organisationers närmaste bokningar.",
			"Here is what waits for you: requests to decide on, invitations to answer and your organisations' next bookings."},
		"ui.todo.requests":            {"Förfrågningar att besluta om", "Requests to decide on"},
		"ui.todo.no_requests":         {"Inga förfrågningar väntar på ditt beslut.", "No requests wait for your decision."},
		"ui.todo.join_requests.one":   {"%d ansökan om att ansluta till Överenskommelsen väntar", "%d request to join the Compact waits"},
		"ui.todo.join_requests.other": {"%d ansökningar om att ansluta till Överenskommelsen väntar", "%d requests to join the Compact wait"},
		"ui.todo.occurrences.one":     {"%d tillfälle", "%d occurrence"},
		"ui.todo.occurrences.other":   {"%d tillfällen", "%d occurrences"},
		"ui.todo.decide":              {"Besluta i inkorgen för förfrågningar", "Decide in the requests inbox"},
		"ui.todo.invitations":         {"Inbjudningar att svara på", "Invitations to answer"},
		"ui.todo.no_invitations":      {"Inga inbjudningar väntar på svar.", "No invitations wait for an answer."},
		"ui.todo.invited_to":          {"Inbjudan till %s", "Invitation to %s"},
		"ui.todo.invited_as.admin":    {"Du är inbjuden som administratör.", "You are invited as an administrator."},
		"ui.todo.invited_as.booker":   {"Du är inbjuden som bokare.", "You are invited as a booker."},
		"ui.todo.invitation_mail":     {"Öppna länken i e-postbrevet med inbjudan för att tacka ja. Den gäller till %s.", "Open the link in the invitation email to accept. It works until %s."},
		"ui.todo.invited":             {"Inbjuden", "Invited"},
		"ui.todo.attend":              {"Vi kommer", "We will come"},
		"ui.todo.decline":             {"Vi kommer inte", "We will not come"},
		"ui.todo.replied":             {"Svaret är sparat.", "The reply has been saved."},
		"ui.todo.bookings":            {"Närmaste bokningar", "Next bookings"},
		"ui.todo.no_bookings":         {"Dina organisationer har inga kommande bokningar.", "Your organisations have no coming bookings."},
		"ui.todo.pending":             {"väntar på beslut", "waiting for a decision"},
	})
}

// Texts of the message settings, the person's log of messages and unsubscribing.
func init() {
	register(map[string]Text{
		"label.lang":             {"språk", "language"},
		"label.wanted":           {"meddelanden", "messages"},
		"label.org_bookings":     {"kopior av beslut", "copies of decisions"},
		"label.reminder_minutes": {"påminnelse", "reminder"},

		"ui.notice.settings_saved": {"Inställningarna är sparade.", "The settings have been saved."},
		"ui.mail_settings.title":   {"Meddelanden och inställningar", "Messages and settings"},
		"ui.mail_settings.heading": {"Meddelanden och inställningar", "Messages and settings"},
		"ui.mail_settings.lead": {
			"Välj vilka e-postmeddelanden du vill få och på vilket språk. Meddelanden som gäller dig själv – en länk för nytt lösenord, en inbjudan, beslut om dina egna förfrågningar – får du alltid.",
			"Choose which e-mail messages you want and in which language. Messages about yourself – a link for a new password, an invitation, decisions on your own requests – always reach you."},
		"ui.mail_settings.account_lead":          {"Välj vilka e-postmeddelanden du får och se vad vi har skickat till dig.", "Choose which e-mail messages you get and see what we have sent you."},
		"ui.mail_settings.account_link":          {"Ändra meddelanden och inställningar", "Change messages and settings"},
		"ui.mail_settings.lang":                  {"Språk i e-post", "Language of e-mail"},
		"ui.mail_settings.lang.sv":               {"Svenska", "Swedish"},
		"ui.mail_settings.lang.en":               {"Engelska", "English"},
		"ui.mail_settings.wanted":                {"Jag vill få e-post om", "Send me e-mail about"},
		"ui.mail_settings.wanted_hint":           {"Kryssa ur det du inte vill få.", "Untick what you do not want."},
		"ui.mail_settings.kind.booking.request":  {"förfrågningar om lokaler som jag beslutar om", "requests for premises I decide on"},
		"ui.mail_settings.kind.meeting":          {"inbjudningar till möten och ändringar av dem", "invitations to meetings and changes to them"},
		"ui.mail_settings.kind.agreement.ending": {"avtal som snart upphör", "agreements that end soon"},
		"ui.mail_settings.kind.booking.reminder": {"påminnelser före bokningar", "reminders before bookings"},
		"ui.mail_settings.org_bookings":          {"Som administratör", "As an administrator"},
		"ui.mail_settings.org_bookings.yes": {
			"Skicka mig även beslut om bokningar som andra i mina organisationer har gjort",
			"Also send me the decisions on bookings others in my organisations made"},
		"ui.mail_settings.reminder":      {"Påminnelse före en bokning", "Reminder before a booking"},
		"ui.mail_settings.reminder.0":    {"Ingen påminnelse", "No reminder"},
		"ui.mail_settings.reminder.60":   {"1 timme före", "1 hour before"},
		"ui.mail_settings.reminder.180":  {"3 timmar före", "3 hours before"},
		"ui.mail_settings.reminder.1440": {"1 dygn före", "1 day before"},
		"ui.mail_settings.reminder.2880": {"2 dygn före", "2 days before"},
		"ui.mail_settings.save":          {"Spara inställningarna", "Save the settings"},
		"ui.mail_settings.log":           {"Skickat till dig", "Sent to you"},
		"ui.mail_settings.log_lead": {
			"Det här är de e-postmeddelanden vi har skickat till dig, det senaste först. Vi sparar dem i %d dagar.",
			"These are the e-mail messages we have sent you, newest first. We keep them for %d days."},
		"ui.mail_settings.log_caption": {"E-post till dig", "E-mail to you"},
		"ui.mail_settings.log_none":    {"Vi har inte skickat något till dig ännu.", "We have not sent you anything yet."},

		"ui.person_messages.link":  {"Skickat", "Messages"},
		"ui.person_messages.title": {"Skickat till %s", "Sent to %s"},
		"ui.person_messages.lead":  {"E-post som Lokalbanken har skickat till %s eller ska skicka, det senaste först.", "E-mail Lokalbanken has sent or will send to %s, newest first."},

		"ui.person_messages.log":      {"Meddelanden", "Messages"},
		"ui.person_messages.log_lead": {"Meddelandena sparas i %d dagar.", "Messages are kept for %d days."},
		"ui.person_messages.log_none": {"Inget har skickats till personen.", "Nothing has been sent to the person."},

		"ui.secret.invitation_kept.title": {"Inbjudan är skapad", "The invitation has been created"},
		"ui.secret.invitation_kept.lead": {
			"Lokalbanken skickar ingen e-post just nu, så kopiera länken och ge den till personen. Länken gäller i sju dagar och kan användas en gång.",
			"Lokalbanken sends no e-mail at the moment, so copy the link and give it to the person. The link is valid for seven days and can be used once."},
		"ui.secret.invitation_kept.label": {"Länk till inbjudan", "Invitation link"},
		"ui.secret.invitation_kept.hint":  {"Länken visas bara nu. Skapa en ny inbjudan om den kommer bort.", "The link is shown only now. Create a new invitation if it gets lost."},
		"ui.secret.invitation_kept.back":  {"Tillbaka till medlemmarna", "Back to the members"},

		"ui.unsubscribe.title":    {"Avsluta meddelanden", "Stop messages"},
		"ui.unsubscribe.heading":  {"Avsluta meddelanden", "Stop messages"},
		"ui.unsubscribe.lead":     {"Vill du sluta få e-post om %s?", "Do you want to stop getting e-mail about %s?"},
		"ui.unsubscribe.submit":   {"Ja, avsluta", "Yes, stop them"},
		"ui.unsubscribe.settings": {"Du kan ändra dig när som helst under", "You can change your mind at any time under"},

		"ui.message.unsubscribed.title": {"Du får inte fler sådana meddelanden", "You will get no more such messages"},
		"ui.message.unsubscribed.text": {
			"Det är ändrat. Vill du ha dem igen slår du på dem under Meddelanden och inställningar när du är inloggad.",
			"Done. If you want them again, turn them on under Messages and settings when you are signed in."},
		"ui.reply_link.title":   {"Svara på inbjudan: %s", "Answer the invitation: %s"},
		"ui.reply_link.heading": {"Svara på inbjudan till %s", "Answer the invitation to %s"},
		"ui.reply_link.lead": {"Länken i mejlet räcker, ingen inloggning behövs. Svaret gäller organisationen och kan ändras fram till mötet.",
			"The link in the mail is enough, no login is needed. The answer is your organisation's and can be changed until the meeting."},
		"ui.reply_link.todo":                      {"Alla inbjudningar som väntar på svar finns också under", "Every invitation that waits for an answer is also under"},
		"problem.reply_link_invalid.title":        {"Länken går inte att svara med", "The link cannot be used to answer"},
		"problem.reply_link_invalid.detail":       {"Länken är okänd, mötet har redan varit eller så kan du inte längre svara för någon inbjuden organisation. Logga in och se sidan Att göra.", "The link is unknown, the meeting has already taken place, or you can no longer answer for any invited organisation. Sign in and see the To do page."},
		"problem.unsubscribe_link_invalid.title":  {"Länken fungerar inte", "The link does not work"},
		"problem.unsubscribe_link_invalid.detail": {"Länken för att avsluta meddelanden är okänd eller för gammal. Logga in och ändra under Meddelanden och inställningar.", "The link to stop messages is unknown or too old. Sign in and change it under Messages and settings."},
	})
}
