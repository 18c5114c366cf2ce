package i18n

// Messages for invalid fields, by code ("validation.<code>"), rendered by validation.Message:
// {field} is replaced by the field's label and {param} by the rule's parameter, and the first
// letter is capitalised. Write them so they read well whatever the label's gender.
func init() {
	register(map[string]Text{
		"validation.invalid": {"{field} har ett ogiltigt värde.", "{field} has an invalid value."},

		"validation.required":             {"{field} måste anges.", "{field} is required."},
		"validation.required_if":          {"{field} måste anges i det här fallet.", "{field} is required in this case."},
		"validation.required_unless":      {"{field} måste anges i det här fallet.", "{field} is required in this case."},
		"validation.required_with":        {"{field} måste anges när {param} anges.", "{field} is required when {param} is given."},
		"validation.required_with_all":    {"{field} måste anges när {param} anges.", "{field} is required when {param} are given."},
		"validation.required_without":     {"{field} måste anges när {param} saknas.", "{field} is required when {param} is missing."},
		"validation.required_without_all": {"{field} måste anges när {param} saknas.", "{field} is required when {param} are missing."},
		"validation.excluded_with":        {"{field} får inte anges när {param} anges.", "{field} must not be given when {param} is given."},
		"validation.excluded_without":     {"{field} får bara anges när {param} anges.", "{field} may only be given when {param} is given."},

		"validation.min_len":   {"{field} måste vara minst {param} tecken.", "{field} must be at least {param} characters long."},
		"validation.max_len":   {"{field} får vara högst {param} tecken.", "{field} must be at most {param} characters long."},
		"validation.len":       {"{field} måste vara exakt {param} tecken.", "{field} must be exactly {param} characters long."},
		"validation.min_items": {"{field} måste ha minst {param} val.", "{field} must have at least {param} items."},
		"validation.max_items": {"{field} får ha högst {param} val.", "{field} must have at most {param} items."},
		"validation.len_items": {"{field} måste ha exakt {param} val.", "{field} must have exactly {param} items."},
		"validation.min":       {"{field} måste vara minst {param}.", "{field} must be at least {param}."},
		"validation.max":       {"{field} får vara högst {param}.", "{field} must be at most {param}."},
		"validation.gte":       {"{field} måste vara minst {param}.", "{field} must be at least {param}."},
		"validation.lte":       {"{field} får vara högst {param}.", "{field} must be at most {param}."},
		"validation.gt":        {"{field} måste vara större än {param}.", "{field} must be greater than {param}."},
		"validation.lt":        {"{field} måste vara mindre än {param}.", "{field} must be less than {param}."},
		"validation.eq":        {"{field} måste vara {param}.", "{field} must be {param}."},
		"validation.ne":        {"{field} får inte vara {param}.", "{field} must not be {param}."},
		"validation.oneof":     {"{field} måste vara något av följande: {param}.", "{field} must be one of: {param}."},
		"validation.unique":    {"{field} får inte innehålla samma värde två gånger.", "{field} must not contain the same value twice."},
		"validation.dive":      {"{field} innehåller ett ogiltigt värde.", "{field} contains an invalid value."},
		"validation.numeric":   {"{field} måste vara ett tal.", "{field} must be a number."},
		"validation.notblank":  {"{field} får inte bestå av bara blanksteg.", "{field} must not be blank."},

		"validation.email":     {"{field} måste vara en giltig e-postadress.", "{field} must be a valid e-mail address."},
		"validation.url":       {"{field} måste vara en giltig webbadress.", "{field} must be a valid URL."},
		"validation.httpurl":   {"{field} måste vara en webbadress som börjar med http:// eller https://.", "{field} must be a web address starting with http:// or https://."},
		"validation.uuid":      {"{field} måste vara ett giltigt UUID.", "{field} must be a valid UUID."},
		"validation.latitude":  {"{field} måste vara ett tal mellan -90 och 90.", "{field} must be a number between -90 and 90."},
		"validation.longitude": {"{field} måste vara ett tal mellan -180 och 180.", "{field} must be a number between -180 and 180."},
		"validation.phone": {"{field} måste vara ett telefonnummer med 6–20 tecken: siffror, mellanslag, +, - och parenteser.",
			"{field} must be a phone number of 6–20 characters: digits, spaces, +, - and parentheses."},
		"validation.orgnr": {"Organisationsnumret har fel kontrollsiffra eller fel form (NNNNNN-NNNN).",
			"The organisation number is not valid (check digit or format; expected NNNNNN-NNNN)."},
		"validation.postnr": {"Postnumret ska ha fem siffror (NNN NN) och får inte börja med 0.",
			"The postal code must have five digits (NNN NN) and must not start with 0."},
		"validation.facility": {"Utrustningen finns inte bland de valbara; välj från listan.",
			"Unknown facility; choose one from the list."},

		// Codes the API and the services report themselves.
		"validation.unknown_field": {"{field} är inget fält som kan anges här.", "{field} is not a field that can be set here."},
		"validation.type":          {"{field} har fel typ: värdet ska vara {param}.", "{field} has the wrong type: expected {param}."},
		"validation.malformed":     {"{field} kunde inte läsas.", "{field} could not be read."},
		"validation.control_char": {"{field} innehåller ett osynligt styrtecken (till exempel ett nolltecken eller en radbrytning där ingen får finnas); ta bort det och försök igen.",
			"{field} contains an invisible control character (such as a null character or a line break where none is allowed); remove it and try again."},
		"validation.duplicate":   {"{field} används redan.", "{field} is already in use."},
		"validation.not_found":   {"{field} hänvisar till något som inte finns.", "{field} refers to something that does not exist."},
		"validation.archived":    {"{field} hänvisar till något som är arkiverat.", "{field} refers to something that has been archived."},
		"validation.parent_self": {"En organisation kan inte vara överordnad sig själv.", "An organisation cannot be its own parent."},
		"validation.parent_kind": {"Bara en organisation inom Borås Stad kan ha en överordnad organisation, och den ska vara en organisation inom Borås Stad på översta nivån.",
			"Only a City of Borås organisation can have a parent, and the parent must be a top-level City of Borås organisation."},

		// The JSON types named by the "type" code's parameter.
		"jsontype.number":  {"ett tal", "a number"},
		"jsontype.integer": {"ett heltal", "a whole number"},
		"jsontype.boolean": {"true eller false", "true or false"},
		"jsontype.string":  {"en text", "a string"},
		"jsontype.array":   {"en lista", "an array"},
		"jsontype.object":  {"ett objekt", "an object"},

		// Joining words for a list of field names in a parameter.
		"list.or":  {"eller", "or"},
		"list.and": {"och", "and"},
	})
}
