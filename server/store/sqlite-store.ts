// Owns the Store on Node: SQLite through better-sqlite3 in DATA_DIR, with the migrations in `migrations/` applied at
// open, WAL and synchronous=FULL so that nothing acknowledged is lost on a crash or power cut; the statements are the
// shared ones of sql-store.ts, run through the driver here.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFaqRevision } from './faq-revision-cache.js';
import { startQuestionLogThread } from './sqlite-log-thread.js';
import { createSqlStore, type SqlDriver, type SqlResult, type SqlStatement, type SqlStore } from './sql-store.js';

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'qa-robot.sqlite';

/** Where the migration files are: `migrations/` at the project root. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Path of the database in a data folder. */
export function databasePath(dataDir: string): string {
  return resolve(dataDir, DATABASE_FILE);
}

export interface SqliteStoreOptions {
  /** Folder of the database; created when missing. */
  dataDir: string;
  /** Default {@link MIGRATIONS_DIR}. */
  migrationsDir?: string;
  /** How long a write waits for another connection's lock (the backup, a second process), in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Commit the question log's batches from a thread of its own (sqlite-log-thread.ts). Default true. */
  questionLogThread?: boolean;
}

/** The SQLite store, with its connection for the backup and the tests. */
export interface SqliteStore extends SqlStore {
  readonly db: Database.Database;
  readonly path: string;
}

/**
 * Applies the migration files not yet recorded in `d1_migrations`, in file-name order, each in its own
 * transaction together with its record.
 *
 * @remarks The table has the shape `wrangler d1 migrations apply` creates, so a D1 database and a Node database
 * that ran the same files look alike. Returns the names applied.
 */
export function applyMigrations(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS d1_migrations(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
  )`);
  const applied = new Set((db.prepare('SELECT name FROM d1_migrations').all() as Array<{ name: string }>).map((r) => r.name));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(file);
    })();
    done.push(file);
  }
  return done;
}

/**
 * The driver port over a better-sqlite3 connection: statements prepared once and kept, `?N` parameters bound by
 * number, a batch run as one transaction.
 *
 * @remarks better-sqlite3 is synchronous: the work is done when a method returns, before its promise settles.
 */
export function sqliteDriver(db: Database.Database): SqlDriver {
  const prepared = new Map<string, Database.Statement>();
  const changes = db.prepare('SELECT changes()').pluck();
  const execute = (statement: SqlStatement): SqlResult => {
    let prepared1 = prepared.get(statement.sql);
    if (!prepared1) prepared.set(statement.sql, (prepared1 = db.prepare(statement.sql)));
    // better-sqlite3 binds `?N` parameters as named ones: { 1: …, 2: … }.
    const params = Object.fromEntries(statement.params.map((value, i) => [i + 1, value]));
    if (!prepared1.reader) return { rows: [], changes: prepared1.run(params).changes };
    const rows = prepared1.all(params) as Array<Record<string, unknown>>;
    return { rows, changes: prepared1.readonly ? 0 : (changes.get() as number) };
  };
  const transaction = db.transaction((statements: readonly SqlStatement[]) => statements.map(execute));
  return {
    run: async <T>(statement: SqlStatement) => execute(statement) as SqlResult<T>,
    batch: async (statements, options) => {
      if (options?.sync !== false) return transaction(statements);
      // In WAL mode a commit under synchronous=NORMAL is in the WAL file (the OS has it: it survives a kill) but not
      // synced; the next commit under FULL syncs the WAL, these frames included. Set outside the transaction: the
      // pragma is per connection, and better-sqlite3 runs all three steps before any other statement can.
      const previous = db.pragma('synchronous', { simple: true });
      db.pragma('synchronous = NORMAL');
      try {
        return transaction(statements);
      } finally {
        db.pragma(`synchronous = ${Number(previous)}`);
      }
    },
  };
}

/**
 * Opens (creating when needed) the database in `dataDir` and applies pending migrations.
 *
 * @remarks journal_mode=WAL lets the robot answer while staff write and the backup copies; synchronous=FULL syncs
 * the WAL at every commit, so a write acknowledged to staff survives a kill -9 or a power cut. The question log is
 * written once per 100 ms (see SqlStoreOptions.questionBatchMs), from a thread of its own with a second connection
 * (sqlite-log-thread.ts), without a disk sync of its own (synchronous=NORMAL for that transaction: it survives a kill -9, and a power cut once the next staff write or checkpoint has synced
 * the WAL); the FAQ revision is read from the database at most
 * once a second (one process owns the database, and its own writes refresh it at once).
 * @throws Error naming the file when it cannot be opened or is not a database.
 */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  mkdirSync(options.dataDir, { recursive: true });
  const path = databasePath(options.dataDir);
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') {
      throw new Error(`SQLite could not switch ${path} to WAL mode (got ${String(mode)}): put DATA_DIR on a local disk`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten, not left in free pages: inquiry contact data is gone from the file once purged.
    db.pragma('secure_delete = ON');
    applyMigrations(db, options.migrationsDir);
  } catch (error) {
    db.close();
    throw new Error(`cannot open the database ${path}: ${(error as Error).message}`);
  }
  const driver = sqliteDriver(db);
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  const questionLog = options.questionLogThread === false ? undefined : startQuestionLogThread(path, busyTimeoutMs, driver);
  const store = cacheFaqRevision(createSqlStore(driver, { questionBatchMs: 100, ...(questionLog ? { questionLog } : {}) }), 1000);
  return {
    ...store,
    db,
    path,
    async close() {
      if (!db.open) return;
      await store.close();
      db.close();
    },
  };
}
