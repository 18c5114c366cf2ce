-- Single sign-on (OpenID Connect). A person signed in through a provider is known by the
-- provider's issuer and subject, which never change, not by an e-mail address, which can.
CREATE TABLE user_identities (
    issuer        text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
    subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id       bigint NOT NULL CONSTRAINT user_identities_user_fkey REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    last_login_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- A sign-in under way: made when the browser is sent to the provider, deleted when it comes
-- back (used once, whatever the outcome) or when it expires. Only the SHA-256 of the state
-- and of the browser's cookie are kept; the nonce and PKCE verifier are needed in clear.
CREATE TABLE oidc_logins (
    state_hash   bytea PRIMARY KEY,
    browser_hash bytea NOT NULL,
    nonce        text NOT NULL,
    verifier     text NOT NULL,
    next         text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

-- The ID token of a session made by single sign-on: sent back to the provider as
-- id_token_hint when the person signs out (RP-initiated logout). NULL for password logins.
ALTER TABLE sessions ADD COLUMN id_token text;
