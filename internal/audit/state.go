package audit

import (
	"reflect"
	"strings"
)

// state returns what Record stores for v: a bun model becomes a map of its columns, named
// as in the database (the bun tag), so the log reads like the table whatever the Go names;
// relations and scan-only fields are left out, since they are other rows or derived, and so
// is any column whose name says it holds a hash or a secret.
// Anything that is not a struct with bun tags is stored as it is.
func state(v any) any {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct || !hasBunColumns(rv.Type()) {
		return v
	}
	out := map[string]any{}
	addColumns(out, rv)
	return out
}

func hasBunColumns(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("bun"); tag != "" && !strings.HasPrefix(tag, "table:") {
			return true
		}
	}
	return false
}

func addColumns(out map[string]any, rv reflect.Value) {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("bun")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			addColumns(out, rv.Field(i)) // embedded columns, e.g. a venue's accessibility facts
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || strings.HasPrefix(name, "table:") || strings.HasPrefix(name, "rel:") ||
			strings.Contains(","+opts+",", ",scanonly,") || strings.Contains(opts, "rel:") {
			continue
		}
		if strings.Contains(name, "hash") || strings.Contains(name, "secret") {
			continue // never a credential in the log, whatever a caller passes
		}
		out[name] = rv.Field(i).Interface()
	}
}
