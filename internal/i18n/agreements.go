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
