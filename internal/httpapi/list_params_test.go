package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestListParams sends a bad limit and a bad cursor to every list of the document and wants
// 422 naming the parameter. On the main of issue 12, limit=-5 answered 200 on /bookings,
// /users, /meetings and more (quietly the default page size), and a few lists took any cursor.
func TestListParams(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	e := newEnv(t, 1<<20)
	// Something for every {id} of a list path to name: the lists look their parent up.
	o := e.org("association", "Förening")
	v := e.venueOf(o.ID, "Huset")
	r := e.roomIn(v.ID, "Salen")
	ms := e.meetingSeriesOf(o.ID)
	rd := e.openRound(o.ID, r.ID)
	ids := map[string]int64{"organisations": o.ID, "venues": v.ID, "rooms": r.ID, "meeting-series": ms.ID, "rounds": rd.ID}
	lists := 0
	for _, key := range sortedKeys(operations(doc)) {
		op := operations(doc)[key]
		method, path, _ := strings.Cut(key, " ")
		if method != http.MethodGet || op.Parameters.GetByInAndName("query", "limit") == nil {
			continue
		}
		lists++
		id := int64(1)
		if n, ok := ids[strings.Split(path, "/")[1]]; ok {
			id = n
		}
		target := apiBase + pathParam.ReplaceAllString(path, itoa(id))
		for _, tc := range []struct{ query, field, code string }{
			{"limit=-5", "limit", "min"},
			{"limit=201", "limit", "max"},
			{"limit=ten", "limit", "type"},
			{"limit=1.5", "limit", "type"},
			{"cursor=not-a-cursor", "cursor", "malformed"},
			{"cursor=e30", "cursor", "malformed"}, // base64 of {}: no id
		} {
			res := e.do(method, target+"?"+tc.query, "")
			if res.status != http.StatusUnprocessableEntity || res.fields()[tc.field] != tc.code {
				t.Errorf("%s?%s: %d %s, want 422 with errors[%s] %s", key, tc.query, res.status, res.raw, tc.field, tc.code)
			}
		}
		for _, ok := range []string{"limit=0", "limit=1", "limit=200", "limit="} {
			// A list may want other parameters too (/availability): only these two matter.
			res := e.do(method, target+"?"+ok, "")
			if f := res.fields(); res.status != http.StatusOK && (f["limit"] != "" || f["cursor"] != "" || res.status != http.StatusUnprocessableEntity) {
				t.Errorf("%s?%s: %d %s, want 200", key, ok, res.status, res.raw)
			}
		}
	}
	if lists < 10 {
		t.Errorf("%d lists take a limit, want at least 10", lists)
	}
}
