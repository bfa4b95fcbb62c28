// One HTTP contract suite, written once and run against both runtimes (Node app and Worker in local workerd).
import { describe, expect, it } from 'vitest';
import type { AskResponse, ErrorResponse } from '../../server/contract.js';
import { readCases } from '../helpers/corpus.js';

/** Sends a request to the runtime under test; paths are relative to its origin. */
export type Send = (path: string, init?: RequestInit) => Promise<Response>;

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as ErrorResponse).error.code;
}

/** Answers of all fixture questions, without the per-request id: compared across runtimes. */
export async function collectAnswers(send: Send): Promise<Record<string, Omit<AskResponse, 'id'>>> {
  const out: Record<string, Omit<AskResponse, 'id'>> = {};
  for (const file of ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json', 'blind2-questions.json']) {
    for (const c of readCases(file)) {
      if (c.invalid) continue;
      const { id: _id, ...rest } = (await (await send('/api/ask', json({ question: c.q }))).json()) as AskResponse;
      out[`${file}:${c.id}`] = rest;
    }
  }
  return out;
}

/** A runtime under test: the app as configured for the contract cases, and the same app with a rate limit. */
export interface ContractTarget {
  /** Requests to the app, started with ADMIN_TOKEN = `adminToken` and no rate limit. */
  send: Send;
  adminToken: string;
  /** Requests to the same runtime started with RATE_LIMIT_PER_MINUTE = `limit` (the answer comparisons need none). */
  limited: { send: Send; limit: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits, when needed, until the current one-minute rate-limit window has at least `ms` left, so that a test's
 * requests all count in one window.
 */
export async function waitForWindow(ms: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await sleep(left + 50);
}

/** A client id of the widget's form (`X-QA-Client`), new for each call: rate limits count per client. */
export function newClientId(): string {
  return `test-${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** Registers the contract cases for one runtime. `runtime` is what /healthz must report. */
export function describeContract(runtime: 'node' | 'workers', target: () => ContractTarget): void {
  const send = () => target().send;
  describe(`HTTP contract on ${runtime}`, () => {
    it('reports health', async () => {
      const res = await send()('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', runtime, documents: 1 });
    });

    it('answers POST /api/ask and GET /api/ask?q= with a cited passage', async () => {
      const post = (await (await send()('/api/ask', json({ question: '管理科咨询热线是多少？' }))).json()) as AskResponse;
      expect(post.matched).toBe('corpus');
      expect(post.answer).toContain('6958002');
      expect(post.sources[0]).toMatchObject({ title: '2015年度行政服务中心政府信息公开年度报告', date: '2016-03-11' });
      const get = (await (await send()(`/api/ask?q=${encodeURIComponent('管理科咨询热线是多少？')}`)).json()) as AskResponse;
      expect({ ...get, id: '' }).toEqual({ ...post, id: '' });
    });

    it('refuses an out-of-scope question', async () => {
      const body = (await (await send()('/api/ask', json({ question: '怎么办理护照？' }))).json()) as AskResponse;
      expect(body.matched).toBe('none');
    });

    it('rejects bad input with JSON errors', async () => {
      const s = send();
      let res = await s('/api/ask', json({ question: '' }));
      expect([res.status, await errorCode(res)]).toEqual([400, 'empty_question']);
      res = await s('/api/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
      expect([res.status, await errorCode(res)]).toEqual([415, 'unsupported_media_type']);
      res = await s('/api/ask', json({ question: 'a', pad: 'x'.repeat(20_000) }));
      expect([res.status, await errorCode(res)]).toEqual([413, 'payload_too_large']);
      res = await s('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
      expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_json']);
      res = await s('/no/such/route');
      expect([res.status, await errorCode(res)]).toEqual([404, 'not_found']);
    });

    it('serves the demo page with a strict CSP and the robot embedded', async () => {
      const res = await send()('/');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<script src="/widget.js" defer></script>');
    });

    it('offers hot questions and suggestions', async () => {
      const hot = (await (await send()('/api/faq/hot')).json()) as { questions: string[] };
      expect(hot.questions.length).toBeGreaterThan(0);
      const s = (await (await send()(`/api/suggest?q=${encodeURIComponent('收费')}`)).json()) as { suggestions: string[] };
      expect(s.suggestions).toContain('政府信息公开收费吗？');
    });
  });

  describe(`staff features on ${runtime}`, () => {
    const staff = (path: string, init: RequestInit = {}) =>
      send()(path, {
        ...init,
        headers: { authorization: `Bearer ${target().adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
    const ask = async (question: string, client?: string) =>
      (await (
        await send()('/api/ask', { ...json({ question }), headers: { 'content-type': 'application/json', ...(client ? { 'x-qa-client': client } : {}) } })
      ).json()) as AskResponse;

    it('answers with a staff FAQ entry from the moment it is created, and no longer once it is deleted', async () => {
      const question = '办事大厅周六开门吗？';
      expect((await ask(question)).matched).not.toBe('faq');
      const created = await staff('/api/admin/faq', {
        method: 'POST',
        body: JSON.stringify({ question: '办事大厅周六上班吗？', alternatives: ['周六可以去办事大厅办事吗'], answer: '周六上午九点至十二点办公，周日休息。' }),
      });
      expect(created.status).toBe(201);
      const entry = (await created.json()) as { id: number; version: number };
      const answered = await ask(question);
      expect(answered).toMatchObject({ matched: 'faq', answer: '周六上午九点至十二点办公，周日休息。', faq: { id: entry.id } });
      const removed = await staff(`/api/admin/faq/${entry.id}?version=${entry.version}`, { method: 'DELETE' });
      expect(removed.status).toBe(204);
      expect((await ask(question)).matched).not.toBe('faq');
      expect((await staff(`/api/admin/faq/${entry.id}`)).status).toBe(404);
    });

    it("takes a citizen's rating of an answer, and refuses a rating of an unknown answer", async () => {
      const answer = await ask('管理科咨询热线是多少？');
      const rated = await send()('/api/feedback', json({ answerId: answer.id, helpful: false, comment: '号码打不通' }));
      expect(rated.status).toBe(201);
      expect(await rated.json()).toEqual({ id: expect.any(Number) });
      const unknown = await send()('/api/feedback', json({ answerId: 'no-such-answer', helpful: true }));
      expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'unknown_answer']);
    });

    it('takes a 留言 with contact data, shows its reply by 查询码, and reveals the contact data only on purpose', async () => {
      const left = await send()('/api/inquiries', json({ question: '契约测试：老年卡怎么办？', phone: '13812345678', consent: true }));
      expect(left.status).toBe(201);
      const { code } = (await left.json()) as { code: string };
      expect((await (await send()('/api/inquiries/lookup', json({ code }))).json())).toMatchObject({ status: 'open', reply: null });
      const inbox = await (await staff('/api/admin/inquiries?status=open&limit=200')).text();
      expect(inbox).not.toContain('13812345678');
      const item = (JSON.parse(inbox) as { inquiries: Array<{ id: number; question: string; hasContact: boolean }> }).inquiries.find((i) => i.question === '契约测试：老年卡怎么办？')!;
      expect(item.hasContact).toBe(true);
      expect(await (await staff(`/api/admin/inquiries/${item.id}/contact`, { method: 'POST' })).json()).toMatchObject({ phone: '13812345678' });
      const replied = await staff(`/api/admin/inquiries/${item.id}/reply`, { method: 'POST', body: JSON.stringify({ reply: '请到社区办理。' }) });
      expect(replied.status).toBe(200);
      expect(await (await send()('/api/inquiries/lookup', json({ code }))).json()).toMatchObject({ status: 'replied', reply: '请到社区办理。' });
      const bad = await send()('/api/inquiries', json({ question: '问题', phone: '13812345678' }));
      expect([bad.status, await errorCode(bad)]).toEqual([400, 'consent_required']);
      const stats = (await (await send()('/api/stats?months=1')).json()) as { months: Array<{ inquiries: { received: number; replied: number } }> };
      expect(stats.months[0]!.inquiries.replied).toBeGreaterThanOrEqual(1);
    });

    it('refuses the staff API, report routes included, without the right token', async () => {
      for (const path of ['/api/admin/faq', '/api/admin/reports', '/api/admin/overview']) {
        const res = await send()(path);
        expect([path, res.status, await errorCode(res)]).toEqual([path, 401, 'unauthorized']);
        expect(res.headers.get('www-authenticate')).toContain('Bearer');
      }
      const wrong = await send()('/api/admin/faq', { headers: { authorization: 'Bearer not-the-staff-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect((await staff('/api/admin/faq')).status).toBe(200);
    });

    it('limits each client to RATE_LIMIT_PER_MINUTE requests a minute across the public API, then answers 429 with Retry-After', async () => {
      const { send: limited, limit } = target().limited;
      await waitForWindow(5_000);
      const client = newClientId();
      const headers = { 'x-qa-client': client };
      const statuses: number[] = [];
      for (let i = 0; i < limit; i++) {
        const path = i % 2 === 0 ? `/api/ask?q=${encodeURIComponent('投诉电话是多少？')}` : `/api/suggest?q=${encodeURIComponent('收费')}`;
        statuses.push((await limited(path, { headers })).status);
      }
      expect(statuses).toEqual(Array(limit).fill(200));
      const refused = await limited(`/api/ask?q=${encodeURIComponent('投诉电话是多少？')}`, { headers });
      expect([refused.status, await errorCode(refused)]).toEqual([429, 'rate_limited']);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another client (another browser behind the same address) still gets answers.
      expect((await limited('/api/suggest?q=x', { headers: { 'x-qa-client': newClientId() } })).status).toBe(200);
    });
  });
}
