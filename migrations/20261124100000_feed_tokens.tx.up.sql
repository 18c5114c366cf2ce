-- Private calendar feeds: each token lets a calendar app read one organisation's bookings
-- with their details at /calendar/private/{secret}.ics. Like API tokens, the secret is
-- shown once and only its SHA-256 is kept, so a leaked database does not leak the feeds.
CREATE TABLE feed_tokens (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL CONSTRAINT feed_tokens_organisation_fkey REFERENCES organisations (id),
    name            text NOT NULL CONSTRAINT feed_tokens_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    token_hash      bytea NOT NULL CONSTRAINT feed_tokens_hash_key UNIQUE,
    -- The secret's first characters, so that members can tell their links apart.
    prefix          text NOT NULL,
    -- Who made it; the link keeps working when that person's account is deleted, since it
    -- belongs to the organisation.
    created_by      bigint CONSTRAINT feed_tokens_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX feed_tokens_organisation_idx ON feed_tokens (organisation_id, created_at DESC);
