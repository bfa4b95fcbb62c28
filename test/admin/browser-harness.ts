// Test helpers for the staff console's browser tests: build the console when stale (with a lock, as the widget's
// harness does), serve it from the real robot over a temporary copy of the corpus (publishing writes there, never
// into corpus/), a Workers-like app without a report publisher, and signing in.
import { serve } from '@hono/node-server';
import { cpSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Store } from '../../server/core/store.js';
import { staffAppDeps } from '../../server/http/admin-routes.js';
import { createApp } from '../../server/http/app.js';
import { createLogger } from '../../server/http/log.js';
import { reportRoutes } from '../../server/http/report-routes.js';
import { settingsRoutes } from '../../server/http/settings-routes.js';
import { createFileAssets, createNodeApp } from '../../server/runtime/node.js';
import { readSiteSettings } from '../../server/runtime/node-engine.js';
import { createNodeFaqIndex } from '../../server/runtime/node-staff.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { DEFAULT_CORPUS, loadCorpus, testConfig } from '../helpers/corpus.js';
import { buildWhenStale } from '../helpers/vite-build.js';

/** The built console's page. */
export const CONSOLE_INDEX = resolve('dist/public/admin/index.html');
const CONSOLE_SOURCES = ['widget/admin', 'server/contract.ts', 'vite.admin.config.ts'].map((p) => resolve(p));

/** The staff token every console test server is started with. */
export const STAFF_TOKEN = 'console-test-token-0123456789abcdef';



/**
 * Builds dist/public/admin/ with `vite build -c vite.admin.config.ts` when it is missing or older than its sources.
 * Test files run in parallel processes, so a lock directory keeps two of them from building at once.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  await buildWhenStale('admin', 'vite.admin.config.ts', CONSOLE_INDEX, CONSOLE_SOURCES);
}

/** A running robot serving the console, with its store (to seed data) and corpus folder. */
export interface ConsoleServer {
  url: string;
  store: Store;
  corpusDir: string;
  close(): Promise<void>;
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Server> {
  return new Promise<Server>((ready) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s as Server));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((done) => server.close(() => done()));
}

/**
 * Starts the real Node robot (createNodeApp: staff API, report publisher, console files from dist/public) over a
 * temporary copy of the default corpus, with a temporary index and data folder and {@link STAFF_TOKEN}.
 */
export async function startConsoleServer(): Promise<ConsoleServer> {
  const corpusDir = join(mkdtempSync(join(tmpdir(), 'qa-console-corpus-')), 'corpus');
  cpSync(DEFAULT_CORPUS, corpusDir, { recursive: true });
  const config = testConfig({
    CORPUS_DIR: corpusDir,
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-console-index-')), 'index'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-console-data-')),
    ADMIN_TOKEN: STAFF_TOKEN,
  });
  const made = createNodeApp(config, createLogger('silent'));
  const server = await listen(made.app.fetch);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store: made.store,
    corpusDir,
    async close() {
      await closeServer(server);
      await made.store.close();
    },
  };
}

/**
 * Starts an app as the Workers runtime builds it, as far as the console can tell: runtime `workers`, the staff API,
 * the report routes without a publisher (listing works, changes answer 501 with the deploy steps) and the site data
 * routes without a service (501).
 */
export async function startWorkersConsoleServer(): Promise<ConsoleServer> {
  const store = openSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'qa-console-workers-')) });
  const corpus = loadCorpus();
  const faq = createNodeFaqIndex(store, { ...corpus, site: readSiteSettings(corpus.corpusDir) });
  const staff = staffAppDeps({ store, faq });
  const app = createApp({
    engine: corpus.engine,
    config: testConfig({ ADMIN_TOKEN: STAFF_TOKEN }),
    runtime: 'workers',
    site: readSiteSettings(corpus.corpusDir),
    logger: createLogger('silent'),
    assets: createFileAssets(resolve('dist/public')),
    ...staff,
    extensions: [...(staff.extensions ?? []), reportRoutes(null), settingsRoutes(null)],
  });
  const server = await listen(app.fetch);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    corpusDir: corpus.corpusDir,
    async close() {
      await closeServer(server);
      await store.close();
    },
  };
}

/** Opens the console and signs in with the token (and an optional name), waiting for the overview. */
export async function signIn(page: Page, url: string, token = STAFF_TOKEN, name = ''): Promise<void> {
  await page.goto(`${url}/admin`);
  await page.getByLabel('管理令牌').fill(token);
  if (name) await page.getByLabel('您的姓名（可选）').fill(name);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
}

/** Failed loads the console causes on purpose (a wrong token, a conflict) and Chromium logs as console errors. */
export function unexpectedErrors(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|409|422|501)\b/.test(e));
}
