-- Ways in and what people are told: the rest of each person's message settings (beside
-- users.lang and users.mail_org_bookings), and indexes for the invitations waiting for an
-- address and for the reset links kept per person.

ALTER TABLE users
    -- The kinds of non-essential message (notify.Message.Kind) the person does not want:
    -- turned off on the settings page or with the unsubscribe link such a message carries.
    ADD COLUMN mail_off text[] NOT NULL DEFAULT '{}'
        CONSTRAINT users_mail_off_check CHECK (cardinality(mail_off) <= 50),
    -- How long before a booking the person is reminded of it; NULL: never (the default).
    ADD COLUMN reminder_minutes integer
        CONSTRAINT users_reminder_minutes_check CHECK (reminder_minutes BETWEEN 15 AND 10080);

-- The to-do page asks on every visit which invitations wait for the person's address.
CREATE INDEX one_time_links_invited_idx ON one_time_links (lower(email)) WHERE kind = 'invitation' AND used_at IS NULL;
-- Reset links are looked up per person, to send at most one per address in a while.
CREATE INDEX one_time_links_user_idx ON one_time_links (user_id) WHERE user_id IS NOT NULL;

-- The language the applicant used, for the messages about their request to join.
ALTER TABLE join_requests
    ADD COLUMN lang text NOT NULL DEFAULT 'sv' CONSTRAINT join_requests_lang_check CHECK (lang IN ('sv', 'en'));
