// Test helpers for the widget's browser tests: build widget.js when stale, serve the real robot (createNodeApp) and
// static host pages on other origins, and launch Debian's Chromium through playwright-core.
import { serve } from '@hono/node-server';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppDeps } from '../../server/http/app.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { testConfig } from '../helpers/corpus.js';
import { buildWhenStale } from '../helpers/vite-build.js';

/** The built widget. */
export const WIDGET_FILE = resolve('dist/public/widget.js');
const WIDGET_SOURCES = ['widget/src', 'server/contract.ts', 'vite.widget.config.ts'].map((p) => resolve(p));

/** Chromium the browser tests drive; `CHROMIUM_PATH` overrides Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ON_CI = process.env.CI === 'true';

/**
 * Whether to skip the browser tests: only locally, and only when Chromium is missing (said loudly). Under
 * `CI=true` they always run, so a missing browser fails the build instead of passing it silently.
 */
export const skipBrowserTests = !existsSync(CHROMIUM_PATH) && !ON_CI;
if (skipBrowserTests) {
  console.warn(
    `\n*** SKIPPING the widget's browser tests: no Chromium at ${CHROMIUM_PATH}. ` +
      'Install it (Debian: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH. CI never skips them. ***\n',
  );
}



/**
 * Builds dist/public/widget.js with `vite build -c vite.widget.config.ts` when it is missing or older than its
 * sources. Test files run in parallel processes, so a lock directory keeps two of them from writing it at once.
 */
export async function ensureWidgetBuilt(): Promise<string> {
  await buildWhenStale('widget', 'vite.widget.config.ts', WIDGET_FILE, WIDGET_SOURCES);
  return WIDGET_FILE;
}

/** A running HTTP server and its base URL (`http://127.0.0.1:PORT`, no trailing slash). */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((done) => server.close(() => done()));
}

/**
 * Starts the real robot (createNodeApp over the default corpus, serving dist/public) on a free loopback port.
 * The index and the data folder are temporary, so parallel test files never write dist/index or ./data together.
 */
export async function startRobot(env: Record<string, string> = {}, extra: Partial<AppDeps> = {}): Promise<RunningServer> {
  const config = testConfig({
    INDEX_DIR: mkdtempSync(join(tmpdir(), 'qa-widget-index-')),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-widget-data-')),
    ...env,
  });
  const made = createNodeApp(config, createLogger('silent'), extra);
  const server = await new Promise<Server>((ready) => {
    const s = serve({ fetch: made.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s as Server));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await closeServer(server);
      // The Node app may open a store (SQLite in DATA_DIR); close it when it does.
      await (made as { store?: { close?: () => unknown } }).store?.close?.();
    },
  };
}

/** A static file of the host site: its body, content type (default HTML) and extra headers (e.g. a CSP). */
export interface HostPage {
  body: string | Uint8Array;
  type?: string;
  headers?: Record<string, string>;
}

/** Serves fixed files (path → file) from another origin, like a site that embeds the robot. */
export async function startHostSite(pages: Record<string, HostPage>): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': page.type ?? 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

/** Launches headless Chromium with the flags a sandboxed CI container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What went wrong on a page: uncaught errors, console errors and CSP violations, collected from the first script on. */
export interface PageProblems {
  errors: string[];
  violations(): Promise<string[]>;
}

/** Starts collecting a page's errors and `securitypolicyviolation` events (call before the first navigation). */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium asks every page for /favicon.ico; neither test site has one.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
  };
}
