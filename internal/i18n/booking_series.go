package i18n

// The booking form's weekly repeat, the page of a series just booked, a booking's series on
// its page, and the free-room search's pages and booking links.
func init() {
	register(map[string]Text{
		"label.repeat":       {"upprepning", "repeat"},
		"label.repeat_days":  {"veckodagar", "weekdays"},
		"label.repeat_until": {"sista datum", "last date"},
		"label.repeat_count": {"antal gånger", "number of times"},

		"ui.booking_series.section":         {"Upprepa", "Repeat"},
		"ui.booking_series.repeat":          {"Upprepa bokningen", "Repeat the booking"},
		"ui.booking_series.repeat.no":       {"Nej, bara en gång", "No, just once"},
		"ui.booking_series.repeat.weekly":   {"Varje vecka", "Every week"},
		"ui.booking_series.repeat.biweekly": {"Varannan vecka", "Every other week"},
		"ui.booking_series.lead":            {"Resten av avsnittet gäller bara en bokning som upprepas. Tiden är densamma varje gång, även när vi byter till eller från sommartid.", "The rest of this section applies only to a repeated booking. The time is the same every time, also when summer time begins or ends."},
		"ui.booking_series.days":            {"Vilka veckodagar", "Which weekdays"},
		"ui.booking_series.days_hint":       {"Inget val betyder samma veckodag som datumet ovan.", "No choice means the weekday of the date above."},
		"ui.booking_series.until":           {"Till och med datum", "Until (inclusive)"},
		"ui.booking_series.until_hint":      {"Som 2026-12-15. Ange antingen ett sista datum eller ett antal gånger.", "Such as 2026-12-15. Give either a last date or a number of times."},
		"ui.booking_series.count":           {"Eller antal gånger", "Or number of times"},
		"ui.booking_series.count_hint":      {"Högst 200.", "At most 200."},
		"ui.booking_series.skip_legend":     {"Om några tillfällen är upptagna", "If some occasions are taken"},
		"ui.booking_series.skip.yes":        {"Boka de lediga tillfällena och hoppa över resten", "Book the free occasions and skip the rest"},
		"ui.booking_series.skip_hint":       {"Annars bokas ingenting om något tillfälle inte går att boka.", "Otherwise nothing is booked if any occasion cannot be booked."},
		"ui.booking_series.refused":         {"Inget har bokats. Tillfällena nedan går inte att boka. Ändra tiden, eller välj att boka bara de lediga tillfällena.", "Nothing was booked. The occasions below cannot be booked. Change the time, or choose to book only the free occasions."},
		"ui.booking_series.none_free":       {"Inget har bokats: inget av tillfällena går att boka.", "Nothing was booked: none of the occasions can be booked."},
		"ui.booking_series.refused_list":    {"Tillfällen som inte går att boka", "Occasions that cannot be booked"},
		"ui.booking_series.clash":           {"Krockar med %s %s.", "Clashes with %s %s."},
		"ui.booking_series.taken":           {"Tiden är redan bokad.", "The time is already booked."},

		"ui.booking_series.title":         {"Återkommande bokning", "Repeated booking"},
		"ui.booking_series.crumb":         {"Återkommande bokning", "Repeated booking"},
		"ui.booking_series.heading":       {"Bokningarna är gjorda", "The bookings are made"},
		"ui.booking_series.booked.one":    {"%d tillfälle är bokat.", "%d occasion is booked."},
		"ui.booking_series.booked.other":  {"%d tillfällen är bokade.", "%d occasions are booked."},
		"ui.booking_series.pending":       {"Ägaren behöver godkänna bokningarna. Tiderna hålls åt er tills beslutet är fattat.", "The owner must approve the bookings. The times are held for you until they decide."},
		"ui.booking_series.booked_list":   {"Bokade tillfällen", "Booked occasions"},
		"ui.booking_series.skipped.one":   {"%d tillfälle hoppades över.", "%d occasion was skipped."},
		"ui.booking_series.skipped.other": {"%d tillfällen hoppades över.", "%d occasions were skipped."},
		"ui.booking_series.skipped_list":  {"Tillfällen som hoppades över", "Skipped occasions"},
		"ui.booking_series.org_bookings":  {"Alla organisationens bokningar", "All the organisation's bookings"},
		"ui.booking_series.part_of":       {"Upprepas", "Repeats"},
		"ui.booking_series.part_of_text":  {"Den här bokningen är ett av %d tillfällen i en återkommande bokning.", "This booking is one of %d occasions of a repeated booking."},
		"ui.booking_series.this_one":      {"(den här)", "(this one)"},
		"ui.booking_series.show_all":      {"Visa alla tillfällen", "Show all occasions"},

		"ui.free.page.more":        {"Fler lediga rum finns på nästa sida.", "More free rooms are on the next page."},
		"ui.free.page.shown.one":   {"%d ledigt rum visas.", "%d free room is shown."},
		"ui.free.page.shown.other": {"%d lediga rum visas.", "%d free rooms are shown."},
		"ui.free.login":            {"Logga in för att boka", "Log in to book"},
	})
}
