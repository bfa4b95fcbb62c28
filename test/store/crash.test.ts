import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import { tempDataDir } from '../helpers/staff.js';

// `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL to it would orphan.
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;

/** Runs the writer until it has acknowledged at least `writes` writes, then kills it with SIGKILL mid-write. */
function writeThenKill(dataDir: string, round: number, writes: number) {
  return new Promise<{ created: Map<number, string>; updated: Map<number, number>; logged: string[]; signal: NodeJS.Signals | null }>((done, fail) => {
    const [node, ...flags] = NODE_WITH_TSX;
    const child = spawn(node, [...flags, 'test/store/crash-writer.ts', dataDir, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const created = new Map<number, string>();
    const updated = new Map<number, number>();
    const logged: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [kind, id, rest] = line.split(' ', 3);
        if (kind === 'c') created.set(Number(id), rest!);
        if (kind === 'u') updated.set(Number(id), Number(rest));
        if (kind === 'q') logged.push(id!);
      }
      if (!killed && created.size >= writes) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (!killed) fail(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else done({ created, updated, logged, signal });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged FAQ write and every flushed question-log row when the writer is killed with SIGKILL mid-way, and opens cleanly', async () => {
    const dataDir = tempDataDir();
    const acknowledged = new Map<number, string>();
    const loggedIds: string[] = [];
    const versions = new Map<number, number>();
    for (let round = 0; round < 3; round++) {
      const { created, updated, logged, signal } = await writeThenKill(dataDir, round, 150 + round * 37);
      expect(signal).toBe('SIGKILL');
      loggedIds.push(...logged);
      for (const [id, q] of created) acknowledged.set(id, q);
      for (const [id, v] of updated) versions.set(id, v);

      const raw = new Database(resolve(dataDir, 'qa-robot.sqlite'));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      const store = openSqliteStore({ dataDir });
      const rows = new Map((await store.listFaq()).map((e) => [e.id, e]));
      const missing = [...acknowledged].filter(([id, q]) => rows.get(id)?.question !== q);
      expect(missing).toEqual([]);
      const stale = [...versions].filter(([id, v]) => (rows.get(id)?.version ?? 0) < v);
      expect(stale).toEqual([]);
      // The question log's batches commit without a disk sync (synchronous=NORMAL): a kill of the process loses none.
      const stored = new Set(store.db.prepare('SELECT id FROM questions').pluck().all() as string[]);
      expect(loggedIds.length).toBeGreaterThan(0);
      expect(loggedIds.filter((id) => !stored.has(id))).toEqual([]);
      // Every stored entry has its audit record: the write and its audit are one transaction.
      const audited = store.db.prepare("SELECT count(DISTINCT entity_id) FROM audit_log WHERE action = 'create'").pluck().get();
      expect(audited).toBe(rows.size);
      await store.close();
    }
  }, 120_000);
});
