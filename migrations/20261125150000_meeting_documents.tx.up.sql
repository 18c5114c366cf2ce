-- Documents of a meeting (minutes, presentations): the same columns, checks and storage as
-- agreement_documents (see 20261125100000), owned by a meeting, so internal/document serves
-- both.
CREATE TABLE meeting_documents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id   bigint NOT NULL REFERENCES meetings (id),
    title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 5 AND 255 AND filename !~ '[/\\[:cntrl:]"]'),
    content_type text NOT NULL CHECK (content_type = 'application/pdf'),
    size         bigint NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       bytea NOT NULL,
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT meeting_documents_content_check CHECK (
        octet_length(content) = size AND sha256 = sha256(content) AND substring(content FROM 1 FOR 5) = '\x255044462d'::bytea)
);
ALTER TABLE meeting_documents ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX meeting_documents_meeting_idx ON meeting_documents (meeting_id, id);
