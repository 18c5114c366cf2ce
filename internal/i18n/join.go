package i18n

// Joining the Compact ("Anslut din förening"): problems, field messages and labels.
func init() {
	register(map[string]Text{
		"problem.join_request_not_found.title":  {"Ansökan finns inte", "Request not found"},
		"problem.join_request_not_found.detail": {"Det finns ingen ansökan om att ansluta sig med den länken eller det id:t.", "There is no request to join with that link or id."},
		"problem.join_request_decided.title":    {"Ansökan är redan avgjord", "The request has already been decided"},
		"problem.join_request_decided.detail":   {"Ansökan har redan godkänts eller avslagits, och beslutet står fast.", "The request has already been approved or rejected, and the decision is final."},

		"validation.join_pending":   {"Det finns redan en ansökan för det här organisationsnumret som väntar på beslut.", "A request for this organisation number is already waiting for a decision."},
		"validation.already_signed": {"Organisationen med det här numret har redan skrivit under den här versionen av överenskommelsen.", "The organisation with this number has already signed this version of the Compact."},

		"label.organisation_name": {"organisationens namn", "organisation's name"},
	})
}
