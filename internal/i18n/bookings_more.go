package i18n

// Problems, field messages and labels of the owner's booking settings, availability, the
// free-room search and booking series.
func init() {
	register(map[string]Text{
		"problem.closure_not_found.title":  {"Stängningen finns inte", "Closure not found"},
		"problem.closure_not_found.detail": {"Det finns ingen stängning med det id:t.", "There is no closure with that id."},
		"problem.series_not_found.title":   {"Bokningsserien finns inte", "Booking series not found"},
		"problem.series_not_found.detail":  {"Det finns ingen bokningsserie med det id:t.", "There is no booking series with that id."},
		"problem.series_refused.title":     {"Alla tillfällen kunde inte bokas", "Not every occurrence could be booked"},
		"problem.series_refused.detail":    {"Inget har bokats eller ändrats: tillfällena i occurrences går inte att boka på de tiderna. Välj andra tider, eller boka bara de lediga.", "Nothing was booked or changed: the occurrences listed in occurrences cannot be booked at those times. Choose other times, or book only the free ones."},

		"validation.opens_not_before_closes": {"{field} måste vara efter öppningstiden.", "{field} must be after the opening time."},
		"validation.hours_overlap":           {"Öppettiderna överlappar andra öppettider samma veckodag.", "The opening hours overlap other opening hours of the same weekday."},
		"validation.last_before_first":       {"{field} får inte vara före första dagen.", "{field} must not be before the first day."},
		"validation.window_too_long":         {"Perioden får vara högst {param} dagar.", "The period may be at most {param} days long."},
		"validation.too_many_occurrences":    {"Mönstret ger för många tillfällen; högst {param} är tillåtna.", "The pattern gives too many occurrences; at most {param} are allowed."},
		"validation.no_occurrences":          {"Mönstret ger inga tillfällen mellan första och sista dagen.", "The pattern gives no occurrences between the first and last day."},

		"label.who_may_book":          {"vem som får boka", "who may book"},
		"label.needs_approval":        {"kräver godkännande", "needs approval"},
		"label.min_notice_minutes":    {"minsta framförhållning", "minimum notice"},
		"label.horizon_days":          {"hur långt fram man får boka", "how far ahead one may book"},
		"label.max_duration_minutes":  {"längsta bokning", "longest booking"},
		"label.cancel_before_minutes": {"senaste avbokning före start", "latest cancellation before the start"},
		"label.holidays_closed":       {"stängt på helgdagar", "closed on public holidays"},
		"label.terms":                 {"villkor", "terms"},
		"label.opening_hours":         {"öppettider", "opening hours"},
		"label.opening_hours.weekday": {"veckodag", "weekday"},
		"label.opening_hours.opens":   {"öppnar", "opens"},
		"label.opening_hours.closes":  {"stänger", "closes"},
		"label.first_day":             {"första dag", "first day"},
		"label.last_day":              {"sista dag", "last day"},
		"label.partners":              {"partnerorganisationer", "partner organisations"},
		"label.weekly.weekday":        {"veckodag", "weekday"},
		"label.weekly.start_time":     {"starttid", "start time"},
		"label.weekly.end_time":       {"sluttid", "end time"},
		"label.weekly.first_day":      {"första dag", "first day"},
		"label.weekly.last_day":       {"sista dag", "last day"},
		"label.duration_minutes":      {"längd", "duration"},
		"label.skip_unavailable":      {"boka bara lediga tillfällen", "book only the free occurrences"},
	})
}
