// The staff features as `npm start` wires them on Node: the generated staff token, retention, and an FAQ entry that
// survives a SIGKILL of the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/http/log.js';
import { ADMIN_TOKEN_FILE, purgeOldLogs, resolveAdminToken } from '../../server/runtime/node-staff.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { testConfig } from '../helpers/corpus.js';
import { tempDataDir } from '../helpers/staff.js';

describe('the staff token on Node', () => {
  it('generates a strong token once into DATA_DIR/admin-token with mode 0600, and reuses it', () => {
    const dataDir = tempDataDir();
    const config = testConfig({ DATA_DIR: dataDir });
    const first = resolveAdminToken(config);
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dataDir, ADMIN_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    const second = resolveAdminToken(config);
    expect(second).toEqual({ token: first.token, source: 'file', file: first.file });
    expect(resolveAdminToken(testConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'from-the-environment-123' }))).toEqual({
      token: 'from-the-environment-123',
      source: 'env',
      file: null,
    });
  });

  it('refuses a token file that holds no usable token, naming the file', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'short\n', { mode: 0o600 });
    expect(() => resolveAdminToken(testConfig({ DATA_DIR: dataDir }))).toThrow(/admin-token.*delete it/);
  });
});

describe('retention', () => {
  it('purges questions and feedback older than LOG_RETENTION_DAYS', async () => {
    const store = openSqliteStore({ dataDir: tempDataDir() });
    const now = new Date('2024-07-01T00:00:00Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    for (const [id, age] of [['old', 200], ['edge', 181], ['new', 10]] as const) {
      await store.recordQuestion({ id, question: '问题', matched: 'none', faqId: null, passage: null, askedAt: daysAgo(age) });
      await store.addFeedback({ answerId: id, helpful: false, comment: null, at: daysAgo(age) });
    }
    await purgeOldLogs(store, { logRetentionDays: 180, inquiryContactUnrepliedDays: 180 }, createLogger('silent'), now);
    expect(store.db.prepare('SELECT id FROM questions').pluck().all()).toEqual(['new']);
    expect(store.db.prepare('SELECT answer_id FROM feedback').pluck().all()).toEqual(['new']);
    await store.close();
  });

  it('purges the contact data of a 留言 never replied INQUIRY_CONTACT_UNREPLIED_DAYS after it was received', async () => {
    const store = openSqliteStore({ dataDir: tempDataDir() });
    const now = new Date('2024-07-01T00:00:00Z');
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    const contact = { phone: '13812345678', email: null };
    const old = await store.createInquiry({ codeHash: 'a', question: '问题甲', answerId: null, contact, at: daysAgo(91) });
    const recent = await store.createInquiry({ codeHash: 'b', question: '问题乙', answerId: null, contact, at: daysAgo(89) });
    await purgeOldLogs(store, { logRetentionDays: 180, inquiryContactUnrepliedDays: 90 }, createLogger('silent'), now);
    expect(store.db.prepare('SELECT inquiry_id FROM inquiry_contacts').pluck().all()).toEqual([recent.id]);
    expect(await store.getInquiry(old.id)).toMatchObject({ status: 'open', hasContact: false });
    await store.close();
  });
});

describe('npm start', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  /** Starts server/runtime/node.ts (as `npm start` does after building the web files) and waits for its address. */
  function start(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/node.ts'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    return new Promise<{ child: ChildProcess; url: string; output: () => string }>((ready, fail) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /serving on (http:\/\/[^\s]+)/.exec(output);
        if (m) ready({ child, url: m[1]!, output: () => output });
      });
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      child.on('exit', (code) => fail(new Error(`server exited (${code}): ${output}`)));
    });
  }

  const exited = (child: ChildProcess) => new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(null) : child.on('exit', done)));

  it('prints a generated token once; an entry created with it answers the paraphrase, survives a SIGKILL, and stops after DELETE', async () => {
    const dataDir = tempDataDir();
    const env = { DATA_DIR: dataDir, INDEX_DIR: mkdtempSync(join(tmpdir(), 'qa-start-index-')) };
    const ask = async (url: string) =>
      (await (
        await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '办事大厅几点开门' }) })
      ).json()) as { matched: string; answer: string };

    const first = await start(env);
    const token = readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
    expect(first.output()).toContain(`staff token (shown once; also stored in ${join(dataDir, ADMIN_TOKEN_FILE)}, mode 0600): ${token}`);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const noToken = await fetch(`${first.url}/api/admin/faq`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${first.url}/api/admin/faq`, { method: 'POST', headers: { ...auth, authorization: 'Bearer not-the-token-at-all' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const created = await fetch(`${first.url}/api/admin/faq`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ question: '行政服务中心办事大厅几点上班？', answer: '工作日9:00开门。' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(await ask(first.url)).toMatchObject({ matched: 'faq', answer: '工作日9:00开门。' });
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await start(env);
    expect(second.output()).toContain(`staff token: read from ${join(dataDir, ADMIN_TOKEN_FILE)}`);
    expect(second.output()).not.toContain(token);
    expect(await ask(second.url)).toMatchObject({ matched: 'faq', answer: '工作日9:00开门。' });
    const deleted = await fetch(`${second.url}/api/admin/faq/${id}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    expect((await ask(second.url)).matched).not.toBe('faq');
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 120_000);
});
