// Starts the Worker in local workerd (`wrangler dev`, no account needed) for tests, with its own local D1 state.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import type { D1Database } from '../../server/store/d1-store.js';

export interface RunningWorker {
  url: string;
  persistTo: string;
  stop(): Promise<void>;
}

const ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Applies the D1 migrations to a local state folder, as `npm run dev:worker` does. */
export function applyLocalMigrations(persistTo: string): void {
  if (!existsSync('migrations') || readdirSync('migrations').length === 0) return;
  const result = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'qa-robot', '--local', '--persist-to', persistTo], {
    env: ENV,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`d1 migrations failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * A real local D1 (workerd through wrangler's getPlatformProxy) with the migrations applied, in a new state folder;
 * `dispose` stops it.
 */
export async function openLocalD1(): Promise<{ db: D1Database; dispose: () => Promise<void> }> {
  const persistTo = mkdtempSync(join(tmpdir(), 'qa-d1-'));
  applyLocalMigrations(persistTo);
  // `--persist-to X` keeps its state in X/v3; getPlatformProxy takes that folder itself.
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(persistTo, 'v3') }, remoteBindings: false });
  return { db: proxy.env.DB, dispose: proxy.dispose };
}

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** Local state (D1) of an earlier Worker to run on: a restart, i.e. fresh isolates over the same database. */
  persistTo?: string;
  timeoutMs?: number;
}

/**
 * Runs `wrangler dev` on a free port and waits until it is ready (its [build] command builds what is stale first).
 *
 * @param vars - extra `--var` values (e.g. ADMIN_TOKEN for the staff API).
 */
export async function startWorker(vars: Record<string, string> = {}, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const timeoutMs = options.timeoutMs ?? 150_000;
  const persistTo = options.persistTo ?? mkdtempSync(join(tmpdir(), 'qa-wrangler-'));
  if (!options.persistTo) applyLocalMigrations(persistTo);
  const port = await freePort();
  const args = ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo, '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn('npx', args, { env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  // The first request loads the index into the isolate; wait until it answers.
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    persistTo,
    stop: async () => {
      child.removeAllListeners('exit');
      // Wait for the exit, so that a Worker restarted on the same local state finds the database free.
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}
