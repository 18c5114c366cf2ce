package validation

import (
	"net/url"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// isHTTPURL implements the httpurl tag: an absolute http or https URL with a host name,
// surrounded by any space. Other schemes (ftp:, mailto:, javascript:) are refused, so the
// value is safe to show as a link.
func isHTTPURL(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	s := strings.TrimSpace(f.String())
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.Hostname() == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}
