package i18n

// The frame of every e-mail (internal/notify); each message's own texts are beside its kind.
func init() {
	register(map[string]Text{
		"mail.footer":      {"Det här meddelandet kommer från Lokalbanken, %s.", "This message is from Lokalbanken, %s."},
		"mail.unsubscribe": {"Avsluta den här sortens meddelanden", "Stop messages of this kind"},
	})
}
