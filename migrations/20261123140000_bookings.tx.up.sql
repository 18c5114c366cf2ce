-- Bookings: each room's booking rules, room parts, bookings and the holds that keep two
-- bookings from ever holding the same space at the same time.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The owner's rules for booking a room. A room without a row books under the defaults below.
CREATE TABLE booking_rules (
    room_id         bigint PRIMARY KEY REFERENCES rooms (id),
    -- any: any registered organisation; compact: signatories of the Compact; partners: the
    -- organisations in room_partners; owner: the venue's owner only.
    who_may_book    text NOT NULL DEFAULT 'any'
                    CONSTRAINT booking_rules_who_check CHECK (who_may_book IN ('any', 'compact', 'partners', 'owner')),
    needs_approval  boolean NOT NULL DEFAULT false,
    min_notice      interval NOT NULL DEFAULT '0' CHECK (min_notice >= '0'),
    horizon         interval NOT NULL DEFAULT '1 year' CHECK (horizon > '0'),
    -- NULL: no limit but the horizon.
    max_duration    interval CHECK (max_duration > '0'),
    -- The booker may cancel until this long before the start; the owner until the start.
    cancel_before   interval NOT NULL DEFAULT '0' CHECK (cancel_before >= '0'),
    holidays_closed boolean NOT NULL DEFAULT false,
    terms           text NOT NULL DEFAULT '' CHECK (length(terms) <= 5000),
    revision        integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Opening hours in local (Europe/Stockholm) wall-clock time; weekday 1 = Monday … 7 = Sunday
-- (ISO 8601). A room with no rows is open around the clock. closes may be 24:00, so that a
-- day's hours run into the next day's 00:00 for bookings across midnight.
CREATE TABLE room_opening_hours (
    room_id bigint NOT NULL REFERENCES rooms (id),
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens   time NOT NULL,
    closes  time NOT NULL,
    PRIMARY KEY (room_id, weekday, opens),
    CONSTRAINT room_opening_hours_order CHECK (closes > opens)
);

-- Closed days, inclusive, on a whole venue or one room.
CREATE TABLE closures (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id   bigint REFERENCES venues (id),
    room_id    bigint REFERENCES rooms (id),
    first_day  date NOT NULL,
    last_day   date NOT NULL,
    reason     text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    created_at timestamptz NOT NULL,
    CONSTRAINT closures_target CHECK (num_nonnulls(venue_id, room_id) = 1),
    CONSTRAINT closures_order CHECK (last_day >= first_day)
);
CREATE INDEX closures_venue_idx ON closures (venue_id, last_day) WHERE venue_id IS NOT NULL;
CREATE INDEX closures_room_idx ON closures (room_id, last_day) WHERE room_id IS NOT NULL;

-- Organisations that may book a room whose rule is 'partners'. Stands in until the agreements
-- issue replaces it with premises-sharing agreements.
CREATE TABLE room_partners (
    room_id         bigint NOT NULL REFERENCES rooms (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (room_id, organisation_id)
);
CREATE INDEX room_partners_organisation_idx ON room_partners (organisation_id);

-- Signatories of the Compact, for the rule 'compact'. Stands in until the agreements issue
-- records the Compact as an agreement with signatories.
CREATE TABLE compact_signatories (
    organisation_id bigint PRIMARY KEY REFERENCES organisations (id),
    signed_on       date NOT NULL,
    created_at      timestamptz NOT NULL
);

-- A room made of parts (a sports hall and its halves; two meeting rooms with a folding wall).
-- A room without parts is a leaf space, an "atom"; a whole occupies the atoms of its parts.
CREATE TABLE room_parts (
    whole_id bigint NOT NULL REFERENCES rooms (id),
    part_id  bigint NOT NULL REFERENCES rooms (id),
    PRIMARY KEY (whole_id, part_id),
    CONSTRAINT room_parts_not_self CHECK (whole_id <> part_id)
);
CREATE INDEX room_parts_part_idx ON room_parts (part_id);

-- room_atoms returns the leaf spaces a room occupies: itself when it has no parts, else the
-- atoms of its parts, however deep. UNION stops at a cycle instead of looping.
CREATE FUNCTION room_atoms(room bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE tree (id) AS (
        SELECT room
        UNION
        SELECT p.part_id FROM room_parts p JOIN tree t ON p.whole_id = t.id
    )
    SELECT t.id FROM tree t WHERE NOT EXISTS (SELECT 1 FROM room_parts p WHERE p.whole_id = t.id)
$$;

-- A weekly (or other) series of bookings, expanded in local wall-clock time.
CREATE TABLE booking_series (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id         bigint NOT NULL REFERENCES rooms (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    rrule           text NOT NULL CHECK (length(rrule) BETWEEN 1 AND 500),
    -- The first occurrence's local start (DTSTART) and every occurrence's length.
    dtstart         timestamp NOT NULL,
    duration        interval NOT NULL CHECK (duration > '0'),
    timezone        text NOT NULL DEFAULT 'Europe/Stockholm',
    until_local     timestamp,
    count           integer CHECK (count BETWEEN 1 AND 200),
    revision        integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT booking_series_bounded CHECK (until_local IS NOT NULL OR count IS NOT NULL)
);
CREATE INDEX booking_series_organisation_idx ON booking_series (organisation_id);

CREATE TABLE bookings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id         bigint NOT NULL REFERENCES rooms (id),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    purpose         text NOT NULL DEFAULT '' CHECK (length(purpose) <= 2000),
    attendees       integer NOT NULL CHECK (attendees BETWEEN 1 AND 10000),
    public          boolean NOT NULL DEFAULT false,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    span            tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    status          text NOT NULL CONSTRAINT bookings_status_check
                    CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
    -- Why it was cancelled or rejected (the owner's note), and who last changed the status when.
    status_reason   text NOT NULL DEFAULT '' CHECK (length(status_reason) <= 2000),
    status_by       bigint REFERENCES users (id) ON DELETE SET NULL,
    status_at       timestamptz,
    revision        integer NOT NULL DEFAULT 1,
    series_id       bigint REFERENCES booking_series (id),
    -- For a series: the occurrence's 0-based index and its start as generated (RECURRENCE-ID),
    -- which stays put when the occurrence is moved.
    occurrence      integer CHECK (occurrence >= 0),
    original_start  timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT bookings_order CHECK (ends_at > starts_at),
    CONSTRAINT bookings_series_shape CHECK (
        (series_id IS NULL AND occurrence IS NULL AND original_start IS NULL)
        OR (series_id IS NOT NULL AND occurrence IS NOT NULL AND original_start IS NOT NULL))
);
CREATE INDEX bookings_room_span_idx ON bookings USING gist (room_id, span);
CREATE INDEX bookings_organisation_idx ON bookings (organisation_id, starts_at);
CREATE INDEX bookings_pending_idx ON bookings (room_id, starts_at) WHERE status = 'pending';
CREATE UNIQUE INDEX bookings_series_occurrence_key ON bookings (series_id, original_start) WHERE series_id IS NOT NULL;

-- One row per atom a booking occupies, for as long as the booking holds its room (pending or
-- confirmed); rows are deleted when it is cancelled or rejected. The exclusion constraint is
-- the guarantee of no double booking: no two holds on one atom overlap, and ranges are
-- half-open, so back-to-back bookings fit.
CREATE TABLE booking_holds (
    booking_id   bigint NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    atom_room_id bigint NOT NULL REFERENCES rooms (id),
    span         tstzrange NOT NULL,
    PRIMARY KEY (booking_id, atom_room_id),
    CONSTRAINT booking_holds_span_check CHECK (
        NOT isempty(span) AND lower_inc(span) AND NOT upper_inc(span)
        AND NOT lower_inf(span) AND NOT upper_inf(span)),
    CONSTRAINT booking_holds_no_overlap EXCLUDE USING gist (atom_room_id WITH =, span WITH &&)
);
