package audit

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
)

// refusalTimeout bounds how long recording a refusal may take once the answer is written.
const refusalTimeout = 5 * time.Second

// RecordRefused is what the API and the pages both do when they answer 403: it records an
// "access.denied" entry for the request (its method, its route pattern — never the path,
// which may hold a secret link — or "(unmatched)", and the object its :id parameter names
// when that is a positive integer). The record is detached from ctx's cancellation, because
// the client may be gone and the record should not go with it, and bounded in time. A
// failure is logged to log, never returned: the audit log must not change what the client
// gets.
func (s *Service) RecordRefused(ctx context.Context, log *slog.Logger, actor access.Actor, method, route, id string) {
	r := Refusal{Method: method, Route: route}
	if r.Route == "" {
		r.Route = "(unmatched)"
	}
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 {
		r.ObjectID = n
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refusalTimeout)
	defer cancel()
	if err := s.RecordRefusal(ctx, actor, r); err != nil {
		log.ErrorContext(ctx, "record refusal failed", slog.Any("err", err))
	}
}
