package webui

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/audit"
)

// recordRefusal writes an "access.denied" entry for a page that answers 403: who, which
// route (the pattern, never the path, which may hold a secret link) and the id it named. A
// failure is logged, never shown: the audit log must not change what the visitor gets.
func (p *Pages) recordRefusal(c *gin.Context) {
	if p.audit == nil {
		return
	}
	r := audit.Refusal{Method: c.Request.Method, Route: c.FullPath()}
	if id, err := strconv.ParseInt(c.Param("id"), 10, 64); err == nil && id > 0 {
		r.ObjectID = id
	}
	// The visitor may be gone; the record should not go with them.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 5*time.Second)
	defer cancel()
	if err := p.audit.RecordRefusal(ctx, p.actor(c), r); err != nil {
		p.log.ErrorContext(ctx, "record refusal failed", slog.Any("err", err))
	}
}
