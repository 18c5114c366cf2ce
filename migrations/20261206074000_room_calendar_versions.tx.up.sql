-- A version per room's calendar, counted up by the transaction that changes what the room's
-- feed shows, so that a feed's conditional GET reads a few rows instead of the feed's
-- bookings (internal/booking/calendar_read.go, FindCalendarVersion).
--
-- Why. The version was read by counting and summing the revisions of every booking the feed
-- holds (its whole window, 21 months): 5.8 ms of PostgreSQL CPU per 304 for a room of 1 000
-- bookings at 1 M bookings (cmd/loadtest), against the issue's target of 2 ms. The rows it
-- read grow with the room's use, not with what changed.
--
-- What counts a room up: a booking inserted, updated or deleted in it (for an update, the
-- room it leaves as well); and, since a room's feed holds every occurrence of its series
-- wherever one was moved, the room of the booking's series; a series inserted, updated or
-- deleted. Names and addresses (rooms, venues, organisations) are not counted here: the
-- version query takes their latest updated_at, through the updated_at indexes below.
--
-- Deferred to commit, as booking_settings_generation is: the row is locked from the
-- commit's trigger to the commit's end only, so two bookings of one room at other times wait
-- for each other's commit, not for each other's whole transaction. Two transactions that
-- change two rooms in opposite orders can deadlock; PostgreSQL aborts one, and
-- database.InTx runs it again.
CREATE TABLE room_calendar_versions (
    room_id    bigint PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    version    bigint NOT NULL CHECK (version > 0),
    changed_at timestamptz NOT NULL
);

INSERT INTO room_calendar_versions (room_id, version, changed_at)
SELECT room_id, count(*), max(updated_at) FROM (
    SELECT room_id, updated_at FROM bookings
    UNION ALL
    SELECT room_id, updated_at FROM booking_series
) AS changes
GROUP BY room_id;

-- The room's calendar changed: count it up. changed_at is the commit's clock, not the
-- transaction's start, so that Last-Modified never goes back behind a reader's copy. A room
-- deleted in the same transaction (after its bookings) has no calendar left to count.
CREATE FUNCTION room_calendar_changed(room bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO room_calendar_versions AS c (room_id, version, changed_at)
    SELECT room, 1, clock_timestamp() WHERE EXISTS (SELECT 1 FROM rooms WHERE id = room)
    ON CONFLICT (room_id) DO UPDATE SET version = c.version + 1, changed_at = greatest(c.changed_at, excluded.changed_at)
$$;

CREATE FUNCTION bookings_calendar_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed bookings;
    series_room bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    PERFORM room_calendar_changed(changed.room_id);
    IF TG_OP = 'UPDATE' AND OLD.room_id <> NEW.room_id THEN
        PERFORM room_calendar_changed(OLD.room_id);
    END IF;
    IF changed.series_id IS NOT NULL THEN
        SELECT se.room_id INTO series_room FROM booking_series se WHERE se.id = changed.series_id;
        IF series_room <> changed.room_id THEN
            PERFORM room_calendar_changed(series_room);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER bookings_calendar_changed AFTER INSERT OR UPDATE OR DELETE ON bookings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bookings_calendar_changed();

CREATE FUNCTION booking_series_calendar_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM room_calendar_changed(NEW.room_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.room_id <> NEW.room_id) THEN
        PERFORM room_calendar_changed(OLD.room_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER booking_series_calendar_changed AFTER INSERT OR UPDATE OR DELETE ON booking_series
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_series_calendar_changed();

-- The latest change to any name or address a feed shows, one index entry each.
CREATE INDEX rooms_updated_idx ON rooms (updated_at);
CREATE INDEX venues_updated_idx ON venues (updated_at);
CREATE INDEX organisations_updated_idx ON organisations (updated_at);

-- A room's (or venue's) series, found by room: the feeds' series of the scope, which read
-- every series' occurrences through bookings_series_occurrence_key without it.
CREATE INDEX booking_series_room_idx ON booking_series (room_id);

-- The bookings of a time window in any room (GET /api/v1/bookings?from=&to=, a city
-- administrator's list): with only (room_id, span), PostgreSQL walked the GiST under every
-- room id for a condition on span alone, about 25 ms at 1.1 M bookings and growing with the
-- table. TestReadsUseIndexes fails on any index of bookings scanned with no condition on its
-- first column.
CREATE INDEX bookings_span_idx ON bookings USING gist (span);
