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
		"ui.compact.signatories":   {"Undertecknare", "Signatories"},
		"ui.compact.total.one":     {"%d organisation har skrivit under.", "%d organisation has signed."},
		"ui.compact.total.other":   {"%d organisationer har skrivit under.", "%d organisations have signed."},
		"ui.compact.matches.one":   {"%d undertecknare passar sökningen.", "%d signatory matches the search."},
		"ui.compact.matches.other": {"%d undertecknare passar sökningen.", "%d signatories match the search."},
		"ui.compact.download":      {"Ladda ner listan som CSV:", "Download the list as CSV:"},
		"ui.compact.csv_current":   {"nuvarande undertecknare", "current signatories"},
		"ui.compact.csv_all":       {"med historik (även de som har lämnat)", "with history (including those who left)"},
		"ui.compact.download_xlsx": {"Som Excel-fil (.xlsx):", "As an Excel file (.xlsx):"},
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

// The Compact's page: its six principles, its text and its versions.
func init() {
	register(map[string]Text{
		"ui.compact.principles":       {"Sex principer", "Six principles"},
		"ui.compact.principles_intro": {"Samarbetet mellan Borås Stad och det idéburna vilar på sex principer.", "The partnership between Borås Stad and civil society rests on six principles."},

		"ui.compact.principle.independence": {"Självständighet och oberoende", "Independence"},
		"ui.compact.principle.independence.text": {"De idéburna organisationerna bestämmer själva över sin verksamhet och sina värderingar och behåller rätten att granska och kritisera staden, också när de får stöd av den.",
			"Civil society organisations decide on their own activities and values, and keep the right to scrutinise and criticise the city, also when the city supports them."},
		"ui.compact.principle.openness": {"Öppenhet och insyn", "Openness and transparency"},
		"ui.compact.principle.openness.text": {"Samarbetet sker öppet: alla kan se vilka organisationer som har skrivit under och vilka överenskommelser och avtal som finns. Därför är listan på den här sidan öppen för alla.",
			"The partnership works in the open: anyone can see which organisations have signed and which agreements exist. That is why the list on this page is open to everyone."},
		"ui.compact.principle.dialogue": {"Dialog", "Dialogue"},
		"ui.compact.principle.dialogue.text": {"Staden och det idéburna möts regelbundet, i samråd och dialogmöten, och tidigt – innan beslut som berör föreningslivet fattas.",
			"The city and civil society meet regularly, in the council and in dialogue meetings, and early – before decisions that concern associations are made."},
		"ui.compact.principle.quality": {"Kvalitet", "Quality"},
		"ui.compact.principle.quality.text": {"Det som görs ska vara bra för dem det finns till för. Parterna följer upp, lär av varandra och tar vara på både kunskap och engagemang.",
			"What is done should be good for those it is for. The parties follow up, learn from each other and value both knowledge and commitment."},
		"ui.compact.principle.long_term": {"Långsiktighet", "Long-term commitment"},
		"ui.compact.principle.long_term.text": {"Samarbetet bygger på spelregler och stöd som går att planera efter i flera år, inte på enstaka projekt.",
			"The partnership rests on rules and support that organisations can plan by for years, not on one-off projects."},
		"ui.compact.principle.diversity": {"Mångfald", "Diversity"},
		"ui.compact.principle.diversity.text": {"Stora som små, nya som gamla organisationer ska kunna delta. Mångfalden i det idéburna är en styrka för hela Borås.",
			"Large and small, new and established organisations can all take part. The diversity of civil society is a strength for all of Borås."},

		"ui.compact.text_title":         {"Texten", "The text"},
		"ui.compact.current_version":    {"Gällande version är %s, antagen %s.", "The version in force is %s, adopted %s."},
		"ui.compact.no_current_version": {"Ingen version har antagits ännu.", "No version has been adopted yet."},
		"ui.compact.show_text":          {"Visa hela texten", "Show the whole text"},
		"ui.compact.no_text":            {"Texten finns inte här ännu.", "The text is not available here yet."},
		"ui.compact.versions_caption":   {"Överenskommelsens versioner, den senaste först", "The Compact's versions, the latest first"},
		"ui.compact.adopted_col":        {"Antagen", "Adopted"},
		"ui.compact.text_col":           {"Text", "Text"},
		"ui.compact.in_force":           {"gäller", "in force"},
		"ui.compact.coming":             {"kommande", "coming"},
		"ui.compact.version_link":       {"Läs version %s", "Read version %s"},
		"ui.compact.version_show":       {"Visa texten till version %s", "Show the text of version %s"},
		"ui.compact.version_no_text":    {"Texten finns inte här.", "The text is not available here."},
	})
}
