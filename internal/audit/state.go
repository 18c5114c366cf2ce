package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// What Record stores for a value (encodeState): a bun model becomes an object of its
// columns, named as in the database (the bun tag), so the log reads like the table whatever
// the Go names; relations and scan-only fields are left out, since they are other rows or
// derived, and so is any column whose name says it holds a hash or a secret. Anything that
// is not a struct with bun tags is stored as it is.

func hasBunColumns(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("bun"); tag != "" && !strings.HasPrefix(tag, "table:") {
			return true
		}
	}
	return false
}

// columnName returns the column an audited field holds, and false for a field that is not
// logged: unexported, not a column, a relation, scan-only, or a hash or secret.
func columnName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	name, opts, _ := strings.Cut(f.Tag.Get("bun"), ",")
	if name == "" || name == "-" || strings.HasPrefix(name, "table:") || strings.HasPrefix(name, "rel:") ||
		strings.Contains(","+opts+",", ",scanonly,") || strings.Contains(opts, "rel:") {
		return "", false
	}
	if strings.Contains(name, "hash") || strings.Contains(name, "secret") {
		return "", false // never a credential in the log, whatever a caller passes
	}
	return name, true
}

// encodeState returns the JSON of v as the audit log stores it. A bun model is copied into a
// struct type made once per model type, with one field per column, sorted by name, which
// encoding/json encodes with the encoder it caches per type: every booking writes an audit
// entry, and a map of the columns, sorted and encoded member by member through interfaces,
// cost more than the rest of the entry.
func encodeState(v any) (json.RawMessage, error) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return json.Marshal(nil)
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return json.Marshal(v)
	}
	l := layoutOf(rv.Type())
	if l == nil {
		return json.Marshal(v)
	}
	out := reflect.New(l.typ).Elem()
	for i, index := range l.from {
		out.Field(i).Set(rv.FieldByIndex(index))
	}
	return json.Marshal(out.Interface())
}

// layout is how a model type's columns are copied into a struct that encodes like the map.
type layout struct {
	typ  reflect.Type
	from [][]int // the index of each field of typ in the model
}

var layouts sync.Map // reflect.Type → *layout; nil for a struct without bun columns

func layoutOf(t reflect.Type) *layout {
	if l, ok := layouts.Load(t); ok {
		return l.(*layout)
	}
	var l *layout
	if hasBunColumns(t) {
		l = newLayout(t)
	}
	layouts.Store(t, l)
	return l
}

func newLayout(t reflect.Type) *layout {
	type column struct {
		name  string
		index []int
	}
	var cols []column
	// Embedded structs without a tag (a venue's accessibility facts) give their columns; a
	// later column of the same name replaces an earlier one.
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			index := append(slices.Clone(prefix), i)
			tag := f.Tag.Get("bun")
			if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, index)
				continue
			}
			if name, ok := columnName(f); ok {
				cols = slices.DeleteFunc(cols, func(c column) bool { return c.name == name })
				cols = append(cols, column{name, index})
			}
		}
	}
	walk(t, nil)
	slices.SortFunc(cols, func(a, b column) int { return cmp.Compare(a.name, b.name) })
	fields := make([]reflect.StructField, len(cols))
	l := &layout{from: make([][]int, len(cols))}
	for i, c := range cols {
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: t.FieldByIndex(c.index).Type,
			Tag: reflect.StructTag(fmt.Sprintf(`json:%q`, c.name))}
		l.from[i] = c.index
	}
	l.typ = reflect.StructOf(fields)
	return l
}

// Unchanged reports whether before and after, two values of one bun model, hold the same in
// every column the audit log would record, leaving out the columns named in ignore (say
// "revision" and "updated_at"). Instants compare as instants, whatever their zone. Services
// use it to make an update that changes nothing a no-op: no new revision, no audit entry.
// Values that are not bun models compare with reflect.DeepEqual.
func Unchanged(before, after any, ignore ...string) bool {
	b, a := reflect.ValueOf(before), reflect.ValueOf(after)
	for b.Kind() == reflect.Pointer && a.Kind() == reflect.Pointer && !b.IsNil() && !a.IsNil() {
		b, a = b.Elem(), a.Elem()
	}
	if b.Type() != a.Type() || b.Kind() != reflect.Struct || layoutOf(b.Type()) == nil {
		return reflect.DeepEqual(before, after)
	}
	l := layoutOf(b.Type())
	for i, index := range l.from {
		if slices.Contains(ignore, l.typ.Field(i).Tag.Get("json")) {
			continue
		}
		if !sameValue(b.FieldByIndex(index), a.FieldByIndex(index)) {
			return false
		}
	}
	return true
}

var timeType = reflect.TypeFor[time.Time]()

// sameValue is reflect.DeepEqual, but for instants (also behind a pointer) time.Time.Equal,
// and an empty slice or map is the same as nil.
func sameValue(x, y reflect.Value) bool {
	if x.Kind() == reflect.Pointer && x.Type().Elem() == timeType {
		if x.IsNil() || y.IsNil() {
			return x.IsNil() == y.IsNil()
		}
		x, y = x.Elem(), y.Elem()
	}
	switch {
	case x.Type() == timeType:
		return x.Interface().(time.Time).Equal(y.Interface().(time.Time))
	case (x.Kind() == reflect.Slice || x.Kind() == reflect.Map) && x.Len() == 0:
		return y.Len() == 0 // nil and empty store alike
	}
	return reflect.DeepEqual(x.Interface(), y.Interface())
}
