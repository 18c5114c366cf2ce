package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

// exerciseJoinRequests covers the requests to join the Compact: made by anyone, followed by
// the applicant, listed and decided by city administrators.
func exerciseJoinRequests(t *testing.T, e *env, c *oaClient, maxBody int) {
	body := joinBody(9001)
	made := c.do(call{name: "request to join", method: "POST", path: "/join-requests", body: body, as: anonymous, status: 201})
	id := made.id(t)
	token, _ := made.body["token"].(string)
	for _, k := range []call{
		{name: "join malformed", body: `{"org_number"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "join not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "join too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "join wrong check digit", body: strings.Replace(joinBody(9002), orgNumber(9002), wrongCheckDigit(orgNumber(9002)), 1), status: 422, problem: "validation", field: "org_number"},
		{name: "join pending already", body: body, status: 422, problem: "validation", field: "org_number"},
	} {
		k.method, k.path, k.as = "POST", "/join-requests", anonymous
		c.do(k)
	}

	c.do(call{name: "join status", method: "GET", path: "/join-requests/status/" + token, as: anonymous, status: 200})
	c.do(call{name: "join status unknown", method: "GET", path: "/join-requests/status/lbj_unknown", as: anonymous, status: 404, problem: "join-request-not-found"})

	c.do(call{name: "list join requests", method: "GET", path: "/join-requests?status=pending&limit=10", status: 200})
	c.refuse(call{name: "list join requests", method: "GET", path: "/join-requests"})
	c.do(call{name: "list join requests bad cursor", method: "GET", path: "/join-requests?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})
	one := fmt.Sprintf("/join-requests/%d", id)
	c.do(call{name: "get join request", method: "GET", path: one, status: 200})
	c.refuse(call{name: "get join request", method: "GET", path: one})
	c.do(call{name: "get unknown join request", method: "GET", path: "/join-requests/999999", status: 404, problem: "join-request-not-found"})

	for _, decide := range []struct{ verb, body string }{{"approve", `{"signed_on":"2026-01-01"}`}, {"reject", `{"reason":"Inte i Borås"}`}} {
		path := one + "/" + decide.verb
		c.refuse(call{name: decide.verb + " join request", method: "POST", path: path, body: decide.body})
		for _, k := range []call{
			{name: decide.verb + " malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
			{name: decide.verb + " not JSON", contentType: "text/plain", body: decide.body, docRejects: true, status: 415, problem: "unsupported-media-type"},
			{name: decide.verb + " too large", body: padded(maxBody, decide.body), status: 413, problem: "too-large"},
			{name: decide.verb + " unknown", path: "/join-requests/999999/" + decide.verb, body: decide.body, status: 404, problem: "join-request-not-found"},
		} {
			k.method = "POST"
			if k.path == "" {
				k.path = path
			}
			c.do(k)
		}
	}
	c.do(call{name: "approve in the future", method: "POST", path: one + "/approve", body: `{"signed_on":"2999-01-01"}`, status: 422, problem: "validation", field: "signed_on"})
	c.do(call{name: "reject without reason", method: "POST", path: one + "/reject", body: `{"reason":" "}`, status: 422, problem: "validation", field: "reason"})
	c.do(call{name: "approve join request", method: "POST", path: one + "/approve", status: 200})
	c.do(call{name: "approve again", method: "POST", path: one + "/approve", status: 409, problem: "join-request-decided"})
	c.do(call{name: "reject approved", method: "POST", path: one + "/reject", body: `{"reason":"För sent"}`, status: 409, problem: "join-request-decided"})

	other := c.do(call{name: "request to join again", method: "POST", path: "/join-requests", body: joinBody(9003), as: anonymous, status: 201})
	c.do(call{name: "reject join request", method: "POST", path: fmt.Sprintf("/join-requests/%d/reject", other.id(t)), body: `{"reason":"Inte i Borås"}`, status: 200})

	// An address with nothing left of its allowance (see TestJoinRequestLimited).
	e.agree.LimitJoins(ratelimit.Rate{}, unlimited)
	c.do(call{name: "request to join too often", method: "POST", path: "/join-requests", body: joinBody(9004), as: anonymous, status: 429, problem: "rate-limited"})
	e.agree.LimitJoins(unlimited, unlimited)
}
