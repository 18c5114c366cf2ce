package i18n

// The invitations to the Compact's meetings (internal/meetingmail).
func init() {
	register(map[string]Text{
		"mail.meeting.invited.subject":   {"Inbjudan: %s", "Invitation: %s"},
		"mail.meeting.invited.body":      {"%s bjuder in er organisation till %s.", "%s invites your organisation to %s."},
		"mail.meeting.updated.subject":   {"Ändrat möte: %s", "Meeting changed: %s"},
		"mail.meeting.updated.body":      {"%s har ändrat mötet %s. Tid och plats som gäller nu står nedan.", "%s has changed the meeting %s. The time and place that now hold are below."},
		"mail.meeting.cancelled.subject": {"Inställt möte: %s", "Meeting cancelled: %s"},
		"mail.meeting.cancelled.body":    {"%s har ställt in mötet %s.", "%s has cancelled the meeting %s."},
		"mail.meeting.uninvited.subject": {"Inbjudan återkallad: %s", "Invitation withdrawn: %s"},
		"mail.meeting.uninvited.body":    {"%s har återkallat inbjudan av er organisation till %s.", "%s has withdrawn the invitation of your organisation to %s."},
		"mail.meeting.reply": {"Svara för organisationen om ni kommer, och med hur många, med knappen nedan (ingen inloggning behövs) eller på sidan Att göra i Lokalbanken. Knappens länk är personlig: skicka inte vidare det här mejlet. Inbjudan finns också som kalenderfil.",
			"Answer for your organisation whether you come, and how many, with the button below (no login needed) or on the To do page in Lokalbanken. The button's link is personal: do not forward this mail. The invitation is also attached as a calendar file."},
		"mail.meeting.action": {"Svara på inbjudan", "Answer the invitation"},
		"mail.meeting.file":   {"inbjudan", "invitation"},
	})
}
