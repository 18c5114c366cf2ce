package organisation_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

var fixedNow = time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)

func newService(t *testing.T) *organisation.Service {
	t.Helper()
	return organisation.NewService(dbtest.New(t), validation.New(), func() time.Time { return fixedNow })
}

func mustCreate(t *testing.T, s *organisation.Service, in organisation.Input) *organisation.Organisation {
	t.Helper()
	o, err := s.CreateOrganisation(context.Background(), access.System, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Name, err)
	}
	return o
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, f := range fault.Fields(err) {
		out[f.Field] = f.Code
	}
	return out
}

func TestCreateOrganisation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(t)

	t.Run("OK", func(t *testing.T) {
		o := mustCreate(t, s, organisation.Input{Kind: "association", Name: "  Sjöbo Kammarkör ", OrgNumber: "8024889043"})
		if o.ID == 0 || o.Name != "Sjöbo Kammarkör" || *o.OrgNumber != "802488-9043" || o.Revision != 1 {
			t.Fatalf("got %+v", o)
		}
		if !o.CreatedAt.Equal(fixedNow) {
			t.Errorf("created_at = %v, want the injected clock %v", o.CreatedAt, fixedNow)
		}
		got, err := s.FindOrganisationByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(o, got); diff != "" {
			t.Errorf("stored differs (-created +found):\n%s", diff)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := s.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "club", Name: " ", OrgNumber: "802488-9044", Website: "ftp://x"})
		want := map[string]string{"kind": "oneof", "name": "notblank", "org_number": "orgnr", "website": "httpurl"}
		if diff := cmp.Diff(want, fieldCodes(err)); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrDuplicateOrgNumber", func(t *testing.T) {
		mustCreate(t, s, organisation.Input{Kind: "association", Name: "A", OrgNumber: "802400-1177"})
		// The same number written without the hyphen is the same number.
		_, err := s.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "B", OrgNumber: "8024001177"})
		if got := fieldCodes(err)["org_number"]; got != "duplicate" {
			t.Fatalf("err = %v, want a duplicate org_number", err)
		}
	})
	t.Run("Departments", func(t *testing.T) {
		city := mustCreate(t, s, organisation.Input{Kind: "city", Name: "Borås Stad", OrgNumber: "212000-9994"})
		dept := mustCreate(t, s, organisation.Input{Kind: "city", Name: "Kulturförvaltningen", ParentID: &city.ID})
		assoc := mustCreate(t, s, organisation.Input{Kind: "association", Name: "Förening"})
		missing := int64(1 << 40)
		for name, in := range map[string]organisation.Input{
			"association under city":        {Kind: "association", Name: "X", ParentID: &city.ID},
			"city under association":        {Kind: "city", Name: "X", ParentID: &assoc.ID},
			"department under a department": {Kind: "city", Name: "X", ParentID: &dept.ID},
		} {
			if _, err := s.CreateOrganisation(ctx, access.System, in); fieldCodes(err)["parent_id"] != "parent_kind" {
				t.Errorf("%s: err = %v, want parent_id parent_kind", name, err)
			}
		}
		if _, err := s.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "X", ParentID: &missing}); fieldCodes(err)["parent_id"] != "not_found" {
			t.Errorf("missing parent: err = %v", err)
		}
	})
}

func TestUpdateOrganisation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(t)
	o := mustCreate(t, s, organisation.Input{Kind: "association", Name: "PRO Norrby"})

	t.Run("OK", func(t *testing.T) {
		rev := o.Revision
		got, err := s.UpdateOrganisation(ctx, access.System, o.ID, organisation.Input{Kind: "association", Name: "PRO Norrby-Sjöbo", Revision: &rev})
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "PRO Norrby-Sjöbo" || got.Revision != rev+1 {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("ErrStale", func(t *testing.T) {
		old := 1
		_, err := s.UpdateOrganisation(ctx, access.System, o.ID, organisation.Input{Kind: "association", Name: "Lost update", Revision: &old})
		if !errors.Is(err, organisation.ErrStale) {
			t.Fatalf("err = %v, want ErrStale", err)
		}
		got, _ := s.FindOrganisationByID(ctx, o.ID)
		if got.Name == "Lost update" {
			t.Fatal("a stale update was stored")
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.UpdateOrganisation(ctx, access.System, 1<<40, organisation.Input{Kind: "association", Name: "X"})
		if !errors.Is(err, organisation.ErrNotFound) || fault.KindOf(err) != fault.NotFound {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrSelfParent", func(t *testing.T) {
		city := mustCreate(t, s, organisation.Input{Kind: "city", Name: "Stad"})
		_, err := s.UpdateOrganisation(ctx, access.System, city.ID, organisation.Input{Kind: "city", Name: "Stad", ParentID: &city.ID})
		if fieldCodes(err)["parent_id"] != "parent_self" {
			t.Fatalf("err = %v", err)
		}
	})
}

// Of many writers holding the same revision, exactly one wins; the rest are told the record
// changed, and nothing is lost silently.
func TestUpdateOrganisationConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(t)
	o := mustCreate(t, s, organisation.Input{Kind: "association", Name: "Start"})
	const writers = 16
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rev := o.Revision
			_, errs[i] = s.UpdateOrganisation(ctx, access.System, o.ID, organisation.Input{Kind: "association", Name: "Writer", Revision: &rev})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, organisation.ErrStale):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won, want exactly 1", won)
	}
}

func TestArchiveOrganisation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(t)
	o := mustCreate(t, s, organisation.Input{Kind: "association", Name: "Arkivföreningen"})
	got, err := s.ArchiveOrganisation(ctx, access.System, o.ID)
	if err != nil || !got.Archived() {
		t.Fatalf("archive: %+v, %v", got, err)
	}
	again, err := s.ArchiveOrganisation(ctx, access.System, o.ID)
	if err != nil || again.Revision != got.Revision {
		t.Fatalf("archiving twice changed something: %+v, %v", again, err)
	}
	if _, err := s.UpdateOrganisation(ctx, access.System, o.ID, organisation.Input{Kind: "association", Name: "X"}); !errors.Is(err, organisation.ErrArchived) {
		t.Fatalf("update archived: %v", err)
	}
	page, err := s.FindOrganisations(ctx, organisation.Filter{})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("archived organisation listed: %+v, %v", page.Items, err)
	}
	page, err = s.FindOrganisations(ctx, organisation.Filter{IncludeArchived: true})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("include_archived: %+v, %v", page.Items, err)
	}
}

func TestFindOrganisations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(t)
	// Swedish order: Å, Ä, Ö come after Z.
	for _, n := range []string{"Örgryte", "Ängel", "Åby", "Zeta", "Alfa", "beta"} {
		mustCreate(t, s, organisation.Input{Kind: "association", Name: n})
	}
	mustCreate(t, s, organisation.Input{Kind: "city", Name: "Kommunen"})

	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		page, err := s.FindOrganisations(ctx, organisation.Filter{Kind: "association", Limit: 4, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Items {
			names = append(names, o.Name)
		}
		if page.Next == nil {
			break
		}
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		cursor = page.Next.Encode()
	}
	want := []string{"Alfa", "beta", "Zeta", "Åby", "Ängel", "Örgryte"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}

	page, err := s.FindOrganisations(ctx, organisation.Filter{Q: "ÄNG"})
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != "Ängel" {
		t.Errorf("q=ÄNG: %+v, %v", page.Items, err)
	}
	page, err = s.FindOrganisations(ctx, organisation.Filter{Q: "100%_"})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("pattern characters must be literal: %+v, %v", page.Items, err)
	}
	if _, err := s.FindOrganisations(ctx, organisation.Filter{Cursor: "not a cursor"}); fieldCodes(err)["cursor"] != "malformed" {
		t.Errorf("bad cursor: %v", err)
	}
}
