package i18n

func init() {
	register(map[string]Text{
		"problem.booking_move_too_late.title":  {"Det är för sent att flytta bokningen", "It is too late to move the booking"},
		"problem.booking_move_too_late.detail": {"Rummets regler tillåter ändringar bara fram till en viss tid före start. Kontakta ägaren.", "The room's rules allow changes only until a set time before the start. Contact the owner."},
	})
}
