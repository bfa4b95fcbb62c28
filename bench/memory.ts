// Owns the memory and start-up benchmark of the Node server (BENCHMARKS.md, "Memory and start-up"): resident memory
// after start and after 1,000 questions, and the time from spawn to the first answer, with questions segmented by the
// TypeScript port (what npm start does) or by nodejieba, on the default corpus and on 2,000 synthetic reports; and the
// index build of those reports. Every server is a fresh process running compiled JavaScript, as npm start runs it.
//
//   npx tsx bench/memory.ts [--sizes=0,2000] [--asks=1000] [--runs=2]      (0 = the default corpus)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileServer } from './child.js';
import { readQuestions } from './fixtures.js';
import { median } from './stats.js';
import { syntheticQuestions, writeSyntheticCorpus } from './synthetic-corpus.js';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = option('sizes', '0,2000').split(',').map(Number);
const asks = Number(option('asks', '1000'));
const runs = Number(option('runs', '2'));
const BUILD_CLI = resolve('dist/server/build/build-index-cli.js');


const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Sample {
  startMs: number;
  firstAnswerMs: number;
  rssStart: number;
  rssAfter: number;
}

/** One fresh server: spawn → listening → first answer, RSS then, `asks` questions (10 at a time), RSS again. */
async function measureServer(server: string, env: NodeJS.ProcessEnv, segmenter: string, questions: string[]): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, [server, segmenter], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const port = await new Promise<number>((res, rej) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /\{"port":(\d+)\}/.exec(out);
        if (m) res(Number(m[1]));
      });
      child.on('exit', (code) => rej(new Error(`the server exited with ${code}: ${stderr.slice(-1000)}`)));
    });
    const startMs = performance.now() - started;
    const ask = (q: string) =>
      fetch(`http://127.0.0.1:${port}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) }).then((r) => r.arrayBuffer());
    await ask(questions[0]!);
    const firstAnswerMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 500));
    const rssStart = rssMb(child.pid!);
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (next < asks) await ask(questions[next++ % questions.length]!);
    }));
    await new Promise((r) => setTimeout(r, 500));
    return { startMs, firstAnswerMs, rssStart, rssAfter: rssMb(child.pid!) };
  } finally {
    child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const [SERVER] = await compileServer(['bench/memory-server.ts']);
  console.log(`load average ${loadavg()[0]!.toFixed(2)}, ${runs} run(s) per cell, ${asks} asks`);
  console.log('| Corpus | Questions segmented by | Resident after start | after 1,000 asks | spawn → listening | spawn → first answer |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const size of sizes) {
    const temp = mkdtempSync(join(tmpdir(), 'qa-bench-memory-'));
    const corpus = size === 0 ? { corpusDir: resolve('corpus') } : writeSyntheticCorpus(size);
    const env = { ...process.env, CORPUS_DIR: corpus.corpusDir, INDEX_DIR: join(temp, 'index'), DATA_DIR: join(temp, 'data'), PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', BUILD_ON_START: '0' };
    const t0 = performance.now();
    const built = spawnSync(process.execPath, [BUILD_CLI], { env, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`the build failed: ${built.stderr}`);
    const buildMs = performance.now() - t0;
    const questions = size === 0 ? readQuestions().map((q) => q.question) : syntheticQuestions(size, 500).map((q) => q.question);
    const label = size === 0 ? 'default (1 report)' : `${size.toLocaleString('en')} synthetic reports`;
    const results: Record<string, Sample[]> = { typescript: [], nodejieba: [] };
    // A B A B: the two segmenters alternate, in fresh processes.
    for (let run = 0; run < runs; run++) {
      for (const segmenter of run % 2 === 0 ? ['typescript', 'nodejieba'] : ['nodejieba', 'typescript']) {
        results[segmenter]!.push(await measureServer(SERVER!, env, segmenter, questions));
      }
    }
    for (const [segmenter, samples] of Object.entries(results)) {
      const m = (f: (s: Sample) => number) => median(samples.map(f));
      const name = segmenter === 'typescript' ? 'TypeScript port (npm start)' : 'nodejieba';
      console.log(`| ${label} | ${name} | ${m((s) => s.rssStart).toFixed(0)} MB | ${m((s) => s.rssAfter).toFixed(0)} MB | ${m((s) => s.startMs).toFixed(0)} ms | ${m((s) => s.firstAnswerMs).toFixed(0)} ms |`);
    }
    console.log(`| ${label} | index build (build-index-cli, a fresh process) | | | ${(buildMs / 1000).toFixed(1)} s | |`);
    rmSync(temp, { recursive: true, force: true });
    if (size !== 0) rmSync(corpus.corpusDir, { recursive: true, force: true });
  }
}

await main();
