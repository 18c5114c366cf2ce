package i18n

// Agreements and their signatories: problems, field messages and labels.
func init() {
	register(map[string]Text{
		"problem.agreement_not_found.title":  {"Överenskommelsen finns inte", "Agreement not found"},
		"problem.agreement_not_found.detail": {"Det finns ingen överenskommelse med det id:t som du får se.", "There is no agreement with that id that you may see."},
		"problem.signatory_not_found.title":  {"Underskriften finns inte", "Signature not found"},
		"problem.signatory_not_found.detail": {"Det finns ingen underskrift med det id:t.", "There is no signature with that id."},
		"problem.agreement_ended.title":      {"Överenskommelsen har upphört", "The agreement has ended"},
		"problem.agreement_ended.detail":     {"En överenskommelse som har upphört kan inte skrivas under.", "An agreement that has ended cannot be signed."},
		"problem.signatory_withdrawn.title":  {"Underskriften är redan återtagen", "The signature is already withdrawn"},
		"problem.signatory_withdrawn.detail": {"Underskriften har redan återtagits. Organisationen kan skriva under på nytt.", "The signature has already been withdrawn. The organisation may sign again."},

		"validation.signed_before_version": {"{field} får inte vara före {param}, då versionen antogs.", "{field} must not be before {param}, when the version was adopted."},
		"validation.not_in_future":         {"{field} får inte ligga i framtiden.", "{field} must not be in the future."},
		"validation.before_signed":         {"{field} får inte vara före {param}, då överenskommelsen skrevs under.", "{field} must not be before {param}, when the agreement was signed."},
		"validation.compact_exists":        {"Överenskommelsen finns redan; en ny lydelse läggs till som en ny version.", "The Compact already exists; a new wording is added as a new version."},

		"label.text":         {"text", "text"},
		"label.status":       {"status", "status"},
		"label.summary":      {"sammanfattning", "summary"},
		"label.link":         {"länk", "link"},
		"label.valid_from":   {"gäller från", "valid from"},
		"label.valid_to":     {"gäller till", "valid to"},
		"label.version":      {"version", "version"},
		"label.label":        {"versionens namn", "version name"},
		"label.adopted_on":   {"antagen", "adopted on"},
		"label.version_id":   {"version", "version"},
		"label.signed_on":    {"undertecknad", "signed on"},
		"label.signer_name":  {"undertecknarens namn", "signer's name"},
		"label.signer_role":  {"undertecknarens roll", "signer's role"},
		"label.withdrawn_on": {"återtagen", "withdrawn on"},
		"label.all":          {"alla", "all"},
	})
}

// The public page of the Compact.
func init() {
	register(map[string]Text{
		"ui.nav.compact":           {"Överenskommelsen", "The Compact"},
		"ui.compact.lead":          {"Överenskommelsen mellan Borås Stad och det idéburna. Här ser du vilka organisationer som har skrivit under.", "The Compact between Borås Stad and civil society. Here you can see which organisations have signed it."},
		"ui.compact.full_text":     {"Läs hela överenskommelsen", "Read the whole Compact"},
		"ui.compact.versions":      {"Versioner", "Versions"},
		"ui.compact.version":       {"Version %s, antagen %s", "Version %s, adopted %s"},
		"ui.compact.version_text":  {"texten", "the text"},
		"ui.compact.signatories":   {"Undertecknare", "Signatories"},
		"ui.compact.total.one":     {"%d organisation har skrivit under.", "%d organisation has signed."},
		"ui.compact.total.other":   {"%d organisationer har skrivit under.", "%d organisations have signed."},
		"ui.compact.matches.one":   {"%d undertecknare passar sökningen.", "%d signatory matches the search."},
		"ui.compact.matches.other": {"%d undertecknare passar sökningen.", "%d signatories match the search."},
		"ui.compact.download":      {"Ladda ner listan som CSV:", "Download the list as CSV:"},
		"ui.compact.csv_current":   {"nuvarande undertecknare", "current signatories"},
		"ui.compact.csv_all":       {"med historik (även de som har lämnat)", "with history (including those who left)"},
		"ui.compact.search_label":  {"Sök bland undertecknarna", "Search the signatories"},
		"ui.compact.search":        {"Organisationens namn eller organisationsnummer", "Organisation's name or number"},
		"ui.compact.search_submit": {"Sök", "Search"},
		"ui.compact.caption":       {"Organisationer som har skrivit under överenskommelsen", "Organisations that have signed the Compact"},
		"ui.compact.organisation":  {"Organisation", "Organisation"},
		"ui.compact.signed_on":     {"Undertecknad", "Signed"},
		"ui.compact.version_col":   {"Version", "Version"},
		"ui.compact.none":          {"Ingen har skrivit under ännu.", "No one has signed yet."},
		"ui.compact.none_found":    {"Ingen undertecknare passar sökningen.", "No signatory matches the search."},
	})
}
