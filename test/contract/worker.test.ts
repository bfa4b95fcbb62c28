// The same contract suite against the Worker in local workerd (`wrangler dev`, local D1), the answers of every
// fixture question compared with Node's (the edge segments questions with the TypeScript jieba port, Node with
// nodejieba), and what only the edge does: rate-limit counts in D1 that outlive an isolate, reports by deploy.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminReportsResponse, ErrorResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { testApp, testConfig } from '../helpers/corpus.js';
import { tempDataDir, TOKEN } from '../helpers/staff.js';
import { startWorker, type RunningWorker } from '../helpers/wrangler.js';
import { collectAnswers, describeContract, newClientId, waitForWindow, type Send } from './suite.js';

const LIMIT = 3;
let worker: RunningWorker;
let limited: RunningWorker;
beforeAll(async () => {
  // One after the other: each runs the [build] command, which writes dist/public.
  worker = await startWorker({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_TOKEN: TOKEN });
  limited = await startWorker({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
}, 300_000);
afterAll(async () => {
  await worker?.stop();
  await limited?.stop();
});

const sender =
  (w: () => RunningWorker): Send =>
  (path, init) =>
    fetch(`${w().url}${path}`, init);
const edge = sender(() => worker);

describeContract('workers', () => ({ send: edge, adminToken: TOKEN, limited: { send: sender(() => limited), limit: LIMIT } }));

describe('Node and Workers', () => {
  it('give identical answers to every fixture question', async () => {
    const app = testApp();
    const node = await collectAnswers((path, init) => Promise.resolve(app.request(path, init)));
    const answers = await collectAnswers(edge);
    expect(Object.keys(answers).length).toBeGreaterThan(100);
    expect(answers).toEqual(node);
  }, 120_000);

  it('serve widget.js and the lazily loaded widget-app.js with the same body, type, caching and cross-origin headers', async () => {
    // createNodeApp serves dist/public as `npm start` does; the Worker's [build] wrote it before wrangler started.
    const node = createNodeApp(testConfig({ DATA_DIR: tempDataDir() }), createLogger('silent'));
    const names = ['content-type', 'cache-control', 'access-control-allow-origin', 'cross-origin-resource-policy', 'x-content-type-options', 'referrer-policy', 'content-security-policy'];
    const shape = async (res: Response) => ({ status: res.status, body: await res.text(), headers: Object.fromEntries(names.map((n) => [n, res.headers.get(n)])) });
    try {
      for (const path of ['/widget.js', '/widget-app.js']) {
        const atNode = await shape(await node.app.request(path));
        expect([path, atNode.status, atNode.headers['cache-control']]).toEqual([path, 200, 'public, max-age=300']);
        expect(await shape(await edge(path))).toEqual(atNode);
      }
    } finally {
      await node.store.close();
    }
  });
});

describe('only on Workers', () => {
  it('keeps rate-limit counts in D1: a fresh isolate (the Worker restarted) still refuses a client that used up its minute', async () => {
    await waitForWindow(25_000);
    const headers = { 'x-qa-client': newClientId() };
    const ask = () => fetch(`${limited.url}/api/suggest?q=x`, { headers });
    for (let i = 0; i < LIMIT; i++) expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(429);
    const persistTo = limited.persistTo;
    await limited.stop();
    limited = await startWorker({ RATE_LIMIT_PER_MINUTE: String(LIMIT) }, { persistTo });
    const again = await ask();
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 120_000);

  it('lists the deployed reports for staff and answers a publish with 501 and the deploy steps', async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const list = (await (await edge('/api/admin/reports', { headers: auth })).json()) as AdminReportsResponse;
    expect(list).toMatchObject({ runtime: 'workers', canPublish: false, reports: [expect.objectContaining({ date: '2016-03-11' })] });
    expect(list.note).toContain('npm run deploy');
    const publish = await edge('/api/admin/reports', { method: 'POST', headers: auth, body: JSON.stringify({ files: [] }) });
    expect(publish.status).toBe(501);
    expect(((await publish.json()) as ErrorResponse).error.code).toBe('not_supported_on_workers');
  });

  it('never serves the index artifacts it loads from the assets', async () => {
    for (const path of ['/_index/index.json', '/_index/dictionary.txt']) expect((await edge(path)).status).toBe(404);
  });

  it.runIf(existsSync('widget/admin/index.html'))('serves the staff console at /admin/ under the console CSP', async () => {
    for (const path of ['/admin', '/admin/', '/admin/index.html']) {
      const res = await edge(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});
