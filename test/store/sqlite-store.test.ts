import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../server/store/backup.js';
import { databasePath, openSqliteStore, sqliteDriver, type SqliteStore } from '../../server/store/sqlite-store.js';
import { faqInput, tempDataDir } from '../helpers/staff.js';
import { createSqlStore } from '../../server/store/sql-store.js';
import { describeDriverContract } from './sql-driver-contract.js';
import { describeStoreContract } from './store-contract.js';

const opened: SqliteStore[] = [];
function open(dataDir = tempDataDir()) {
  const store = openSqliteStore({ dataDir });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

describe('opening the database', () => {
  it('applies the migrations once, records them like wrangler does, and runs in WAL with synchronous=FULL', async () => {
    const dataDir = tempDataDir();
    const store = open(dataDir);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const names = store.db.prepare('SELECT name FROM d1_migrations ORDER BY id').pluck().all();
    expect(names).toEqual(readdirSync('migrations').filter((f) => f.endsWith('.sql')).sort());
    await store.createFaq(faqInput({ question: '办事大厅几点上班？' }), 'staff');
    await store.close();

    const again = open(dataDir);
    expect(again.db.prepare('SELECT count(*) FROM d1_migrations').pluck().get()).toBe(names.length);
    expect((await again.listFaq()).map((e) => e.question)).toEqual(['办事大厅几点上班？']);
  });

  it('commits a batch asked not to sync under synchronous=NORMAL and returns to FULL for every other write', async () => {
    const store = open();
    const driver = sqliteDriver(store.db);
    const level = { sql: 'SELECT synchronous AS level FROM pragma_synchronous', params: [] };
    expect((await driver.batch([level], { sync: false }))[0]!.rows).toEqual([{ level: 1 }]);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect((await driver.batch([level]))[0]!.rows).toEqual([{ level: 2 }]);
    await expect(driver.batch([{ sql: 'SELECT * FROM no_such_table', params: [] }], { sync: false })).rejects.toThrow(/no such table/);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('writes the question log in batches that do not sync, and staff writes synced', async () => {
    const store = open();
    const batches: Array<{ statements: number; sync: boolean }> = [];
    const real = sqliteDriver(store.db);
    const sql = createSqlStore(
      { run: real.run, batch: (statements, options) => (batches.push({ statements: statements.length, sync: options?.sync !== false }), real.batch(statements, options)) },
      { questionBatchMs: 10_000 },
    );
    for (let i = 0; i < 3; i++) {
      await sql.recordQuestion({ id: `q-${i}`, question: `问题${i}`, matched: 'none', faqId: null, passage: null, askedAt: '2026-12-03T08:00:00.000Z' });
    }
    expect(batches).toEqual([]);
    await sql.createFaq(faqInput({ question: '办事大厅几点上班？' }), 'staff');
    await sql.flush();
    expect(batches.filter((b) => !b.sync)).toEqual([{ statements: 3, sync: false }]);
    expect(batches.filter((b) => b.sync).length).toBeGreaterThan(0);
    expect(store.db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(3);
  });

  it('keeps PRAGMAs and transactions out of the migration files (D1 applies the same files)', () => {
    const files = readdirSync('migrations').filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const sql = readFileSync(join('migrations', file), 'utf8').replace(/--.*$/gm, '');
      expect(sql, file).not.toMatch(/\b(PRAGMA|BEGIN|COMMIT|ROLLBACK)\b/i);
    }
  });

  it('refuses a file that is not a database, naming it', () => {
    const dataDir = tempDataDir();
    writeFileSync(databasePath(dataDir), 'not a database, just text '.repeat(100));
    expect(() => openSqliteStore({ dataDir })).toThrow(/cannot open the database .*qa-robot\.sqlite/);
  });
});

describeStoreContract('SQLite store', () => openSqliteStore({ dataDir: tempDataDir() }));
describeDriverContract('better-sqlite3', () => sqliteDriver(open().db));

describe('backup', () => {
  it('writes a consistent, self-contained copy with the online backup API while the store is open, into DATA_DIR/backups', async () => {
    const dataDir = tempDataDir();
    const store = open(dataDir);
    for (let i = 0; i < 50; i++) await store.createFaq(faqInput({ question: `问题${i}` }), 'staff');
    const result = await backupDatabase(dataDir);
    expect(result.file.startsWith(join(dataDir, 'backups'))).toBe(true);
    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM faq_entries').pluck().get()).toBe(50);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    // One self-contained file: nothing beside it to forget when copying it away.
    expect(existsSync(`${result.file}-wal`) || existsSync(`${result.file}-shm`)).toBe(false);
    await expect(backupDatabase(dataDir, result.file)).rejects.toThrow(/already exists/);
    await expect(backupDatabase(tempDataDir())).rejects.toThrow(/no database/);
    expect(existsSync(result.file)).toBe(true);
  });
});
