package i18n

// Premises-sharing agreements and IOP: parties, covered premises, why a booking rule refuses
// an organisation, and the owner's list of bookings that lost their right.
func init() {
	register(map[string]Text{
		"booking.reason.not_signed":              {"Organisationen har inte skrivit under Överenskommelsen.", "The organisation has not signed the Compact."},
		"booking.reason.signature_withdrawn":     {"Organisationens underskrift av Överenskommelsen återtogs den %s.", "The organisation's signature of the Compact was withdrawn on %s."},
		"booking.reason.no_agreement":            {"Inget gällande lokalavtal med ägaren ger organisationen rätt att boka det här rummet.", "No premises-sharing agreement with the owner lets the organisation book this room."},
		"booking.reason.agreement_ended":         {"Lokalavtalet ”%s” upphörde den %s.", "The premises-sharing agreement \"%s\" ended on %s."},
		"booking.reason.agreement_ended_undated": {"Lokalavtalet ”%s” har upphört.", "The premises-sharing agreement \"%s\" has ended."},
		"booking.reason.agreement_not_started":   {"Lokalavtalet ”%s” gäller först från den %s.", "The premises-sharing agreement \"%s\" is in force only from %s."},

		"validation.role_for_kind":     {"{field} passar inte avtalets slag; den kan vara {param}.", "{field} does not fit the kind of agreement; it may be {param}."},
		"validation.not_city":          {"{field} måste vara en av stadens förvaltningar.", "{field} must be one of the city's departments."},
		"validation.not_association":   {"{field} måste vara en förening, inte en av stadens förvaltningar.", "{field} must be an association, not one of the city's departments."},
		"validation.one_owner":         {"Ett lokalavtal har en enda ägare.", "A premises-sharing agreement has one owner."},
		"validation.party_required":    {"Avtalet saknar part med rollen {param}.", "The agreement lacks a party in the role {param}."},
		"validation.premises_for_kind": {"Bara lokalavtal omfattar lokaler och rum.", "Only premises-sharing agreements cover venues and rooms."},
		"validation.not_owners":        {"{field} tillhör inte avtalets ägare.", "{field} does not belong to the agreement's owner."},
		"validation.overlap":           {"{field} delas redan med samma partner under samma tid genom lokalavtalet ”{param}”.", "{field} is already shared with the same partner over the same time by the premises-sharing agreement \"{param}\"."},

		"label.parties":                 {"parter", "parties"},
		"label.parties.organisation_id": {"partens organisation", "party's organisation"},
		"label.parties.role":            {"partens roll", "party's role"},
		"label.premises":                {"lokaler", "premises"},
		"label.premises.venue_id":       {"lokalen", "the venue"},
		"label.premises.room_id":        {"rummet", "the room"},

		"party_role.owner":       {"ägare", "owner"},
		"party_role.partner":     {"partner", "partner"},
		"party_role.city":        {"förvaltning", "city department"},
		"party_role.association": {"förening", "association"},
		"party_role.party":       {"part", "party"},
	})
}

// The public lists of premises-sharing and IOP agreements, and the owner's list of bookings
// that lost their right.
func init() {
	register(map[string]Text{
		"ui.agreement_list.premises_sharing.title": {"Lokalavtal", "Premises-sharing agreements"},
		"ui.agreement_list.premises_sharing.lead":  {"Lokalavtal ger partnerorganisationer rätt att boka en ägares lokaler och rum, på de villkor som står i avtalet och i rummens regler.", "Premises-sharing agreements give partner organisations the right to book an owner's venues and rooms, on the terms of the agreement and the rooms' rules."},
		"ui.agreement_list.premises_sharing.other": {"Se även överenskommelserna om idéburet offentligt partnerskap (IOP)", "See also the partnership agreements (IOP)"},
		"ui.agreement_list.premises_sharing.none":  {"Det finns inga lokalavtal ännu.", "There are no premises-sharing agreements yet."},
		"ui.agreement_list.iop.title":              {"Idéburna offentliga partnerskap (IOP)", "Partnership agreements (IOP)"},
		"ui.agreement_list.iop.lead":               {"Överenskommelser om idéburet offentligt partnerskap mellan stadens förvaltningar och föreningar.", "Partnership agreements between the city's departments and associations."},
		"ui.agreement_list.iop.other":              {"Se även lokalavtalen", "See also the premises-sharing agreements"},
		"ui.agreement_list.iop.none":               {"Det finns inga IOP-avtal ännu.", "There are no partnership agreements yet."},
		"ui.agreement_list.status":                 {"Status", "Status"},
		"ui.agreement_list.status.draft":           {"Utkast", "Draft"},
		"ui.agreement_list.status.active":          {"Gäller", "In force"},
		"ui.agreement_list.status.ended":           {"Har upphört", "Ended"},
		"ui.agreement_list.period":                 {"Period", "Period"},
		"ui.agreement_list.from":                   {"från %s, tills vidare", "from %s, until further notice"},
		"ui.agreement_list.until":                  {"till och med %s", "until %s"},
		"ui.agreement_list.open_period":            {"tills vidare", "until further notice"},
		"ui.agreement_list.role.owner":             {"Ägare", "Owner"},
		"ui.agreement_list.role.partner":           {"Partner", "Partners"},
		"ui.agreement_list.role.city":              {"Förvaltningar", "City departments"},
		"ui.agreement_list.role.association":       {"Föreningar", "Associations"},
		"ui.agreement_list.role.party":             {"Parter", "Parties"},
		"ui.agreement_list.premises":               {"Lokaler och rum", "Venues and rooms"},
		"ui.agreement_list.whole_venue":            {"hela lokalen", "the whole venue"},
		"ui.agreement_list.no_premises":            {"Inga ännu", "None yet"},
		"ui.agreement_list.terms":                  {"Villkor", "Terms"},
		"ui.agreement_list.no_terms":               {"Inte angivna", "Not given"},
		"ui.agreement_list.full_text":              {"Läs avtalet", "Read the agreement"},

		"ui.requests.without_right": {"Bokningar som inte längre har rätt till rummet", "Bookings that no longer have the right to the room"},
		"ui.without_right.title":    {"Bokningar utan rätt – %s", "Bookings without a right – %s"},
		"ui.without_right.crumb":    {"Utan rätt", "Without a right"},
		"ui.without_right.lead":     {"De här kommande bokningarna i era rum gjordes av organisationer som rummets regler inte skulle släppa in i dag, till exempel för att ett lokalavtal har upphört eller en underskrift av Överenskommelsen har återtagits. De avbokas inte av sig själva: ni bestämmer om var och en, och avbokar på bokningens sida.", "These coming bookings in your rooms were made by organisations that the room's rules would not let in today, for instance because a premises-sharing agreement ended or a signature of the Compact was withdrawn. They are not cancelled by themselves: you decide about each, and cancel on the booking's page."},
		"ui.without_right.why":      {"Varför", "Why"},
		"ui.without_right.decide":   {"Öppna bokningen för att behålla eller avboka den", "Open the booking to keep or cancel it"},
		"ui.without_right.none":     {"Alla kommande bokningar i era rum har rätt till dem.", "Every coming booking in your rooms has the right to them."},
	})
}

// Parties and premises on an agreement's page and in its form.
func init() {
	register(map[string]Text{
		"ui.agreement_parts.parties":          {"Parter", "Parties"},
		"ui.agreement_parts.role.owner":       {"Ägare", "Owner"},
		"ui.agreement_parts.role.partner":     {"Partner", "Partner"},
		"ui.agreement_parts.role.city":        {"Förvaltning", "City department"},
		"ui.agreement_parts.role.association": {"Förening", "Association"},
		"ui.agreement_parts.role.party":       {"Part", "Party"},
		"ui.agreement_parts.parties_hint":     {"En part per rad: välj roll och skriv organisationens namn – listan föreslår namn när du skriver. Lokalavtal: en ägare och partner; IOP: förvaltning och förening; andra avtal: part. Tomma rader hoppas över; spara för att få fler.", "One party per row: choose the role and type the organisation's name – the list suggests names as you type. Premises-sharing: one owner and partners; IOP: city department and association; other agreements: party. Empty rows are skipped; save to get more."},
		"ui.agreement_parts.premises_hint":    {"Bara lokalavtal: en lokal (hela lokalen) eller ett rum (”Lokal / Rum”) per rad, valda ur listan. De måste tillhöra ägaren.", "Premises-sharing only: one venue (the whole venue) or room (\"Venue / Room\") per row, picked from the list. They must belong to the owner."},
		"ui.agreement_parts.terms_hint":       {"Lokalavtal: utan kostnad eller mot avgift, med ord.", "Premises-sharing: free of charge or a fee, in words."},
	})
}
