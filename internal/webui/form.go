package webui

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// form is a form as a page shows it: the values as the visitor typed them (so nothing is
// lost when it comes back with errors) and a message per field in the page's language.
type form struct {
	values url.Values
	errors map[string]string
	// Summary lists every problem at the top of the page, each linking to its field.
	Summary []summaryItem
	// ProblemTitle and Problem describe a problem with the form as a whole (a conflict).
	ProblemTitle, Problem string
}

// summaryItem is one line of the error summary; Href is empty for a field the page does
// not show (the visitor can only start over).
type summaryItem struct {
	Href, Message string
	field         string
}

// formSpec describes a form's fields for error reporting.
type formSpec struct {
	// order lists the field names in page order; the summary follows it.
	order []string
	// groups names the checkbox groups and their first value: the summary links to the first box.
	groups map[string]string
	// rename maps the field name of an error (as the validator names it) to the form's name.
	rename func(string) string
}

func newForm(values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{values: values, errors: map[string]string{}}
}

// Value returns the first value typed for name.
func (f *form) Value(name string) string { return f.values.Get(name) }

// Has reports whether value is among the values of name (a ticked box).
func (f *form) Has(name, value string) bool { return slices.Contains(f.values[name], value) }

// Error returns the message for name, or "".
func (f *form) Error(name string) string { return f.errors[name] }

// addErrors renders errs in lang, one message per field (the first), and orders the summary
// as the fields appear on the page.
func (f *form) addErrors(lang i18n.Lang, spec formSpec, errs fault.FieldErrors) {
	for _, e := range errs {
		name := fieldName(e.Field)
		if spec.rename != nil {
			name = spec.rename(name)
		}
		if _, dup := f.errors[name]; dup {
			continue
		}
		msg := validation.Message(lang, e)
		f.errors[name] = msg
		href := ""
		if slices.Contains(spec.order, name) {
			href = "#" + name
			if first, ok := spec.groups[name]; ok {
				href = "#" + optionID(name, first)
			}
		}
		f.Summary = append(f.Summary, summaryItem{Href: href, Message: msg, field: name})
	}
	pos := func(it summaryItem) int {
		if i := slices.Index(spec.order, it.field); i >= 0 {
			return i
		}
		return len(spec.order)
	}
	slices.SortStableFunc(f.Summary, func(a, b summaryItem) int { return pos(a) - pos(b) })
}

var indexSuffix = regexp.MustCompile(`\[\d+\]$`)

// fieldName strips an element index ("facilities[2]") and a struct prefix
// ("VenueInput.name"), leaving the name of the field on the form.
func fieldName(s string) string {
	s = indexSuffix.ReplaceAllString(s, "")
	if i := strings.LastIndex(s, "."); i >= 0 && !strings.HasPrefix(s, "accessibility.") {
		s = s[i+1:]
	}
	return s
}

// optionID is the element id of one checkbox of a group.
func optionID(name, value string) string { return name + "-" + value }

// merge adds to parseErrs what the validator says about in, leaving out the fields that did
// not even parse (their zero value would only add a second, misleading message).
func merge(v *validator.Validate, in any, parseErrs fault.FieldErrors, rename func(string) string) fault.FieldErrors {
	out := slices.Clone(parseErrs)
	bad := map[string]bool{}
	for _, e := range parseErrs {
		bad[e.Field] = true
	}
	for _, e := range validation.FieldErrors(v.Struct(in)) {
		name := fieldName(e.Field)
		if rename != nil {
			name = rename(name)
		}
		if !bad[name] {
			out = append(out, e)
		}
	}
	return out
}

// Numbers as people type them: spaces between thousands, a decimal comma.

func parseInt(s string) (n int, ok bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

func parseFloat(s string) (f *float64, ok bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}

// typeError is the field error for a value that is not a number.
func typeError(field, kind string) fault.FieldError {
	return fault.FieldError{Field: field, Code: "type", Param: kind}
}

// field is one form control as the templates draw it.
type field struct {
	Name, ID, Label, Hint, Error, Value  string
	Type, Autocomplete, InputMode, Width string
	Required                             bool
	// Quiet leaves out "(optional)" where every field is (a search form).
	Quiet   bool
	Options []option
}

// option is a checkbox of a group or an entry of a select.
type option struct {
	ID, Value, Label, Group string
	Checked                 bool
}

// DescribedBy lists the ids of the field's hint and error, for aria-describedby.
func (f field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// newField builds a control from the form and options written in the template:
// "required", "quiet" (no "(optional)" mark), "type:email", "auto:postal-code", "mode:numeric", "width:short",
// "hint:KEY" and "label:KEY" (KEY in the i18n catalogue; the label defaults to the field's
// label in the validation catalogue).
func newField(lang i18n.Lang, f *form, name string, opts []string) field {
	fl := field{
		Name: name, ID: name, Type: "text",
		Label: capitalise(validation.Label(lang, name)), Value: f.Value(name), Error: f.Error(name),
	}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, ":")
		switch k {
		case "required":
			fl.Required = true
		case "quiet":
			fl.Quiet = true
		case "type":
			fl.Type = v
		case "auto":
			fl.Autocomplete = v
		case "mode":
			fl.InputMode = v
		case "width":
			fl.Width = v
		case "hint":
			fl.Hint = i18n.T(lang, v)
		case "label":
			fl.Label = i18n.T(lang, v)
		}
	}
	return fl
}

// newChoices builds a checkbox group: one box per value, labelled with the text prefix+value.
func newChoices(lang i18n.Lang, f *form, name, prefix string, values []string, opts []string) field {
	fl := newField(lang, f, name, opts)
	for _, v := range values {
		fl.Options = append(fl.Options, option{
			ID: optionID(name, v), Value: v, Label: i18n.T(lang, prefix+v), Checked: f.Has(name, v),
		})
	}
	if len(fl.Options) > 0 {
		fl.ID = fl.Options[0].ID
	}
	return fl
}

// capitalise makes a label from the catalogue (written lower case, for use mid-sentence)
// start a line.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
