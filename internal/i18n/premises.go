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

		"agreement.role.owner":       {"ägare", "owner"},
		"agreement.role.partner":     {"partner", "partner"},
		"agreement.role.city":        {"förvaltning", "city department"},
		"agreement.role.association": {"förening", "association"},
		"agreement.role.party":       {"part", "party"},
	})
}
