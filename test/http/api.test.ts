// The public HTTP contract, through the real app: createApp(...).request(...).
import { describe, expect, it } from 'vitest';
import type { AskResponse, ErrorResponse } from '../../server/contract.js';
import { testApp, testConfig } from '../helpers/corpus.js';

const app = testApp();
const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/api/ask', { method: 'POST', headers, body });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as ErrorResponse;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

describe('POST /api/ask', () => {
  it('answers with a verbatim passage, its source and highlights', async () => {
    const res = await post(JSON.stringify({ question: '投诉监察科的电话是多少？' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as AskResponse;
    expect(body).toMatchObject({ matched: 'corpus', year: 2015, questionTypes: ['phone'] });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.answer).toContain('6958028');
    expect(body.sources[0]).toMatchObject({ title: '2015年度行政服务中心政府信息公开年度报告', date: '2016-03-11' });
    expect(body.highlights.length).toBeGreaterThan(0);
  });

  it('says it does not know, with where to ask, instead of guessing', async () => {
    const body = (await (await post(JSON.stringify({ question: '今天牡丹江天气怎么样？' }))).json()) as AskResponse;
    expect(body.matched).toBe('none');
    expect(body.sources).toEqual([]);
    expect(body.answer).toContain('没有找到');
    expect(body.contacts).toContainEqual({ label: '投诉监察科', phone: '6958028' });
    expect(body.answer).toContain('管理科咨询热线 6958002');
    expect(body.suggestions.length).toBeGreaterThan(0);
  });

  it('rejects an empty, blank, missing or non-string question with 400', async () => {
    await expectError(await post(JSON.stringify({ question: '' })), 400, 'empty_question');
    await expectError(await post(JSON.stringify({ question: ' \n\t ' })), 400, 'empty_question');
    await expectError(await post(JSON.stringify({})), 400, 'missing_question');
    await expectError(await post(JSON.stringify({ question: 42 })), 400, 'invalid_question');
    await expectError(await post(JSON.stringify({ question: ['a'] })), 400, 'invalid_question');
  });

  it('rejects a question longer than 200 characters with 400', async () => {
    await expectError(await post(JSON.stringify({ question: '问'.repeat(201) })), 400, 'question_too_long');
    expect((await post(JSON.stringify({ question: '问'.repeat(200) }))).status).toBe(200);
  });

  it('rejects a body that is not a JSON object with 400', async () => {
    await expectError(await post('{"question":'), 400, 'invalid_json');
    await expectError(await post('[1,2]'), 400, 'invalid_body');
    await expectError(await post('null'), 400, 'invalid_body');
    await expectError(await post(''), 400, 'empty_body');
  });

  it('rejects a wrong content type with 415', async () => {
    await expectError(await post('question=hi', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    await expectError(await post(JSON.stringify({ question: 'hi' }), {}), 415, 'unsupported_media_type');
  });

  it('rejects a body over 16 KiB with 413', async () => {
    await expectError(await post(JSON.stringify({ question: 'a', pad: 'x'.repeat(17 * 1024) })), 413, 'payload_too_large');
  });
});

describe('GET /api/ask', () => {
  it('answers the question in q', async () => {
    const res = await app.request(`/api/ask?q=${encodeURIComponent('政府信息公开收费吗')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as AskResponse).answer).toContain('无向政府信息公开申请人进行收费');
  });

  it('rejects a missing q with 400', async () => {
    await expectError(await app.request('/api/ask'), 400, 'missing_question');
  });
});

describe('other routes', () => {
  it('reports health with the corpus size', async () => {
    const res = await app.request('/healthz');
    expect(await res.json()).toMatchObject({ status: 'ok', documents: 1, runtime: 'node' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    await expectError(await app.request('/api/nothing'), 404, 'not_found');
    await expectError(await app.request('/reports/nope'), 404, 'not_found');
  });

  it('serves the demo page: the report as the site shows it, embedding the robot by its script tag', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<h1>2015年度行政服务中心政府信息公开年度报告</h1>');
    expect(html).toContain('日期：2016-03-11');
    expect(html).toContain('<script src="/widget.js" defer></script>');
    for (const link of ['返回顶部', '打印本页', '关闭本页', '智能问答机器人']) expect(html).toContain(link);
    expect(html).toContain('data-qa-open');
  });

  it('serves each report at /reports/:slug with the text that answers quote', async () => {
    const html = await (await app.request('/reports/mudanjiang-xzfwzx-2015-gkbg')).text();
    expect(html).toContain('六是通过投诉监察科(6958028)举报投诉行政服务中心进驻部门,及时受理群众的咨询和投诉。');
  });

  it('offers hot questions and suggestions from the configured questions', async () => {
    const hot = (await (await app.request('/api/faq/hot')).json()) as { questions: string[] };
    expect(hot.questions).toContain('投诉电话是多少？');
    const s = (await (await app.request(`/api/suggest?q=${encodeURIComponent('投诉')}`)).json()) as { suggestions: string[] };
    expect(s.suggestions[0]).toBe('投诉电话是多少？');
  });

  it('sets nosniff on every response', async () => {
    expect((await app.request('/healthz')).headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('CORS and rate limits', () => {
  it('lets any origin call the public API by default, without credentials', async () => {
    const res = await app.request('/api/ask?q=hi', { headers: { origin: 'https://www.example.gov.cn' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const pre = await app.request('/api/ask', { method: 'OPTIONS', headers: { origin: 'https://a.gov.cn', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
  });

  it('allows only ALLOWED_ORIGINS when it is set', async () => {
    const limited = testApp(undefined, { config: testConfig({ ALLOWED_ORIGINS: 'https://www.mdj.gov.cn' }) });
    const ok = await limited.request('/api/ask?q=hi', { headers: { origin: 'https://www.mdj.gov.cn' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.mdj.gov.cn');
    const other = await limited.request('/api/ask?q=hi', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 429 with Retry-After once a client passes RATE_LIMIT_PER_MINUTE', async () => {
    const limited = testApp(undefined, { config: testConfig({ RATE_LIMIT_PER_MINUTE: '3' }), clientAddress: () => '10.0.0.1' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await limited.request('/api/ask?q=hi', { headers: { 'x-qa-client': 'browser-one-123' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(last!, 429, 'rate_limited');
    // Another citizen behind the same office NAT is not throttled by the first one.
    expect((await limited.request('/api/ask?q=hi', { headers: { 'x-qa-client': 'browser-two-456' } })).status).toBe(200);
  });
});
