package webui

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// meetingKinds are the kinds of series in the order the form offers them.
var meetingKinds = []string{"samrad", "dialogue", "fro", "stormote", "network", "other"}

// meetingFuncs are the template functions of the meeting pages, bound to one language.
func meetingFuncs(lang i18n.Lang) template.FuncMap {
	radios := func(f *form, name, prefix string, values []string, opts ...string) field {
		fl := newChoices(lang, f, name, prefix, values, opts)
		for i := range fl.Options {
			fl.Options[i].Checked = fl.Value == fl.Options[i].Value
		}
		return fl
	}
	return template.FuncMap{
		"deref":    func(b *bool) bool { return b != nil && *b },
		"derefInt": func(n *int) int { return ptrOr(n) },
		"capital":  capitalise,
		"join":     func(s []string) string { return strings.Join(s, ", ") },
		"selectMeetingKind": func(f *form) field {
			fl := newField(lang, f, "kind", []string{"required", "label:ui.meeting_series_form.kind", "hint:ui.meeting_series_form.kind_hint"})
			for _, k := range meetingKinds {
				fl.Options = append(fl.Options, option{Value: k, Label: capitalise(i18n.T(lang, "meeting_kind."+k)), Checked: fl.Value == k})
			}
			return fl
		},
		"selectOrganiser": func(f *form, orgs []organisation.Organisation) field {
			fl := newField(lang, f, "organiser_id", []string{"required"})
			if len(orgs) != 1 {
				fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.meeting_series_form.choose_organiser")})
			}
			for _, o := range orgs {
				id := strconv.FormatInt(o.ID, 10)
				fl.Options = append(fl.Options, option{Value: id, Label: o.Name, Checked: fl.Value == id})
			}
			return fl
		},
		"selectRoom": func(f *form, rooms []option) field {
			fl := newField(lang, f, "room_id", []string{"label:ui.meeting_form.room", "hint:ui.meeting_form.room_hint"})
			fl.Options = append([]option{{Value: "", Label: i18n.T(lang, "ui.meeting_form.choose_room")}}, rooms...)
			return fl
		},
		// radioChoices is a radio group whose one value is the form's.
		"radioChoices": radios,
		"inviteChoices": func(f *form, orgs []option) field {
			fl := newField(lang, f, "invitees", []string{"label:ui.meeting_series_form.invitees", "hint:ui.meeting_series_form.invitees_hint"})
			fl.Options = orgs
			if len(orgs) > 0 {
				fl.ID = orgs[0].ID
			}
			return fl
		},
		"orgChoices": func(f *form, name, label string, orgs []option) field {
			fl := newField(lang, f, name, []string{"quiet", "label:" + label})
			fl.Options = orgs
			if len(orgs) > 0 {
				fl.ID = orgs[0].ID
			}
			return fl
		},
	}
}

func ptrOr(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}
