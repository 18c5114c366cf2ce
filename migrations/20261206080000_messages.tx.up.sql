-- The outbox: every e-mail Lokalbanken decides to send, written in the same transaction as
-- the change that causes it (internal/notify). A river job (river_job, created by River's own
-- migrations, run by database.Migrate) delivers it; without SMTP configured no job is made and
-- the message is only kept, for city administrators to read.
--
-- dedupe_key names the change ("booking:12:decided:3"); together with the recipient it is
-- unique, so a change that is retried or replayed never queues the same message twice.
CREATE TABLE messages (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,62}$'),
    dedupe_key        text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
    -- The person the message is for, when it is one with an account; the log per person.
    user_id           bigint CONSTRAINT messages_user_fkey REFERENCES users (id) ON DELETE SET NULL,
    to_address        text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    lang              text NOT NULL CHECK (lang IN ('sv', 'en')),
    subject           text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    text_body         text NOT NULL,
    html_body         text NOT NULL,
    -- [{"name", "content_type", "data" (base64)}]; a text/calendar one with a method is also
    -- sent as an alternative part, so that calendars show it as an invitation.
    attachments       jsonb NOT NULL DEFAULT '[]',
    -- Essential messages (a decision on one's own booking, a password reset) carry no
    -- unsubscribe link; the others carry one that works without login.
    essential         boolean NOT NULL,
    unsubscribe_token text CONSTRAINT messages_unsubscribe_token_key UNIQUE,
    created_at        timestamptz NOT NULL,
    -- Set in the transaction that completes the delivery job, after the SMTP server accepted it.
    sent_at           timestamptz,
    attempts          integer NOT NULL DEFAULT 0,
    last_error        text NOT NULL DEFAULT '',
    CONSTRAINT messages_unsubscribe_check CHECK (essential = (unsubscribe_token IS NULL))
);
CREATE UNIQUE INDEX messages_dedupe_key ON messages (dedupe_key, lower(to_address));
CREATE INDEX messages_user_idx ON messages (user_id, id) WHERE user_id IS NOT NULL;
CREATE INDEX messages_created_idx ON messages (created_at);

-- Per person: the language of their messages (Swedish by default), and whether an
-- organisation admin also gets the decisions on the bookings others made for the
-- organisation (off by default).
ALTER TABLE users
    ADD COLUMN lang text NOT NULL DEFAULT 'sv' CHECK (lang IN ('sv', 'en')),
    ADD COLUMN mail_org_bookings boolean NOT NULL DEFAULT false;
