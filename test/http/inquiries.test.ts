// 留言 over HTTP: a citizen leaves a question and reads the reply with the 查询码; staff see the inbox with ages,
// reply (publishing an FAQ entry), reveal contact data on purpose, and edit the calendar; every bad input is a 4xx.
import { afterAll, describe, expect, it } from 'vitest';
import type {
  AdminCalendar,
  AdminInquiriesResponse,
  AdminInquiryContactResponse,
  AdminInquiryReplyResponse,
  InquiryCreatedResponse,
  InquiryLookupResponse,
} from '../../server/contract.js';
import { hashLookupCode, normalizeLookupCode } from '../../server/core/inquiries.js';
import { staffHarness } from '../helpers/staff.js';

const h = staffHarness();
afterAll(() => h.store.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function leave(body: Record<string, unknown>): Promise<InquiryCreatedResponse> {
  const res = await post('/api/inquiries', body);
  expect(res.status).toBe(201);
  return (await res.json()) as InquiryCreatedResponse;
}

async function lookup(code: string): Promise<Response> {
  return post('/api/inquiries/lookup', { code });
}

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  return { status: res.status, code: body.error.code };
}

describe('a citizen leaves a question and reads the reply with the 查询码', () => {
  it('gives an unguessable code of 12 symbols, and the lookup shows the question open, then the reply', async () => {
    const created = await leave({ question: '公积金贷款需要什么材料？', answerId: 'abc-1' });
    expect(created.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(created.deadlineDays).toBe(3);
    const open = (await (await lookup(created.code)).json()) as InquiryLookupResponse;
    expect(open).toMatchObject({ status: 'open', question: '公积金贷款需要什么材料？', reply: null });

    const { inquiries } = (await (await h.admin('/api/admin/inquiries')).json()) as AdminInquiriesResponse;
    const mine = inquiries.find((i) => i.question === '公积金贷款需要什么材料？')!;
    expect(mine).toMatchObject({ status: 'open', hasContact: false, answerId: 'abc-1', age: { workingDays: 0, overdue: false } });
    const replied = await h.admin(`/api/admin/inquiries/${mine.id}/reply`, { method: 'POST', json: { reply: '请带身份证和购房合同到公积金中心。' } });
    expect(replied.status).toBe(200);

    // Typed as people type it: lower case, full width, spaces instead of dashes.
    const typed = created.code.toLowerCase().replace(/-/g, ' ').replace(/[a-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const answered = (await (await lookup(typed)).json()) as InquiryLookupResponse;
    expect(answered).toMatchObject({ status: 'replied', reply: '请带身份证和购房合同到公积金中心。' });
    expect(answered.repliedAt).not.toBeNull();
  });

  it('stores only the hash of the code, and gives each inquiry its own code', async () => {
    const a = await leave({ question: '甲问题' });
    const b = await leave({ question: '乙问题' });
    expect(a.code).not.toBe(b.code);
    const stored = h.store.db.prepare('SELECT code_hash FROM inquiries').pluck().all() as string[];
    expect(stored).toContain(await hashLookupCode(normalizeLookupCode(a.code)!));
    expect(JSON.stringify(stored)).not.toContain(a.code.replace(/-/g, ''));
  });

  it('refuses bad input with clear 4xx errors', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'missing_question'],
      [{ question: 42 }, 400, 'invalid_question'],
      [{ question: '   ' }, 400, 'empty_question'],
      [{ question: '问'.repeat(1001) }, 400, 'question_too_long'],
      [{ question: '问题', answerId: '<script>' }, 400, 'invalid_answer_id'],
      [{ question: '问题', phone: '打我电话', consent: true }, 400, 'invalid_phone'],
      [{ question: '问题', phone: 13812345678, consent: true }, 400, 'invalid_phone'],
      [{ question: '问题', email: 'not-an-address', consent: true }, 400, 'invalid_email'],
      [{ question: '问题', phone: '13812345678' }, 400, 'consent_required'],
      [{ question: '问题', email: 'a@example.cn', consent: false }, 400, 'consent_required'],
      [{ question: '问题', consent: 'yes' }, 400, 'invalid_consent'],
      ['[1,2]', 400, 'invalid_body'],
    ];
    for (const [body, status, code] of cases) {
      const got = await errorOf(await post('/api/inquiries', body));
      expect(got, JSON.stringify(body).slice(0, 60)).toEqual({ status, code });
    }
    const big = await post('/api/inquiries', { question: '问题', padding: 'x'.repeat(20_000) });
    expect(await errorOf(big)).toEqual({ status: 413, code: 'payload_too_large' });
    const text = await h.app.request('/api/inquiries', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'question' });
    expect(text.status).toBe(415);
  });

  it('refuses a malformed or unknown code on lookup', async () => {
    expect(await errorOf(await post('/api/inquiries/lookup', {}))).toEqual({ status: 400, code: 'missing_code' });
    expect(await errorOf(await lookup('1234'))).toEqual({ status: 400, code: 'invalid_code' });
    expect(await errorOf(await lookup('OOOO-IIII-1111'))).toEqual({ status: 400, code: 'invalid_code' });
    expect(await errorOf(await lookup('2222-3333-4444'))).toEqual({ status: 404, code: 'unknown_code' });
  });
});

describe('rate limits on the public inquiry routes', () => {
  it('limits leaving questions per client, and the lookup like /api/ask', async () => {
    const limited = staffHarness({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const send = (path: string, body: unknown) =>
        limited.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await send('/api/inquiries/lookup', { code: '2222-3333-4444' })).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.store.close();
    }
    const own = staffHarness({ RATE_LIMIT_PER_MINUTE: '60' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await own.app.request('/api/inquiries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: `问题${i}` }) });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    } finally {
      await own.store.close();
    }
  });
});

describe('the staff inbox', () => {
  it('lists open inquiries oldest first with their age in working days, and counts the overdue ones', async () => {
    const inbox = staffHarness();
    try {
      const old = new Date(Date.now() - 30 * 86_400_000).toISOString();
      await inbox.store.createInquiry({ codeHash: 'old', question: '一个月前的留言', answerId: null, contact: null, at: old });
      await inbox.store.createInquiry({ codeHash: 'new', question: '今天的留言', answerId: null, contact: null, at: new Date().toISOString() });
      const body = (await (await inbox.admin('/api/admin/inquiries')).json()) as AdminInquiriesResponse;
      expect(body).toMatchObject({ deadlineDays: 3, open: 2, overdue: 1 });
      expect(body.inquiries.map((i) => [i.question, i.age.overdue])).toEqual([
        ['一个月前的留言', true],
        ['今天的留言', false],
      ]);
      expect(body.inquiries[0]!.age.workingDays).toBeGreaterThanOrEqual(20);
      expect(body.inquiries[1]!.age.workingDays).toBe(0);
    } finally {
      await inbox.store.close();
    }
  });

  it('counts a holiday from the staff calendar as no working day', async () => {
    const inbox = staffHarness();
    try {
      const at = new Date(Date.now() - 10 * 86_400_000).toISOString();
      await inbox.store.createInquiry({ codeHash: 'x', question: '十天前', answerId: null, contact: null, at });
      const age = async () => ((await (await inbox.admin('/api/admin/inquiries')).json()) as AdminInquiriesResponse).inquiries[0]!.age.workingDays;
      const before = await age();
      // Every day of the last ten a holiday: none of them counts.
      const days = Array.from({ length: 11 }, (_, i) => ({ date: new Date(Date.now() - i * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10), working: false, name: '假期' }));
      expect((await inbox.admin('/api/admin/calendar', { method: 'PUT', json: { days } })).status).toBe(200);
      expect(before).toBeGreaterThan(0);
      expect(await age()).toBe(0);
    } finally {
      await inbox.store.close();
    }
  });

  it('closes an inquiry with the reply and publishes the reply as an FAQ entry in the same step', async () => {
    await leave({ question: '我的电话13812345678，居住证怎么续签？' });
    const { inquiries } = (await (await h.admin('/api/admin/inquiries')).json()) as AdminInquiriesResponse;
    const target = inquiries.find((i) => i.question.includes('居住证'))!;
    expect(target.question).toBe('我的电话[手机号]，居住证怎么续签？');
    const res = await h.admin(`/api/admin/inquiries/${target.id}/reply`, {
      method: 'POST',
      json: { reply: '居住证到期前30日内到派出所续签。', publishFaq: { question: '居住证怎么续签？', alternatives: ['居住证到期了怎么办'] } },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminInquiryReplyResponse;
    expect(body.faq).toMatchObject({ question: '居住证怎么续签？', answer: '居住证到期前30日内到派出所续签。', enabled: true });
    expect(body.inquiry).toMatchObject({ status: 'replied', faqId: body.faq!.id, age: { overdue: false } });
    expect(await h.ask('居住证到期了怎么办')).toMatchObject({ matched: 'faq', answer: '居住证到期前30日内到派出所续签。' });
    const again = await h.admin(`/api/admin/inquiries/${target.id}/reply`, { method: 'POST', json: { reply: '再答一次' } });
    expect(await errorOf(again)).toEqual({ status: 409, code: 'already_replied' });
  });

  it('refuses bad staff input with clear 4xx errors, and answers nobody without the token', async () => {
    await leave({ question: '待答复的问题' });
    const { inquiries } = (await (await h.admin('/api/admin/inquiries?status=open')).json()) as AdminInquiriesResponse;
    const id = inquiries[0]!.id;
    const reply = (json: unknown, target: string | number = id) => h.admin(`/api/admin/inquiries/${target}/reply`, { method: 'POST', json });
    expect(await errorOf(await reply({}))).toEqual({ status: 400, code: 'missing_reply' });
    expect(await errorOf(await reply({ reply: '答'.repeat(4001) }))).toEqual({ status: 400, code: 'reply_too_long' });
    expect(await errorOf(await reply({ reply: '答', publishFaq: 'yes' }))).toEqual({ status: 400, code: 'invalid_publish_faq' });
    expect(await errorOf(await reply({ reply: '答', publishFaq: { question: '' } }))).toEqual({ status: 400, code: 'invalid_faq' });
    expect(await errorOf(await reply({ reply: '答' }, 999999))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await reply({ reply: '答' }, 'abc'))).toEqual({ status: 404, code: 'not_found' });
    expect((await h.store.getInquiry(id))!.status).toBe('open');
    expect(await errorOf(await h.admin('/api/admin/inquiries?status=closed'))).toEqual({ status: 400, code: 'invalid_query' });
    expect(await errorOf(await h.admin('/api/admin/inquiries?limit=0'))).toEqual({ status: 400, code: 'invalid_query' });
    expect(await errorOf(await h.admin('/api/admin/inquiries/999999/contact', { method: 'POST' }))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await h.admin(`/api/admin/inquiries/${id}/contact`, { method: 'POST' }))).toEqual({ status: 404, code: 'no_contact' });
    for (const [path, method] of [
      ['/api/admin/inquiries', 'GET'],
      [`/api/admin/inquiries/${id}/contact`, 'POST'],
      [`/api/admin/inquiries/${id}/reply`, 'POST'],
      ['/api/admin/calendar', 'PUT'],
    ] as const) {
      const res = await h.app.request(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? null : '{}' });
      expect(res.status, path).toBe(401);
    }
  });

  it('keeps a staff-edited calendar of holidays and worked weekend days, refusing malformed days', async () => {
    const days = [
      { date: '2026-10-01', working: false, name: '国庆节' },
      { date: '2026-10-10', working: true, name: '调休上班' },
    ];
    const put = await h.admin('/api/admin/calendar', { method: 'PUT', json: { days } });
    expect(((await put.json()) as AdminCalendar).days).toEqual(days);
    expect(((await (await h.admin('/api/admin/calendar')).json()) as AdminCalendar).days).toEqual(days);
    for (const bad of [
      {},
      { days: 'x' },
      { days: [{ date: '2026-02-30', working: false }] },
      { days: [{ date: '2026-10-01', working: 'no' }] },
      { days: [days[0], days[0]] },
      { days: [{ date: '2026-10-01', working: false, name: '节'.repeat(41) }] },
      { days: Array.from({ length: 201 }, (_, i) => ({ date: `2030-01-${String((i % 28) + 1).padStart(2, '0')}`, working: false })) },
    ]) {
      expect(await errorOf(await h.admin('/api/admin/calendar', { method: 'PUT', json: bad }))).toEqual({ status: 400, code: 'invalid_calendar' });
    }
    expect(((await (await h.admin('/api/admin/calendar')).json()) as AdminCalendar).days).toEqual(days);
  });
});

describe('contact data of an inquiry', () => {
  it('is shown only through the audited reveal, with who looked, and never in the list or the lookup', async () => {
    const created = await leave({ question: '请回电：低保怎么申请', phone: '０５９１－８７６５４３２１', email: 'li.si@example.cn', consent: true });
    const list = await (await h.admin('/api/admin/inquiries?status=all')).text();
    expect(list).not.toContain('87654321');
    expect(list).not.toContain('li.si@example.cn');
    const found = (JSON.parse(list) as AdminInquiriesResponse).inquiries.find((i) => i.question === '请回电：低保怎么申请')!;
    expect(found.hasContact).toBe(true);
    expect(await (await lookup(created.code)).text()).not.toContain('87654321');

    const reveal = await h.admin(`/api/admin/inquiries/${found.id}/contact`, { method: 'POST', headers: { 'x-staff-name': encodeURIComponent('王五') } });
    expect(reveal.status).toBe(200);
    const contact = (await reveal.json()) as AdminInquiryContactResponse;
    expect(contact).toMatchObject({ phone: '0591-87654321', email: 'li.si@example.cn' });
    expect(contact.views[0]!.actor).toBe('staff:王五');
    expect(await h.store.listContactViews(found.id)).toHaveLength(1);
  });

  it('is deleted once the inquiry is replied and the retention period has passed', async () => {
    const quick = staffHarness({ INQUIRY_CONTACT_RETENTION_DAYS: '0' });
    try {
      await quick.app.request('/api/inquiries', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: '请联系我', phone: '13912345678', consent: true }),
      });
      const id = (quick.store.db.prepare('SELECT id FROM inquiries').pluck().get() as number)!;
      expect((await quick.admin(`/api/admin/inquiries/${id}/contact`, { method: 'POST' })).status).toBe(200);
      await quick.admin(`/api/admin/inquiries/${id}/reply`, { method: 'POST', json: { reply: '已电话答复。' } });
      expect((await quick.admin(`/api/admin/inquiries/${id}/contact`, { method: 'POST' })).status).toBe(404);
      expect(quick.store.db.prepare('SELECT count(*) FROM inquiry_contacts').pluck().get()).toBe(0);
      expect((await quick.store.getInquiry(id))!.reply).toBe('已电话答复。');
    } finally {
      await quick.store.close();
    }
  });
});
