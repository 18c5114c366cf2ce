package validation

import (
	"reflect"
	"slices"
	"strings"
)

// structural are the validator's tags that steer validation rather than check a value; they
// need no message.
var structural = map[string]bool{
	"": true, "-": true, "omitempty": true, "omitnil": true, "omitzero": true,
	"dive": true, "keys": true, "endkeys": true, "structonly": true, "nostructlevel": true,
}

// TagsOf returns, sorted and once each, the name of every rule used in the `validate` and
// `binding` tags of v's type and of every type it holds, through pointers, slices, arrays,
// maps and nested or embedded structs: "max=200,required_with=Longitude" gives "max" and
// "required_with". Structural tags (omitempty, dive, keys, endkeys, "-") are left out. A test
// can check that each has a message with KnownCodes; rules reported by struct-level
// validations are not in any tag and must be checked by their own tests.
func TagsOf(v any) []string {
	seen := map[reflect.Type]bool{}
	found := map[string]bool{}
	collectTags(reflect.TypeOf(v), seen, found)
	tags := make([]string, 0, len(found))
	for t := range found {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return tags
}

func collectTags(t reflect.Type, seen map[reflect.Type]bool, found map[string]bool) {
	if t == nil || seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		collectTags(t.Elem(), seen, found)
	case reflect.Map:
		collectTags(t.Key(), seen, found)
		collectTags(t.Elem(), seen, found)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous {
				continue
			}
			addTags(f.Tag.Get("validate"), found)
			addTags(f.Tag.Get("binding"), found)
			collectTags(f.Type, seen, found)
		}
	}
}

// addTags adds the rule names of one tag value; "|" separates alternatives like ",".
func addTags(tag string, found map[string]bool) {
	for part := range strings.FieldsFuncSeq(tag, func(r rune) bool { return r == ',' || r == '|' }) {
		name, _, _ := strings.Cut(strings.TrimSpace(part), "=")
		if !structural[name] {
			found[name] = true
		}
	}
}
