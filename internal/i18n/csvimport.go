package i18n

// The CSV import (`lokalbanken import`): where a problem is and what it is.
func init() {
	register(map[string]Text{
		"csvimport.line": {"rad %d", "line %d"},
		"csvimport.file": {"filen", "the file"},

		"validation.csv_encoding": {"Raden är inte UTF-8: filen verkar vara sparad som Latin-1 eller Windows-1252. Spara den som ”CSV UTF-8” och försök igen.",
			"The line is not UTF-8: the file seems to be saved as Latin-1 or Windows-1252. Save it as \"CSV UTF-8\" and try again."},
		"validation.csv_header": {"Rubrikraden ska vara exakt {param} (kolumner inom hakparentes får utelämnas), åtskilda med komma eller semikolon.",
			"The header must be exactly {param} (columns in brackets may be left out), separated by commas or semicolons."},
		"validation.csv_fields":            {"Raden ska ha {param} kolumner, lika många som rubrikraden.", "The line must have {param} columns, as many as the header."},
		"validation.csv_syntax":            {"Raden kunde inte läsas som CSV; se efter citattecknen.", "The line could not be read as CSV; check its quotation marks."},
		"validation.csv_empty":             {"Filen har inga rader efter rubrikraden.", "The file has no rows after the header."},
		"validation.csv_too_large":         {"Filen är större än {param} byte.", "The file is larger than {param} bytes."},
		"validation.csv_duplicate_in_file": {"{field} finns redan på rad {param} i filen.", "{field} is already on line {param} of the file."},
		"validation.csv_already_signed":    {"Organisationen har redan skrivit under version {param}.", "The organisation has already signed version {param}."},
		"validation.no_such_version":       {"Överenskommelsen har ingen version {param}.", "The agreement has no version {param}."},
	})
}
