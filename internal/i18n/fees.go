package i18n

// Fees: rooms' tariffs, the price shown before booking, the fee on bookings and the
// invoicing basis; field labels and the audit log's names of its actions.
func init() {
	register(map[string]Text{
		"problem.tariff_not_found.title":  {"Rummet har ingen taxa", "The room has no price list"},
		"problem.tariff_not_found.detail": {"Rummet har ingen taxa och är gratis att boka.", "The room has no price list and is free to book."},
		"validation.max_days":             {"{field} får vara högst {param} dagar efter första dagen.", "{field} must be at most {param} days after the first day."},
		"ui.audit.action.tariff.update":   {"Ändrade ett rums taxa", "Changed a room's price list"},
		"ui.audit.action.tariff.delete":   {"Tog bort ett rums taxa", "Removed a room's price list"},
		"label.unit":                      {"enhet", "unit"},
		"label.free_for_signatories":      {"gratis för Överenskommelsens undertecknare", "free for the Compact's signatories"},
		"label.city_ore":                  {"pris för staden", "price for the city"},
		"label.association_ore":           {"pris för föreningar", "price for associations"},
		"label.other_ore":                 {"pris för andra organisationer", "price for other organisations"},
		"label.city_price":                {"pris för staden (kr)", "price for the city (SEK)"},
		"label.association_price":         {"pris för föreningar (kr)", "price for associations (SEK)"},
		"label.other_price":               {"pris för andra organisationer (kr)", "price for other organisations (SEK)"},
		"validation.price":                {"{field} måste vara ett belopp i kronor, till exempel 150 eller 87,50.", "{field} must be an amount in kronor, for example 150 or 87.50."},
	})
}
