// Only http(s) URLs enter, wherever a URL comes in: a report's sidecar, front matter and meta tags (at ingestion),
// the console's report form, and FAQ links. A `javascript:` URL never reaches `sources[].url` or the console.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminImportResponse, AdminReportPreviewResponse, AdminReportsResponse, AskResponse, ErrorResponse } from '../../server/contract.js';
import { checkHttpUrl, safeHttpUrl } from '../../server/core/url.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, testConfig } from '../helpers/corpus.js';
import { tempDataDir } from '../helpers/staff.js';

const TOKEN = 'unsafe-urls-token-0123456789abcdef';
const report = (year: number, count: number) =>
  `${year}年度市档案局政府信息公开年度报告\n\n一、主动公开情况\n\n${year}年度，市档案局累计主动公开政府信息${count}条。\n\n二、依申请公开情况\n\n${year}年，共收到依申请公开政府信息的申请${count % 7}件。\n`;

const corpusDir = makeCorpus({
  'front-matter-2020.md': `---\ntitle: 2020年度市档案局政府信息公开年度报告\nurl: javascript:alert(document.cookie)\n---\n\n${report(2020, 501)}`,
  'sidecar-2021.txt': report(2021, 502),
  'sidecar-2021.meta.json': JSON.stringify({ url: 'javascript:alert(2)' }),
  'meta-tag-2022.html': `<html><head><meta charset="utf-8"><title>2022年度市档案局政府信息公开年度报告</title><link rel="canonical" href="JavaScript:alert(3)"><meta property="og:url" content="data:text/html,x"></head><body><div class="TRS_Editor"><p>${report(2022, 503).replace(/\n+/g, '</p><p>')}</p></div></body></html>`,
  'good-2023.md': `---\nurl: https://www.example.gov.cn/gk/2023.html\n---\n\n${report(2023, 504)}`,
});
const node = createNodeApp(
  testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-urls-')), 'index'), DATA_DIR: tempDataDir(), ADMIN_TOKEN: TOKEN }),
  createLogger('silent'),
);
afterAll(() => node.store.close());

const staff = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  return node.app.request(path, {
    ...rest,
    ...(json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {}),
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(rest.headers ?? {}) },
  });
};
const ask = async (question: string) =>
  (await (await node.app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as AskResponse;

describe('safeHttpUrl', () => {
  it('accepts absolute http(s) URLs, normalized', () => {
    expect(safeHttpUrl(' https://www.example.gov.cn/a b'.trim().replace(' ', '%20'))).toBe('https://www.example.gov.cn/a%20b');
    expect(safeHttpUrl('HTTP://Example.gov.cn')).toBe('http://example.gov.cn/');
  });

  it('refuses every other scheme, relative URLs, credentials and hidden white space', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example', '/reports/x', 'https://user:pw@example.gov.cn/', 'https://exa mple.gov.cn/']) {
      expect(safeHttpUrl(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(checkHttpUrl('ftp://x.example')).toEqual({ ok: false, problem: 'scheme' });
    expect(safeHttpUrl(42)).toBeNull();
  });
});

describe('URLs of reports, at ingestion', () => {
  it('drops a javascript: or data: URL from front matter, a sidecar and meta tags, and keeps an https one', async () => {
    const body = (await (await staff('/api/admin/reports')).json()) as AdminReportsResponse;
    const urls = Object.fromEntries(body.reports.map((r) => [r.file, r.url]));
    expect(urls).toEqual({
      'front-matter-2020.md': null,
      'sidecar-2021.txt': null,
      'meta-tag-2022.html': null,
      'good-2023.md': 'https://www.example.gov.cn/gk/2023.html',
    });
  });

  it('cites a report whose page gave a javascript: URL with its own report page instead', async () => {
    for (const [year, count] of [[2020, 501], [2021, 502], [2022, 503]] as const) {
      const answer = await ask(`${year}年主动公开了多少条政府信息`);
      expect(answer.answer).toContain(String(count));
      for (const source of answer.sources) {
        expect(source.url).not.toMatch(/^\s*(?:javascript|data|vbscript):/i);
        expect(source.url).toMatch(/^(?:https?:\/\/|\/reports\/)/);
      }
    }
    expect((await ask('2023年主动公开了多少条政府信息')).sources[0]?.url).toMatch(/^https:\/\/www\.example\.gov\.cn\/gk\/2023\.html/);
  });
});

describe('URLs staff type', () => {
  const upload = (text: string, meta?: Record<string, string>) => ({
    files: [{ name: 'new-2024.md', content: Buffer.from(text).toString('base64'), ...(meta ? { meta } : {}) }],
  });

  it('refuses a report form whose source URL is not http(s)', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'java\tscript:alert(1)']) {
      const res = await staff('/api/admin/reports/preview', { json: upload(report(2024, 505), { url }) });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as ErrorResponse).error.code).toBe('invalid_meta');
    }
  });

  it('previews an uploaded page without the javascript: URL of its front matter', async () => {
    const res = await staff('/api/admin/reports/preview', { json: upload(`---\nurl: javascript:alert(1)\n---\n\n${report(2024, 505)}`) });
    expect(res.status).toBe(200);
    const [preview] = ((await res.json()) as AdminReportPreviewResponse).previews;
    expect(preview).toMatchObject({ ok: true, meta: { url: null } });
  });

  it('refuses an FAQ link that is not http(s), typed or imported', async () => {
    const res = await staff('/api/admin/faq', { json: { question: '档案怎么查询', answer: '到档案馆查询。', link: 'javascript:alert(1)' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.link).toMatch(/http/);
    const imported = await node.app.request('/api/admin/faq/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: 'question,answer,link\n档案怎么查询,到档案馆查询。,javascript:alert(1)\n',
    });
    const body = (await imported.json()) as AdminImportResponse;
    expect(body.created).toBe(0);
    expect(body.errors).toEqual([expect.objectContaining({ line: 2 })]);
  });
});
