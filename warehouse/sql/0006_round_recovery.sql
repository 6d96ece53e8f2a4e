-- Rounds that a dead process left 'running' are closed as 'crashed' at the next start (docs/schema.md).

-- rounds: the process that ran the round (host, pid, and the pid's start time in clock ticks since
-- boot, so a reused pid is not taken for the round's process), and why a round failed or crashed.
ALTER TABLE rounds ADD COLUMN host VARCHAR;
ALTER TABLE rounds ADD COLUMN pid INTEGER;
ALTER TABLE rounds ADD COLUMN pid_started BIGINT;
ALTER TABLE rounds ADD COLUMN error VARCHAR;
-- The Prefect flow run of the round, so that a crashed round is marked Crashed in Prefect too.
ALTER TABLE rounds ADD COLUMN flow_run_id VARCHAR;

-- One row per round, newest first: status running | completed | failed (the round raised and said so)
-- | crashed (its process died; closed by the next start, with the counts of what it stored).
CREATE OR REPLACE VIEW round_log AS
SELECT round_id, status, started_at, finished_at,
       date_diff('millisecond', started_at, finished_at) / 1000.0 AS seconds,
       feeds_polled, feeds_failed, entries_new, articles_new, claims_new, changes_new, alerts_sent,
       host, pid, error
FROM rounds
ORDER BY started_at DESC;
