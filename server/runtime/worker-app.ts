// Owns building the app of a Worker isolate: the same createApp(...) as Node, with the TypeScript jieba port, the
// index read from static assets, and D1 for the staff features (FAQ, question log, feedback, audit) and the rate
// limits; runtime-neutral (no node:* or Cloudflare packages), so the bench can load it on Node. See docs/workers.md.
import type { Context, Hono } from 'hono';
import { readConfig, type Config } from '../config.js';
import { parseAliases } from '../core/agencies.js';
import { createQaEngine } from '../core/engine.js';
import { contextWordsOf, createFaqIndex, type FaqIndex } from '../core/faq-match.js';
import { createJiebaSegmenter, loadJiebaDictionary } from '../core/jieba.js';
import { unrepliedContactCutoff } from '../core/inquiries.js';
import { normalizeText } from '../core/normalize.js';
import { loadSearchIndex, type IndexArtifact } from '../core/search-index.js';
import type { Store } from '../core/store.js';
import { parseSynonyms } from '../core/synonyms.js';
import { staffAppDeps } from '../http/admin-routes.js';
import { createApp, type AppDeps } from '../http/app.js';
import { createLogger, type Logger } from '../http/log.js';
import { parseSiteSettings, type SiteSettings } from '../http/pages.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { reportRoutes } from '../http/report-routes.js';
import { settingsRoutes } from '../http/settings-routes.js';
import { createD1RateLimiter, purgeRateLimits } from '../store/d1-rate-limit.js';
import { createD1Store, type D1Database } from '../store/d1-store.js';
import { cacheFaqRevision } from '../store/faq-revision-cache.js';

/** Bindings and vars of the Worker (wrangler.toml; ADMIN_TOKEN is a secret). */
export interface WorkerEnv {
  ASSETS: { fetch(input: Request | string): Promise<Response> };
  /** The D1 database of the staff features and the rate limits; without it the Worker answers from the index only. */
  DB?: D1Database;
  [name: string]: unknown;
}

/** Paths under the assets directory that hold the index; loaded by the Worker, never served to browsers. */
const INDEX_PREFIX = '/_index/';

/**
 * How long an isolate reuses the FAQ revision it read, in ms.
 *
 * @remarks createFaqIndex reads the revision row for every question (and the staff's unanswered list matches up
 * to 150 questions per request); on D1 each read is a round trip to the database's primary. With this cache an
 * isolate reads it at most once per interval, so an edit made in another isolate reaches this one within 2 s, and
 * an edit made through this isolate at once (its own writes drop the cache).
 */
export const FAQ_REVISION_TTL_MS = 2_000;

async function readAsset(env: WorkerEnv, path: string): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${path}`));
  if (!res.ok) {
    throw new Error(`the Worker's ${path} asset is missing (${res.status}): run \`npm run build\` before deploying`);
  }
  return res;
}

/** The string vars and secrets of a Worker's environment, for readConfig (bindings are objects). */
export function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A limiter that allows everything, for a Worker without D1 (an in-memory count would reset per isolate). */
const UNLIMITED: RateLimiter = { hit: async () => ({ allowed: true, retryAfterSeconds: 0 }) };

/** Deletes logged questions and feedback older than LOG_RETENTION_DAYS, inquiry contact data past its date, and ended rate-limit windows. */
export async function purgeOld(db: D1Database, store: Store, config: Config, log: Logger): Promise<void> {
  const before = new Date(Date.now() - config.logRetentionDays * 86_400_000).toISOString();
  try {
    const removed = await store.purge(before);
    const now = new Date();
    const contacts = await store.purgeInquiryContacts(now.toISOString(), unrepliedContactCutoff(now, config.inquiryContactUnrepliedDays));
    const windows = await purgeRateLimits(db);
    log.info('retention.purged', { before, ...removed, inquiryContacts: contacts, rateLimitWindows: windows });
  } catch (error) {
    log.error('retention.failed', { error: (error as Error).message });
  }
}

/** What the log says when D1 fails because the migrations were never applied, naming the fix. */
function describeD1Failure(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return /no such table/i.test(message)
    ? `${message}: apply the migrations (\`npx wrangler d1 migrations apply qa-robot --local\`, or --remote once deployed)`
    : message;
}

/**
 * The citizen-facing uses of the FAQ index (answering, hot questions, suggestions), answering as if there were no
 * FAQ entries when D1 fails: the reports still answer during a database outage, or before the migrations ran.
 * The staff API keeps the failing index and reports the error.
 */
function tolerateD1Failure(faq: FaqIndex, log: Logger): Pick<FaqIndex, 'match' | 'hotQuestions' | 'suggestionPool'> {
  const guarded =
    <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>, fallback: R) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        log.error('faq.unavailable', { during: what, error: describeD1Failure(error) });
        return fallback;
      }
    };
  return {
    match: guarded('match', async (q: string) => faq.match(q), null),
    hotQuestions: guarded('hotQuestions', () => faq.hotQuestions(), []),
    suggestionPool: guarded('suggestionPool', () => faq.suggestionPool(), []),
  };
}

/** What an isolate keeps: the app, and what the retention purge needs. */
export interface WorkerApp {
  app: Hono;
  config: Config;
  log: Logger;
  db: D1Database | null;
  store: Store | null;
  faq: FaqIndex | null;
}

/** Builds the app for this isolate: reads the index, dictionary, synonyms and site settings from the assets. */
export async function createWorkerApp(env: WorkerEnv, dictionaryBytes: Uint8Array): Promise<WorkerApp> {
  const config = readConfig(stringVars(env));
  const log = createLogger(config.logLevel);
  const db = env.DB ?? null;
  const store: Store | null = db ? cacheFaqRevision(createD1Store(db), FAQ_REVISION_TTL_MS) : null;
  // The first question needs the FAQ revision from D1: read while the assets are (the cache keeps it; a failure is
  // not cached, and answering then goes on without the FAQ as tolerateD1Failure says).
  void store?.faqRevision().catch(() => undefined);
  const [artifact, synonymsText, siteJson, aliasesText] = await Promise.all([
    readAsset(env, `${INDEX_PREFIX}index.json`).then((r) => r.json() as Promise<IndexArtifact>),
    readAsset(env, `${INDEX_PREFIX}synonyms.txt`).then((r) => r.text()),
    readAsset(env, `${INDEX_PREFIX}site.json`).then((r) => r.json() as Promise<Record<string, unknown>>),
    // Older builds have no aliases asset: no staff aliases then.
    readAsset(env, `${INDEX_PREFIX}aliases.txt`).then((r) => r.text(), () => ''),
  ]);
  const dictionary = loadJiebaDictionary(dictionaryBytes);
  const segmenter = createJiebaSegmenter(dictionary);
  const index = loadSearchIndex(artifact, segmenter);
  const synonyms = parseSynonyms(synonymsText, normalizeText);
  const site: SiteSettings = parseSiteSettings(siteJson, { siteName: '政府网站', hotQuestions: [] });
  const aliases = parseAliases(aliasesText);

  let faq: FaqIndex | null = null;
  let staff: Partial<AppDeps> = {};
  let rateLimiter = UNLIMITED;
  let matchFaq: FaqIndex['match'] | null = null;
  if (db && store) {
    // The same matcher options as Node's createNodeFaqIndex: the segmenter, dictionary and synonyms of the index.
    faq = createFaqIndex(store, {
      segmenter,
      synonyms,
      generalFrequency: (word) => dictionary.frequency(word),
      contextWords: contextWordsOf(site.siteName, segmenter),
    });
    const deps = staffAppDeps({ store, faq, logger: log });
    const citizen = tolerateD1Failure(faq, log);
    // The FAQ entries load from D1 while the engine and the app are built, not when the first citizen asks.
    void citizen.suggestionPool();
    matchFaq = citizen.match;
    // The staff API's guard must be registered before any other /api/admin route: staff extensions go first.
    // Without a publisher the report routes list the deployed reports and answer changes with 501 and the deploy steps.
    staff = {
      ...deps,
      hotQuestions: citizen.hotQuestions,
      suggestionPool: citizen.suggestionPool,
      extensions: [...(deps.extensions ?? []), reportRoutes(null), settingsRoutes(null)],
    };
    rateLimiter = createD1RateLimiter(db, { onError: (error) => log.error('rate_limit.failed', { error: describeD1Failure(error) }) });
  } else {
    log.warn('worker.no_database', {
      message: 'no D1 binding "DB": FAQ, staff API, feedback, question log and rate limiting are off (see wrangler.toml)',
    });
  }
  const engine = createQaEngine({ index, dictionary, synonyms, site, aliases, ...(matchFaq ? { faq: matchFaq } : {}) });
  const app = createApp({
    engine,
    config,
    runtime: 'workers',
    site,
    logger: log,
    rateLimiter,
    clientAddress: (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown',
    // The question log's D1 write goes on after the answer (the store makes feedback wait for it in this isolate).
    afterResponse: (c: Context, work: Promise<void>) => {
      let ctx: { waitUntil(p: Promise<unknown>): void };
      try {
        ctx = c.executionCtx;
      } catch {
        return false; // no ExecutionContext (app.request in tests): the answer waits
      }
      ctx.waitUntil(work);
      return true;
    },
    assets: async (path) => {
      if (path.startsWith(INDEX_PREFIX)) return null;
      // The staff console's page by its canonical path: html_handling (auto-trailing-slash) may answer
      // /admin/index.html with a redirect to /admin/.
      const asset = path === '/admin' || path === '/admin/index.html' ? '/admin/' : path;
      const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${asset}`));
      return res.ok ? res : null;
    },
    ...staff,
  });
  return { app, config, log, db, store, faq };
}
