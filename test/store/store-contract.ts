// The Store contract: behaviour every runtime's store must have (SQLite on Node, D1 on Workers), written once.
// A runtime's test calls describeStoreContract with a function that opens an empty store.
import { afterEach, describe, expect, it } from 'vitest';
import { questionKey, type Store } from '../../server/core/store.js';
import { faqInput } from '../helpers/staff.js';

const day = (n: number, hour = 10) => new Date(Date.UTC(2024, 4, n, hour)).toISOString();

/** Runs the contract against stores made by `create` (each call: a new, empty store). */
export function describeStoreContract(name: string, create: () => Store | Promise<Store>): void {
  describe(`${name}: the Store contract`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await create();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    describe('FAQ entries', () => {
      it('creates an entry at version 1 with its times, and lists enabled entries for answering', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '办事大厅几点上班？', alternatives: ['几点开门'], tags: ['时间'] }), 'staff', day(1));
        await store.createFaq(faqInput({ question: '停车场在哪里？', enabled: false }), 'staff', day(2));
        expect(a).toMatchObject({ id: 1, version: 1, alternatives: ['几点开门'], tags: ['时间'], enabled: true, hot: false, createdAt: day(1), updatedAt: day(1) });
        expect(await store.getFaq(a.id)).toEqual(a);
        expect((await store.listFaq()).map((e) => e.id)).toEqual([2, 1]);
        expect((await store.listFaq({ enabledOnly: true })).map((e) => e.id)).toEqual([1]);
        expect(await store.getFaq(99)).toBeNull();
      });

      it('updates only the version it was given, and reports the current entry otherwise', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '办事大厅几点上班？', answer: '九点' }), 'staff');
        const first = await store.updateFaq(a.id, faqInput({ question: a.question, answer: '八点半' }), 1, 'staff:甲', day(3));
        expect(first).toMatchObject({ status: 'updated', entry: { version: 2, answer: '八点半', updatedAt: day(3) } });
        const second = await store.updateFaq(a.id, faqInput({ question: a.question, answer: '十点' }), 1, 'staff:乙');
        expect(second).toMatchObject({ status: 'conflict', current: { version: 2, answer: '八点半' } });
        expect((await store.getFaq(a.id))!.answer).toBe('八点半');
        expect(await store.updateFaq(42, faqInput({ question: 'x' }), 1, 'staff')).toEqual({ status: 'not-found' });
      });

      it('does not make a new version for an edit that changes nothing', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '问题' }), 'staff');
        const same = await store.updateFaq(a.id, faqInput({ question: '问题' }), 1, 'staff');
        expect(same).toMatchObject({ status: 'updated', entry: { version: 1 } });
        expect(await store.listAudit({ limit: 10 })).toHaveLength(1);
      });

      it('deletes an entry, refusing a stale version', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '问题' }), 'staff');
        await store.updateFaq(a.id, faqInput({ question: '问题', answer: '新' }), 1, 'staff');
        expect(await store.deleteFaq(a.id, 'staff', 1)).toMatchObject({ status: 'conflict', current: { version: 2 } });
        expect(await store.deleteFaq(a.id, 'staff', 2)).toMatchObject({ status: 'deleted' });
        expect(await store.deleteFaq(a.id, 'staff')).toEqual({ status: 'not-found' });
        expect(await store.getFaq(a.id)).toBeNull();
      });

      it('bumps the FAQ revision with every write, and only then', async () => {
        const store = await open();
        const r0 = await store.faqRevision();
        const a = await store.createFaq(faqInput({ question: '问题' }), 'staff');
        const r1 = await store.faqRevision();
        await store.updateFaq(a.id, faqInput({ question: '问题', hot: true }), 1, 'staff');
        const r2 = await store.faqRevision();
        await store.updateFaq(a.id, faqInput({ question: '问题', hot: true }), 9, 'staff');
        await store.recordQuestion({ id: 'q1', question: '问题', matched: 'faq', faqId: a.id, passage: null, askedAt: day(1) });
        expect(await store.faqRevision()).toBe(r2);
        await store.deleteFaq(a.id, 'staff');
        expect(new Set([r0, r1, r2, await store.faqRevision()]).size).toBe(4);
      });

      it('imports rows in one unit: new questions are created, a question already there (ignoring punctuation and width) is updated', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '办事大厅几点上班？', answer: '九点' }), 'staff');
        const outcomes = await store.importFaq(
          [
            faqInput({ question: '办事大厅几点上班', answer: '八点半' }),
            faqInput({ question: '停车场在哪里？' }),
            faqInput({ question: '停车场在哪里？' }),
          ],
          'staff',
        );
        expect(outcomes.map((o) => [o.status, o.entry.id])).toEqual([
          ['updated', a.id],
          ['created', 2],
          ['unchanged', 2],
        ]);
        expect((await store.getFaq(a.id))!).toMatchObject({ answer: '八点半', version: 2, question: '办事大厅几点上班' });
        expect((await store.listAudit({ limit: 10 })).map((r) => r.action)).toEqual(['import', 'import', 'create']);
      });

      it('keeps an audit record of every change with the entry before and after', async () => {
        const store = await open();
        const a = await store.createFaq(faqInput({ question: '问题', answer: '旧' }), 'staff:甲', day(1));
        await store.updateFaq(a.id, faqInput({ question: '问题', answer: '新' }), 1, 'staff:乙', day(2));
        await store.deleteFaq(a.id, 'staff');
        const audit = await store.listAudit({ limit: 10 });
        expect(audit.map((r) => [r.action, r.actor, r.before?.answer ?? null, r.after?.answer ?? null])).toEqual([
          ['delete', 'staff', '新', null],
          ['update', 'staff:乙', '旧', '新'],
          ['create', 'staff:甲', null, '旧'],
        ]);
        expect(audit[1]).toMatchObject({ entity: 'faq', entityId: a.id, at: day(2), before: { version: 1 }, after: { version: 2 } });
        expect(await store.listAudit({ limit: 1, entityId: 999 })).toEqual([]);
      });
    });

    describe('question log, feedback and the unanswered list', () => {
      async function seed(store: Store) {
        const q = (id: string, question: string, matched: 'faq' | 'corpus' | 'none', at: string, faqId: number | null = null) =>
          store.recordQuestion({ id, question, matched, faqId, passage: matched === 'corpus' ? 3 : null, askedAt: at });
        await q('a', '护照怎么办理？', 'none', day(1));
        await q('b', '护照 怎么办理', 'none', day(2));
        await q('c', '請問護照怎麼辦理', 'none', day(3, 9));
        await q('d', '天气怎么样', 'none', day(4));
        await q('e', '投诉电话是多少', 'corpus', day(4));
        await q('f', '投诉电话是多少？', 'corpus', day(5));
        await q('g', '办事大厅几点开门', 'faq', day(5), 7);
        await store.addFeedback({ answerId: 'e', helpful: false, comment: '号码打不通', at: day(6) });
        await store.addFeedback({ answerId: 'f', helpful: false, comment: null, at: day(6, 11) });
        await store.addFeedback({ answerId: 'g', helpful: false, comment: null, at: day(7) });
        await store.addFeedback({ answerId: 'd', helpful: true, comment: null, at: day(7) });
      }

      it('groups questions answered "none" or rated 没帮助 by normalized text, with counts and the last time', async () => {
        const store = await open();
        await seed(store);
        const groups = await store.unanswered({ since: day(1, 0), limit: 10 });
        expect(groups.map((g) => [g.question, g.unanswered, g.notHelpful, g.total, g.lastAskedAt, g.faqId])).toEqual([
          ['請問護照怎麼辦理', 3, 0, 3, day(3, 9), null],
          ['投诉电话是多少？', 0, 2, 2, day(6, 11), null],
          ['办事大厅几点开门', 0, 1, 1, day(7), 7],
          ['天气怎么样', 1, 0, 1, day(4), null],
        ]);
        expect(groups[0]!.key).toBe(questionKey('护照怎么办理'));
      });

      it('sorts the unanswered list by recency on request, and honours since and limit', async () => {
        const store = await open();
        await seed(store);
        expect((await store.unanswered({ since: day(1, 0), limit: 2, sort: 'recent' })).map((g) => g.question)).toEqual([
          '办事大厅几点开门',
          '投诉电话是多少？',
        ]);
        expect((await store.unanswered({ since: day(3, 12), limit: 10 })).map((g) => g.question)).toEqual([
          '投诉电话是多少？',
          '办事大厅几点开门',
          '天气怎么样',
        ]);
      });

      it('pages the unanswered list in the database: offset and limit cut the sorted groups, and every page carries the total', async () => {
        const store = await open();
        await seed(store);
        const since = day(1, 0);
        const first = await store.unansweredPage({ since, limit: 2 });
        expect(first.total).toBe(4);
        expect(first.groups.map((g) => g.question)).toEqual(['請問護照怎麼辦理', '投诉电话是多少？']);
        const second = await store.unansweredPage({ since, limit: 2, offset: 2 });
        expect(second).toMatchObject({ total: 4, groups: [{ question: '办事大厅几点开门', faqId: 7, notHelpful: 1 }, { question: '天气怎么样', faqId: null }] });
        expect(await store.unansweredPage({ since, limit: 2, offset: 4 })).toEqual({ groups: [], total: 4 });
        const recent = await store.unansweredPage({ since, limit: 2, offset: 1, sort: 'recent' });
        expect(recent.groups.map((g) => g.question)).toEqual(['投诉电话是多少？', '天气怎么样']);
        expect(await store.unansweredPage({ since: day(9), limit: 5 })).toEqual({ groups: [], total: 0 });
      });

      it('keeps one rating per answer (rating again replaces it) and refuses an unknown answer id', async () => {
        const store = await open();
        await store.recordQuestion({ id: 'x', question: '问题', matched: 'corpus', faqId: null, passage: 1, askedAt: day(1) });
        const first = await store.addFeedback({ answerId: 'x', helpful: false, comment: '不对', at: day(1) });
        const second = await store.addFeedback({ answerId: 'x', helpful: true, comment: null, at: day(2) });
        expect(second).toEqual(first);
        expect(await store.listFeedback({ limit: 10 })).toEqual([
          { id: first!.id, answerId: 'x', helpful: true, comment: null, createdAt: day(2), question: '问题', matched: 'corpus', faqId: null },
        ]);
        expect(await store.addFeedback({ answerId: 'nope', helpful: true, comment: null, at: day(1) })).toBeNull();
      });

      it('counts questions per local day, by answer kind, with the helpful rate and the top questions', async () => {
        const store = await open();
        await seed(store);
        const o = await store.overview({ since: day(1, 0), utcOffsetMinutes: 480, top: 2 });
        expect(o.totals).toEqual({ total: 7, faq: 1, corpus: 2, none: 4 });
        expect(o.days.find((d) => d.date === '2024-05-04')).toEqual({ date: '2024-05-04', total: 2, faq: 0, corpus: 1, none: 1 });
        // 9:00 UTC on 3 May is 17:00 in China: still 3 May; days without questions are listed with zeros.
        expect(o.days.find((d) => d.date === '2024-05-03')!.total).toBe(1);
        expect(o.days.find((d) => d.date === '2024-05-06')).toEqual({ date: '2024-05-06', total: 0, faq: 0, corpus: 0, none: 0 });
        expect(o.feedback).toEqual({ helpful: 1, notHelpful: 3 });
        expect(o.topQuestions).toEqual([
          { question: '請問護照怎麼辦理', count: 3 },
          { question: '投诉电话是多少？', count: 2 },
        ]);
      });

      it('purges logged questions and feedback older than the cut-off, and keeps newer ones and the FAQ', async () => {
        const store = await open();
        await seed(store);
        await store.createFaq(faqInput({ question: '问题' }), 'staff', day(1));
        const removed = await store.purge(day(4, 0));
        expect(removed).toEqual({ questions: 3, feedback: 0 });
        expect((await store.overview({ since: day(1, 0), utcOffsetMinutes: 0, top: 10 })).totals.total).toBe(4);
        expect((await store.unanswered({ since: day(1, 0), limit: 10 })).map((g) => g.question)).toEqual(['投诉电话是多少？', '办事大厅几点开门', '天气怎么样']);
        expect(await store.purge(day(6, 12))).toEqual({ questions: 4, feedback: 2 });
        expect(await store.listFaq()).toHaveLength(1);
        expect(await store.listAudit({ limit: 5 })).toHaveLength(1);
      });
    });

    describe('inquiries (留言)', () => {
      const contact = { phone: '13812345678', email: 'a@example.cn' };

      it('stores an inquiry with its contact data apart, finds it by code hash, and never lists the contact data', async () => {
        const store = await open();
        const { id } = await store.createInquiry({ codeHash: 'h1', question: '社保卡丢了怎么补办', answerId: 'a-1', contact, at: day(1) });
        await store.createInquiry({ codeHash: 'h2', question: '公积金怎么提取', answerId: null, contact: null, at: day(2) });
        const found = await store.findInquiryByCode('h1');
        expect(found).toEqual({
          id,
          question: '社保卡丢了怎么补办',
          answerId: 'a-1',
          status: 'open',
          createdAt: day(1),
          reply: null,
          repliedAt: null,
          repliedBy: null,
          faqId: null,
          hasContact: true,
        });
        expect(await store.findInquiryByCode('nope')).toBeNull();
        expect((await store.getInquiry(id + 1))!.hasContact).toBe(false);
        const listed = await store.listInquiries({ status: 'open', limit: 10 });
        expect(listed.map((i) => i.question)).toEqual(['社保卡丢了怎么补办', '公积金怎么提取']);
        expect(JSON.stringify(listed)).not.toContain('13812345678');
        expect(await store.countOpenInquiries()).toBe(2);
      });

      it('refuses a second inquiry with the same code hash, leaving the first as it was', async () => {
        const store = await open();
        await store.createInquiry({ codeHash: 'same', question: '甲', answerId: null, contact: null, at: day(1) });
        await expect(store.createInquiry({ codeHash: 'same', question: '乙', answerId: null, contact, at: day(2) })).rejects.toThrow();
        expect(await store.findInquiryByCode('same')).toMatchObject({ question: '甲', hasContact: false });
      });

      it('records every reveal of contact data with who and when, and returns null for an inquiry without any', async () => {
        const store = await open();
        const { id } = await store.createInquiry({ codeHash: 'h', question: '问题', answerId: null, contact, at: day(1) });
        expect(await store.revealInquiryContact(id, 'staff:甲', day(2))).toEqual(contact);
        expect(await store.revealInquiryContact(id, 'staff:乙', day(3))).toEqual(contact);
        expect(await store.listContactViews(id)).toEqual([
          { actor: 'staff:乙', at: day(3) },
          { actor: 'staff:甲', at: day(2) },
        ]);
        const other = await store.createInquiry({ codeHash: 'h2', question: '问题', answerId: null, contact: null, at: day(1) });
        expect(await store.revealInquiryContact(other.id, 'staff', day(2))).toBeNull();
        expect(await store.revealInquiryContact(999, 'staff', day(2))).toBeNull();
        expect(await store.listContactViews(999)).toEqual([]);
      });

      it('replies once, and deletes the contact data only after the retention date set at the reply', async () => {
        const store = await open();
        const { id } = await store.createInquiry({ codeHash: 'h', question: '问题', answerId: null, contact, at: day(1) });
        const reply = { text: '请带身份证到窗口办理。', actor: 'staff:甲', at: day(2), faqId: 7, deleteContactAfter: day(20) };
        expect(await store.replyInquiry(id, reply)).toMatchObject({ status: 'replied', inquiry: { status: 'replied', reply: reply.text, repliedAt: day(2), repliedBy: 'staff:甲', faqId: 7 } });
        expect(await store.replyInquiry(id, { ...reply, text: '另一个', deleteContactAfter: day(30) })).toMatchObject({ status: 'already-replied', inquiry: { reply: reply.text } });
        expect(await store.replyInquiry(999, reply)).toEqual({ status: 'not-found' });
        expect(await store.countOpenInquiries()).toBe(0);
        expect((await store.listInquiries({ status: 'replied', limit: 5 })).map((i) => i.id)).toEqual([id]);
        // Received on day 1, so an unreplied cutoff after that does not apply: the reply gave it its own date.
        expect(await store.purgeInquiryContacts(day(19), day(5))).toBe(0);
        expect(await store.purgeInquiryContacts(day(20), day(5))).toBe(1);
        expect(await store.revealInquiryContact(id, 'staff', day(21))).toBeNull();
        expect(await store.getInquiry(id)).toMatchObject({ hasContact: false, reply: reply.text });
      });

      it('deletes the contact data of an inquiry never replied once it was received at or before the cutoff, and keeps the inquiry', async () => {
        const store = await open();
        const old = await store.createInquiry({ codeHash: 'h', question: '问题', answerId: null, contact, at: day(1) });
        const recent = await store.createInquiry({ codeHash: 'h2', question: '另一个问题', answerId: null, contact, at: day(3) });
        expect(await store.purgeInquiryContacts(day(28), day(1, 9))).toBe(0);
        expect(await store.purgeInquiryContacts(day(28), day(1))).toBe(1);
        expect(await store.revealInquiryContact(old.id, 'staff', day(28))).toBeNull();
        expect(await store.getInquiry(old.id)).toMatchObject({ status: 'open', hasContact: false, question: '问题' });
        expect(await store.getInquiry(recent.id)).toMatchObject({ hasContact: true });
        // Replied before the cutoff: its own date (day 30) holds, not the receive time.
        await store.replyInquiry(recent.id, { text: '答', actor: 'staff', at: day(4), faqId: null, deleteContactAfter: day(30) });
        expect(await store.purgeInquiryContacts(day(28), day(10))).toBe(0);
        expect(await store.purgeInquiryContacts(day(30), day(10))).toBe(1);
      });

      it('gives the created and reply times since a date, and replaces the staff calendar as a whole', async () => {
        const store = await open();
        const a = await store.createInquiry({ codeHash: 'a', question: '甲', answerId: null, contact: null, at: day(1) });
        await store.createInquiry({ codeHash: 'b', question: '乙', answerId: null, contact: null, at: day(3) });
        await store.replyInquiry(a.id, { text: '答', actor: 'staff', at: day(2), faqId: null, deleteContactAfter: day(9) });
        expect(await store.inquiryTimes(day(1, 0), 10)).toEqual([
          { createdAt: day(1), repliedAt: day(2) },
          { createdAt: day(3), repliedAt: null },
        ]);
        expect(await store.inquiryTimes(day(2), 10)).toHaveLength(1);
        await store.replaceCalendar([{ date: '2024-05-01', working: false, name: '劳动节' }]);
        await store.replaceCalendar([
          { date: '2024-10-01', working: false, name: '国庆节' },
          { date: '2024-09-29', working: true, name: '国庆调休' },
        ]);
        expect(await store.listCalendar()).toEqual([
          { date: '2024-09-29', working: true, name: '国庆调休' },
          { date: '2024-10-01', working: false, name: '国庆节' },
        ]);
      });

      it('counts questions by how they were answered and the votes per local month', async () => {
        const store = await open();
        const q = (id: string, matched: 'faq' | 'corpus' | 'none', askedAt: string) =>
          store.recordQuestion({ id, question: '问题', matched, faqId: null, passage: null, askedAt });
        await q('a', 'corpus', '2024-04-30T17:00:00.000Z'); // 1 May, 01:00 in China
        await q('b', 'none', '2024-05-10T02:00:00.000Z');
        await q('c', 'faq', '2024-04-10T02:00:00.000Z');
        await store.addFeedback({ answerId: 'a', helpful: true, comment: null, at: '2024-05-01T02:00:00.000Z' });
        await store.addFeedback({ answerId: 'c', helpful: false, comment: null, at: '2024-04-11T02:00:00.000Z' });
        expect(await store.monthlyActivity('2024-04-01T00:00:00.000Z', 480)).toEqual([
          { month: '2024-05', total: 2, faq: 0, corpus: 1, none: 1, helpful: 1, notHelpful: 0 },
          { month: '2024-04', total: 1, faq: 1, corpus: 0, none: 0, helpful: 0, notHelpful: 1 },
        ]);
        expect((await store.monthlyActivity('2024-04-01T00:00:00.000Z', 0))[0]).toMatchObject({ month: '2024-05', total: 1 });
      });
    });
  });
}
