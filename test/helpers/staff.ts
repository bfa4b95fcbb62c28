// Test helpers for the staff features: a SQLite store in a temporary DATA_DIR, the FAQ index over it, and a real
// app (createApp with the staff extensions) to send requests to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaqIndex } from '../../server/core/faq-match.js';
import type { FaqInput } from '../../server/core/store.js';
import { staffAppDeps } from '../../server/http/admin-routes.js';
import type { AppDeps } from '../../server/http/app.js';
import { readSiteSettings } from '../../server/runtime/node-engine.js';
import { createNodeFaqIndex } from '../../server/runtime/node-staff.js';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite-store.js';
import { DEFAULT_CORPUS, loadCorpus, testApp, testConfig } from './corpus.js';

export const TOKEN = 'test-staff-token-0123456789abcdef';

/** A fresh temporary DATA_DIR. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'qa-data-'));
}

/** An entry's fields with defaults for the ones a test does not care about. */
export function faqInput(fields: Partial<FaqInput> & { question: string }): FaqInput {
  return { alternatives: [], answer: `答案：${fields.question}`, link: null, tags: [], enabled: true, hot: false, ...fields };
}

export interface StaffHarness {
  app: ReturnType<typeof testApp>;
  store: SqliteStore;
  faq: FaqIndex;
  dataDir: string;
  /** A request to the app with the staff token (JSON body when `json` is given). */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** POST /api/ask. */
  ask(question: string): Promise<{ id: string; matched: string; answer: string; faq?: { id: number } }>;
}

/**
 * A real app over the default corpus with the staff features on a SQLite store in a temporary DATA_DIR (or the
 * given one; `deps` overrides the app's dependencies, e.g. a logger). `env` adds configuration (ADMIN_TOKEN is {@link TOKEN} unless overridden; `ADMIN_TOKEN: ''` unsets it).
 */
export function staffHarness(env: Record<string, string> = {}, dataDir = tempDataDir(), deps: Partial<AppDeps> = {}): StaffHarness {
  const store = openSqliteStore({ dataDir });
  const base = loadCorpus();
  let faq: FaqIndex | null = null;
  const corpus = loadCorpus(DEFAULT_CORPUS, (q) => (faq ? faq.match(q) : null));
  faq = createNodeFaqIndex(store, { ...base, site: readSiteSettings(base.corpusDir) });
  const config = testConfig({ ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir, ...env });
  const app = testApp(corpus, { config, ...staffAppDeps({ store, faq }), ...deps });
  const admin = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TOKEN}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return Promise.resolve(app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }));
  };
  const ask = async (question: string) => {
    const res = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    return (await res.json()) as { id: string; matched: string; answer: string; faq?: { id: number } };
  };
  return { app, store, faq, dataDir, admin, ask };
}
