// Owns the 留言 (inquiry) routes: citizens leave a question and read the reply by 查询码 (public, rate-limited), staff
// list, reply (optionally publishing an FAQ entry) and reveal contact data on purpose, and edit the working-day
// calendar (behind the staff guard of admin-routes.ts); runtime-neutral (hono only).
import type { Context, Hono } from 'hono';
import type {
  AdminCalendar,
  AdminInquiriesResponse,
  AdminInquiry,
  AdminInquiryContactResponse,
  AdminInquiryReplyResponse,
  InquiryCreatedResponse,
  InquiryLookupResponse,
} from '../contract.js';
import { describeFieldErrors, validateFaqInput } from '../core/faq-transfer.js';
import {
  calendarMap,
  cleanEmail,
  cleanPhone,
  generateLookupCode,
  hashLookupCode,
  inquiryAge,
  localDate,
  normalizeLookupCode,
  overdueCutoff,
  startOfLocalDate,
  unrepliedContactCutoff,
  type CalendarDay,
  type InquiryContact,
  type InquiryRecord,
} from '../core/inquiries.js';
import { toWellFormed } from '../core/normalize.js';
import { maskPersonalData } from '../core/privacy.js';
import type { AppDeps } from './app.js';
import { actorOf, intQuery, type StaffDeps } from './staff-request.js';
import { ApiError } from './errors.js';
import { createLogger } from './log.js';
import { createMemoryRateLimiter } from './rate-limit.js';
import { MAX_BODY_BYTES, readJsonObject } from './validate.js';

/** Longest inquiry question, in characters: room for the situation, not an essay. */
export const MAX_INQUIRY_CHARS = 1000;
/** Longest staff reply, in characters (an FAQ answer's limit). */
export const MAX_REPLY_CHARS = 4000;
/** Inquiries one client address may leave per minute, on top of the API's limit (off with RATE_LIMIT_PER_MINUTE=0). */
export const INQUIRIES_PER_MINUTE = 5;
/** Most calendar days staff may keep (about six years of holidays and worked weekends; fits the 16 KiB body). */
export const MAX_CALENDAR_DAYS = 200;
/** The staff's time zone, when a request names none: China, UTC+8. */
const DEFAULT_UTC_OFFSET = 480;

/** Free text from a citizen or staff: well-formed, no control characters (line breaks kept), trimmed. */
function cleanText(value: string): string {
  return toWellFormed(value).replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').trim();
}

/** A required text field of at most `max` characters, or a 400 naming the field. */
function requiredText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) throw new ApiError(400, `missing_${field}`, `"${field}" is required`);
  if (typeof value !== 'string') throw new ApiError(400, `invalid_${field}`, `"${field}" must be a string`);
  const text = cleanText(value);
  if (!text) throw new ApiError(400, `empty_${field}`, `"${field}" is empty`);
  if (Array.from(text).length > max) throw new ApiError(400, `${field}_too_long`, `"${field}" is longer than ${max} characters`);
  return text;
}

/** The contact data of a new inquiry, or null when none was given; 400 for a malformed one or one without consent. */
function readContact(body: Record<string, unknown>): InquiryContact | null {
  const field = (name: 'phone' | 'email', clean: (s: string) => string | null, example: string): string | null => {
    const value = body[name];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') throw new ApiError(400, `invalid_${name}`, `"${name}" must be a string`);
    if (!value.trim()) return null;
    const cleaned = clean(value);
    if (!cleaned) throw new ApiError(400, `invalid_${name}`, `"${name}" is not a ${name === 'phone' ? 'phone number' : 'e-mail address'} (for example ${example})`);
    return cleaned;
  };
  const phone = field('phone', cleanPhone, '0591-12345678');
  const email = field('email', cleanEmail, 'name@example.cn');
  const { consent } = body;
  if (consent !== undefined && typeof consent !== 'boolean') throw new ApiError(400, 'invalid_consent', '"consent" must be true or false');
  if (phone === null && email === null) return null;
  if (consent !== true) {
    throw new ApiError(400, 'consent_required', 'contact data is kept only with consent: send "consent": true, or leave out "phone" and "email"');
  }
  return { phone, email };
}

function toAdmin(inquiry: InquiryRecord, now: string, deadlineDays: number, calendar: ReadonlyMap<string, boolean>, tz: number): AdminInquiry {
  const age = inquiryAge(inquiry.createdAt, inquiry.repliedAt ?? now, deadlineDays, calendar, tz);
  // A replied inquiry is never overdue; its age says whether the reply came in time.
  return { ...inquiry, age: inquiry.status === 'replied' ? { ...age, overdue: false } : age };
}

function inquiryId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError(404, 'not_found', `no inquiry ${JSON.stringify(raw)}: ids are whole numbers`);
  return id;
}

/** The calendar of a PUT body, checked day by day; 400 naming the first wrong day. */
function readCalendar(body: Record<string, unknown>): CalendarDay[] {
  const { days } = body;
  if (!Array.isArray(days)) throw new ApiError(400, 'invalid_calendar', '"days" must be a list of { "date": "YYYY-MM-DD", "working": false, "name": "…" }');
  if (days.length > MAX_CALENDAR_DAYS) throw new ApiError(400, 'invalid_calendar', `"days" has more than ${MAX_CALENDAR_DAYS} days`);
  const seen = new Set<string>();
  return days.map((day: unknown, i): CalendarDay => {
    const d = (day ?? {}) as Record<string, unknown>;
    const date = typeof d.date === 'string' ? d.date : '';
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (!valid) throw new ApiError(400, 'invalid_calendar', `days[${i}].date must be a date as YYYY-MM-DD`);
    if (seen.has(date)) throw new ApiError(400, 'invalid_calendar', `days[${i}]: ${date} is listed twice`);
    seen.add(date);
    if (typeof d.working !== 'boolean') throw new ApiError(400, 'invalid_calendar', `days[${i}].working must be true (a weekend day worked) or false (a holiday)`);
    const name = d.name === undefined ? '' : d.name;
    if (typeof name !== 'string' || Array.from(name).length > 40) throw new ApiError(400, 'invalid_calendar', `days[${i}].name must be text of at most 40 characters`);
    return { date, working: d.working, name: cleanText(name) };
  });
}

/**
 * The inquiry routes, as a createApp extension. Public: `POST /api/inquiries`, `POST /api/inquiries/lookup` (the
 * app rate-limits and body-limits `/api/inquiries*` like /api/ask). Staff: `/api/admin/inquiries…` and
 * `/api/admin/calendar`, registered after the staff guard.
 *
 * @remarks Contact data never reaches a log line or a listing: only `POST /api/admin/inquiries/:id/contact`
 * returns it, and the store records each such call with the staff member's name in the same unit.
 */
export function inquiryRoutes(staff: StaffDeps) {
  const { store } = staff;
  const now = staff.now ?? (() => new Date());
  return (app: Hono, deps: AppDeps): void => {
    const log = deps.logger ?? createLogger(deps.config.logLevel);
    const limiter = deps.rateLimiter ?? createMemoryRateLimiter();
    const address = deps.clientAddress ?? (() => 'unknown');
    const deadlineDays = deps.config.inquiryDeadlineDays;

    app.post('/api/inquiries', async (c) => {
      const body = await readJsonObject(c, MAX_BODY_BYTES, deps.bodyReader);
      const question = maskPersonalData(requiredText(body.question, 'question', MAX_INQUIRY_CHARS));
      const { answerId } = body;
      if (answerId !== undefined && answerId !== null && (typeof answerId !== 'string' || !/^[A-Za-z0-9-]{1,100}$/.test(answerId))) {
        throw new ApiError(400, 'invalid_answer_id', '"answerId" must be the "id" of an answer from /api/ask');
      }
      const contact = readContact(body);
      const decision = deps.config.rateLimitPerMinute > 0 ? await limiter.hit(`inquiry:${address(c)}`, INQUIRIES_PER_MINUTE) : null;
      if (decision && !decision.allowed) {
        throw new ApiError(429, 'rate_limited', `too many questions left from here: try again in ${decision.retryAfterSeconds} s`, {
          'Retry-After': String(decision.retryAfterSeconds),
        });
      }
      const at = now().toISOString();
      const code = generateLookupCode();
      const codeHash = await hashLookupCode(normalizeLookupCode(code)!);
      const { id } = await store.createInquiry({ codeHash, question, answerId: typeof answerId === 'string' ? answerId : null, contact, at });
      log.info('inquiry.created', { id, contact: contact !== null });
      const response: InquiryCreatedResponse = { code, createdAt: at, deadlineDays };
      return c.json(response, 201);
    });

    app.post('/api/inquiries/lookup', async (c) => {
      const body = await readJsonObject(c, MAX_BODY_BYTES, deps.bodyReader);
      if (typeof body.code !== 'string') throw new ApiError(400, 'missing_code', '"code" is required: the 查询码 given when the question was left');
      const code = normalizeLookupCode(body.code);
      if (!code) throw new ApiError(400, 'invalid_code', '"code" is not a 查询码: 12 letters and digits, like 7KQ2-M9XD-4HTR');
      const found = await store.findInquiryByCode(await hashLookupCode(code));
      if (!found) throw new ApiError(404, 'unknown_code', 'no question was left with this 查询码: check the code');
      const response: InquiryLookupResponse = {
        status: found.status,
        question: found.question,
        createdAt: found.createdAt,
        reply: found.reply,
        repliedAt: found.repliedAt,
      };
      return c.json(response);
    });

    app.get('/api/admin/inquiries', async (c) => {
      const status = c.req.query('status') ?? 'open';
      if (status !== 'open' && status !== 'replied' && status !== 'all') {
        throw new ApiError(400, 'invalid_query', '"status" must be open, replied or all');
      }
      const limit = intQuery(c, 'limit', 50, 1, 200);
      const offset = intQuery(c, 'offset', 0, 0, 1_000_000);
      const tz = intQuery(c, 'tz', DEFAULT_UTC_OFFSET, -720, 840);
      const at = now().toISOString();
      const calendar = calendarMap(await store.listCalendar());
      const cutoff = startOfLocalDate(overdueCutoff(localDate(at, tz), deadlineDays, calendar), tz);
      const [list, open, overdue] = await Promise.all([
        store.listInquiries({ ...(status === 'all' ? {} : { status }), limit, offset }),
        store.countOpenInquiries(),
        store.countOpenInquiries(cutoff),
      ]);
      const body: AdminInquiriesResponse = {
        deadlineDays,
        open,
        overdue,
        inquiries: list.map((i) => toAdmin(i, at, deadlineDays, calendar, tz)),
      };
      return c.json(body);
    });

    app.get('/api/admin/inquiries/:id', async (c) => {
      const found = await store.getInquiry(inquiryId(c));
      if (!found) throw new ApiError(404, 'not_found', 'no such inquiry');
      const calendar = calendarMap(await store.listCalendar());
      return c.json(toAdmin(found, now().toISOString(), deadlineDays, calendar, intQuery(c, 'tz', DEFAULT_UTC_OFFSET, -720, 840)));
    });

    app.post('/api/admin/inquiries/:id/contact', async (c) => {
      const id = inquiryId(c);
      if (!(await store.getInquiry(id))) throw new ApiError(404, 'not_found', 'no such inquiry');
      const actor = actorOf(c);
      const contact = await store.revealInquiryContact(id, actor, now().toISOString());
      // Who looked, never what they saw.
      log.info('inquiry.contact_viewed', { id, actor });
      if (!contact) throw new ApiError(404, 'no_contact', 'this inquiry has no contact data (none was left, or it was deleted after the reply)');
      const body: AdminInquiryContactResponse = { ...contact, views: await store.listContactViews(id) };
      return c.json(body);
    });

    app.post('/api/admin/inquiries/:id/reply', async (c) => {
      const id = inquiryId(c);
      const body = await readJsonObject(c);
      const reply = requiredText(body.reply, 'reply', MAX_REPLY_CHARS);
      const current = await store.getInquiry(id);
      if (!current) throw new ApiError(404, 'not_found', 'no such inquiry');
      if (current.status === 'replied') throw new ApiError(409, 'already_replied', 'this inquiry has been replied to already');
      const { publishFaq } = body;
      if (publishFaq !== undefined && publishFaq !== null && typeof publishFaq !== 'boolean' && (typeof publishFaq !== 'object' || Array.isArray(publishFaq))) {
        throw new ApiError(400, 'invalid_publish_faq', '"publishFaq" must be true, false or { "question", "alternatives", "tags" }');
      }
      const at = now();
      const actor = actorOf(c);
      let faq = null;
      if (publishFaq) {
        const fields = typeof publishFaq === 'object' ? (publishFaq as Record<string, unknown>) : {};
        const checked = validateFaqInput({ ...fields, question: fields.question ?? current.question, answer: reply, link: null, enabled: true, hot: false });
        if (!checked.ok) {
          return c.json({ error: { code: 'invalid_faq', message: describeFieldErrors(checked.fields) }, fields: checked.fields }, 400);
        }
        faq = await store.createFaq(checked.input, actor, at.toISOString());
      }
      const deleteContactAfter = new Date(at.getTime() + deps.config.inquiryContactRetentionDays * 86_400_000).toISOString();
      const result = await store.replyInquiry(id, { text: reply, actor, at: at.toISOString(), faqId: faq?.id ?? null, deleteContactAfter });
      if (result.status === 'not-found') throw new ApiError(404, 'not_found', 'no such inquiry');
      if (result.status === 'already-replied') throw new ApiError(409, 'already_replied', 'this inquiry was replied to meanwhile');
      // Contact data past its date goes now (a retention of 0 days: at once), not only at the daily purge.
      await store.purgeInquiryContacts(at.toISOString(), unrepliedContactCutoff(at, deps.config.inquiryContactUnrepliedDays));
      log.info('inquiry.replied', { id, actor, faq: faq?.id ?? null });
      const calendar = calendarMap(await store.listCalendar());
      const response: AdminInquiryReplyResponse = {
        inquiry: toAdmin(result.inquiry, at.toISOString(), deadlineDays, calendar, DEFAULT_UTC_OFFSET),
        faq,
      };
      return c.json(response);
    });

    app.get('/api/admin/calendar', async (c) => {
      const body: AdminCalendar = { days: await store.listCalendar() };
      return c.json(body);
    });

    app.put('/api/admin/calendar', async (c) => {
      const days = readCalendar(await readJsonObject(c));
      await store.replaceCalendar(days);
      log.info('calendar.replaced', { actor: actorOf(c), days: days.length });
      const body: AdminCalendar = { days: await store.listCalendar() };
      return c.json(body);
    });
  };
}
