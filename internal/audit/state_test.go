package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"
)

type facts struct {
	Lift bool   `bun:"lift,notnull"`
	Note string `bun:"accessibility_note"`
}

type owner struct {
	bun.BaseModel `bun:"table:owners"`
	ID            int64 `bun:"id,pk"`
}

type place struct {
	bun.BaseModel `bun:"table:places,alias:p"`
	ID            int64     `bun:"id,pk,autoincrement"`
	StreetAddress string    `bun:"street_address,notnull"`
	Secret        string    `bun:"-"`
	PasswordHash  *string   `bun:"password_hash"`
	UpdatedAt     time.Time `bun:"updated_at"`
	facts
	Owner     *owner `bun:"rel:belongs-to,join:owner_id=id"`
	RoomCount int    `bun:"room_count,scanonly"`
	hidden    int
}

func TestState(t *testing.T) {
	at := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	hash := "$argon2id$…"
	got := state(&place{ID: 7, PasswordHash: &hash, StreetAddress: "Storgatan 1", Secret: "x", UpdatedAt: at,
		facts: facts{Lift: true, Note: "ramp"}, Owner: &owner{ID: 1}, RoomCount: 3, hidden: 1})
	want := map[string]any{"id": int64(7), "street_address": "Storgatan 1", "updated_at": at, "lift": true, "accessibility_note": "ramp"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("state (-want +got):\n%s", diff)
	}
	if got := state(map[string]string{"role": "admin"}); got.(map[string]string)["role"] != "admin" {
		t.Errorf("a plain value must be stored as it is: %v", got)
	}
	if got := state((*place)(nil)); got != nil {
		t.Errorf("nil model: %v", got)
	}
}
