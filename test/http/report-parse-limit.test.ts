// Reading uploads runs off the server thread with a time limit: while a page that takes long to read is being
// previewed, /healthz and citizens' questions are still answered; past PARSE_TIMEOUT_MS the preview (or publish)
// ends in a JSON error naming the file, and a build stops naming the report.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminReportPreviewResponse, ErrorResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { buildInChild } from '../../server/runtime/report-publisher.js';
import { makeCorpus, testConfig } from '../helpers/corpus.js';

const TOKEN = 'parse-limit-token-0123456789abcdef';
const SHIPPED = 'mudanjiang-xzfwzx-2015-gkbg.txt';

/** A real page, only very long: 4.5 MB of numbered sections and paragraphs (the upload limit is 5 MiB). */
function longPage(): Buffer {
  const parts = ['<html><head><meta charset="utf-8"><title>示例局2024年政府信息公开工作年度报告</title></head><body><div id="zoom">'];
  let size = 0;
  for (let i = 1; size < 4_500_000; i++) {
    const part = `<div class="section"><p>${i}、主动公开情况</p><p>第${i}项：示例局主动公开政府信息${i}条，其中<span>规范性文件${i % 97}件</span>，咨询电话为6${String(i).padStart(6, '0')}。</p></div>`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  parts.push('</div></body></html>');
  return Buffer.from(parts.join(''));
}

const node = createNodeApp(
  testConfig({
    CORPUS_DIR: makeCorpus({ [SHIPPED]: readFileSync(`corpus/reports/${SHIPPED}`) }),
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-limit-')), 'index'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-limit-data-')),
    ADMIN_TOKEN: TOKEN,
    PARSE_TIMEOUT_MS: '50',
  }),
  createLogger('silent'),
);
afterAll(() => node.store.close());

const post = (path: string, body: unknown) =>
  Promise.resolve(
    node.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('reading uploads off the server thread, within PARSE_TIMEOUT_MS', () => {
  const page = longPage().toString('base64');

  it('answers /healthz and a citizen while a long page is being read, then refuses the page with 422 naming it', async () => {
    const finished: string[] = [];
    const preview = post('/api/admin/reports/preview', { files: [{ name: 'very-long-report.html', content: page }] }).then((res) => {
      finished.push('preview');
      return res;
    });
    // Asked while the preview runs: answered first, because the page is read in another process (read on this
    // thread, the page would hold the timer back until the preview had finished).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = await node.app.request('/healthz');
    finished.push('healthz');
    expect(health.status).toBe(200);
    const ask = await post('/api/ask', { question: '投诉电话是多少' });
    finished.push('ask');
    expect(((await ask.json()) as { answer: string }).answer).toContain('6958028');

    const res = await preview;
    expect(finished).toEqual(['healthz', 'ask', 'preview']);
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorResponse;
    expect(body.error.code).toBe('parse_timeout');
    expect(body.error.message).toMatch(/reading very-long-report\.html took longer than 0\.05 s \(PARSE_TIMEOUT_MS\)/);
  }, 60_000);

  it('refuses to publish such a page with the same error, and keeps answering from the old index', async () => {
    const res = await post('/api/admin/reports', { files: [{ name: 'very-long-report.html', content: page }] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorResponse).error).toMatchObject({ code: 'parse_timeout', message: expect.stringContaining('very-long-report.html') });
    expect(node.engine.index.documents.map((d) => d.file)).toEqual([SHIPPED]);
  }, 60_000);

  it('still previews an ordinary page: the limit counts the reading, not the reader starting', async () => {
    const res = await post('/api/admin/reports/preview', { files: [{ name: 'sample-2016-gkbg.txt', content: readFileSync('test/fixtures/reports/sample-2016-gkbg.txt').toString('base64') }] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AdminReportPreviewResponse).previews[0]).toMatchObject({ ok: true, slug: 'sample-2016-gkbg' });
  }, 60_000);

  it('stops a build whose child reads one report past the limit, naming the report', async () => {
    const corpusDir = makeCorpus({ [SHIPPED]: readFileSync(`corpus/reports/${SHIPPED}`), 'very-long-report.html': longPage() });
    const build = buildInChild(50)(corpusDir, mkdtempSync(join(tmpdir(), 'qa-limit-build-data-')), join(mkdtempSync(join(tmpdir(), 'qa-limit-build-')), 'index'));
    await expect(build).rejects.toThrow(/reading very-long-report\.html took longer than 0\.05 s \(PARSE_TIMEOUT_MS\), so the build was stopped/);
  }, 60_000);
});
