package feedtoken_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

func TestCreateResolveRevoke(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	booker := e.actors[bookerA]
	secret, tok := e.mustCreate(t, booker, e.a, "  Min kalender  ")
	if !strings.HasPrefix(secret, feedtoken.Prefix) || len(secret) != len(feedtoken.Prefix)+43 {
		t.Fatalf("secret %q: want lbf_ and 43 characters", secret)
	}
	if tok.ID == 0 || tok.Name != "Min kalender" || tok.Prefix != secret[:12] || tok.OrganisationID != e.a ||
		tok.CreatedBy == nil || *tok.CreatedBy != booker.UserID || !tok.CreatedAt.Equal(e.clock.Now()) {
		t.Fatalf("token %+v", tok)
	}

	e.mustResolve(t, secret, e.a)
	list, err := e.s.List(ctx, booker, e.a)
	if err != nil || len(list) != 1 || list[0].ID != tok.ID || list[0].LastUsedAt == nil || list[0].RevokedAt != nil {
		t.Fatalf("List = %+v, %v; want the link, used, not revoked", list, err)
	}

	// Revoked: the very next Resolve refuses, as for a link that never existed.
	e.clock.Advance(time.Second)
	if err := e.s.Revoke(ctx, e.actors[adminA], tok.ID); err != nil {
		t.Fatal(err)
	}
	e.notFound(t, secret)
	if err := e.s.Revoke(ctx, e.actors[adminA], tok.ID); err != nil {
		t.Errorf("revoke again: %v", err)
	}
	list, err = e.s.List(ctx, booker, e.a)
	if err != nil || len(list) != 1 || list[0].RevokedAt == nil || !list[0].Revoked() {
		t.Fatalf("List after revoke = %+v, %v; want the link, revoked", list, err)
	}
	if err := e.s.Revoke(ctx, booker, 999999); !errors.Is(err, feedtoken.ErrNotFound) {
		t.Errorf("revoke unknown: %v, want ErrNotFound", err)
	}
}

func TestSecretStoredOnlyAsHash(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	secret, tok := e.mustCreate(t, e.actors[adminA], e.a, "Styrelsen")
	var row struct {
		Hash []byte `bun:"token_hash"`
		JSON string `bun:"j"`
	}
	err := e.db.NewSelect().Table("feed_tokens").ColumnExpr("token_hash").ColumnExpr("row_to_json(feed_tokens)::text AS j").
		Where("id = ?", tok.ID).Scan(context.Background(), &row)
	if err != nil {
		t.Fatal(err)
	}
	if want := sha256.Sum256([]byte(secret)); !bytes.Equal(row.Hash, want[:]) {
		t.Errorf("token_hash %x, want the SHA-256 of the secret", row.Hash)
	}
	if strings.Contains(row.JSON, secret[len(tok.Prefix):]) {
		t.Errorf("the secret is stored: %s", row.JSON)
	}
}

func TestResolveMalformedAndUnknown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	secret, _ := e.mustCreate(t, e.actors[bookerA], e.a, "Kalender")
	random := secret[len(feedtoken.Prefix):]
	for name, s := range map[string]string{
		"empty":                  "",
		"prefix only":            feedtoken.Prefix,
		"API token prefix":       "lb_" + random,
		"no prefix":              random,
		"one character short":    secret[:len(secret)-1],
		"one character more":     secret + "A",
		"not base64url":          feedtoken.Prefix + strings.Repeat("/", 43),
		"with .ics":              secret + ".ics",
		"upper-case prefix":      "LBF_" + random,
		"well formed, unknown":   feedtoken.Prefix + strings.Repeat("A", 43),
		"last character changed": secret[:len(secret)-1] + other(secret[len(secret)-1]),
		"trailing space":         secret + " ",
		"NUL inside":             feedtoken.Prefix + random[:20] + "\x00" + random[21:],
		"multibyte of same size": feedtoken.Prefix + random[:41] + "å",
	} {
		t.Run(name, func(t *testing.T) { e.notFound(t, s) })
	}
	e.mustResolve(t, secret, e.a)
}

// other returns a base64url character that is not c.
func other(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

// TestOrganisationsApart: a link of A never opens B's feed, nor B's A's, and each
// organisation lists only its own.
func TestOrganisationsApart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	secretA, tokA := e.mustCreate(t, e.actors[adminA], e.a, "A:s kalender")
	secretB, tokB := e.mustCreate(t, e.actors[adminB], e.b, "B:s kalender")
	e.mustResolve(t, secretA, e.a)
	e.mustResolve(t, secretB, e.b)
	for org, want := range map[int64]int64{e.a: tokA.ID, e.b: tokB.ID} {
		list, err := e.s.List(ctx, e.actors[city], org)
		if err != nil || len(list) != 1 || list[0].ID != want {
			t.Errorf("List(%d) = %+v, %v; want only %d", org, list, err, want)
		}
	}
	if err := e.s.Revoke(ctx, e.actors[adminB], tokA.ID); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("B's admin revokes A's link: %v, want ErrForbidden", err)
	}
	e.mustResolve(t, secretA, e.a)
}

func TestAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	// What each actor gets for A's links: members of A and city administrators may.
	want := [actors]error{access.ErrUnauthenticated, nil, nil, access.ErrForbidden, nil}
	same := func(got, want error) bool { return errors.Is(got, want) || got == nil && want == nil }
	for a := range actors {
		actor := e.actors[a]
		t.Run(actorNames[a], func(t *testing.T) {
			secret, tok, err := e.s.Create(ctx, actor, e.a, "Kalender")
			if !same(err, want[a]) || (err == nil) != (secret != "" && tok != nil) {
				t.Errorf("Create: %v, want %v", err, want[a])
			}
			if _, err := e.s.List(ctx, actor, e.a); !same(err, want[a]) {
				t.Errorf("List: %v, want %v", err, want[a])
			}
			_, other := e.mustCreate(t, access.System, e.a, "Att återkalla")
			if err := e.s.Revoke(ctx, actor, other.ID); !same(err, want[a]) {
				t.Errorf("Revoke: %v, want %v", err, want[a])
			}
		})
	}
	// Refused calls change nothing: of the five creations and five links to revoke, the
	// three allowed actors made three and revoked three.
	var live, revoked int
	list, err := e.s.List(ctx, access.System, e.a)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range list {
		if tok.Revoked() {
			revoked++
		} else {
			live++
		}
	}
	if live != 3+2 || revoked != 3 {
		t.Errorf("%d live and %d revoked links, want 5 and 3", live, revoked)
	}
	if err := e.s.Revoke(ctx, e.actors[anon], 999999); !errors.Is(err, access.ErrUnauthenticated) {
		t.Errorf("anonymous revokes an unknown id: %v, want ErrUnauthenticated (nothing about the id)", err)
	}
}

func TestCreateInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	for name, n := range map[string]string{"empty": "", "blank": " \t ", "too long": strings.Repeat("å", 101)} {
		t.Run(name, func(t *testing.T) {
			_, _, err := e.s.Create(ctx, e.actors[bookerA], e.a, n)
			if fe := fault.Fields(err); len(fe) != 1 || fe[0].Field != "name" {
				t.Errorf("Create(%q): %v, want a field error on name", n, err)
			}
		})
	}
	e.mustCreate(t, e.actors[bookerA], e.a, strings.Repeat("å", 100))
	if _, _, err := e.s.Create(ctx, e.actors[city], 999999, "Kalender"); !errors.Is(err, organisation.ErrNotFound) {
		t.Errorf("unknown organisation: %v, want organisation.ErrNotFound", err)
	}
	if _, err := e.orgs.ArchiveOrganisation(ctx, access.System, e.b); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.s.Create(ctx, e.actors[city], e.b, "Kalender"); !errors.Is(err, organisation.ErrArchived) {
		t.Errorf("archived organisation: %v, want organisation.ErrArchived", err)
	}
}

// TestLiveLimit: an organisation has at most MaxLive links that work; revoking one makes
// room for another, and links of other organisations do not count.
func TestLiveLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	var first *feedtoken.Token
	for i := range feedtoken.MaxLive {
		_, tok := e.mustCreate(t, e.actors[adminA], e.a, "Kalender")
		if i == 0 {
			first = tok
		}
	}
	_, _, err := e.s.Create(ctx, e.actors[adminA], e.a, "En för mycket")
	if fe := fault.Fields(err); len(fe) != 1 || fe[0].Field != "name" || fe[0].Code != feedtoken.CodeTooMany || fe[0].Param != "20" {
		t.Fatalf("link %d: %v, want the %s field error", feedtoken.MaxLive+1, err, feedtoken.CodeTooMany)
	}
	e.mustCreate(t, e.actors[adminB], e.b, "B har plats")
	if err := e.s.Revoke(ctx, e.actors[adminA], first.ID); err != nil {
		t.Fatal(err)
	}
	e.mustCreate(t, e.actors[adminA], e.a, "Ersättaren")
}

// TestLiveLimitConcurrent: creations racing for the last free place get exactly one.
func TestLiveLimitConcurrent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range feedtoken.MaxLive - 1 {
		e.mustCreate(t, e.actors[adminA], e.a, "Kalender")
	}
	const racers = 16
	var wg sync.WaitGroup
	errs := make([]error, racers)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = e.s.Create(context.Background(), e.actors[adminA], e.a, "Kapplöpning")
		}()
	}
	wg.Wait()
	var won int
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case fault.Fields(err) == nil:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d of %d racers got the last place, want 1", won, racers)
	}
}

// TestLastUsed: using a link notes when, at most once a minute.
func TestLastUsed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	secret, _ := e.mustCreate(t, e.actors[bookerA], e.a, "Kalender")
	lastUsed := func() time.Time {
		list, err := e.s.List(ctx, e.actors[bookerA], e.a)
		if err != nil || len(list) != 1 || list[0].LastUsedAt == nil {
			t.Fatalf("List = %+v, %v; want one used link", list, err)
		}
		return *list[0].LastUsedAt
	}
	used := e.clock.Now()
	e.mustResolve(t, secret, e.a)
	e.clock.Advance(30 * time.Second)
	e.mustResolve(t, secret, e.a)
	if got := lastUsed(); !got.Equal(used) {
		t.Errorf("last used %v after a second use within the minute, want %v", got, used)
	}
	e.clock.Advance(31 * time.Second)
	e.mustResolve(t, secret, e.a)
	if got := lastUsed(); !got.Equal(e.clock.Now()) {
		t.Errorf("last used %v after a minute, want %v", got, e.clock.Now())
	}
}

// TestAudit: creating and revoking are recorded with the organisation, name and prefix,
// and the log holds neither the secret nor its hash.
func TestAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	secret, tok := e.mustCreate(t, e.actors[bookerA], e.a, "Kalender")
	if err := e.s.Revoke(ctx, e.actors[adminA], tok.ID); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Action string `bun:"action"`
		Actor  int64  `bun:"actor_user_id"`
		Org    int64  `bun:"organisation_id"`
		Object int64  `bun:"object_id"`
		JSON   string `bun:"j"`
	}
	err := e.db.NewSelect().Table("audit_log").Column("action", "actor_user_id", "organisation_id", "object_id").
		ColumnExpr("row_to_json(audit_log)::text AS j").Where("object_type = 'feed_token'").OrderExpr("id").Scan(ctx, &rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Action != "feed_token.create" || rows[1].Action != "feed_token.revoke" {
		t.Fatalf("audit rows %+v, want a create and a revoke", rows)
	}
	hash := sha256.Sum256([]byte(secret))
	for i, r := range rows {
		if r.Org != e.a || r.Object != tok.ID || r.Actor != e.actors[[]int{bookerA, adminA}[i]].UserID {
			t.Errorf("%s: organisation %d, object %d, actor %d", r.Action, r.Org, r.Object, r.Actor)
		}
		if !strings.Contains(r.JSON, tok.Prefix) || !strings.Contains(r.JSON, "Kalender") {
			t.Errorf("%s: neither name nor prefix in %s", r.Action, r.JSON)
		}
		for _, leak := range []string{secret[len(tok.Prefix):], hex.EncodeToString(hash[:]), base64.StdEncoding.EncodeToString(hash[:]), "token_hash"} {
			if strings.Contains(r.JSON, leak) {
				t.Errorf("%s: the audit row holds %q: %s", r.Action, leak, r.JSON)
			}
		}
	}
}

// TestCreatorDeleted: a link belongs to the organisation, so it outlives the account of the
// person who made it, who is then forgotten.
func TestCreatorDeleted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	secret, _ := e.mustCreate(t, e.actors[bookerA], e.a, "Kalender")
	if err := e.accounts.DeleteUser(ctx, access.System, e.actors[bookerA].UserID); err != nil {
		t.Fatal(err)
	}
	e.mustResolve(t, secret, e.a)
	list, err := e.s.List(ctx, e.actors[adminA], e.a)
	if err != nil || len(list) != 1 || list[0].CreatedBy != nil {
		t.Fatalf("List = %+v, %v; want the link, its maker forgotten", list, err)
	}
}
