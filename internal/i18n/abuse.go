package i18n

// Limits on what anyone may ask of the service: too many requests, a busy service.
func init() {
	register(map[string]Text{
		"problem.busy.title": {"Tjänsten är upptagen just nu", "The service is busy right now"},
		"problem.busy.detail": {
			"Många loggar in samtidigt just nu. Vänta några sekunder och försök igen.",
			"Many people are signing in at this moment. Please wait a few seconds and try again."},
		"problem.rate_limited.title": {"För många förfrågningar", "Too many requests"},
		"problem.rate_limited.detail": {
			"Det har kommit för många förfrågningar på kort tid. Vänta en stund och försök igen.",
			"Too many requests have come in a short time. Please wait a while and try again."},

		"validation.too_short":          {"Bokningen måste vara minst {param} minuter.", "The booking must last at least {param} minutes."},
		"validation.ends_too_far_ahead": {"Bokningen måste sluta senast {param}; längre fram än så kan rummet inte bokas.", "The booking must end by {param}; the room cannot be booked further ahead."},
	})
}
