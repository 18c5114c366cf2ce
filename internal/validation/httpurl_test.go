package validation_test

import "testing"

func TestHTTPURL(t *testing.T) {
	checkTag(t, "httpurl", []tagCase{
		{"https://www.boras.se", true},
		{"http://example.org/path?q=1#top", true},
		{"HTTPS://BORAS.SE", true},
		{"https://boras.se:8443/", true},
		{" https://boras.se ", true},
		{"https://xn--rebro-ira.se", true},
		{"ftp://boras.se", false},
		{"mailto:info@boras.se", false},
		{"javascript:alert(1)", false},
		{"www.boras.se", false},
		{"//boras.se", false},
		{"https://", false},
		{"https:boras.se", false},
		{"https://bo ras.se", false},
		{"https://boras.se/a b", false},
		{"", false},
		{42, false},
	})
}
