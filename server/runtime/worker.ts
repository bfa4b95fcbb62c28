// The Cloudflare Workers shell: the same createApp(...) as Node, with the TypeScript jieba port, the index loaded
// once per isolate from static assets, and D1 for the FAQ store and rate limits. No I/O in global scope.
import type { Context, Hono } from 'hono';
import { readConfig } from '../config.js';
import { createQaEngine } from '../core/engine.js';
import { createJiebaSegmenter, loadJiebaDictionary } from '../core/jieba.js';
import { normalizeText } from '../core/normalize.js';
import { loadSearchIndex, type IndexArtifact } from '../core/search-index.js';
import { parseSynonyms } from '../core/synonyms.js';
import { createApp } from '../http/app.js';
import { createLogger } from '../http/log.js';
import type { SiteSettings } from '../http/pages.js';

/** Bindings and vars of the Worker (wrangler.toml). */
export interface WorkerEnv {
  ASSETS: { fetch(input: Request | string): Promise<Response> };
  DB?: unknown;
  [name: string]: unknown;
}

/** Paths under the assets directory that hold the index; loaded by the Worker, never served to browsers. */
const INDEX_PREFIX = '/_index/';

async function readAsset(env: WorkerEnv, path: string): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${path}`));
  if (!res.ok) {
    throw new Error(`the Worker's ${path} asset is missing (${res.status}): run \`npm run build\` before deploying`);
  }
  return res;
}

function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Builds the app for this isolate: reads the index, dictionary, synonyms and site settings from the assets. */
async function createWorkerApp(env: WorkerEnv): Promise<Hono> {
  const config = readConfig(stringVars(env));
  const [artifact, dictionaryText, synonymsText, siteJson] = await Promise.all([
    readAsset(env, `${INDEX_PREFIX}index.json`).then((r) => r.json() as Promise<IndexArtifact>),
    readAsset(env, `${INDEX_PREFIX}dictionary.txt`).then((r) => r.text()),
    readAsset(env, `${INDEX_PREFIX}synonyms.txt`).then((r) => r.text()),
    readAsset(env, `${INDEX_PREFIX}site.json`).then((r) => r.json() as Promise<Partial<SiteSettings>>),
  ]);
  const dictionary = loadJiebaDictionary(dictionaryText);
  const index = loadSearchIndex(artifact, createJiebaSegmenter(dictionary));
  const synonyms = parseSynonyms(synonymsText, normalizeText);
  const site: SiteSettings = {
    siteName: typeof siteJson.siteName === 'string' ? siteJson.siteName : '政府网站',
    ...(typeof siteJson.defaultReport === 'string' ? { defaultReport: siteJson.defaultReport } : {}),
    hotQuestions: Array.isArray(siteJson.hotQuestions) ? siteJson.hotQuestions.filter((q) => typeof q === 'string') : [],
  };
  const engine = createQaEngine({ index, dictionary, synonyms });
  return createApp({
    engine,
    config,
    runtime: 'workers',
    site,
    logger: createLogger(config.logLevel),
    clientAddress: (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown',
    assets: async (path) => {
      if (path.startsWith(INDEX_PREFIX)) return null;
      const asset = path === '/admin' || path === '/admin/' ? '/admin/index.html' : path;
      const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${asset}`));
      return res.ok ? res : null;
    },
  });
}

let app: Promise<Hono> | null = null;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
    app ??= createWorkerApp(env).catch((error: unknown) => {
      app = null;
      throw error;
    });
    try {
      return (await app).fetch(request, env, ctx as never);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'worker.start', error: String((error as Error).stack ?? error) }));
      return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'the robot is starting or misconfigured; see the Worker logs' } }), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    }
  },
};
