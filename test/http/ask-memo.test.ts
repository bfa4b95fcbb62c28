// Whole answers remembered (server/http/ask-memo.ts) through the real app: a popular question skips the engine but
// still gets its own id and its own log row, and an FAQ edit or a new day is never answered from before.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import { askMemoKey, createAskMemo, withAnswerId } from '../../server/http/ask-memo.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { testConfig } from '../helpers/corpus.js';
import { faqInput, tempDataDir } from '../helpers/staff.js';

const TOKEN = 'ask-memo-test-token-0123456789ab';
// Built by the first app, read by the second (a fresh clone has no dist/index).
const INDEX_DIR = join(mkdtempSync(join(tmpdir(), 'qa-ask-memo-')), 'index');
const nodeApp = () => {
  const dataDir = tempDataDir();
  const store = openSqliteStore({ dataDir });
  return { ...createNodeApp(testConfig({ CORPUS_DIR: 'corpus', INDEX_DIR, DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN }), createLogger('silent'), { store }), store };
};

async function ask(app: ReturnType<typeof createNodeApp>['app'], question: string): Promise<{ text: string; body: AskResponse }> {
  const res = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  return { text, body: JSON.parse(text) as AskResponse };
}

describe('remembered answers', () => {
  it('answers a repeated question alike, each time with an id of its own and a row of its own in the log', async () => {
    const node = nodeApp();
    const first = await ask(node.app, '投诉电话是多少');
    const second = await ask(node.app, '投诉电话是多少');
    expect(second.body.id).not.toBe(first.body.id);
    expect({ ...second.body, id: '' }).toEqual({ ...first.body, id: '' });
    expect(Object.keys(second.body)[0]).toBe('id');
    await node.store.flush();
    expect(node.store.db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(2);
    await node.store.close();
  });

  it('answers from an FAQ entry created after the same question was answered from the reports', async () => {
    const node = nodeApp();
    const before = await ask(node.app, '投诉电话是多少');
    expect(before.body.matched).not.toBe('faq');
    await node.store.createFaq(faqInput({ question: '投诉电话是多少', answer: '投诉请拨打 12345 政务服务便民热线。' }), 'staff');
    const after = await ask(node.app, '投诉电话是多少');
    expect([after.body.matched, after.body.answer]).toEqual(['faq', '投诉请拨打 12345 政务服务便民热线。']);
    await node.store.close();
  });
});

describe('the memo', () => {
  it('forgets everything when what answers changes, and keeps a day, a page and the words apart', () => {
    const memo = createAskMemo(2);
    const engine = {};
    const pool: string[] = [];
    const entry = { body: '{"answer":"a"}', matched: 'corpus' as const, faqId: null, passage: 1 };
    const day = new Date('2026-12-03T08:00:00Z');
    memo.set([engine, pool], askMemoKey('问', undefined, day), entry);
    expect(memo.get([engine, pool], askMemoKey('问', undefined, day))).toBe(entry);
    expect(memo.get([engine, pool], askMemoKey('问', undefined, new Date('2026-12-04T08:00:00Z')))).toBeUndefined();
    expect(memo.get([engine, pool], askMemoKey('问', 'other-report', day))).toBeUndefined();
    expect(memo.get([engine, [...pool]], askMemoKey('问', undefined, day))).toBeUndefined();
    expect(memo.get([engine, pool], askMemoKey('问', undefined, day))).toBeUndefined();
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const memo = createAskMemo(2);
    const g = [{}];
    const e = (answer: string) => ({ body: JSON.stringify({ answer }), matched: 'corpus' as const, faqId: null, passage: null });
    memo.set(g, 'a', e('a'));
    memo.set(g, 'b', e('b'));
    memo.get(g, 'a');
    memo.set(g, 'c', e('c'));
    expect([memo.get(g, 'a')?.body, memo.get(g, 'b'), memo.get(g, 'c')?.body]).toEqual(['{"answer":"a"}', undefined, '{"answer":"c"}']);
  });

  it('puts the id first, as the response object serializes', () => {
    expect(JSON.parse(withAnswerId('0190-x', '{"answer":"好","matched":"corpus"}'))).toEqual({ id: '0190-x', answer: '好', matched: 'corpus' });
    expect(withAnswerId('x', '{"answer":"好"}')).toBe(JSON.stringify({ id: 'x', answer: '好' }));
  });
});
