// Owns what every staff route module reads off a request (who is acting, whole-number query parameters) and the
// dependencies they share; a leaf of server/http, so the route modules need not import each other (hono types only).
import type { Context } from 'hono';
import type { FaqIndex } from '../core/faq-match.js';
import { toWellFormed } from '../core/normalize.js';
import { maskPersonalData } from '../core/privacy.js';
import type { Store } from '../core/store.js';
import { ApiError } from './errors.js';
import type { Logger } from './log.js';
import type { FailureThrottle } from './rate-limit.js';

/** What the staff features need: the store and the FAQ index over it. */
export interface StaffDeps {
  store: Store;
  faq: FaqIndex;
  /** Where failures of the question log are reported (the answer is still given). */
  logger?: Logger;
  /** The clock, for tests. */
  now?: () => Date;
  /** Throttle of wrong staff tokens per address; default `createFailureThrottle`'s (10 a minute, then blocked). */
  tokenThrottle?: FailureThrottle;
}

/** Who made a change: the console's `X-Staff-Name` (masked, at most 40 characters), else "staff". */
export function actorOf(c: Context): string {
  const raw = c.req.header('x-staff-name');
  if (!raw) return 'staff';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // A header that is not percent-encoded is taken as it is.
  }
  const clean = maskPersonalData(toWellFormed(name).replace(/[\u0000-\u001f\u007f]/g, '').trim()).slice(0, 40);
  return clean ? `staff:${clean}` : 'staff';
}

/**
 * The whole-number query parameter `name`, `fallback` when absent or empty.
 * @throws ApiError 400 `invalid_query` when it is not a whole number from `min` to `max`.
 */
export function intQuery(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(400, 'invalid_query', `"${name}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}
