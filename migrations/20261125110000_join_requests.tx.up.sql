-- Requests to join the Compact ("Anslut din förening"): an association asks to sign, a city
-- administrator approves (which creates or links the organisation and records its
-- signature) or rejects with a reason. Both decisions are final. The contact's name, e-mail
-- and phone are personal data: only city administrators and the applicant (who holds the
-- status link, stored here as the SHA-256 of its secret) see them.
CREATE TABLE join_requests (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status            text NOT NULL DEFAULT 'pending'
                      CONSTRAINT join_requests_status_check CHECK (status IN ('pending', 'approved', 'rejected')),
    -- The version of the Compact to sign: the one in force when the request was made.
    agreement_id      bigint NOT NULL,
    version_id        bigint NOT NULL,
    organisation_name text COLLATE sv NOT NULL CHECK (length(btrim(organisation_name)) BETWEEN 1 AND 200),
    org_number        text NOT NULL CHECK (org_number ~ '^[0-9]{6}-[0-9]{4}$'),
    kind              text NOT NULL DEFAULT 'association' CHECK (kind IN ('association', 'other')),
    contact_name      text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 200),
    contact_email     text NOT NULL CHECK (length(contact_email) BETWEEN 3 AND 254),
    contact_phone     text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
    signer_name       text NOT NULL CHECK (length(btrim(signer_name)) BETWEEN 1 AND 200),
    signer_role       text NOT NULL CHECK (length(btrim(signer_role)) BETWEEN 1 AND 200),
    token_hash        bytea NOT NULL CONSTRAINT join_requests_token_key UNIQUE,
    -- The signed-in person who made the request, if any.
    requested_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    -- Set on approval: the organisation created or linked, and its signature.
    organisation_id   bigint REFERENCES organisations (id),
    signatory_id      bigint REFERENCES signatories (id),
    signed_on         date,
    decided_by        bigint REFERENCES users (id) ON DELETE SET NULL,
    decided_at        timestamptz,
    rejection_reason  text NOT NULL DEFAULT '' CHECK (length(rejection_reason) <= 2000),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT join_requests_version_fkey FOREIGN KEY (agreement_id, version_id) REFERENCES agreement_versions (agreement_id, id),
    CONSTRAINT join_requests_decided_check CHECK ((status = 'pending') = (decided_at IS NULL)),
    CONSTRAINT join_requests_approved_check CHECK (status <> 'approved'
        OR (organisation_id IS NOT NULL AND signatory_id IS NOT NULL AND signed_on IS NOT NULL)),
    CONSTRAINT join_requests_rejected_check CHECK (status <> 'rejected' OR length(btrim(rejection_reason)) > 0)
);
-- One open request per organisation number: a second one waits for the first's decision.
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (org_number) WHERE status = 'pending';
CREATE INDEX join_requests_status_idx ON join_requests (status, id);
CREATE INDEX join_requests_org_number_idx ON join_requests (org_number);
CREATE INDEX join_requests_organisation_idx ON join_requests (organisation_id);
CREATE INDEX join_requests_requested_by_idx ON join_requests (requested_by);
