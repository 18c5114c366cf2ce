-- The register from the pages: accessibility facts per room (as venues have them), and
-- photos of venues and rooms, kept in the database (the one store) in the sizes the pages use.

ALTER TABLE rooms
    ADD COLUMN step_free_entrance boolean NOT NULL DEFAULT false,
    ADD COLUMN accessible_toilet  boolean NOT NULL DEFAULT false,
    ADD COLUMN hearing_loop       boolean NOT NULL DEFAULT false,
    ADD COLUMN lift               boolean NOT NULL DEFAULT false,
    ADD COLUMN accessible_parking boolean NOT NULL DEFAULT false,
    ADD COLUMN accessibility_note text NOT NULL DEFAULT ''
        CONSTRAINT rooms_accessibility_note_check CHECK (length(accessibility_note) <= 2000);

-- A photo of a venue (room_id NULL) or of one of its rooms. The upload is never kept: it is
-- decoded, scaled and encoded again as JPEG (which also drops its EXIF data, the camera's
-- position among it), in two sizes: large for the venue and room pages, small for lists.
CREATE TABLE photos (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id    bigint NOT NULL CONSTRAINT photos_venue_fkey REFERENCES venues (id),
    room_id     bigint CONSTRAINT photos_room_fkey REFERENCES rooms (id),
    alt_text    text NOT NULL CONSTRAINT photos_alt_text_check CHECK (length(btrim(alt_text)) BETWEEN 1 AND 300),
    width       integer NOT NULL CHECK (width BETWEEN 1 AND 4000),
    height      integer NOT NULL CHECK (height BETWEEN 1 AND 4000),
    large       bytea NOT NULL CONSTRAINT photos_large_check CHECK (length(large) <= 4194304),
    small       bytea NOT NULL CONSTRAINT photos_small_check CHECK (length(small) <= 1048576),
    -- Who added it is in the audit log.
    created_at  timestamptz NOT NULL
);
CREATE INDEX photos_venue_idx ON photos (venue_id, id);
CREATE INDEX photos_room_idx ON photos (room_id, id) WHERE room_id IS NOT NULL;
