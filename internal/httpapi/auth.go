package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// TokenAuthenticator turns a personal API token into the actor it speaks for.
type TokenAuthenticator interface {
	ActorForToken(ctx context.Context, token, ip string) (access.Actor, error)
}

const actorKey = "actor"

// Authenticate makes the request's actor: the owner of the bearer token when one is sent,
// else anonymous. A token that is sent but not valid (unknown, revoked, expired) is refused
// with 401 at once rather than treated as anonymous, so a script learns its token is dead;
// so is an Authorization header of another scheme or none. With a nil auth every token is
// refused.
func Authenticate(auth TokenAuthenticator) gin.HandlerFunc {
	return func(c *gin.Context) {
		actor := access.Anonymous(c.ClientIP())
		if h, sent := c.Request.Header["Authorization"]; sent {
			scheme, token, _ := strings.Cut(strings.TrimSpace(strings.Join(h, ",")), " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || token == "" || len(h) > 1 {
				c.Header("WWW-Authenticate", `Bearer realm="lokalbanken"`)
				c.Error(access.ErrUnauthenticated)
				c.Abort()
				return
			}
			err := error(account.ErrBadToken)
			if auth != nil {
				actor, err = auth.ActorForToken(c.Request.Context(), token, c.ClientIP())
			}
			if err != nil {
				if fault.KindOf(err) == fault.Unauthenticated {
					c.Header("WWW-Authenticate", `Bearer realm="lokalbanken", error="invalid_token"`)
				}
				c.Error(err)
				c.Abort()
				return
			}
		}
		c.Set(actorKey, actor)
		c.Next()
	}
}

// Actor returns the actor Authenticate made for the request (anonymous when there is none).
func Actor(c *gin.Context) access.Actor {
	if a, ok := c.Get(actorKey); ok {
		return a.(access.Actor)
	}
	return access.Anonymous(c.ClientIP())
}

// anonymousWrites are the routes that change something and that anyone may call without
// credentials, by method and route pattern: the request to join the Compact.
var anonymousWrites = map[string]bool{
	http.MethodPost + " /api/v1/join-requests": true,
}

// signedInToWrite answers an anonymous request to any other route that changes something
// with 401 at once, before the body is read or checked: an outsider learns nothing of what
// a route takes, and nothing is parsed for them. The services still decide who may do what;
// this only puts the first question first.
func signedInToWrite(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return
	}
	if Actor(c).SignedIn() || anonymousWrites[c.Request.Method+" "+c.FullPath()] {
		return
	}
	c.Header("WWW-Authenticate", `Bearer realm="lokalbanken"`)
	_ = c.Error(access.ErrUnauthenticated)
	c.Abort()
}
