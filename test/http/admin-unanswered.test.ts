// The unanswered list through the real app, page by page: grouped and cut in SQL, each page bounded, the groups an
// FAQ entry now answers left out (and counted), and the FAQ matching that decides it sharing the event loop.
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminFaqEntry, AdminUnansweredResponse, ErrorResponse } from '../../server/contract.js';
import { markResolved, MAX_UNANSWERED_PAGE } from '../../server/http/admin-routes.js';
import { staffHarness, type StaffHarness } from '../helpers/staff.js';

const harnesses: StaffHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.store.close();
});

const QUESTIONS = ['护照怎么办理', '今天天气怎么样', '火车票多少钱', '足球比赛几点开始', '哪里可以钓鱼'];

/** A harness whose log has QUESTIONS answered "none", the first asked five times, the next four, and so on. */
async function seeded(): Promise<StaffHarness> {
  const h = staffHarness();
  harnesses.push(h);
  const now = Date.now();
  let n = 0;
  for (const [i, question] of QUESTIONS.entries()) {
    for (let k = 0; k < QUESTIONS.length - i; k++) {
      await h.store.recordQuestion({ id: `q${n++}`, question, matched: 'none', faqId: null, passage: null, askedAt: new Date(now - 3_600_000 * (i + 1) - k).toISOString() });
    }
  }
  return h;
}

async function page(h: StaffHarness, query: string): Promise<AdminUnansweredResponse> {
  const res = await h.admin(`/api/admin/unanswered?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as AdminUnansweredResponse;
}

describe('the unanswered list, page by page', () => {
  it('pages through the groups with limit and offset: each page says the total and where the next one starts', async () => {
    const h = await seeded();
    const first = await page(h, 'limit=2');
    expect(first).toMatchObject({ total: 5, offset: 0, nextOffset: 2, hiddenResolved: 0 });
    expect(first.groups.map((g) => [g.question, g.total])).toEqual([
      ['护照怎么办理', 5],
      ['今天天气怎么样', 4],
    ]);
    const second = await page(h, 'limit=2&offset=2');
    expect(second).toMatchObject({ total: 5, offset: 2, nextOffset: 4 });
    expect(second.groups.map((g) => g.question)).toEqual(['火车票多少钱', '足球比赛几点开始']);
    const last = await page(h, 'limit=2&offset=4');
    expect(last).toMatchObject({ total: 5, nextOffset: null, groups: [{ question: '哪里可以钓鱼' }] });
    expect(await page(h, 'limit=2&offset=9')).toMatchObject({ total: 5, nextOffset: null, groups: [] });
    expect((await page(h, 'sort=recent&limit=1&offset=1')).groups.map((g) => g.question)).toEqual(['今天天气怎么样']);
  });

  it(`refuses a page larger than ${MAX_UNANSWERED_PAGE} groups or a negative offset with a 400 that names the parameter`, async () => {
    const h = await seeded();
    for (const query of [`limit=${MAX_UNANSWERED_PAGE + 1}`, 'limit=500', 'offset=-1', 'offset=x']) {
      const res = await h.admin(`/api/admin/unanswered?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorResponse;
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.message).toMatch(/"(limit|offset)"/);
    }
    expect((await page(h, `limit=${MAX_UNANSWERED_PAGE}`)).groups).toHaveLength(5);
  });

  it('leaves out of a page the groups an FAQ entry saved since answers, counts them, and keeps the paging', async () => {
    const h = await seeded();
    const res = await h.admin('/api/admin/faq', { method: 'POST', json: { question: '今天天气怎么样', answer: '请查看气象台的天气预报。' } });
    const entry = (await res.json()) as AdminFaqEntry;
    const first = await page(h, 'limit=2');
    expect(first).toMatchObject({ total: 5, nextOffset: 2, hiddenResolved: 1 });
    expect(first.groups.map((g) => g.question)).toEqual(['护照怎么办理']);
    const all = await page(h, 'limit=2&resolved=1');
    expect(all.groups.map((g) => [g.question, g.resolvedBy])).toEqual([
      ['护照怎么办理', null],
      ['今天天气怎么样', entry.id],
    ]);
    expect(all.hiddenResolved).toBe(0);
  });

  it('lets other work run while it matches a page against the FAQ (it yields to the event loop)', async () => {
    const h = await seeded();
    await h.admin('/api/admin/faq', { method: 'POST', json: { question: '社保卡怎么补办', answer: '到社保窗口补办。' } });
    const groups = (await h.store.unansweredPage({ since: new Date(0).toISOString(), limit: 10 })).groups;
    const events: string[] = [];
    // A matcher that takes 5 ms a question, as a large FAQ can.
    const slow = {
      ...h.faq,
      async match(question: string) {
        const until = performance.now() + 5;
        while (performance.now() < until);
        events.push('match');
        return h.faq.match(question);
      },
    };
    setTimeout(() => events.push('timer'), 0);
    const marked = await markResolved(groups, slow);
    expect(marked.map((g) => g.resolvedBy)).toEqual([null, null, null, null, null]);
    // The timer ran before the last match: the five matches did not hold the event loop all at once.
    expect(events.indexOf('timer')).toBeGreaterThan(-1);
    expect(events.indexOf('timer')).toBeLessThan(events.lastIndexOf('match'));
  });

  it('does not match groups asked after the last FAQ change: no entry can have answered them yet', async () => {
    const h = await seeded();
    const groups = (await h.store.unansweredPage({ since: new Date(0).toISOString(), limit: 10 })).groups;
    let matches = 0;
    const counting = { ...h.faq, match: async (q: string) => (matches++, h.faq.match(q)) };
    expect((await markResolved(groups, counting)).every((g) => g.resolvedBy === null)).toBe(true);
    expect(matches).toBe(0);
  });
});
