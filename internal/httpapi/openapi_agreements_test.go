package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// exerciseAgreements covers the agreements, their signatories and the CSV export.
func exerciseAgreements(t *testing.T, e *env, c *oaClient, maxBody int) {
	id := exerciseAgreementWrites(t, c, maxBody)
	one := fmt.Sprintf("/agreements/%d", id)

	c.do(call{name: "list agreements", method: "GET", path: "/agreements?kind=iop&status=active&limit=10", as: anonymous, status: 200})
	c.do(call{name: "list agreements of no kind", method: "GET", path: "/agreements?kind=treaty", docRejects: true, status: 422, problem: "validation", field: "kind"})
	got := c.do(call{name: "get agreement", method: "GET", path: one, as: anonymous, status: 200})
	if versions, _ := got.body["versions"].([]any); len(versions) != 1 {
		t.Errorf("get agreement: want its one version:\n%s", got.raw)
	}
	c.do(call{name: "get unknown agreement", method: "GET", path: "/agreements/999999", status: 404, problem: "agreement-not-found"})

	exerciseVersions(t, c, id, maxBody)
	sigID := exerciseSignatures(t, e, c, id, maxBody)
	exerciseSignatoryLists(t, c, id)
	exerciseWithdraw(t, c, sigID, maxBody)
}

// exerciseAgreementWrites creates and replaces an agreement and returns its id.
func exerciseAgreementWrites(t *testing.T, c *oaClient, maxBody int) int64 {
	body := `{"kind":"iop","title":"IOP Läxhjälp","summary":"Läxhjälp i Norrby","status":"active","valid_from":"2025-01-01","valid_to":"2027-12-31","version":"2025"}`
	made := c.do(call{name: "create agreement", method: "POST", path: "/agreements", body: body, status: 201})
	id := made.id(t)
	if made.header.Get("Location") != fmt.Sprintf("/api/v1/agreements/%d", id) {
		t.Errorf("create agreement: Location %q", made.header.Get("Location"))
	}
	c.refuse(call{name: "create agreement", method: "POST", path: "/agreements", body: body})
	one := fmt.Sprintf("/agreements/%d", id)
	for _, k := range []call{
		{name: "agreement malformed", body: `{"kind"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "agreement not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "agreement too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "agreement of no kind", body: `{"kind":"treaty","title":"x","status":"active"}`, docRejects: true, status: 422, problem: "validation", field: "kind"},
		{name: "agreement not a date", body: `{"kind":"iop","title":"x","status":"active","valid_from":"2026-02-30"}`, status: 422, problem: "validation", field: "valid_from"},
		{name: "agreement ends before it starts", body: `{"kind":"iop","title":"x","status":"active","valid_from":"2026-02-01","valid_to":"2026-01-31"}`, status: 422, problem: "validation", field: "valid_to"},
		{name: "a second Compact", body: `{"kind":"compact","title":"Nya överenskommelsen","status":"draft"}`, status: 422, problem: "validation", field: "kind"},
	} {
		k.method, k.path = "POST", "/agreements"
		c.do(k)
	}

	update := `{"kind":"iop","title":"IOP Läxhjälp Norrby","status":"active","valid_from":"2025-01-01","revision":1}`
	c.refuse(call{name: "update agreement", method: "PUT", path: one, body: update})
	put := c.do(call{name: "update agreement", method: "PUT", path: one, body: update, status: 200})
	if put.body["title"] != "IOP Läxhjälp Norrby" || put.body["revision"] != float64(2) {
		t.Errorf("update agreement:\n%s", put.raw)
	}
	for _, k := range []call{
		{name: "update agreement stale", body: update, status: 409, problem: "stale-revision"},
		{name: "update agreement malformed", body: `{`, docRejects: true, status: 400, problem: "malformed"},
		{name: "update agreement not JSON", contentType: "text/plain", body: update, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "update agreement too large", body: padded(maxBody, update), status: 413, problem: "too-large"},
		{name: "update agreement blank title", body: `{"kind":"iop","title":" ","status":"active"}`, status: 422, problem: "validation", field: "title"},
		{name: "update unknown agreement", path: "/agreements/999999", body: update, status: 404, problem: "agreement-not-found"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}
	return id
}

// exerciseSignatures records signatures and returns the id of one.
func exerciseSignatures(t *testing.T, e *env, c *oaClient, id int64, maxBody int) int64 {
	org := e.org("association", "Norrby läxhjälp")
	path := fmt.Sprintf("/agreements/%d/signatories", id)
	body := fmt.Sprintf(`{"organisation_id":%d,"signed_on":"2025-02-01","signer_name":"Eva Ek","signer_role":"ordförande"}`, org.ID)
	c.refuse(call{name: "sign agreement", method: "POST", path: path, body: body})
	made := c.do(call{name: "sign agreement", method: "POST", path: path, body: body, status: 201})
	if made.body["version_label"] != "2025" || made.body["organisation_name"] != org.Name || made.header.Get("Location") != "/api/v1"+path {
		t.Errorf("sign agreement:\n%s", made.raw)
	}
	ended := c.do(call{name: "create ended agreement", method: "POST", path: "/agreements",
		body: `{"kind":"other","title":"Gammalt avtal","status":"ended"}`, status: 201}).id(t)
	for _, k := range []call{
		{name: "sign twice", body: body, status: 422, problem: "validation", field: "organisation_id"},
		{name: "sign in the future", body: fmt.Sprintf(`{"organisation_id":%d,"signed_on":"2999-01-01"}`, org.ID), status: 422, problem: "validation", field: "signed_on"},
		{name: "sign before the version", body: fmt.Sprintf(`{"organisation_id":%d,"signed_on":"2024-12-31"}`, org.ID), status: 422, problem: "validation", field: "signed_on"},
		{name: "sign without organisation", body: `{"signed_on":"2025-02-01"}`, docRejects: true, status: 422, problem: "validation", field: "organisation_id"},
		{name: "sign malformed", body: `{"organisation_id":`, docRejects: true, status: 400, problem: "malformed"},
		{name: "sign not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "sign too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "sign unknown agreement", path: "/agreements/999999/signatories", body: body, status: 404, problem: "agreement-not-found"},
		{name: "sign ended agreement", path: fmt.Sprintf("/agreements/%d/signatories", ended), body: body, status: 409, problem: "agreement-ended"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
	return made.id(t)
}

// exerciseSignatoryLists reads the list and the CSV, with and without history.
func exerciseSignatoryLists(t *testing.T, c *oaClient, id int64) {
	path := fmt.Sprintf("/agreements/%d/signatories", id)
	public := c.do(call{name: "list signatories", method: "GET", path: path + "?q=norrby&limit=5", as: anonymous, status: 200})
	items := public.items()
	if public.body["count"] != float64(1) || len(items) != 1 || items[0]["signer_name"] != "" {
		t.Errorf("list signatories anonymously: want one, without the signer's name:\n%s", public.raw)
	}
	if admin := c.do(call{name: "list signatories with history", method: "GET", path: path + "?all=true", status: 200}); len(admin.items()) != 1 || admin.items()[0]["signer_name"] != "Eva Ek" {
		t.Errorf("list signatories as the city: want the signer's name:\n%s", admin.raw)
	}
	c.do(call{name: "list signatories bad cursor", method: "GET", path: path + "?cursor=nonsense", status: 422, problem: "validation", field: "cursor"})
	c.do(call{name: "list signatories of unknown agreement", method: "GET", path: "/agreements/999999/signatories", status: 404, problem: "agreement-not-found"})

	header := []string{"organisation", "org_number", "version", "signed_on", "signer_name", "signer_role", "withdrawn_on"}
	csv := c.do(call{name: "export signatories", method: "GET", path: path + ".csv?all=true", status: 200})
	file := exporttest.ReadCSV(t, csv.raw)
	if ct := csv.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" || !file.BOM || file.Delimiter != ";" ||
		!cmp.Equal(file.Rows, [][]string{header, {"Norrby läxhjälp", "", "2025", "2025-02-01", "Eva Ek", "ordförande", ""}}) {
		t.Errorf("export signatories: %s %+v\n%s", ct, file, csv.raw)
	}
	xlsx := c.do(call{name: "export signatories as xlsx", method: "GET", path: path + ".xlsx?all=true", status: 200})
	sheets := exporttest.ReadXLSX(t, xlsx.raw)
	if len(sheets) != 1 || !cmp.Equal(sheets[0].Values(), [][]any{{header[0], header[1], header[2], header[3], header[4], header[5], header[6]},
		{"Norrby läxhjälp", nil, "2025", "2025-02-01", "Eva Ek", "ordförande", nil}}) {
		t.Errorf("export signatories as xlsx: %+v", sheets)
	}
	c.do(call{name: "export signatories bad all", method: "GET", path: path + ".csv?all=maybe", docRejects: true, status: 422, problem: "validation", field: "all"})
	c.do(call{name: "export signatories of unknown agreement", method: "GET", path: "/agreements/999999/signatories.csv", status: 404, problem: "agreement-not-found"})
	c.do(call{name: "export signatories as xlsx bad all", method: "GET", path: path + ".xlsx?all=maybe", docRejects: true, status: 422, problem: "validation", field: "all"})
	c.do(call{name: "export signatories as xlsx of unknown agreement", method: "GET", path: "/agreements/999999/signatories.xlsx", status: 404, problem: "agreement-not-found"})
}

// exerciseWithdraw withdraws the signature sigID.
func exerciseWithdraw(t *testing.T, c *oaClient, sigID int64, maxBody int) {
	path := fmt.Sprintf("/signatories/%d/withdraw", sigID)
	c.refuse(call{name: "withdraw signature", method: "POST", path: path})
	for _, k := range []call{
		{name: "withdraw in the future", body: `{"withdrawn_on":"2999-01-01"}`, status: 422, problem: "validation", field: "withdrawn_on"},
		{name: "withdraw before signing", body: `{"withdrawn_on":"2025-01-31"}`, status: 422, problem: "validation", field: "withdrawn_on"},
		{name: "withdraw malformed", body: `{"withdrawn_on"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "withdraw not JSON", contentType: "text/plain", body: `{}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "withdraw too large", body: padded(maxBody, `{"withdrawn_on":"2025-03-01"}`), status: 413, problem: "too-large"},
		{name: "withdraw unknown signature", path: "/signatories/999999/withdraw", status: 404, problem: "signatory-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
	w := c.do(call{name: "withdraw signature", method: "POST", path: path, body: `{"withdrawn_on":"2025-03-01"}`, status: 200})
	if w.body["withdrawn_on"] != "2025-03-01" {
		t.Errorf("withdraw signature:\n%s", w.raw)
	}
	c.do(call{name: "withdraw again", method: "POST", path: path, status: 409, problem: "signatory-withdrawn"})
}

// exerciseVersions adds a version of the agreement, adopted ahead of time: the signatures
// that follow, of earlier days, still name the version in force on their day.
func exerciseVersions(t *testing.T, c *oaClient, id int64, maxBody int) {
	path := fmt.Sprintf("/agreements/%d/versions", id)
	body := `{"label":"2999","adopted_on":"2999-01-01","link":"https://example.org/iop-2999.pdf"}`
	c.refuse(call{name: "add version", method: "POST", path: path, body: body})
	made := c.do(call{name: "add version", method: "POST", path: path, body: body, status: 201})
	if versions, _ := made.body["versions"].([]any); len(versions) != 2 {
		t.Errorf("add version: want two versions:\n%s", made.raw)
	}
	for _, k := range []call{
		{name: "version label taken", body: body, status: 422, problem: "validation", field: "label"},
		{name: "version without date", body: `{"label":"3000"}`, docRejects: true, status: 422, problem: "validation", field: "adopted_on"},
		{name: "version not a date", body: `{"label":"3000","adopted_on":"1 maj"}`, status: 422, problem: "validation", field: "adopted_on"},
		{name: "version malformed", body: `{"label"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "version not JSON", contentType: "text/plain", body: body, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "version too large", body: padded(maxBody, body), status: 413, problem: "too-large"},
		{name: "version of unknown agreement", path: "/agreements/999999/versions", body: body, status: 404, problem: "agreement-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
}
