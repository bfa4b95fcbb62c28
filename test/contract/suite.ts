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
  for (const file of ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json']) {
    for (const c of readCases(file)) {
      if (c.invalid) continue;
      const { id: _id, ...rest } = (await (await send('/api/ask', json({ question: c.q }))).json()) as AskResponse;
      out[`${file}:${c.id}`] = rest;
    }
  }
  return out;
}

/** Registers the contract cases for one runtime. `runtime` is what /healthz must report. */
export function describeContract(runtime: 'node' | 'workers', send: () => Send): void {
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
}
