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

		"ui.audit.action.join_request.create":  {"Ansökte om att ansluta sig till överenskommelsen", "Asked to join the Compact"},
		"ui.audit.action.join_request.approve": {"Godkände en ansökan om att ansluta sig", "Approved a request to join"},
		"ui.audit.action.join_request.reject":  {"Avslog en ansökan om att ansluta sig", "Rejected a request to join"},
	})
}

// The join form, the applicant's status page and the city administrators' inbox.
func init() {
	register(map[string]Text{
		"ui.nav.join_requests": {"Anslutningar", "Join requests"},

		"ui.join.cta":              {"Anslut din förening", "Join with your organisation"},
		"ui.join.title":            {"Anslut din förening", "Join the Compact"},
		"ui.join.crumb":            {"Anslut", "Join"},
		"ui.join.lead":             {"Föreningar och andra idéburna organisationer kan skriva under överenskommelsen. Fyll i ansökan så tar Borås Stad ställning till den. Du behöver inget konto.", "Associations and other non-profit organisations may sign the Compact. Fill in the request and Borås Stad will decide on it. You need no account."},
		"ui.join.organisation":     {"Organisationen", "The organisation"},
		"ui.join.org_number_hint":  {"Tio siffror, till exempel 802488-9043.", "Ten digits, for example 802488-9043."},
		"ui.join.kind":             {"Typ av organisation", "Kind of organisation"},
		"ui.join.signer":           {"Vem skriver under", "Who signs"},
		"ui.join.signer_hint":      {"Den som skriver under för organisationen. Namn och roll sparas med underskriften men visas inte offentligt.", "The person who signs for the organisation. Name and role are kept with the signature but not shown publicly."},
		"ui.join.signer_role_hint": {"Till exempel ordförande.", "For example chair."},
		"ui.join.contact":          {"Kontaktperson", "Contact"},
		"ui.join.contact_hint":     {"Vi hör av oss hit om ansökan. Uppgifterna visas bara för dig och för Borås Stads administratörer.", "We will contact you here about the request. Only you and Borås Stad's administrators see these details."},
		"ui.join.submit":           {"Skicka ansökan", "Send the request"},
		"ui.join.own_requests":     {"Ansökningar från dina organisationer", "Requests of your organisations"},
		"ui.join.col_organisation": {"Organisation", "Organisation"},
		"ui.join.col_made":         {"Skickad", "Sent"},
		"ui.join.col_status":       {"Status", "Status"},
		"ui.join.reason":           {"Skäl", "Reason"},
		"ui.join.org_number":       {"Organisationsnummer", "Organisation number"},
		"ui.join.version":          {"Version att skriva under", "Version to sign"},
		"ui.join.decided":          {"Beslutad", "Decided"},
		"ui.join.signed_on":        {"Undertecknad", "Signed"},
		"ui.join.status.pending":   {"Väntar på beslut", "Waiting for a decision"},
		"ui.join.status.approved":  {"Godkänd", "Approved"},
		"ui.join.status.rejected":  {"Avslagen", "Rejected"},

		"ui.join_status.title":         {"Ansökan för %s", "Request of %s"},
		"ui.join_status.received":      {"Tack! Ansökan är mottagen.", "Thank you! The request has been received."},
		"ui.join_status.link_label":    {"Din länk till ansökan", "Your link to the request"},
		"ui.join_status.link_hint":     {"Spara länken: med den ser du när ansökan är avgjord. Den visas bara nu, och den som har länken ser ansökan, så dela den inte.", "Keep the link: with it you see when the request has been decided. It is shown only now, and whoever has it sees the request, so do not share it."},
		"ui.join_status.lead.pending":  {"Ansökan väntar på beslut av Borås Stad.", "The request is waiting for Borås Stad's decision."},
		"ui.join_status.lead.approved": {"Ansökan är godkänd: organisationen har skrivit under överenskommelsen och står med bland undertecknarna.", "The request is approved: the organisation has signed the Compact and is listed among the signatories."},
		"ui.join_status.lead.rejected": {"Ansökan är avslagen. Skälet står nedan.", "The request has been rejected. The reason is given below."},
		"ui.join_status.to_compact":    {"Till överenskommelsen och dess undertecknare", "To the Compact and its signatories"},

		"ui.join_inbox.title":          {"Ansökningar om att ansluta sig", "Requests to join"},
		"ui.join_inbox.lead":           {"Organisationer som vill skriva under överenskommelsen. Godkänn för att lägga till organisationen och dess underskrift, eller avslå med ett skäl som den sökande ser. Besluten är slutliga.", "Organisations that want to sign the Compact. Approve to add the organisation and its signature, or reject with a reason the applicant sees. Decisions are final."},
		"ui.join_inbox.none":           {"Inga ansökningar väntar på beslut.", "No requests are waiting for a decision."},
		"ui.join_inbox.approve":        {"Godkänn", "Approve"},
		"ui.join_inbox.reject":         {"Avslå", "Reject"},
		"ui.join_inbox.signed_on_hint": {"Lämna tomt för i dag.", "Leave empty for today."},
		"ui.join_inbox.reason_hint":    {"Visas för den sökande.", "Shown to the applicant."},
		"ui.join_inbox.approved":       {"Ansökan är godkänd och organisationen har skrivit under.", "The request is approved and the organisation has signed."},
		"ui.join_inbox.rejected":       {"Ansökan är avslagen.", "The request has been rejected."},
	})
}
