// The Node runtime shell: reads the environment, prepares the engine, serves createApp(...) with @hono/node-server
// and the built widget/console files from dist/public.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ConfigError, readConfig, type Config } from '../config.js';
import { IndexMismatchError } from '../core/search-index.js';
import { createApp, type AppDeps } from '../http/app.js';
import { createLogger, type Logger } from '../http/log.js';
import { loadCorpusEngine } from './node-engine.js';

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

/** The client address: the socket's, or the proxy's forwarded one when TRUST_PROXY is set. */
export function nodeClientAddress(config: Config): (c: Context) => string {
  return (c) => {
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

/** Builds the app with everything Node provides (used by `npm start` and by the tests). */
export function createNodeApp(config: Config, log: Logger, extra: Partial<AppDeps> = {}) {
  const loaded = loadCorpusEngine(config, log);
  const app = createApp({
    engine: loaded.engine,
    config,
    runtime: 'node',
    site: loaded.site,
    assets: createFileAssets(join(process.cwd(), 'dist', 'public')),
    clientAddress: nodeClientAddress(config),
    logger: log,
    ...extra,
  });
  return { app, loaded };
}

function main(): void {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    console.error(`configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  let app;
  try {
    app = createNodeApp(config, log).app;
  } catch (error) {
    if (error instanceof IndexMismatchError || error instanceof ConfigError) {
      console.error(`cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`智能问答机器人 serving on http://${config.host}:${info.port} (demo page at /, API at /api/ask)`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
