-- A signed link in a meeting invitation's mail, with which the person it was sent to answers
-- for their organisations without signing in. Only the secret's SHA-256 is kept. The link
-- works while the meeting has not ended and only for invited organisations the person is
-- still an admin or booker of (read when it is used, not when it was sent).
CREATE TABLE meeting_reply_links (
    token_hash  bytea PRIMARY KEY,
    meeting_id  bigint NOT NULL CONSTRAINT meeting_reply_links_meeting_fkey REFERENCES meetings (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL CONSTRAINT meeting_reply_links_user_fkey REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL
);
CREATE INDEX meeting_reply_links_meeting_idx ON meeting_reply_links (meeting_id);
CREATE INDEX meeting_reply_links_user_idx ON meeting_reply_links (user_id);
