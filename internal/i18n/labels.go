package i18n

// Labels of input fields ("label.<field>", by JSON or form name), used in validation messages
// and on form pages. They are written in lower case, as they appear mid-sentence; a nested
// field may have its own label under its dotted path (e.g. "label.accessibility.note").
func init() {
	register(map[string]Text{
		"label.id":                 {"id", "id"},
		"label.body":               {"innehållet", "request body"},
		"label.revision":           {"version", "revision"},
		"label.name":               {"namn", "name"},
		"label.kind":               {"typ", "type"},
		"label.org_number":         {"organisationsnummer", "organisation number"},
		"label.owner_id":           {"ägare", "owner"},
		"label.owner_kind":         {"ägarens typ", "owner type"},
		"label.parent_id":          {"överordnad organisation", "parent organisation"},
		"label.venue_id":           {"lokal", "venue"},
		"label.description":        {"beskrivning", "description"},
		"label.website":            {"webbplats", "website"},
		"label.email":              {"e-post", "e-mail"},
		"label.phone":              {"telefon", "phone"},
		"label.street_address":     {"gatuadress", "street address"},
		"label.postal_code":        {"postnummer", "postal code"},
		"label.town":               {"ort", "town"},
		"label.district":           {"stadsdel", "district"},
		"label.latitude":           {"latitud", "latitude"},
		"label.longitude":          {"longitud", "longitude"},
		"label.contact_name":       {"kontaktperson", "contact person"},
		"label.contact_email":      {"kontaktpersonens e-post", "contact e-mail"},
		"label.contact_phone":      {"kontaktpersonens telefon", "contact phone"},
		"label.capacity":           {"kapacitet", "capacity"},
		"label.capacity_min":       {"minsta kapacitet", "minimum capacity"},
		"label.area_m2":            {"yta (m²)", "area (m²)"},
		"label.facilities":         {"utrustning", "facilities"},
		"label.bookable":           {"bokningsbar", "bookable"},
		"label.accessibility":      {"tillgänglighet", "accessibility"},
		"label.accessibility.note": {"beskrivning av tillgängligheten", "accessibility note"},
		"label.accessibility_note": {"beskrivning av tillgängligheten", "accessibility note"},
		"label.step_free_entrance": {"entré utan trappsteg", "step-free entrance"},
		"label.accessible_toilet":  {"tillgänglig toalett", "accessible toilet"},
		"label.hearing_loop":       {"hörslinga", "hearing loop"},
		"label.lift":               {"hiss", "lift"},
		"label.accessible_parking": {"parkering för rörelsehindrade", "accessible parking"},
		"label.q":                  {"sökord", "search text"},
		"label.limit":              {"antal per sida", "page size"},
		"label.cursor":             {"sidmarkör", "page cursor"},
		"label.include_archived":   {"visa arkiverade", "include archived"},
	})
}
