// Owns rate limiting on Cloudflare D1: fixed one-minute windows counted in the rate_limits table, shared by every
// Worker isolate; runtime-neutral (Web Crypto and the D1 binding only; no node:*, hono or Cloudflare packages).
import type { RateDecision, RateLimiter } from '../http/rate-limit.js';
import type { D1Database } from './d1-store.js';

/** Length of a counting window, in ms (the same as the in-memory limiter's). */
export const RATE_WINDOW_MS = 60_000;

export interface D1RateLimiterOptions {
  /**
   * Called when D1 fails; the request is then let through (fail open: a database outage must not stop citizens
   * from getting answers). Default: nothing.
   */
  onError?: (error: unknown) => void;
}

const UPSERT = `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN excluded.window_start > window_start THEN 1 ELSE count + 1 END,
    window_start = max(window_start, excluded.window_start)
  RETURNING count, window_start`;

const PURGE = 'DELETE FROM rate_limits WHERE window_start < ?1';

const encoder = new TextEncoder();

/** The stored form of a limiter key: SHA-256, 128 bits in hex (keys carry the client's address). */
async function hashKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(key)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** Deletes the counters of windows that ended before `now`'s window; returns how many went. */
export async function purgeRateLimits(db: D1Database, now = Date.now()): Promise<number> {
  const result = await db.prepare(PURGE).bind(now - (now % RATE_WINDOW_MS)).run();
  return result.meta.changes ?? 0;
}

/**
 * A fixed-window limiter whose counts live in D1, so every isolate of the Worker sees the same count (an in-memory
 * map would start at zero in each isolate, and Cloudflare runs many).
 *
 * @remarks One statement per key and request: an UPSERT that starts the window or adds one, RETURNING the count
 * (atomic in D1, so concurrent isolates never lose a hit). The first hit of each new window in an isolate also
 * deletes ended windows, in the same batch (one round trip). A window is keyed by its start, the same in every
 * isolate; a clock a little behind adds to the newer window rather than resetting it.
 */
export function createD1RateLimiter(db: D1Database, options: D1RateLimiterOptions = {}): RateLimiter {
  let purgedWindow = 0;
  return {
    async hit(key, limit, now = Date.now()): Promise<RateDecision> {
      const start = now - (now % RATE_WINDOW_MS);
      try {
        const upsert = db.prepare(UPSERT).bind(await hashKey(key), start);
        let row: { count: number; window_start: number } | undefined;
        if (start !== purgedWindow) {
          purgedWindow = start;
          const [counted] = await db.batch<{ count: number; window_start: number }>([upsert, db.prepare(PURGE).bind(start)]);
          row = counted!.results[0];
        } else {
          row = (await upsert.all<{ count: number; window_start: number }>()).results[0];
        }
        if (!row || row.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + RATE_WINDOW_MS - now) / 1000)) };
      } catch (error) {
        options.onError?.(error);
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
  };
}
