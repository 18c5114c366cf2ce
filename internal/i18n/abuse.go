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

		"validation.rrule_part": {
			"Upprepningen får inte innehålla {param}; ange bara FREQ, INTERVAL, BYDAY och COUNT eller UNTIL.",
			"The recurrence may not contain {param}; give only FREQ, INTERVAL, BYDAY and COUNT or UNTIL."},
		"validation.rrule_interval": {"INTERVAL i upprepningen måste vara ett heltal från 1 till {param}.", "The recurrence's INTERVAL must be a whole number from 1 to {param}."},
		"validation.rrule_byday": {
			"BYDAY i upprepningen kan inte användas ({param}): en veckoregel tar veckodagar som MO,WE, en månadsregel veckodagar med nummer som 1WE eller -1FR.",
			"The recurrence's BYDAY cannot be used ({param}): a weekly rule takes weekdays such as MO,WE, a monthly rule numbered weekdays such as 1WE or -1FR."},
		"validation.rrule_end":     {"Upprepningen får ha COUNT eller UNTIL, inte båda.", "The recurrence may have COUNT or UNTIL, not both."},
		"validation.rrule_horizon": {"Upprepningen måste sluta senast {param}; längre fram än så kan rummet inte bokas.", "The recurrence must end by {param}; the room cannot be booked further ahead."},
	})
}
