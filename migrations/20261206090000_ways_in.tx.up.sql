-- Ways in and what people are told: each person's message settings, the tokens of the
-- unsubscribe links in mail, and an index for the invitations waiting for an address.

-- A person's choices about messages. No row means the defaults: Swedish, no reminders before
-- bookings, and each topic at its default (see internal/preference). Essential messages
-- (password resets, invitations, decisions on one's own requests) are not topics: they are
-- always sent.
CREATE TABLE person_settings (
    user_id          bigint PRIMARY KEY CONSTRAINT person_settings_user_fkey REFERENCES users (id) ON DELETE CASCADE,
    lang             text NOT NULL DEFAULT 'sv' CONSTRAINT person_settings_lang_check CHECK (lang IN ('sv', 'en')),
    -- How long before a booking the person is reminded of it; NULL: no reminders (the default).
    reminder_minutes integer CONSTRAINT person_settings_reminder_check CHECK (reminder_minutes BETWEEN 15 AND 10080),
    -- topic -> wanted, for the topics the person has chosen differently from the default.
    topics           jsonb NOT NULL DEFAULT '{}' CONSTRAINT person_settings_topics_check CHECK (jsonb_typeof(topics) = 'object'),
    updated_at       timestamptz NOT NULL
);

-- The secret of an unsubscribe link (/avregistrera/{token}), one per message that carries
-- one; only its SHA-256 is kept. Using it turns the topic off for the person, without login.
CREATE TABLE unsubscribe_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    bigint NOT NULL CONSTRAINT unsubscribe_tokens_user_fkey REFERENCES users (id) ON DELETE CASCADE,
    topic      text NOT NULL CONSTRAINT unsubscribe_tokens_topic_check CHECK (length(topic) BETWEEN 1 AND 64),
    created_at timestamptz NOT NULL
);
CREATE INDEX unsubscribe_tokens_created_idx ON unsubscribe_tokens (created_at);

-- The to-do page asks on every visit which invitations wait for the person's address.
CREATE INDEX one_time_links_invited_idx ON one_time_links (lower(email)) WHERE kind = 'invitation' AND used_at IS NULL;
-- Kept reset links are looked up per person, to limit how many are sent.
CREATE INDEX one_time_links_user_idx ON one_time_links (user_id) WHERE user_id IS NOT NULL;
