// Owns the Store on Node: SQLite through better-sqlite3 in DATA_DIR, with the migrations in `migrations/` applied at
// open, WAL and synchronous=FULL so that nothing acknowledged is lost on a crash or power cut.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatchKind } from '../contract.js';
import {
  fillDays,
  questionKey,
  sameFaqContent,
  type Actor,
  type AuditRecord,
  type FaqDeleteResult,
  type FaqEntry,
  type FaqImportOutcome,
  type FaqInput,
  type FaqUpdateResult,
  type FeedbackInput,
  type FeedbackRecord,
  type Overview,
  type OverviewQuery,
  type QuestionRecord,
  type Store,
  type UnansweredGroup,
  type UnansweredQuery,
} from '../core/store.js';
import { toEntry, type FaqRow } from './faq-rows.js';

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
}

/** The SQLite store, with its connection for the backup and the tests. */
export interface SqliteStore extends Store {
  readonly db: Database.Database;
  readonly path: string;
  /** Writes the buffered question log now (it is otherwise written every 100 ms or 100 questions). */
  flush(): void;
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
 * Opens (creating when needed) the database in `dataDir` and applies pending migrations.
 *
 * @remarks journal_mode=WAL lets the robot answer while staff write and the backup copies; synchronous=FULL syncs
 * the WAL at every commit, so a write acknowledged to staff survives a kill -9 or a power cut.
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
    applyMigrations(db, options.migrationsDir);
  } catch (error) {
    db.close();
    throw new Error(`cannot open the database ${path}: ${(error as Error).message}`);
  }
  return createSqliteStore(db, path);
}

function createSqliteStore(db: Database.Database, path: string): SqliteStore {
  const nowIso = () => new Date().toISOString();
  const statements = {
    revision: db.prepare("SELECT value FROM store_state WHERE key = 'faq_revision'").pluck(),
    bump: db.prepare("UPDATE store_state SET value = value + 1 WHERE key = 'faq_revision'"),
    all: db.prepare('SELECT * FROM faq_entries ORDER BY updated_at DESC, id DESC'),
    enabled: db.prepare('SELECT * FROM faq_entries WHERE enabled = 1 ORDER BY id'),
    get: db.prepare('SELECT * FROM faq_entries WHERE id = ?'),
    byKey: db.prepare('SELECT * FROM faq_entries WHERE question_key = ? ORDER BY id LIMIT 1'),
    insert: db.prepare(
      `INSERT INTO faq_entries (question, question_key, alternatives, answer, link, tags, enabled, hot, created_at, updated_at, version)
       VALUES (@question, @key, @alternatives, @answer, @link, @tags, @enabled, @hot, @now, @now, 1) RETURNING *`,
    ),
    update: db.prepare(
      `UPDATE faq_entries SET question = @question, question_key = @key, alternatives = @alternatives, answer = @answer,
         link = @link, tags = @tags, enabled = @enabled, hot = @hot, updated_at = @now, version = version + 1
       WHERE id = @id AND version = @version RETURNING *`,
    ),
    remove: db.prepare('DELETE FROM faq_entries WHERE id = ? AND version = ?'),
    audit: db.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json)
       VALUES (?, ?, ?, 'faq', ?, ?, ?)`,
    ),
    record: db.prepare(
      `INSERT OR IGNORE INTO questions (id, question, question_key, matched, faq_id, passage, asked_at)
       VALUES (@id, @question, @key, @matched, @faqId, @passage, @askedAt)`,
    ),
    feedback: db.prepare(
      `INSERT INTO feedback (answer_id, helpful, comment, created_at)
       SELECT @answerId, @helpful, @comment, @at WHERE EXISTS (SELECT 1 FROM questions WHERE id = @answerId)
       ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, created_at = excluded.created_at
       RETURNING id`,
    ),
  };

  const row = (id: number) => statements.get.get(id) as FaqRow | undefined;
  const params = (input: FaqInput, now: string) => ({
    question: input.question,
    key: questionKey(input.question),
    alternatives: JSON.stringify(input.alternatives),
    answer: input.answer,
    link: input.link,
    tags: JSON.stringify(input.tags),
    enabled: input.enabled ? 1 : 0,
    hot: input.hot ? 1 : 0,
    now,
  });
  const audit = (at: string, actor: Actor, action: AuditRecord['action'], id: number, before: FaqEntry | null, after: FaqEntry | null) =>
    statements.audit.run(at, actor, action, id, before ? JSON.stringify(before) : null, after ? JSON.stringify(after) : null);

  const create = db.transaction((input: FaqInput, actor: Actor, now: string, action: 'create' | 'import') => {
    const entry = toEntry(statements.insert.get(params(input, now)) as FaqRow);
    audit(now, actor, action, entry.id, null, entry);
    statements.bump.run();
    return entry;
  });

  const update = db.transaction(
    (id: number, input: FaqInput, expected: number, actor: Actor, now: string, action: 'update' | 'import'): FaqUpdateResult | { status: 'unchanged'; entry: FaqEntry } => {
      const current = row(id);
      if (!current) return { status: 'not-found' };
      const before = toEntry(current);
      if (current.version !== expected) return { status: 'conflict', current: before };
      if (sameFaqContent(before, input)) return { status: 'unchanged', entry: before };
      const after = toEntry(statements.update.get({ ...params(input, now), id, version: expected }) as FaqRow);
      audit(now, actor, action, id, before, after);
      statements.bump.run();
      return { status: 'updated', entry: after };
    },
  );

  const remove = db.transaction((id: number, actor: Actor, expected: number | undefined, now: string): FaqDeleteResult => {
    const current = row(id);
    if (!current) return { status: 'not-found' };
    const before = toEntry(current);
    if (expected !== undefined && current.version !== expected) return { status: 'conflict', current: before };
    statements.remove.run(id, current.version);
    audit(now, actor, 'delete', id, before, null);
    statements.bump.run();
    return { status: 'deleted', entry: before };
  });

  const importRows = db.transaction((inputs: FaqInput[], actor: Actor, now: string): FaqImportOutcome[] =>
    inputs.map((input) => {
      const existing = statements.byKey.get(questionKey(input.question)) as FaqRow | undefined;
      if (!existing) return { status: 'created', entry: create(input, actor, now, 'import') };
      const result = update(existing.id, input, existing.version, actor, now, 'import');
      if (result.status === 'updated' || result.status === 'unchanged') return { status: result.status, entry: result.entry };
      throw new Error(`import: entry ${existing.id} changed during the import`);
    }),
  );

  const purge = db.transaction((before: string) => ({
    questions: db.prepare('DELETE FROM questions WHERE asked_at < ?').run(before).changes,
    feedback: db.prepare('DELETE FROM feedback WHERE created_at < ?').run(before).changes,
  }));

  // The question log is written in batches: one transaction (one WAL sync) per 100 ms or 100 questions instead of
  // one per question, which would block the event loop on a disk sync for every answer. A crash loses at most the
  // last 100 ms of the log; staff writes (FAQ, feedback) still commit one by one with synchronous=FULL. Reads
  // that involve the log flush first, so nothing reads around the buffer.
  const pending: QuestionRecord[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const writeQuestions = db.transaction((records: QuestionRecord[]) => {
    for (const record of records) statements.record.run({ ...record, key: questionKey(record.question) });
  });
  const flushQuestions = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (pending.length > 0 && db.open) writeQuestions(pending.splice(0));
  };

  // The FAQ revision changes only through this store's writes (one process owns the database): it is read from the
  // database at most once a second, and every write here refreshes it at once.
  let revision: { value: number; at: number } | null = null;
  const readRevision = () => {
    const now = Date.now();
    if (!revision || now - revision.at >= 1000) revision = { value: statements.revision.get() as number, at: now };
    return revision.value;
  };
  const afterWrite = <T>(result: T): T => {
    revision = null;
    return result;
  };

  return {
    db,
    path,
    flush: flushQuestions,
    async faqRevision() {
      return readRevision();
    },
    async listFaq(options = {}) {
      return ((options.enabledOnly ? statements.enabled : statements.all).all() as FaqRow[]).map(toEntry);
    },
    async getFaq(id) {
      const r = row(id);
      return r ? toEntry(r) : null;
    },
    async createFaq(input, actor, now = nowIso()) {
      return afterWrite(create(input, actor, now, 'create'));
    },
    async updateFaq(id, input, expectedVersion, actor, now = nowIso()) {
      const result = afterWrite(update(id, input, expectedVersion, actor, now, 'update'));
      return result.status === 'unchanged' ? { status: 'updated', entry: result.entry } : result;
    },
    async deleteFaq(id, actor, expectedVersion) {
      return afterWrite(remove(id, actor, expectedVersion, nowIso()));
    },
    async importFaq(inputs, actor, now = nowIso()) {
      return afterWrite(importRows(inputs, actor, now));
    },
    async recordQuestion(record: QuestionRecord) {
      pending.push(record);
      if (pending.length >= 100) flushQuestions();
      else if (!flushTimer) {
        flushTimer = setTimeout(flushQuestions, 100);
        flushTimer.unref?.();
      }
    },
    async addFeedback(input: FeedbackInput) {
      flushQuestions();
      const r = statements.feedback.get({ answerId: input.answerId, helpful: input.helpful ? 1 : 0, comment: input.comment, at: input.at }) as
        | { id: number }
        | undefined;
      return r ? { id: r.id } : null;
    },
    async listFeedback({ limit, helpful }) {
      flushQuestions();
      const rows = db
        .prepare(
          `SELECT f.id, f.answer_id, f.helpful, f.comment, f.created_at, q.question, q.matched, q.faq_id
           FROM feedback f LEFT JOIN questions q ON q.id = f.answer_id
           ${helpful === undefined ? '' : 'WHERE f.helpful = @helpful'}
           ORDER BY f.created_at DESC, f.id DESC LIMIT @limit`,
        )
        .all({ limit, ...(helpful === undefined ? {} : { helpful: helpful ? 1 : 0 }) }) as Array<{
        id: number;
        answer_id: string;
        helpful: number;
        comment: string | null;
        created_at: string;
        question: string | null;
        matched: MatchKind | null;
        faq_id: number | null;
      }>;
      return rows.map(
        (r): FeedbackRecord => ({
          id: r.id,
          answerId: r.answer_id,
          helpful: r.helpful === 1,
          comment: r.comment,
          createdAt: r.created_at,
          question: r.question,
          matched: r.matched,
          faqId: r.faq_id,
        }),
      );
    },
    async listAudit({ limit, entityId }) {
      const rows = db
        .prepare(
          `SELECT * FROM audit_log ${entityId === undefined ? '' : "WHERE entity = 'faq' AND entity_id = @entityId"}
           ORDER BY id DESC LIMIT @limit`,
        )
        .all({ limit, ...(entityId === undefined ? {} : { entityId }) }) as Array<{
        id: number;
        at: string;
        actor: string;
        action: AuditRecord['action'];
        entity_id: number;
        before_json: string | null;
        after_json: string | null;
      }>;
      return rows.map(
        (r): AuditRecord => ({
          id: r.id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          entity: 'faq',
          entityId: r.entity_id,
          before: r.before_json ? (JSON.parse(r.before_json) as FaqEntry) : null,
          after: r.after_json ? (JSON.parse(r.after_json) as FaqEntry) : null,
        }),
      );
    },
    async unanswered({ since, limit, sort = 'count' }: UnansweredQuery) {
      flushQuestions();
      // The bare `question` takes its value from the row holding the max() (SQLite's documented min/max rule; D1 is
      // SQLite; with several max() aggregates the last one decides): the latest wording of the group, the last logged
      // one among questions asked in the same millisecond.
      const rows = db
        .prepare(
          `WITH events AS (
             SELECT question_key AS key, question, asked_at AS at, rowid AS seq, 1 AS unanswered, 0 AS not_helpful, NULL AS faq_id
             FROM questions WHERE matched = 'none' AND asked_at >= @since
             UNION ALL
             SELECT q.question_key, q.question, f.created_at, q.rowid, 0, 1, q.faq_id
             FROM feedback f JOIN questions q ON q.id = f.answer_id
             WHERE f.helpful = 0 AND f.created_at >= @since
           ),
           groups AS (
             SELECT key, question, max(at) AS last_at, max(at || printf('#%012d', seq)) AS latest,
                    sum(unanswered) AS unanswered, sum(not_helpful) AS not_helpful
             FROM events GROUP BY key
           )
           SELECT g.*, (SELECT e.faq_id FROM events e WHERE e.key = g.key AND e.faq_id IS NOT NULL ORDER BY e.at DESC LIMIT 1) AS faq_id
           FROM groups g
           ORDER BY ${sort === 'recent' ? 'last_at DESC' : '(unanswered + not_helpful) DESC, last_at DESC'}, key
           LIMIT @limit`,
        )
        .all({ since, limit }) as Array<{
        key: string;
        question: string;
        last_at: string;
        unanswered: number;
        not_helpful: number;
        faq_id: number | null;
      }>;
      return rows.map(
        (r): UnansweredGroup => ({
          key: r.key,
          question: r.question,
          unanswered: r.unanswered,
          notHelpful: r.not_helpful,
          total: r.unanswered + r.not_helpful,
          lastAskedAt: r.last_at,
          faqId: r.faq_id,
        }),
      );
    },
    async overview({ since, utcOffsetMinutes, top }: OverviewQuery): Promise<Overview> {
      flushQuestions();
      const offset = `${utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(Math.trunc(utcOffsetMinutes))} minutes`;
      const days = db
        .prepare(
          `SELECT date(asked_at, @offset) AS date, count(*) AS total, sum(matched = 'faq') AS faq,
             sum(matched = 'corpus') AS corpus, sum(matched = 'none') AS none
           FROM questions WHERE asked_at >= @since GROUP BY 1 ORDER BY 1`,
        )
        .all({ since, offset }) as Array<{ date: string; total: number; faq: number; corpus: number; none: number }>;
      const feedback = db
        .prepare(
          `SELECT coalesce(sum(helpful = 1), 0) AS helpful, coalesce(sum(helpful = 0), 0) AS notHelpful
           FROM feedback WHERE created_at >= @since`,
        )
        .get({ since }) as { helpful: number; notHelpful: number };
      const topQuestions = db
        .prepare(
          `SELECT question, count(*) AS count, max(asked_at) AS last_at FROM questions WHERE asked_at >= @since
           GROUP BY question_key ORDER BY count DESC, last_at DESC LIMIT @top`,
        )
        .all({ since, top }) as Array<{ question: string; count: number }>;
      const totals = { total: 0, faq: 0, corpus: 0, none: 0 };
      for (const d of days) {
        totals.total += d.total;
        totals.faq += d.faq;
        totals.corpus += d.corpus;
        totals.none += d.none;
      }
      return {
        since,
        days: fillDays(days, since, nowIso(), utcOffsetMinutes),
        totals,
        feedback,
        topQuestions: topQuestions.map((q) => ({ question: q.question, count: q.count })),
      };
    },
    async purge(before) {
      flushQuestions();
      return purge(before);
    },
    async close() {
      flushQuestions();
      if (db.open) db.close();
    },
  };
}
