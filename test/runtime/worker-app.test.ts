// The Worker's app as an isolate builds it (createWorkerApp), run in process with the assets read from a built
// index: what it does when D1 fails or is not bound, and which asset serves the staff console.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse, ErrorResponse, HotQuestionsResponse } from '../../server/contract.js';
import { createWorkerApp, type WorkerEnv } from '../../server/runtime/worker-app.js';
import type { D1Database } from '../../server/store/d1-store.js';
import { DEFAULT_CORPUS, loadCorpus } from '../helpers/corpus.js';
import { openLocalD1 } from '../helpers/wrangler.js';

/** The Worker's ASSETS binding over the default corpus's built index; `requested` records the paths asked for. */
function fakeAssets(requested: string[] = []): WorkerEnv['ASSETS'] {
  const { summary } = loadCorpus();
  const files: Record<string, string> = {
    '/_index/index.json': summary.file,
    '/_index/synonyms.txt': join(DEFAULT_CORPUS, 'synonyms.txt'),
    '/_index/site.json': join(DEFAULT_CORPUS, 'site.json'),
  };
  return {
    fetch: async (input) => {
      const path = new URL(typeof input === 'string' ? input : input.url).pathname;
      requested.push(path);
      if (path === '/admin/') return new Response('<!doctype html><title>console</title>', { headers: { 'content-type': 'text/html' } });
      const file = files[path];
      return file && existsSync(file) ? new Response(readFileSync(file)) : new Response('not found', { status: 404 });
    },
  };
}

/** A D1 binding whose every statement fails as it does before the migrations ran. */
function missingTables(): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: no such table: store_state: SQLITE_ERROR'));
  const statement = { bind: () => statement, first: fail, all: fail, run: fail };
  return { prepare: () => statement, batch: fail } as unknown as D1Database;
}

const env = (extra: Partial<WorkerEnv> = {}): WorkerEnv => ({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '5', ASSETS: fakeAssets(), ...extra });
/** The dictionary the Worker bundles (scripts/build-worker.ts): the corpus's built one, as bytes. */
const dictionaryBytes = () => new Uint8Array(readFileSync(loadCorpus().summary.dictionaryFile));
const askPath = `/api/ask?q=${encodeURIComponent('管理科咨询热线是多少？')}`;

describe('the Worker app', () => {
  it('still answers from the reports when D1 fails (an outage, or migrations never applied)', async () => {
    const { app } = await createWorkerApp(env({ DB: missingTables(), ADMIN_TOKEN: 'worker-app-test-token-0123' }), dictionaryBytes());
    for (let i = 0; i < 7; i++) {
      // The rate limiter fails open too: more requests than RATE_LIMIT_PER_MINUTE still get answers.
      const res = await app.request(askPath);
      expect(res.status).toBe(200);
      expect(((await res.json()) as AskResponse).answer).toContain('6958002');
    }
    const hot = (await (await app.request('/api/faq/hot')).json()) as HotQuestionsResponse;
    expect(hot.questions.length).toBeGreaterThan(0);
    // The staff API reports the failure instead of pretending there are no entries.
    const staff = await app.request('/api/admin/faq', { headers: { authorization: 'Bearer worker-app-test-token-0123' } });
    expect(staff.status).toBe(500);
  });

  it('answers without a D1 binding, with no staff API', async () => {
    const { app, store } = await createWorkerApp(env(), dictionaryBytes());
    expect(store).toBeNull();
    expect((await app.request(askPath)).status).toBe(200);
    const staff = await app.request('/api/admin/faq', { headers: { authorization: 'Bearer whatever-token-0123456' } });
    expect([staff.status, ((await staff.json()) as ErrorResponse).error.code]).toEqual([404, 'not_found']);
  });

  it('serves the staff console page from its canonical asset path, and never the index files', async () => {
    const requested: string[] = [];
    const { app } = await createWorkerApp(env({ ASSETS: fakeAssets(requested) }), dictionaryBytes());
    requested.length = 0;
    for (const path of ['/admin', '/admin/', '/admin/index.html']) {
      const res = await app.request(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    expect(requested).toEqual(['/admin/', '/admin/', '/admin/']);
    for (const path of ['/_index/index.json', '/_index/dictionary.txt']) expect((await app.request(path)).status).toBe(404);
    expect(requested).toHaveLength(3);
  });
});

describe('the Worker app over a local D1', () => {
  let db: D1Database;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ db, dispose } = await openLocalD1());
  }, 120_000);
  afterAll(async () => dispose?.());

  it('answers before its question-log write finishes (waitUntil), and feedback sent at once still finds the question', async () => {
    const { app } = await createWorkerApp(env({ DB: db, RATE_LIMIT_PER_MINUTE: '0' }), dictionaryBytes());
    const later: Array<Promise<unknown>> = [];
    // Stands in for workerd's ExecutionContext: the work handed to waitUntil is kept to be awaited at the end.
    const ctx = { waitUntil: (work: Promise<unknown>) => void later.push(work), passThroughOnException: () => undefined, props: {} };
    const workerEnv = env({ DB: db, RATE_LIMIT_PER_MINUTE: '0' });
    const res = await app.fetch(new Request(`https://robot.example${askPath}`), workerEnv, ctx);
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as AskResponse;
    expect(later.length).toBeGreaterThanOrEqual(1);
    const feedback = await app.fetch(
      new Request('https://robot.example/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answerId: id, helpful: true }),
      }),
      workerEnv,
      ctx,
    );
    expect(feedback.status).toBe(201);
    await Promise.all(later);
    const row = await db.prepare('SELECT question FROM questions WHERE id = ?1').bind(id).first<{ question: string }>();
    expect(row?.question).toBe('管理科咨询热线是多少？');
  });
});
