// The Node runtime shell: reads the environment, prepares the engine, serves createApp(...) with @hono/node-server
// and the built widget/console files from dist/public.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ConfigError, readConfig, type Config } from '../config.js';
import { createQaEngine, createSwappableEngine } from '../core/engine.js';
import { IndexMismatchError, loadSearchIndex, type SearchIndex } from '../core/search-index.js';
import type { Store } from '../core/store.js';
import { staffAppDeps } from '../http/admin-routes.js';
import { createApp, type AppDeps } from '../http/app.js';
import { nodeBodyReader } from './node-body.js';
import { createLogger, type Logger } from '../http/log.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { loadCorpusEngine, readAliases, readSiteSettings, readSynonyms, type QuestionSegmenter } from './node-engine.js';
import { createNodeFaqIndex, createSwappableFaqIndex, resolveAdminToken, scheduleRetention, type SwappableFaqIndex } from './node-staff.js';
import { reportRoutes } from '../http/report-routes.js';
import { createReportPublisher } from './report-publisher.js';
import { settingsRoutes } from '../http/settings-routes.js';
import { createSiteDataService } from './site-data-service.js';
import { describeNewAgency } from '../core/site-data.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Serves files under `root` for the asset paths the app asks for; never outside `root`. */
export function createFileAssets(root: string): (path: string) => Promise<Response | null> {
  const base = resolve(root);
  return async (path) => {
    let rel = decodeURIComponent(path);
    if (rel === '/admin' || rel === '/admin/') rel = '/admin/index.html';
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep)) return null;
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = rel.startsWith('/admin/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    return new Response(readFileSync(file), { headers: { 'Content-Type': type, 'Cache-Control': cache } });
  };
}

/**
 * The address a trusted proxy saw the request come from, in an `X-Forwarded-For` value: the `hops`-th entry from the
 * right (the left-most when there are fewer), or undefined when there is none.
 *
 * @remarks Each proxy appends the address it was connected from (nginx: `$proxy_add_x_forwarded_for`), so the
 * right-most entry is written by the proxy next to the server, and everything to the left of the entry the outermost
 * trusted proxy appended is whatever the client sent — taking the left-most lets a client choose its address, and
 * with it a fresh rate-limit budget per request.
 */
export function forwardedClientAddress(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

/** The client address: the socket's, or the one the trusted proxy appended to X-Forwarded-For (TRUST_PROXY=N). */
export function nodeClientAddress(config: Config): (c: Context) => string {
  return (c) => {
    const forwarded = forwardedClientAddress(c.req.header('x-forwarded-for'), config.trustProxyHops);
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

/** What {@link createNodeApp} takes besides the configuration: overrides of the app's dependencies. */
export interface NodeAppExtra extends Partial<AppDeps> {
  /** The store of the staff features; default: SQLite in DATA_DIR (opened here, closed by the caller). */
  store?: Store;
  /** What segments questions; default the TypeScript port (see loadCorpusEngine). */
  questionSegmenter?: QuestionSegmenter;
}

/**
 * Builds the app with everything Node provides (used by `npm start` and by the tests): the corpus engine, and the
 * staff features over the store (FAQ answering, staff API, feedback, question log). The staff API answers only
 * when `config.adminToken` is set; `npm start` sets it (see resolveAdminToken).
 */
export function createNodeApp(config: Config, log: Logger, extra: NodeAppExtra = {}) {
  const { store: givenStore, questionSegmenter, ...overrides } = extra;
  // The FAQ index needs the segmenter and dictionary the corpus loads with; the engine asks it through this binding.
  let faq: SwappableFaqIndex | null = null;
  const faqMatcher = (question: string) => (faq ? faq.match(question) : null);
  const loaded = loadCorpusEngine(config, log, faqMatcher, questionSegmenter);
  const store = givenStore ?? openSqliteStore({ dataDir: config.dataDir });
  // Swappable: a change of the synonyms or the site name re-prepares the FAQ entries with them.
  faq = createSwappableFaqIndex(createNodeFaqIndex(store, loaded));
  const staff = staffAppDeps({ store, faq, logger: log });
  // Staff publish reports and edit the site data while the server runs: a new engine (over a rebuilt index, or the
  // same index with the site data re-read) replaces the current one in one assignment.
  const engine = createSwappableEngine(loaded.engine);
  let currentSite = loaded.site;
  const engineOver = (index: SearchIndex) => {
    currentSite = readSiteSettings(config.corpusDir, config.dataDir);
    return createQaEngine({
      index,
      dictionary: loaded.dictionary,
      synonyms: readSynonyms(config.corpusDir, config.dataDir),
      site: currentSite,
      aliases: readAliases(config.corpusDir, config.dataDir),
      faq: faqMatcher,
    });
  };
  const publisher = createReportPublisher({
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    indexDir: config.indexDir,
    parseTimeoutMs: config.parseTimeoutMs,
    index: () => engine.index,
    describeAgency: (agency) =>
      describeNewAgency(agency, engine.index.documents.map((d) => d.agency ?? null), readAliases(config.corpusDir, config.dataDir), loaded.dictionary),
    activate: (artifact) => {
      const index = loadSearchIndex(artifact, loaded.index.segmenter);
      engine.swap(engineOver(index));
      log.info('index.swapped', { documents: index.documents.length, passages: index.passages.length });
    },
  });
  const siteData = createSiteDataService({
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    store,
    engine: () => engine,
    places: loaded.dictionary,
    apply: () => {
      engine.swap(engineOver(engine.index));
      faq!.swap(createNodeFaqIndex(store, { index: engine.index, dictionary: loaded.dictionary, synonyms: readSynonyms(config.corpusDir, config.dataDir), site: currentSite }));
      log.info('site_data.applied', { agencies: engine.agencies.agencies.length });
    },
  });
  const app = createApp({
    engine,
    config,
    runtime: 'node',
    site: loaded.site,
    currentSite: () => currentSite,
    assets: createFileAssets(join(process.cwd(), 'dist', 'public')),
    clientAddress: nodeClientAddress(config),
    bodyReader: nodeBodyReader,
    logger: log,
    ...staff,
    ...overrides,
    // The staff API's guard must be registered before any other /api/admin route: staff extensions go first.
    extensions: [...(staff.extensions ?? []), reportRoutes(publisher), settingsRoutes(siteData), ...(overrides.extensions ?? [])],
  });
  return { app, loaded, store, faq, engine, publisher, siteData };
}

/** Starts the server as `npm start` does: configuration from the environment, the engine, the store, the port. */
export function main(): void {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    console.error(`configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  let app;
  let store: Store;
  try {
    const admin = resolveAdminToken(config);
    config = { ...config, adminToken: admin.token };
    if (admin.source === 'generated') {
      // Printed once, when generated; later starts only say where it is.
      console.log(`staff token (shown once; also stored in ${admin.file}, mode 0600): ${admin.token}`);
    } else if (admin.source === 'file') {
      console.log(`staff token: read from ${admin.file} (set ADMIN_TOKEN to use your own)`);
    }
    ({ app, store } = createNodeApp(config, log));
  } catch (error) {
    if (error instanceof IndexMismatchError || error instanceof ConfigError) {
      console.error(`cannot start: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof Error && /cannot open the database|staff token/.test(error.message)) {
      console.error(`cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const stopRetention = scheduleRetention(store, config, log);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`智能问答机器人 serving on http://${config.host}:${info.port} (demo page at /, API at /api/ask, staff API at /api/admin/)`);
  });
  const stop = () => {
    stopRetention();
    server.close(() => {
      void store.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
