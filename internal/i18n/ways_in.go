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
