-- Changes to bookings that people are told about, written by the change's own transaction
-- (in the one statement of a one-off booking's fast path, too), and taken out by the outbox's
-- relay, which turns each into a job that composes the messages (internal/notify,
-- internal/bookingmail). A row lives from the change's commit until the relay's, about a
-- second: a queue's own table would cost each booking request a second statement (River's
-- insert); this costs it one more row in the statement it already runs.
CREATE TABLE booking_changes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('requested', 'approved', 'rejected', 'cancelled', 'moved')),
    booking_id    bigint,
    series_id     bigint,
    booking_ids   bigint[] NOT NULL DEFAULT '{}',
    actor_user_id bigint,
    created_at    timestamptz NOT NULL,
    CHECK ((booking_id IS NULL) <> (series_id IS NULL))
);
