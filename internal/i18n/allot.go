package i18n

import (
	"slices"
	"strings"
)

// Seasonal allocation: the reasons internal/allot gives for each decision.
func init() {
	register(map[string]Text{
		"ui.allot.reason.fixed":          {"Fördelad för hand: {room}, {weekday} {start}–{end}.", "Allocated by hand: {room}, {weekday} {start}–{end}."},
		"ui.allot.reason.first_choice":   {"Fick förstahandsvalet: {room}, {weekday} {start}–{end}.", "Got the first choice: {room}, {weekday} {start}–{end}."},
		"ui.allot.reason.allocated":      {"Fick {room} (rum nr {room_rank} i er rangordning), {weekday} {start}–{end}, inom en önskad tid med prioritet {wish}.", "Got {room} (room no. {room_rank} in your ranking), {weekday} {start}–{end}, within a wished time of priority {wish}."},
		"ui.allot.reason.held_by":        {"En bättre tid var upptagen: {section} ({organisation}) har {room} {weekday} {start}–{end} och går före enligt {criterion}.", "A better time was taken: {section} ({organisation}) holds {room} on {weekday} {start}–{end} and comes first by {criterion}."},
		"ui.allot.reason.held_by_hand":   {"En bättre tid var upptagen: {room} {weekday} {start}–{end} är fördelad för hand.", "A better time was taken: {room} on {weekday} {start}–{end} is allocated by hand."},
		"ui.allot.reason.room_closed":    {"{room} erbjuds inte {weekday} {start}–{end}.", "{room} is not offered on {weekday} {start}–{end}."},
		"ui.allot.reason.room_too_small": {"{room} tar {capacity} personer, men gruppen är {attendees}.", "{room} holds {capacity} people, but the group is {attendees}."},
		"ui.allot.reason.not_allocated":  {"{sessions} pass i veckan fick ingen tid inom de önskade tiderna.", "{sessions} weekly session(s) got no time within the wished times."},
		"ui.allot.reason.no_wishes":      {"Ansökan anger ingen önskad tid som räcker för ett pass.", "The application gives no wished time long enough for a session."},
		"ui.allot.reason.no_rooms":       {"Inget av de önskade rummen erbjuds i omgången och är stort nog.", "None of the wished rooms is offered in the round and big enough."},
		"ui.allot.reason.no_open_time":   {"De önskade rummen erbjuds inte under någon av de önskade tiderna.", "The wished rooms are not offered during any of the wished times."},
		"ui.allot.reason.invalid":        {"Passens längd saknas.", "The length of the sessions is missing."},

		"ui.allot.criterion.applied_at": {"ansökningstid (tidigast först)", "application time (earliest first)"},
		"ui.allot.criterion.id":         {"ordningsnummer (lägst först)", "sequence number (lowest first)"},
	})
}

// AllotReason words an allocation reason (internal/allot's Reason code and args) in lang. Each
// {name} in the text is replaced by args[name]; "weekday" (1–7) becomes the weekday's name and
// "criterion" "applied_at" or "id" its words. Callers replace ids first ("room", "section",
// "organisation") with names, and a numeric "criterion" with the name of the round's criterion
// at that index.
func AllotReason(lang Lang, code string, args map[string]string) string {
	s := T(lang, "ui.allot.reason."+code)
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := args[k]
		switch {
		case k == "weekday" && Has("ui.weekday."+v):
			v = T(lang, "ui.weekday."+v)
		case k == "criterion" && Has("ui.allot.criterion."+v):
			v = T(lang, "ui.allot.criterion."+v)
		}
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}
