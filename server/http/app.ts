// Owns the HTTP application both runtimes serve: routes, validation, errors, CORS, security headers, rate limits.
// Runtime-neutral: what differs per runtime (assets, client address, storage, rate-limit store) is passed in.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../config.js';
import type { AskResponse, HealthResponse, HotQuestionsResponse, SuggestResponse } from '../contract.js';
import type { AnswerResult, QaEngine } from '../core/engine.js';
import { maskPersonalData } from '../core/privacy.js';
import { createAnswerabilityCache, findNearestQuestions } from '../core/nearest-questions.js';
import { findClarification } from '../core/clarify.js';
import { mergeHotQuestions, relatedQuestions } from '../core/related.js';
import { suggestQuestions } from '../core/suggest.js';
import { ApiError, errorResponse } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { defaultDocument, renderReportList, renderReportPage, SITE_CSS, SITE_JS, type SiteSettings } from './pages.js';
import { createMemoryRateLimiter, rateKeys, type RateLimiter } from './rate-limit.js';
import { newAnswerId } from '../core/answer-id.js';
import { askMemoKey, createAskMemo, withAnswerId, type AskMemoEntry } from './ask-memo.js';
import { limitBody, limitJsonBody, MAX_BODY_BYTES, readJsonObject, validatePath, validateQuestion, validateReport, type BodyReader } from './validate.js';

/** What a runtime hands to {@link createApp}. */
export interface AppDeps {
  engine: QaEngine;
  config: Config;
  runtime: 'node' | 'workers';
  site: SiteSettings;
  /** The site settings in effect now, when staff can change them while the server runs (Node); default `site`. */
  currentSite?: () => SiteSettings;
  /** Serves built files (widget.js, the staff console); null when the file does not exist. */
  assets?: (path: string) => Promise<Response | null>;
  /** The client's network address (for rate limiting); the runtime knows where it comes from. */
  clientAddress?: (c: Context) => string;
  /**
   * Lets work finish after the response is sent (Workers: `waitUntil`), so an answer does not wait for its log
   * line to be written; returns false when it cannot (then the answer waits for the work).
   */
  afterResponse?: (c: Context, work: Promise<void>) => boolean;
  /** Reads JSON bodies of the public API without the web Request, where the runtime can (Node: node-body.ts). */
  bodyReader?: BodyReader;
  rateLimiter?: RateLimiter;
  logger?: Logger;
  /** Extra routes mounted by other modules (staff API, feedback), given the same dependencies. */
  extensions?: Array<(app: Hono, deps: AppDeps) => void>;
  /** Records an answered question (masked) for the staff's unanswered list; optional. */
  recordQuestion?: (entry: QuestionEvent) => Promise<void>;
  /** More questions to suggest while typing (FAQ questions); optional. */
  suggestionPool?: () => Promise<string[]>;
  /** Hot questions (staff-marked FAQ entries); falls back to the site's configured ones. */
  hotQuestions?: () => Promise<string[]>;
}

/** One answered question, as the question log receives it. `question` is already masked. */
export interface QuestionEvent {
  id: string;
  question: string;
  matched: AskResponse['matched'];
  faqId: number | null;
  passage: number | null;
  at: string;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** Content-Security-Policy of the server's own HTML pages: no inline script or style, nothing from elsewhere. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** Content-Security-Policy of the staff console: as strict, and never framed (no clickjacking of staff actions). */
export /** Caching of /widget.js and /widget-app.js, the same on every runtime. */
const WIDGET_CACHE_CONTROL = 'public, max-age=300';
const ADMIN_CSP = PAGE_CSP.replace("frame-ancestors 'self'", "frame-ancestors 'none'");

function html(c: Context, body: string, status: 200 | 404 = 200): Response {
  c.header('Content-Security-Policy', PAGE_CSP);
  return c.html(body, status);
}

/** Creates the application. Both runtimes wrap this same function. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const log = deps.logger ?? createLogger(deps.config.logLevel);
  const limiter = deps.rateLimiter ?? createMemoryRateLimiter();
  const address = deps.clientAddress ?? (() => 'unknown');
  const { engine, config } = deps;
  const siteNow = () => deps.currentSite?.() ?? deps.site;

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  // A malformed %-escape is the client's mistake: a 400 here, not a URIError (500) in whoever decodes the path later.
  app.use('*', async (c, next) => {
    validatePath(c.req.url);
    await next();
  });

  // CORS for the public API: the site's pages on other origins call it; never with credentials.
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/admin')) return next();
    const origin = c.req.header('origin');
    const allowed =
      origin !== undefined && (config.allowedOrigins === '*' || config.allowedOrigins.includes(origin.replace(/\/+$/, '')));
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 204);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': config.allowedOrigins === '*' ? '*' : origin!,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, X-QA-Client',
        'Access-Control-Max-Age': '86400',
        Vary: 'Origin',
      });
    }
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', config.allowedOrigins === '*' ? '*' : origin!);
      c.res.headers.append('Vary', 'Origin');
    }
  });

  const limited = async (c: Context, next: () => Promise<void>) => {
    if (config.rateLimitPerMinute > 0 && c.req.method !== 'OPTIONS') {
      for (const [key, limit] of rateKeys(address(c), c.req.header('x-qa-client'), config.rateLimitPerMinute)) {
        const decision = await limiter.hit(key, limit);
        if (!decision.allowed) {
          throw new ApiError(429, 'rate_limited', `too many requests: try again in ${decision.retryAfterSeconds} s`, {
            'Retry-After': String(decision.retryAfterSeconds),
          });
        }
      }
    }
    await next();
  };
  app.use('/api/ask', limited);
  app.use('/api/suggest', limited);
  app.use('/api/feedback', limited);
  app.use('/api/inquiries/*', limited);
  app.use('/api/inquiries', limited);
  app.use('/api/stats', limited);
  app.use('/stats', limited);
  // After the rate limit: bodies are counted as they stream and never read past the limit (staff routes set their own).
  app.use('/api/ask', limitJsonBody(MAX_BODY_BYTES, deps.bodyReader));
  app.use('/api/feedback', limitJsonBody(MAX_BODY_BYTES, deps.bodyReader));
  app.use('/api/inquiries/*', limitJsonBody(MAX_BODY_BYTES, deps.bodyReader));
  app.use('/api/inquiries', limitJsonBody(MAX_BODY_BYTES, deps.bodyReader));

  app.get('/healthz', (c) => {
    const body: HealthResponse = {
      status: 'ok',
      documents: engine.index.documents.length,
      passages: engine.index.passages.length,
      runtime: deps.runtime,
    };
    return c.json(body);
  });

  // The hot questions and the pool change only with an FAQ edit or new site settings, and the FAQ index returns the
  // same arrays for a revision: they are merged once per change, not per answer (and the same pool array lets
  // core/suggest.ts find its prepared index at once).
  const none: string[] = [];
  let hotMerged: { staff: readonly string[]; site: readonly string[]; merged: string[] } | null = null;
  let poolMerged: { hot: readonly string[]; faq: readonly string[]; pool: string[] } | null = null;
  const hotQuestions = async () => {
    const staff = deps.hotQuestions ? await deps.hotQuestions() : none;
    const site = siteNow().hotQuestions;
    if (hotMerged?.staff !== staff || hotMerged.site !== site) hotMerged = { staff, site, merged: mergeHotQuestions(staff, site) };
    return hotMerged.merged;
  };
  const suggestionPool = async () => {
    const hot = await hotQuestions();
    const faq = deps.suggestionPool ? await deps.suggestionPool() : none;
    if (poolMerged?.hot !== hot || poolMerged.faq !== faq) poolMerged = { hot, faq, pool: [...hot, ...faq] };
    return poolMerged.pool;
  };
  const answerability = createAnswerabilityCache();
  /** For a question the robot cannot answer: answerable questions near it (nearest-questions.ts), else the hot questions. */
  const suggestionsFor = async (question: string, result: AnswerResult, report?: string) => {
    const pool = await suggestionPool();
    const place = report ? { report } : {};
    const isAnswerable = async (candidate: string) => (await engine.answer(candidate, place)).response.matched !== 'none';
    const near = await findNearestQuestions(engine.index, { question, corpus: result.corpus, placeKey: report ?? '' }, pool, isAnswerable, answerability);
    return near.questions.length > 0 ? near.questions : pool.slice(0, 3);
  };

  // Whole answers of popular questions, per engine, FAQ revision and site settings (ask-memo.ts).
  const askMemo = createAskMemo();
  /** The answer to a question on a page: from the memo, or worked out (engine, related questions, suggestions). */
  const answerFor = async (question: string, report: string | undefined, now: Date): Promise<AskMemoEntry> => {
    const pool = await suggestionPool();
    const generation = [engine.answer, pool, siteNow()];
    const key = askMemoKey(question, report, now);
    const known = askMemo.get(generation, key);
    if (known) return known;
    const result = await engine.answer(question, report ? { report, now } : { now });
    const response: Omit<AskResponse, 'id'> = { ...result.response };
    if (response.matched === 'none') response.suggestions = await suggestionsFor(question, result, report);
    else {
      const related = relatedQuestions(question, pool, await hotQuestions(), result.faq ? [result.faq.question] : []);
      if (related.length > 0) response.related = related;
      const clarify = result.corpus ? findClarification(engine.index, result.corpus) : null;
      if (clarify) response.clarify = clarify;
    }
    const entry: AskMemoEntry = {
      body: JSON.stringify(response),
      matched: response.matched,
      faqId: result.faq?.id ?? null,
      passage: result.corpus?.passages[0] ?? null,
    };
    askMemo.set(generation, key, entry);
    return entry;
  };

  const ask = async (c: Context, question: string, report?: string) => {
    const started = Date.now();
    const now = new Date(started);
    const answer = await answerFor(question, report, now);
    const id = newAnswerId(started);
    const masked = maskPersonalData(question);
    const logging = deps.recordQuestion?.({
      id,
      question: masked,
      matched: answer.matched,
      faqId: answer.faqId,
      passage: answer.passage,
      at: now.toISOString(),
    });
    if (logging) {
      const safe = logging.catch((error: unknown) => log.error('question_log.failed', { id, error: String(error) }));
      if (!deps.afterResponse?.(c, safe)) await safe;
    }
    log.info('ask', { id, matched: answer.matched, ms: Date.now() - started });
    log.debug('ask.question', { id, question: masked });
    return c.body(withAnswerId(id, answer.body), 200, { 'Content-Type': 'application/json' });
  };
  app.post('/api/ask', async (c) => {
    const body = await readJsonObject(c, MAX_BODY_BYTES, deps.bodyReader);
    return ask(c, validateQuestion(body.question), validateReport(body.report));
  });
  app.get('/api/ask', async (c) => ask(c, validateQuestion(c.req.query('q'), 'q'), validateReport(c.req.query('report'))));

  app.get('/api/suggest', async (c) => {
    const q = c.req.query('q') ?? '';
    if (Array.from(q).length > 200) throw new ApiError(400, 'query_too_long', '"q" is longer than 200 characters');
    const body: SuggestResponse = { suggestions: suggestQuestions(q, await suggestionPool()) };
    return c.json(body);
  });

  app.get('/api/faq/hot', async (c) => {
    const body: HotQuestionsResponse = { questions: await hotQuestions() };
    return c.json(body);
  });

  for (const extend of deps.extensions ?? []) extend(app, deps);

  app.get('/', (c) => html(c, renderReportPage(engine.index, defaultDocument(engine.index, siteNow()), siteNow())));
  app.get('/reports', (c) => html(c, renderReportList(engine.index, siteNow())));
  app.get('/reports/:slug', (c) => {
    const slug = c.req.param('slug');
    const doc = engine.index.documents.findIndex((d) => d.slug === slug);
    if (doc === -1) throw new ApiError(404, 'not_found', `no report named ${JSON.stringify(slug)}`);
    return html(c, renderReportPage(engine.index, doc, siteNow()));
  });
  app.get('/assets/site.css', (c) => c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/site.js', (c) => c.body(SITE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  app.get('*', async (c, next) => {
    const found = deps.assets ? await deps.assets(c.req.path) : null;
    if (!found) return next();
    const response = new Response(found.body, found);
    if (c.req.path === '/widget.js' || c.req.path === '/widget-app.js') {
      // Other sites load the widget with a plain <script> tag.
      response.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
      response.headers.set('Access-Control-Allow-Origin', '*');
      // Set here, not by each runtime's asset layer (Workers' default is max-age=0, must-revalidate): the names carry
      // no content hash, so five minutes bounds how long a new version takes to reach every page.
      response.headers.set('Content-Type', 'text/javascript; charset=utf-8');
      response.headers.set('Cache-Control', WIDGET_CACHE_CONTROL);
    } else if (c.req.path === '/admin' || c.req.path.startsWith('/admin/')) {
      response.headers.set('Content-Security-Policy', ADMIN_CSP);
      response.headers.set('X-Frame-Options', 'DENY');
      response.headers.set('Cache-Control', 'no-store');
    }
    return response;
  });
  // Browsers ask every site for an icon; without one of the site's own (an asset), an empty answer, not a 404.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));

  app.notFound((c) => errorResponse(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return errorResponse(c, error.status, error.code, error.message);
    }
    if (error instanceof URIError) {
      log.warn('malformed_uri', { path: c.req.path.slice(0, 200) });
      return errorResponse(c, 400, 'invalid_path', 'the address has a malformed %-escape');
    }
    if (error instanceof HTTPException) {
      return errorResponse(c, error.status as 400, 'bad_request', error.message || 'bad request');
    }
    log.error('unhandled', { path: c.req.path, error: (error as Error).stack ?? String(error) });
    return errorResponse(c, 500, 'internal_error', 'the server failed to handle this request; it has been logged');
  });
  return app;
}
