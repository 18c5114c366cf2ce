package i18n

// Moving bookings, and deciding on or cancelling the rest of a series, on the booking page.
func init() {
	register(map[string]Text{
		"problem.booking_move_too_late.title":  {"Det är för sent att flytta bokningen", "It is too late to move the booking"},
		"problem.booking_move_too_late.detail": {"Rummets regler tillåter ändringar bara fram till en viss tid före start. Kontakta ägaren.", "The room's rules allow changes only until a set time before the start. Contact the owner."},

		"ui.booking_move.title":               {"Flytta bokningen", "Move the booking"},
		"ui.booking_move.lead":                {"Välj en ny dag och tid. Den nya tiden prövas mot rummets alla regler; den gamla släpps först när den nya är din.", "Choose a new day and time. The new time is checked against all the room's rules; the old one is given up only when the new one is yours."},
		"ui.booking_move.submit":              {"Flytta", "Move"},
		"ui.booking_move.scope_legend":        {"Vilka tillfällen ska flyttas?", "Which occurrences should move?"},
		"ui.booking_move.cancel_scope_legend": {"Vilka tillfällen ska avbokas?", "Which occurrences should be cancelled?"},
		"ui.booking_move.scope.this":          {"Bara det här tillfället", "Only this occurrence"},
		"ui.booking_move.scope.following":     {"Det här och alla följande", "This and all following"},
		"ui.booking_move.refused_title":       {"Tillfällena kunde inte flyttas", "The occurrences could not be moved"},
		"ui.booking_move.refused":             {"Inget har flyttats. Tillfällena nedan går inte att boka på den nya tiden.", "Nothing was moved. The occurrences below cannot be booked at the new time."},
		"ui.booking_move.refused_list":        {"Tillfällen som inte går att flytta", "Occurrences that cannot be moved"},
		"ui.booking_move.decide_series":       {"Hela serien", "The whole series"},
		"ui.booking_move.decide_series_lead":  {"Godkänn eller avslå alla väntande tillfällen i serien på en gång.", "Approve or reject every pending occurrence of the series at once."},
		"ui.booking_move.approve_series":      {"Godkänn hela serien", "Approve the whole series"},
		"ui.booking_move.reject_series":       {"Avslå hela serien", "Reject the whole series"},

		"ui.notice.booking_moved":           {"Bokningen är flyttad.", "The booking has been moved."},
		"ui.notice.agreement_saved":         {"Avtalet är sparat.", "The agreement has been saved."},
		"ui.notice.agreement_version_added": {"Den nya versionen av avtalet är sparad.", "The new version of the agreement has been saved."},
		"ui.notice.signature_registered":    {"Underskriften är registrerad.", "The signature has been registered."},
		"ui.notice.signature_withdrawn":     {"Underskriften är återkallad.", "The signature has been withdrawn."},
		"ui.notice.booking_unchanged":       {"Bokningen har samma tid och rum som förut. Inget ändrades.", "The booking has the same time and room as before. Nothing changed."},
		"ui.notice.booking_moved_pending":   {"Bokningen är flyttad och väntar på att ägaren godkänner den nya tiden.", "The booking has been moved and awaits the owner's approval of the new time."},
		"ui.notice.series_approved":         {"Seriens väntande tillfällen är godkända.", "The series' pending occurrences have been approved."},
		"ui.notice.series_rejected":         {"Seriens väntande tillfällen är avslagna.", "The series' pending occurrences have been rejected."},
	})
}
