// Owns the Store's SQL: every statement the FAQ, question log, feedback, audit and statistics run, over a small driver
// port that SQLite (better-sqlite3, Node) and D1 (Workers) implement; runtime-neutral, imports no node:*, hono,
// better-sqlite3 or Cloudflare types.
import type { MatchKind } from '../contract.js';
import {
  fillDays,
  questionKey,
  sameFaqContent,
  type Actor,
  type AuditRecord,
  type SettingsAuditRecord,
  type SettingsKind,
  type FaqDeleteResult,
  type FaqEntry,
  type FaqImportOutcome,
  type FaqInput,
  type FaqUpdateResult,
  type FeedbackRecord,
  type Overview,
  type QuestionRecord,
  type Store,
  type UnansweredGroup,
  type UnansweredPage,
  type UnansweredQuery,
} from '../core/store.js';
import { toEntry, type FaqRow } from './faq-rows.js';
import { createInquiryMethods } from './sql-inquiries.js';

/** A value bound to a `?N` parameter. */
export type SqlValue = string | number | null;

/** One statement with its parameters: `params[0]` binds `?1`, `params[1]` binds `?2`, and so on. */
export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** What a statement returned: its rows (a SELECT, or a write with RETURNING) and how many rows it changed. */
export interface SqlResult<T = Record<string, unknown>> {
  rows: T[];
  changes: number;
}

/**
 * The database as the store needs it: one statement at a time, or several in order as one transaction.
 *
 * @remarks The port is what SQLite and D1 have in common. D1 has no interactive transaction (no read, decide,
 * write in one unit), only `batch`; so the store never holds a transaction across a decision: it reads, decides in
 * TypeScript, and writes in one guarded batch (see {@link createSqlStore}).
 */
export interface SqlDriver {
  run<T = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<T>>;
  /**
   * Runs the statements in order as one transaction: all or nothing.
   *
   * @param options.sync - default true: the commit is on disk when the promise settles (it survives a power cut).
   * false: it survives a kill of the process, and a power cut only once a later synced commit or checkpoint has
   * run (SQLite: synchronous=NORMAL for this transaction, no disk sync; D1 commits as always).
   */
  batch(statements: readonly SqlStatement[], options?: { sync?: boolean }): Promise<SqlResult[]>;
}

export interface SqlStoreOptions {
  /**
   * Write the question log in batches: one transaction per this many ms (or per 100 questions) instead of one per
   * question. Default 0: each question is written when it is recorded (D1: an isolate may end after the response).
   */
  questionBatchMs?: number;
  /**
   * Where the question log's batches are committed instead of through the store's driver (Node: a thread of its own,
   * sqlite-log-thread.ts, so the server thread does not pay for the inserts). Committed without a disk sync, as
   * the driver's `batch(…, { sync: false })`.
   */
  questionLog?: QuestionLogWriter;
}

/** Commits batches of the question log somewhere else than the store's driver, in the order they are given. */
export interface QuestionLogWriter {
  write(statements: readonly SqlStatement[]): Promise<void>;
  /** Waits for what was given, then lets go of the connection. */
  close(): Promise<void>;
}

/** The store over a driver, with the question-log buffer's flush. */
export interface SqlStore extends Store {
  /** Writes the buffered question log now (without {@link SqlStoreOptions.questionBatchMs}, nothing is buffered). */
  flush(): Promise<void>;
}

/** An entry's fields as stored (the shape the bulk statements read with json_extract). */
function toRowValues(entry: FaqEntry) {
  return {
    id: entry.id,
    question: entry.question,
    key: questionKey(entry.question),
    alternatives: JSON.stringify(entry.alternatives),
    answer: entry.answer,
    link: entry.link,
    tags: JSON.stringify(entry.tags),
    enabled: entry.enabled ? 1 : 0,
    hot: entry.hot ? 1 : 0,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    version: entry.version,
  };
}

/** The entry an input makes of `base` (a new entry when `base` is null). */
function applyInput(base: FaqEntry | null, input: FaqInput, now: string): FaqEntry {
  return {
    id: base?.id ?? 0,
    question: input.question,
    alternatives: [...input.alternatives],
    answer: input.answer,
    link: input.link,
    tags: [...input.tags],
    enabled: input.enabled,
    hot: input.hot,
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
    version: base ? base.version + 1 : 1,
  };
}

/** One audit record to write; `id` 0 means "the entry created in this unit with `key`". */
interface PlannedAudit {
  at: string;
  actor: Actor;
  action: AuditRecord['action'];
  id: number;
  key: string;
  before: FaqEntry | null;
  after: FaqEntry | null;
}

/**
 * What a plan was decided on, and must still hold when its batch runs: the entry it read still has that version
 * (an edit or delete), or the FAQ is still at that revision (an import, which reads every entry). None: a create.
 */
type PlanGuard = { kind: 'none' } | { kind: 'entry'; id: number; version: number } | { kind: 'revision'; revision: number };

/** The FAQ writes of one store call, applied in one batch. */
interface FaqPlan {
  guard: PlanGuard;
  /** New entries (id 0), in order; each has a question key no other new entry of the plan has. */
  creates: FaqEntry[];
  /** Entries as they must be after the unit (existing ids). */
  updates: FaqEntry[];
  deletes: number[];
  audits: PlannedAudit[];
  /** How much the revision grows: one per changed entry. */
  changes: number;
}

/** Thrown when another writer changed the FAQ between a plan's read and its batch, too many times in a row. */
export class FaqBusyError extends Error {
  override name = 'FaqBusyError';
}

/** How many times a write is recomputed when another writer changed the FAQ meanwhile. */
const MAX_ATTEMPTS = 8;

/**
 * Largest JSON text bound to one bulk statement, in characters. D1 refuses a string over 2,000,000 bytes; Chinese
 * text is 3 bytes a character in UTF-8.
 */
const MAX_PARAM_CHARS = 300_000;

/** Splits rows into JSON arrays of at most {@link MAX_PARAM_CHARS} characters each (a larger single row stays alone). */
function chunkJson(rows: unknown[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (current.length > 0 && size + text.length + 1 > MAX_PARAM_CHARS) {
      out.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += text.length + 1;
  }
  if (current.length > 0) out.push(`[${current.join(',')}]`);
  return out;
}

/**
 * True while the plan's guard holds: the FAQ revision is still ?1 (unless NULL) and entry ?3 still has version ?4
 * (unless NULL). Every statement of a plan's batch binds ?1 the revision, ?2 its own data, ?3 and ?4 the entry.
 */
const GUARD = `(?1 IS NULL OR EXISTS (SELECT 1 FROM store_state s WHERE s.key = 'faq_revision' AND s.value = ?1))
  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM faq_entries g WHERE g.id = ?3 AND g.version = ?4))`;
const FIELD = (name: string) => `json_extract(j.value, '$.${name}')`;

// The bare `question` of an unanswered group comes from the row holding the max() (SQLite's documented min/max
// rule; D1 is SQLite): the latest wording of the group, the last logged one among questions asked in the same
// millisecond. With several max() aggregates the last one decides, so `latest` comes last. `faq_latest` is
// `<time>#<id>` of the latest rated FAQ answer: the entry whose answer got 没帮助 most recently.
const UNANSWERED_EVENTS = `WITH events AS (
    SELECT question_key AS key, question, asked_at AS at, rowid AS seq, 1 AS unanswered, 0 AS not_helpful, NULL AS faq_id
    FROM questions WHERE matched = 'none' AND asked_at >= ?1
    UNION ALL
    SELECT q.question_key, q.question, f.created_at, q.rowid, 0, 1, q.faq_id
    FROM feedback f JOIN questions q ON q.id = f.answer_id
    WHERE f.helpful = 0 AND f.created_at >= ?1
  ),
  groups AS (
    SELECT key, question, max(at) AS last_at, sum(unanswered) AS unanswered, sum(not_helpful) AS not_helpful,
           max(CASE WHEN faq_id IS NOT NULL THEN at || printf('#%d', faq_id) END) AS faq_latest,
           max(at || printf('#%012d', seq)) AS latest
    FROM events GROUP BY key
  )`;

const SQL = {
  revision: "SELECT value FROM store_state WHERE key = 'faq_revision'",
  listAll: 'SELECT * FROM faq_entries ORDER BY updated_at DESC, id DESC',
  listEnabled: 'SELECT * FROM faq_entries WHERE enabled = 1 ORDER BY id',
  listById: 'SELECT * FROM faq_entries ORDER BY id',
  get: 'SELECT * FROM faq_entries WHERE id = ?1',
  create: `INSERT INTO faq_entries (question, question_key, alternatives, answer, link, tags, enabled, hot, created_at, updated_at, version)
    SELECT ${['question', 'key', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot', 'createdAt', 'updatedAt', 'version'].map(FIELD).join(', ')}
    FROM json_each(?2) j WHERE ${GUARD} ORDER BY j.key
    RETURNING id, question_key`,
  update: `UPDATE faq_entries SET (question, question_key, alternatives, answer, link, tags, enabled, hot, updated_at, version) =
      (SELECT ${['question', 'key', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot', 'updatedAt', 'version'].map(FIELD).join(', ')}
       FROM json_each(?2) j WHERE ${FIELD('id')} = faq_entries.id)
    WHERE id IN (SELECT ${FIELD('id')} FROM json_each(?2) j) AND ${GUARD}`,
  remove: `DELETE FROM faq_entries WHERE id IN (SELECT j.value FROM json_each(?2) j) AND ${GUARD}`,
  // An entry created in the same batch is found by its question key: the newest entry with that key (AUTOINCREMENT).
  audit: `WITH a AS (
      SELECT j.key AS n, j.value AS v,
        CASE WHEN ${FIELD('id')} > 0 THEN ${FIELD('id')}
             ELSE (SELECT max(f.id) FROM faq_entries f WHERE f.question_key = ${FIELD('key')}) END AS id
      FROM json_each(?2) j
    )
    INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json)
    SELECT json_extract(v, '$.at'), json_extract(v, '$.actor'), json_extract(v, '$.action'), 'faq', id,
      CASE WHEN json_type(v, '$.before') = 'object' THEN json_set(json_extract(v, '$.before'), '$.id', id) END,
      CASE WHEN json_type(v, '$.after') = 'object' THEN json_set(json_extract(v, '$.after'), '$.id', id) END
    FROM a WHERE ${GUARD} ORDER BY n`,
  bump: `UPDATE store_state SET value = value + ?2 WHERE key = 'faq_revision' AND ${GUARD}`,
  record: `INSERT OR IGNORE INTO questions (id, question, question_key, matched, faq_id, passage, asked_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
  feedback: `INSERT INTO feedback (answer_id, helpful, comment, created_at)
    SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?1)
    ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, created_at = excluded.created_at
    RETURNING id`,
  // ?2: 1 for helpful only, 0 for not helpful only, NULL for all.
  listFeedback: `SELECT f.id, f.answer_id, f.helpful, f.comment, f.created_at, q.question, q.matched, q.faq_id
    FROM feedback f LEFT JOIN questions q ON q.id = f.answer_id
    WHERE ?2 IS NULL OR f.helpful = ?2 ORDER BY f.created_at DESC, f.id DESC LIMIT ?1`,
  // The FAQ's history: the site data's changes (entity aliases/synonyms/site) have their own list.
  listAudit: "SELECT * FROM audit_log WHERE entity = 'faq' ORDER BY id DESC LIMIT ?1",
  settingsAudit: `INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json)
    VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)`,
  listSettingsAudit: "SELECT * FROM audit_log WHERE entity IN ('aliases', 'synonyms', 'site') ORDER BY id DESC LIMIT ?1",
  // Two statements, not `?2 IS NULL OR …`: SQLite plans a statement once, and only this one can use audit_log_entity.
  listEntityAudit: "SELECT * FROM audit_log WHERE entity = 'faq' AND entity_id = ?2 ORDER BY id DESC LIMIT ?1",
  // The page and, in the same pass, the number of groups (a window over all groups, computed before LIMIT).
  unansweredByCount: `${UNANSWERED_EVENTS}
    SELECT g.*, count(*) OVER () AS total FROM groups g ORDER BY (unanswered + not_helpful) DESC, last_at DESC, key LIMIT ?2 OFFSET ?3`,
  unansweredByRecency: `${UNANSWERED_EVENTS}
    SELECT g.*, count(*) OVER () AS total FROM groups g ORDER BY last_at DESC, key LIMIT ?2 OFFSET ?3`,
  // Only for a page past the end, which has no row to carry the total.
  unansweredCount: `${UNANSWERED_EVENTS} SELECT count(*) AS total FROM groups`,
  days: `SELECT date(asked_at, ?2) AS date, count(*) AS total, sum(matched = 'faq') AS faq,
      sum(matched = 'corpus') AS corpus, sum(matched = 'none') AS none
    FROM questions WHERE asked_at >= ?1 GROUP BY 1 ORDER BY 1`,
  ratings: `SELECT coalesce(sum(helpful = 1), 0) AS helpful, coalesce(sum(helpful = 0), 0) AS notHelpful
    FROM feedback WHERE created_at >= ?1`,
  topQuestions: `SELECT question, count(*) AS count, max(asked_at) AS last_at FROM questions WHERE asked_at >= ?1
    GROUP BY question_key ORDER BY count DESC, last_at DESC LIMIT ?2`,
  purgeQuestions: 'DELETE FROM questions WHERE asked_at < ?1',
  purgeFeedback: 'DELETE FROM feedback WHERE created_at < ?1',
} as const;

const sql = (text: string, ...params: SqlValue[]): SqlStatement => ({ sql: text, params });

/**
 * The Store over a SQL database with the migrations in `migrations/` applied.
 *
 * @remarks Each FAQ write reads what it needs, decides in TypeScript (not found, version conflict, unchanged, import
 * create/update), and applies the outcome in one batch (row changes, audit records and the revision bump: all or
 * nothing). Every statement of that batch is guarded by what the decision read (the entry's version for an edit or
 * delete, the FAQ revision for an import, which reads every entry); when another writer (another Worker isolate, or
 * another request between the read and the batch) wrote it in between, the batch changes nothing and the write is
 * recomputed from a fresh read (optimistic concurrency): concurrent edits serialize, and edits of different entries
 * never wait for each other. Bulk rows travel as JSON parameters read with `json_each`, so an import of hundreds of
 * entries is a handful of statements (D1 counts statements per invocation).
 * @throws FaqBusyError when other writers kept winning the race {@link MAX_ATTEMPTS} times in a row.
 */
export function createSqlStore(driver: SqlDriver, options: SqlStoreOptions = {}): SqlStore {
  const nowIso = () => new Date().toISOString();
  const rows = async <T>(statement: SqlStatement) => (await driver.run<T>(statement)).rows;
  const readRow = async (id: number) => (await rows<FaqRow>(sql(SQL.get, id)))[0];

  /**
   * Applies a plan; returns the ids of created entries by question key, or null when its guard no longer held (the
   * batch then changed nothing).
   */
  const commit = async (plan: FaqPlan): Promise<Map<string, number> | null> => {
    const { guard } = plan;
    const revision = guard.kind === 'revision' ? guard.revision : null;
    const [id, version] = guard.kind === 'entry' ? [guard.id, guard.version] : [null, null];
    const statement = (text: string, data: SqlValue) => sql(text, revision, data, id, version);
    const creates = chunkJson(plan.creates.map(toRowValues)).map((json) => statement(SQL.create, json));
    const updates = chunkJson(plan.updates.map(toRowValues)).map((json) => statement(SQL.update, json));
    const deletes = plan.deletes.length > 0 ? [statement(SQL.remove, JSON.stringify(plan.deletes))] : [];
    const audits = chunkJson(plan.audits).map((json) => statement(SQL.audit, json));
    const bump = statement(SQL.bump, plan.changes);
    // The statement that invalidates the guard goes last, so that every statement before it sees the guard hold:
    // the entry's own change for an entry guard, the revision bump otherwise. Audits come after the creates (they
    // find new entries' ids by question key).
    const statements =
      guard.kind === 'entry' ? [...creates, ...audits, bump, ...updates, ...deletes] : [...creates, ...updates, ...deletes, ...audits, bump];
    const results = await driver.batch(statements);
    // Unguarded (a create), the batch cannot be refused: never retried, so never applied twice.
    if (guard.kind !== 'none' && results[results.length - 1]!.changes === 0) return null;
    const ids = new Map<string, number>();
    for (const result of results.slice(0, creates.length)) {
      for (const row of result.rows as Array<{ id: number; question_key: string }>) ids.set(row.question_key, row.id);
    }
    return ids;
  };

  /** Computes a plan from a fresh read and commits it, again while another writer got there first. */
  const write = async <T>(attempt: () => Promise<{ plan: FaqPlan | null; finish: (ids: Map<string, number>) => T }>): Promise<T> => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const { plan, finish } = await attempt();
      if (!plan) return finish(new Map());
      const ids = await commit(plan);
      if (ids) return finish(ids);
    }
    throw new FaqBusyError(`the FAQ kept changing during this write (${MAX_ATTEMPTS} attempts): try again`);
  };

  const withId = (entry: FaqEntry, ids: Map<string, number>): FaqEntry =>
    entry.id > 0 ? entry : { ...entry, id: ids.get(questionKey(entry.question)) ?? 0 };

  // The question log may be written in batches: one transaction per interval or 100 questions instead of one per
  // question, committed without a disk sync (`sync: false`): a kill of the process loses at most the last interval
  // of the log, a power cut also what was committed since the last synced write; staff writes (FAQ, feedback) still
  // commit one by one, each synced. Reads and writes that involve the log flush first, so nothing reads around the
  // buffer and no feedback arrives before the question it rates.
  const batchMs = options.questionBatchMs ?? 0;
  const pending: QuestionRecord[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const recordStatement = (r: QuestionRecord) => sql(SQL.record, r.id, r.question, questionKey(r.question), r.matched, r.faqId, r.passage, r.askedAt);
  const commitLog = async (statements: SqlStatement[]) => {
    if (options.questionLog) await options.questionLog.write(statements);
    else await driver.batch(statements, { sync: false });
  };
  // Every log write still under way (a batch in the log thread, a D1 write finishing after the answer): a flush waits
  // for all of them, so that a read or a feedback row after it finds every question logged so far.
  let lastCommit: Promise<void> = Promise.resolve();
  const track = (writing: Promise<unknown>) => {
    lastCommit = Promise.all([lastCommit, writing.catch(() => undefined)]).then(() => undefined);
  };
  const flush = async () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (pending.length > 0) {
      const committing = commitLog(pending.splice(0).map(recordStatement));
      track(committing);
      await committing; // its failure is the caller's
    }
    await lastCommit;
  };

  const unansweredPage = async ({ since, limit, sort = 'count', offset = 0 }: UnansweredQuery): Promise<UnansweredPage> => {
    await flush();
    type Row = { key: string; question: string; last_at: string; unanswered: number; not_helpful: number; faq_latest: string | null; total: number };
    const found = await rows<Row>(sql(sort === 'recent' ? SQL.unansweredByRecency : SQL.unansweredByCount, since, limit, offset));
    const total = found[0]?.total ?? (offset > 0 ? ((await rows<{ total: number }>(sql(SQL.unansweredCount, since)))[0]?.total ?? 0) : 0);
    const groups = found.map(
      (r): UnansweredGroup => ({
        key: r.key,
        question: r.question,
        unanswered: r.unanswered,
        notHelpful: r.not_helpful,
        total: r.unanswered + r.not_helpful,
        lastAskedAt: r.last_at,
        faqId: r.faq_latest ? Number(r.faq_latest.slice(r.faq_latest.lastIndexOf('#') + 1)) : null,
      }),
    );
    return { groups, total };
  };

  return {
    ...createInquiryMethods(driver),
    flush,
    async faqRevision() {
      return (await rows<{ value: number }>(sql(SQL.revision)))[0]?.value ?? 0;
    },
    async listFaq(options = {}) {
      return (await rows<FaqRow>(sql(options.enabledOnly ? SQL.listEnabled : SQL.listAll))).map(toEntry);
    },
    async getFaq(id) {
      const row = await readRow(id);
      return row ? toEntry(row) : null;
    },
    async createFaq(input, actor, now = nowIso()) {
      // A create depends on nothing it read, so it needs no revision guard.
      const entry = applyInput(null, input, now);
      const key = questionKey(entry.question);
      return write(async () => ({
        plan: {
          guard: { kind: 'none' },
          creates: [entry],
          updates: [],
          deletes: [],
          audits: [{ at: now, actor, action: 'create', id: 0, key, before: null, after: entry }],
          changes: 1,
        },
        finish: (ids) => withId(entry, ids),
      }));
    },
    async updateFaq(id, input, expectedVersion, actor, now = nowIso()): Promise<FaqUpdateResult> {
      return write(async () => {
        const row = await readRow(id);
        const done = (result: FaqUpdateResult) => ({ plan: null, finish: () => result });
        if (!row) return done({ status: 'not-found' });
        const before = toEntry(row);
        if (before.version !== expectedVersion) return done({ status: 'conflict', current: before });
        if (sameFaqContent(before, input)) return done({ status: 'updated', entry: before });
        const after = applyInput(before, input, now);
        return {
          plan: {
            guard: { kind: 'entry', id, version: before.version },
            creates: [],
            updates: [after],
            deletes: [],
            audits: [{ at: now, actor, action: 'update', id, key: questionKey(after.question), before, after }],
            changes: 1,
          },
          finish: (): FaqUpdateResult => ({ status: 'updated', entry: after }),
        };
      });
    },
    async deleteFaq(id, actor, expectedVersion): Promise<FaqDeleteResult> {
      const now = nowIso();
      return write(async () => {
        const row = await readRow(id);
        const done = (result: FaqDeleteResult) => ({ plan: null, finish: () => result });
        if (!row) return done({ status: 'not-found' });
        const before = toEntry(row);
        if (expectedVersion !== undefined && before.version !== expectedVersion) return done({ status: 'conflict', current: before });
        return {
          plan: {
            guard: { kind: 'entry', id, version: before.version },
            creates: [],
            updates: [],
            deletes: [id],
            audits: [{ at: now, actor, action: 'delete', id, key: row.question_key, before, after: null }],
            changes: 1,
          },
          finish: (): FaqDeleteResult => ({ status: 'deleted', entry: before }),
        };
      });
    },
    async importFaq(inputs, actor, now = nowIso()): Promise<FaqImportOutcome[]> {
      return write(async () => {
        // One batch: the revision and the entries are read from the same state.
        const [rev, all] = await driver.batch([sql(SQL.revision), sql(SQL.listById)]);
        const revision = (rev!.rows[0] as { value: number }).value;
        // The entry each key names: the oldest entry with that key.
        const byKey = new Map<string, { entry: FaqEntry; created: boolean }>();
        for (const row of all!.rows as unknown as FaqRow[]) {
          if (!byKey.has(row.question_key)) byKey.set(row.question_key, { entry: toEntry(row), created: false });
        }
        const outcomes: FaqImportOutcome[] = [];
        const audits: PlannedAudit[] = [];
        const touched = new Set<{ entry: FaqEntry; created: boolean }>();
        for (const input of inputs) {
          const key = questionKey(input.question);
          const current = byKey.get(key);
          if (!current) {
            const entry = applyInput(null, input, now);
            const state = { entry, created: true };
            byKey.set(key, state);
            touched.add(state);
            audits.push({ at: now, actor, action: 'import', id: 0, key, before: null, after: entry });
            outcomes.push({ status: 'created', entry });
          } else if (sameFaqContent(current.entry, input)) {
            outcomes.push({ status: 'unchanged', entry: current.entry });
          } else {
            const after = applyInput(current.entry, input, now);
            audits.push({ at: now, actor, action: 'import', id: current.entry.id, key, before: current.entry, after });
            current.entry = after;
            touched.add(current);
            outcomes.push({ status: 'updated', entry: after });
          }
        }
        const states = [...touched];
        return {
          plan:
            audits.length === 0
              ? null
              : {
                  guard: { kind: 'revision', revision },
                  // An entry created and then updated by a later row is inserted as it ends up (at version 2); its
                  // audit records still show each step.
                  creates: states.filter((s) => s.created).map((s) => s.entry),
                  updates: states.filter((s) => !s.created).map((s) => s.entry),
                  deletes: [],
                  audits,
                  changes: audits.length,
                },
          finish: (ids) => outcomes.map((o) => ({ status: o.status, entry: withId(o.entry, ids) })),
        };
      });
    },
    async recordQuestion(record: QuestionRecord) {
      if (batchMs <= 0 || closed) {
        // Unbatched (D1), the write may finish after the answer (Workers' waitUntil): a flush still waits for it.
        const writing = driver.run(recordStatement(record));
        track(writing);
        await writing;
        return;
      }
      pending.push(record);
      if (pending.length >= 100) await flush();
      else if (!flushTimer) {
        flushTimer = setTimeout(() => void flush().catch(() => undefined), batchMs);
        (flushTimer as { unref?: () => void }).unref?.();
      }
    },
    async addFeedback(input) {
      await flush();
      const row = (await rows<{ id: number }>(sql(SQL.feedback, input.answerId, input.helpful ? 1 : 0, input.comment, input.at)))[0];
      return row ? { id: row.id } : null;
    },
    async listFeedback({ limit, helpful }) {
      await flush();
      const found = await rows<{
        id: number;
        answer_id: string;
        helpful: number;
        comment: string | null;
        created_at: string;
        question: string | null;
        matched: MatchKind | null;
        faq_id: number | null;
      }>(sql(SQL.listFeedback, limit, helpful === undefined ? null : helpful ? 1 : 0));
      return found.map(
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
      const found = await rows<{
        id: number;
        at: string;
        actor: string;
        action: AuditRecord['action'];
        entity_id: number;
        before_json: string | null;
        after_json: string | null;
      }>(entityId === undefined ? sql(SQL.listAudit, limit) : sql(SQL.listEntityAudit, limit, entityId));
      return found.map(
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
    async recordSettingsChange(change) {
      await driver.run(
        sql(SQL.settingsAudit, change.at, change.actor, change.action, change.kind, JSON.stringify(change.before), JSON.stringify(change.after)),
      );
    },
    async listSettingsAudit({ limit }) {
      const found = await rows<{ id: number; at: string; actor: string; action: 'update' | 'delete'; entity: SettingsKind; before_json: string | null; after_json: string | null }>(
        sql(SQL.listSettingsAudit, limit),
      );
      const text = (json: string | null) => (json === null ? null : (JSON.parse(json) as string | null));
      return found.map((r): SettingsAuditRecord => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, kind: r.entity, before: text(r.before_json), after: text(r.after_json) }));
    },
    async unanswered(query) {
      return (await unansweredPage(query)).groups;
    },
    unansweredPage,
    async overview({ since, utcOffsetMinutes, top }): Promise<Overview> {
      await flush();
      const offset = `${utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(Math.trunc(utcOffsetMinutes))} minutes`;
      // One batch: the three reads see the same database state.
      const [days, feedback, topQuestions] = await driver.batch([sql(SQL.days, since, offset), sql(SQL.ratings, since), sql(SQL.topQuestions, since, top)]);
      const daily = days!.rows as unknown as Array<{ date: string; total: number; faq: number; corpus: number; none: number }>;
      const totals = { total: 0, faq: 0, corpus: 0, none: 0 };
      for (const d of daily) {
        totals.total += d.total;
        totals.faq += d.faq;
        totals.corpus += d.corpus;
        totals.none += d.none;
      }
      const rated = feedback!.rows[0] as { helpful: number; notHelpful: number };
      return {
        since,
        days: fillDays(daily, since, nowIso(), utcOffsetMinutes),
        totals,
        feedback: { helpful: rated.helpful, notHelpful: rated.notHelpful },
        topQuestions: (topQuestions!.rows as unknown as Array<{ question: string; count: number }>).map((q) => ({ question: q.question, count: q.count })),
      };
    },
    async purge(before) {
      await flush();
      const [questions, feedback] = await driver.batch([sql(SQL.purgeQuestions, before), sql(SQL.purgeFeedback, before)]);
      return { questions: questions!.changes, feedback: feedback!.changes };
    },
    async close() {
      try {
        await flush();
      } finally {
        closed = true;
        await options.questionLog?.close();
      }
    },
  };
}
