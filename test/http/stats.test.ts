// The public statistics: by month, questions and how they were answered, satisfaction, 留言 received / replied /
// replied on time and the median reply time, as JSON and as a page; aggregated, nothing personal.
import { afterAll, describe, expect, it } from 'vitest';
import type { StatsResponse } from '../../server/contract.js';
import { staffHarness } from '../helpers/staff.js';

const h = staffHarness();
afterAll(() => h.store.close());

describe('public statistics', () => {
  it('counts this month\'s questions, votes and 留言 with the reply time, and shows no question text', async () => {
    const answered = await h.ask('2015年主动公开了多少条政府信息？');
    await h.ask('我的电话13812345678，明天天气怎么样？');
    await h.app.request('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId: answered.id, helpful: true }) });
    const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const { id } = await h.store.createInquiry({ codeHash: 'x', question: '秘密问题', answerId: null, contact: { phone: '13900000000', email: null }, at });
    await h.store.replyInquiry(id, { text: '答复', actor: 'staff', at: new Date().toISOString(), faqId: null, deleteContactAfter: new Date().toISOString() });
    await h.store.createInquiry({ codeHash: 'y', question: '另一个', answerId: null, contact: null, at: new Date().toISOString() });

    const res = await h.app.request('/api/stats');
    expect(res.status).toBe(200);
    const text = await res.text();
    const stats = JSON.parse(text) as StatsResponse;
    expect(stats.months).toHaveLength(12);
    expect(stats.months[0]).toMatchObject({
      questions: { total: 2, corpus: 1, none: 1, faq: 0 },
      satisfaction: { helpful: 1, notHelpful: 0, rate: 1 },
      inquiries: { received: 2, replied: 1, repliedOnTime: 1 },
    });
    expect(stats.months[0]!.inquiries.medianReplyHours).toBeCloseTo(2, 0);
    expect(stats.months[1]!.questions.total).toBe(0);
    for (const secret of ['秘密问题', '13900000000', '天气', '13812345678']) expect(text).not.toContain(secret);

    const page = await h.app.request('/stats');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<h1>智能问答统计</h1>');
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(12);
    expect(html).not.toContain('秘密问题');
  });

  it('refuses a malformed number of months with a 400', async () => {
    for (const months of ['0', '37', 'x', '1.5']) {
      const res = await h.app.request(`/api/stats?months=${months}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
    }
    expect(((await (await h.app.request('/api/stats?months=3')).json()) as StatsResponse).months).toHaveLength(3);
  });
});
