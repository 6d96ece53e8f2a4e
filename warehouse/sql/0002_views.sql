-- Views with stable names for users (docs/schema.md). Replace them in a later migration, never edit.

CREATE OR REPLACE VIEW fact_status AS
SELECT f.key AS fact, f.description, f.baseline_value, f.baseline_as_of, f.baseline_source,
       coalesce(f.accepted_value, f.baseline_value) AS reported_value,
       f.accepted_at,
       (SELECT max(c.detected_at) FROM changes c WHERE c.fact = f.key AND c.kind = 'change') AS last_change_at,
       (SELECT count(*) FROM claims c WHERE c.fact = f.key AND c.status = 'current') AS current_claims,
       f.muted, f.snoozed_until
FROM facts f;

CREATE OR REPLACE VIEW claim_details AS
SELECT c.claim_id, c.article_id, c.fact, c.value, c.value_end, c.granularity, c.qualifier, c.status, c.modality,
       c.speaker, c.confidence, c.sentence, c.lang, c.reported_at, c.extracted_at, c.extractor_version,
       a.url, a.title, a.feed_url, fd.name AS outlet, a.duplicate_of
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN feeds fd ON fd.url = a.feed_url;

CREATE OR REPLACE VIEW fact_timeline AS
SELECT fact, reported_at, value, qualifier, status, speaker, outlet, url, sentence
FROM claim_details
ORDER BY fact, reported_at;

CREATE OR REPLACE VIEW change_log AS
SELECT change_id, fact, kind, old_value, new_value, qualifier, speaker, sentence, first_reported_at,
       detected_at, article_urls
FROM changes
ORDER BY detected_at;

CREATE OR REPLACE VIEW disagreements AS
SELECT * FROM change_log WHERE kind = 'disagreement';

CREATE OR REPLACE VIEW feed_health AS
SELECT url, name, lang, disabled, last_outcome, last_status, last_polled_at, last_success_at,
       consecutive_failures, error_class, last_error, next_poll_at,
       (SELECT count(*) FROM entries e WHERE e.feed_url = feeds.url) AS entries,
       (SELECT count(*) FROM entries e WHERE e.feed_url = feeds.url AND e.relevant) AS relevant_entries
FROM feeds;
