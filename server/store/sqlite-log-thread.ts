// Owns committing the question log from a thread of its own (sql-store.ts QuestionLogWriter): its inserts, about
// 25 µs of SQLite work per question with the table's four indexes, leave the thread that answers (BENCHMARKS.md,
// "Throughput against the floor"). Node only: worker_threads and better-sqlite3.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { QuestionLogWriter, SqlDriver, SqlStatement } from './sql-store.js';

/**
 * The thread's program, plain JavaScript evaluated in the worker (no build step, the same under tsx, the tests and
 * the compiled server): a second connection to the same database, which WAL mode lets write beside the server's own
 * (the two wait for each other through busy_timeout), running each batch as one transaction under
 * synchronous=NORMAL, as sqlite-store.ts's driver does for the log. Parameters `?N` are bound by number, as there.
 */
const THREAD_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
const prepared = new Map();
const commit = db.transaction((statements) => {
  for (const s of statements) {
    let statement = prepared.get(s.sql);
    if (!statement) prepared.set(s.sql, (statement = db.prepare(s.sql)));
    statement.run(Object.fromEntries(s.params.map((value, i) => [i + 1, value])));
  }
});
parentPort.on('message', (m) => {
  if (m.close) { db.close(); parentPort.postMessage({ id: m.id }); return; }
  try { commit(m.statements); parentPort.postMessage({ id: m.id }); }
  catch (error) { parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) }); }
});
`;

const requireHere = createRequire(import.meta.url);

/**
 * Starts the thread over the database at `path`. If the thread cannot start or dies, the batches it had not
 * confirmed and all later ones are committed through `fallback` (the server's own connection): the log goes on.
 */
export function startQuestionLogThread(path: string, busyTimeoutMs: number, fallback: SqlDriver): QuestionLogWriter {
  let worker: Worker | null = new Worker(THREAD_PROGRAM, {
    eval: true,
    workerData: { path, driver: requireHere.resolve('better-sqlite3'), busyTimeoutMs },
  });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void; statements?: readonly SqlStatement[] }>();
  let next = 0;
  // The thread keeps the process alive only while it has work: a store left open never holds a CLI or a test.
  worker.unref();
  // A batch the thread could not commit, or had not confirmed when it died, goes through the fallback: the log's
  // inserts are INSERT OR IGNORE by answer id, so rows the thread did commit are not written twice.
  const settle = (id: number, error?: string) => {
    const waiter = waiting.get(id);
    if (!waiter) return;
    waiting.delete(id);
    if (waiting.size === 0) worker?.unref();
    if (!error || !waiter.statements) return waiter.resolve();
    fallback.batch(waiter.statements, { sync: false }).then(
      () => waiter.resolve(),
      (again: Error) => waiter.reject(new Error(`the question log could not be written (${error}): ${again.message}`)),
    );
  };
  const lost = (reason: string) => {
    worker = null;
    for (const id of [...waiting.keys()]) settle(id, reason);
  };
  worker.on('message', (m: { id: number; error?: string }) => settle(m.id, m.error));
  worker.on('error', (error) => lost(error.message));
  worker.on('exit', (code) => lost(`its thread ended (exit code ${code})`));
  const send = (message: { statements?: readonly SqlStatement[]; close?: true }) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject, ...(message.statements ? { statements: message.statements } : {}) });
      worker!.ref();
      worker!.postMessage({ id, ...message });
    });
  return {
    async write(statements) {
      if (!worker) {
        await fallback.batch(statements, { sync: false });
        return;
      }
      await send({ statements });
    },
    async close() {
      if (!worker) return;
      const closing = worker;
      await send({ close: true }).catch(() => undefined);
      await closing.terminate();
    },
  };
}
