// Owns per-client rate limiting of the public API: the RateLimiter port and an in-memory fixed-window implementation
// for a single process (Node); runtime-neutral.

/** Outcome of counting one request. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the client may retry (for `Retry-After`), when not allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts requests per key in fixed one-minute windows. Node uses {@link createMemoryRateLimiter}; Workers use a
 * store shared by all isolates (D1), because an in-memory map would reset per isolate.
 */
export interface RateLimiter {
  hit(key: string, limit: number, now?: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

/** A fixed-window limiter in process memory; stale windows are swept as new ones open. */
export function createMemoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    async hit(key, limit, now = Date.now()) {
      const start = now - (now % WINDOW_MS);
      if (start !== lastSweep) {
        for (const [k, w] of windows) if (w.start < start) windows.delete(k);
        lastSweep = start;
      }
      const w = windows.get(key);
      const count = w && w.start === start ? w.count + 1 : 1;
      windows.set(key, { start, count });
      if (count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
    },
  };
}

/** How many clients may share one address (an office or school behind one NAT) before the address itself is limited. */
export const CLIENTS_PER_ADDRESS = 20;

/**
 * The keys a request counts against: the client (address plus the widget's anonymous per-browser id) at `limit`,
 * and the address alone at `limit × CLIENTS_PER_ADDRESS`, so one office NAT is not throttled as a single citizen
 * while a flood from one address still is.
 */
export function rateKeys(address: string, clientId: string | undefined, limit: number): Array<[string, number]> {
  const id = clientId && /^[A-Za-z0-9_-]{8,64}$/.test(clientId) ? clientId : '-';
  return [
    [`c:${address}:${id}`, limit],
    [`a:${address}`, limit * CLIENTS_PER_ADDRESS],
  ];
}

/** Outcome of a {@link FailureThrottle} check. */
export type ThrottleDecision = RateDecision;

/**
 * Slows down guessing: counts failures (wrong staff tokens) per key (an address) and blocks a key that fails too often,
 * for longer each time.
 */
export interface FailureThrottle {
  /** Whether the key may try now; when blocked, how long until it may. */
  check(key: string, now?: number): ThrottleDecision;
  /** Records a failure of the key. */
  fail(key: string, now?: number): void;
  /** Records a success: the key's count of failures starts again (a typo followed by the right token). */
  succeed(key: string): void;
}

/** Limits of {@link createFailureThrottle}. */
export interface FailureThrottleOptions {
  /** Failures within `windowMs` that block the key. Default 10. */
  failures?: number;
  /** Window the failures are counted in, in ms. Default 60,000. */
  windowMs?: number;
  /** First block, in ms; each further block of the same key doubles it. Default 60,000. */
  blockMs?: number;
  /** Longest block, in ms; also how long a key must stay quiet before its blocks start short again. Default 3,600,000. */
  maxBlockMs?: number;
  /** Most keys remembered; the oldest are forgotten first. Default 10,000. */
  maxKeys?: number;
}

/**
 * A failure throttle in memory: 10 failures within a minute block the key for 1 minute, the next time 2, then 4, …
 * up to an hour.
 *
 * @remarks Per process on Node; on Workers per isolate (an attacker spread over isolates gets a few times the rate,
 * still far from brute force against a 16+-character token). Keys are addresses, so a block never affects staff
 * signing in from another address.
 */
export function createFailureThrottle(options: FailureThrottleOptions = {}): FailureThrottle {
  const failures = options.failures ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const blockMs = options.blockMs ?? 60_000;
  const maxBlockMs = options.maxBlockMs ?? 3_600_000;
  const maxKeys = options.maxKeys ?? 10_000;
  interface State {
    windowStart: number;
    count: number;
    blockedUntil: number;
    blocks: number;
    lastFailure: number;
  }
  const states = new Map<string, State>();
  const fresh = (now: number): State => ({ windowStart: now, count: 0, blockedUntil: 0, blocks: 0, lastFailure: now });
  return {
    check(key, now = Date.now()) {
      const s = states.get(key);
      if (!s || s.blockedUntil <= now) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((s.blockedUntil - now) / 1000)) };
    },
    fail(key, now = Date.now()) {
      let s = states.get(key);
      // No failure for as long as the longest block (and not blocked): its blocks start short again.
      if (s && s.blockedUntil <= now && now - s.lastFailure > maxBlockMs) s = undefined;
      if (!s) {
        s = fresh(now);
        if (states.size >= maxKeys) states.delete(states.keys().next().value!);
      }
      states.delete(key);
      states.set(key, s);
      if (now - s.windowStart >= windowMs) {
        s.windowStart = now;
        s.count = 0;
      }
      s.count++;
      s.lastFailure = now;
      if (s.count >= failures) {
        s.blocks++;
        s.blockedUntil = now + Math.min(maxBlockMs, blockMs * 2 ** (s.blocks - 1));
        s.windowStart = s.blockedUntil;
        s.count = 0;
      }
    },
    succeed(key) {
      const s = states.get(key);
      if (s && s.blocks === 0) states.delete(key);
      else if (s) s.count = 0;
    },
  };
}
