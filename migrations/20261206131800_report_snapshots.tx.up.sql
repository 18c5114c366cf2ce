-- Reports computed ahead (internal/report): the sharing report of a period, as a viewer may
-- see it, read from here while it is fresh instead of recomputed over every booking. The key
-- names the report, its period and what the viewer may see; computed_at is shown with it.
CREATE TABLE report_snapshots (
    key         text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    computed_at timestamptz NOT NULL,
    data        jsonb NOT NULL
);
