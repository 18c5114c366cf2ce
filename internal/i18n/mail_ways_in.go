package i18n

// The messages of the ways in (internal/letter): reset links, invitations, requests to join
// the Compact, agreements about to end.
func init() {
	register(map[string]Text{
		"mail.fact.organisation": {"Organisation", "Organisation"},
		"mail.fact.org_number":   {"Organisationsnummer", "Organisation number"},
		"mail.fact.role":         {"Roll", "Role"},
		"mail.fact.reason":       {"Motivering", "Reason"},
		"mail.fact.agreement":    {"Avtal", "Agreement"},
		"mail.fact.ends":         {"Gäller till och med", "Valid until"},

		"mail.password_reset.subject":  {"Välj ett nytt lösenord till Lokalbanken", "Choose a new password for Lokalbanken"},
		"mail.password_reset.greeting": {"Hej %s!", "Hello %s,"},
		"mail.password_reset.text": {
			"Någon, förhoppningsvis du, bad om en länk för att välja ett nytt lösenord till ditt konto i Lokalbanken. Länken gäller i en timme och kan användas en gång.",
			"Someone, hopefully you, asked for a link to choose a new password for your Lokalbanken account. The link works for one hour and can be used once."},
		"mail.password_reset.not_you": {
			"Bad du inte om det kan du bortse från det här meddelandet: ditt lösenord är oförändrat.",
			"If you did not ask for it, you can ignore this message: your password is unchanged."},
		"mail.password_reset.action": {"Välj ett nytt lösenord", "Choose a new password"},

		"mail.invitation.subject":       {"Inbjudan till %s i Lokalbanken", "Invitation to %s in Lokalbanken"},
		"mail.invitation.by_city":       {"Borås Stad", "The City of Borås"},
		"mail.invitation.text":          {"%s bjuder in dig till %s i Lokalbanken, som %s.", "%s invites you to %s in Lokalbanken, as %s."},
		"mail.invitation.expires":       {"Inbjudan gäller till %s och kan användas en gång.", "The invitation works until %s and can be used once."},
		"mail.invitation.role.admin":    {"administratör", "administrator"},
		"mail.invitation.role.booker":   {"bokare", "booker"},
		"mail.invitation.action":        {"Tacka ja till inbjudan", "Accept the invitation"},
		"mail.join_received.subject":    {"Vi har tagit emot ansökan från %s", "We have received the request from %s"},
		"mail.join_received.greeting":   {"Hej %s!", "Hello %s,"},
		"mail.join_received.text":       {"Tack! Ansökan om att %s ska ansluta till Överenskommelsen är mottagen. Borås Stad går igenom den och du får ett nytt meddelande när den är beslutad.", "Thank you! The request for %s to join the Compact has been received. The City of Borås will review it, and you will get another message once it is decided."},
		"mail.join_received.action":     {"Följ ansökan", "Follow the request"},
		"mail.join_approved.subject":    {"%s har anslutit till Överenskommelsen", "%s has joined the Compact"},
		"mail.join_approved.text":       {"Ansökan är godkänd: %s har skrivit under Överenskommelsen och finns nu med bland undertecknarna. Har organisationen ingen administratör i Lokalbanken än får du en inbjudan i ett eget meddelande.", "The request is approved: %s has signed the Compact and is now listed among its signatories. If the organisation has no administrator in Lokalbanken yet, you will get an invitation in a message of its own."},
		"mail.join_approved.action":     {"Se undertecknarna", "See the signatories"},
		"mail.join_rejected.subject":    {"Ansökan från %s är inte godkänd", "The request from %s was not approved"},
		"mail.join_rejected.text":       {"Ansökan om att %s ska ansluta till Överenskommelsen är inte godkänd. Borås Stad har angett motiveringen nedan. Du är välkommen att höra av dig eller att ansöka igen.", "The request for %s to join the Compact was not approved. The City of Borås gives its reason below. You are welcome to get in touch or to apply again."},
		"mail.agreement_ending.subject": {"Avtalet %s upphör %s", "The agreement %s ends on %s"},
		"mail.agreement_ending.text": {
			"Avtalet %s, där %s är part, gäller till och med %s. Vill ni fortsätta samarbetet behöver avtalet förnyas innan dess.",
			"The agreement %s, to which %s is a party, is valid until %s. If you wish to go on working together, it needs to be renewed before then."},
		"mail.agreement_ending.action": {"Visa avtalet", "Show the agreement"},
		"mail.fact.when":               {"När", "When"},
		"mail.fact.where":              {"Var", "Where"},
		"mail.reminder.subject":        {"Påminnelse: %s, %s", "Reminder: %s, %s"},
		"mail.reminder.text":           {"Det här är en påminnelse om bokningen %s. Kan ni inte komma, avboka gärna så att någon annan kan använda lokalen.", "This is a reminder of the booking %s. If you cannot come, please cancel so that someone else can use the room."},
		"mail.reminder.action":         {"Visa bokningen", "Show the booking"},
	})
}
