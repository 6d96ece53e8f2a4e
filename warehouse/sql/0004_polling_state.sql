-- Polling state for healthy, observable and deduplicated polling (docs/polling.md).

-- feeds: the floor on the next poll that the feed asked for at its last full answer (RSS ttl or
-- Cache-Control max-age, seconds), kept so that a 304 (no body, so no ttl) still respects it; when it
-- was disabled; what the parser had to recover from at the last poll (wrong charset, ill-formed XML,
-- DOCTYPE removed, untrusted dates).
ALTER TABLE feeds ADD COLUMN min_interval_seconds DOUBLE;
ALTER TABLE feeds ADD COLUMN disabled_at TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN last_warnings VARCHAR[];

ALTER TABLE polls ADD COLUMN warnings VARCHAR[];

-- entries: a hash of what the feed said about the entry (link, title, summary, date), to notice an
-- updated entry; when the feed last changed it; and whether its page must be fetched again (an
-- updated entry is re-fetched, and a changed text is stored as the article's next version).
ALTER TABLE entries ADD COLUMN entry_hash VARCHAR;
ALTER TABLE entries ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE entries ADD COLUMN refetch BOOLEAN DEFAULT false;

CREATE OR REPLACE VIEW feed_health AS
SELECT url, name, lang, disabled, disabled_reason, last_outcome, last_status, last_polled_at, last_success_at,
       consecutive_failures, error_class, last_error, next_poll_at, min_interval_seconds, last_warnings,
       (SELECT count(*) FROM entries e WHERE e.feed_url = feeds.url) AS entries,
       (SELECT count(*) FROM entries e WHERE e.feed_url = feeds.url AND e.relevant) AS relevant_entries
FROM feeds;

-- Why entries were not kept, by stage (the reason itself names the details: terms, URL, error).
CREATE OR REPLACE VIEW entry_skips AS
SELECT entry_id, feed_url, link, title,
       CASE WHEN skip_reason LIKE 'no relevance term in title%' OR skip_reason LIKE 'empty title%'
                 THEN 'title and summary'
            WHEN skip_reason LIKE 'entry has no link%' OR skip_reason LIKE 'entry link%' THEN 'no link'
            WHEN skip_reason LIKE 'same page as%' THEN 'duplicate link'
            WHEN skip_reason LIKE 'download failed%' THEN 'download failed'
            WHEN skip_reason LIKE 'no relevance term in article%' OR skip_reason LIKE 'empty article%'
                 THEN 'text irrelevant'
            ELSE 'extraction failed' END AS stage,
       skip_reason, first_seen_at
FROM entries
WHERE skip_reason IS NOT NULL;
