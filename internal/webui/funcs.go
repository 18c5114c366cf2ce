package webui

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// sharedFuncs are the template functions that do not depend on the language.
func sharedFuncs(a *assets) template.FuncMap {
	return template.FuncMap{
		"static":         a.url,
		"facilities":     func() []string { return validation.Facilities },
		"accessFeatures": func() []string { return venue.AccessibilityFeatures },
		"accessPresent": func(acc venue.Accessibility) []string {
			var out []string
			for _, f := range venue.AccessibilityFeatures {
				if acc.Has(f) {
					out = append(out, f)
				}
			}
			return out
		},
		"list": func(s ...string) []string { return s },
		"last": func(s []string) int { return len(s) - 1 },
		"tel":  telURI,
		// decision is what the decide_forms partial takes.
		"decision": func(id int64, csrf, back, who string) decision {
			return decision{ID: id, CSRF: csrf, Back: back, Who: who}
		},
		// documents is what the documents partial takes (an agreement's or a meeting's).
		"documents": func(base string, docs any, canManage bool, f *form, maxMiB any, keys, csrf string) documentsArgs {
			return documentsArgs{Base: base, Documents: docs, CanManage: canManage, Form: f, MaxMiB: maxMiB, Keys: keys, CSRF: csrf}
		},
		// reply is what the meeting_reply partial takes: where the answer is posted, for
		// which organisation, the buttons' hidden label, the participants field.
		"reply": func(action string, org int64, label string, participants field, csrf string) replyArgs {
			return replyArgs{Action: action, OrganisationID: org, Label: label, Participants: participants, CSRF: csrf}
		},
		// grid is what the time_grid partial takes: the id of its caption and the grid.
		"grid": func(id string, g *gridView) gridArgs { return gridArgs{ID: id, Grid: g} },
	}
}

// languageFuncs are the template functions bound to one language. Every page set is
// cloned once per language at startup with these.
func languageFuncs(lang i18n.Lang, loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"t": func(key string, args ...any) string { return i18n.T(lang, key, args...) },
		// tn picks the singular (KEY.one) or plural (KEY.other) text for n, and puts n
		// in it where the text has a %d.
		"tn": func(key string, n int) string {
			key += ".other"
			if n == 1 {
				key = strings.TrimSuffix(key, ".other") + ".one"
			}
			if s := i18n.T(lang, key); !strings.Contains(s, "%d") {
				return s
			}
			return i18n.T(lang, key, n)
		},
		"yesno": func(b bool) string {
			if b {
				return i18n.T(lang, "ui.yes")
			}
			return i18n.T(lang, "ui.no")
		},
		"area": func(m2 float64) string {
			s := strconv.FormatFloat(m2, 'f', -1, 64)
			if lang != i18n.EN {
				s = strings.ReplaceAll(s, ".", ",")
			}
			return i18n.T(lang, "ui.unit.m2", s)
		},
		"datetime": func(t time.Time) string {
			return t.In(loc).Format("2006-01-02 15:04")
		},
		"facilityList": func(fs []string) string {
			labels := make([]string, len(fs))
			for i, f := range fs {
				labels[i] = i18n.T(lang, "facility."+f)
			}
			return strings.Join(labels, ", ")
		},
		"input": func(f *form, name string, opts ...string) field {
			return newField(lang, f, name, opts)
		},
		"choices": func(f *form, name, prefix string, values []string, opts ...string) field {
			return newChoices(lang, f, name, prefix, values, opts)
		},
		"selectOwnerKind": func(f *form) field {
			fl := newField(lang, f, "owner_kind", []string{"quiet", "label:ui.filters.owner_kind"})
			fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.filters.any_owner")})
			for _, k := range organisation.Kinds {
				fl.Options = append(fl.Options, option{Value: string(k), Label: i18n.T(lang, "kind."+string(k)), Checked: fl.Value == string(k)})
			}
			return fl
		},
		"selectDistrict": func(f *form, districts []string) field {
			fl := newField(lang, f, "district", []string{"quiet", "label:ui.filters.district"})
			fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.filters.any_district")})
			found := fl.Value == ""
			for _, d := range districts {
				same := strings.EqualFold(d, fl.Value)
				found = found || same
				fl.Options = append(fl.Options, option{Value: d, Label: d, Checked: same})
			}
			if !found {
				// Keep a district typed into the address bar visible as chosen.
				fl.Options = append(fl.Options, option{Value: fl.Value, Label: fl.Value, Checked: true})
			}
			return fl
		},
		"selectRole": func(f *form) field {
			fl := newField(lang, f, "role", []string{"required", "label:ui.members.role", "hint:ui.members.role_hint"})
			for _, r := range roles {
				fl.Options = append(fl.Options, option{Value: string(r), Label: i18n.T(lang, "ui.role."+string(r)), Checked: fl.Value == string(r)})
			}
			return fl
		},
		"selectBooker": func(f *form, orgs []organisation.Organisation) field {
			fl := newField(lang, f, "organisation_id", []string{"required", "label:ui.booking_form.organisation"})
			if len(orgs) != 1 {
				fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.booking_form.choose_org")})
			}
			for _, o := range orgs {
				id := strconv.FormatInt(o.ID, 10)
				fl.Options = append(fl.Options, option{Value: id, Label: o.Name, Checked: fl.Value == id})
			}
			return fl
		},
		"selectOwner": func(f *form, owners []organisation.Organisation) field {
			fl := newField(lang, f, "owner_id", []string{"required"})
			fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.venue_form.choose_owner")})
			for _, k := range organisation.Kinds {
				for _, o := range owners {
					if o.Kind != k {
						continue
					}
					id := strconv.FormatInt(o.ID, 10)
					fl.Options = append(fl.Options, option{
						Value: id, Label: o.Name, Group: i18n.T(lang, "ui.kind_group."+string(k)), Checked: fl.Value == id,
					})
				}
			}
			return fl
		},
	}
}

// telURI keeps the digits (and a leading +) of a phone number for a tel: link.
func telURI(phone string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// decision is the approve-or-reject form of one pending booking: Back "inbox" returns to the
// approvals inbox; Who names the booking for screen readers where several share a page.
type decision struct {
	ID              int64
	CSRF, Back, Who string
}

// replyArgs are the meeting_reply partial's (the "reply" function).
type replyArgs struct {
	Action         string
	OrganisationID int64
	Label          string
	Participants   field
	CSRF           string
}

// documentsArgs are the documents partial's: where the documents live (Base, e.g.
// "/avtal/3"), the documents (any slice of values with ID, Filename, Title and Size), whether
// the visitor manages them, the upload form, its size limit in MiB, and the prefix of the
// texts (Keys).
type documentsArgs struct {
	Base      string
	Documents any
	CanManage bool
	Form      *form
	MaxMiB    any
	Keys      string
	CSRF      string
}
