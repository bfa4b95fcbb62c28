// Load test (not in CI): 64 concurrent clients asking for 60 s against the Node server as `npm start` runs it, with
// the SQLite question log on disk; reports errors, throughput, latency and the server's memory over time.
// Run: `npx tsx bench/load.ts [--seconds 60] [--connections 64] [--heap-mb 128]`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIndex } from '../server/build/build-index.js';
import { readQuestions } from './fixtures.js';
import { askLoad, nodeTarget } from './throughput.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('--seconds', 60);
const connections = arg('--connections', 64);
// A capped heap makes "flat memory" testable: without a cap V8 grows its heap lazily under load, so resident memory
// rises whether or not anything leaks; with one, a leak ends in an out-of-memory crash and errors.
const heapMiB = arg('--heap-mb', 0);

/** Resident memory of a process, in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const indexDir = mkdtempSync(join(tmpdir(), 'qa-load-index-'));
buildIndex({ corpusDir: resolve('corpus'), outDir: indexDir });
const server = await nodeTarget(resolve('corpus'), indexDir, heapMiB > 0 ? { nodeFlags: [`--max-old-space-size=${heapMiB}`] } : {}).start();
if ('unavailable' in server) throw new Error(server.unavailable);
const pid = server.pid!;
try {
  const questions = readQuestions().map((q) => q.question);
  // Warm up, then sample memory every 5 s while the load runs.
  await askLoad(server.url, questions, 5, connections);
  const samples: Array<{ at: number; rss: number }> = [{ at: 0, rss: rssMiB(pid) }];
  const started = Date.now();
  const timer = setInterval(() => samples.push({ at: (Date.now() - started) / 1000, rss: rssMiB(pid) }), 5000);
  const result = await askLoad(server.url, questions, seconds, connections);
  clearInterval(timer);
  samples.push({ at: (Date.now() - started) / 1000, rss: rssMiB(pid) });
  const health = await fetch(`${server.url}/healthz`);
  const first = samples[1]?.rss ?? samples[0]!.rss;
  const last = samples[samples.length - 1]!.rss;
  const summary = {
    date: new Date().toISOString(),
    seconds,
    connections,
    heapCapMiB: heapMiB || null,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverHealthyAfter: health.ok,
    rssMiB: samples.map((s) => `${s.at.toFixed(0)}s:${s.rss.toFixed(1)}`).join(' '),
    rssGrowthAfterFirstSampleMiB: Number((last - first).toFixed(1)),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (result.errors + result.timeouts + result.non2xx > 0 || !health.ok) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(indexDir, { recursive: true, force: true });
}
