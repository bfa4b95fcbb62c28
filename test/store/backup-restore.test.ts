// Backup and restore of the staff's data as the README describes them: `npm run backup` copies the database, the
// published reports and the site data; after DATA_DIR is lost, `npm run restore` brings them back and the robot gives
// the same answers, the same FAQ and the same site data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdminFaqListResponse, AdminSiteDataResponse, AskResponse } from '../../server/contract.js';
import { createLogger } from '../../server/http/log.js';
import { createNodeApp } from '../../server/runtime/node.js';
import { backupDataDir, restoreDataDir } from '../../server/store/backup.js';
import { makeCorpus, testConfig } from '../helpers/corpus.js';

const TOKEN = 'backup-test-token-0123456789abcdef';
// The last is answered only through a staff synonym (吐槽 ~ 投诉).
const QUESTIONS = ['开通了什么微信公众号', '投诉电话是多少', '护照在哪里办理', '吐槽电话是多少'];

function start(env: Record<string, string>) {
  const node = createNodeApp(testConfig({ ...env, ADMIN_TOKEN: TOKEN }), createLogger('silent'));
  const request = (path: string, init: RequestInit = {}) =>
    Promise.resolve(node.app.request(path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } }));
  const answers = async () =>
    Promise.all(
      QUESTIONS.map(async (question) => {
        const body = (await (await request('/api/ask', { method: 'POST', body: JSON.stringify({ question }) })).json()) as AskResponse;
        return { matched: body.matched, answer: body.answer, sources: body.sources.map((s) => s.title) };
      }),
    );
  const faq = async () => ((await (await request('/api/admin/faq')).json()) as AdminFaqListResponse).entries;
  const siteData = async () => {
    const body = (await (await request('/api/admin/settings')).json()) as AdminSiteDataResponse;
    return { aliases: body.aliases.text, synonyms: body.synonyms.text, site: body.site.contacts, sources: [body.aliases.source, body.synonyms.source, body.site.source] };
  };
  return { node, request, answers, faq, siteData };
}

/** Runs one of the npm scripts' programs as `npm run <name>` runs it, in this checkout. */
function cli(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('backup and restore', () => {
  it('backs up the database, the published reports and the site data; after DATA_DIR is wiped, a restore gives the same answers, FAQ and site data', async () => {
    const env = {
      CORPUS_DIR: makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') }),
      INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-backup-index-')), 'index'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-backup-data-')),
    };
    const before = start(env);
    const published = await before.request('/api/admin/reports', {
      method: 'POST',
      body: JSON.stringify({ files: [{ name: 'sample-2016-gkbg.txt', content: readFileSync('test/fixtures/reports/sample-2016-gkbg.txt').toString('base64') }] }),
    });
    expect(published.status).toBe(201);
    expect((await before.request('/api/admin/faq', { method: 'POST', body: JSON.stringify({ question: '护照在哪里办理', answer: '到市出入境接待大厅办理。' }) })).status).toBe(201);
    const synonyms = `${readFileSync('corpus/synonyms.txt', 'utf8')}吐槽 投诉\n`;
    expect((await before.request('/api/admin/settings/synonyms', { method: 'PUT', body: JSON.stringify({ text: synonyms }) })).status).toBe(200);
    expect((await before.request('/api/admin/settings/aliases', { method: 'PUT', body: JSON.stringify({ text: '牡丹江市行政服务中心 江城大厅\n' }) })).status).toBe(200);
    const site = { siteName: '牡丹江市行政服务中心', contacts: [{ label: '政务服务咨询', phone: '0453-6958002', hours: '工作日 8:30—17:00' }] };
    expect((await before.request('/api/admin/settings/site', { method: 'PUT', body: JSON.stringify(site) })).status).toBe(200);
    const answers = await before.answers();
    expect(answers.map((a) => a.matched)).toEqual(['corpus', 'corpus', 'faq', 'corpus']);
    const faq = await before.faq();
    const siteData = await before.siteData();
    expect(siteData.sources).toEqual(['data', 'data', 'data']);

    const backups = mkdtempSync(join(tmpdir(), 'qa-backups-'));
    const printed = cli('server/store/backup-cli.ts', [join(backups, 'nightly')], env);
    expect(printed).toMatch(/backup written: .*nightly \(database \d+ bytes, \d+ pages, integrity ok; 1 published report file\(s\), 3 site data file\(s\)\)/);
    expect(readdirSync(join(backups, 'nightly')).sort()).toEqual(['backup.json', 'qa-robot.sqlite', 'reports', 'site-data']);
    await before.node.store.close();

    // The data folder and the built index are lost (a new machine, a wiped disk): only the backup and the checkout remain.
    rmSync(env.DATA_DIR, { recursive: true, force: true });
    rmSync(env.INDEX_DIR, { recursive: true, force: true });
    expect(cli('server/store/restore-cli.ts', [join(backups, 'nightly')], env)).toMatch(/restored .*1 published report file\(s\), 3 site data file/);

    const after = start(env);
    expect(after.node.loaded.built).not.toBeNull();
    expect(await after.answers()).toEqual(answers);
    expect(await after.faq()).toEqual(faq);
    expect(await after.siteData()).toEqual(siteData);
    await after.node.store.close();
  }, 120_000);

  it('moves the data a restore replaces aside instead of deleting it, and refuses a folder that is not a backup', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-restore-')) };
    const { openSqliteStore } = await import('../../server/store/sqlite-store.js');
    const store = openSqliteStore({ dataDir: env.DATA_DIR });
    await store.createFaq({ question: '旧问题', alternatives: [], answer: '旧答案', link: null, tags: [], enabled: true, hot: false }, 'staff');
    await store.close();
    const backup = await backupDataDir(env.DATA_DIR, join(mkdtempSync(join(tmpdir(), 'qa-b-')), 'b'));
    const restored = restoreDataDir(backup.folder, env.DATA_DIR);
    expect(restored.replaced).toMatch(/backups[\\/]replaced-\d{8}-\d{6}$/);
    expect(existsSync(join(restored.replaced!, 'qa-robot.sqlite'))).toBe(true);
    expect(() => restoreDataDir(mkdtempSync(join(tmpdir(), 'qa-not-')), env.DATA_DIR)).toThrow(/not a backup folder/);
    await expect(backupDataDir(env.DATA_DIR, backup.folder)).rejects.toThrow(/already exists/);
  });
});
