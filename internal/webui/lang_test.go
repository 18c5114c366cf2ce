package webui_test

import (
	"net/http"
	"testing"
)

func TestLanguage(t *testing.T) {
	t.Parallel()
	s := newSite(t)

	t.Run("SwedishByDefault", func(t *testing.T) {
		p := s.browser(t).get("/")
		if p.doc.Find("html").AttrOr("lang", "") != "sv" || p.text("a.lang-switch") != "In English" {
			t.Errorf("lang=%q switch=%q", p.doc.Find("html").AttrOr("lang", ""), p.text("a.lang-switch"))
		}
		if p.resp.Header.Get("Content-Language") != "sv" {
			t.Errorf("Content-Language %q", p.resp.Header.Get("Content-Language"))
		}
	})
	t.Run("AcceptLanguage", func(t *testing.T) {
		b := s.browser(t)
		b.header.Set("Accept-Language", "en-GB,en;q=0.9,sv;q=0.5")
		if p := b.get("/"); p.doc.Find("html").AttrOr("lang", "") != "en" {
			t.Error("Accept-Language: en does not give English")
		}
	})
	t.Run("Switch", func(t *testing.T) {
		b := s.browser(t)
		b.header.Set("Accept-Language", "sv")
		sv := b.get("/lokaler?district=Norrby")
		link := sv.doc.Find("a.lang-switch").AttrOr("href", "")
		if link != "/lokaler?district=Norrby&lang=en" {
			t.Fatalf("language link %q", link)
		}
		r := b.get(link)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/lokaler?district=Norrby" {
			t.Errorf("redirect to %q, want the same page without lang", loc)
		}
		var cookie *http.Cookie
		for _, c := range r.resp.Cookies() {
			if c.Name == "lang" {
				cookie = c
			}
		}
		if cookie == nil || cookie.Value != "en" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
			t.Fatalf("lang cookie %+v", cookie)
		}
		// The cookie wins over Accept-Language from now on, on every page.
		for _, path := range []string{"/lokaler?district=Norrby", "/", "/finns-inte"} {
			p := b.get(path)
			if p.doc.Find("html").AttrOr("lang", "") != "en" {
				t.Errorf("%s is not in English after switching", path)
			}
		}
		if p := b.get("/"); p.text("h1") != "Find a room for your association" || p.text("a.lang-switch") != "På svenska" {
			t.Errorf("h1=%q switch=%q", p.text("h1"), p.text("a.lang-switch"))
		}
		// And back.
		b.get("/?lang=sv")
		if p := b.get("/"); p.doc.Find("html").AttrOr("lang", "") != "sv" {
			t.Error("switching back to Swedish failed")
		}
	})
	t.Run("NoOpenRedirect", func(t *testing.T) {
		r := s.browser(t).get("//evil.example/?lang=en")
		if loc := r.resp.Header.Get("Location"); r.resp.StatusCode == http.StatusSeeOther && loc != "/evil.example/" {
			t.Errorf("redirect to %q", loc)
		}
	})
}
