package feedtoken

import "strings"

// URL is the address of the private feed the secret opens, on the site at base (the public
// URL, without a trailing slash). The path is fixed in the design: /calendar/private/{secret}.ics.
func URL(base, secret string) string {
	return strings.TrimRight(base, "/") + "/calendar/private/" + secret + ".ics"
}

// WebcalURL is u with the webcal scheme, which makes a browser hand the feed to the
// visitor's calendar app as a subscription instead of downloading it once. The scheme only
// says "subscribe"; the app fetches the address over HTTP(S) itself.
func WebcalURL(u string) string {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return "webcal://" + rest
	}
	return "webcal://" + strings.TrimPrefix(u, "http://")
}
