package httpapi

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
)

// The handlers of most routes have one of a few shapes; these build them, so that a route's
// line in Register says all there is to say about it.

// byID answers with view(fn(id)) for the path's :id; notFound is the error for an id that
// cannot exist (not a positive integer).
func byID[T, J any](notFound error, fn func(context.Context, int64) (*T, error), view func(*T) J) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", notFound)
		if err != nil {
			c.Error(err)
			return
		}
		v, err := fn(c.Request.Context(), id)
		respond(c, v, err, view, nil)
	}
}

// actByID is byID for calls that need the request's actor: a change (archiving, say), or a
// read that not everyone may make (a person's account).
func actByID[T, J any](notFound error, fn func(context.Context, access.Actor, int64) (*T, error), view func(*T) J) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", notFound)
		if err != nil {
			c.Error(err)
			return
		}
		v, err := fn(c.Request.Context(), Actor(c), id)
		respond(c, v, err, view, nil)
	}
}

// replace takes a JSON body of type In for the resource named by :id.
func replace[In, T, J any](notFound error, readOnly []string, fn func(context.Context, access.Actor, int64, In) (*T, error), view func(*T) J) gin.HandlerFunc {
	return withBody(notFound, readOnly, fn, view, nil)
}

// createUnder creates a resource under the one named by :id (a room in a venue) and answers
// 201 with a Location made by location.
func createUnder[In, T, J any](notFound error, readOnly []string, fn func(context.Context, access.Actor, int64, In) (*T, error), view func(*T) J, location func(*T) string) gin.HandlerFunc {
	return withBody(notFound, readOnly, fn, view, location)
}

// create answers 201 with view(fn(body)) and a Location header made by location.
func create[In, T, J any](readOnly []string, fn func(context.Context, access.Actor, In) (*T, error), view func(*T) J, location func(*T) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in In
		if err := decodeJSON(c, &in, readOnly...); err != nil {
			c.Error(err)
			return
		}
		v, err := fn(c.Request.Context(), Actor(c), in)
		respond(c, v, err, view, location)
	}
}

func withBody[In, T, J any](notFound error, readOnly []string, fn func(context.Context, access.Actor, int64, In) (*T, error), view func(*T) J, location func(*T) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", notFound)
		if err != nil {
			c.Error(err)
			return
		}
		var in In
		if err := decodeJSON(c, &in, readOnly...); err != nil {
			c.Error(err)
			return
		}
		v, err := fn(c.Request.Context(), Actor(c), id, in)
		respond(c, v, err, view, location)
	}
}

// respond records err, or writes view(v): 200, or 201 with a Location when location is set.
func respond[T, J any](c *gin.Context, v *T, err error, view func(*T) J, location func(*T) string) {
	if err != nil {
		c.Error(err)
		return
	}
	if location == nil {
		c.JSON(http.StatusOK, view(v))
		return
	}
	c.Header("Location", location(v))
	c.JSON(http.StatusCreated, view(v))
}

// deleteByID answers 204 after fn(id) for the path's :id.
func deleteByID(notFound error, fn func(context.Context, access.Actor, int64) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", notFound)
		if err != nil {
			c.Error(err)
			return
		}
		noContent(c, fn(c.Request.Context(), Actor(c), id))
	}
}

// noContent records err, or answers 204.
func noContent(c *gin.Context, err error) {
	if err != nil {
		c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
	c.Writer.WriteHeaderNow()
}
