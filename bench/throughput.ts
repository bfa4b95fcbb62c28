// Owns the server throughput benchmark: requests per second of POST /api/ask against GET /healthz on the same
// server in the same run, in alternating rounds, for each runtime target (Node now; the Worker plugs in the same way).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { COMPILED_SERVER, compileServer, lastErrorLine } from './child.js';
import { median, medianRatio, rotate } from './stats.js';

/** A server under test, started by the bench (or given by URL), and how to stop it. */
export interface RunningServer {
  url: string;
  /** Process id of the server, when the bench started it (for memory sampling). */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * A runtime to measure. `start` resolves to a running server, or to the reason the row cannot be measured
 * (「worker: not built yet」), which the table prints instead of figures.
 */
export interface ThroughputTarget {
  name: string;
  /** The floor (bench/floor-server.ts): every row's `askVsFloor` is measured against it, round by round. */
  floor?: boolean;
  start(): Promise<RunningServer | { unavailable: string }>;
}

export interface ThroughputRow {
  name: string;
  unavailable?: string;
  askRps?: number[];
  healthRps?: number[];
  /** Median over pairs of ask requests/s divided by healthz requests/s of the round just after. */
  ratio?: number;
  /** Median over rounds of ask requests/s divided by the first target's in the same round (1 for the first). */
  askVsFirst?: number;
  /** Median over rounds of ask requests/s divided by the floor target's in the same round, when one ran. */
  askVsFloor?: number;
  askP99Ms?: number;
  healthP99Ms?: number;
  errors?: { ask: number; health: number };
  connections?: number;
  secondsPerRound?: number;
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `url` until it answers 200, the process exits, or `timeoutMs` passes. */
async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output().slice(-1500)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} after ${timeoutMs / 1000} s: ${output().slice(-1500)}`);
}

/** Stops a process the bench started (its own process group when it was started detached). */
function stopProcess(child: ChildProcess, group: boolean): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.pid === undefined) {
      resolveStop();
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (group) process.kill(-child.pid!, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    try {
      if (group) process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      clearTimeout(timer);
      resolveStop();
    }
  });
}

/**
 * The Node server as `npm start` runs it (compiled to `dist/server/runtime/node.js`, no tsx), over a given corpus and built index,
 * with the rate limit off and request logging at warn (one JSON line per answer would time the terminal too).
 *
 * @param options.serverFile - the compiled server to run instead of `npm start`'s (e.g. a copy of an earlier
 * checkout's `dist/`, to compare before and after in one run).
 * @param options.dataRoot - where its DATA_DIR (the SQLite database) is made; default the system's temporary folder,
 * which is on disk here. A tmpfs such as /dev/shm makes disk syncs free: the what-if of a question log that does
 * not sync on every answer.
 */
export function nodeTarget(
  corpusDir: string,
  indexDir: string,
  options: { name?: string; dataRoot?: string; nodeFlags?: string[]; serverFile?: string } = {},
): ThroughputTarget {
  return {
    name: options.name ?? 'Node (@hono/node-server)',
    async start() {
      const root = options.dataRoot ?? tmpdir();
      if (!existsSync(root)) return { unavailable: `${root} does not exist` };
      const port = await freePort();
      const dataDir = mkdtempSync(join(root, 'qa-bench-data-'));
      await compileServer();
      const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.serverFile ?? COMPILED_SERVER], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          CORPUS_DIR: corpusDir,
          INDEX_DIR: indexDir,
          DATA_DIR: dataDir,
          BUILD_ON_START: '0',
          RATE_LIMIT_PER_MINUTE: '0',
          LOG_LEVEL: 'warn',
          ADMIN_TOKEN: 'bench-admin-token-not-a-secret-0000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-4000)));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-4000)));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitUntilHealthy(`${url}/healthz`, child, 60_000, () => output);
      } catch (error) {
        await stopProcess(child, false);
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      return {
        url,
        ...(child.pid ? { pid: child.pid } : {}),
        stop: async () => {
          await stopProcess(child, false);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

/**
 * The stack's floor for an ask-shaped request (bench/floor-server.ts), compiled and run as the server is.
 */
export function floorTarget(options: { bodyFromIncoming?: boolean } = {}): ThroughputTarget {
  return {
    name: options.bodyFromIncoming
      ? 'Floor, body read as the robot reads it (from the IncomingMessage)'
      : 'Floor (Hono POST: JSON body in, 1 kB JSON + UUID out)',
    floor: !options.bodyFromIncoming,
    async start() {
      const [file] = await compileServer(['bench/floor-server.ts']);
      const port = await freePort();
      const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...(options.bodyFromIncoming ? { FLOOR_BODY: 'incoming' } : {}) };
      const child = spawn(process.execPath, [file!], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-4000)));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitUntilHealthy(`${url}/healthz`, child, 30_000, () => output);
      } catch (error) {
        await stopProcess(child, false);
        throw error;
      }
      return { url, ...(child.pid ? { pid: child.pid } : {}), stop: () => stopProcess(child, false) };
    },
  };
}

/**
 * The Worker under local workerd. `BENCH_WORKER_URL` points the bench at one already running; otherwise, once the
 * project has a `wrangler.toml`, the bench starts `wrangler dev` (local mode) itself; without one the row reads
 * 「not built yet」.
 */
export function workerTarget(): ThroughputTarget {
  return {
    name: 'Worker (wrangler dev, local workerd)',
    async start() {
      const given = process.env.BENCH_WORKER_URL;
      if (given) return { url: given.replace(/\/+$/, ''), stop: async () => {} };
      if (!existsSync('wrangler.toml')) return { unavailable: 'worker: not built yet (no wrangler.toml)' };
      const port = await freePort();
      // Local D1 state of its own, migrated as `npm run dev:worker` does, so the bench never touches .wrangler/.
      const state = mkdtempSync(join(tmpdir(), 'qa-bench-wrangler-'));
      const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
      const migrate = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (migrate.status !== 0) {
        rmSync(state, { recursive: true, force: true });
        const reason = `${migrate.stderr ?? ''}${migrate.stdout ?? ''}`.trim().split('\n').filter(Boolean).pop() ?? '';
        return { unavailable: `worker: local D1 migrations failed (${reason.slice(0, 160)})` };
      }
      const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state, '--log-level', 'error'];
      for (const v of ['RATE_LIMIT_PER_MINUTE:0', 'LOG_LEVEL:warn']) args.push('--var', v);
      const child = spawn('npx', args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let output = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-4000)));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-4000)));
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitUntilHealthy(`${url}/healthz`, child, 120_000, () => output);
      } catch (error) {
        await stopProcess(child, true);
        rmSync(state, { recursive: true, force: true });
        return { unavailable: `worker: did not start (${lastErrorLine(output) ?? (error as Error).message.split('\n')[0]!.slice(0, 160)})` };
      }
      return {
        url,
        stop: async () => {
          await stopProcess(child, true);
          rmSync(state, { recursive: true, force: true });
        },
      };
    },
  };
}

function requestsPerSecond(result: Result): number {
  return result.duration > 0 ? result.requests.total / result.duration : 0;
}

function failures(result: Result): number {
  return result.errors + result.timeouts + result.non2xx;
}

/** Load of POST /api/ask for `seconds`, cycling through `questions`. */
/**
 * A question made new to the server's memo of whole answers (server/http/ask-memo.ts) without changing what it asks:
 * the request's number written after it in ASCII and full-width question marks (binary). Not quite the same
 * question: 227 of the 245 fixture questions get the same answer so, the rest other related questions or, for a few
 * yes/no questions, another passage; what it measures is the cost of an answer worked out again.
 */
export function freshWording(question: string, n: number): string {
  return question + n.toString(2).replace(/0/g, '?').replace(/1/g, '？');
}

/** POST /api/ask of the questions in turn; `fresh`: each worded anew ({@link freshWording}), so no answer is remembered. */
export function askLoad(url: string, questions: readonly string[], seconds: number, connections: number, fresh = false): Promise<Result> {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/ask',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const n = next++;
          const question = questions[n % questions.length]!;
          return { ...request, body: JSON.stringify({ question: fresh ? freshWording(question, n) : question }) };
        },
      },
    ],
  });
}

/**
 * Measures targets side by side: all are started, then each round runs, for every target in an order rotated from
 * round to round, `seconds` of POST /api/ask then `seconds` of GET /healthz (after a 1 s warm-up of each).
 * A target that cannot start gets a row with the reason.
 *
 * @param questions - asked in turn (a realistic mix: answerable and out-of-scope fixture questions).
 */
export async function measureThroughput(
  targets: readonly ThroughputTarget[],
  questions: readonly string[],
  options: { rounds: number; seconds: number; connections: number; log: (line: string) => void; fresh?: boolean },
): Promise<ThroughputRow[]> {
  const running: Array<{ target: ThroughputTarget; server: RunningServer; ask: Result[]; health: Result[] }> = [];
  const rows = new Map<ThroughputTarget, ThroughputRow>();
  try {
    for (const target of targets) {
      let started: RunningServer | { unavailable: string };
      try {
        started = await target.start();
      } catch (error) {
        started = { unavailable: `did not start: ${(error as Error).message.split('\n')[0]!.slice(0, 160)}` };
      }
      if ('unavailable' in started) rows.set(target, { name: target.name, unavailable: started.unavailable });
      else running.push({ target, server: started, ask: [], health: [] });
    }
    const ask = (url: string, seconds: number) => askLoad(url, questions, seconds, options.connections, options.fresh);
    const health = (url: string, seconds: number) => autocannon({ url: `${url}/healthz`, connections: options.connections, duration: seconds });
    for (const r of running) {
      await ask(r.server.url, 1);
      await health(r.server.url, 1);
    }
    for (let round = 0; round < (running.length ? options.rounds : 0); round++) {
      for (const r of rotate(running, round)) {
        r.ask.push(await ask(r.server.url, options.seconds));
        r.health.push(await health(r.server.url, options.seconds));
      }
      options.log(
        `    round ${round + 1}: ${running
          .map((r) => `${r.target.name}: ask ${requestsPerSecond(r.ask[round]!).toFixed(0)}, healthz ${requestsPerSecond(r.health[round]!).toFixed(0)} req/s`)
          .join('; ')}`,
      );
    }
    const baseline = running[0]?.ask.map(requestsPerSecond) ?? [];
    const floor = running.find((r) => r.target.floor)?.ask.map(requestsPerSecond);
    for (const r of running) {
      const askRps = r.ask.map(requestsPerSecond);
      const healthRps = r.health.map(requestsPerSecond);
      rows.set(r.target, {
        name: r.target.name,
        askRps,
        healthRps,
        ratio: medianRatio(askRps, healthRps),
        askVsFirst: medianRatio(askRps, baseline),
        ...(floor ? { askVsFloor: medianRatio(askRps, floor) } : {}),
        askP99Ms: median(r.ask.map((x) => x.latency.p99)),
        healthP99Ms: median(r.health.map((x) => x.latency.p99)),
        errors: { ask: r.ask.reduce((sum, x) => sum + failures(x), 0), health: r.health.reduce((sum, x) => sum + failures(x), 0) },
        connections: options.connections,
        secondsPerRound: options.seconds,
      });
    }
  } finally {
    for (const r of running) await r.server.stop();
  }
  return targets.map((t) => rows.get(t)!);
}
