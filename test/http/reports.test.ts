// The staff API for reports: list, preview, publish with a citation, 409 on an existing file, remove, and the
// token guard; on Workers (no publisher) changes answer 501 with the deploy steps.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminReportPreviewResponse, AdminReportsResponse, AskResponse, ErrorResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { reportRoutes } from '../../server/http/report-routes.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, testApp, testConfig } from '../helpers/corpus.js';

const TOKEN = 'reports-test-token-0123456789';
const corpusDir = makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') });
const config = testConfig({
  CORPUS_DIR: corpusDir,
  INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-reports-')), 'index'),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-data-')),
  ADMIN_TOKEN: TOKEN,
});
const node = createNodeApp(config, createLogger('silent'));
afterAll(() => node.store.close());

const staff = (path: string, init: RequestInit = {}) =>
  node.app.request(path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
const file = (name: string, path: string, meta?: Record<string, string>) => ({
  name,
  content: readFileSync(path).toString('base64'),
  ...(meta ? { meta } : {}),
});

describe('/api/admin/reports on Node', () => {
  it('needs the staff token', async () => {
    expect((await node.app.request('/api/admin/reports')).status).toBe(401);
  });

  it('lists the published reports with their passage counts', async () => {
    const body = (await (await staff('/api/admin/reports')).json()) as AdminReportsResponse;
    expect(body).toMatchObject({ runtime: 'node', canPublish: true, note: null });
    expect(body.reports).toEqual([expect.objectContaining({ slug: 'mudanjiang-xzfwzx-2015-gkbg', date: '2016-03-11', passages: 31 })]);
  });

  it('previews an upload without publishing it', async () => {
    const res = await staff('/api/admin/reports/preview', {
      method: 'POST',
      body: JSON.stringify({ files: [file('sample-2016-gkbg.txt', 'test/fixtures/reports/sample-2016-gkbg.txt')] }),
    });
    const { previews } = (await res.json()) as AdminReportPreviewResponse;
    expect(previews[0]).toMatchObject({ ok: true, slug: 'sample-2016-gkbg', meta: { date: '2017-03-10' } });
  });

  it('publishes a report: the next question is answered from it, with its citation', async () => {
    const res = await staff('/api/admin/reports', {
      method: 'POST',
      body: JSON.stringify({ files: [file('sample-2016-gkbg.txt', 'test/fixtures/reports/sample-2016-gkbg.txt', { url: 'https://www.example.gov.cn/2016.html' })] }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ documents: 2 });
    const answer = (await (await node.app.request(`/api/ask?q=${encodeURIComponent('开通了什么微信公众号')}`)).json()) as AskResponse;
    expect(answer.answer).toContain('示例政务服务');
    expect(answer.sources[0]).toMatchObject({ date: '2017-03-10', year: 2016 });
    expect(answer.sources[0]!.url).toMatch(/^https:\/\/www\.example\.gov\.cn\/2016\.html#:~:text=/);

    const again = await staff('/api/admin/reports', { method: 'POST', body: JSON.stringify({ files: [file('sample-2016-gkbg.txt', 'test/fixtures/reports/sample-2016-gkbg.txt')] }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorResponse).error.code).toBe('exists');
  }, 60_000);

  it('rejects bad uploads with 400 and names the problem', async () => {
    const bad = await staff('/api/admin/reports', { method: 'POST', body: JSON.stringify({ files: [{ name: '../x.txt', content: 'aGk=' }] }) });
    expect(bad.status).toBe(400);
    const notBase64 = await staff('/api/admin/reports', { method: 'POST', body: JSON.stringify({ files: [{ name: 'x.txt', content: '***' }] }) });
    expect(((await notBase64.json()) as ErrorResponse).error.code).toBe('invalid_file');
    const badDate = await staff('/api/admin/reports/preview', { method: 'POST', body: JSON.stringify({ files: [file('a.txt', 'test/fixtures/reports/sample-2016-gkbg.txt', { date: '2016/3/1' })] }) });
    expect(((await badDate.json()) as ErrorResponse).error.code).toBe('invalid_meta');
  });

  it('removes a report and stops answering from it', async () => {
    const res = await staff('/api/admin/reports/sample-2016-gkbg', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const answer = (await (await node.app.request(`/api/ask?q=${encodeURIComponent('开通了什么微信公众号')}`)).json()) as AskResponse;
    expect(answer.matched).toBe('none');
    expect((await staff('/api/admin/reports/nope', { method: 'DELETE' })).status).toBe(404);
  }, 60_000);
});

describe('/api/admin/reports without a publisher (Workers)', () => {
  const app = testApp(undefined, { config: testConfig({ ADMIN_TOKEN: TOKEN }), runtime: 'workers', extensions: [reportRoutes(null)] });

  it('lists reports and says how a new report reaches the edge', async () => {
    const res = await app.request('/api/admin/reports');
    const body = (await res.json()) as AdminReportsResponse;
    expect(body).toMatchObject({ runtime: 'workers', canPublish: false });
    expect(body.note).toContain('npm run build:index && npm run deploy');
  });

  it('answers 501 to an upload, naming the deploy steps', async () => {
    const res = await app.request('/api/admin/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"files":[]}' });
    expect(res.status).toBe(501);
    expect(((await res.json()) as ErrorResponse).error.message).toContain('npm run deploy');
  });
});
