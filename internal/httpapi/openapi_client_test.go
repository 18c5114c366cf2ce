package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/borasstad/lokalbanken/internal/httpapi"
)

// oaClient calls the API and holds every request and response to the document.
type oaClient struct {
	t      *testing.T
	srv    *httptest.Server
	router routers.Router
	// seen records, per operation ("METHOD /path"), the statuses it answered with.
	seen map[string]map[string]bool
	// token authenticates calls by default: a city administrator's. outsider is the token
	// of a person with no role anywhere, for the 403s.
	token, outsider string
}

// call is one request and what the test expects of it.
type call struct {
	name         string
	method, path string // path relative to apiBase, with the query
	body         string
	contentType  string // default application/json when there is a body
	chunked      bool   // send without Content-Length
	etag         string // sent as If-None-Match
	// as is the bearer token to send: "" for the client's, anonymous for none.
	as string
	// docRejects says the document itself forbids the request (a malformed body, a value
	// out of the schema, …); the test asserts that it does. Otherwise the request must
	// conform, and only the server may refuse it (a check digit, a duplicate, a stale
	// revision: rules the document can only describe in words).
	docRejects bool
	status     int
	problem    string // for errors: the problem code, the last segment of its type
	field      string // for validation problems: a field that errors must name
}

type reply struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

var oaOptions = &openapi3filter.Options{
	IncludeResponseStatus: true,
	MultiError:            true,
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
}

func (c *oaClient) do(k call) reply {
	t := c.t
	t.Helper()
	ctx := context.Background()
	label := k.name + " (" + k.method + " " + k.path + ")"
	contentType := k.contentType
	if contentType == "" && k.body != "" {
		contentType = "application/json"
	}

	// The request as the document sees it.
	vreq, err := http.NewRequestWithContext(ctx, k.method, c.srv.URL+apiBase+k.path, strings.NewReader(k.body))
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	if contentType != "" {
		vreq.Header.Set("Content-Type", contentType)
	}
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		t.Fatalf("%s: the document has no operation for it: %v", label, err)
	}
	reqInput := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: oaOptions}
	err = openapi3filter.ValidateRequest(ctx, reqInput)
	switch {
	case k.docRejects && err == nil:
		t.Errorf("%s: the document accepts a request it should reject", label)
	case !k.docRejects && err != nil:
		t.Errorf("%s: the request does not conform to the document:\n%v", label, err)
	}

	// The request as the server gets it.
	req, err := http.NewRequestWithContext(ctx, k.method, c.srv.URL+apiBase+k.path, strings.NewReader(k.body))
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if k.chunked {
		req.ContentLength = -1
	}
	if k.etag != "" {
		req.Header.Set("If-None-Match", k.etag)
	}
	switch k.as {
	case "":
		req.Header.Set("Authorization", "Bearer "+c.token)
	case anonymous:
	default:
		req.Header.Set("Authorization", "Bearer "+k.as)
	}
	res, err := c.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatalf("%s: read response: %v", label, err)
	}
	r := reply{status: res.StatusCode, header: res.Header, raw: raw}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Errorf("%s: response is not a JSON object: %v\n%s", label, err, raw)
		}
	}

	key := route.Method + " " + route.Path
	if c.seen[key] == nil {
		c.seen[key] = map[string]bool{}
	}
	c.seen[key][strconv.Itoa(res.StatusCode)] = true

	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: reqInput,
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(raw)),
		Options:                oaOptions,
	})
	if err != nil {
		t.Errorf("%s: the %d response does not conform to the document:\n%v\n%s", label, res.StatusCode, err, raw)
	}
	if res.StatusCode != k.status {
		t.Errorf("%s: status %d, want %d\n%s", label, res.StatusCode, k.status, raw)
		return r
	}
	if k.status >= 400 {
		c.checkProblem(label, k, r)
	}
	return r
}

func (c *oaClient) checkProblem(label string, k call, r reply) {
	t := c.t
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", label, ct)
	}
	if got, want := r.body["type"], httpapi.ProblemTypeBase+k.problem; got != want {
		t.Errorf("%s: problem type %v, want %s", label, got, want)
	}
	if got, _ := r.body["status"].(float64); int(got) != k.status {
		t.Errorf("%s: problem status %v, want %d", label, r.body["status"], k.status)
	}
	if k.status == http.StatusUnauthorized && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer ") {
		t.Errorf("%s: 401 without a WWW-Authenticate: Bearer header", label)
	}
	if k.field == "" {
		return
	}
	var fields []string
	errs, _ := r.body["errors"].([]any)
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok {
			f, _ := m["field"].(string)
			fields = append(fields, f)
		}
	}
	if !slices.Contains(fields, k.field) {
		t.Errorf("%s: errors name %q, want %q among them\n%s", label, fields, k.field, r.raw)
	}
}

// id returns the member "id" of a created or fetched resource, stopping the test without it,
// since the calls that follow need it.
func (r reply) id(t *testing.T) int64 {
	t.Helper()
	id, ok := r.body["id"].(float64)
	if !ok {
		t.Fatalf("no id in the response:\n%s", r.raw)
	}
	return int64(id)
}

func (r reply) items() []map[string]any {
	var out []map[string]any
	items, _ := r.body["items"].([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func (r reply) nextCursor(t *testing.T) string {
	t.Helper()
	s, _ := r.body["next_cursor"].(string)
	if s == "" {
		t.Errorf("no next_cursor in a page of limit 1:\n%s", r.raw)
	}
	return s
}

func (r reply) hasItem(id int64) bool {
	return slices.ContainsFunc(r.items(), func(m map[string]any) bool { return m["id"] == float64(id) })
}

// refuse sends k anonymously, expecting 401, and as the outsider, who has no role anywhere,
// expecting 403.
func (c *oaClient) refuse(k call) {
	c.t.Helper()
	name := k.name
	k.name, k.as, k.status, k.problem = name+" anonymously", anonymous, 401, "unauthenticated"
	c.do(k)
	k.name, k.as, k.status, k.problem = name+" as an outsider", c.outsider, 403, "forbidden"
	c.do(k)
}
