package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// orgNumber returns a valid organisation number (Luhn check digit) made of 80249 and n.
func orgNumber(n int) string {
	digits := fmt.Sprintf("80249%04d", n)
	sum := 0
	for i := range 9 {
		d := int(digits[i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprintf("%s-%s%d", digits[:6], digits[6:], (10-sum%10)%10)
}

// wrongCheckDigit returns nr with its check digit changed.
func wrongCheckDigit(nr string) string {
	last := nr[len(nr)-1] - '0'
	return nr[:len(nr)-1] + string(rune('0'+(last+1)%10))
}

// joinBody is a valid request to join for the organisation number orgNumber(n).
func joinBody(n int) string {
	return fmt.Sprintf(`{"organisation_name":"Förening %d","org_number":%q,"contact_name":"Karin Kontakt",
		"contact_email":"karin@example.se","contact_phone":"033-123456","signer_name":"Sara Ordförande","signer_role":"ordförande"}`, n, orgNumber(n))
}

// requestToJoin posts a valid request anonymously and returns its id and status secret.
func (e *env) requestToJoin(n int) (id, token string) {
	e.t.Helper()
	r := e.doAs(anonymous, http.MethodPost, "/api/v1/join-requests", joinBody(n))
	if r.status != http.StatusCreated {
		e.fail("request to join: %d %s", r.status, r.raw)
	}
	return r.id(e.t), r.body["token"].(string)
}

func (e *env) countRows(table, where string, args ...any) int {
	e.t.Helper()
	n, err := e.db.NewSelect().Table(table).Where(where, args...).Count(e.ctx())
	if err != nil {
		e.fail("count %s: %v", table, err)
	}
	return int(n)
}

func TestJoinRequestCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	r := e.doAs(anonymous, http.MethodPost, "/api/v1/join-requests", joinBody(1))
	if r.status != http.StatusCreated || r.body["status"] != "pending" || r.body["org_number"] != orgNumber(1) ||
		r.body["version_label"] != "1" || r.header.Get("Location") != "/api/v1/join-requests/"+r.id(t) {
		t.Fatalf("created: %d %v %s", r.status, r.header, r.raw)
	}
	token, _ := r.body["token"].(string)
	if !strings.HasPrefix(r.body["status_url"].(string), testBaseURL+"/overenskommelsen/anslut/lbj_") || !strings.HasSuffix(r.body["status_url"].(string), token) {
		t.Errorf("status_url %v for token %q", r.body["status_url"], token)
	}
	s := e.doAs(anonymous, http.MethodGet, "/api/v1/join-requests/status/"+token, "")
	if s.status != http.StatusOK || s.body["status"] != "pending" || s.body["contact_email"] != "karin@example.se" || s.body["token"] != nil {
		t.Errorf("status by token: %d %s", s.status, s.raw)
	}
	if s := e.doAs(anonymous, http.MethodGet, "/api/v1/join-requests/status/lbj_fel", ""); s.status != http.StatusNotFound || s.problem() != "join-request-not-found" {
		t.Errorf("unknown token: %d %s", s.status, s.raw)
	}
}

// TestJoinRequestBadInput: every bad request is a problem naming the field, and nothing is
// stored.
func TestJoinRequestBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	e.requestToJoin(2)
	before := e.countRows("join_requests", "true")
	for _, tc := range []struct {
		name, body string
		status     int
		fields     map[string]string
	}{
		{"WrongCheckDigit", strings.Replace(joinBody(3), orgNumber(3), wrongCheckDigit(orgNumber(3)), 1), 422, map[string]string{"org_number": "orgnr"}},
		{"Missing", `{"organisation_name":"Förening"}`, 422, map[string]string{"org_number": "required", "contact_name": "required",
			"contact_email": "required", "signer_name": "required", "signer_role": "required"}},
		{"TooLong", strings.Replace(joinBody(4), "Sara Ordförande", strings.Repeat("x", 201), 1), 422, map[string]string{"signer_name": "max_len"}},
		{"BadEmail", strings.Replace(joinBody(5), "karin@example.se", "karin", 1), 422, map[string]string{"contact_email": "email"}},
		{"CityKind", strings.Replace(joinBody(6), `"contact_name"`, `"kind":"city","contact_name"`, 1), 422, map[string]string{"kind": "oneof"}},
		{"UnknownField", strings.Replace(joinBody(7), `"contact_name"`, `"status":"approved","admin":true,"contact_name"`, 1), 422, map[string]string{"admin": "unknown_field"}},
		{"DuplicatePending", joinBody(2), 422, map[string]string{"org_number": "join_pending"}},
	} {
		r := e.doAs(anonymous, http.MethodPost, "/api/v1/join-requests", tc.body)
		if r.status != tc.status || r.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %s", tc.name, r.status, r.header.Get("Content-Type"), r.raw)
			continue
		}
		got := r.fields()
		for f, code := range tc.fields {
			if got[f] != code {
				t.Errorf("%s: field %s has %q, want %q (%s)", tc.name, f, got[f], code, r.raw)
			}
		}
	}
	if got := e.countRows("join_requests", "true"); got != before {
		t.Errorf("%d requests stored after bad input, want %d", got, before)
	}
}

func TestJoinRequestDecisions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	id, token := e.requestToJoin(10)
	list := e.do(http.MethodGet, "/api/v1/join-requests?status=pending", "")
	if list.status != http.StatusOK || len(list.items()) != 1 || list.items()[0]["contact_email"] != "karin@example.se" {
		t.Fatalf("inbox: %d %s", list.status, list.raw)
	}
	if r := e.do(http.MethodGet, "/api/v1/join-requests?status=maybe", ""); r.fields()["status"] != "oneof" {
		t.Errorf("bad status filter: %s", r.raw)
	}
	if r := e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/approve", `{"signed_on":"2999-01-01"}`); r.fields()["signed_on"] != "not_in_future" {
		t.Errorf("approve in the future: %s", r.raw)
	}
	r := e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/approve", "")
	if r.status != http.StatusOK || r.body["status"] != "approved" || r.body["organisation_id"] == nil || r.body["signatory_id"] == nil {
		t.Fatalf("approve: %d %s", r.status, r.raw)
	}
	org := r.body["organisation_id"].(float64)
	if o := e.doAs(anonymous, http.MethodGet, fmt.Sprintf("/api/v1/organisations/%d", int64(org)), ""); o.body["org_number"] != orgNumber(10) {
		t.Errorf("the new organisation: %s", o.raw)
	}
	if s := e.doAs(anonymous, http.MethodGet, e.compactPath()+"/signatories?q="+orgNumber(10), ""); len(s.items()) != 1 {
		t.Errorf("the public list of signatories: %s", s.raw)
	}
	if r := e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/reject", `{"reason":"Fel"}`); r.status != http.StatusConflict || r.problem() != "join-request-decided" {
		t.Errorf("reject after approval: %d %s", r.status, r.raw)
	}
	if s := e.doAs(anonymous, http.MethodGet, "/api/v1/join-requests/status/"+token, ""); s.body["status"] != "approved" {
		t.Errorf("the applicant sees %s", s.raw)
	}

	id, token = e.requestToJoin(11)
	if r := e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/reject", `{"reason":" "}`); r.status != 422 || r.fields()["reason"] != "notblank" {
		t.Errorf("reject without a reason: %d %s", r.status, r.raw)
	}
	if r := e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/reject", `{"reason":"Föreningen verkar inte i Borås"}`); r.status != http.StatusOK || r.body["status"] != "rejected" {
		t.Fatalf("reject: %d %s", r.status, r.raw)
	}
	if s := e.doAs(anonymous, http.MethodGet, "/api/v1/join-requests/status/"+token, ""); s.body["status"] != "rejected" || s.body["rejection_reason"] != "Föreningen verkar inte i Borås" {
		t.Errorf("the applicant sees %s", s.raw)
	}
	if e.countRows("organisations", "org_number = ?", orgNumber(11)) != 0 {
		t.Error("a rejected request made an organisation")
	}
	// A signatory cannot ask again for the same version.
	if r := e.doAs(anonymous, http.MethodPost, "/api/v1/join-requests", joinBody(10)); r.status != 422 || r.fields()["org_number"] != "already_signed" {
		t.Errorf("a signatory asking again: %d %s", r.status, r.raw)
	}
}

// TestJoinRequestConcurrentApprovals approves one request through the API from many
// goroutines: one 200, the rest 409, one organisation and one signature.
func TestJoinRequestConcurrentApprovals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	id, _ := e.requestToJoin(20)
	const n = 12
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			statuses[i] = e.do(http.MethodPost, "/api/v1/join-requests/"+id+"/approve", "").status
		})
	}
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[200] != 1 || count[409] != n-1 {
		t.Errorf("statuses %v, want one 200 and %d 409", count, n-1)
	}
	if got := e.countRows("organisations", "org_number = ?", orgNumber(20)); got != 1 {
		t.Errorf("%d organisations, want 1", got)
	}
	if got := e.countRows("signatories", "signer_name = 'Sara Ordförande'"); got != 1 {
		t.Errorf("%d signatures, want 1", got)
	}
}
