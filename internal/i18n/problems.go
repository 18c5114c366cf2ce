package i18n

// Titles and details of the problems the API and pages report, by fault code.
func init() {
	register(map[string]Text{
		"problem.validation.title":              {"Uppgifterna är inte giltiga", "The input is not valid"},
		"problem.validation.detail":             {"En eller flera uppgifter behöver rättas; se errors.", "One or more fields need correcting; see errors."},
		"problem.malformed.title":               {"Begäran kunde inte läsas", "The request could not be read"},
		"problem.malformed.detail":              {"Kroppen är inte giltig JSON.", "The body is not valid JSON."},
		"problem.too_large.title":               {"Begäran är för stor", "The request is too large"},
		"problem.too_large.detail":              {"Kroppen får vara högst %d byte.", "The body may be at most %d bytes."},
		"problem.unsupported_media_type.title":  {"Fel innehållstyp", "Unsupported media type"},
		"problem.unsupported_media_type.detail": {"Skicka JSON med Content-Type: application/json.", "Send JSON with Content-Type: application/json."},
		"problem.internal.title":                {"Något gick fel hos oss", "Something went wrong on our side"},
		"problem.internal.detail":               {"Försök igen om en stund. Ange begärans id om du kontaktar oss.", "Please try again shortly. Quote the request id if you contact us."},
		"problem.route_not_found.title":         {"Sidan finns inte", "Not found"},
		"problem.route_not_found.detail":        {"Det finns ingen sådan adress i API:et.", "There is no such path in the API."},
		"problem.method_not_allowed.title":      {"Metoden stöds inte", "Method not allowed"},
		"problem.method_not_allowed.detail":     {"Adressen finns men stöder inte den metoden.", "The path exists but does not support that method."},
		"problem.organisation_not_found.title":  {"Organisationen finns inte", "Organisation not found"},
		"problem.organisation_not_found.detail": {"Det finns ingen organisation med det id:t.", "There is no organisation with that id."},
		"problem.venue_not_found.title":         {"Lokalen finns inte", "Venue not found"},
		"problem.venue_not_found.detail":        {"Det finns ingen lokal med det id:t.", "There is no venue with that id."},
		"problem.room_not_found.title":          {"Rummet finns inte", "Room not found"},
		"problem.room_not_found.detail":         {"Det finns inget rum med det id:t.", "There is no room with that id."},
		"problem.stale_revision.title":          {"Någon annan har ändrat uppgifterna", "Someone else changed this"},
		"problem.stale_revision.detail":         {"Uppgifterna har ändrats sedan du hämtade dem. Hämta dem igen och gör om ändringen.", "The record changed since you fetched it. Fetch it again and redo your change."},
		"problem.organisation_archived.title":   {"Organisationen är arkiverad", "The organisation is archived"},
		"problem.organisation_archived.detail":  {"En arkiverad organisation kan inte ändras.", "An archived organisation cannot be changed."},
		"problem.organisation_has_venues.title": {"Organisationen har lokaler", "The organisation has venues"},
		"problem.organisation_has_venues.detail": {"Arkivera eller flytta organisationens lokaler först.",
			"Archive or hand over the organisation's venues first."},
		"problem.venue_archived.title":  {"Lokalen är arkiverad", "The venue is archived"},
		"problem.venue_archived.detail": {"En arkiverad lokal kan inte ändras eller få nya rum.", "An archived venue cannot be changed or get new rooms."},
		"problem.room_archived.title":   {"Rummet är arkiverat", "The room is archived"},
		"problem.room_archived.detail":  {"Ett arkiverat rum kan inte ändras.", "An archived room cannot be changed."},
	})
}
