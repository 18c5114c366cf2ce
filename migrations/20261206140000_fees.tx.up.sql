-- Fees (issue 17, item 3). A room's price list (tariff): per hour or per occasion, a price
-- per kind of organisation in öre, optionally free for the Compact's current signatories.
-- A room without a tariff is free.
CREATE TABLE room_tariffs (
    room_id              bigint PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    unit                 text NOT NULL CHECK (unit IN ('hour', 'occasion')),
    free_for_signatories boolean NOT NULL DEFAULT false,
    description          text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    revision             integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE TABLE room_tariff_prices (
    room_id    bigint NOT NULL REFERENCES room_tariffs (room_id) ON DELETE CASCADE,
    org_kind   text NOT NULL CHECK (org_kind IN ('city', 'association', 'other')),
    amount_ore bigint NOT NULL CHECK (amount_ore BETWEEN 0 AND 100000000),
    PRIMARY KEY (room_id, org_kind)
);

-- The fee is copied onto each booking when it is made, so that a later change of the
-- tariff does not change it: the amount in öre, the currency, the rate and unit it was
-- computed from and the tariff's description. fee_unit NULL: no tariff applied (free).
ALTER TABLE bookings
    ADD COLUMN fee_ore         bigint NOT NULL DEFAULT 0 CHECK (fee_ore >= 0),
    ADD COLUMN fee_currency    text NOT NULL DEFAULT 'SEK' CHECK (fee_currency = 'SEK'),
    ADD COLUMN fee_unit        text CHECK (fee_unit IN ('hour', 'occasion')),
    ADD COLUMN fee_rate_ore    bigint NOT NULL DEFAULT 0 CHECK (fee_rate_ore >= 0),
    ADD COLUMN fee_description text NOT NULL DEFAULT '';

-- booking_fee is the one statement of what organisation org pays for booking room over
-- [starts, ends): all NULL when the room has no tariff; else the rate of the organisation's
-- kind, 0 for the room's owner (it does not pay itself) and, when the tariff says so, for a
-- current signatory of the active Compact. Per hour the rate is charged for the booking's
-- real duration (an hour is an hour: a booking across the night the clocks change is
-- charged for the time that passed, not the wall-clock difference), rounded to whole öre
-- (half away from zero); per occasion it is the rate. The booking form's quote and the
-- copy onto bookings (bookings_fee) both read it.
CREATE FUNCTION booking_fee(p_room bigint, p_org bigint, p_starts timestamptz, p_ends timestamptz,
    OUT amount_ore bigint, OUT rate_ore bigint, OUT unit text, OUT description text, OUT free_reason text)
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN f.reason IS NOT NULL THEN 0
                WHEN t.unit = 'hour' THEN round(coalesce(p.amount_ore, 0) * extract(epoch FROM p_ends - p_starts) / 3600)::bigint
                ELSE coalesce(p.amount_ore, 0) END,
           CASE WHEN f.reason IS NOT NULL THEN 0 ELSE coalesce(p.amount_ore, 0) END,
           t.unit, t.description, f.reason
    FROM room_tariffs t
    JOIN rooms r ON r.id = t.room_id
    JOIN venues v ON v.id = r.venue_id
    JOIN organisations o ON o.id = p_org
    LEFT JOIN room_tariff_prices p ON p.room_id = t.room_id AND p.org_kind = o.kind
    CROSS JOIN LATERAL (SELECT CASE
        WHEN v.owner_id = p_org THEN 'owner'
        WHEN t.free_for_signatories AND EXISTS (
            SELECT FROM signatories s JOIN agreements a ON a.id = s.agreement_id
            WHERE a.kind = 'compact' AND a.status = 'active' AND s.organisation_id = p_org
                AND s.withdrawn_on IS NULL) THEN 'signatory'
        END AS reason) f
    WHERE t.room_id = p_room
$$;

-- Every booking gets its fee in the statement that inserts it, whichever path inserts it
-- (one-off, series occurrence, allocated series), in the booking's own transaction. A move
-- keeps the copied rate: per hour the amount follows the new duration, per occasion it
-- stays; a change of the tariff never reaches a booking already made.
CREATE FUNCTION bookings_fee() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    f record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO f FROM booking_fee(NEW.room_id, NEW.organisation_id, NEW.starts_at, NEW.ends_at);
        IF f.unit IS NULL THEN
            NEW.fee_ore := 0; NEW.fee_unit := NULL; NEW.fee_rate_ore := 0; NEW.fee_description := '';
        ELSE
            NEW.fee_ore := f.amount_ore; NEW.fee_unit := f.unit; NEW.fee_rate_ore := f.rate_ore;
            NEW.fee_description := f.description;
        END IF;
        NEW.fee_currency := 'SEK';
    ELSIF NEW.fee_unit = 'hour' AND (NEW.starts_at, NEW.ends_at) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at) THEN
        NEW.fee_ore := round(NEW.fee_rate_ore * extract(epoch FROM NEW.ends_at - NEW.starts_at) / 3600)::bigint;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER bookings_fee BEFORE INSERT OR UPDATE OF starts_at, ends_at ON bookings
    FOR EACH ROW EXECUTE FUNCTION bookings_fee();
