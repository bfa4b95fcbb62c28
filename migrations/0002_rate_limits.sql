-- 0002_rate_limits: per-client request counters of the public API in fixed one-minute windows, shared by every
-- Worker isolate (server/store/d1-rate-limit.ts). Node counts in process memory and leaves this table empty.
-- SQLite syntax that Cloudflare D1 accepts too: no PRAGMA, no BEGIN/COMMIT.

CREATE TABLE rate_limits (
  key          TEXT    PRIMARY KEY,            -- SHA-256 of the limiter key: no client address is stored
  window_start INTEGER NOT NULL,               -- start of the counted window, ms since 1970 (UTC)
  count        INTEGER NOT NULL CHECK (count >= 1)
);
-- Windows that have ended are deleted by window_start (opportunistically, and by the daily cron).
CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
