-- Meetings of the Compact: series (the council, dialogue and FRÖ meetings, the annual general
-- meeting, networks), their meetings and the organisations invited to them with their replies.

CREATE TABLE meeting_series (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind               text NOT NULL CONSTRAINT meeting_series_kind_check
                       CHECK (kind IN ('samrad', 'dialogue', 'fro', 'stormote', 'network', 'other')),
    name               text COLLATE sv NOT NULL CONSTRAINT meeting_series_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    organiser_id       bigint NOT NULL CONSTRAINT meeting_series_organiser_fkey REFERENCES organisations (id),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    public             boolean NOT NULL,
    -- true: every meeting invites the organisations that have currently signed the Compact
    -- when it is created; false: the organisations in meeting_series_invitees.
    invite_signatories boolean NOT NULL DEFAULT false,
    revision           integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX meeting_series_organiser_idx ON meeting_series (organiser_id);

-- The organisations a series invites by default, when it does not invite the signatories.
CREATE TABLE meeting_series_invitees (
    series_id       bigint NOT NULL REFERENCES meeting_series (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (series_id, organisation_id)
);

-- A meeting takes place in exactly one of: a room, through a booking made by the booking
-- rules (booking_id, with its room_id), an outside address, or an online link. A meeting in a
-- room keeps its time and room equal to its booking's, and is cancelled exactly when its
-- booking no longer holds the room: meetings_follow_booking carries every change of the
-- booking to the meeting, and meetings_match_booking refuses at commit any state in which
-- they differ, whoever made the change.
CREATE TABLE meetings (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id     bigint NOT NULL CONSTRAINT meetings_series_fkey REFERENCES meeting_series (id),
    title         text NOT NULL CONSTRAINT meetings_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    booking_id    bigint CONSTRAINT meetings_booking_key UNIQUE CONSTRAINT meetings_booking_fkey REFERENCES bookings (id),
    room_id       bigint REFERENCES rooms (id),
    address       text CHECK (length(btrim(address)) BETWEEN 1 AND 500),
    online_url    text CONSTRAINT meetings_online_url_check CHECK (online_url ~* '^https?://[^\s/]+' AND length(online_url) <= 500),
    agenda        text NOT NULL DEFAULT '' CHECK (length(agenda) <= 20000),
    status        text NOT NULL CONSTRAINT meetings_status_check CHECK (status IN ('planned', 'cancelled')),
    status_reason text NOT NULL DEFAULT '' CHECK (length(status_reason) <= 2000),
    revision      integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT meetings_order_check CHECK (ends_at > starts_at),
    CONSTRAINT meetings_place_check CHECK (num_nonnulls(booking_id, address, online_url) = 1),
    CONSTRAINT meetings_room_check CHECK ((booking_id IS NULL) = (room_id IS NULL))
);
CREATE INDEX meetings_series_idx ON meetings (series_id, starts_at);
CREATE INDEX meetings_starts_idx ON meetings (starts_at);

-- An organisation invited to a meeting, and its reply: whether it comes and with how many.
-- A reply is a column of the invitation, so an organisation that was not invited has
-- nowhere to put one. No person is listed.
CREATE TABLE meeting_invitations (
    meeting_id      bigint NOT NULL REFERENCES meetings (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    attending       boolean,
    participants    integer CHECK (participants BETWEEN 0 AND 10000),
    replied_at      timestamptz,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, organisation_id),
    CONSTRAINT meeting_invitations_reply_check CHECK ((attending IS NULL) = (replied_at IS NULL)
        AND (attending IS NOT NULL OR participants IS NULL)
        AND (attending IS NOT FALSE OR participants = 0))
);
CREATE INDEX meeting_invitations_organisation_idx ON meeting_invitations (organisation_id);

-- A change of a meeting's booking made through the booking routes (moved, moved to another
-- room, cancelled, rejected) is the meeting's change too: its time and room follow, it is
-- cancelled when the booking stops holding the room, and its revision grows so that
-- subscribed calendars update. A change the meeting service made itself has already been
-- written to the meeting, finds nothing different, and writes nothing.
CREATE FUNCTION meetings_follow_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings m
    SET starts_at = NEW.starts_at, ends_at = NEW.ends_at, room_id = NEW.room_id,
        status = CASE WHEN NEW.status IN ('pending', 'confirmed') THEN m.status ELSE 'cancelled' END,
        revision = m.revision + 1, updated_at = NEW.updated_at
    WHERE m.booking_id = NEW.id
      AND ((m.starts_at, m.ends_at, m.room_id) IS DISTINCT FROM (NEW.starts_at, NEW.ends_at, NEW.room_id)
           OR (NEW.status NOT IN ('pending', 'confirmed') AND m.status = 'planned'));
    RETURN NULL;
END
$$;

CREATE TRIGGER bookings_meetings_follow AFTER UPDATE OF starts_at, ends_at, room_id, status ON bookings
    FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at
        OR OLD.room_id IS DISTINCT FROM NEW.room_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION meetings_follow_booking();

-- At commit, a meeting in a room has its booking's time and room, and is planned exactly when
-- the booking holds the room. The meeting is read again rather than taken from NEW: a later
-- change in the same transaction may have set it right.
CREATE FUNCTION meetings_match_booking() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m meetings;
BEGIN
    SELECT * INTO m FROM meetings WHERE id = NEW.id;
    IF m.booking_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = m.booking_id
            AND b.starts_at = m.starts_at AND b.ends_at = m.ends_at AND b.room_id = m.room_id
            AND (b.status IN ('pending', 'confirmed')) = (m.status = 'planned')) THEN
        RAISE EXCEPTION 'meeting % differs from its booking %', m.id, m.booking_id
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'meetings_match_booking';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER meetings_match_booking AFTER INSERT OR UPDATE ON meetings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meetings_match_booking();
