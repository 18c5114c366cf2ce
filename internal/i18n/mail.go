package i18n

// The frame of every e-mail (internal/notify); each message's own texts are beside its kind.
func init() {
	register(map[string]Text{
		"mail.footer":      {"Det här meddelandet kommer från Lokalbanken, %s.", "This message is from Lokalbanken, %s."},
		"mail.unsubscribe": {"Avsluta den här sortens meddelanden", "Stop messages of this kind"},
	})
}

// The outbox page of city administrators (/admin/meddelanden).
func init() {
	register(map[string]Text{
		"ui.nav.messages":               {"Utskick", "Outbox"},
		"ui.admin_messages.title":       {"Utskick", "Outbox"},
		"ui.admin_messages.heading":     {"Utskick", "Outbox"},
		"ui.admin_messages.lead":        {"Alla e-postmeddelanden som Lokalbanken har skickat eller ska skicka, det senaste först.", "Every e-mail Lokalbanken has sent or will send, newest first."},
		"ui.admin_messages.not_sending": {"Ingen e-postserver är inställd (LOKALBANKEN_SMTP_URL), så inget skickas. Meddelandena sparas och visas här.", "No mail server is configured (LOKALBANKEN_SMTP_URL), so nothing is sent. The messages are kept and shown here."},
		"ui.admin_messages.list":        {"Meddelanden", "Messages"},
		"ui.admin_messages.caption":     {"E-postmeddelanden från Lokalbanken", "E-mail from Lokalbanken"},
		"ui.admin_messages.subject":     {"Ämne", "Subject"},
		"ui.admin_messages.to":          {"Mottagare", "Recipient"},
		"ui.admin_messages.created":     {"Skapat", "Created"},
		"ui.admin_messages.status":      {"Status", "Status"},
		"ui.admin_messages.sent":        {"Skickat", "Sent"},
		"ui.admin_messages.queued":      {"Väntar på att skickas", "Waiting to be sent"},
		"ui.admin_messages.attempts":    {"försök:", "attempts:"},
		"ui.admin_messages.kept":        {"Sparat, skickas inte", "Kept, not sent"},
		"ui.admin_messages.attachment":  {"Bilaga:", "Attachment:"},
		"ui.admin_messages.none":        {"Inga meddelanden ännu.", "No messages yet."},
	})
}
