package i18n

// Texts of the web pages (internal/webui and web/templates), by page.
func init() {
	register(map[string]Text{
		// Layout
		"ui.site.tagline": {"Lokaler för föreningslivet i Borås", "Premises for civil society in Borås"},
		"ui.site.description": {
			"Hitta och dela lokaler i Borås – för föreningar, idéburna organisationer och Borås Stad.",
			"Find and share premises in Borås – for associations, non-profit organisations and the City of Borås."},
		"ui.skip_to_content": {"Hoppa till innehållet", "Skip to content"},
		"ui.lang.switch":     {"In English", "På svenska"},
		"ui.nav.label":       {"Huvudmeny", "Main menu"},
		"ui.nav.home":        {"Start", "Home"},
		"ui.nav.venues":      {"Lokaler", "Premises"},
		"ui.nav.new_venue":   {"Dela en lokal", "Share premises"},
		"ui.breadcrumbs":     {"Du är här", "You are here"},
		"ui.footer.about": {
			"Lokalbanken är en del av Överenskommelsen mellan Borås Stad och det idéburna Borås.",
			"Lokalbanken is part of the Compact (Överenskommelsen) between the City of Borås and civil society in Borås."},
		"ui.footer.owner": {"Borås Stad och föreningslivet i samverkan.", "The City of Borås and civil society, together."},

		// Small words
		"ui.yes":     {"Ja", "Yes"},
		"ui.no":      {"Nej", "No"},
		"ui.none":    {"Inga", "None"},
		"ui.unknown": {"Uppgift saknas", "Not stated"},
		"ui.unit.m2": {"%s\u00a0m²", "%s\u00a0m²"},

		"ui.count.people.one":               {"%d\u00a0person", "%d\u00a0person"},
		"ui.count.people.other":             {"%d\u00a0personer", "%d\u00a0people"},
		"ui.count.rooms.one":                {"%d rum", "%d room"},
		"ui.count.rooms.other":              {"%d rum", "%d rooms"},
		"ui.count.venues_word.one":          {"lokal", "venue"},
		"ui.count.venues_word.other":        {"lokaler", "venues"},
		"ui.count.rooms_word.one":           {"rum", "room"},
		"ui.count.rooms_word.other":         {"rum", "rooms"},
		"ui.count.organisations_word.one":   {"organisation", "organisation"},
		"ui.count.organisations_word.other": {"organisationer", "organisations"},

		"ui.kind_group.city":        {"Borås Stad och förvaltningar", "City of Borås and its departments"},
		"ui.kind_group.association": {"Föreningar", "Associations"},
		"ui.kind_group.other":       {"Andra organisationer", "Other organisations"},

		// Start page
		"ui.home.title":   {"Hitta en lokal i Borås", "Find premises in Borås"},
		"ui.home.heading": {"Hitta en lokal för din förening", "Find a room for your association"},
		"ui.home.lead": {
			"Lokalbanken samlar lokaler som Borås Stad och föreningar kan låna ut till varandra: samlingssalar, mötesrum, kök och idrottslokaler.",
			"Lokalbanken gathers the premises that the City of Borås and associations can lend each other: halls, meeting rooms, kitchens and sports venues."},
		"ui.home.compact": {
			"Den är en del av Överenskommelsen mellan Borås Stad och det idéburna Borås. I dess handlingsplan står att vi ska öka möjligheten att använda varandras lokaler – det är vad Lokalbanken är till för.",
			"It is part of the Compact between the City of Borås and civil society. Its action plan says we shall make it easier to use each other's premises – that is what Lokalbanken is for."},
		"ui.home.numbers":      {"Lokalbanken i siffror", "Lokalbanken in numbers"},
		"ui.home.districts":    {"Lokaler per stadsdel", "Premises by district"},
		"ui.home.some_venues":  {"Några av lokalerna", "Some of the premises"},
		"ui.home.all_venues":   {"Visa alla lokaler", "Show all premises"},
		"ui.home.share_title":  {"Har ni en lokal som andra kan använda?", "Do you have premises others could use?"},
		"ui.home.share_text":   {"Lägg in den i Lokalbanken så hittar andra föreningar och förvaltningar den.", "Add them to Lokalbanken so that other associations and departments can find them."},
		"ui.home.share_button": {"Lägg till en lokal", "Add premises"},
		"ui.search.label":      {"Sök lokal", "Search premises"},
		"ui.search.button":     {"Sök", "Search"},
		"ui.search.hint":       {"Till exempel ett namn, en gata, en stadsdel eller en förening.", "For example a name, a street, a district or an association."},

		// Premises list
		"ui.venues.title":              {"Lokaler", "Premises"},
		"ui.venues.heading":            {"Lokaler att låna och hyra", "Premises to borrow and rent"},
		"ui.venues.lead":               {"Välj vad lokalen behöver ha, så visas de lokaler som passar.", "Choose what the premises need to have, and the ones that fit are shown."},
		"ui.venues.results":            {"Lokaler", "Premises"},
		"ui.venues.showing.one":        {"%d lokal passar.", "%d venue matches."},
		"ui.venues.showing.other":      {"%d lokaler passar.", "%d venues match."},
		"ui.venues.showing_more.one":   {"Visar %d lokal. Det finns fler på nästa sida.", "Showing %d venue. There are more on the next page."},
		"ui.venues.showing_more.other": {"Visar %d lokaler. Det finns fler på nästa sida.", "Showing %d venues. There are more on the next page."},
		"ui.venues.to_results":         {"Gå direkt till lokalerna", "Go straight to the premises"},
		"ui.venues.none":               {"Inga lokaler passar. Prova att ta bort något av valen.", "No premises match. Try removing one of the choices."},
		"ui.venues.none_yet":           {"Det finns inga lokaler i Lokalbanken än.", "There are no premises in Lokalbanken yet."},
		"ui.venues.fix_filters":        {"Rätta valen ovan så visas lokalerna.", "Correct the choices above to see the premises."},
		"ui.filters.title":             {"Vad behöver ni?", "What do you need?"},
		"ui.filters.owner_kind":        {"Ägare", "Owner"},
		"ui.filters.any_owner":         {"Alla ägare", "Any owner"},
		"ui.filters.district":          {"Stadsdel", "District"},
		"ui.filters.any_district":      {"Alla stadsdelar", "All districts"},
		"ui.filters.capacity_hint":     {"Antal personer som ska få plats i samma rum.", "How many people must fit in one room."},
		"ui.filters.submit":            {"Visa lokaler", "Show premises"},
		"ui.filters.clear":             {"Rensa valen", "Clear choices"},
		"ui.pagination.label":          {"Fler sidor", "More pages"},
		"ui.pagination.next":           {"Nästa sida", "Next page"},
		"ui.pagination.first":          {"Första sidan", "First page"},

		// A venue
		"ui.venue.owner":            {"Ägare", "Owner"},
		"ui.venue.address":          {"Adress", "Address"},
		"ui.venue.district":         {"Stadsdel", "District"},
		"ui.venue.rooms":            {"Rum", "Rooms"},
		"ui.venue.max_capacity":     {"Största rummet", "Largest room"},
		"ui.venue.accessibility":    {"Tillgänglighet", "Accessibility"},
		"ui.venue.no_accessibility": {"Inga uppgifter om tillgänglighet.", "No accessibility facts given."},
		"ui.venue.about":            {"Om lokalen", "About the premises"},
		"ui.venue.rooms_heading":    {"Rum", "Rooms"},
		"ui.venue.rooms_caption":    {"Rummen i %s", "The rooms of %s"},
		"ui.venue.no_rooms":         {"Lokalen har inga rum att boka än.", "The premises have no rooms to book yet."},
		"ui.venue.contact":          {"Kontakt", "Contact"},
		"ui.venue.no_contact":       {"Ingen kontakt angiven.", "No contact given."},
		"ui.venue.location":         {"Hitta hit", "Getting there"},
		"ui.venue.map_link":         {"Visa platsen på OpenStreetMap", "Show the place on OpenStreetMap"},
		"ui.venue.updated":          {"Senast ändrad %s", "Last changed %s"},
		"ui.venue.edit":             {"Ändra lokalen", "Edit premises"},
		"ui.venue.add_room":         {"Lägg till rum", "Add a room"},
		"ui.venue.archived":         {"Lokalen är arkiverad och kan inte bokas.", "These premises are archived and cannot be booked."},

		// A room
		"ui.room.name":          {"Rum", "Room"},
		"ui.room.capacity":      {"Tar emot", "Capacity"},
		"ui.room.area":          {"Yta", "Area"},
		"ui.room.facilities":    {"Utrustning", "Facilities"},
		"ui.room.bookable":      {"Kan bokas", "Bookable"},
		"ui.room.about":         {"Om rummet", "About the room"},
		"ui.room.in_venue":      {"I", "In"},
		"ui.room.no_facilities": {"Ingen utrustning angiven.", "No facilities stated."},
		"ui.room.archived":      {"Rummet är arkiverat och kan inte bokas.", "This room is archived and cannot be booked."},

		// An organisation
		"ui.organisation.kind":        {"Typ av organisation", "Kind of organisation"},
		"ui.organisation.org_number":  {"Organisationsnummer", "Organisation number"},
		"ui.organisation.parent":      {"Del av", "Part of"},
		"ui.organisation.website":     {"Webbplats", "Website"},
		"ui.organisation.email":       {"E-post", "Email"},
		"ui.organisation.phone":       {"Telefon", "Phone"},
		"ui.organisation.departments": {"Förvaltningar", "Departments"},
		"ui.organisation.venues":      {"Lokaler", "Premises"},
		"ui.organisation.no_venues":   {"Organisationen har inga lokaler i Lokalbanken.", "The organisation has no premises in Lokalbanken."},
		"ui.organisation.add_venue":   {"Lägg till en lokal", "Add premises"},
		"ui.organisation.archived":    {"Organisationen är arkiverad.", "The organisation is archived."},

		// Forms
		"ui.form.optional":           {"(frivilligt)", "(optional)"},
		"ui.form.error_prefix":       {"Fel:", "Error:"},
		"ui.form.title_error_prefix": {"Fel:", "Error:"},
		"ui.form.error_summary":      {"Något behöver rättas", "There is a problem"},
		"ui.form.cancel":             {"Avbryt", "Cancel"},

		"ui.venue_form.new_title":             {"Lägg till en lokal", "Add premises"},
		"ui.venue_form.new_heading":           {"Lägg till en lokal", "Add premises"},
		"ui.venue_form.new_lead":              {"Berätta om lokalen så att andra kan hitta den. Rummen lägger du till efteråt.", "Describe the premises so that others can find them. You add the rooms afterwards."},
		"ui.venue_form.edit_title":            {"Ändra %s", "Edit %s"},
		"ui.venue_form.edit_heading":          {"Ändra lokalen", "Edit premises"},
		"ui.venue_form.section_venue":         {"Lokalen", "The premises"},
		"ui.venue_form.section_address":       {"Adress och läge", "Address and location"},
		"ui.venue_form.section_accessibility": {"Tillgänglighet", "Accessibility"},
		"ui.venue_form.section_contact":       {"Kontakt", "Contact"},
		"ui.venue_form.choose_owner":          {"Välj ägare", "Choose an owner"},
		"ui.venue_form.description_hint":      {"Vad passar lokalen för? Hur tar man sig dit?", "What are the premises good for? How do you get there?"},
		"ui.venue_form.postal_code_hint":      {"Fem siffror, till exempel 503 35.", "Five digits, for example 503 35."},
		"ui.venue_form.district_hint":         {"Till exempel Centrum, Norrby eller Hässleholmen.", "For example Centrum, Norrby or Hässleholmen."},
		"ui.venue_form.latitude_hint":         {"I decimalgrader, till exempel 57,7215.", "In decimal degrees, for example 57.7215."},
		"ui.venue_form.longitude_hint":        {"I decimalgrader, till exempel 12,9401.", "In decimal degrees, for example 12.9401."},
		"ui.venue_form.accessibility_label":   {"Lokalen har", "The premises have"},
		"ui.venue_form.accessibility_hint":    {"Kryssa i det som stämmer.", "Tick what applies."},
		"ui.venue_form.accessibility_note_hint": {
			"Till exempel var entrén utan trappsteg finns eller hur bred dörren är.",
			"For example where the step-free entrance is or how wide the door is."},
		"ui.venue_form.create": {"Spara lokalen", "Save the premises"},
		"ui.venue_form.save":   {"Spara ändringarna", "Save changes"},
		"ui.venue_form.stale": {
			"Någon annan har ändrat lokalen medan du redigerade. Dina ändringar är inte sparade. Kontrollera uppgifterna nedan och spara igen om du vill skriva över, eller avbryt för att se den nya versionen.",
			"Someone else changed these premises while you were editing. Your changes have not been saved. Check the details below and save again to overwrite, or cancel to see the new version."},

		"ui.room_form.title":          {"Lägg till rum i %s", "Add a room to %s"},
		"ui.room_form.heading":        {"Lägg till ett rum", "Add a room"},
		"ui.room_form.lead":           {"Rummet hamnar i %s.", "The room will be part of %s."},
		"ui.room_form.capacity_hint":  {"Hur många personer får vara i rummet samtidigt?", "How many people may be in the room at once?"},
		"ui.room_form.area_hint":      {"I kvadratmeter.", "In square metres."},
		"ui.room_form.bookable_label": {"Bokning", "Booking"},
		"ui.room_form.bookable_hint":  {"Ta bort krysset om rummet inte ska gå att boka just nu.", "Untick if the room should not be bookable for now."},
		"ui.room_form.bookable.yes":   {"Rummet kan bokas", "The room can be booked"},
		"ui.room_form.create":         {"Spara rummet", "Save the room"},

		// Error pages
		"ui.not_found.title":   {"Sidan finns inte", "Page not found"},
		"ui.not_found.heading": {"Sidan finns inte", "Page not found"},
		"ui.not_found.text": {
			"Sidan kan ha tagits bort eller flyttats, eller så är adressen felstavad.",
			"The page may have been removed or moved, or the address is misspelt."},
		"ui.not_found.home":       {"Gå till startsidan", "Go to the home page"},
		"ui.not_found.venues":     {"Se alla lokaler", "See all premises"},
		"ui.error.back":           {"Tillbaka till sidan du kom från", "Back to the page you came from"},
		"ui.error.request_id":     {"Ange det här numret om du kontaktar oss:", "Quote this number if you contact us:"},
		"ui.error.internal.title": {"Något gick fel hos oss", "Something went wrong on our side"},
		"ui.error.internal.detail": {
			"Sidan kunde inte visas. Försök igen om en stund.",
			"The page could not be shown. Please try again shortly."},
		"ui.error.csrf.title": {"Formuläret kunde inte skickas", "The form could not be sent"},
		"ui.error.csrf.detail": {
			"Formuläret har gått ut eller kom inte från Lokalbanken, så inget har sparats. Gå tillbaka, ladda om sidan och försök igen.",
			"The form has expired or did not come from Lokalbanken, so nothing was saved. Go back, reload the page and try again."},
		"ui.error.forbidden.title":   {"Du får inte göra det här", "You may not do this"},
		"ui.error.forbidden.detail":  {"Du har inte behörighet till sidan.", "You do not have access to this page."},
		"ui.error.bad_request.title": {"Adressen kunde inte användas", "The address could not be used"},
		"ui.error.bad_request.detail": {
			"Något i adressen är fel. Gå tillbaka och försök igen.",
			"Something in the address is wrong. Go back and try again."},
	})

	// Texts of the pages about people: signing in, my account, members, invitations, password
	// resets and the user administration.
	register(map[string]Text{
		// Layout
		"ui.nav.login":        {"Logga in", "Sign in"},
		"ui.nav.logout":       {"Logga ut", "Sign out"},
		"ui.nav.account":      {"Mitt konto", "My account"},
		"ui.nav.users":        {"Användare", "Users"},
		"ui.nav.signed_in_as": {"Inloggad som %s", "Signed in as %s"},

		"ui.notice.profile_saved":       {"Dina uppgifter är sparade.", "Your details have been saved."},
		"ui.notice.password_changed":    {"Lösenordet är bytt. Du är utloggad överallt utom här.", "Your password has been changed. You have been signed out everywhere but here."},
		"ui.notice.token_revoked":       {"API-nyckeln är återkallad och fungerar inte längre.", "The API token has been revoked and no longer works."},
		"ui.notice.role_changed":        {"Rollen är ändrad.", "The role has been changed."},
		"ui.notice.member_removed":      {"Personen är borttagen ur organisationen.", "The person has been removed from the organisation."},
		"ui.notice.invitation_accepted": {"Välkommen! Du är nu medlem i organisationen.", "Welcome! You are now a member of the organisation."},
		"ui.notice.city_admin_changed":  {"Behörigheten är ändrad.", "The permission has been changed."},

		"ui.role.admin":  {"Administratör", "Administrator"},
		"ui.role.booker": {"Bokare", "Booker"},

		// Login
		"ui.login.title":    {"Logga in", "Sign in"},
		"ui.login.heading":  {"Logga in", "Sign in"},
		"ui.login.lead":     {"Logga in för att lägga till och ändra din organisations lokaler.", "Sign in to add and change your organisation's premises."},
		"ui.login.email":    {"E-postadress", "Email address"},
		"ui.login.password": {"Lösenord", "Password"},
		"ui.login.submit":   {"Logga in", "Sign in"},
		"ui.login.forgot": {
			"Har du glömt lösenordet? Be en administratör på Borås Stad om en länk för att välja ett nytt.",
			"Forgotten your password? Ask an administrator at the City of Borås for a link to choose a new one."},
		"ui.login.wait": {
			"Av säkerhetsskäl kan du inte logga in just nu. Försök igen om %d minuter.",
			"For your security you cannot sign in right now. Please try again in %d minutes."},

		// My account
		"ui.account.title":                 {"Mitt konto", "My account"},
		"ui.account.heading":               {"Mitt konto", "My account"},
		"ui.account.lead":                  {"Du är inloggad som %s (%s).", "You are signed in as %s (%s)."},
		"ui.account.profile":               {"Mina uppgifter", "My details"},
		"ui.account.save_profile":          {"Spara uppgifterna", "Save details"},
		"ui.account.organisations":         {"Mina organisationer", "My organisations"},
		"ui.account.organisations_caption": {"Organisationer du är medlem i", "Organisations you are a member of"},
		"ui.account.organisation":          {"Organisation", "Organisation"},
		"ui.account.role":                  {"Roll", "Role"},
		"ui.account.members":               {"Medlemmar", "Members"},
		"ui.account.show_members":          {"Visa medlemmar", "Show members"},
		"ui.account.no_organisations": {
			"Du är inte medlem i någon organisation än. En administratör i organisationen kan bjuda in dig.",
			"You are not a member of any organisation yet. An administrator of the organisation can invite you."},
		"ui.account.tokens": {"API-nycklar", "API tokens"},
		"ui.account.tokens_lead": {
			"Med en API-nyckel kan ett program eller skript använda Lokalbankens API i ditt namn. Skicka den i huvudet Authorization: Bearer. Återkalla en nyckel som du inte längre använder.",
			"An API token lets a program or script use Lokalbanken's API on your behalf. Send it in the Authorization: Bearer header. Revoke a token you no longer use."},
		"ui.account.tokens_caption":     {"Dina API-nycklar", "Your API tokens"},
		"ui.account.token_name":         {"Namn på nyckeln", "Token name"},
		"ui.account.token_name_hint":    {"Så att du känner igen den, till exempel ”Bokningsexport”.", "So that you recognise it, for example “Booking export”."},
		"ui.account.token_prefix":       {"Början", "Starts with"},
		"ui.account.token_created":      {"Skapad", "Created"},
		"ui.account.token_last_used":    {"Senast använd", "Last used"},
		"ui.account.token_expires":      {"Giltig till", "Expires"},
		"ui.account.token_expires_hint": {"Nyckeln slutar fungera när dagen är slut. Lämna tomt för en nyckel utan slutdatum.", "The token stops working at the end of that day. Leave empty for a token without an end date."},
		"ui.account.token_state":        {"Status", "Status"},
		"ui.account.never":              {"Aldrig", "Never"},
		"ui.account.no_expiry":          {"Inget slutdatum", "No end date"},
		"ui.account.no_tokens":          {"Du har inga API-nycklar.", "You have no API tokens."},
		"ui.account.new_token":          {"Skapa en API-nyckel", "Create an API token"},
		"ui.account.create_token":       {"Skapa nyckeln", "Create token"},
		"ui.account.revoke":             {"Återkalla", "Revoke"},
		"ui.token_state.active":         {"Gäller", "Active"},
		"ui.token_state.expired":        {"Har gått ut", "Expired"},
		"ui.token_state.revoked":        {"Återkallad", "Revoked"},
		"ui.account.password":           {"Byt lösenord", "Change password"},
		"ui.account.current_password":   {"Nuvarande lösenord", "Current password"},
		"ui.account.new_password":       {"Nytt lösenord", "New password"},
		"ui.account.password_hint": {
			"Minst 10 tecken. Flera ord i följd är lätta att minnas och svåra att gissa.",
			"At least 10 characters. Several words in a row are easy to remember and hard to guess."},
		"ui.account.change_password": {"Byt lösenord", "Change password"},
		"ui.account.data":            {"Dina uppgifter i Lokalbanken", "Your data in Lokalbanken"},
		"ui.account.data_lead": {
			"Du kan ladda ner allt Lokalbanken har sparat om dig, och radera ditt konto.",
			"You can download everything Lokalbanken has stored about you, and delete your account."},
		"ui.account.export": {"Ladda ner mina uppgifter (JSON)", "Download my data (JSON)"},
		"ui.account.delete": {"Radera mitt konto", "Delete my account"},

		"ui.account_delete.title":   {"Radera mitt konto", "Delete my account"},
		"ui.account_delete.heading": {"Vill du radera ditt konto?", "Do you want to delete your account?"},
		"ui.account_delete.lead":    {"Kontot för %s raderas direkt och kan inte återställas.", "The account for %s is deleted at once and cannot be restored."},
		"ui.account_delete.goes": {
			"Ditt namn, din e-postadress, ditt telefonnummer, dina medlemskap, API-nycklar och inloggningar tas bort.",
			"Your name, email address, phone number, memberships, API tokens and sessions are removed."},
		"ui.account_delete.stays": {
			"Det du har gjort för en organisation, till exempel lokaler du har lagt in, finns kvar hos organisationen, men utan ditt namn.",
			"What you did for an organisation, such as premises you added, stays with the organisation, but without your name."},
		"ui.account_delete.export": {"Vill du spara dina uppgifter först?", "Want to keep a copy of your data first?"},
		"ui.account_delete.submit": {"Ja, radera mitt konto", "Yes, delete my account"},

		// Secrets shown once
		"ui.secret.token.title": {"Din nya API-nyckel", "Your new API token"},
		"ui.secret.token.lead": {
			"Kopiera nyckeln nu och förvara den säkert. Den visas bara den här gången; Lokalbanken sparar den inte.",
			"Copy the token now and keep it safe. It is shown only this once; Lokalbanken does not keep it."},
		"ui.secret.token.label": {"API-nyckel", "API token"},
		"ui.secret.token.hint":  {"Skicka den i huvudet Authorization: Bearer när du anropar API:et.", "Send it in the Authorization: Bearer header when you call the API."},
		"ui.secret.token.back":  {"Tillbaka till mitt konto", "Back to my account"},

		"ui.secret.invitation.title": {"Inbjudan är skapad", "The invitation has been created"},
		"ui.secret.invitation.lead": {
			"Kopiera länken och skicka den till personen, till exempel med e-post. Länken gäller i sju dagar och kan användas en gång.",
			"Copy the link and send it to the person, by email for example. The link is valid for seven days and can be used once."},
		"ui.secret.invitation.label": {"Länk till inbjudan", "Invitation link"},
		"ui.secret.invitation.hint":  {"Länken visas bara nu. Skapa en ny inbjudan om den kommer bort.", "The link is shown only now. Create a new invitation if it gets lost."},
		"ui.secret.invitation.back":  {"Tillbaka till medlemmarna", "Back to the members"},

		"ui.secret.reset.title": {"Länk för nytt lösenord", "Link for a new password"},
		"ui.secret.reset.lead": {
			"Kopiera länken och ge den till personen. Med den väljer hen ett nytt lösenord. Länken gäller i en timme och kan användas en gång.",
			"Copy the link and give it to the person. With it they choose a new password. The link is valid for one hour and can be used once."},
		"ui.secret.reset.label": {"Länk för nytt lösenord", "Password link"},
		"ui.secret.reset.hint":  {"Tidigare länkar för personen slutar gälla.", "Earlier links for the person no longer work."},
		"ui.secret.reset.back":  {"Tillbaka till användarna", "Back to the users"},

		"ui.secret.new_user.title": {"Användaren är skapad", "The user has been created"},
		"ui.secret.new_user.lead": {
			"Kopiera länken och ge den till personen. Med den väljer hen ett lösenord och kan sedan logga in. Länken gäller i en timme.",
			"Copy the link and give it to the person. With it they choose a password and can then sign in. The link is valid for one hour."},
		"ui.secret.new_user.label": {"Länk för att välja lösenord", "Link to choose a password"},
		"ui.secret.new_user.hint":  {"Går länken ut kan du skapa en ny från listan över användare.", "If the link expires you can create a new one from the list of users."},
		"ui.secret.new_user.back":  {"Tillbaka till användarna", "Back to the users"},

		// Messages
		"ui.message.account_deleted.title": {"Ditt konto är raderat", "Your account has been deleted"},
		"ui.message.account_deleted.text": {
			"Dina uppgifter är borttagna och du är utloggad. Tack för att du använde Lokalbanken.",
			"Your data has been removed and you have been signed out. Thank you for using Lokalbanken."},
		"ui.message.password_reset.title":      {"Lösenordet är sparat", "Your password has been saved"},
		"ui.message.password_reset.text":       {"Nu kan du logga in med ditt nya lösenord.", "You can now sign in with your new password."},
		"ui.message.invitation_accepted.title": {"Välkommen till Lokalbanken", "Welcome to Lokalbanken"},
		"ui.message.invitation_accepted.text": {
			"Du är nu medlem i organisationen. Logga in med din e-postadress och ditt lösenord.",
			"You are now a member of the organisation. Sign in with your email address and your password."},

		// Password reset
		"ui.reset.title":   {"Välj ett nytt lösenord", "Choose a new password"},
		"ui.reset.heading": {"Välj ett nytt lösenord", "Choose a new password"},
		"ui.reset.lead":    {"När du har sparat lösenordet loggas du ut överallt och kan logga in med det nya.", "Once you save it, you are signed out everywhere and can sign in with the new one."},
		"ui.reset.submit":  {"Spara lösenordet", "Save password"},

		// Invitation
		"ui.invitation.title":   {"Inbjudan till Lokalbanken", "Invitation to Lokalbanken"},
		"ui.invitation.heading": {"Du är inbjuden", "You are invited"},
		"ui.invitation.lead": {
			"Du har bjudits in att företräda en organisation i Lokalbanken. Välj namn och lösenord för att skapa ditt konto. Du loggar in med e-postadressen som inbjudan skickades till.",
			"You have been invited to act for an organisation in Lokalbanken. Choose a name and a password to create your account. You sign in with the email address the invitation was sent to."},
		"ui.invitation.have_account": {"Har du redan ett konto?", "Already have an account?"},
		"ui.invitation.login":        {"Logga in först, så kommer du tillbaka hit.", "Sign in first, and you will come back here."},
		"ui.invitation.name_hint":    {"Så som andra i organisationen ska se det.", "As others in the organisation will see it."},
		"ui.invitation.password":     {"Välj ett lösenord", "Choose a password"},
		"ui.invitation.create":       {"Skapa konto och gå med", "Create account and join"},
		"ui.invitation.signed_in":    {"Du är inloggad som %s. Tryck på knappen för att gå med i organisationen.", "You are signed in as %s. Press the button to join the organisation."},
		"ui.invitation.accept":       {"Gå med i organisationen", "Join the organisation"},

		// Members
		"ui.organisation.members": {"Organisationens medlemmar", "The organisation's members"},
		"ui.members.title":        {"Medlemmar i %s", "Members of %s"},
		"ui.members.heading":      {"Medlemmar i %s", "Members of %s"},
		"ui.members.crumb":        {"Medlemmar", "Members"},
		"ui.members.lead": {
			"Administratörer sköter organisationens lokaler och medlemmar. Bokare bokar lokaler för organisationen.",
			"Administrators look after the organisation's premises and members. Bookers book premises for the organisation."},
		"ui.members.list":          {"Personer", "People"},
		"ui.members.caption":       {"Medlemmarna i %s", "The members of %s"},
		"ui.members.name":          {"Namn", "Name"},
		"ui.members.email":         {"E-post", "Email"},
		"ui.members.role":          {"Roll", "Role"},
		"ui.members.role_hint":     {"Bokare kan boka; administratörer kan också ändra lokaler och medlemmar.", "Bookers can book; administrators can also change premises and members."},
		"ui.members.actions":       {"Ändra", "Change"},
		"ui.members.you":           {"(du)", "(you)"},
		"ui.members.role_for":      {"Roll för %s", "Role of %s"},
		"ui.members.save_role":     {"Spara roll", "Save role"},
		"ui.members.remove":        {"Ta bort", "Remove"},
		"ui.members.leave":         {"Lämna organisationen", "Leave the organisation"},
		"ui.members.none":          {"Organisationen har inga medlemmar än.", "The organisation has no members yet."},
		"ui.members.invite":        {"Bjud in en person", "Invite a person"},
		"ui.members.invite_lead":   {"Du får en länk att skicka till personen. Har hen redan ett konto blir hen medlem med det.", "You get a link to send to the person. If they already have an account, they join with it."},
		"ui.members.invite_submit": {"Skapa inbjudan", "Create invitation"},

		// User administration
		"ui.admin_users.title":        {"Användare", "Users"},
		"ui.admin_users.heading":      {"Användare", "Users"},
		"ui.admin_users.lead":         {"Alla som har ett konto i Lokalbanken.", "Everyone with an account in Lokalbanken."},
		"ui.admin_users.new":          {"Lägg till en användare", "Add a user"},
		"ui.admin_users.search":       {"Sök på namn, e-post eller telefon", "Search by name, email or phone"},
		"ui.admin_users.list":         {"Konton", "Accounts"},
		"ui.admin_users.caption":      {"Användarna i Lokalbanken", "The users of Lokalbanken"},
		"ui.admin_users.city_admin":   {"Administratör för Borås Stad", "City administrator"},
		"ui.admin_users.created":      {"Skapad", "Created"},
		"ui.admin_users.make_admin":   {"Gör till administratör", "Make administrator"},
		"ui.admin_users.unmake_admin": {"Ta bort administratörsrätt", "Remove administrator rights"},
		"ui.admin_users.reset_link":   {"Länk för nytt lösenord", "Password link"},
		"ui.admin_users.none":         {"Inga användare passar sökningen.", "No users match the search."},

		"ui.user_form.title":   {"Lägg till en användare", "Add a user"},
		"ui.user_form.heading": {"Lägg till en användare", "Add a user"},
		"ui.user_form.lead": {
			"Personen får inget lösenord av dig: efteråt visas en länk som du ger till personen, så väljer hen ett själv.",
			"You do not give the person a password: afterwards a link is shown for you to pass on, and they choose one themselves."},
		"ui.user_form.city_admin.yes": {"Personen administrerar hela Lokalbanken", "The person administers all of Lokalbanken"},
		"ui.user_form.city_admin_hint": {
			"En administratör för Borås Stad får ändra allt, också andras organisationer och användare.",
			"A city administrator may change everything, including other organisations and users."},
		"ui.user_form.create": {"Skapa användaren", "Create user"},
	})
}
