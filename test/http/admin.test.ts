// The staff API through the real app: auth, origin, FAQ CRUD with versions, import/export, the unanswered loop,
// feedback, audit, hit test and overview.
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AdminAuditResponse,
  AdminFaqEntry,
  AdminFaqExport,
  AdminFaqListResponse,
  AdminFeedbackResponse,
  AdminImportResponse,
  AdminOverviewResponse,
  AdminTestResponse,
  AdminUnansweredResponse,
  ErrorResponse,
} from '../../server/contract.js';
import { staffHarness, TOKEN, type StaffHarness } from '../helpers/staff.js';

const harnesses: StaffHarness[] = [];
function setup(env: Record<string, string> = {}) {
  const h = staffHarness(env);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.store.close();
});

const HOURS = { question: '行政服务中心办事大厅几点上班？', answer: '工作日上午9:00—12:00，下午13:30—17:00。', alternatives: ['办事大厅工作时间'] };

async function create(h: StaffHarness, body: Record<string, unknown> = HOURS) {
  const res = await h.admin('/api/admin/faq', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as AdminFaqEntry;
}

describe('staff API authentication', () => {
  it('answers 401 JSON without a token, with a wrong token, and with a token of another length', async () => {
    const h = setup();
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', 'Bearer x', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization) headers.authorization = authorization;
      const res = await h.app.request('/api/admin/faq', { method: 'POST', headers, body: JSON.stringify(HOURS) });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as ErrorResponse).error.code).toBe('unauthorized');
    }
    expect(await h.store.listFaq()).toEqual([]);
  });

  it('answers 401 on every staff route when no token is configured', async () => {
    const h = setup({ ADMIN_TOKEN: '' });
    for (const [method, path] of [
      ['GET', '/api/admin/faq'],
      ['POST', '/api/admin/faq'],
      ['GET', '/api/admin/faq/1'],
      ['GET', '/api/admin/unanswered'],
      ['GET', '/api/admin/overview'],
      ['GET', '/api/admin/nothing-here'],
    ] as const) {
      const res = await h.admin(path, { method, ...(method === 'POST' ? { json: HOURS } : {}) });
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as ErrorResponse).error).toMatchObject({ code: 'staff_api_disabled', message: expect.stringContaining('ADMIN_TOKEN') });
    }
  });

  it('accepts the right token and marks staff answers as not cacheable', async () => {
    const h = setup();
    const res = await h.admin('/api/admin/faq');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()) as AdminFaqListResponse).toEqual({ entries: [] });
  });

  it('refuses cross-origin requests with 403 and no CORS headers, even with the right token', async () => {
    const h = setup();
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://www.example.gov.cn' },
    ]) {
      const res = await h.admin('/api/admin/faq', { method: 'POST', headers, json: HOURS });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as ErrorResponse).error.code).toBe('cross_origin');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const preflight = await h.app.request('/api/admin/faq', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(await h.store.listFaq()).toEqual([]);
    // The console on the server's own origin is fine.
    const own = await h.admin('/api/admin/faq', { headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
  });
});

describe('FAQ entries over the staff API', () => {
  it('creates an entry (201 with its id), reads it, lists it, and 404s an unknown id', async () => {
    const h = setup();
    const res = await h.admin('/api/admin/faq', { method: 'POST', json: { ...HOURS, link: 'https://www.example.gov.cn/hours', tags: ['时间'], hot: true } });
    expect(res.status).toBe(201);
    const entry = (await res.json()) as AdminFaqEntry;
    expect(entry).toMatchObject({ id: 1, version: 1, enabled: true, hot: true, link: 'https://www.example.gov.cn/hours', tags: ['时间'] });
    expect(res.headers.get('location')).toBe('/api/admin/faq/1');
    expect(await (await h.admin('/api/admin/faq/1')).json()).toEqual(entry);
    expect(((await (await h.admin('/api/admin/faq')).json()) as AdminFaqListResponse).entries).toEqual([entry]);
    for (const path of ['/api/admin/faq/2', '/api/admin/faq/abc', '/api/admin/faq/0']) {
      const missing = await h.admin(path);
      expect(missing.status, path).toBe(404);
      expect(((await missing.json()) as ErrorResponse).error.code).toBe('not_found');
    }
  });

  it('answers 400 naming each wrong field, and stores nothing', async () => {
    const h = setup();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{}, ['question', 'answer']],
      [{ question: '  ', answer: 'a' }, ['question']],
      [{ question: 'q', answer: 'a', link: 'javascript:alert(1)' }, ['link']],
      [{ question: 'q', answer: 'a', link: 'ftp://example.com/x' }, ['link']],
      [{ question: 'q', answer: 'a', alternatives: 'not a list', tags: [1], enabled: 'yes' }, ['alternatives', 'tags', 'enabled']],
      [{ question: 'q'.repeat(201), answer: 'a'.repeat(4001) }, ['question', 'answer']],
    ];
    for (const [body, fields] of cases) {
      const res = await h.admin('/api/admin/faq', { method: 'POST', json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } }).error;
      expect(error.code).toBe('invalid_faq');
      expect(Object.keys(error.fields).sort()).toEqual([...fields].sort());
      for (const f of fields) expect(error.message).toContain(f);
    }
    const notJson = await h.admin('/api/admin/faq', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(notJson.status).toBe(415);
    expect(await h.store.listFaq()).toEqual([]);
  });

  it('updates with the version it edits (fields left out keep their value), and deletes with 204', async () => {
    const h = setup();
    const entry = await create(h);
    const res = await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', json: { version: 1, enabled: false } });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as AdminFaqEntry;
    expect(updated).toMatchObject({ version: 2, enabled: false, question: HOURS.question, answer: HOURS.answer, alternatives: HOURS.alternatives });

    const noVersion = await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', json: { answer: 'x' } });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('version');
    expect((await h.admin('/api/admin/faq/99', { method: 'PUT', json: { version: 1 } })).status).toBe(404);

    const del = await h.admin(`/api/admin/faq/${entry.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    expect((await h.admin(`/api/admin/faq/${entry.id}`)).status).toBe(404);
    expect((await h.admin(`/api/admin/faq/${entry.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('gives the second of two staff editing one entry a 409 with the current entry, and overwrites nothing', async () => {
    const h = setup();
    const entry = await create(h);
    const [first, second] = [
      { version: entry.version, answer: '甲改的答案' },
      { version: entry.version, answer: '乙改的答案' },
    ];
    const a = await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', headers: { 'x-staff-name': encodeURIComponent('甲') }, json: first });
    expect(a.status).toBe(200);
    const b = await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', headers: { 'x-staff-name': encodeURIComponent('乙') }, json: second });
    expect(b.status).toBe(409);
    const conflict = (await b.json()) as { error: { code: string; message: string }; current: AdminFaqEntry };
    expect(conflict.error.code).toBe('version_conflict');
    expect(conflict.current).toMatchObject({ version: 2, answer: '甲改的答案' });
    expect((await h.store.getFaq(entry.id))!.answer).toBe('甲改的答案');
    const staleDelete = await h.admin(`/api/admin/faq/${entry.id}?version=1`, { method: 'DELETE' });
    expect(staleDelete.status).toBe(409);
    expect(await h.store.getFaq(entry.id)).not.toBeNull();
  });

  it('records every change in the audit log with who, when, and the entry before and after', async () => {
    const h = setup();
    const entry = await create(h);
    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', headers: { 'x-staff-name': encodeURIComponent('王芳') }, json: { version: 1, answer: '新答案' } });
    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'DELETE' });
    const audit = (await (await h.admin(`/api/admin/audit?faqId=${entry.id}`)).json()) as AdminAuditResponse;
    expect(audit.entries.map((a) => [a.action, a.actor, a.before?.answer ?? null, a.after?.answer ?? null])).toEqual([
      ['delete', 'staff', '新答案', null],
      ['update', 'staff:王芳', HOURS.answer, '新答案'],
      ['create', 'staff', null, HOURS.answer],
    ]);
    expect(audit.entries[1]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await h.admin('/api/admin/audit?limit=0')).status).toBe(400);
  });
});

describe('answering with FAQ entries', () => {
  it('answers the paraphrase with matched "faq" and the staff answer, and edits take effect on the next question', async () => {
    const h = setup();
    expect((await h.ask('办事大厅几点开门')).matched).not.toBe('faq');
    const entry = await create(h);
    const first = await h.ask('办事大厅几点开门');
    expect(first).toMatchObject({ matched: 'faq', answer: HOURS.answer, faq: { id: entry.id } });

    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', json: { version: 1, answer: '夏季工作时间：上午8:30开门。' } });
    expect((await h.ask('办事大厅几点开门')).answer).toBe('夏季工作时间：上午8:30开门。');

    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', json: { version: 2, enabled: false } });
    expect((await h.ask('办事大厅几点开门')).matched).not.toBe('faq');
    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'PUT', json: { version: 3, enabled: true } });
    expect((await h.ask('办事大厅几点开门')).matched).toBe('faq');

    await h.admin(`/api/admin/faq/${entry.id}`, { method: 'DELETE' });
    expect((await h.ask('办事大厅几点开门')).matched).not.toBe('faq');
  });

  it('leaves unrelated questions to the documents', async () => {
    const h = setup();
    await create(h);
    const complaint = await h.ask('投诉电话是多少');
    expect(complaint.matched).toBe('corpus');
    expect(complaint.answer).toContain('6958028');
    expect((await h.ask('2015年主动公开了多少条政府信息')).answer).toContain('23000余条');
  });

  it('offers hot entries at /api/faq/hot before the site\'s own hot questions, and every enabled phrasing as suggestions', async () => {
    const h = setup();
    const site = (await (await h.app.request('/api/faq/hot')).json()) as { questions: string[] };
    expect(site.questions.length).toBeGreaterThan(0);
    await create(h, { ...HOURS, hot: true });
    await create(h, { question: '停车场在哪里？', answer: '中心东侧。', hot: true, enabled: false });
    // Marking one entry hot adds it first; the site's default hot questions stay.
    expect(await (await h.app.request('/api/faq/hot')).json()).toEqual({ questions: [HOURS.question, ...site.questions] });
    const suggest = (await (await h.app.request(`/api/suggest?q=${encodeURIComponent('工作时间')}`)).json()) as { suggestions: string[] };
    expect(suggest.suggestions).toContain('办事大厅工作时间');
    expect(suggest.suggestions).not.toContain('停车场在哪里？');
  });
});

describe('import and export', () => {
  it('imports CSV, reporting a bad row by its line while keeping the good rows', async () => {
    const h = setup();
    const csv = [
      '问题,答案,相似问法,链接,标签,启用,热门',
      '办事大厅几点上班？,工作日9:00—17:00,几点开门|上班时间,https://www.example.gov.cn/a,时间,是,是',
      '"停车场在哪里？","中心东侧，""免费""停车",,,,,',
      ',没有问题的答案,,,,,',
      '"多行答案的问题","第一行',
      '第二行",,javascript:alert(1),,,',
      '社保卡在哪里办理？,二楼人社窗口,,,,也许,',
      '公积金可以提取吗？,可以,,,,0,1',
    ].join('\r\n');
    const res = await h.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: `\uFEFF${csv}` });
    expect(res.status).toBe(200);
    const report = (await res.json()) as AdminImportResponse;
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(report.results.map((r) => r.line)).toEqual([2, 3, 8]);
    expect(report.errors.map((e) => e.line)).toEqual([4, 5, 7]);
    expect(report.errors[0]!.message).toContain('question');
    expect(report.errors[1]!.message).toContain('link');
    expect(report.errors[2]!.message).toContain('enabled');
    const entries = (await h.store.listFaq()).sort((a, b) => a.id - b.id);
    expect(entries[0]).toMatchObject({ question: '办事大厅几点上班？', alternatives: ['几点开门', '上班时间'], tags: ['时间'], hot: true, enabled: true });
    expect(entries[1]!.answer).toBe('中心东侧，"免费"停车');
    expect(entries[2]).toMatchObject({ question: '公积金可以提取吗？', enabled: false, hot: true });
  });

  it('imports JSON, reporting a bad entry by the line it starts on', async () => {
    const h = setup();
    const json = `[
  {"question": "办事大厅几点上班？", "answer": "九点"},
  {"question": "坏的", "answer": "", "link": "data:text/html,x"},
  "not an object",
  {"question": "停车场在哪里？", "answer": "东侧", "hot": true}
]`;
    const res = await h.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
    const report = (await res.json()) as AdminImportResponse;
    expect(report.created).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(report.errors[0]!.message).toMatch(/answer.*link|link.*answer/);
    const bad = await h.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"entries": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorResponse).error.code).toBe('invalid_import');
    const noHeader = await h.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as ErrorResponse).error.message).toMatch(/line 1.*question/);
    expect((await h.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' })).status).toBe(415);
  });

  it('round-trips entries through CSV and JSON export into another database', async () => {
    const source = setup();
    await create(source, { ...HOURS, link: 'https://www.example.gov.cn/a?b=1&c=2', tags: ['时间', '大厅'], hot: true });
    await create(source, { question: '=HYPERLINK("http://evil")', answer: '第一行\n第二行，含"引号"和,逗号', enabled: false });
    await create(source, { question: '停车场在哪里？', answer: '东侧', alternatives: ['哪里停车', '有停车场吗'] });
    const fields = (e: AdminFaqEntry) => ({ q: e.question, a: e.answer, alt: e.alternatives, l: e.link, t: e.tags, en: e.enabled, hot: e.hot });
    const original = (await source.store.listFaq()).map(fields).sort((x, y) => x.q.localeCompare(y.q));

    const csvRes = await source.admin('/api/admin/faq/export?format=csv');
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvRes.headers.get('content-disposition')).toMatch(/attachment; filename="faq-\d{8}\.csv"/);
    const csv = await csvRes.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const jsonRes = await source.admin('/api/admin/faq/export?format=json');
    const exported = (await jsonRes.clone().json()) as AdminFaqExport;
    expect(exported).toMatchObject({ format: 'qa-robot-faq', version: 1 });
    expect(exported.entries).toHaveLength(3);

    for (const [type, body] of [
      ['text/csv', csv],
      ['application/json', await jsonRes.text()],
    ] as const) {
      const target = setup();
      const report = (await (await target.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': type }, body })).json()) as AdminImportResponse;
      expect(report.errors, type).toEqual([]);
      expect((await target.store.listFaq()).map(fields).sort((x, y) => x.q.localeCompare(y.q)), type).toEqual(original);
      // Importing the same file again changes nothing.
      const again = (await (await target.admin('/api/admin/faq/import', { method: 'POST', headers: { 'content-type': type }, body })).json()) as AdminImportResponse;
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    }
    expect((await source.admin('/api/admin/faq/export?format=xml')).status).toBe(400);
  });
});

describe('the unanswered loop', () => {
  async function rate(h: StaffHarness, answerId: string, helpful: boolean, comment?: string) {
    return h.app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId, helpful, ...(comment === undefined ? {} : { comment }) }),
    });
  }

  it('lists questions answered "none" or rated 没帮助, grouped by normalized text with counts, most asked first', async () => {
    const h = setup();
    await h.ask('护照怎么办理？');
    await h.ask('护照 怎么办理');
    await h.ask('護照怎麼辦理');
    await h.ask('今天天气怎么样');
    const corpus = await h.ask('投诉电话是多少');
    expect(corpus.matched).toBe('corpus');
    expect((await rate(h, corpus.id, false, '打不通')).status).toBe(201);
    const helpful = await h.ask('2015年主动公开了多少条政府信息');
    await rate(h, helpful.id, true);

    const res = await h.admin('/api/admin/unanswered');
    const body = (await res.json()) as AdminUnansweredResponse;
    expect(body.groups.map((g) => [g.question, g.unanswered, g.notHelpful, g.total])).toEqual([
      ['護照怎麼辦理', 3, 0, 3],
      ['投诉电话是多少', 0, 1, 1],
      ['今天天气怎么样', 1, 0, 1],
    ]);
    // Equal totals: the most recently asked first.
    expect(body.groups[1]!.lastAskedAt >= body.groups[2]!.lastAskedAt).toBe(true);
    const limited = (await (await h.admin('/api/admin/unanswered?limit=1&sort=recent')).json()) as AdminUnansweredResponse;
    expect(limited.groups.map((g) => g.question)).toEqual(['投诉电话是多少']);
    expect((await h.admin('/api/admin/unanswered?limit=abc')).status).toBe(400);
  });

  it('drops a question from the list once an entry answers it, and shows it again with resolved=1', async () => {
    const h = setup();
    await h.ask('办事大厅几点开门');
    await h.ask('办事大厅几点开门？');
    const before = (await (await h.admin('/api/admin/unanswered')).json()) as AdminUnansweredResponse;
    expect(before.groups.map((g) => [g.question, g.total, g.resolvedBy])).toEqual([['办事大厅几点开门？', 2, null]]);

    const entry = await create(h, { question: before.groups[0]!.question, answer: '上午9点开门。' });
    expect((await h.ask('办事大厅几点开门')).matched).toBe('faq');
    expect(((await (await h.admin('/api/admin/unanswered')).json()) as AdminUnansweredResponse).groups).toEqual([]);
    const all = (await (await h.admin('/api/admin/unanswered?resolved=1')).json()) as AdminUnansweredResponse;
    expect(all.groups.map((g) => g.resolvedBy)).toEqual([entry.id]);
  });

  it('lists feedback with the question it rates, and filters by helpful', async () => {
    const h = setup();
    const a = await h.ask('投诉电话是多少');
    const b = await h.ask('2015年主动公开了多少条政府信息');
    await rate(h, a.id, false, '号码打不通');
    await rate(h, b.id, true);
    const all = (await (await h.admin('/api/admin/feedback')).json()) as AdminFeedbackResponse;
    expect(all.feedback).toHaveLength(2);
    const unhelpful = (await (await h.admin('/api/admin/feedback?helpful=false')).json()) as AdminFeedbackResponse;
    expect(unhelpful.feedback).toEqual([
      expect.objectContaining({ answerId: a.id, helpful: false, comment: '号码打不通', question: '投诉电话是多少', matched: 'corpus' }),
    ]);
  });
});

describe('POST /api/feedback', () => {
  const post = (h: StaffHarness, body: unknown, type = 'application/json') =>
    h.app.request('/api/feedback', { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('stores a rating of a logged answer: 201 with its id', async () => {
    const h = setup();
    const a = await h.ask('投诉电话是多少');
    const res = await post(h, { answerId: a.id, helpful: true, comment: '清楚' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.any(Number) });
  });

  it('answers 400 with a clear message for a malformed rating, 404 for an unknown answer', async () => {
    const h = setup();
    const a = await h.ask('投诉电话是多少');
    const cases: Array<[unknown, string]> = [
      [{ helpful: true }, 'invalid_answer_id'],
      [{ answerId: 42, helpful: true }, 'invalid_answer_id'],
      [{ answerId: '<script>', helpful: true }, 'invalid_answer_id'],
      [{ answerId: a.id }, 'invalid_helpful'],
      [{ answerId: a.id, helpful: 'yes' }, 'invalid_helpful'],
      [{ answerId: a.id, helpful: false, comment: 5 }, 'invalid_comment'],
      [{ answerId: a.id, helpful: false, comment: '长'.repeat(501) }, 'comment_too_long'],
      ['[1,2]', 'invalid_body'],
      ['{"answerId":', 'invalid_json'],
    ];
    for (const [body, code] of cases) {
      const res = await post(h, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as ErrorResponse).error;
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect((await post(h, { answerId: a.id, helpful: false, comment: '长'.repeat(500) })).status).toBe(201);
    expect((await post(h, { answerId: a.id, helpful: true }, 'text/plain')).status).toBe(415);
    const unknown = await post(h, { answerId: '00000000-0000-4000-8000-000000000000', helpful: true });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorResponse).error.code).toBe('unknown_answer');
  });

  it('is rate-limited like /api/ask', async () => {
    const h = setup({ RATE_LIMIT_PER_MINUTE: '2' });
    const a = await h.ask('投诉电话是多少');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(h, { answerId: a.id, helpful: true })).status);
    expect(statuses).toEqual([201, 429, 429]);
  });
});

describe('hit test and overview', () => {
  it('shows what /api/ask would answer and why: terms with weights, types, FAQ and passage candidates with scores', async () => {
    const h = setup();
    const entry = await create(h);
    await create(h, { question: '办事大厅在什么地方？', answer: '长安街1号。' });
    const res = await h.admin('/api/admin/test', { method: 'POST', json: { question: '办事大厅几点开门' } });
    expect(res.status).toBe(200);
    const t = (await res.json()) as AdminTestResponse;
    expect(t.answer).toMatchObject({ matched: 'faq', answer: HOURS.answer, faq: { id: entry.id } });
    expect(t.faq.questionTypes).toContain('date');
    expect(t.faq.terms.map((x) => x.text)).toEqual(['办事大厅', '开门']);
    expect(t.faq.candidates[0]).toMatchObject({ id: entry.id, sameKind: true, keyWordMissing: false });
    expect(t.faq.candidates[0]!.score).toBeGreaterThanOrEqual(t.faq.threshold);
    expect(t.faq.candidates[1]).toMatchObject({ question: '办事大厅在什么地方？', score: 0, sameKind: false });
    expect(t.corpus.concepts.length).toBeGreaterThan(0);
    expect(t.corpus.concepts[0]).toEqual({ text: expect.any(String), weight: expect.any(Number), synonyms: expect.any(Array), known: expect.any(Boolean) });

    const corpus = (await (await h.admin('/api/admin/test', { method: 'POST', json: { question: '投诉电话是多少' } })).json()) as AdminTestResponse;
    expect(corpus.answer.matched).toBe('corpus');
    expect(corpus.corpus.matched).toBe('corpus');
    expect(corpus.corpus.candidates[0]).toMatchObject({ text: expect.stringContaining('6958028'), document: expect.stringContaining('年度报告') });
    expect(corpus.corpus.candidates[0]!.score).toBeGreaterThan(corpus.corpus.candidates[1]?.score ?? -1);
    expect(corpus.faq.candidates.every((c) => c.score < corpus.faq.threshold)).toBe(true);
    // The hit test is not a citizen's question: nothing is logged.
    expect(h.store.db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(0);
    expect((await h.admin('/api/admin/test', { method: 'POST', json: {} })).status).toBe(400);
  });

  it('counts questions per day, the share answered by FAQ, documents or not at all, the helpful rate and top questions', async () => {
    const h = setup();
    await create(h);
    const faq = await h.ask('办事大厅几点开门');
    await h.ask('办事大厅几点开门');
    await h.ask('投诉电话是多少');
    await h.ask('护照怎么办理');
    await h.app.request('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId: faq.id, helpful: true }) });
    const o = (await (await h.admin('/api/admin/overview?days=7')).json()) as AdminOverviewResponse;
    expect(o.days).toHaveLength(7);
    expect(o.days.at(-1)).toMatchObject({ total: 4, faq: 2, corpus: 1, none: 1 });
    expect(o.totals).toEqual({ total: 4, faq: 2, corpus: 1, none: 1 });
    expect(o.shares).toEqual({ faq: 0.5, corpus: 0.25, none: 0.25 });
    expect(o.feedback).toEqual({ helpful: 1, notHelpful: 0, helpfulRate: 1 });
    expect(o.topQuestions[0]).toEqual({ question: '办事大厅几点开门', count: 2 });
    expect((await h.admin('/api/admin/overview?days=0')).status).toBe(400);
  });
});
