-- Change detection and the alert outbox (docs/alerts.md).

-- facts: the time from which claims count as evidence against the accepted value (the baseline's
-- as-of date, then the first report of each accepted change).
ALTER TABLE facts ADD COLUMN accepted_since TIMESTAMPTZ;

-- changes: what a disagreement is about, how the value was corroborated, and why no alert was queued.
ALTER TABLE changes ADD COLUMN disputed_values VARCHAR[];
ALTER TABLE changes ADD COLUMN outlets INTEGER;
ALTER TABLE changes ADD COLUMN primary_source BOOLEAN;
ALTER TABLE changes ADD COLUMN suppressed VARCHAR;          -- muted | snoozed | NULL (alerts queued)

-- alerts: the outbox. A row is claimed (attempts + 1, claimed_at) in a short write before sending and
-- marked (delivered_at, or last_error) in a short write after; alert_id is the idempotency key.
ALTER TABLE alerts ADD COLUMN fact VARCHAR;
ALTER TABLE alerts ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE alerts ADD COLUMN digest BOOLEAN DEFAULT false;  -- held for the channel's daily digest
ALTER TABLE alerts ADD COLUMN delivered_in VARCHAR;          -- id of the digest message that carried it

CREATE OR REPLACE VIEW alert_status AS
SELECT a.alert_id, a.fact, ch.kind, a.channel,
       CASE WHEN a.delivered_at IS NOT NULL THEN 'delivered'
            WHEN a.attempts = 0 THEN 'pending'
            ELSE 'retrying' END AS state,
       a.attempts, a.last_error, a.next_attempt_at, a.delivered_at, a.created_at, a.title, a.change_id,
       a.digest
FROM alerts a LEFT JOIN changes ch USING (change_id);

-- "What was reported for fact X as of date D": the current claims published up to D, one row per value,
-- with the number of independent stories (syndicated copies count once) and outlets.
-- D is a date (or a timestamp, cut to its date); claims reported on D itself count.
--   SELECT * FROM reported_as_of('iss.operations_end', DATE '2025-09-01');
CREATE OR REPLACE MACRO reported_as_of(fact_key, as_of) AS TABLE
SELECT c.value, c.qualifier,
       count(*) AS claims,
       count(DISTINCT coalesce(a.duplicate_of, a.article_id)) AS stories,
       count(DISTINCT coalesce(o.feed_url, a.feed_url)) AS outlets,
       min(coalesce(c.reported_at, c.extracted_at)) AS first_reported,
       max(coalesce(c.reported_at, c.extracted_at)) AS last_reported,
       list(DISTINCT a.url) AS urls
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN articles o ON o.article_id = a.duplicate_of
WHERE c.fact = fact_key AND c.status = 'current'
  AND CAST(coalesce(c.reported_at, c.extracted_at) AS DATE) <= CAST(as_of AS DATE)
GROUP BY c.value, c.qualifier
ORDER BY last_reported DESC;
