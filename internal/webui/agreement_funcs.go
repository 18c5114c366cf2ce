package webui

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// agreementFuncs are the template functions of the agreement pages, bound to one language.
func agreementFuncs(lang i18n.Lang) template.FuncMap {
	return template.FuncMap{
		"selectAgreementKind": func(f *form) field {
			fl := newField(lang, f, "kind", []string{"required", "label:ui.agreement_form.kind"})
			for _, k := range agreementKinds {
				fl.Options = append(fl.Options, option{Value: string(k), Label: i18n.T(lang, "agreement.kind."+string(k)), Checked: fl.Value == string(k)})
			}
			return fl
		},
		"selectAgreementStatus": func(f *form) field {
			fl := newField(lang, f, "status", []string{"required", "label:ui.agreement_form.status"})
			for _, s := range []agreement.Status{agreement.StatusDraft, agreement.StatusActive, agreement.StatusEnded} {
				fl.Options = append(fl.Options, option{Value: string(s), Label: i18n.T(lang, "agreement.status."+string(s)), Checked: fl.Value == string(s)})
			}
			return fl
		},
		"selectSigner": func(f *form, orgs []organisation.Organisation) field {
			fl := newField(lang, f, "organisation_id", []string{"required", "label:ui.agreement.sign_org"})
			fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.agreement.choose_org")})
			for _, o := range orgs {
				id := strconv.FormatInt(o.ID, 10)
				fl.Options = append(fl.Options, option{Value: id, Label: o.Name, Checked: fl.Value == id})
			}
			return fl
		},
		"selectSignedVersion": func(f *form, versions []agreement.Version) field {
			fl := newField(lang, f, "version_id", []string{"label:ui.agreement.sign_version"})
			fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.agreement.version_in_force")})
			for i := len(versions) - 1; i >= 0; i-- {
				v := versions[i]
				id := strconv.FormatInt(v.ID, 10)
				fl.Options = append(fl.Options, option{Value: id, Label: i18n.T(lang, "ui.agreement.col_version", v.Label, v.AdoptedOn.Format("2006-01-02")), Checked: fl.Value == id})
			}
			return fl
		},
		// fileSize writes a document's size in bytes, kB or MB, the language's way.
		"fileSize": func(n int64) string {
			if n < 1000 {
				return i18n.T(lang, "ui.agreement.bytes", n)
			}
			unit, v := "kB", float64(n)/1000
			if n >= 1_000_000 {
				unit, v = "MB", float64(n)/1_000_000
			}
			s := strconv.FormatFloat(v, 'f', 1, 64)
			if lang != i18n.EN {
				s = strings.ReplaceAll(s, ".", ",")
			}
			return s + "\u00a0" + unit
		},
	}
}
