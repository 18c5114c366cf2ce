-- The free-room search asks which atoms are held during a few short spans across all rooms;
-- the exclusion constraint's index leads with the room, so a span-only question would visit
-- every room's subtree. This index answers it directly.
CREATE INDEX booking_holds_span_idx ON booking_holds USING gist (span);
