// Owns 留言 (inquiries): the records a citizen leaves when the robot cannot help, their 查询码 (lookup code), the
// contact data kept apart, and the working-day calendar replies are due on; runtime-neutral (Web Crypto only),
// imports no node:*, hono or store driver.

/** Characters of a 查询码: digits and capitals without the look-alikes 0 O 1 I L (31 symbols, ≈4.95 bits each). */
export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Symbols in a 查询码: 12 × 4.95 ≈ 59 bits, beyond guessing through a rate-limited lookup. */
export const LOOKUP_CODE_LENGTH = 12;

/** An inquiry's state: `open` until staff reply, then `replied`. */
export type InquiryStatus = 'open' | 'replied';

/** Contact data a citizen chose to leave with an inquiry (at least one of the two). */
export interface InquiryContact {
  phone: string | null;
  email: string | null;
}

/** What the store receives for a new inquiry. The question is already masked; the code is only its hash. */
export interface InquiryInput {
  codeHash: string;
  question: string;
  answerId: string | null;
  /** Null when the citizen left none; stored in its own table. */
  contact: InquiryContact | null;
  /** ISO 8601 time, UTC. */
  at: string;
}

/** An inquiry as staff and the lookup see it: never its contact data, only whether it has any. */
export interface InquiryRecord {
  id: number;
  question: string;
  answerId: string | null;
  status: InquiryStatus;
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  faqId: number | null;
  hasContact: boolean;
}

/** Outcome of a reply: an inquiry is replied once. */
export type InquiryReplyResult =
  | { status: 'replied'; inquiry: InquiryRecord }
  | { status: 'not-found' }
  | { status: 'already-replied'; inquiry: InquiryRecord };

/** One staff look at an inquiry's contact data. */
export interface ContactView {
  actor: string;
  at: string;
}

/** A day the staff calendar overrides: a public holiday (`working: false`) or a weekend day worked (调休). */
export interface CalendarDay {
  /** `YYYY-MM-DD`, local date. */
  date: string;
  working: boolean;
  name: string;
}

/** Inquiry counts of one month, for the public statistics. */
export interface InquiryMonth {
  /** `YYYY-MM`, local. */
  month: string;
  received: number;
  replied: number;
}

/**
 * A new 查询码: {@link LOOKUP_CODE_LENGTH} symbols of {@link LOOKUP_ALPHABET} from the platform's CSPRNG, without
 * modulo bias (bytes ≥ 248 are drawn again), shown in groups of four (`7KQ2-M9XD-4HTR`).
 */
export function generateLookupCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let code = '';
  while (code.length < LOOKUP_CODE_LENGTH) {
    for (const byte of random(new Uint8Array(LOOKUP_CODE_LENGTH * 2))) {
      if (byte < 248 && code.length < LOOKUP_CODE_LENGTH) code += LOOKUP_ALPHABET[byte % LOOKUP_ALPHABET.length];
    }
  }
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/**
 * A 查询码 as typed (any case, full-width, with spaces or dashes) in its canonical form without dashes, or null when
 * it cannot be one.
 */
export function normalizeLookupCode(input: string): string | null {
  const code = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐-―_.]/g, '');
  if (code.length !== LOOKUP_CODE_LENGTH) return null;
  for (const ch of code) if (!LOOKUP_ALPHABET.includes(ch)) return null;
  return code;
}

/** SHA-256 (hex) of a normalized 查询码: what the store keeps and looks up. */
export async function hashLookupCode(normalized: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`qa-inquiry:${normalized}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The local date (`YYYY-MM-DD`) of an ISO time in a zone `utcOffsetMinutes` ahead of UTC. */
export function localDate(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether staff work on a date: the calendar's word for it, else Monday to Friday. */
export function isWorkingDay(date: string, calendar: ReadonlyMap<string, boolean>): boolean {
  const override = calendar.get(date);
  if (override !== undefined) return override;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The calendar as the day functions read it. */
export function calendarMap(days: readonly CalendarDay[]): Map<string, boolean> {
  return new Map(days.map((d) => [d.date, d.working]));
}

/** Most days counted by {@link workingDaysBetween} (ten years): the work per call is bounded. */
const MAX_DAYS = 3660;

/**
 * Working days after `from` up to and including `to` (local dates): received on a Monday, the inquiry is 1 working
 * day old on Tuesday. 0 when `to` is not after `from`.
 */
export function workingDaysBetween(from: string, to: string, calendar: ReadonlyMap<string, boolean>): number {
  let count = 0;
  for (let day = nextDate(from), n = 0; day <= to && n < MAX_DAYS; day = nextDate(day), n++) {
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

/** The `days`-th working day after `from`: the last day a reply is on time. */
export function dueDate(from: string, days: number, calendar: ReadonlyMap<string, boolean>): string {
  let day = from;
  for (let left = days, n = 0; left > 0 && n < MAX_DAYS; n++) {
    day = nextDate(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** Where an open inquiry stands against its deadline. */
export interface InquiryAge {
  /** Working days since it was received (the day it came in counts 0). */
  workingDays: number;
  /** Last day a reply is on time (`YYYY-MM-DD`). */
  dueDate: string;
  /** Open past its due date. */
  overdue: boolean;
}

/**
 * The age of an inquiry received at `createdAt`, on `now` (for a replied one: at its reply), against a deadline
 * of `deadlineDays` working days.
 */
export function inquiryAge(createdAt: string, now: string, deadlineDays: number, calendar: ReadonlyMap<string, boolean>, utcOffsetMinutes: number): InquiryAge {
  const from = localDate(createdAt, utcOffsetMinutes);
  const to = localDate(now, utcOffsetMinutes);
  const due = dueDate(from, deadlineDays, calendar);
  return { workingDays: workingDaysBetween(from, to, calendar), dueDate: due, overdue: to > due };
}

/** Longest phone number accepted, in characters; e-mail: RFC 5321's 254. */
export const MAX_PHONE_CHARS = 30;
export const MAX_EMAIL_CHARS = 254;

/**
 * A phone number as left by a citizen (digits with optional +, spaces, dashes, parentheses; 5 to 20 digits), folded
 * to half-width; null when it is not one.
 */
export function cleanPhone(input: string): string | null {
  const phone = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (phone.length > MAX_PHONE_CHARS || !/^\+?[\d\s()-]+$/.test(phone)) return null;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20 ? phone : null;
}

/** An e-mail address (one @, a dot in the domain, no spaces), folded to half-width; null when it is not one. */
export function cleanEmail(input: string): string | null {
  const email = input.normalize('NFKC').trim();
  return email.length <= MAX_EMAIL_CHARS && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/**
 * The first local date whose inquiries are not yet overdue on `today`: every open inquiry received before it is
 * past its due date (due dates never go back as the receipt date goes forward, so the overdue ones are the oldest).
 */
export function overdueCutoff(today: string, deadlineDays: number, calendar: ReadonlyMap<string, boolean>): string {
  let day = today;
  for (let n = 0; n < MAX_DAYS; n++) {
    const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (dueDate(previous, deadlineDays, calendar) < today) return day;
    day = previous;
  }
  return day;
}

/** The UTC instant a local date starts at, as an ISO time. */
export function startOfLocalDate(date: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000).toISOString();
}

/**
 * The receive time at or before which an inquiry never replied loses its contact data: `days` days before `now`
 * (ISO time), for `Store.purgeInquiryContacts`.
 *
 * @remarks Counted from receipt, so a 留言 nobody answers does not keep a phone number for ever; a reply gives the
 * contact row its own date (INQUIRY_CONTACT_RETENTION_DAYS after the reply) and this no longer applies to it.
 */
export function unrepliedContactCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
