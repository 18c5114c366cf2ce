package audit

import (
	"testing"
	"time"

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

func TestEncodeState(t *testing.T) {
	at := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	hash := "$argon2id$…"
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		// Columns by name, embedded ones among them; no relation, scan-only field, hash,
		// secret or unexported field.
		{"model", &place{ID: 7, PasswordHash: &hash, StreetAddress: "Storgatan 1 <a>", Secret: "x", UpdatedAt: at,
			facts: facts{Lift: true, Note: "ramp"}, Owner: &owner{ID: 1}, RoomCount: 3, hidden: 1},
			`{"accessibility_note":"ramp","id":7,"lift":true,"street_address":"Storgatan 1 \u003ca\u003e","updated_at":"2026-10-25T01:00:00Z"}`},
		{"model by value", place{ID: 8}, `{"accessibility_note":"","id":8,"lift":false,"street_address":"","updated_at":"0001-01-01T00:00:00Z"}`},
		{"plain value", map[string]string{"role": "admin"}, `{"role":"admin"}`},
		{"plain struct", struct{ A int }{1}, `{"A":1}`},
		{"nil model", (*place)(nil), `null`},
	} {
		got, err := encodeState(c.v)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// shadow has a column of the same name as one of its embedded struct's: the later one counts.
type shadow struct {
	bun.BaseModel `bun:"table:shadows"`
	facts
	Lift string `bun:"lift"`
}

func TestEncodeStateLaterColumnWins(t *testing.T) {
	got, err := encodeState(shadow{facts: facts{Lift: true}, Lift: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"accessibility_note":"","lift":"yes"}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestUnchanged(t *testing.T) {
	type model struct {
		bun.BaseModel `bun:"table:things"`
		ID            int64      `bun:"id,pk"`
		Name          string     `bun:"name"`
		At            time.Time  `bun:"at"`
		Until         *time.Time `bun:"until"`
		Revision      int        `bun:"revision"`
		UpdatedAt     time.Time  `bun:"updated_at"`
		Owner         *model     `bun:"rel:belongs-to"`
	}
	at := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	local := at.In(time.FixedZone("CEST", 2*3600))
	base := model{ID: 1, Name: "Salen", At: at, Until: &at, Revision: 1, UpdatedAt: at}
	for _, c := range []struct {
		name string
		edit func(m *model)
		want bool
	}{
		{"OK", func(m *model) {}, true},
		{"OKIgnored", func(m *model) { m.Revision, m.UpdatedAt = 2, at.Add(time.Hour) }, true},
		{"OKSameInstantOtherZone", func(m *model) { m.At, m.Until = local, &local }, true},
		{"OKRelation", func(m *model) { m.Owner = &model{ID: 9} }, true},
		{"Name", func(m *model) { m.Name = "Salen " }, false},
		{"At", func(m *model) { m.At = at.Add(time.Minute) }, false},
		{"UntilNil", func(m *model) { m.Until = nil }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			after := base
			c.edit(&after)
			if got := Unchanged(&base, &after, "revision", "updated_at"); got != c.want {
				t.Errorf("Unchanged = %v, want %v", got, c.want)
			}
		})
	}
}
