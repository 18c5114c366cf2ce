-- Holds integrity: the database itself guarantees that a booking that holds its room
-- (pending or confirmed) has exactly one hold per atom of its room, each over the booking's
-- span, and that a booking that does not (rejected, cancelled) has none. The exclusion
-- constraint on booking_holds only protects the holds that exist; without this, a writer
-- that forgot the holds, or placed them for atoms read before a concurrent change of the
-- room's parts, would leave a booking that blocks nothing.
--
-- The checks are deferred constraint triggers: the service writes a booking first and its
-- holds after it, so a check can only be right once the transaction is done.
--
-- Which SQLSTATE. A booking whose holds all have its span but sit on another set of atoms
-- than room_atoms(room) returns now is what a booking looks like when its transaction read
-- the room's atoms before a concurrent change of room_parts committed. Run again, the
-- transaction reads the new atoms and either holds them or reports a clash, so that case
-- raises 40001 (serialization_failure), which database.InTx retries. Everything else — an
-- active booking without holds, a hold with another span, holds left on a cancelled or
-- rejected booking — cannot be cured by running again: it raises 23514 (check_violation)
-- naming the constraint booking_holds_match, which the service reports as an internal error.
--
-- What is covered, for writers that bypass the service:
-- * bookings inserted, or updated in status, time or room: checked (the trigger on bookings);
-- * holds deleted or changed: their booking is checked again (the trigger on booking_holds);
-- * room_parts changed: every booking of the rooms whose atoms changed that has not ended is
--   checked, and a cycle of parts is refused (the trigger on room_parts).
-- What is not: a hold inserted for an active booking that is not otherwise touched (an
-- extra hold on a foreign atom). Checking every hold insert would run the check once more per
-- atom of every new booking, doubling its cost on the hot path, for a mistake that only blocks
-- too much time and never lets two bookings overlap. Bookings that have ended are not
-- re-checked when parts change (their holds record what they held), so a raw change of the
-- status or time of such a booking after its room's parts changed fails until its holds are
-- rebuilt.

-- check_booking_holds raises when the booking's holds do not match what it must hold now;
-- a booking that no longer exists passes. One query: the booking by its key, its holds by
-- the key's prefix, and for an active booking its room's atoms.
CREATE FUNCTION check_booking_holds(booking bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    active boolean;
    n bigint;
    wrong_span bigint;
    held bigint[];
    want bigint[];
BEGIN
    SELECT b.status IN ('pending', 'confirmed'), count(h.atom_room_id),
           count(h.atom_room_id) FILTER (WHERE h.span <> b.span),
           coalesce(array_agg(h.atom_room_id ORDER BY h.atom_room_id) FILTER (WHERE h.atom_room_id IS NOT NULL), '{}'),
           CASE WHEN b.status IN ('pending', 'confirmed')
                THEN ARRAY(SELECT a FROM room_atoms(b.room_id) AS a ORDER BY a) END
      INTO active, n, wrong_span, held, want
      FROM bookings b LEFT JOIN booking_holds h ON h.booking_id = b.id
     WHERE b.id = booking
     GROUP BY b.id;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF NOT active AND n > 0 THEN
        RAISE EXCEPTION 'booking % does not hold its room but has % hold(s)', booking, n
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_holds_match', TABLE = 'booking_holds';
    END IF;
    IF active AND (n = 0 OR wrong_span > 0) THEN
        RAISE EXCEPTION 'booking % holds its room but has % hold(s), % of them over another span', booking, n, wrong_span
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_holds_match', TABLE = 'booking_holds';
    END IF;
    IF active AND held <> want THEN
        RAISE EXCEPTION 'booking % holds atoms % but its room occupies %', booking, held, want
            USING ERRCODE = 'serialization_failure', CONSTRAINT = 'booking_holds_match', TABLE = 'booking_holds',
                  HINT = 'The room''s parts changed after the booking read them: run the transaction again. '
                      || 'If room_parts was changed by hand, set the parts through the service, which rebuilds the holds.';
    END IF;
END
$$;

CREATE FUNCTION bookings_holds_match() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM check_booking_holds(NEW.id);
    RETURN NULL;
END
$$;

-- Only the columns that decide what a booking holds fire it: a change of title or revision
-- (or a future backfill of a new column) costs nothing.
CREATE CONSTRAINT TRIGGER bookings_holds_match
    AFTER INSERT OR UPDATE OF status, starts_at, ends_at, room_id ON bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION bookings_holds_match();

CREATE FUNCTION booking_holds_match() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM check_booking_holds(OLD.booking_id);
    IF TG_OP = 'UPDATE' AND NEW.booking_id <> OLD.booking_id THEN
        PERFORM check_booking_holds(NEW.booking_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER booking_holds_match
    AFTER UPDATE OR DELETE ON booking_holds
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION booking_holds_match();

-- room_parts_holds_match refuses a cycle of parts (room_atoms would find no atom in it) and
-- checks the bookings of the changed whole and of every room containing it that have not
-- ended. "Not ended" is a minute after the transaction's start, not at it: the service
-- rebuilds the holds of bookings not ended by its own clock, and a clock on another host a
-- little ahead must not leave a booking that ends in between checked but not rebuilt.
CREATE FUNCTION room_parts_holds_match() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    whole bigint;
BEGIN
    IF TG_OP <> 'DELETE' AND EXISTS (
        WITH RECURSIVE down (id) AS (
            SELECT NEW.part_id
            UNION
            SELECT p.part_id FROM room_parts p JOIN down d ON p.whole_id = d.id
        )
        SELECT 1 FROM down WHERE id = NEW.whole_id
    ) THEN
        RAISE EXCEPTION 'room % cannot be a part of room %, which it contains', NEW.part_id, NEW.whole_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'room_parts_no_cycle', TABLE = 'room_parts';
    END IF;
    FOREACH whole IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.whole_id]
                                      WHEN 'DELETE' THEN ARRAY[OLD.whole_id]
                                      ELSE ARRAY[OLD.whole_id, NEW.whole_id] END LOOP
        PERFORM check_booking_holds(b.id)
           FROM bookings b
          WHERE b.room_id IN (
                    WITH RECURSIVE up (id) AS (
                        SELECT whole
                        UNION
                        SELECT p.whole_id FROM room_parts p JOIN up u ON p.part_id = u.id
                    )
                    SELECT id FROM up)
            AND b.status IN ('pending', 'confirmed')
            AND b.span && tstzrange(now() + interval '1 minute', NULL);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER room_parts_holds_match
    AFTER INSERT OR UPDATE OR DELETE ON room_parts
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION room_parts_holds_match();
