// Privacy of the question log: personal data citizens type never reaches the database, in any table or file.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminTestResponse, AdminUnansweredResponse } from '../../server/contract.js';
import type { Logger } from '../../server/http/log.js';
import { databasePath } from '../../server/store/sqlite-store.js';
import { staffHarness } from '../helpers/staff.js';

const QUESTION = '我的手机13812345678，身份证110101199003071234，怎么申请公开？';
const SECRETS = ['13812345678', '110101199003071234', 'zhang.san@example.com', '0453-6958999'];

/** Every log line the app writes, debug included, as the JSON the console would get. */
const logLines: string[] = [];
const capture = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void logLines.push(JSON.stringify({ level, event, ...fields }));
const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

const h = staffHarness({}, undefined, { logger });
afterAll(() => h.store.close());

/** The one table of cases, shared with the mask's unit test (test/core/privacy.test.ts). */
const table = JSON.parse(readFileSync('test/fixtures/personal-data.json', 'utf8')) as {
  masked: Array<{ text: string; expected: string; secrets: string[] }>;
  kept: string[];
};

function allStoredText(): string {
  const db = h.store.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
}

function databaseFiles(): Buffer {
  const path = databasePath(h.dataDir);
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

describe('personal data in questions and comments', () => {
  it('never stores an unmasked phone or ID number from a question: the log holds the masked text', async () => {
    const answer = await h.ask(QUESTION);
    await h.store.flush();
    const stored = h.store.db.prepare('SELECT question FROM questions WHERE id = ?').pluck().get(answer.id) as string;
    expect(stored).toBe('我的手机[手机号]，身份证[身份证号]，怎么申请公开？');
    const feedback = await h.app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: answer.id, helpful: false, comment: '请联系 zhang.san@example.com 或 0453-6958999，手机13812345678' }),
    });
    expect(feedback.status).toBe(201);
    const comment = h.store.db.prepare('SELECT comment FROM feedback').pluck().get() as string;
    expect(comment).toBe('请联系 [邮箱] 或 [电话]，手机[手机号]');

    const text = allStoredText();
    const bytes = databaseFiles();
    for (const secret of SECRETS) {
      expect(text).not.toContain(secret);
      expect(bytes.includes(Buffer.from(secret)), `${secret} in the database files`).toBe(false);
    }
  });

  it('shows staff only the masked text in the unanswered list, the feedback list and the hit test', async () => {
    const unanswered = await (await h.admin('/api/admin/unanswered')).text();
    expect(JSON.parse(unanswered) as AdminUnansweredResponse).toMatchObject({ groups: [{ question: expect.stringContaining('[手机号]') }] });
    const feedback = await (await h.admin('/api/admin/feedback')).text();
    const test = (await (await h.admin('/api/admin/test', { method: 'POST', json: { question: QUESTION } })).json()) as AdminTestResponse;
    expect(test.question).toContain('[身份证号]');
    for (const secret of SECRETS) {
      expect(unanswered).not.toContain(secret);
      expect(feedback).not.toContain(secret);
      expect(test.question).not.toContain(secret);
    }
  });
});

describe('personal data of every form in the shared table', () => {
  it('stores questions and comments only masked: no raw form in any table, the database file or its WAL', async () => {
    for (const { text, expected } of table.masked) {
      const answer = await h.ask(text);
      const feedback = await h.app.request('/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answerId: answer.id, helpful: false, comment: `补充：${text}` }),
      });
      expect(feedback.status).toBe(201);
      await h.store.flush();
      expect(h.store.db.prepare('SELECT question FROM questions WHERE id = ?').pluck().get(answer.id)).toBe(expected);
      expect(h.store.db.prepare('SELECT comment FROM feedback WHERE answer_id = ?').pluck().get(answer.id)).toBe(`补充：${expected}`);
    }
    const text = allStoredText();
    const bytes = databaseFiles();
    for (const { secrets } of table.masked) {
      for (const secret of secrets) {
        expect(text, secret).not.toContain(secret);
        expect(bytes.includes(Buffer.from(secret)), `${secret} in the database files`).toBe(false);
      }
    }
  });

  it('stores text that is not personal as it was asked', async () => {
    for (const text of table.kept) {
      const answer = await h.ask(text);
      await h.store.flush();
      expect(h.store.db.prepare('SELECT question FROM questions WHERE id = ?').pluck().get(answer.id)).toBe(text);
    }
  });

  it('writes only the masked question to the debug log', () => {
    const debug = logLines.filter((l) => l.includes('"ask.question"'));
    expect(debug.length).toBeGreaterThanOrEqual(table.masked.length);
    const all = logLines.join('\n');
    for (const { secrets } of table.masked) for (const secret of secrets) expect(all, secret).not.toContain(secret);
  });
});
