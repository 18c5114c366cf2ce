package webui

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// An audit entry keeps the object's state before and after as JSON. The log page shows the
// difference: for a change the fields that changed, old and new; for a creation (or a
// removal) the values the object got (or had).

// stateDiff is what the page shows of an entry's states: Summary, then Fields when there
// are any to show.
type stateDiff struct {
	Summary string
	Fields  []diffField
}

// diffField is one field: Old → New when both states have it, else Value.
type diffField struct {
	Label, Old, New, Value string
	Both                   bool
}

// ignoredKeys are bookkeeping and related records that the states carry along: they tell
// nothing about the change.
var ignoredKeys = map[string]bool{
	"id": true, "created_at": true, "updated_at": true, "revision": true,
	"owner": true, "venue": true, "room_count": true, "max_capacity": true,
}

// labelKeys names the label of a state's field where it differs from the field's own name.
var labelKeys = map[string]string{"note": "accessibility_note"}

// diffValueRunes is how much of a long value (a description) the diff shows.
const diffValueRunes = 200

// decodeState reads a state into a map with snake_case keys (states of the register are
// stored with the Go field names: "StreetAddress"), or nil for none.
func decodeState(raw json.RawMessage) map[string]any {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[snake(k)] = v
	}
	return out
}

// snake turns "StreetAddress", "OwnerID" and "AreaM2" into "street_address", "owner_id" and
// "area_m2"; a name already in snake case stays as it is.
func snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			acronymEnd := i > 0 && unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || acronymEnd {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stateName is the name the states give the object, if any.
func stateName(before, after map[string]any) string {
	for _, s := range []map[string]any{after, before} {
		if name, ok := s["name"].(string); ok && name != "" {
			return name
		}
	}
	return ""
}

// diff compares the states. It returns nil when the entry has none.
func (p *Pages) diff(lang i18n.Lang, before, after map[string]any) *stateDiff {
	if before == nil && after == nil {
		return nil
	}
	keys := stateKeys(before, after)
	var fields []diffField
	var labels []string // lower case, for the summary
	summary := "ui.audit.diff.changed"
	switch {
	case before != nil && after != nil:
		for _, k := range keys {
			if !reflect.DeepEqual(before[k], after[k]) {
				labels = append(labels, fieldLabel(lang, k))
				fields = append(fields, diffField{
					Label: capitalise(labels[len(labels)-1]), Old: p.stateValue(lang, k, before[k]), New: p.stateValue(lang, k, after[k]), Both: true,
				})
			}
		}
	default:
		state := after
		summary = "ui.audit.diff.saved"
		if after == nil {
			state, summary = before, "ui.audit.diff.removed"
		}
		for _, k := range keys {
			if !emptyValue(state[k]) {
				labels = append(labels, fieldLabel(lang, k))
				fields = append(fields, diffField{Label: capitalise(labels[len(labels)-1]), Value: p.stateValue(lang, k, state[k])})
			}
		}
	}
	if len(fields) == 0 {
		return &stateDiff{Summary: i18n.T(lang, "ui.audit.diff.none")}
	}
	shown := labels[:min(3, len(labels))]
	list := strings.Join(shown, ", ")
	if more := len(labels) - len(shown); more > 0 {
		list = i18n.T(lang, "ui.audit.diff.more", list, more)
	}
	return &stateDiff{Summary: i18n.T(lang, summary, list), Fields: fields}
}

// stateKeys are the fields of either state worth showing: the name first, then the others
// in alphabetical order.
func stateKeys(before, after map[string]any) []string {
	var keys []string
	for _, s := range []map[string]any{before, after} {
		for k := range s {
			if !ignoredKeys[k] && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "name":
			return -1
		case b == "name":
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

// fieldLabel is the field's label, in lower case.
func fieldLabel(lang i18n.Lang, key string) string {
	if k, ok := labelKeys[key]; ok {
		key = k
	}
	return validation.Label(lang, key)
}

func emptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// stateValue shows a value of a state: a role, a kind and facilities in words, yes or no, a
// time in Swedish time, a long text shortened.
func (p *Pages) stateValue(lang i18n.Lang, key string, v any) string {
	if emptyValue(v) {
		return i18n.T(lang, "ui.audit.diff.empty")
	}
	switch x := v.(type) {
	case bool:
		if x {
			return i18n.T(lang, "ui.yes")
		}
		return i18n.T(lang, "ui.no")
	case json.Number:
		return x.String()
	case string:
		if k := map[string]string{"role": "ui.role.", "kind": "kind."}[key] + x; i18n.Has(k) {
			return i18n.T(lang, k)
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.In(p.loc).Format("2006-01-02 15:04")
		}
		return shorten(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			s, _ := e.(string)
			if k := "facility." + s; key == "facilities" && i18n.Has(k) {
				parts[i] = i18n.T(lang, k)
			} else {
				parts[i] = p.stateValue(lang, "", e)
			}
		}
		return shorten(strings.Join(parts, ", "))
	}
	b, _ := json.Marshal(v)
	return shorten(string(b))
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= diffValueRunes {
		return s
	}
	return string([]rune(s)[:diffValueRunes]) + "…"
}
