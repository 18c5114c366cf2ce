-- The generation of what a booking is checked against: a room, its venue, its rules, opening
-- hours, closures and parts. Every transaction that changes any of them counts it up once per
-- changed row, at commit, so that a reader sees the count and the rows of the same commit in
-- one snapshot. The booking service keeps the rooms it read, with the count it read them at,
-- and its write of a booking inserts nothing unless the count is still that
-- (internal/booking/create.go): a booking is never checked against settings older than the
-- ones its own statement sees.
CREATE TABLE booking_settings_generation (
    only_row boolean PRIMARY KEY DEFAULT true CONSTRAINT booking_settings_generation_one_row CHECK (only_row),
    n        bigint NOT NULL
);
INSERT INTO booking_settings_generation (only_row, n) VALUES (true, 1);

CREATE FUNCTION booking_settings_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE booking_settings_generation SET n = n + 1;
    RETURN NULL;
END
$$;

-- Deferred to commit, when the transaction takes no other lock after it: two transactions
-- changing settings in different orders wait for each other's commit, never deadlock on
-- the counter.
CREATE CONSTRAINT TRIGGER rooms_settings_changed AFTER INSERT OR UPDATE OR DELETE ON rooms
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();
CREATE CONSTRAINT TRIGGER venues_settings_changed AFTER INSERT OR UPDATE OR DELETE ON venues
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();
CREATE CONSTRAINT TRIGGER booking_rules_settings_changed AFTER INSERT OR UPDATE OR DELETE ON booking_rules
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();
CREATE CONSTRAINT TRIGGER room_opening_hours_settings_changed AFTER INSERT OR UPDATE OR DELETE ON room_opening_hours
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();
CREATE CONSTRAINT TRIGGER closures_settings_changed AFTER INSERT OR UPDATE OR DELETE ON closures
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();
CREATE CONSTRAINT TRIGGER room_parts_settings_changed AFTER INSERT OR UPDATE OR DELETE ON room_parts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION booking_settings_changed();

-- TRUNCATE has no row triggers; it counts up at once.
CREATE TRIGGER rooms_settings_truncated AFTER TRUNCATE ON rooms FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
CREATE TRIGGER venues_settings_truncated AFTER TRUNCATE ON venues FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
CREATE TRIGGER booking_rules_settings_truncated AFTER TRUNCATE ON booking_rules FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
CREATE TRIGGER room_opening_hours_settings_truncated AFTER TRUNCATE ON room_opening_hours FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
CREATE TRIGGER closures_settings_truncated AFTER TRUNCATE ON closures FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
CREATE TRIGGER room_parts_settings_truncated AFTER TRUNCATE ON room_parts FOR EACH STATEMENT EXECUTE FUNCTION booking_settings_changed();
