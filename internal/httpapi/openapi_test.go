package httpapi_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/borasstad/lokalbanken/api"
	"github.com/borasstad/lokalbanken/internal/demo"
)

// apiBase is the document's one server URL: its paths are relative to it, and only the
// engine's routes under it are compared with the document (/healthz, /readyz and /metrics
// are outside the API and not described).
const apiBase = "/api/v1"

// loadSpec parses and validates the embedded document; every test gets its own copy, so a
// test may change it.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatalf("load api/openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("api/openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	return doc
}

// operations lists the document's operations as "METHOD /path" (paths relative to apiBase).
func operations(doc *openapi3.T) map[string]*openapi3.Operation {
	out := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out[method+" "+path] = op
		}
	}
	return out
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != apiBase {
		t.Errorf("servers must be exactly [{url: %s}], the base the route test strips", apiBase)
	}
	ids := map[string]string{}
	for key, op := range operations(doc) {
		if op.OperationID == "" {
			t.Errorf("%s: no operationId", key)
		} else if other, dup := ids[op.OperationID]; dup {
			t.Errorf("%s: operationId %q also used by %s", key, op.OperationID, other)
		}
		ids[op.OperationID] = key
		if len(op.Tags) == 0 {
			t.Errorf("%s: no tags", key)
		}
		var success bool
		for code := range op.Responses.Map() {
			success = success || strings.HasPrefix(code, "2")
		}
		if !success {
			t.Errorf("%s: no 2xx response", key)
		}
		if op.Responses.Value("500") == nil {
			t.Errorf("%s: no 500 response", key)
		}
	}
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

func TestOpenAPIRoutes(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	engine := newEnv(t, 1<<20).engine

	routed := map[string]bool{}
	for _, r := range engine.Routes() {
		path, ok := strings.CutPrefix(r.Path, apiBase)
		if !ok || (path != "" && path[0] != '/') {
			continue
		}
		routed[r.Method+" "+ginParam.ReplaceAllString(path, "{$1}")] = true
	}
	if len(routed) == 0 {
		t.Fatalf("the engine has no routes under %s", apiBase)
	}
	documented := operations(doc)
	for _, key := range sortedKeys(routed) {
		if documented[key] == nil {
			t.Errorf("route %s is not in api/openapi.yaml", strings.Replace(key, " ", " "+apiBase, 1))
		}
	}
	for _, key := range sortedKeys(documented) {
		if !routed[key] {
			t.Errorf("api/openapi.yaml documents %s (operationId %s) but the engine has no such route",
				strings.Replace(key, " ", " "+apiBase, 1), documented[key].OperationID)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// closeObjects makes every object schema with declared properties that a response uses
// reject undeclared members. The document leaves response objects open, so that clients
// ignore members added later; the test closes them, so that a member the API sends but the
// document does not describe fails here.
func closeObjects(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			no := false
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range refs {
				walk(r)
			}
		}
	}
	for _, op := range operations(doc) {
		for _, resp := range op.Responses.Map() {
			if resp.Value == nil {
				continue
			}
			for _, mt := range resp.Value.Content {
				walk(mt.Schema)
			}
		}
	}
}

// TestOpenAPIResponses exercises every operation of the document through the real engine and
// database, with successes and every documented error status but 500, and holds each request
// and response to the document.
func TestOpenAPIResponses(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	closeObjects(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	const maxBody = 4096
	e := newEnv(t, maxBody)
	if err := demo.Load(context.Background(), demo.Target{Organisations: e.orgs, Venues: e.venues}); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	c := &oaClient{t: t, srv: e.srv, router: router, seen: map[string]map[string]bool{},
		token: e.cityToken, outsider: e.token(e.user("utomstaende@example.se", false))}

	exerciseMeta(t, c)
	exerciseOrganisations(t, c, maxBody)
	exerciseVenuesAndRooms(t, c, maxBody)
	exerciseUsers(t, c, maxBody)
	exerciseTokens(t, c, maxBody)
	exerciseMemberships(t, e, c, maxBody)
	exerciseAudit(t, e, c)
	exerciseBookings(t, e, c, maxBody)
	exerciseAvailability(t, e, c)
	exerciseFreeRooms(t, e, c)
	exerciseRoomSettings(t, e, c, maxBody)
	exerciseBookingChanges(t, e, c, maxBody)
	exerciseRoomParts(t, e, c, maxBody)
	exerciseFees(t, e, c, maxBody)
	exerciseFeedTokens(t, e, c, maxBody)
	exerciseAgreements(t, e, c, maxBody)
	exerciseMeetings(t, e, c, maxBody)
	exerciseDocuments(t, e, c)
	exerciseMeetingDocuments(t, e, c)
	exerciseJoinRequests(t, e, c, maxBody)
	exerciseRounds(t, e, c, maxBody)
	exerciseReports(t, e, c)
	exerciseBadToken(t, e, c, doc)

	for _, key := range sortedKeys(operations(doc)) {
		op := operations(doc)[key]
		if c.seen[key] == nil {
			t.Errorf("%s (%s) was never exercised: add it to TestOpenAPIResponses", key, op.OperationID)
			continue
		}
		for _, code := range sortedKeys(op.Responses.Map()) {
			if code == "500" || code == "default" {
				continue
			}
			if !c.seen[key][code] {
				t.Errorf("%s (%s): documented response %s was never exercised", key, op.OperationID, code)
			}
		}
	}
}
