// The staff API for the site data (/api/admin/settings): agency aliases, synonyms and the site's settings saved as
// DATA_DIR overlays of the shipped corpus files, in effect on the next question, audited, kept across a restart, and
// every bad input refused with a clear 4xx; on Workers every route answers 501.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminSiteDataResponse, AskResponse, ErrorResponse } from '../../server/contract.js';
import { MAX_SITE_DATA_BODY_BYTES, MAX_SITE_TEXT_BYTES } from '../../server/core/site-data.js';
import { createLogger } from '../../server/http/log.js';
import { settingsRoutes } from '../../server/http/settings-routes.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { makeCorpus, testApp, testConfig } from '../helpers/corpus.js';

const TOKEN = 'settings-test-token-0123456789';
const SHIPPED_SYNONYMS = readFileSync('corpus/synonyms.txt', 'utf8');
const corpusDir = makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') });
const env = {
  CORPUS_DIR: corpusDir,
  INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-settings-')), 'index'),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-settings-data-')),
  ADMIN_TOKEN: TOKEN,
};
const node = createNodeApp(testConfig(env), createLogger('silent'));
afterAll(() => node.store.close());

const staff = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  return Promise.resolve(
    node.app.request(path, {
      ...rest,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(rest.headers ?? {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    }),
  );
};
const ask = async (question: string) => (await (await node.app.request(`/api/ask?q=${encodeURIComponent(question)}`)).json()) as AskResponse;
const state = async () => (await (await staff('/api/admin/settings')).json()) as AdminSiteDataResponse;
const errorOf = async (res: Response) => ((await res.json()) as ErrorResponse).error;

describe('/api/admin/settings on Node', () => {
  it('needs the staff token for every route', async () => {
    expect((await node.app.request('/api/admin/settings')).status).toBe(401);
    const put = await node.app.request('/api/admin/settings/synonyms', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text":"a b"}' });
    expect(put.status).toBe(401);
    expect((await node.app.request('/api/admin/settings/synonyms', { method: 'DELETE' })).status).toBe(401);
    expect(existsSync(join(env.DATA_DIR, 'site-data'))).toBe(false);
  });

  it('shows the shipped files in effect and the corpus agencies with the short forms a question may use', async () => {
    const body = await state();
    expect(body.synonyms).toEqual({ text: SHIPPED_SYNONYMS, source: 'shipped', updatedAt: null });
    expect(body.aliases).toEqual({ text: '', source: 'none', updatedAt: null });
    expect(body.site).toMatchObject({ siteName: '牡丹江市行政服务中心', agency: null, contacts: [], source: 'shipped' });
    expect(body.agencies).toEqual([
      expect.objectContaining({
        name: '牡丹江市行政服务中心',
        aliases: [],
        reports: [{ slug: 'mudanjiang-xzfwzx-2015-gkbg', title: expect.stringContaining('2015'), year: 2015 }],
      }),
    ]);
    expect(body.agencies[0]!.shortForms).toEqual(expect.arrayContaining(['牡丹江', '行政服务中心', '服务中心']));
    expect(body.history).toEqual([]);
  });

  it('saves synonyms into DATA_DIR: the next question uses them, the shipped file is untouched, the change is audited', async () => {
    expect((await ask('吐槽电话是多少')).matched).toBe('none');
    const res = await staff('/api/admin/settings/synonyms', { method: 'PUT', headers: { 'x-staff-name': encodeURIComponent('王芳') }, json: { text: `${SHIPPED_SYNONYMS}吐槽 投诉` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminSiteDataResponse;
    expect(body.synonyms).toMatchObject({ text: `${SHIPPED_SYNONYMS}吐槽 投诉\n`, source: 'data' });
    expect(body.history[0]).toMatchObject({ kind: 'synonyms', action: 'update', actor: 'staff:王芳', before: null, after: `${SHIPPED_SYNONYMS}吐槽 投诉\n` });
    expect(readFileSync(join(env.DATA_DIR, 'site-data', 'synonyms.txt'), 'utf8')).toContain('吐槽 投诉');
    expect(readFileSync(join(corpusDir, 'synonyms.txt'), 'utf8')).toBe(SHIPPED_SYNONYMS);
    const answer = await ask('吐槽电话是多少');
    expect(answer.matched).toBe('corpus');
    expect(answer.answer).toContain('6958028');
  });

  it('saves aliases: a question naming the agency by its alias is answered from its reports; an unknown agency is warned about', async () => {
    expect((await ask('江城大厅2015年主动公开多少条信息')).matched).toBe('none');
    const res = await staff('/api/admin/settings/aliases', { method: 'PUT', json: { text: '# 别名\n牡丹江市行政服务中心 江城大厅 市政务大厅\n哈尔滨市行政审批局 哈市审批局\n' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminSiteDataResponse;
    expect(body.agencies[0]!.aliases).toEqual(['江城大厅', '市政务大厅']);
    expect(body.warnings).toEqual([expect.stringContaining('哈尔滨市行政审批局')]);
    const answer = await ask('江城大厅2015年主动公开多少条信息');
    expect(answer.matched).toBe('corpus');
    expect(answer.answer).toContain('23000');
  });

  it('saves the site settings: its contacts (with address and hours) are named when the robot cannot help, its name heads the pages', async () => {
    const site = {
      siteName: '牡丹江市政务服务网',
      agency: '牡丹江市行政服务中心',
      contacts: [{ label: '政务服务咨询', phone: '0453-6958002', address: '牡丹江市西三条路', hours: '工作日 8:30—17:00', web: 'https://www.example.gov.cn/zx' }],
    };
    const res = await staff('/api/admin/settings/site', { method: 'PUT', json: site });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminSiteDataResponse;
    expect(body.site).toMatchObject({ ...site, source: 'data' });
    expect(body.warnings).toHaveLength(1);
    const answer = await ask('护照在哪里办理');
    expect(answer.matched).toBe('none');
    expect(answer.contacts).toEqual([site.contacts[0]]);
    expect(answer.answer).toContain('政务服务咨询 0453-6958002（地址：牡丹江市西三条路，办公时间：工作日 8:30—17:00，网址：https://www.example.gov.cn/zx）');
    expect(await (await node.app.request('/reports')).text()).toContain('<div class="site-name">牡丹江市政务服务网</div>');
    // The rest of site.json (hot questions, the default report) still comes from the shipped file.
    expect(((await (await node.app.request('/api/faq/hot')).json()) as { questions: string[] }).questions[0]).toBe('2015年主动公开了多少条政府信息？');
  });

  it('matches FAQ entries with the saved synonyms too, from the next question on', async () => {
    const created = await staff('/api/admin/faq', { method: 'POST', json: { question: '护照在哪里办理', answer: '到市出入境接待大厅办理。' } });
    expect(created.status).toBe(201);
    expect((await ask('出国证件在哪里办理')).matched).not.toBe('faq');
    const current = (await state()).synonyms.text;
    expect((await staff('/api/admin/settings/synonyms', { method: 'PUT', json: { text: `${current}出国证件 护照\n` } })).status).toBe(200);
    expect(await ask('出国证件在哪里办理')).toMatchObject({ matched: 'faq', answer: '到市出入境接待大厅办理。' });
    // The hit test reads the same index.
    const test = (await (await staff('/api/admin/test', { method: 'POST', json: { question: '出国证件在哪里办理' } })).json()) as { answer: { matched: string } };
    expect(test.answer.matched).toBe('faq');
  });

  it('keeps every saved change across a restart over the same DATA_DIR', async () => {
    const again = createNodeApp(testConfig(env), createLogger('silent'));
    try {
      const answers = await Promise.all(
        ['吐槽电话是多少', '江城大厅2015年主动公开多少条信息'].map(async (q) => ((await (await again.app.request(`/api/ask?q=${encodeURIComponent(q)}`)).json()) as AskResponse).matched),
      );
      expect(answers).toEqual(['corpus', 'corpus']);
      const none = (await (await again.app.request(`/api/ask?q=${encodeURIComponent('身份证丢了怎么补办')}`)).json()) as AskResponse;
      expect(none.contacts[0]).toMatchObject({ phone: '0453-6958002' });
    } finally {
      await again.store.close();
    }
  });

  it('returns to the shipped file on DELETE (audited), and answers 404 when there is nothing to remove', async () => {
    const res = await staff('/api/admin/settings/synonyms', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminSiteDataResponse;
    expect(body.synonyms).toMatchObject({ text: SHIPPED_SYNONYMS, source: 'shipped' });
    expect(body.history[0]).toMatchObject({ kind: 'synonyms', action: 'delete', after: null });
    expect((await ask('吐槽电话是多少')).matched).toBe('none');
    const twice = await staff('/api/admin/settings/synonyms', { method: 'DELETE' });
    expect(twice.status).toBe(404);
    expect((await errorOf(twice)).code).toBe('not_found');
  });

  it('keeps the FAQ audit list to FAQ entries', async () => {
    const audit = (await (await staff('/api/admin/audit')).json()) as { entries: Array<{ entity: string }> };
    expect(audit.entries.every((e) => e.entity === 'faq')).toBe(true);
  });
});

describe('/api/admin/settings refuses bad input with a clear 4xx and changes nothing', () => {
  const cases: Array<{ name: string; path: string; init: RequestInit & { json?: unknown }; status: number; code: string; message?: RegExp }> = [
    { name: 'an unknown kind', path: '/api/admin/settings/dictionary', init: { method: 'PUT', json: { text: 'a b' } }, status: 404, code: 'not_found' },
    { name: 'an unknown kind to delete', path: '/api/admin/settings/nothing', init: { method: 'DELETE' }, status: 404, code: 'not_found' },
    { name: 'a body that is not JSON', path: '/api/admin/settings/synonyms', init: { method: 'PUT', body: 'text=a b' }, status: 400, code: 'invalid_json' },
    { name: 'a body that is not declared JSON', path: '/api/admin/settings/synonyms', init: { method: 'PUT', body: '{"text":"a b"}', headers: { 'content-type': 'text/plain' } }, status: 415, code: 'unsupported_media_type' },
    { name: 'a JSON array', path: '/api/admin/settings/aliases', init: { method: 'PUT', json: ['a b'] }, status: 400, code: 'invalid_body' },
    { name: 'text that is not a string', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: ['吐槽', '投诉'] } }, status: 400, code: 'invalid_synonyms' },
    { name: 'fields besides text', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: 'a b', mode: 'append' } }, status: 400, code: 'invalid_body', message: /"mode"/ },
    { name: 'a synonym group of one word', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: '电话 热线\n吐槽\n' } }, status: 400, code: 'invalid_synonyms', message: /line 2/ },
    { name: 'an agency without an alias', path: '/api/admin/settings/aliases', init: { method: 'PUT', json: { text: '牡丹江市行政服务中心\n' } }, status: 400, code: 'invalid_aliases', message: /line 1/ },
    { name: 'a one-character alias', path: '/api/admin/settings/aliases', init: { method: 'PUT', json: { text: '牡丹江市行政服务中心 牡\n' } }, status: 400, code: 'invalid_aliases', message: /at least two/ },
    { name: 'control characters', path: '/api/admin/settings/aliases', init: { method: 'PUT', json: { text: '牡丹江市行政服务中心 江城\u0007大厅\n' } }, status: 400, code: 'invalid_aliases', message: /control/ },
    { name: 'a word longer than 40 characters', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: `吐槽 ${'长'.repeat(41)}\n` } }, status: 400, code: 'invalid_synonyms', message: /longer than 40/ },
    { name: 'a line of more than 40 words', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: `${Array.from({ length: 41 }, (_, i) => `词${i}`).join(' ')}\n` } }, status: 400, code: 'invalid_synonyms', message: /more than 40 words/ },
    { name: 'more than 2,000 lines', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: Array.from({ length: 2001 }, (_, i) => `a${i} b${i}`).join('\n') } }, status: 413, code: 'text_too_large' },
    { name: 'a text above 64 KiB', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: `吐槽 投诉 ${'x'.repeat(MAX_SITE_TEXT_BYTES)}` } }, status: 413, code: 'text_too_large' },
    { name: 'a body above the limit', path: '/api/admin/settings/synonyms', init: { method: 'PUT', json: { text: 'x'.repeat(MAX_SITE_DATA_BODY_BYTES) } }, status: 413, code: 'payload_too_large' },
    { name: 'site settings without a site name', path: '/api/admin/settings/site', init: { method: 'PUT', json: { contacts: [] } }, status: 400, code: 'invalid_site', message: /"siteName" is required/ },
    { name: 'a contact without a phone number', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '某站', contacts: [{ label: '咨询', phone: '《索引号 0' }] } }, status: 400, code: 'invalid_site', message: /contacts\[0\]\.phone/ },
    { name: 'a contact web address that is not http(s)', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '某站', contacts: [{ label: '咨询', phone: '12345', web: 'javascript:alert(1)' }] } }, status: 400, code: 'invalid_site', message: /contacts\[0\]\.web/ },
    { name: 'an unknown site field', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '某站', defaultReport: 'x' } }, status: 400, code: 'invalid_site', message: /"defaultReport"/ },
    { name: 'more than 10 contacts', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '某站', contacts: Array.from({ length: 11 }, () => ({ label: '咨询', phone: '12345' })) } }, status: 400, code: 'invalid_site', message: /at most 10/ },
    { name: 'contacts that are not a list', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '某站', contacts: { label: '咨询', phone: '12345' } } }, status: 400, code: 'invalid_site', message: /must be a list/ },
    { name: 'a site name longer than 60 characters', path: '/api/admin/settings/site', init: { method: 'PUT', json: { siteName: '站'.repeat(61) } }, status: 400, code: 'invalid_site', message: /at most 60/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} (${c.status} ${c.code})`, async () => {
      const before = await state();
      const res = await staff(c.path, c.init);
      expect(res.status).toBe(c.status);
      const error = await errorOf(res);
      expect(error.code).toBe(c.code);
      expect(error.message.length).toBeGreaterThan(10);
      if (c.message) expect(error.message).toMatch(c.message);
      const after = await state();
      expect({ ...after, agencies: null }).toEqual({ ...before, agencies: null });
    });
  }
});

describe('/api/admin/settings on Workers', () => {
  const app = testApp(undefined, { config: testConfig({ ADMIN_TOKEN: TOKEN }), runtime: 'workers', extensions: [settingsRoutes(null)] });
  for (const [method, path] of [
    ['GET', '/api/admin/settings'],
    ['PUT', '/api/admin/settings/aliases'],
    ['DELETE', '/api/admin/settings/site'],
  ] as const) {
    it(`answers ${method} ${path} with 501, naming how to change the site data there`, async () => {
      const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(method === 'PUT' ? { body: '{"text":"a b"}' } : {}) });
      expect(res.status).toBe(501);
      const error = await errorOf(res);
      expect(error.code).toBe('not_supported_on_workers');
      expect(error.message).toContain('npm run deploy');
    });
  }
});
