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
