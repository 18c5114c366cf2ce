package httpapi

import (
	"encoding/json"
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/audit"
)

// auditEntryJSON is an entry of the audit log as the API shows it.
type auditEntryJSON struct {
	ID             int64           `json:"id"`
	At             time.Time       `json:"at"`
	ActorUserID    *int64          `json:"actor_user_id"`
	Action         string          `json:"action"`
	ObjectType     string          `json:"object_type"`
	ObjectID       *int64          `json:"object_id"`
	OrganisationID *int64          `json:"organisation_id"`
	Before         json.RawMessage `json:"before"`
	After          json.RawMessage `json:"after"`
	IP             string          `json:"ip"`
}

func toAuditEntryJSON(e *audit.Entry) auditEntryJSON {
	return auditEntryJSON{
		ID: e.ID, At: utc(e.At), ActorUserID: e.ActorUserID, Action: e.Action, ObjectType: e.ObjectType,
		ObjectID: e.ObjectID, OrganisationID: e.OrganisationID, Before: rawOrNull(e.Before), After: rawOrNull(e.After), IP: e.IP,
	}
}

// rawOrNull gives JSON null for a state that was not recorded, so the member is always there.
func rawOrNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

func (h *Handler) listAudit(c *gin.Context) {
	var f audit.Filter
	q := query{c: c}
	q.int64("actor_user_id", &f.ActorUserID)
	q.str("action", &f.Action)
	q.str("object_type", &f.ObjectType)
	q.int64("object_id", &f.ObjectID)
	q.int64("organisation_id", &f.OrganisationID)
	q.time("from", &f.From)
	q.time("to", &f.To)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Audit.FindEntries(c.Request.Context(), Actor(c), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toAuditEntryJSON)
}

// recordRefusal writes an access.denied entry for a request that ended in 403, as the pages
// do (audit.Service.RecordRefused).
func recordRefusal(c *gin.Context, log *slog.Logger, a *audit.Service) {
	a.RecordRefused(c.Request.Context(), log, Actor(c), c.Request.Method, c.FullPath(), c.Param("id"))
}
