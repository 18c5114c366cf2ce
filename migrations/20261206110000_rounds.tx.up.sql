-- Seasonal allocation: an owner's application round for weekly times in its rooms over a
-- term, the organisations' applications with their sections and wishes, the allocations made
-- by hand or proposed by internal/allot, and, once published, the booking series each became
-- with the dates that could not be booked.

CREATE TABLE rounds (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id              bigint NOT NULL CONSTRAINT rounds_owner_fkey REFERENCES organisations (id),
    name                  text COLLATE sv NOT NULL CONSTRAINT rounds_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- The criteria and terms the applicants read.
    criteria              text NOT NULL DEFAULT '' CHECK (length(criteria) <= 20000),
    terms                 text NOT NULL DEFAULT '' CHECK (length(terms) <= 20000),
    applications_open_at  timestamptz NOT NULL,
    applications_close_at timestamptz NOT NULL,
    term_starts_on        date NOT NULL,
    term_ends_on          date NOT NULL,
    -- The priority order the allocation follows, most important first (round.Priority*).
    priorities            text[] NOT NULL DEFAULT '{}',
    -- What staff decided: 'collecting' (the status follows the dates and the allocations),
    -- 'published' or 'closed'.
    stage                 text NOT NULL DEFAULT 'collecting' CONSTRAINT rounds_stage_check
                          CHECK (stage IN ('collecting', 'published', 'closed')),
    published_at          timestamptz,
    revision              integer NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT rounds_period_check CHECK (applications_close_at > applications_open_at),
    CONSTRAINT rounds_term_check CHECK (term_ends_on >= term_starts_on AND term_ends_on - term_starts_on <= 366),
    CONSTRAINT rounds_published_check CHECK ((stage = 'collecting') = (published_at IS NULL))
);
CREATE INDEX rounds_owner_idx ON rounds (owner_id, term_starts_on);
CREATE INDEX rounds_term_idx ON rounds (term_starts_on, id);

-- The rooms a round offers.
CREATE TABLE round_rooms (
    round_id bigint NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    room_id  bigint NOT NULL REFERENCES rooms (id),
    PRIMARY KEY (round_id, room_id)
);

-- An organisation's application; at most one that is not withdrawn per round.
CREATE TABLE round_applications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id        bigint NOT NULL CONSTRAINT round_applications_round_fkey REFERENCES rounds (id),
    organisation_id bigint NOT NULL CONSTRAINT round_applications_organisation_fkey REFERENCES organisations (id),
    status          text NOT NULL CONSTRAINT round_applications_status_check CHECK (status IN ('submitted', 'withdrawn')),
    note            text NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    -- When it was first submitted: the tie-break after the round's priorities.
    submitted_at    timestamptz NOT NULL,
    revision        integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX round_applications_one_key ON round_applications (round_id, organisation_id) WHERE status <> 'withdrawn';
CREATE INDEX round_applications_organisation_idx ON round_applications (organisation_id);

-- A section of an application: one activity, with its size and how often it meets.
CREATE TABLE round_sections (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id      bigint NOT NULL REFERENCES round_applications (id) ON DELETE CASCADE,
    position            integer NOT NULL,
    purpose             text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 200),
    age_group           text NOT NULL CONSTRAINT round_sections_age_group_check
                        CHECK (age_group IN ('children', 'youth', 'adults', 'seniors', 'mixed')),
    attendees           integer NOT NULL CHECK (attendees BETWEEN 1 AND 10000),
    sessions_per_week   integer NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 7),
    minutes_per_session integer NOT NULL CHECK (minutes_per_session BETWEEN 15 AND 720),
    UNIQUE (application_id, position)
);

-- The rooms a section asks for, most wanted first (rank 1).
CREATE TABLE round_section_rooms (
    section_id bigint NOT NULL REFERENCES round_sections (id) ON DELETE CASCADE,
    rank       integer NOT NULL CHECK (rank >= 1),
    room_id    bigint NOT NULL REFERENCES rooms (id),
    PRIMARY KEY (section_id, rank),
    UNIQUE (section_id, room_id)
);

-- A weekly time a section wishes for: minutes after local midnight on a weekday (1 = Monday).
CREATE TABLE round_section_wishes (
    section_id bigint NOT NULL REFERENCES round_sections (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    weekday    smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts     integer NOT NULL CHECK (starts BETWEEN 0 AND 1439),
    ends       integer NOT NULL CHECK (ends BETWEEN 1 AND 1440),
    priority   integer NOT NULL CHECK (priority >= 1),
    PRIMARY KEY (section_id, position),
    CHECK (ends > starts)
);

-- A weekly time allocated to a section in a room: by hand, or from the automatic proposal.
-- No two allocations of a round hold the same room at the same weekly time; the exclusion
-- constraint says so, not Go. Once the round is published, series_id is the booking series
-- it became and response the applicant's answer.
CREATE TABLE round_allocations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id     bigint NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    section_id   bigint NOT NULL CONSTRAINT round_allocations_section_fkey REFERENCES round_sections (id) ON DELETE CASCADE,
    room_id      bigint NOT NULL CONSTRAINT round_allocations_room_fkey REFERENCES rooms (id),
    weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts       integer NOT NULL CHECK (starts BETWEEN 0 AND 1439),
    ends         integer NOT NULL CHECK (ends BETWEEN 1 AND 1440),
    source       text NOT NULL CHECK (source IN ('hand', 'proposal')),
    -- Why: the proposal's reasons as codes with arguments (internal/allot), [] by hand.
    reasons      jsonb NOT NULL DEFAULT '[]',
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    series_id    bigint CONSTRAINT round_allocations_series_key UNIQUE REFERENCES booking_series (id),
    response     text CHECK (response IN ('pending', 'accepted', 'declined')),
    responded_at timestamptz,
    responded_by bigint REFERENCES users (id) ON DELETE SET NULL,
    CHECK (ends > starts),
    CONSTRAINT round_allocations_no_overlap
        EXCLUDE USING gist (round_id WITH =, room_id WITH =, weekday WITH =, int4range(starts, ends) WITH &&)
);
CREATE INDEX round_allocations_section_idx ON round_allocations (section_id);

-- The dates of a published allocation that could not be booked, with why: a closure, a
-- holiday, opening hours, another booking (code booking_conflict), …; shown to the applicant.
CREATE TABLE round_refusals (
    allocation_id bigint NOT NULL REFERENCES round_allocations (id) ON DELETE CASCADE,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    code          text NOT NULL CHECK (code <> ''),
    param         text NOT NULL DEFAULT '',
    PRIMARY KEY (allocation_id, starts_at)
);

-- The last automatic proposal of a round: who ran it, when, and its decisions and figures
-- (internal/allot's Result without the slots, which are the allocations of source proposal).
CREATE TABLE round_proposals (
    round_id   bigint PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    ran_by     bigint REFERENCES users (id) ON DELETE SET NULL,
    ran_at     timestamptz NOT NULL,
    decisions  jsonb NOT NULL,
    stats      jsonb NOT NULL
);
