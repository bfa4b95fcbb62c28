// The question log committed from a thread of its own (server/store/sqlite-log-thread.ts): what the server thread
// reads after a flush, feedback on a question still in flight, and a thread that cannot run.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startQuestionLogThread } from '../../server/store/sqlite-log-thread.js';
import { createSqlStore, type QuestionLogWriter } from '../../server/store/sql-store.js';
import { applyMigrations, databasePath, openSqliteStore, sqliteDriver, type SqliteStore } from '../../server/store/sqlite-store.js';
import { tempDataDir } from '../helpers/staff.js';

const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

const question = (id: string, text = '投诉电话是多少') => ({ id, question: text, matched: 'corpus' as const, faqId: null, passage: 3, askedAt: new Date().toISOString() });

describe('the question log thread', () => {
  it('commits the log through a second connection: after a flush the server connection reads every row', async () => {
    const store = openSqliteStore({ dataDir: tempDataDir() });
    opened.push(store);
    for (let i = 0; i < 250; i++) await store.recordQuestion(question(`q-${i}`));
    await store.flush();
    expect(store.db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(250);
  });

  it('takes feedback on a question whose batch the thread is still committing', async () => {
    const store = openSqliteStore({ dataDir: tempDataDir() });
    opened.push(store);
    for (let i = 0; i < 5; i++) await store.recordQuestion(question(`a-${i}`));
    const inFlight = store.flush(); // not awaited: the batch is with the thread
    const saved = await store.addFeedback({ answerId: 'a-4', helpful: true, comment: null, at: new Date().toISOString() });
    expect(saved).not.toBeNull();
    await inFlight;
  });

  it('writes through the server connection when the thread cannot open the database, losing no batch', async () => {
    const dataDir = tempDataDir();
    const db = new Database(databasePath(dataDir));
    db.pragma('journal_mode = WAL');
    applyMigrations(db);
    const writer = startQuestionLogThread(join(dataDir, 'missing-folder', 'none.sqlite'), 100, sqliteDriver(db));
    const insert = (id: string) => ({
      sql: "INSERT OR IGNORE INTO questions (id, question, question_key, matched, faq_id, passage, asked_at) VALUES (?1, '问题', '问题', 'none', NULL, NULL, ?2)",
      params: [id, new Date().toISOString()],
    });
    await writer.write([insert('first')]);
    await writer.write([insert('second'), insert('third')]);
    await writer.close();
    expect(db.prepare('SELECT id FROM questions ORDER BY id').pluck().all()).toEqual(['first', 'second', 'third']);
    db.close();
  });

  it('makes a flush wait for every batch still being written, even one given earlier that finishes later', async () => {
    const db = new Database(databasePath(tempDataDir()));
    db.pragma('journal_mode = WAL');
    applyMigrations(db);
    const driver = sqliteDriver(db);
    let calls = 0;
    // A writer elsewhere that commits its first batch last (as one sent back to the server's connection would).
    const writer: QuestionLogWriter = {
      async write(statements) {
        if (calls++ === 0) await new Promise((r) => setTimeout(r, 80));
        await driver.batch(statements, { sync: false });
      },
      async close() {},
    };
    const store = createSqlStore(driver, { questionBatchMs: 1000, questionLog: writer });
    for (let i = 0; i < 3; i++) await store.recordQuestion(question(`slow-${i}`));
    const first = store.flush();
    for (let i = 0; i < 2; i++) await store.recordQuestion(question(`fast-${i}`));
    await store.flush();
    expect(db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(5);
    await first;
    await store.close();
    db.close();
  });
});
