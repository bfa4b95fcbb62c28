// 知识推荐 over HTTP: an answered question comes with up to three other questions the robot answers, one click away;
// a refused one with the answerable questions nearest to it.
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import { loadCorpus, testApp } from '../helpers/corpus.js';

const app = testApp(loadCorpus());
const ask = async (question: string) =>
  (await (await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as AskResponse;

describe('related questions under an answer', () => {
  it('lists up to three other answerable questions under an answer, and none under 「我不知道」', async () => {
    const answered = await ask('2015年主动公开了多少条政府信息？');
    expect(answered.matched).toBe('corpus');
    expect(answered.related!.length).toBeGreaterThan(0);
    expect(answered.related!.length).toBeLessThanOrEqual(3);
    expect(answered.related).not.toContain('2015年主动公开了多少条政府信息？');
    for (const q of answered.related!) expect((await ask(q)).matched).not.toBe('none');
    const unknown = await ask('明天天气怎么样？');
    expect(unknown.related).toBeUndefined();
  });
});

describe('questions offered with 「我不知道」', () => {
  it('offers answerable questions near the refused one (the nearest passages\' headings), not the hot questions', async () => {
    const hot = ((await (await app.request('/api/faq/hot')).json()) as { questions: string[] }).questions;
    const refused = await ask('怎么申请低保');
    expect(refused.matched).toBe('none');
    expect(refused.suggestions).toContain('因政府信息公开申请行政复议、引起行政诉讼的情况');
    expect(refused.suggestions.filter((q) => hot.includes(q))).toEqual([]);
    for (const q of refused.suggestions) expect((await ask(q)).matched).not.toBe('none');
  });

  it('offers the hot questions when nothing near is answerable', async () => {
    const hot = ((await (await app.request('/api/faq/hot')).json()) as { questions: string[] }).questions;
    expect((await ask('今天牡丹江天气怎么样？')).suggestions).toEqual(hot.slice(0, 3));
  });
});
