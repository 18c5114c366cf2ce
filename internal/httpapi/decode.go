package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// decodeJSON reads the body as one JSON object into dst. We decode ourselves rather than
// with gin's ShouldBindJSON to name the offending field in every error: an unknown field, a
// wrong type, or a value that does not fit. Members named in readOnly (fields the API returns
// but a client cannot set, like "id") are accepted and ignored, so a client may send back
// what it fetched. Validation is the service's job.
func decodeJSON(c *gin.Context, dst any, readOnly ...string) error {
	if mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type")); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return errUnsupportedMedia
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return fault.Wrap(errMalformed, err)
	}
	if len(readOnly) > 0 {
		if body, err = dropMembers(body, readOnly); err != nil {
			return fault.Wrap(errMalformed, err)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	// Token, unlike More, also sees a stray "}" or "]" after the object.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fault.Wrap(errMalformed, errors.New("data after the JSON object"))
	}
	// Text a person could not have meant (NUL, other controls, U+2028, a BOM) is refused
	// here, for every body of every route, before a service or the database sees it.
	if errs := validation.CheckStrings(dst); len(errs) > 0 {
		return errs
	}
	return nil
}

// checkQuery refuses a request whose query parameters hold control characters (as
// validation.CleanText defines them) with 422 naming the parameter, before any handler reads
// them: a NUL would otherwise reach PostgreSQL, which refuses it in text.
func checkQuery(c *gin.Context) {
	if errs := queryErrors(c.Request.URL.RawQuery); len(errs) > 0 {
		_ = c.Error(errs)
		c.Abort()
		return
	}
	c.Next()
}

// queryErrors returns a field error for each query parameter whose name or value is not
// clean one-line text; a query that does not parse is left to the handlers.
func queryErrors(raw string) fault.FieldErrors {
	if raw == "" {
		return nil
	}
	values, _ := url.ParseQuery(raw)
	var errs fault.FieldErrors
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if !validation.CleanText(name, false) {
			errs = append(errs, fault.FieldError{Field: "query", Code: validation.CodeControl})
			continue
		}
		for _, v := range values[name] {
			if !validation.CleanText(v, false) {
				errs = append(errs, fault.FieldError{Field: name, Code: validation.CodeControl})
				break
			}
		}
	}
	return errs
}

func decodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fault.FieldErrors{{Field: te.Field, Code: "type", Param: jsonType(te.Type.Kind().String())}}
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fault.FieldErrors{{Field: strings.Trim(field, `"`), Code: "unknown_field"}}
	}
	return fault.Wrap(errMalformed, err)
}

// jsonType names a Go kind the way a JSON client thinks of it.
func jsonType(goKind string) string {
	switch {
	case strings.HasPrefix(goKind, "int"), strings.HasPrefix(goKind, "uint"), strings.HasPrefix(goKind, "float"):
		return "number"
	case goKind == "bool":
		return "boolean"
	case goKind == "slice", goKind == "array":
		return "array"
	case goKind == "struct", goKind == "map":
		return "object"
	}
	return goKind
}

// dropMembers removes the named top-level members from a JSON object. Anything that is not
// an object is returned unchanged for the strict decoder to report.
func dropMembers(body []byte, names []string) ([]byte, error) {
	// Most bodies carry none of them, and decoding a body three times costs: look first. A
	// name escaped in the JSON ("\u0069d") is missed here and then refused as unknown.
	if !slices.ContainsFunc(names, func(n string) bool { return bytes.Contains(body, []byte(`"`+n+`"`)) }) {
		return body, nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || m == nil {
		return body, nil
	}
	for _, n := range names {
		delete(m, n)
	}
	return json.Marshal(m)
}

// pathID reads a positive integer path parameter; anything else is the given not-found error,
// since no such resource can exist.
func pathID(c *gin.Context, name string, notFound error) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound
	}
	return id, nil
}

// query collects typed query parameters and the field errors of those that do not parse.
type query struct {
	c    *gin.Context
	errs fault.FieldErrors
}

func (q *query) str(name string, dst *string) { *dst = q.c.Query(name) }

func (q *query) strs(name string, dst *[]string) {
	for _, v := range q.c.QueryArray(name) {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				*dst = append(*dst, part)
			}
		}
	}
}

func (q *query) int(name string, dst *int) {
	var v int64
	q.int64(name, &v)
	*dst = int(v)
}

func (q *query) int64(name string, dst *int64) {
	s, ok := q.c.GetQuery(name)
	if !ok || s == "" {
		return
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		q.errs = append(q.errs, fault.FieldError{Field: name, Code: "type", Param: "integer"})
		return
	}
	*dst = v
}

// limit reads the page size "limit" (listing.ParseLimit: 1 to listing.MaxLimit, absent for
// the default); anything else is a field error, never a quiet default.
func (q *query) limit(dst *int) {
	n, err := listing.ParseLimit(q.c.Query("limit"))
	if fe := fault.Fields(err); fe != nil {
		q.errs = append(q.errs, fe...)
		return
	}
	*dst = n
}

// cursor reads the opaque "cursor" of a list and checks that it is one the API made, so that
// every list refuses a malformed cursor the same way, before its service is asked.
func (q *query) cursor(dst *string) {
	s := q.c.Query("cursor")
	if _, err := listing.DecodeCursor(s); err != nil {
		q.errs = append(q.errs, fault.FieldError{Field: "cursor", Code: "malformed"})
		return
	}
	*dst = s
}

func (q *query) bool(name string, dst *bool) {
	s, ok := q.c.GetQuery(name)
	if !ok || s == "" {
		return
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		q.errs = append(q.errs, fault.FieldError{Field: name, Code: "type", Param: "boolean"})
		return
	}
	*dst = v
}

func (q *query) err() error {
	if len(q.errs) > 0 {
		return q.errs
	}
	return nil
}

// time reads an instant in RFC 3339 (with an offset). A "+" of the offset that arrives as a
// space (the client did not escape it) is read as the "+" it was.
func (q *query) time(name string, dst *time.Time) {
	s, ok := q.c.GetQuery(name)
	if !ok || s == "" {
		return
	}
	v, err := time.Parse(time.RFC3339Nano, strings.Replace(s, " ", "+", 1))
	if err != nil {
		q.errs = append(q.errs, fault.FieldError{Field: name, Code: "malformed"})
		return
	}
	*dst = v
}

// clock reads a local time of day, "HH:MM" (24:00 allowed, for an end at midnight), as the
// offset from midnight.
func (q *query) clock(name string, dst *time.Duration) {
	s, ok := q.c.GetQuery(name)
	if !ok || s == "" {
		return
	}
	d, ok := parseClock(s)
	if !ok {
		q.errs = append(q.errs, fault.FieldError{Field: name, Code: "malformed"})
		return
	}
	*dst = d
}

// date reads a calendar date, "YYYY-MM-DD".
func (q *query) date(name string, dst *time.Time) {
	s, ok := q.c.GetQuery(name)
	if !ok || s == "" {
		return
	}
	v, err := time.Parse(time.DateOnly, s)
	if err != nil {
		q.errs = append(q.errs, fault.FieldError{Field: name, Code: "malformed"})
		return
	}
	*dst = v
}
