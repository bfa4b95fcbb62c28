// The Cloudflare Workers entry: loads the app once per isolate (server/runtime/worker-app.ts) on the first request,
// serves it, and purges old logs from the daily cron and, as a side job, every few hours. No I/O in global scope, and
// no named value exports (workerd takes each for a handler). See docs/workers.md.
import { readConfig } from '../config.js';
import { createLogger } from '../http/log.js';
import { createD1Store } from '../store/d1-store.js';
import { createWorkerApp, purgeOld, stringVars, type WorkerApp, type WorkerEnv } from './worker-app.js';
// The segmentation dictionary, bundled as a Data module (scripts/build-worker.ts writes it): no 4 MB asset read per isolate.
import dictionary from '../../dist/worker/dictionary.bin';

/** The part of the Workers ExecutionContext this entry uses. */
interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** How often an isolate purges old logs and ended rate-limit windows as a side job of a request (the cron does it daily). */
const PURGE_EVERY_MS = 6 * 3_600_000;

let current: Promise<WorkerApp> | null = null;
let lastPurge = 0;

function workerApp(env: WorkerEnv): Promise<WorkerApp> {
  current ??= createWorkerApp(env, new Uint8Array(dictionary)).catch((error: unknown) => {
    current = null;
    throw error;
  });
  return current;
}

function logStartFailure(error: unknown): void {
  console.error(JSON.stringify({ level: 'error', event: 'worker.start', error: String((error as Error).stack ?? error) }));
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    let loaded: WorkerApp;
    try {
      loaded = await workerApp(env);
    } catch (error) {
      logStartFailure(error);
      return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'the robot is starting or misconfigured; see the Worker logs' } }), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    }
    const now = Date.now();
    if (loaded.db && loaded.store && now - lastPurge > PURGE_EVERY_MS) {
      // Retention does not depend on the cron alone (it may be missing on a copied config): once per isolate
      // every few hours, after the response.
      lastPurge = now;
      ctx.waitUntil(purgeOld(loaded.db, loaded.store, loaded.config, loaded.log));
    }
    return loaded.app.fetch(request, env, ctx as never);
  },

  /** The cron trigger of wrangler.toml: purges old logs and ended rate-limit windows (without loading the index). */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    if (!env.DB) return;
    const config = readConfig(stringVars(env));
    lastPurge = Date.now();
    ctx.waitUntil(purgeOld(env.DB, createD1Store(env.DB), config, createLogger(config.logLevel)));
  },
};
