-- People, their memberships of organisations, how they prove who they are (sessions, API
-- tokens, one-time links), login throttling, and the audit log.

CREATE TABLE users (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name                text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    phone               text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    -- PHC-formatted argon2id hash; NULL until the person sets a password (invited users).
    password_hash       text,
    city_admin          boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    password_changed_at timestamptz
);
-- One account per address, whatever its case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    user_id         bigint NOT NULL CONSTRAINT memberships_user_fkey REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL CONSTRAINT memberships_organisation_fkey REFERENCES organisations (id),
    role            text NOT NULL CHECK (role IN ('admin', 'booker')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation_idx ON memberships (organisation_id);

-- A session's id is a random token in a cookie; only its SHA-256 is stored.
CREATE TABLE sessions (
    id_hash      bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Personal API tokens: shown once, stored as SHA-256.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    token_hash   bytea NOT NULL CONSTRAINT api_tokens_hash_key UNIQUE,
    -- The token's first characters, so a person can tell tokens apart in a list.
    prefix       text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- One-time links: invitations to an organisation and password resets.
CREATE TABLE one_time_links (
    token_hash      bytea PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('invitation', 'password_reset')),
    user_id         bigint REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint REFERENCES organisations (id),
    role            text CHECK (role IN ('admin', 'booker')),
    email           text CHECK (length(email) <= 254),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    CONSTRAINT one_time_links_shape CHECK (
        (kind = 'invitation' AND organisation_id IS NOT NULL AND role IS NOT NULL AND email IS NOT NULL)
        OR (kind = 'password_reset' AND user_id IS NOT NULL))
);

-- Failed logins per key ('email:<address>' or 'ip:<address>'), for throttling.
CREATE TABLE login_failures (
    key           text PRIMARY KEY,
    failures      integer NOT NULL,
    first_failure timestamptz NOT NULL,
    locked_until  timestamptz
);

CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    -- NULL for anonymous actors, and once the person's account is deleted.
    actor_user_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    action          text NOT NULL,
    object_type     text NOT NULL DEFAULT '',
    object_id       bigint,
    -- The organisation the object belongs to, so an organisation keeps its history.
    organisation_id bigint REFERENCES organisations (id),
    before          jsonb,
    after           jsonb,
    ip              text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id);
