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
-- Counted once per statement and room, from the statement's transition tables, rooms in
-- id order: a series of 200 occurrences counts its room up once, and a bulk insert of a
-- million bookings (cmd/loadtest's seeding) once per room. A trigger per row, deferred to
-- commit, updated one counter row a thousand times in one transaction, and each update
-- walked the row's chain of versions that the transaction itself had made: the seeding's
-- commit ran for minutes. The counter row stays locked until the commit, so two bookings of
-- one room wait for each other's commit; the fast booking path is one statement, its own
-- transaction. Two transactions that change two rooms in opposite orders, in two
-- statements each, can deadlock; PostgreSQL aborts one, and database.InTx runs it again.
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

-- The rooms' calendars changed: count each up. changed_at is the clock when the statement
-- ran, not the transaction's start, so that Last-Modified does not go back far behind a
-- reader's copy. A room deleted in the same transaction has no calendar left to count.
CREATE FUNCTION room_calendars_changed(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO room_calendar_versions AS c (room_id, version, changed_at)
    SELECT r.id, 1, clock_timestamp() FROM rooms r WHERE r.id = ANY (ids) ORDER BY r.id
    ON CONFLICT (room_id) DO UPDATE SET version = c.version + 1, changed_at = greatest(c.changed_at, excluded.changed_at)
$$;

-- A statement on bookings changes the rooms of the rows it wrote or removed (both, for an
-- update that moved one), and the rooms of their series.
CREATE FUNCTION bookings_calendar_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM room_calendars_changed(ARRAY(
            SELECT room_id FROM new_rows
            UNION SELECT se.room_id FROM booking_series se WHERE se.id IN (SELECT series_id FROM new_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM room_calendars_changed(ARRAY(
            SELECT room_id FROM new_rows UNION SELECT room_id FROM old_rows
            UNION SELECT se.room_id FROM booking_series se WHERE se.id IN (SELECT series_id FROM new_rows)));
    ELSE
        PERFORM room_calendars_changed(ARRAY(
            SELECT room_id FROM old_rows
            UNION SELECT se.room_id FROM booking_series se WHERE se.id IN (SELECT series_id FROM old_rows)));
    END IF;
    RETURN NULL;
END
$$;

-- PostgreSQL allows transition tables on a trigger of one event only: three triggers.
CREATE TRIGGER bookings_inserted_calendar AFTER INSERT ON bookings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_calendar_changed();
CREATE TRIGGER bookings_updated_calendar AFTER UPDATE ON bookings
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_calendar_changed();
CREATE TRIGGER bookings_deleted_calendar AFTER DELETE ON bookings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_calendar_changed();

CREATE FUNCTION booking_series_calendar_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM room_calendars_changed(ARRAY(SELECT room_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM room_calendars_changed(ARRAY(SELECT room_id FROM new_rows UNION SELECT room_id FROM old_rows));
    ELSE
        PERFORM room_calendars_changed(ARRAY(SELECT room_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_series_inserted_calendar AFTER INSERT ON booking_series
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION booking_series_calendar_changed();
CREATE TRIGGER booking_series_updated_calendar AFTER UPDATE ON booking_series
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION booking_series_calendar_changed();
CREATE TRIGGER booking_series_deleted_calendar AFTER DELETE ON booking_series
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION booking_series_calendar_changed();

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
