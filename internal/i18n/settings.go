package i18n

import "fmt"

// The room owner's booking settings page, and the rules as the room page shows them.
func init() {
	register(map[string]Text{
		"ui.settings.title":   {"Bokningsregler för %s", "Booking settings for %s"},
		"ui.settings.heading": {"Bokningsregler för %s", "Booking settings for %s"},
		"ui.settings.crumb":   {"Bokningsregler", "Booking settings"},
		"ui.settings.lead": {"Bestäm vem som får boka rummet, när det är öppet och på vilka villkor. Ändringar gäller nya bokningar direkt; redan gjorda bokningar ändras inte.",
			"Decide who may book the room, when it is open and on what terms. Changes apply to new bookings at once; bookings already made are not changed."},

		"ui.settings.rules":                    {"Regler", "Rules"},
		"ui.settings.rules_save":               {"Spara reglerna", "Save the rules"},
		"ui.settings.who.any":                  {"Alla registrerade organisationer", "Any registered organisation"},
		"ui.settings.who.compact":              {"Organisationer som har skrivit under Överenskommelsen", "Organisations that have signed the Compact"},
		"ui.settings.who.partners":             {"Bara partnerorganisationer enligt lokalavtal", "Only partner organisations under premises-sharing agreements"},
		"ui.settings.who.owner":                {"Bara ägaren", "Only the owner"},
		"ui.settings.who_hint":                 {"Ägaren får alltid boka sina egna rum.", "The owner may always book its own rooms."},
		"ui.settings.approval_label":           {"Godkännande", "Approval"},
		"ui.settings.approval.yes":             {"Bokningar ska godkännas av ägaren", "Bookings need the owner's approval"},
		"ui.settings.holidays_label":           {"Helgdagar", "Public holidays"},
		"ui.settings.holidays.yes":             {"Stängt på svenska helgdagar", "Closed on Swedish public holidays"},
		"ui.settings.notice_hint":              {"Hur lång tid före starten man senast får boka. 0 betyder ingen gräns.", "How long before the start one may book at the latest. 0 means no limit."},
		"ui.settings.horizon_hint":             {"Hur många dagar fram i tiden man får boka, högst 1 098.", "How many days ahead one may book, at most 1,098."},
		"ui.settings.duration_hint":            {"0 betyder standardgränsen, 24 timmar.", "0 means the default limit, 24 hours."},
		"ui.settings.cancel_hint":              {"Hur lång tid före starten bokaren senast får avboka. 0 betyder fram till starten.", "How long before the start the booker may cancel at the latest. 0 means until the start."},
		"ui.settings.terms_hint":               {"Visas för den som bokar: pris, nycklar, städning.", "Shown to those who book: price, keys, cleaning."},
		"ui.settings.hours":                    {"Öppettider", "Opening hours"},
		"ui.settings.hours_lead":               {"Skriv tider som 08:00; 24:00 är midnatt. Lämna en dag tom för stängt. Varje dag kan ha två perioder, till exempel 08:00–12:00 och 13:00–22:00. Utan några öppettider alls är rummet öppet dygnet runt.", "Write times such as 08:00; 24:00 is midnight. Leave a day empty for closed. Each day may have two periods, for example 08:00–12:00 and 13:00–22:00. Without any opening hours at all the room is open around the clock."},
		"ui.settings.hours_save":               {"Spara öppettiderna", "Save the opening hours"},
		"ui.settings.day_closed":               {"stängt", "closed"},
		"ui.settings.closures":                 {"Stängda dagar", "Closed days"},
		"ui.settings.closures_lead":            {"Under stängda dagar går det inte att boka. Bokningar som redan finns avbokas inte.", "No one can book on closed days. Bookings that already exist are not cancelled."},
		"ui.settings.closures_none":            {"Inga kommande stängningar.", "No coming closures."},
		"ui.settings.closures_caption":         {"Kommande stängningar", "Coming closures"},
		"ui.settings.closure_days":             {"Dagar", "Days"},
		"ui.settings.closure_reason":           {"Anledning", "Reason"},
		"ui.settings.closure_applies":          {"Gäller", "Applies to"},
		"ui.settings.applies.room":             {"Det här rummet", "This room"},
		"ui.settings.applies.venue":            {"Hela lokalen", "The whole venue"},
		"ui.settings.closure_remove":           {"Ta bort", "Remove"},
		"ui.settings.closure_add":              {"Lägg till stängda dagar", "Add closed days"},
		"ui.settings.closure_save":             {"Lägg till", "Add"},
		"ui.settings.day_hint":                 {"Till exempel 2026-12-23.", "For example 2026-12-23."},
		"ui.settings.reason_hint":              {"Visas för den som försöker boka.", "Shown to those who try to book."},
		"ui.settings.scope.room":               {"Bara det här rummet", "Only this room"},
		"ui.settings.scope.venue":              {"Hela lokalen %s", "The whole venue %s"},
		"ui.settings.partners":                 {"Partnerorganisationer", "Partner organisations"},
		"ui.settings.partners_lead":            {"Partnerorganisationerna får boka rummet när regeln är ”bara partnerorganisationer”: de som ett gällande lokalavtal med ägaren ger rätt att boka just det här rummet.", "The partner organisations may book the room when the rule is \"only partner organisations\": those that a premises-sharing agreement in force with the owner lets book this room."},
		"ui.settings.partners_none":            {"Inget gällande lokalavtal ger någon partnerorganisation rätt att boka rummet.", "No premises-sharing agreement in force lets a partner organisation book this room."},
		"ui.settings.partner_through":          {"genom", "through"},
		"ui.settings.partner_until":            {"till och med %s", "until %s"},
		"ui.settings.partners_agreements":      {"Partnerorganisationer läggs till och tas bort i lokalavtalen, som staden för in. Vill ni dela rummet med fler, eller sluta dela det, kontakta staden om avtalet.", "Partner organisations are added and removed in the premises-sharing agreements, which the city records. To share the room with others, or to stop sharing it, contact the city about the agreement."},
		"ui.settings.partners_agreements_link": {"Se alla lokalavtal", "See every premises-sharing agreement"},
		"ui.settings.back":                     {"Tillbaka till rummet", "Back to the room"},
		"ui.notice.rules_saved":                {"Reglerna är sparade.", "The rules have been saved."},
		"ui.notice.hours_saved":                {"Öppettiderna är sparade.", "The opening hours have been saved."},
		"ui.notice.closure_added":              {"De stängda dagarna är tillagda.", "The closed days have been added."},
		"ui.notice.closure_removed":            {"Stängningen är borttagen.", "The closure has been removed."},
		"ui.venue.closures":                    {"Stängda dagar för hela lokalen", "Closed days of the whole venue"},
		"ui.venue.closures_lead":               {"Stäng alla rum i lokalen några dagar, till exempel under jul. Ingen kan boka då; bokningar som redan finns avbokas inte. Ett enskilt rum stänger du på rummets sida för bokningsregler.", "Close every room of the venue for some days, for example over Christmas. No one can book then; bookings that already exist are not cancelled. Close a single room on the room's booking settings page."},
		"ui.room.settings":                     {"Bokningsregler och öppettider", "Booking rules and opening hours"},
		"ui.room.rules":                        {"Så bokar du rummet", "How to book the room"},
		"ui.room.who":                          {"Vem får boka", "Who may book"},
		"ui.room.approval":                     {"Godkännande", "Approval"},
		"ui.room.needs_approval":               {"Ägaren godkänner varje bokning", "The owner approves each booking"},
		"ui.room.no_approval":                  {"Bokningar bekräftas direkt", "Bookings are confirmed at once"},
		"ui.room.hours":                        {"Öppettider", "Opening hours"},
		"ui.room.always_open":                  {"Öppet dygnet runt", "Open around the clock"},
		"ui.room.holidays_closed":              {"Stängt på helgdagar", "Closed on public holidays"},
		"ui.room.closed_days":                  {"Stängda dagar", "Closed days"},
		"ui.room.terms":                        {"Villkor", "Terms"},
		"label.min_notice_hours":               {"minsta framförhållning i timmar", "minimum notice in hours"},
		"label.max_duration_hours":             {"längsta bokning i timmar", "longest booking in hours"},
		"label.cancel_before_hours":            {"senaste avbokning, timmar före start", "latest cancellation, hours before the start"},
		"label.scope":                          {"gäller", "applies to"},
		"validation.period_incomplete":         {"{field} måste anges när perioden har en annan tid.", "{field} is required when the period has the other time."},
	})
	register(periodLabels())
}

// periodLabels names the opening and closing time of each period of each weekday on the
// settings form ("opens_1_2" is Monday's second period opening), so that a message about
// one names the day. The form shows at most maxPeriodLabels periods a day.
func periodLabels() map[string]Text {
	days := [...]Text{{"måndag", "Monday"}, {"tisdag", "Tuesday"}, {"onsdag", "Wednesday"}, {"torsdag", "Thursday"},
		{"fredag", "Friday"}, {"lördag", "Saturday"}, {"söndag", "Sunday"}}
	out := map[string]Text{}
	for wd, d := range days {
		for n := 1; n <= MaxPeriodLabels; n++ {
			sv, en := d.SV, d.EN
			if n > 1 {
				sv, en = fmt.Sprintf("%s, period %d,", sv, n), fmt.Sprintf("%s, period %d,", en, n)
			}
			out[fmt.Sprintf("label.opens_%d_%d", wd+1, n)] = Text{sv + " öppnar", en + " opens"}
			out[fmt.Sprintf("label.closes_%d_%d", wd+1, n)] = Text{sv + " stänger", en + " closes"}
		}
	}
	return out
}

// MaxPeriodLabels is how many open periods of one weekday have labels of their own.
const MaxPeriodLabels = 8
