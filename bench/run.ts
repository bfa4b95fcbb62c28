// `npm run bench`: measures answer quality against peers, scale, server throughput and sizes, and writes
// BENCHMARKS.md, docs/bench-*.svg and bench/last-results.json. `npm run bench -- --quick`: the guard before a commit
// (quality score and p99 on the default corpus, compared with bench/last-results.json; exit 1 when quality dropped).
// Options: --keep (leave the temporary corpora and indexes), --sizes=1,100,2000, --only=quality,real,scale,throughput,sizes
// (measure those parts again and keep the others from bench/last-results.json).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCorpus, mixedCorpusDir, REAL_REPORTS } from '../test/helpers/corpus.js';
import { FIXTURE_FILES, readQuestions, REAL_FILE } from './fixtures.js';
import { PEERS } from './peers.js';
import { hotFunctions, type HotFunction } from './profile.js';
import { compareQuality, qualityScore, type QualityRow } from './quality.js';
import { goalRows, THROUGHPUT_GOAL, writeReport } from './report.js';
import { describeMachine, formatMachine, type BenchResults, type GuardFigures } from './results.js';
import { measureScale } from './scale.js';
import { measureSizes } from './sizes.js';
import { formatMs, formatPercent } from './stats.js';
import { askLoad, floorTarget, measureThroughput, nodeTarget, workerTarget, type ThroughputRow } from './throughput.js';

const LAST_RESULTS = 'bench/last-results.json';
/** A RAM-backed folder: the server's database there syncs for free (the what-if of a question log without syncs). */
const TMPFS = '/dev/shm';
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep');
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ?? '1,100,2000').split(',').map(Number);
const PARTS = ['quality', 'real', 'scale', 'throughput', 'sizes'] as const;
type Part = (typeof PARTS)[number];
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set<Part>(onlyArg ? (onlyArg.split(',') as Part[]) : PARTS);
for (const p of only) if (!PARTS.includes(p)) throw new Error(`--only: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
const started = performance.now();

function log(line: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

function guardFigures(ours: QualityRow): GuardFigures {
  const score = qualityScore(ours);
  const perSet = {} as GuardFigures['perSet'];
  for (const f of FIXTURE_FILES) perSet[f] = { passed: ours.perSet[f]?.passed ?? 0, total: ours.perSet[f]?.total ?? 0 };
  return { ...score, perSet, p50Ms: ours.p50Ms, p99Ms: ours.p99Ms };
}

function readLastResults(): BenchResults | null {
  if (!existsSync(LAST_RESULTS)) return null;
  try {
    return JSON.parse(readFileSync(LAST_RESULTS, 'utf8')) as BenchResults;
  } catch {
    return null;
  }
}

/** The quick guard: prints now against the last recorded figures; exit code 1 when the quality score dropped. */
async function runQuick(): Promise<number> {
  log('building the default corpus index…');
  const corpus = loadCorpus();
  try {
    const { rows } = await compareQuality(corpus, readQuestions(), { rounds: 7, peers: false });
    const ours = rows[0]!;
    const now = guardFigures(ours);
    const last = readLastResults();
    const was = last?.guard;
    const line = (name: string, before: string, after: string, delta: string) =>
      console.log(`  ${name.padEnd(28)} ${before.padStart(16)}  →  ${after.padStart(16)}   ${delta}`);
    console.log(`\nquick bench on ${formatMachine(describeMachine())}`);
    console.log(`compared with ${was ? `${LAST_RESULTS} of ${last!.recordedAt}` : `nothing (${LAST_RESULTS} is missing: run \`npm run bench\`)`}\n`);
    const frac = (p: number, t: number) => `${p}/${t} ${formatPercent(t ? p / t : 0)}`;
    line('quality score (all sets)', was ? frac(was.passed, was.total) : '–', frac(now.passed, now.total), was ? `${((now.score - was.score) * 100).toFixed(1)} points` : '');
    for (const f of FIXTURE_FILES) {
      const b = was?.perSet[f];
      const a = now.perSet[f];
      line(`  ${f}`, b ? frac(b.passed, b.total) : '–', frac(a.passed, a.total), b ? `${a.passed - b.passed >= 0 ? '+' : ''}${a.passed - b.passed}` : '');
    }
    line('answer p50 (in process)', was ? formatMs(was.p50Ms) : '–', formatMs(now.p50Ms), was ? `×${(now.p50Ms / was.p50Ms).toFixed(2)}` : '');
    line('answer p99 (in process)', was ? formatMs(was.p99Ms) : '–', formatMs(now.p99Ms), was ? `×${(now.p99Ms / was.p99Ms).toFixed(2)}` : '');
    console.log('\n  (latency is compared across runs, so machine drift shows in it: read a ×2 as noise, ×10 as a regression)');
    const lastFailures = new Set(last?.quality.rows[0]?.failures ?? []);
    const newly = ours.failures.filter((id) => !lastFailures.has(id));
    const fixed = [...lastFailures].filter((id) => !ours.failures.includes(id));
    if (last && newly.length) console.log(`  newly failing: ${newly.join(', ')}`);
    if (last && fixed.length) console.log(`  newly passing: ${fixed.join(', ')}`);
    if (ours.failures.length) console.log(`  failing now: ${ours.failures.join(', ')}`);
    if (was && now.score < was.score - 1e-9) {
      console.error(`\nquality dropped from ${formatPercent(was.score)} to ${formatPercent(now.score)}: fix the pipeline change (see the newly failing questions above)`);
      return 1;
    }
    console.log(`\nquality ${was ? 'held' : 'measured'}: ${formatPercent(now.score)} (${formatMs((performance.now() - started))})`);
    return 0;
  } finally {
    rmSync(dirname(corpus.summary.file), { recursive: true, force: true });
  }
}

/** Profiles the Node server under ask load: the functions that take its time (start-up excluded). */
async function profileServer(corpusDir: string, indexDir: string, questions: string[], dataRoot?: string): Promise<HotFunction[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qa-bench-profile-'));
  try {
    const target = nodeTarget(corpusDir, indexDir, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`], ...(dataRoot ? { dataRoot } : {}) });
    const server = await target.start();
    if ('unavailable' in server) return [];
    try {
      await askLoad(server.url, questions, 4, 10);
    } finally {
      await server.stop();
    }
    const biggest = readdirSync(dir)
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    return biggest ? hotFunctions(biggest, { exclude: ['main', 'evaluate'], by: 'self', limit: 8 }) : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real reports' questions side by side, on the real reports beside the default one. */
async function measureRealQuality(): Promise<NonNullable<BenchResults['realQuality']>> {
  const mixed = loadCorpus(mixedCorpusDir());
  try {
    const questions = readQuestions([REAL_FILE]);
    const rounds = 5;
    const quality = await compareQuality(mixed, questions, { rounds, peers: true });
    return { rows: quality.rows, questions: quality.questions, rounds, passages: mixed.index.passages.length, reports: readdirSync(REAL_REPORTS).length };
  } finally {
    rmSync(dirname(mixed.summary.file), { recursive: true, force: true });
  }
}

async function runFull(): Promise<number> {
  const machine = describeMachine();
  log(`machine: ${formatMachine(machine)}`);
  const last = readLastResults();
  if (only.size < PARTS.length && !last) throw new Error(`--only needs ${LAST_RESULTS} from an earlier full run`);
  log('building the default corpus index…');
  const corpus = loadCorpus();
  const indexDir = dirname(corpus.summary.file);
  try {
    const questions = readQuestions();
    let quality = last?.quality;
    if (only.has('quality') || !quality) {
      log(`quality: ours and ${PEERS.length} peers on ${questions.length} questions…`);
      const qualityRounds = 9;
      const measured = await compareQuality(corpus, questions, { rounds: qualityRounds, peers: true });
      for (const r of measured.rows) log(`  ${r.name}: ${r.rank1}/${r.answerable} at rank 1, p99 ${formatMs(r.p99Ms)}`);
      quality = { rows: measured.rows, questions: measured.questions, rounds: qualityRounds, passages: corpus.index.passages.length };
    }

    let realQuality = last?.realQuality;
    if (only.has('real') || !realQuality) {
      log('quality on the real reports beside the default one…');
      realQuality = await measureRealQuality();
      for (const r of realQuality.rows) log(`  ${r.name}: ${r.rank1}/${r.answerable} at rank 1, p99 ${formatMs(r.p99Ms)}`);
    }

    let scale = last?.scale;
    if (only.has('scale') || !scale) {
      log(`scale: ${sizes.join(', ')} reports…`);
      const scaleOptions = { sizes, questions: 200, rounds: 7, coldRuns: 5 };
      const measured = await measureScale({ ...scaleOptions, keep, explain: true, log });
      scale = { ...measured, questionsPerCorpus: scaleOptions.questions, rounds: scaleOptions.rounds, coldRuns: scaleOptions.coldRuns };
    }

    let throughput = last?.throughput;
    if (only.has('throughput') || !throughput) {
      log('throughput…');
      const asks = questions.map((q) => q.question);
      const throughputOptions = { rounds: 6, seconds: 3, connections: 10, log };
      // The Node server, the stack's floor and the what-if run side by side (their rounds interleave); the Worker after them.
      log('  Node, the floor (two ways of reading the body), and Node with its database on tmpfs');
      const throughputRows: ThroughputRow[] = await measureThroughput(
        [
          nodeTarget(corpus.corpusDir, indexDir),
          floorTarget(),
          floorTarget({ bodyFromIncoming: true }),
          nodeTarget(corpus.corpusDir, indexDir, { name: 'Node, what-if: DATA_DIR on tmpfs (no disk sync)', dataRoot: TMPFS }),
        ],
        asks,
        throughputOptions,
      );
      log('  Worker');
      throughputRows.push(...(await measureThroughput([workerTarget()], asks, throughputOptions)));
      const node = throughputRows[0];
      const missed = node?.askVsFloor !== undefined && node.askVsFloor < THROUGHPUT_GOAL;
      if (missed) log('  profiling the server under ask load…');
      const profile = missed ? await profileServer(corpus.corpusDir, indexDir, asks) : [];
      const profileNoSync = missed && existsSync(TMPFS) ? await profileServer(corpus.corpusDir, indexDir, asks, TMPFS) : [];
      throughput = { rows: throughputRows, questions: asks.length, profile, profileNoSync };
    }

    let sizeRows = last?.sizes;
    if (only.has('sizes') || !sizeRows) {
      log('sizes…');
      sizeRows = measureSizes(indexDir);
    }

    const ours = quality.rows[0]!;
    const results: BenchResults = {
      recordedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      command: onlyArg ? `npm run bench -- --only=${onlyArg}` : 'npm run bench',
      machine,
      durationMs: performance.now() - started,
      guard: guardFigures(ours),
      quality,
      realQuality,
      scale,
      throughput,
      sizes: sizeRows,
    };
    writeFileSync(LAST_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    writeReport(results);
    log(`wrote BENCHMARKS.md, docs/bench-*.svg and ${LAST_RESULTS}`);
    for (const g of goalRows(results)) log(`  ${g.met ? 'met   ' : 'MISSED'} ${g.goal}: ${g.measured} (goal ${g.target})`);
    return 0;
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

process.exitCode = quick ? await runQuick() : await runFull();
