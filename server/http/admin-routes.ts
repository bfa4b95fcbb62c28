// Owns the staff API under /api/admin/ (FAQ curation, unanswered questions, feedback, audit, hit test, overview) and
// the public feedback route, as createApp extensions over a Store and an FAQ index; runtime-neutral (hono only).
import type { Context, Hono } from 'hono';
import type {
  AdminAuditResponse,
  AdminFaqEntry,
  AdminFaqListResponse,
  AdminFeedbackResponse,
  AdminImportResponse,
  AdminOverviewResponse,
  AdminTestResponse,
  AdminUnansweredResponse,
  FeedbackResponse,
} from '../contract.js';
import { DEFAULT_ANSWER_OPTIONS } from '../core/answer.js';
import type { FaqIndex } from '../core/faq-match.js';
import {
  describeFieldErrors,
  formatFaqCsv,
  formatFaqJson,
  ImportFormatError,
  parseFaqCsv,
  parseFaqJson,
  validateFaqInput,
  type FieldErrors,
  type ParsedImport,
} from '../core/faq-transfer.js';
import { toWellFormed } from '../core/normalize.js';
import { maskPersonalData } from '../core/privacy.js';
import { MAX_SITE_DATA_BODY_BYTES } from '../core/site-data.js';
import type { UnansweredGroup } from '../core/store.js';
import type { AppDeps, QuestionEvent } from './app.js';
import { ApiError } from './errors.js';
import { inquiryRoutes } from './inquiry-routes.js';
import { statsRoutes } from './stats-routes.js';
import { createFailureThrottle, type FailureThrottle } from './rate-limit.js';
import { actorOf, intQuery, type StaffDeps } from './staff-request.js';
import { MAX_UPLOAD_BODY_BYTES } from './report-routes.js';
import { limitBody, MAX_BODY_BYTES, readJsonObject, validateQuestion } from './validate.js';

/** Largest import body, in bytes (an import is the one staff request that carries many entries). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/**
 * Largest body of one FAQ entry (create, edit), in bytes: room for every field at its limit (a 4,000-character
 * answer, 50 other phrasings of 200 characters) even with every character JSON-escaped.
 */
export const MAX_FAQ_ENTRY_BYTES = 256 * 1024;

/**
 * The body limit of each staff route that takes one; any other staff request is held to {@link MAX_BODY_BYTES}.
 * Checked after the staff token, so a client without it gets its 401 before a byte of the body is read.
 */
export const STAFF_BODY_LIMITS: ReadonlyArray<{ method: string; path: RegExp; maxBytes: number; advice: string }> = [
  { method: 'POST', path: /^\/api\/admin\/faq\/import\/?$/, maxBytes: MAX_IMPORT_BYTES, advice: 'split the file' },
  { method: 'POST', path: /^\/api\/admin\/faq\/?$/, maxBytes: MAX_FAQ_ENTRY_BYTES, advice: '' },
  { method: 'PUT', path: /^\/api\/admin\/faq\/[^/]+\/?$/, maxBytes: MAX_FAQ_ENTRY_BYTES, advice: '' },
  { method: 'POST', path: /^\/api\/admin\/reports(?:\/preview)?\/?$/, maxBytes: MAX_UPLOAD_BODY_BYTES, advice: 'upload fewer or smaller files at a time' },
  { method: 'PUT', path: /^\/api\/admin\/settings\/[^/]+\/?$/, maxBytes: MAX_SITE_DATA_BODY_BYTES, advice: 'keep the list shorter' },
];
/** Longest feedback comment, in characters. */
export const MAX_COMMENT_CHARS = 500;


const ADMIN_HEADERS = { 'Cache-Control': 'no-store' };

function fail(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409,
  code: string,
  message: string,
  extra: { fields?: FieldErrors; current?: AdminFaqEntry } = {},
) {
  const error = { code, message, ...(extra.fields ? { fields: extra.fields } : {}) };
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer realm="qa-robot staff"' } : {};
  return c.json({ error, ...(extra.current ? { current: extra.current } : {}) }, status, headers);
}

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * Compares a presented token with the configured one in constant time: both are hashed first, so neither the
 * position of the first difference nor the token's length shows in the timing.
 */
export async function tokenMatches(presented: string, expected: Uint8Array): Promise<boolean> {
  const got = await digest(presented);
  let diff = got.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (got[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}

/**
 * Whether a request comes from a page of another origin: its `Origin` names another host than the one it was sent
 * to (the Host header, or X-Forwarded-Host behind a trusted proxy), or the browser says `Sec-Fetch-Site` is not
 * same-origin. Requests without either header (curl, scripts) are not cross-origin.
 *
 * @remarks Only the host (with port) is compared: behind a TLS-terminating proxy the server sees http while the
 * page is https.
 */
export function isCrossOrigin(c: Context, trustProxy: boolean): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return true;
  }
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const own = (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase();
  return host !== own;
}


function entryId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError(404, 'not_found', `no FAQ entry ${JSON.stringify(raw)}: ids are whole numbers`);
  return id;
}


function boolQuery(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ApiError(400, 'invalid_query', `"${name}" must be true or false`);
}

async function readText(c: Context, maxBytes: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  const tooLarge = () => new ApiError(413, 'payload_too_large', `the file is larger than ${maxBytes / 1024 / 1024} MiB: split it`);
  if (declared > maxBytes) throw tooLarge();
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new ApiError(400, 'invalid_encoding', 'the file is not UTF-8 text: save it as "CSV UTF-8" (or JSON in UTF-8)');
  }
}

/** Most groups in one page of the unanswered list: each is checked against the FAQ (see {@link markResolved}). */
export const MAX_UNANSWERED_PAGE = 100;

/** How long FAQ matching may hold the event loop before it lets other requests run, in ms. */
const MATCH_SLICE_MS = 8;

/**
 * Says, for each group, which FAQ entry now answers it: the entry the matcher picks for its wording, when that entry
 * was saved after the group was last asked (or rated). Null otherwise.
 *
 * @remarks Matching is the costly part (one FAQ match per group), so a page is bounded ({@link MAX_UNANSWERED_PAGE})
 * and the work yields to the event loop every {@link MATCH_SLICE_MS} ms: citizens' questions are answered meanwhile.
 * A group asked after the last FAQ change cannot be resolved and is not matched at all.
 */
export async function markResolved(groups: readonly UnansweredGroup[], faq: FaqIndex): Promise<Array<UnansweredGroup & { resolvedBy: number | null }>> {
  if (groups.length === 0) return [];
  const entries = new Map((await faq.entries()).map((e) => [e.id, e]));
  let lastChange = '';
  for (const e of entries.values()) if (e.updatedAt > lastChange) lastChange = e.updatedAt;
  const out: Array<UnansweredGroup & { resolvedBy: number | null }> = [];
  let slice = Date.now();
  for (const g of groups) {
    let resolvedBy: number | null = null;
    if (lastChange > g.lastAskedAt) {
      if (Date.now() - slice >= MATCH_SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        slice = Date.now();
      }
      const match = await faq.match(g.question);
      const entry = match ? entries.get(match.id) : undefined;
      if (entry && entry.updatedAt > g.lastAskedAt) resolvedBy = entry.id;
    }
    out.push({ ...g, resolvedBy });
  }
  return out;
}

/** The start of the local day `days - 1` days before today, as an ISO time. */
function sinceDays(now: Date, days: number, utcOffsetMinutes: number): string {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  const start = Date.parse(`${local}T00:00:00Z`) - (days - 1) * 86_400_000 - utcOffsetMinutes * 60_000;
  return new Date(start).toISOString();
}

/** The staff API: every route behind the origin check and the bearer token. */
export function adminRoutes(staff: StaffDeps) {
  const { store, faq } = staff;
  const now = staff.now ?? (() => new Date());
  const throttle = staff.tokenThrottle ?? createFailureThrottle();
  return (app: Hono, deps: AppDeps): void => {
    const token = deps.config.adminToken;
    const expected = token ? digest(token) : null;
    const address = deps.clientAddress ?? (() => 'unknown');

    const guard = async (c: Context, next: () => Promise<void>) => {
      for (const [name, value] of Object.entries(ADMIN_HEADERS)) c.header(name, value);
      if (isCrossOrigin(c, deps.config.trustProxy)) {
        return fail(c, 403, 'cross_origin', 'the staff API only answers the staff console on its own origin');
      }
      if (!expected) {
        return fail(c, 401, 'staff_api_disabled', 'the staff API is disabled: set ADMIN_TOKEN (or start with `npm start`, which generates one)');
      }
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return fail(c, 401, 'unauthorized', 'send the staff token as "Authorization: Bearer <ADMIN_TOKEN>"');
      // Wrong tokens are throttled per address; while blocked no token is checked, so guessing learns nothing.
      const from = `staff:${address(c)}`;
      const allowed = throttle.check(from, now().getTime());
      if (!allowed.allowed) {
        c.header('Retry-After', String(allowed.retryAfterSeconds));
        return c.json(
          { error: { code: 'too_many_failures', message: `too many wrong staff tokens from this address: try again in ${allowed.retryAfterSeconds} s` } },
          429,
        );
      }
      if (!(await tokenMatches(match[1]!, await expected))) {
        throttle.fail(from, now().getTime());
        return fail(c, 401, 'unauthorized', 'the staff token is wrong: use the ADMIN_TOKEN the server was started with');
      }
      throttle.succeed(from);
      await next();
    };
    app.use('/api/admin', guard);
    app.use('/api/admin/*', guard);
    const limits = STAFF_BODY_LIMITS.map((l) => ({ ...l, check: limitBody(l.maxBytes, l.advice) }));
    const otherLimit = limitBody(MAX_BODY_BYTES);
    app.use('/api/admin/*', (c, next) => {
      const found = limits.find((l) => l.method === c.req.method && l.path.test(c.req.path));
      return (found?.check ?? otherLimit)(c, next);
    });

    const invalid = (c: Context, fields: FieldErrors) =>
      fail(c, 400, 'invalid_faq', describeFieldErrors(fields), { fields });

    app.get('/api/admin/faq', async (c) => {
      const body: AdminFaqListResponse = { entries: await store.listFaq() };
      return c.json(body);
    });

    app.post('/api/admin/faq', async (c) => {
      const checked = validateFaqInput(await readJsonObject(c, MAX_FAQ_ENTRY_BYTES));
      if (!checked.ok) return invalid(c, checked.fields);
      const entry: AdminFaqEntry = await store.createFaq(checked.input, actorOf(c), now().toISOString());
      c.header('Location', `/api/admin/faq/${entry.id}`);
      return c.json(entry, 201);
    });

    app.get('/api/admin/faq/export', async (c) => {
      const format = c.req.query('format') ?? 'json';
      if (format !== 'csv' && format !== 'json') throw new ApiError(400, 'invalid_query', '"format" must be csv or json');
      const entries = await store.listFaq();
      const stamp = now().toISOString();
      const name = `faq-${stamp.slice(0, 10).replace(/-/g, '')}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return c.body(formatFaqCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      return c.body(formatFaqJson(entries, stamp), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    });

    app.post('/api/admin/faq/import', async (c) => {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      const csv = /^text\/(?:csv|plain|tab-separated-values)\b/.test(type);
      const json = /^application\/(?:[\w.+-]+\+)?json\b/.test(type);
      if (!csv && !json) {
        throw new ApiError(415, 'unsupported_media_type', 'send the file as text/csv or application/json');
      }
      const text = await readText(c, MAX_IMPORT_BYTES);
      let parsed: ParsedImport;
      try {
        parsed = csv ? parseFaqCsv(text) : parseFaqJson(text);
      } catch (error) {
        if (error instanceof ImportFormatError) throw new ApiError(400, 'invalid_import', error.message);
        throw error;
      }
      const outcomes = parsed.rows.length > 0 ? await store.importFaq(parsed.rows.map((r) => r.input), actorOf(c), now().toISOString()) : [];
      const body: AdminImportResponse = {
        created: outcomes.filter((o) => o.status === 'created').length,
        updated: outcomes.filter((o) => o.status === 'updated').length,
        unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
        results: outcomes.map((o, i) => ({ line: parsed.rows[i]!.line, status: o.status, id: o.entry.id })),
        errors: parsed.errors,
      };
      return c.json(body);
    });

    app.get('/api/admin/faq/:id', async (c) => {
      const id = entryId(c);
      const entry = await store.getFaq(id);
      if (!entry) return fail(c, 404, 'not_found', `no FAQ entry ${id}`);
      return c.json(entry satisfies AdminFaqEntry);
    });

    app.put('/api/admin/faq/:id', async (c) => {
      const id = entryId(c);
      const body = await readJsonObject(c, MAX_FAQ_ENTRY_BYTES);
      const current = await store.getFaq(id);
      if (!current) return fail(c, 404, 'not_found', `no FAQ entry ${id}`);
      const version = body.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        return invalid(c, { version: 'is required: the version of the entry you edited (a whole number from GET)' });
      }
      const checked = validateFaqInput(body, current);
      if (!checked.ok) return invalid(c, checked.fields);
      const result = await store.updateFaq(id, checked.input, version, actorOf(c), now().toISOString());
      if (result.status === 'not-found') return fail(c, 404, 'not_found', `no FAQ entry ${id}`);
      if (result.status === 'conflict') {
        return fail(
          c,
          409,
          'version_conflict',
          `entry ${id} was changed by someone else (now version ${result.current.version}, you edited ${version}): reload it and redo your change`,
          { current: result.current },
        );
      }
      return c.json(result.entry satisfies AdminFaqEntry);
    });

    app.delete('/api/admin/faq/:id', async (c) => {
      const id = entryId(c);
      const raw = c.req.query('version');
      let version: number | undefined;
      if (raw !== undefined) {
        version = Number(raw);
        if (!Number.isInteger(version) || version < 1) throw new ApiError(400, 'invalid_query', '"version" must be a whole number');
      }
      const result = await store.deleteFaq(id, actorOf(c), version);
      if (result.status === 'not-found') return fail(c, 404, 'not_found', `no FAQ entry ${id}`);
      if (result.status === 'conflict') {
        return fail(c, 409, 'version_conflict', `entry ${id} was changed by someone else (now version ${result.current.version}): reload it first`, {
          current: result.current,
        });
      }
      return c.body(null, 204);
    });

    app.get('/api/admin/unanswered', async (c) => {
      const limit = intQuery(c, 'limit', 50, 1, MAX_UNANSWERED_PAGE);
      const offset = intQuery(c, 'offset', 0, 0, 10_000_000);
      const days = intQuery(c, 'days', 30, 1, 3650);
      const sort = c.req.query('sort') ?? 'count';
      if (sort !== 'count' && sort !== 'recent') throw new ApiError(400, 'invalid_query', '"sort" must be count or recent');
      const includeResolved = boolQuery(c, 'resolved') ?? false;
      const since = new Date(now().getTime() - days * 86_400_000).toISOString();
      const page = await store.unansweredPage({ since, limit, offset, sort });
      const groups = await markResolved(page.groups, faq);
      const shown = includeResolved ? groups : groups.filter((g) => g.resolvedBy === null);
      const next = offset + page.groups.length;
      const body: AdminUnansweredResponse = {
        since,
        groups: shown,
        total: page.total,
        offset,
        nextOffset: page.groups.length === limit && next < page.total ? next : null,
        hiddenResolved: groups.length - shown.length,
      };
      return c.json(body);
    });

    app.get('/api/admin/feedback', async (c) => {
      const limit = intQuery(c, 'limit', 100, 1, 1000);
      const helpful = boolQuery(c, 'helpful');
      const body: AdminFeedbackResponse = {
        feedback: await store.listFeedback({ limit, ...(helpful === undefined ? {} : { helpful }) }),
      };
      return c.json(body);
    });

    app.get('/api/admin/audit', async (c) => {
      const limit = intQuery(c, 'limit', 100, 1, 1000);
      const raw = c.req.query('faqId');
      const entityId = raw === undefined || raw === '' ? undefined : intQuery(c, 'faqId', 0, 1, Number.MAX_SAFE_INTEGER);
      const body: AdminAuditResponse = { entries: await store.listAudit({ limit, ...(entityId === undefined ? {} : { entityId }) }) };
      return c.json(body);
    });

    app.post('/api/admin/test', async (c) => {
      const question = validateQuestion((await readJsonObject(c)).question);
      const [{ result, corpus }, ranking] = await Promise.all([deps.engine.explain(question), faq.rank(question, 5)]);
      const index = deps.engine.index;
      const body: AdminTestResponse = {
        question: maskPersonalData(question),
        answer: result.response,
        faq: {
          threshold: ranking.threshold,
          questionTypes: ranking.analysis.types,
          answerKinds: ranking.analysis.asks,
          terms: ranking.analysis.terms.map((t) => ({ text: t.text, weight: round(t.weight) })),
          candidates: ranking.candidates.map((k) => ({
            id: k.id,
            question: k.question,
            phrasing: k.phrasing,
            score: round(k.score),
            queryCoverage: round(k.queryCoverage),
            entryCoverage: round(k.entryCoverage),
            sameKind: k.sameKind,
            keyWordMissing: k.keyWordMissing,
            shared: k.shared,
            missing: k.missing,
          })),
        },
        corpus: {
          matched: corpus.matched,
          reason: corpus.reason ?? null,
          questionTypes: corpus.analysis.types,
          concepts: corpus.analysis.concepts.map((k) => ({ text: k.text, weight: round(k.weight), synonyms: k.synonyms, known: k.known })),
          searchTerms: corpus.analysis.searchTerms,
          minCoverage: DEFAULT_ANSWER_OPTIONS.minCoverage,
          candidates: corpus.ranking.map((r) => {
            const passage = index.passages[r.passage];
            const doc = passage ? index.documents[passage.doc] : undefined;
            return {
              passage: r.passage,
              score: round(r.score),
              coverage: round(r.coverage),
              contextCoverage: round(r.contextCoverage),
              typeFit: round(r.typeFit),
              retrieval: round(r.retrieval),
              text: passage?.text ?? '',
              section: passage?.section.join(' › ') ?? '',
              document: doc?.title ?? '',
              year: doc?.year ?? null,
            };
          }),
        },
      };
      return c.json(body);
    });

    app.get('/api/admin/overview', async (c) => {
      const days = intQuery(c, 'days', 30, 1, 366);
      const tz = intQuery(c, 'tz', 480, -720, 840);
      const top = intQuery(c, 'top', 10, 1, 50);
      const overview = await store.overview({ since: sinceDays(now(), days, tz), utcOffsetMinutes: tz, top });
      const share = (n: number) => (overview.totals.total > 0 ? round(n / overview.totals.total) : 0);
      const rated = overview.feedback.helpful + overview.feedback.notHelpful;
      const body: AdminOverviewResponse = {
        since: overview.since,
        days: overview.days.slice(-days),
        totals: overview.totals,
        shares: { faq: share(overview.totals.faq), corpus: share(overview.totals.corpus), none: share(overview.totals.none) },
        feedback: { ...overview.feedback, helpfulRate: rated > 0 ? round(overview.feedback.helpful / rated) : null },
        topQuestions: overview.topQuestions,
      };
      return c.json(body);
    });
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** `POST /api/feedback`: a citizen rates an answer (rate-limited by the app like /api/ask). */
export function feedbackRoute(staff: StaffDeps) {
  const now = staff.now ?? (() => new Date());
  return (app: Hono, deps: AppDeps): void => {
    app.post('/api/feedback', async (c) => {
      const body = await readJsonObject(c, MAX_BODY_BYTES, deps.bodyReader);
      const { answerId, helpful, comment } = body;
      if (typeof answerId !== 'string' || !/^[A-Za-z0-9-]{1,100}$/.test(answerId)) {
        throw new ApiError(400, 'invalid_answer_id', '"answerId" is required: the "id" of the answer from /api/ask');
      }
      if (typeof helpful !== 'boolean') throw new ApiError(400, 'invalid_helpful', '"helpful" is required: true (有帮助) or false (没帮助)');
      let text: string | null = null;
      if (comment !== undefined && comment !== null) {
        if (typeof comment !== 'string') throw new ApiError(400, 'invalid_comment', '"comment" must be a string');
        const clean = toWellFormed(comment).replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').trim();
        if (Array.from(clean).length > MAX_COMMENT_CHARS) {
          throw new ApiError(400, 'comment_too_long', `"comment" is longer than ${MAX_COMMENT_CHARS} characters`);
        }
        text = clean ? maskPersonalData(clean) : null;
      }
      const saved = await staff.store.addFeedback({ answerId, helpful, comment: text, at: now().toISOString() });
      if (!saved) throw new ApiError(404, 'unknown_answer', 'no answer with this "answerId" (it may be older than the log keeps)');
      const response: FeedbackResponse = { id: saved.id };
      return c.json(response, 201);
    });
  };
}

/**
 * Everything the staff features add to {@link AppDeps}: the staff API and the feedback route, the question log,
 * the hot questions and the suggestion pool from enabled FAQ entries.
 */
export function staffAppDeps(staff: StaffDeps): Pick<AppDeps, 'extensions' | 'recordQuestion' | 'hotQuestions' | 'suggestionPool'> {
  return {
    // The inquiry routes' staff part must come after the staff guard that adminRoutes registers.
    extensions: [feedbackRoute(staff), adminRoutes(staff), inquiryRoutes(staff), statsRoutes(staff)],
    async recordQuestion(event: QuestionEvent) {
      try {
        await staff.store.recordQuestion({
          id: event.id,
          // app.ts masks before calling; masking again costs little and keeps the log clean if a caller forgets.
          question: maskPersonalData(event.question),
          matched: event.matched,
          faqId: event.faqId,
          passage: event.passage,
          askedAt: event.at,
        });
      } catch (error) {
        // The citizen still gets the answer; the log line carries no question text.
        staff.logger?.error('question_log.failed', { id: event.id, error: (error as Error).message });
      }
    },
    hotQuestions: () => staff.faq.hotQuestions(),
    suggestionPool: () => staff.faq.suggestionPool(),
  };
}
