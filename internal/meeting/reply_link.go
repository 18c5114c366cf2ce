package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrReplyLinkInvalid: the reply link is unknown, its meeting has ended, or its person may
// no longer answer for any organisation invited to it.
var ErrReplyLinkInvalid = fault.New(fault.NotFound, "reply_link_invalid")

// replyLink is a row of meeting_reply_links.
type replyLink struct {
	bun.BaseModel `bun:"table:meeting_reply_links,alias:rl"`

	TokenHash []byte    `bun:"token_hash,pk"`
	MeetingID int64     `bun:"meeting_id,notnull"`
	UserID    int64     `bun:"user_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// NewReplyLink makes the secret of a link with which the person answers the invitation to
// the meeting, in tx (the transaction that composes their invitation mail), and returns it
// for the mail; only its hash is kept. The link names the person, not an organisation: what
// they may answer for is read when they use it.
func NewReplyLink(ctx context.Context, tx bun.IDB, meetingID, userID int64, now time.Time) (string, error) {
	secret, hash := credential.New()
	l := &replyLink{TokenHash: hash, MeetingID: meetingID, UserID: userID, CreatedAt: now}
	if _, err := tx.NewInsert().Model(l).Exec(ctx); err != nil {
		return "", fmt.Errorf("make reply link of meeting %d: %w", meetingID, err)
	}
	return secret, nil
}

// ReplyLink is what a reply link lets its person do: answer for the invited organisations
// they are an admin or booker of now (Invitations, by name, with the replies so far).
type ReplyLink struct {
	Meeting     Meeting
	Invitations []Invitation
	// Actor is the person with their roles and without city administration: the link acts
	// for them in these replies only.
	Actor access.Actor
}

// FindReplyLink returns what the link with the secret lets its person answer, as seen from
// ip, or ErrReplyLinkInvalid. Reading it changes nothing, so a mail scanner that follows
// the link answers nothing.
func (s *Service) FindReplyLink(ctx context.Context, secret, ip string) (*ReplyLink, error) {
	db := s.db
	var l replyLink
	err := db.NewSelect().Model(&l).Where("rl.token_hash = ?", credential.Hash(secret)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrReplyLinkInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("find reply link: %w", err)
	}
	rl := &ReplyLink{Actor: access.Actor{UserID: l.UserID, Roles: map[int64]access.Role{}, IP: ip}}
	if err := db.NewSelect().Model(&rl.Meeting).Where("m.id = ?", l.MeetingID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("find meeting of reply link: %w", err)
	}
	if !rl.Meeting.EndsAt.After(s.now()) {
		return nil, ErrReplyLinkInvalid
	}
	var roles []struct {
		OrganisationID int64       `bun:"organisation_id"`
		Role           access.Role `bun:"role"`
	}
	if err := db.NewRaw(`SELECT organisation_id, role FROM memberships WHERE user_id = ?`, l.UserID).Scan(ctx, &roles); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find roles of reply link's person: %w", err)
	}
	for _, r := range roles {
		rl.Actor.Roles[r.OrganisationID] = r.Role
	}
	all, err := invitations(ctx, db, l.MeetingID)
	if err != nil {
		return nil, err
	}
	for _, inv := range all {
		if access.Check(rl.Actor, access.ReplyMeeting, inv.OrganisationID) == nil {
			rl.Invitations = append(rl.Invitations, inv)
		}
	}
	if len(rl.Invitations) == 0 {
		return nil, ErrReplyLinkInvalid
	}
	return rl, nil
}

// ReplyByLink records the answer of the link's person for in.OrganisationID, one of the
// organisations FindReplyLink names, as Reply does for a signed-in person (the audit log
// names the person). It returns ErrReplyLinkInvalid, ErrCancelled, and Reply's field errors
// (organisation_id for an organisation the link does not answer for).
func (s *Service) ReplyByLink(ctx context.Context, secret, ip string, in ReplyInput) (*Invitation, error) {
	rl, err := s.FindReplyLink(ctx, secret, ip)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(rl.Invitations, func(inv Invitation) bool { return inv.OrganisationID == in.OrganisationID }) {
		return nil, errNotInvited
	}
	return s.Reply(ctx, rl.Actor, rl.Meeting.ID, in)
}

// PurgeReplyLinks deletes the reply links of meetings that have ended, which no longer
// work, and returns how many went.
func (s *Service) PurgeReplyLinks(ctx context.Context) (int64, error) {
	res, err := s.db.NewDelete().Model((*replyLink)(nil)).
		Where("meeting_id IN (SELECT id FROM meetings WHERE ends_at <= ?)", s.now()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge reply links: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
