-- Documents attached to an agreement (the signed PDF, an appendix). The file itself is kept
-- in PostgreSQL, so the database and its backups hold everything and any instance can serve
-- it. The shape is the one internal/document expects of every owner's table: meetings add a
-- meeting_documents of the same columns with meeting_id instead of agreement_id, rather
-- than one table with a polymorphic owner that no foreign key could check.
CREATE TABLE agreement_documents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES agreements (id),
    title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 5 AND 255 AND filename !~ '[/\\[:cntrl:]"]'),
    content_type text NOT NULL CHECK (content_type = 'application/pdf'),
    size         bigint NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       bytea NOT NULL,
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    -- What the application checks, the database holds too: the size and hash describe the
    -- content, and the content is a PDF.
    CONSTRAINT agreement_documents_content_check CHECK (
        octet_length(content) = size AND sha256 = sha256(content) AND substring(content FROM 1 FOR 5) = '\x255044462d'::bytea)
);
-- PDFs are compressed already: storing them out of line without a second compression saves
-- the work and lets a range read skip decompression.
ALTER TABLE agreement_documents ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX agreement_documents_agreement_idx ON agreement_documents (agreement_id, id);
