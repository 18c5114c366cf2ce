package i18n

// Rooms made of parts: the refusals of setting them, and how the room page names them.
func init() {
	register(map[string]Text{
		"label.part_ids": {"delar", "parts"},

		"validation.part_is_whole":       {"Ett rum kan inte vara en del av sig självt.", "A room cannot be a part of itself."},
		"validation.part_other_venue":    {"{field}: rummet finns i en annan lokal; delar måste finnas i samma lokal.", "{field}: the room is in another venue; parts must be in the same venue."},
		"validation.part_contains_whole": {"{field}: rummet innehåller redan det här rummet och kan inte också vara en del av det.", "{field}: the room already contains this room and cannot also be a part of it."},

		"ui.room.parts":   {"Består av", "Consists of"},
		"ui.room.part_of": {"Är en del av", "Is part of"},
	})
}
