package i18n

// Documents attached to agreements (and, later, meetings): problems and field messages.
func init() {
	register(map[string]Text{
		"problem.document_not_found.title":  {"Dokumentet finns inte", "Document not found"},
		"problem.document_not_found.detail": {"Det finns inget sådant dokument till överenskommelsen.", "The agreement has no such document."},

		"validation.too_large": {"{field} är för stor: den får vara högst {param} byte (10 MiB).", "{field} is too large: it may be at most {param} bytes (10 MiB)."},
		"validation.not_pdf":   {"{field} är ingen PDF: innehållet börjar inte som en PDF eller är avkortat.", "{field} is not a PDF: its content does not start like one, or it is cut short."},
		"validation.file_type": {"{field} måste vara en PDF med filändelsen .pdf.", "{field} must be a PDF with the extension .pdf."},

		"label.file": {"filen", "the file"},
	})
}
