package i18n

// Labels of the register's fixed vocabularies.
func init() {
	register(map[string]Text{
		"facility.projector":               {"Projektor", "Projector"},
		"facility.screen":                  {"Duk eller skärm", "Screen"},
		"facility.kitchen":                 {"Kök", "Kitchen"},
		"facility.wifi":                    {"Wifi", "Wi-Fi"},
		"facility.whiteboard":              {"Whiteboard", "Whiteboard"},
		"facility.sound_system":            {"Ljudanläggning", "Sound system"},
		"facility.stage":                   {"Scen", "Stage"},
		"facility.piano":                   {"Piano", "Piano"},
		"facility.dishwasher":              {"Diskmaskin", "Dishwasher"},
		"facility.changing_rooms":          {"Omklädningsrum", "Changing rooms"},
		"facility.video_conference":        {"Videokonferens", "Video conferencing"},
		"accessibility.step_free_entrance": {"Entré utan trappsteg", "Step-free entrance"},
		"accessibility.accessible_toilet":  {"Tillgänglig toalett", "Accessible toilet"},
		"accessibility.hearing_loop":       {"Hörslinga", "Hearing loop"},
		"accessibility.lift":               {"Hiss", "Lift"},
		"accessibility.accessible_parking": {"Parkering för rörelsehindrade", "Accessible parking"},
		"kind.city":                        {"Borås Stad", "City of Borås"},
		"kind.association":                 {"Förening", "Association"},
		"kind.other":                       {"Annan", "Other"},
	})
}
