-- The parties of agreements, the premises a premises-sharing agreement covers and its terms.
-- room_partners, which stood in for premises-sharing agreements, becomes such agreements:
-- the booking rule 'partners' now reads them.
ALTER TABLE agreements ADD COLUMN terms text NOT NULL DEFAULT '' CONSTRAINT agreements_terms_check CHECK (length(terms) <= 2000);
-- The target of the parties' and premises' foreign keys, which carry the agreement's kind so
-- that a CHECK can hold the roles (and premises) to what fits the kind.
ALTER TABLE agreements ADD CONSTRAINT agreements_id_kind_key UNIQUE (id, kind);

-- An organisation is party to an agreement in one role: a premises-sharing agreement has one
-- owner and partners, an IOP city departments and associations, any other kind parties.
CREATE TABLE agreement_parties (
    agreement_id    bigint NOT NULL,
    agreement_kind  text NOT NULL,
    organisation_id bigint NOT NULL CONSTRAINT agreement_parties_organisation_fkey REFERENCES organisations (id),
    role            text NOT NULL,
    PRIMARY KEY (agreement_id, organisation_id),
    CONSTRAINT agreement_parties_agreement_fkey FOREIGN KEY (agreement_id, agreement_kind)
        REFERENCES agreements (id, kind) ON UPDATE CASCADE,
    CONSTRAINT agreement_parties_role_check CHECK (
        (agreement_kind = 'premises_sharing' AND role IN ('owner', 'partner'))
        OR (agreement_kind = 'iop' AND role IN ('city', 'association'))
        OR (agreement_kind IN ('compact', 'other') AND role = 'party'))
);
CREATE UNIQUE INDEX agreement_parties_one_owner ON agreement_parties (agreement_id) WHERE role = 'owner';
CREATE INDEX agreement_parties_organisation_idx ON agreement_parties (organisation_id, role);

-- A venue (and so every room in it) or one room that a premises-sharing agreement covers.
-- That it belongs to the owner party is checked by the service under a lock of the owner, and
-- the booking rule asks it again.
CREATE TABLE agreement_premises (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id   bigint NOT NULL,
    agreement_kind text NOT NULL DEFAULT 'premises_sharing'
                   CONSTRAINT agreement_premises_kind_check CHECK (agreement_kind = 'premises_sharing'),
    venue_id       bigint CONSTRAINT agreement_premises_venue_fkey REFERENCES venues (id),
    room_id        bigint CONSTRAINT agreement_premises_room_fkey REFERENCES rooms (id),
    CONSTRAINT agreement_premises_agreement_fkey FOREIGN KEY (agreement_id, agreement_kind)
        REFERENCES agreements (id, kind) ON UPDATE CASCADE,
    CONSTRAINT agreement_premises_target CHECK (num_nonnulls(venue_id, room_id) = 1),
    CONSTRAINT agreement_premises_venue_key UNIQUE (agreement_id, venue_id),
    CONSTRAINT agreement_premises_room_key UNIQUE (agreement_id, room_id)
);
CREATE INDEX agreement_premises_room_idx ON agreement_premises (room_id) WHERE room_id IS NOT NULL;
CREATE INDEX agreement_premises_venue_idx ON agreement_premises (venue_id) WHERE venue_id IS NOT NULL;

-- Each owner's room_partners become active premises-sharing agreements without an end: one
-- per set of rooms that share the same partners (usually one per owner), so that exactly the
-- organisations that could book a room before still can, and no other.
DO $$
DECLARE
    g   record;
    aid bigint;
BEGIN
    FOR g IN
        SELECT owner_id, owner_name, partners, array_agg(room_id ORDER BY room_id) AS rooms,
               row_number() OVER (PARTITION BY owner_id ORDER BY min(room_id)) AS nr,
               count(*) OVER (PARTITION BY owner_id) AS groups
        FROM (SELECT v.owner_id, o.name AS owner_name, rp.room_id,
                     array_agg(rp.organisation_id ORDER BY rp.organisation_id) AS partners
              FROM room_partners rp
              JOIN rooms r ON r.id = rp.room_id
              JOIN venues v ON v.id = r.venue_id
              JOIN organisations o ON o.id = v.owner_id
              WHERE rp.organisation_id <> v.owner_id
              GROUP BY v.owner_id, o.name, rp.room_id) AS per_room
        GROUP BY owner_id, owner_name, partners
        ORDER BY owner_id, nr
    LOOP
        INSERT INTO agreements (kind, title, summary, status, created_at, updated_at)
        VALUES ('premises_sharing',
                left('Lokalavtal, ' || g.owner_name || CASE WHEN g.groups > 1 THEN ' (' || g.nr || ')' ELSE '' END, 200),
                'Överfört från rummens listor av partnerorganisationer.', 'active', now(), now())
        RETURNING id INTO aid;
        INSERT INTO agreement_versions (agreement_id, label, adopted_on, created_at)
        VALUES (aid, '1', current_date, now());
        INSERT INTO agreement_parties (agreement_id, agreement_kind, organisation_id, role)
        VALUES (aid, 'premises_sharing', g.owner_id, 'owner');
        INSERT INTO agreement_parties (agreement_id, agreement_kind, organisation_id, role)
        SELECT aid, 'premises_sharing', p, 'partner' FROM unnest(g.partners) AS p;
        INSERT INTO agreement_premises (agreement_id, room_id)
        SELECT aid, r FROM unnest(g.rooms) AS r;
    END LOOP;
END
$$;

DROP TABLE room_partners;
