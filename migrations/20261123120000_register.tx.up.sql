-- The premises register: organisations, their venues and the rooms in them.
-- Swedish collation so that lists sort Å, Ä, Ö after Z, as Swedish readers expect.
CREATE COLLATION IF NOT EXISTS sv (provider = icu, locale = 'sv-SE');

CREATE TABLE organisations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CONSTRAINT organisations_kind_check CHECK (kind IN ('city', 'association', 'other')),
    name        text COLLATE sv NOT NULL CONSTRAINT organisations_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    -- Canonical NNNNNN-NNNN. City departments share the municipality's number, so they leave it empty.
    org_number  text CONSTRAINT organisations_org_number_check CHECK (org_number ~ '^[0-9]{6}-[0-9]{4}$'),
    parent_id   bigint CONSTRAINT organisations_parent_fkey REFERENCES organisations (id),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    website     text NOT NULL DEFAULT '' CHECK (length(website) <= 500),
    email       text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone       text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    revision    integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    archived_at timestamptz,
    CONSTRAINT organisations_not_own_parent CHECK (parent_id <> id)
);
CREATE UNIQUE INDEX organisations_org_number_key ON organisations (org_number);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);
CREATE INDEX organisations_name_idx ON organisations (name, id);

CREATE TABLE venues (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id           bigint NOT NULL CONSTRAINT venues_owner_fkey REFERENCES organisations (id),
    name               text COLLATE sv NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    street_address     text NOT NULL CHECK (length(street_address) BETWEEN 1 AND 200),
    postal_code        text NOT NULL CHECK (postal_code ~ '^[1-9][0-9]{2} [0-9]{2}$'),
    town               text NOT NULL CHECK (length(town) BETWEEN 1 AND 100),
    district           text NOT NULL DEFAULT '' CHECK (length(district) <= 100),
    latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    step_free_entrance boolean NOT NULL DEFAULT false,
    accessible_toilet  boolean NOT NULL DEFAULT false,
    hearing_loop       boolean NOT NULL DEFAULT false,
    lift               boolean NOT NULL DEFAULT false,
    accessible_parking boolean NOT NULL DEFAULT false,
    accessibility_note text NOT NULL DEFAULT '' CHECK (length(accessibility_note) <= 2000),
    contact_name       text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 200),
    contact_email      text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
    contact_phone      text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
    revision           integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    archived_at        timestamptz,
    CONSTRAINT venues_coordinates_check CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX venues_owner_idx ON venues (owner_id);
CREATE INDEX venues_name_idx ON venues (name, id);
CREATE INDEX venues_district_idx ON venues (lower(district));

CREATE TABLE rooms (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id    bigint NOT NULL CONSTRAINT rooms_venue_fkey REFERENCES venues (id),
    name        text COLLATE sv NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    capacity    integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    area_m2     double precision CHECK (area_m2 > 0 AND area_m2 <= 100000),
    -- The vocabulary is fixed here as well as in Go, so no writer can store an unknown facility.
    facilities  text[] NOT NULL DEFAULT '{}' CONSTRAINT rooms_facilities_check CHECK (facilities <@ ARRAY[
        'projector', 'screen', 'kitchen', 'wifi', 'whiteboard', 'sound_system', 'stage', 'piano',
        'dishwasher', 'changing_rooms', 'video_conference']::text[]),
    bookable    boolean NOT NULL DEFAULT true,
    revision    integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    archived_at timestamptz
);
CREATE INDEX rooms_venue_idx ON rooms (venue_id);
CREATE INDEX rooms_facilities_idx ON rooms USING gin (facilities);
-- Two live rooms in one venue may not share a name (case-insensitively): people pick rooms by name.
CREATE UNIQUE INDEX rooms_venue_name_key ON rooms (venue_id, lower(name)) WHERE archived_at IS NULL;
