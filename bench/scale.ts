// Owns the scale benchmark: synthetic corpora of growing size, each built, loaded and asked in fresh processes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runScaleChild } from './child.js';
import { hotFunctions, type HotFunction } from './profile.js';
import { breakDownArtifact, type ArtifactPart } from './artifact-parts.js';
import { median, medianRatio } from './stats.js';
import { syntheticQuestions, writeSyntheticCorpus } from './synthetic-corpus.js';

/** Goals of the issue, at the largest corpus. */
export const SCALE_GOALS = { reports: 2000, buildMs: 60_000, indexBytes: 30e6, heapBytes: 200e6, p99Ms: 2 };

export interface ScaleRow {
  reports: number;
  /** Bytes of the report files. */
  reportBytes: number;
  passages: number;
  vocabulary: number;
  buildMs: number;
  indexBytes: number;
  indexGzipBytes: number;
  dictionaryBytes: number;
  /** process.memoryUsage().heapUsed after loading and GC, in a fresh process; and the same before loading. */
  heapUsed: number;
  heapBaseline: number;
  rss: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of this corpus's p99 divided by the smallest corpus's (same process, interleaved). */
  p99VsSmallest: number;
  questions: number;
  correct: number;
  refused: number;
  /** Spawn to first answer (median of runs), and its parts from inside the child. */
  coldMs: number;
  coldLoadMs: number;
  coldBootMs: number;
}

interface BuildResult {
  ms: number;
  documents: number;
  passages: number;
  vocabulary: number;
  indexBytes: number;
  dictionaryBytes: number;
}
interface HeapResult {
  heapUsed: number;
  heapBaseline: number;
  rss: number;
}
interface ColdResult {
  processStartToScriptMs: number;
  loadMs: number;
  answerMs: number;
  totalMs: number;
  matched: string;
}
interface LatencyResult {
  name: string;
  correct: number;
  refused: number;
  questions: number;
  roundP99: number[];
  p50Ms: number;
  p99Ms: number;
  applicable: boolean;
  sameAnswers: number | null;
}

/** The proposed retrieval fix, measured at the largest corpus in the same process as the engine as it is. */
export interface RetrievalWhatIf {
  reports: number;
  applicable: boolean;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of the what-if's p99 divided by the engine's. */
  p99VsEngine: number;
  correct: number;
  correctEngine: number;
  /** Answers identical to the engine's. */
  sameAnswers: number;
  questions: number;
}

export interface ScaleResult {
  rows: ScaleRow[];
  whatIf: RetrievalWhatIf | null;
  /** Where answering spends its time at the largest corpus (CPU profile, samples inside answerFromCorpus). */
  profile: HotFunction[];
  /** Where the bytes of the largest corpus's index.json go, and their size in a compact encoding. */
  artifactParts: ArtifactPart[];
}

export interface ScaleOptions {
  sizes: number[];
  /** Questions asked per corpus in each latency round. */
  questions: number;
  rounds: number;
  coldRuns: number;
  keep: boolean;
  /** Also time the typed top-k retrieval what-if and profile answering at the largest corpus. */
  explain: boolean;
  log: (line: string) => void;
}

/**
 * Generates, builds and measures each corpus size. Builds run one at a time in fresh processes; heap is measured in
 * a fresh process per size; latency of all sizes is measured in one process in interleaved rounds; cold starts are
 * interleaved across sizes.
 */
export async function measureScale(options: ScaleOptions): Promise<ScaleResult> {
  const corpora: Array<{ reports: number; corpusDir: string; indexDir: string; bytes: number; build: BuildResult }> = [];
  const scratch: string[] = [];
  try {
    for (const reports of options.sizes) {
      const { corpusDir, bytes } = writeSyntheticCorpus(reports);
      const indexDir = mkdtempSync(join(tmpdir(), `qa-bench-index-${reports}-`));
      scratch.push(corpusDir, indexDir);
      options.log(`  ${reports} reports: ${(bytes / 1e6).toFixed(1)} MB written to ${corpusDir}; building…`);
      const { value: build } = await runScaleChild<BuildResult>('build', { corpusDir, outDir: indexDir });
      options.log(`    built in ${(build.ms / 1000).toFixed(1)} s: ${build.passages} passages, ${build.vocabulary} terms`);
      corpora.push({ reports, corpusDir, indexDir, bytes, build });
    }

    const heaps: HeapResult[] = [];
    for (const c of corpora) {
      heaps.push((await runScaleChild<HeapResult>('heap', { corpusDir: c.corpusDir, indexDir: c.indexDir })).value);
    }
    options.log('  heap measured; timing answers…');

    const targets = corpora.map((c) => ({
      name: String(c.reports),
      corpusDir: c.corpusDir,
      indexDir: c.indexDir,
      questions: syntheticQuestions(c.reports, options.questions),
    }));
    const largest = targets[targets.length - 1]!;
    if (options.explain) targets.push({ ...largest, name: `${largest.name} what-if`, retrieval: 'typed-top-k' } as (typeof targets)[number]);
    const { value: latency } = await runScaleChild<LatencyResult[]>('latency', { rounds: options.rounds, targets });
    let whatIf: RetrievalWhatIf | null = null;
    let profile: HotFunction[] = [];
    let artifactParts: ArtifactPart[] = [];
    if (options.explain) {
      artifactParts = breakDownArtifact(join(corpora[corpora.length - 1]!.indexDir, 'index.json'));
      const engine = latency[corpora.length - 1]!;
      const swapped = latency[corpora.length]!;
      whatIf = {
        reports: corpora[corpora.length - 1]!.reports,
        applicable: swapped.applicable,
        p50Ms: swapped.p50Ms,
        p99Ms: swapped.p99Ms,
        p99VsEngine: medianRatio(swapped.roundP99, engine.roundP99),
        correct: swapped.correct,
        correctEngine: engine.correct,
        sameAnswers: swapped.sameAnswers ?? 0,
        questions: swapped.questions,
      };
      options.log('  profiling answers at the largest corpus…');
      const dir = mkdtempSync(join(tmpdir(), 'qa-bench-profile-'));
      scratch.push(dir);
      await runScaleChild('latency', { rounds: 3, targets: [largest] }, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const biggest = readdirSync(dir)
        .map((f) => join(dir, f))
        .sort((a, b) => statSync(b).size - statSync(a).size)[0];
      if (biggest) profile = hotFunctions(biggest, { within: 'answerFromCorpus', by: 'self', limit: 8 });
    }

    options.log('  timing cold starts…');
    const colds: ColdResult[][] = corpora.map(() => []);
    const coldWall: number[][] = corpora.map(() => []);
    for (let run = 0; run < options.coldRuns; run++) {
      for (const [k, c] of corpora.entries()) {
        const question = syntheticQuestions(c.reports, 1)[0]!.question;
        const { value, wallMs } = await runScaleChild<ColdResult>('cold', { corpusDir: c.corpusDir, indexDir: c.indexDir, question });
        colds[k]!.push(value);
        coldWall[k]!.push(wallMs);
      }
    }

    const smallest = latency[0]!.roundP99;
    const rows = corpora.map((c, k) => {
      const l = latency[k]!;
      return {
        reports: c.reports,
        reportBytes: c.bytes,
        passages: c.build.passages,
        vocabulary: c.build.vocabulary,
        buildMs: c.build.ms,
        indexBytes: c.build.indexBytes,
        indexGzipBytes: gzipSync(readFileSync(join(c.indexDir, 'index.json'))).length,
        dictionaryBytes: c.build.dictionaryBytes,
        heapUsed: heaps[k]!.heapUsed,
        heapBaseline: heaps[k]!.heapBaseline,
        rss: heaps[k]!.rss,
        p50Ms: l.p50Ms,
        p99Ms: l.p99Ms,
        p99VsSmallest: medianRatio(l.roundP99, smallest),
        questions: l.questions,
        correct: l.correct,
        refused: l.refused,
        coldMs: median(coldWall[k]!),
        coldLoadMs: median(colds[k]!.map((x) => x.loadMs)),
        coldBootMs: median(colds[k]!.map((x) => x.processStartToScriptMs)),
      };
    });
    return { rows, whatIf, profile, artifactParts };
  } finally {
    if (!options.keep) for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    else options.log(`  kept: ${scratch.join(' ')}`);
  }
}
