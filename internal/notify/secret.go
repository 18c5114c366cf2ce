package notify

import "regexp"

// A link that works without signing in (a password reset, an invitation, a meeting reply,
// an unsubscribe link) carries a secret made by credential.New — 43 characters of
// base64url — as a segment of its path. The person it was sent to needs it; nobody else
// does. So once a message has been handed to the mail server its kept copy loses the
// secrets, and while mail is being sent nobody reads them in the outbox: a city
// administrator reading a women's shelter admin's reset link could take over the account.
// Without SMTP (the embedded default, for trying the service) the outbox page is the only
// way to follow such a link, so there they are shown.
var secretSegment = regexp.MustCompile(`/[A-Za-z0-9_-]{43}([^A-Za-z0-9_-]|$)`)

// Redact returns s with every secret path segment replaced by "…".
func Redact(s string) string { return secretSegment.ReplaceAllString(s, "/…$1") }

// redacted returns the records with their bodies redacted when mail is sent (see Redact).
func (s *Service) redacted(rows []Record) []Record {
	if s.mailer == nil {
		return rows
	}
	for i := range rows {
		rows[i].TextBody, rows[i].HTMLBody = Redact(rows[i].TextBody), Redact(rows[i].HTMLBody)
	}
	return rows
}
