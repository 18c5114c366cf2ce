// Package requestid gives every HTTP request one id and carries it in the request's
// context, where the API, the pages and the logger all read it: one id per request,
// set in one place.
package requestid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"

	"github.com/gin-gonic/gin"
)

// Header is the header a proxy may send the id in, and the response echoes it in.
const Header = "X-Request-Id"

type ctxKey struct{}

// With returns ctx carrying the request id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// From returns the request id carried by ctx, or "" when there is none.
func From(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

var valid = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Sane returns incoming when it looks like a request id (a proxy's: up to 64 letters,
// digits, dots, dashes and underscores), and a new random one otherwise, so that nothing a
// client sends reaches the log or a page unchecked.
func Sane(incoming string) string {
	if valid.MatchString(incoming) {
		return incoming
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Middleware gives every request an id: the caller's X-Request-Id when it is sane, or a new
// one. It is echoed in the response and carried by the request's context (From).
func Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := Sane(c.GetHeader(Header))
		c.Request = c.Request.WithContext(With(c.Request.Context(), id))
		c.Header(Header, id)
		c.Next()
	}
}
