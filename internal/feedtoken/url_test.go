package feedtoken_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/feedtoken"
)

func TestURLs(t *testing.T) {
	for _, tc := range []struct{ base, url, webcal string }{
		{"https://lokalbanken.boras.se", "https://lokalbanken.boras.se/calendar/private/lbf_x.ics", "webcal://lokalbanken.boras.se/calendar/private/lbf_x.ics"},
		{"https://boras.se/lokalbanken/", "https://boras.se/lokalbanken/calendar/private/lbf_x.ics", "webcal://boras.se/lokalbanken/calendar/private/lbf_x.ics"},
		{"http://localhost:8080", "http://localhost:8080/calendar/private/lbf_x.ics", "webcal://localhost:8080/calendar/private/lbf_x.ics"},
	} {
		if got := feedtoken.URL(tc.base, "lbf_x"); got != tc.url {
			t.Errorf("URL(%q) = %q, want %q", tc.base, got, tc.url)
		}
		if got := feedtoken.WebcalURL(tc.url); got != tc.webcal {
			t.Errorf("WebcalURL(%q) = %q, want %q", tc.url, got, tc.webcal)
		}
	}
}
