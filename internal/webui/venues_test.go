package webui_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// cardNames lists the venue names on a list page, in order.
func cardNames(p page) []string {
	var names []string
	p.doc.Find(".cards .card__title").Each(func(_ int, s *goquery.Selection) {
		names = append(names, strings.TrimSpace(s.Text()))
	})
	return names
}

func TestVenueListFilters(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)

	all := cardNames(b.get("/lokaler"))
	if len(all) != 9 {
		t.Fatalf("unfiltered list shows %d venues, want the 9 of the demo: %v", len(all), all)
	}
	tests := []struct {
		name  string
		query string
		check func(t *testing.T, names []string)
	}{
		{"Q", "q=kultur", func(t *testing.T, names []string) {
			if !slices.Contains(names, "Kulturhuset") || len(names) >= len(all) {
				t.Errorf("got %v", names)
			}
		}},
		{"District", "district=Norrby", func(t *testing.T, names []string) {
			if len(names) != 2 || !slices.Contains(names, "Norrby träffpunkt") {
				t.Errorf("got %v", names)
			}
		}},
		{"OwnerKind", "owner_kind=association", func(t *testing.T, names []string) {
			if len(names) == 0 || slices.Contains(names, "Stadshuset") || slices.Contains(names, "Kulturhuset") {
				t.Errorf("got %v", names)
			}
		}},
		{"CapacityMin", "capacity_min=70", func(t *testing.T, names []string) {
			if !slices.Contains(names, "Stadshuset") || slices.Contains(names, "Kulturhuset") {
				t.Errorf("got %v (only Stadshuset's sessionssal takes 80; Kulturhuset's largest room takes 60)", names)
			}
		}},
		{"Facilities", "facilities=piano&facilities=projector", func(t *testing.T, names []string) {
			if !slices.Contains(names, "Kulturhuset") || slices.Contains(names, "Stadshuset") {
				t.Errorf("got %v", names)
			}
		}},
		{"Accessibility", "accessibility=accessible_parking&accessibility=hearing_loop", func(t *testing.T, names []string) {
			if !slices.Contains(names, "Kulturhuset") || slices.Contains(names, "Stadshuset") {
				t.Errorf("got %v", names)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b.t = t
			p := b.get("/lokaler?" + tc.query)
			p.status(t, http.StatusOK)
			tc.check(t, cardNames(p))
			// The form shows the choices made.
			q, _ := url.ParseQuery(tc.query)
			for name, values := range q {
				for _, v := range values {
					sel := `[name="` + name + `"]`
					field := p.doc.Find("form.filters").Find(sel)
					switch {
					case field.Is("select"):
						if got := field.Find("option[selected]").AttrOr("value", ""); got != v {
							t.Errorf("%s: selected %q, want %q", name, got, v)
						}
					case field.First().AttrOr("type", "") == "checkbox":
						if _, ok := field.Filter(`[value="` + v + `"]`).Attr("checked"); !ok {
							t.Errorf("%s=%s is not ticked", name, v)
						}
					default:
						if got := field.AttrOr("value", ""); got != v {
							t.Errorf("%s: value %q, want %q", name, got, v)
						}
					}
				}
			}
		})
	}
}

func TestVenueListDistrictSelect(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	p := s.browser(t).get("/lokaler")
	var got []string
	p.doc.Find(`select[name="district"] option`).Each(func(_ int, o *goquery.Selection) {
		got = append(got, o.AttrOr("value", ""))
	})
	want := []string{"", "Centrum", "Hässleholmen", "Norrby", "Ramnaparken"}
	if !slices.Equal(got, want) {
		t.Errorf("districts %q, want %q", got, want)
	}
}

func TestVenueListPagination(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	var seen []string
	path := "/lokaler?limit=3&district=Centrum"
	pages := 0
	for i := 0; path != ""; i++ {
		if i > 5 {
			t.Fatal("pagination does not end")
		}
		p := b.get(path)
		p.status(t, http.StatusOK)
		pages++
		seen = append(seen, cardNames(p)...)
		next := p.doc.Find(`.pagination a[rel="next"]`)
		path = next.AttrOr("href", "")
		if path != "" {
			if next.Text() != "Nästa sida" || !strings.Contains(path, "district=Centrum") || !strings.Contains(path, "cursor=") {
				t.Errorf("next link %q %q", next.Text(), path)
			}
		}
		if i > 0 && p.doc.Find(`.pagination a`).First().AttrOr("href", "") != "/lokaler?district=Centrum&limit=3" {
			t.Errorf("first-page link %q", p.doc.Find(`.pagination a`).First().AttrOr("href", ""))
		}
	}
	if pages != 2 || len(seen) != 4 || !slices.IsSorted(seen) {
		t.Errorf("the 4 venues in Centrum over pages of 3: %d pages, %v", pages, seen)
	}
}

func TestVenueListInvalidFilter(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)

	t.Run("CapacityNotANumber", func(t *testing.T) {
		b.t = t
		p := b.get("/lokaler?capacity_min=abc&district=Norrby")
		p.status(t, http.StatusUnprocessableEntity)
		in := p.doc.Find(`input[name="capacity_min"]`)
		if in.AttrOr("value", "") != "abc" || in.AttrOr("aria-invalid", "") != "true" {
			t.Errorf("the field does not keep abc as invalid: %v", in.Nodes[0].Attr)
		}
		msg := p.text("#capacity_min-error")
		if !strings.Contains(msg, "Minsta kapacitet") || !strings.Contains(msg, "heltal") {
			t.Errorf("message next to the field: %q", msg)
		}
		if !strings.Contains(in.AttrOr("aria-describedby", ""), "capacity_min-error") {
			t.Error("the field is not described by its message")
		}
		if link := p.doc.Find(`.error-summary[role="alert"] a[href="#capacity_min"]`); link.Length() != 1 {
			t.Error("the error summary does not link to the field")
		}
		if p.doc.Find(`select[name="district"] option[selected]`).AttrOr("value", "") != "Norrby" {
			t.Error("the other choices are not kept")
		}
		if len(cardNames(p)) != 0 {
			t.Error("results are shown for an invalid question")
		}
	})
	t.Run("UnknownFacility", func(t *testing.T) {
		b.t = t
		p := b.get("/lokaler?facilities=sauna")
		p.status(t, http.StatusUnprocessableEntity)
		if msg := p.text(`fieldset .field__error`); !strings.Contains(msg, "Utrustningen finns inte") {
			t.Errorf("message: %q", msg)
		}
		if p.doc.Find(`.error-summary a[href="#facilities-projector"]`).Length() != 1 {
			t.Error("the summary does not link to the first facility box")
		}
	})
	t.Run("English", func(t *testing.T) {
		b.t = t
		b.header.Set("Accept-Language", "en")
		defer b.header.Del("Accept-Language")
		p := b.get("/lokaler?capacity_min=-3")
		p.status(t, http.StatusUnprocessableEntity)
		if msg := p.text("#capacity_min-error"); msg != "Error: Minimum capacity must be at least 0." {
			t.Errorf("message: %q", msg)
		}
	})
}
