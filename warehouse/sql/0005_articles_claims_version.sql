-- The extractor version that last read each article, claims or not: `isswatch reprocess` skips articles
-- already read by the current version, including those in which it found no claim (before, an article
-- without claims was re-read, and counted, by every reprocess).
ALTER TABLE articles ADD COLUMN claims_version VARCHAR;
