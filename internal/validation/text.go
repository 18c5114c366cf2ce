package validation

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// CodeControl is the field error code of text that holds a character no field may hold.
const CodeControl = "control_char"

// multiLine names the free-text fields that may span lines (the forms draw them as
// textareas): they may hold tab, LF and CR; every other field is one line and may hold none.
// A field is looked up by its last name without indices ("accessibility.note" → "note").
var multiLine = map[string]bool{
	"accessibility_note": true, "description": true, "note": true, "notes": true,
	"parties": true, "premises": true, "purpose": true, "reason": true,
	"summary": true, "terms": true, "text": true, "version_text": true,
}

// MultiLine reports whether the field (a path as FieldErrors names it) may hold line breaks.
func MultiLine(field string) bool {
	p := indices.ReplaceAllString(field, "")
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		p = p[i+1:]
	}
	return multiLine[p]
}

// CleanText reports whether s is text a person could have meant: valid UTF-8 without
// control characters (C0 including NUL, DEL, C1), without the Unicode line and paragraph
// separators U+2028 and U+2029 (JavaScript and some calendar readers end a line there), and
// without the byte order mark U+FEFF. With multiLine, tab, LF and CR are allowed.
//
// PostgreSQL refuses NUL and invalid UTF-8 in text, and none of these has a use in a name,
// a title or a note; refusing them at the edge keeps them out of the database and the feeds.
func CleanText(s string, multiLine bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(multiLine && (c == '\t' || c == '\n' || c == '\r')) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !allowedRune(r, n) {
			return false
		}
		i += n
	}
	return true
}

// allowedRune reports whether a non-ASCII rune of n bytes may appear in text.
func allowedRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n <= 1: // invalid UTF-8
		return false
	case r >= 0x80 && r <= 0x9f, r == '\u2028', r == '\u2029', r == '\ufeff':
		return false
	}
	return true
}

// CheckText returns a field error on field when value is not CleanText for that field.
func CheckText(field, value string) *fault.FieldError {
	if CleanText(value, MultiLine(field)) {
		return nil
	}
	return &fault.FieldError{Field: field, Code: CodeControl}
}

// CheckStrings walks v (a struct, or a pointer, slice, array or map of them) and returns a
// field error, with code CodeControl, for every string that is not CleanText: the strings of
// fields, of slices and arrays, and the keys and values of maps, named as FieldErrors names
// them ("name", "address.town", "facilities[2]", "extra[key]"). The field names come from
// the json tag, then form, then uri, as New's validator names them.
func CheckStrings(v any) fault.FieldErrors {
	var errs fault.FieldErrors
	walkStrings(reflect.ValueOf(v), "", 0, &errs)
	return errs
}

// maxDepth bounds the walk: no input nests deeper, and a cycle must not run away.
const maxDepth = 32

func walkStrings(v reflect.Value, path string, depth int, errs *fault.FieldErrors) {
	if !v.IsValid() || depth > maxDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, depth+1, errs)
		}
	case reflect.String:
		if fe := CheckText(path, v.String()); fe != nil {
			*errs = append(*errs, *fe)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			walkStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1, errs)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			name := path + "[" + keyString(k) + "]"
			if k.Kind() == reflect.String && !CleanText(k.String(), false) {
				*errs = append(*errs, fault.FieldError{Field: path, Code: CodeControl})
				continue
			}
			walkStrings(iter.Value(), name, depth+1, errs)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous {
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == "-" {
				continue
			}
			name := fieldName(f)
			p := path
			switch {
			case name == "":
			case p == "":
				p = name
			default:
				p += "." + name
			}
			walkStrings(v.Field(i), p, depth+1, errs)
		}
	}
}

func keyString(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	return fmt.Sprint(k.Interface())
}
