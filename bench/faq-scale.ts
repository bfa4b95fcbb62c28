// FAQ matching at the size staff can import: POST /api/ask over loopback with 5,000 FAQ entries imported, the
// indexed matcher (the default) against the full scan it replaced, side by side (rounds A B A B, order rotated).
// Run: `npx tsx bench/faq-scale.ts [--rounds=6]`. Prints a markdown table for BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../server/build/build-index.js';
import { TSX } from './child.js';
import { createRandom, formatMs, formatRatio, median, medianRatio, percentile, rotate } from './stats.js';
import { readCases } from '../test/helpers/corpus.js';
import { syntheticFaqEntries } from '../test/helpers/synthetic-faq.js';

const TOKEN = 'bench-faq-scale-token-not-a-secret';
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 4);
const SHORT_PER_ROUND = 100;
const LONG_PER_ROUND = 20;
const LOADED_PER_ROUND = 30;
const CONCURRENT = 8;

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  dataDir: string;
}

async function startServer(name: string, candidates: string, indexDir: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-faq-bench-'));
  const child = spawn(process.execPath, [...TSX, 'bench/faq-scale-server.ts'], {
    env: {
      ...process.env,
      CORPUS_DIR: 'corpus',
      INDEX_DIR: indexDir,
      DATA_DIR: dataDir,
      BUILD_ON_START: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ADMIN_TOKEN: TOKEN,
      BENCH_FAQ_CANDIDATES: candidates,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
  return { name, url: `http://127.0.0.1:${port}`, child, dataDir };
}

async function stopServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
    setTimeout(() => server.child.kill('SIGKILL'), 5000).unref();
  });
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** The 5,000 entries: the fixture's 10 service-desk entries and 4,990 synthetic ones. */
function entriesToImport() {
  const fixture = JSON.parse(readFileSync('test/fixtures/faq-entries.json', 'utf8')) as {
    entries: Array<{ question: string; alternatives: string[]; answer: string }>;
    paraphrases: Array<[string, number]>;
  };
  const synthetic = syntheticFaqEntries(4990);
  return {
    fixture,
    entries: [...fixture.entries, ...synthetic].map((e) => ({ question: e.question, alternatives: e.alternatives, answer: e.answer })),
    synthetic,
  };
}

async function importFaq(server: Server, entries: unknown[]): Promise<void> {
  const res = await fetch(`${server.url}/api/admin/faq/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ entries }),
  });
  const body = (await res.json()) as { created?: number; errors?: unknown[] };
  if (res.status !== 200 || body.created !== entries.length) throw new Error(`${server.name}: import answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * Distinct questions (the FAQ and the answer engine remember answers to repeated questions, so no question is
 * asked twice of one server): citizens' short questions, and 200-character ones.
 */
function questionSets(fixture: { paraphrases: Array<[string, number]> }, synthetic: ReturnType<typeof syntheticFaqEntries>) {
  const random = createRandom(12);
  const base = [
    ...fixture.paraphrases.map(([q]) => q),
    ...['dev-questions.json', 'extra-questions.json', 'holdout-questions.json'].flatMap((f) => readCases(f).filter((c) => !c.invalid).map((c) => c.q)),
    ...synthetic.filter((_, i) => i % 29 === 0).map((e) => e.alternatives[0]!),
  ];
  const prefixes = ['', '请问', '你好，', '我想问一下，', '麻烦问下', '您好，请问'];
  const short: string[] = [];
  for (const prefix of prefixes) for (const q of base) short.push(`${prefix}${q}`);
  for (let i = short.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [short[i], short[j]] = [short[j]!, short[i]!];
  }
  const long: string[] = [];
  const seen = new Set<string>();
  while (long.length < 25_000) {
    let q = '';
    while (Array.from(q).length < 200) q += `${base[Math.floor(random() * base.length)]!.replace(/[？?]$/, '')}，`;
    q = Array.from(q).slice(0, 200).join('');
    if (!seen.has(q)) {
      seen.add(q);
      long.push(q);
    }
  }
  return { short, long };
}

async function ask(server: Server, question: string): Promise<number> {
  const started = performance.now();
  const post = () => fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  // A kept-alive socket the server closed as it was reused resets once (undici's keep-alive race); ask again.
  const res = await post().catch((error: Error & { cause?: { code?: string } }) => {
    if (error.cause?.code !== 'ECONNRESET' && error.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return post();
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${server.name}: ${res.status} for ${question}`);
  return performance.now() - started;
}

async function sequential(server: Server, questions: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const q of questions) out.push(await ask(server, q));
  return out;
}

/** Short questions asked one at a time while `CONCURRENT` connections keep asking 200-character ones. */
async function underLoad(server: Server, short: readonly string[], long: () => string): Promise<number[]> {
  let stop = false;
  const load = Array.from({ length: CONCURRENT }, async () => {
    while (!stop) await ask(server, long());
  });
  const times = await sequential(server, short);
  stop = true;
  await Promise.all(load);
  return times;
}

async function main(): Promise<void> {
  const started = Date.now();
  const indexDir = mkdtempSync(join(tmpdir(), 'qa-faq-bench-index-'));
  buildIndex({ corpusDir: 'corpus', outDir: indexDir });
  const { fixture, entries, synthetic } = entriesToImport();
  const servers = [await startServer('indexed', '', indexDir), await startServer('full scan', 'all', indexDir)];
  try {
    for (const server of servers) await importFaq(server, entries);
    console.error(`imported (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const { short, long } = questionSets(fixture, synthetic);
    // Warm up each server (JIT, the first FAQ preparation) with questions of its own, not asked again.
    for (const server of servers) await sequential(server, long.slice(-30 - servers.indexOf(server) * 30, long.length - servers.indexOf(server) * 30));
    console.error(`warmed up (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const results = new Map(servers.map((s) => [s.name, { short: [] as number[][], long: [] as number[][], loaded: [] as number[][] }]));
    let nextShort = 0;
    let nextLong = 0;
    const loadQuestions = new Map(servers.map((s) => [s.name, 0]));
    for (let round = 0; round < ROUNDS; round++) {
      const shortRound = short.slice(nextShort, nextShort + SHORT_PER_ROUND);
      const loadedRound = short.slice(nextShort + SHORT_PER_ROUND, nextShort + SHORT_PER_ROUND + LOADED_PER_ROUND);
      const longRound = long.slice(nextLong, nextLong + LONG_PER_ROUND);
      nextShort += SHORT_PER_ROUND + LOADED_PER_ROUND;
      nextLong += LONG_PER_ROUND;
      for (const server of rotate(servers, round)) {
        const r = results.get(server.name)!;
        console.error(`round ${round + 1}, ${server.name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        r.short.push(await sequential(server, shortRound));
        r.long.push(await sequential(server, longRound));
        // The background load takes long questions from the end of the list, each server its own share.
        const offset = 1000 + servers.indexOf(server) * 10_000;
        r.loaded.push(
          await underLoad(server, loadedRound, () => {
            const k = loadQuestions.get(server.name)!;
            loadQuestions.set(server.name, k + 1);
            return long[offset + (k % 10_000)]!;
          }),
        );
      }
    }
    const row = (name: string) => {
      const r = results.get(name)!;
      const all = (key: 'short' | 'long' | 'loaded') => r[key].flat();
      return `| ${name} | ${formatMs(percentile(all('short'), 50))} | ${formatMs(percentile(all('short'), 99))} | ${formatMs(percentile(all('long'), 50))} | ${formatMs(percentile(all('long'), 99))} | ${formatMs(percentile(all('loaded'), 50))} | ${formatMs(percentile(all('loaded'), 99))} |`;
    };
    const ratio = (key: 'short' | 'long' | 'loaded') =>
      formatRatio(medianRatio(results.get('full scan')![key].map((t) => median(t)), results.get('indexed')![key].map((t) => median(t))));
    console.log(`\nFAQ of 5,000 entries, default corpus; ${ROUNDS} rounds × (${SHORT_PER_ROUND} short + ${LONG_PER_ROUND} 200-character questions, then ${LOADED_PER_ROUND} short ones while ${CONCURRENT} connections ask 200-character ones) per server, interleaved; load average at start ${loadavg()[0]!.toFixed(1)}; ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
    console.log('| matcher | short p50 | short p99 | 200-char p50 | 200-char p99 | short under load p50 | short under load p99 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('indexed'));
    console.log(row('full scan'));
    console.log(`| full scan ÷ indexed (median of per-round medians) | ${ratio('short')} | | ${ratio('long')} | | ${ratio('loaded')} | |`);
  } finally {
    for (const server of servers) await stopServer(server);
    rmSync(indexDir, { recursive: true, force: true });
  }
}

await main();
