package i18n

// Texts of single sign-on: the login page's button and what a refused sign-in says.
func init() {
	register(map[string]Text{
		"ui.login.sso.or":      {"Arbetar du i Borås Stad?", "Do you work for the City of Borås?"},
		"ui.login.sso.submit":  {"Logga in med %s", "Sign in with %s"},
		"ui.login.sso.account": {"Borås Stads konto", "City of Borås account"},
		"ui.login.sso.lead": {
			"Föreningar loggar in med e-postadress och lösenord nedan.",
			"Associations sign in with their email address and password below."},

		"problem.sso_state.title": {"Inloggningen kunde inte slutföras", "The sign-in could not be completed"},
		"problem.sso_state.detail": {
			"Inloggningen hade redan använts, tagit för lång tid eller startats i en annan webbläsare. Börja om med knappen nedan.",
			"The sign-in had been used already, took too long or was started in another browser. Start again with the button below."},
		"problem.sso_refused.title": {"Inloggningen godtogs inte", "The sign-in was not accepted"},
		"problem.sso_refused.detail": {
			"Inloggningstjänsten avbröt inloggningen eller gav ett svar som inte kunde kontrolleras. Försök igen; hjälper det inte, kontakta Lokalbankens administratör.",
			"The sign-in service cancelled the sign-in or gave an answer that could not be verified. Try again; if that does not help, contact Lokalbanken's administrator."},
		"problem.sso_unavailable.title": {"Inloggningstjänsten svarar inte", "The sign-in service does not answer"},
		"problem.sso_unavailable.detail": {
			"Försök igen om en stund.",
			"Try again in a while."},
		"problem.sso_email_taken.title": {"Det finns redan ett konto med din e-postadress", "There is already an account with your email address"},
		"problem.sso_email_taken.detail": {
			"Kontot kan inte kopplas till din inloggning automatiskt. Logga in med lösenordet, eller be en administratör för Lokalbanken om hjälp.",
			"The account cannot be linked to your sign-in automatically. Sign in with its password, or ask an administrator of Lokalbanken for help."},
		"problem.sso_no_email.title": {"Inloggningstjänsten gav ingen e-postadress", "The sign-in service gave no email address"},
		"problem.sso_no_email.detail": {
			"Ett konto behöver en e-postadress. Be Lokalbankens administratör om hjälp.",
			"An account needs an email address. Ask Lokalbanken's administrator for help."},

		"ui.audit.action.login.sso":             {"Loggade in med single sign-on", "Signed in with single sign-on"},
		"ui.audit.action.user.sso_link":         {"Kopplade kontot till single sign-on", "Linked the account to single sign-on"},
		"ui.audit.action.user.sso_city_admin":   {"Fick eller miste rollen stadsadministratör enligt grupper vid inloggning", "Got or lost the city administrator role from groups at sign-in"},
		"ui.audit.action.membership.sso_set":    {"Fick roll enligt grupper vid inloggning", "Got a role from groups at sign-in"},
		"ui.audit.action.membership.sso_remove": {"Miste roll enligt grupper vid inloggning", "Lost a role from groups at sign-in"},
	})
}
