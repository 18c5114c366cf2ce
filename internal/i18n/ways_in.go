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
