-- Backfills from news archives (docs/backfill.md): one row per archive record read, whatever became of
-- it, so that running the same backfill again, or resuming an interrupted one, reads no record twice.

CREATE TABLE backfill_records (
    record_key   VARCHAR PRIMARY KEY,             -- hash of url and payload (or of file and offset)
    backfill_id  VARCHAR,
    source       VARCHAR,                         -- archive file and offset or line
    url          VARCHAR,
    captured_at  TIMESTAMPTZ,                     -- the archive's date of the capture
    outcome      VARCHAR,                         -- stored | skipped
    skip_reason  VARCHAR,                         -- one of extractors.archives.SKIP_REASONS, or a text verdict
    detail       VARCHAR,
    article_id   VARCHAR,
    processed_at TIMESTAMPTZ
);

CREATE OR REPLACE VIEW backfill_skips AS
SELECT backfill_id, skip_reason, count(*) AS records
FROM backfill_records WHERE outcome = 'skipped'
GROUP BY ALL;
