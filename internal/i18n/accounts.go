package i18n

// Messages of accounts and sign-in: field codes that only the account service produces, and
// its problems.
func init() {
	register(map[string]Text{
		"validation.password_short":  {"Lösenordet måste ha minst {param} tecken.", "The password must be at least {param} characters long."},
		"validation.password_common": {"Lösenordet är för vanligt och lätt att gissa. Välj ett annat.", "The password is too common and easy to guess. Choose another."},
		"validation.wrong_password":  {"Det nuvarande lösenordet stämmer inte.", "The current password is not right."},
		"validation.future":          {"{field} måste ligga i framtiden.", "{field} must be in the future."},

		"label.password":         {"lösenord", "password"},
		"label.current_password": {"nuvarande lösenord", "current password"},
		"label.expires_at":       {"giltig till", "expiry"},
		"label.role":             {"roll", "role"},
		"label.city_admin":       {"stadsadministratör", "city administrator"},

		"problem.invitation_for_other.title":  {"Inbjudan gäller någon annan", "The invitation is for someone else"},
		"problem.invitation_for_other.detail": {"Inbjudan skickades till en annan e-postadress än din. Logga ut och öppna länken igen, eller be om en inbjudan till din adress.", "The invitation was sent to another email address than yours. Sign out and open the link again, or ask for an invitation to your address."},
		"problem.membership_not_found.title":  {"Personen är inte medlem", "Not a member"},
		"problem.membership_not_found.detail": {"Personen är inte medlem i organisationen.", "The person is not a member of the organisation."},
	})
}
