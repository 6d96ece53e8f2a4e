-- The first schema: one table per thing in the vocabulary (design.md), keyed so that re-running a
-- round writes nothing twice. Times are TIMESTAMPTZ in UTC.

CREATE TABLE feeds (
    url                  VARCHAR PRIMARY KEY,
    name                 VARCHAR,
    title                VARCHAR,
    lang                 VARCHAR,
    is_primary           BOOLEAN DEFAULT false,   -- an agency's own newsroom: a primary source
    etag                 VARCHAR,
    last_modified        VARCHAR,
    added_at             TIMESTAMPTZ,
    last_polled_at       TIMESTAMPTZ,
    last_status          INTEGER,
    last_outcome         VARCHAR,                 -- ok | not_modified | error
    last_success_at      TIMESTAMPTZ,
    consecutive_failures INTEGER DEFAULT 0,
    error_class          VARCHAR,
    last_error           VARCHAR,
    next_poll_at         TIMESTAMPTZ,             -- backoff, Retry-After, ttl / max-age floor
    disabled             BOOLEAN DEFAULT false,
    disabled_reason      VARCHAR
);

CREATE TABLE rounds (
    round_id       VARCHAR PRIMARY KEY,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    status         VARCHAR,                       -- running | completed | failed
    feeds_polled   INTEGER,
    feeds_failed   INTEGER,
    entries_new    INTEGER,
    articles_new   INTEGER,
    claims_new     INTEGER,
    changes_new    INTEGER,
    alerts_sent    INTEGER
);

CREATE TABLE polls (
    round_id     VARCHAR,
    feed_url     VARCHAR,
    polled_at    TIMESTAMPTZ,
    outcome      VARCHAR,                         -- ok | not_modified | error | skipped
    http_status  INTEGER,
    entries      INTEGER,
    new_entries  INTEGER,
    error_class  VARCHAR,
    error        VARCHAR,
    elapsed_ms   DOUBLE,
    PRIMARY KEY (round_id, feed_url)
);

CREATE TABLE entries (
    entry_id       VARCHAR PRIMARY KEY,           -- hash of feed url and guid (or link)
    feed_url       VARCHAR,
    guid           VARCHAR,
    link           VARCHAR,
    canonical_url  VARCHAR,
    title          VARCHAR,
    summary        VARCHAR,
    published_at   TIMESTAMPTZ,
    published_raw  VARCHAR,
    date_flag      VARCHAR,                       -- why published_at is not trusted, if so
    first_seen_at  TIMESTAMPTZ,
    round_id       VARCHAR,
    relevant       BOOLEAN,
    skip_reason    VARCHAR,                       -- why the entry was not fetched
    matched_terms  VARCHAR[]
);

CREATE TABLE articles (
    article_id     VARCHAR PRIMARY KEY,           -- hash of canonical url and content hash
    url            VARCHAR,                       -- canonical url
    final_url      VARCHAR,
    entry_id       VARCHAR,
    feed_url       VARCHAR,
    title          VARCHAR,
    text           VARCHAR,
    lang           VARCHAR,
    published_at   TIMESTAMPTZ,
    content_hash   VARCHAR,
    fingerprint    UBIGINT,                       -- simhash of the text, for near-duplicates
    duplicate_of   VARCHAR,                       -- article_id of the original of a syndicated copy
    version        INTEGER,                       -- 1, 2, ... for an updated article at the same url
    fetched_at     TIMESTAMPTZ,
    round_id       VARCHAR,
    relevant       BOOLEAN,
    skip_reason    VARCHAR
);

CREATE TABLE claims (
    claim_id          VARCHAR PRIMARY KEY,        -- hash of article, extractor version, fact, value, offsets
    article_id        VARCHAR,
    fact              VARCHAR,
    value             VARCHAR,                    -- YYYY | YYYY-MM | YYYY-MM-DD: the date claimed
    value_end         VARCHAR,
    granularity       VARCHAR,
    qualifier         VARCHAR,
    status            VARCHAR,                    -- current | historical
    modality          VARCHAR,
    speaker           VARCHAR,
    sentence          VARCHAR,
    start_offset      INTEGER,
    end_offset        INTEGER,
    confidence        DOUBLE,
    lang              VARCHAR,
    explanation       VARCHAR,
    extractor_version VARCHAR,
    reported_at       TIMESTAMPTZ,                -- when it was reported: the article's time
    extracted_at      TIMESTAMPTZ
);

CREATE TABLE facts (
    key             VARCHAR PRIMARY KEY,
    description     VARCHAR,
    baseline_value  VARCHAR,
    baseline_as_of  DATE,
    baseline_source VARCHAR,
    accepted_value  VARCHAR,                      -- the value currently reported (after corroboration)
    accepted_at     TIMESTAMPTZ,
    muted           BOOLEAN DEFAULT false,
    snoozed_until   TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ
);

CREATE TABLE changes (
    change_id         VARCHAR PRIMARY KEY,
    fact              VARCHAR,
    kind              VARCHAR,                    -- change | disagreement | rebaseline
    old_value         VARCHAR,
    new_value         VARCHAR,
    qualifier         VARCHAR,
    speaker           VARCHAR,
    sentence          VARCHAR,
    first_reported_at TIMESTAMPTZ,
    detected_at       TIMESTAMPTZ,
    claim_ids         VARCHAR[],
    article_urls      VARCHAR[],
    round_id          VARCHAR
);

CREATE TABLE alerts (
    alert_id        VARCHAR PRIMARY KEY,          -- also the idempotency key sent in the payload
    change_id       VARCHAR,
    channel         VARCHAR,                      -- the channel's name (its URL may hold secrets)
    title           VARCHAR,
    body            VARCHAR,
    created_at      TIMESTAMPTZ,
    attempts        INTEGER DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    last_error      VARCHAR,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ
);
