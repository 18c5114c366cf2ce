package validation

import (
	"reflect"
	"slices"

	"github.com/go-playground/validator/v10"
)

// Facilities is the fixed vocabulary of things a room can have, as stored and as sent in the
// API. Their labels are the i18n keys "facility.<name>". Do not modify it at run time.
var Facilities = []string{
	"projector", "screen", "kitchen", "wifi", "whiteboard", "sound_system",
	"stage", "piano", "dishwasher", "changing_rooms", "video_conference",
}

// isFacility implements the facility tag, for one string; use `dive,facility` on a slice.
func isFacility(fl validator.FieldLevel) bool {
	f := fl.Field()
	return f.Kind() == reflect.String && slices.Contains(Facilities, f.String())
}
