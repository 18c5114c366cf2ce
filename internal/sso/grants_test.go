package sso_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/sso"
)

func TestGrants(t *testing.T) {
	t.Parallel()
	mapping := []sso.RoleGroup{
		{Group: "fritid-bokare", OrganisationID: 3, Role: access.RoleBooker},
		{Group: "fritid-admin", OrganisationID: 3, Role: access.RoleAdmin},
		{Group: "kultur", OrganisationID: 4, Role: access.RoleBooker},
	}
	yes, no := true, false
	for _, c := range []struct {
		name   string
		admins []string
		groups []string
		want   sso.Grants
	}{
		{"AdminWinsOverBooker", nil, []string{"fritid-admin", "fritid-bokare"},
			sso.Grants{Managed: []int64{3, 4}, Roles: map[int64]access.Role{3: access.RoleAdmin}}},
		{"BookerAlone", nil, []string{"fritid-bokare", "kultur", "annat"},
			sso.Grants{Managed: []int64{3, 4}, Roles: map[int64]access.Role{3: access.RoleBooker, 4: access.RoleBooker}}},
		{"NoGroups", []string{"lb-admin"}, nil,
			sso.Grants{CityAdmin: &no, Managed: []int64{3, 4}, Roles: map[int64]access.Role{}}},
		{"CityAdmin", []string{"lb-admin", "lb-drift"}, []string{"lb-drift"},
			sso.Grants{CityAdmin: &yes, Managed: []int64{3, 4}, Roles: map[int64]access.Role{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := sso.New(nil, sso.Config{CityAdminGroups: c.admins, RoleGroups: mapping}, nil)
			if diff := cmp.Diff(c.want, p.Grants(c.groups)); diff != "" {
				t.Errorf("grants (-want +got):\n%s", diff)
			}
		})
	}
}
