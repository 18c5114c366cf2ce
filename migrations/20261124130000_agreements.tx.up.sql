-- Agreements and their signatories: the Compact (Överenskommelsen), partnership agreements
-- (IOP), premises-sharing agreements and others. The Compact is revised over time, so an
-- agreement has versions and a signatory signs one of them; versions coexist.
CREATE TABLE agreements (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CONSTRAINT agreements_kind_check CHECK (kind IN ('compact', 'iop', 'premises_sharing', 'other')),
    title       text COLLATE sv NOT NULL CONSTRAINT agreements_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    summary     text NOT NULL DEFAULT '' CHECK (length(summary) <= 5000),
    body        text NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
    link        text NOT NULL DEFAULT '' CHECK (length(link) <= 500),
    status      text NOT NULL CONSTRAINT agreements_status_check CHECK (status IN ('draft', 'active', 'ended')),
    valid_from  date,
    valid_to    date,
    revision    integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT agreements_period_check CHECK (valid_to >= valid_from)
);
-- There is one Compact: a revision of it is a new version, not a new agreement.
CREATE UNIQUE INDEX agreements_one_compact ON agreements ((true)) WHERE kind = 'compact';
CREATE INDEX agreements_title_idx ON agreements (title, id);

CREATE TABLE agreement_versions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES agreements (id),
    label        text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 50),
    adopted_on   date NOT NULL,
    body         text NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
    link         text NOT NULL DEFAULT '' CHECK (length(link) <= 500),
    created_at   timestamptz NOT NULL,
    CONSTRAINT agreement_versions_label_key UNIQUE (agreement_id, label),
    -- The target of signatories' foreign key, which ties a signature's version to its agreement.
    CONSTRAINT agreement_versions_agreement_id_key UNIQUE (agreement_id, id)
);

-- A signature of one version of an agreement. Only the signer's name and role are kept, no
-- other personal data. Withdrawal sets withdrawn_on and never deletes: the history stays.
CREATE TABLE signatories (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id    bigint NOT NULL,
    version_id      bigint NOT NULL,
    organisation_id bigint NOT NULL CONSTRAINT signatories_organisation_fkey REFERENCES organisations (id),
    signed_on       date NOT NULL,
    signer_name     text NOT NULL DEFAULT '' CHECK (length(signer_name) <= 200),
    signer_role     text NOT NULL DEFAULT '' CHECK (length(signer_role) <= 200),
    withdrawn_on    date,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT signatories_version_fkey FOREIGN KEY (agreement_id, version_id) REFERENCES agreement_versions (agreement_id, id),
    CONSTRAINT signatories_withdrawn_check CHECK (withdrawn_on >= signed_on)
);
-- An organisation signs a version once; after withdrawing it may sign it again.
CREATE UNIQUE INDEX signatories_current_key ON signatories (version_id, organisation_id) WHERE withdrawn_on IS NULL;
CREATE INDEX signatories_agreement_idx ON signatories (agreement_id, organisation_id);
CREATE INDEX signatories_organisation_idx ON signatories (organisation_id) WHERE withdrawn_on IS NULL;

-- The Compact, with the signatories that the booking rule 'compact' read until now from the
-- stand-in table compact_signatories; their signers were never recorded. The day its first
-- version was adopted is not known here: it is the earliest signature, or failing any, a day
-- early enough that no historical signature an administrator records is refused as older.
INSERT INTO agreements (kind, title, status, created_at, updated_at)
VALUES ('compact', 'Överenskommelsen', 'active', now(), now());

INSERT INTO agreement_versions (agreement_id, label, adopted_on, created_at)
SELECT a.id, '1', coalesce((SELECT min(signed_on) FROM compact_signatories), DATE '2000-01-01'), now()
FROM agreements a WHERE a.kind = 'compact';

INSERT INTO signatories (agreement_id, version_id, organisation_id, signed_on, created_at, updated_at)
SELECT v.agreement_id, v.id, cs.organisation_id, cs.signed_on, cs.created_at, cs.created_at
FROM compact_signatories cs CROSS JOIN agreement_versions v;

DROP TABLE compact_signatories;
