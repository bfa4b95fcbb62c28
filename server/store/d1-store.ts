// Owns the Store on Cloudflare D1 (Workers): the shared statements of sql-store.ts run through D1's API, over the same
// migration files as SQLite on Node; runtime-neutral: imports no node:*, hono or Cloudflare packages (the few D1
// types it uses are declared here).
import { createSqlStore, type SqlDriver, type SqlResult, type SqlStatement, type SqlStore, type SqlValue } from './sql-store.js';

export { FaqBusyError } from './sql-store.js';

/** A value D1 binds to a `?N` parameter. */
export type D1Value = SqlValue;

/** What D1 returns for a statement (the subset this module reads). */
export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: { changes?: number; duration?: number; [key: string]: unknown };
}

/** A prepared D1 statement (the subset this module uses of `@cloudflare/workers-types`). */
export interface D1PreparedStatement {
  bind(...values: D1Value[]): D1PreparedStatement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

/** The D1 binding (`env.DB`). `batch` runs its statements in order as one transaction: all or nothing. */
export interface D1Database {
  prepare(query: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<Array<D1Result<T>>>;
}

/** The driver port over a D1 binding: `?N` parameters are D1's own; a batch is `db.batch`. */
export function d1Driver(db: D1Database): SqlDriver {
  const prepare = (s: SqlStatement) => (s.params.length > 0 ? db.prepare(s.sql).bind(...s.params) : db.prepare(s.sql));
  const result = <T>(r: D1Result<T>): SqlResult<T> => ({ rows: r.results ?? [], changes: r.meta.changes ?? 0 });
  return {
    run: async <T>(statement: SqlStatement) => result(await prepare(statement).all<T>()),
    batch: async (statements) => (await db.batch(statements.map(prepare))).map(result),
  };
}

/** The D1 store, with its binding for the tests. */
export interface D1Store extends SqlStore {
  readonly db: D1Database;
}

/**
 * The Store on a D1 database with the migrations in `migrations/` applied (`wrangler d1 migrations apply`).
 *
 * @remarks The question log is written per question (an isolate may be gone after its response); the Worker puts
 * its per-isolate FAQ revision cache in front (server/store/faq-revision-cache.ts).
 */
export function createD1Store(db: D1Database): D1Store {
  return { ...createSqlStore(d1Driver(db)), db };
}
