package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

// TestCityDepartmentOrganises: the admin of a city department creates the Compact's FRÖ
// series under the department (201; it was 403), and an association's admin creates a
// network of its own but not a council (403, nothing stored).
func TestCityDepartmentOrganises(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	dept := e.org("city", "Kultur- och fritidsförvaltningen")
	club := e.org("association", "Borås Schackklubb")
	deptAdmin, clubAdmin := e.user("samordnare@boras.example", false), e.user("ordf@schack.example", false)
	e.member(dept.ID, deptAdmin, access.RoleAdmin)
	e.member(club.ID, clubAdmin, access.RoleAdmin)

	r := e.doAs(e.token(deptAdmin), "POST", "/api/v1/meeting-series",
		fmt.Sprintf(`{"kind":"fro","name":"FRÖ-möten","organiser_id":%d,"public":true,"invite_signatories":true}`, dept.ID))
	if r.status != 201 {
		t.Errorf("a city department's admin creates a FRÖ series: %d %s", r.status, r.raw)
	}
	clubToken := e.token(clubAdmin)
	if r := e.doAs(clubToken, "POST", "/api/v1/meeting-series",
		fmt.Sprintf(`{"kind":"network","name":"Schacknätverket","organiser_id":%d}`, club.ID)); r.status != 201 {
		t.Errorf("an association's admin creates a network: %d %s", r.status, r.raw)
	}
	before := e.count(`SELECT count(*) FROM meeting_series`)
	if r := e.doAs(clubToken, "POST", "/api/v1/meeting-series",
		fmt.Sprintf(`{"kind":"samrad","name":"Samråd","organiser_id":%d}`, club.ID)); r.status != 403 {
		t.Errorf("an association's admin creates a council: %d %s", r.status, r.raw)
	}
	if after := e.count(`SELECT count(*) FROM meeting_series`); after != before {
		t.Errorf("a refused series was stored")
	}
}
