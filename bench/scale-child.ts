// Owns the measurements that need a process of their own (fresh heap, cold start, one nodejieba dictionary):
// `node --expose-gc --import tsx bench/scale-child.ts <mode> <json>` prints one JSON line with its figures.
// Server modules are imported inside each mode, so that a cold start times their loading too.

export {};

type Args = Record<string, unknown>;

const [mode, raw] = process.argv.slice(2);
const args = JSON.parse(raw ?? '{}') as Args;

function engineConfig(corpusDir: string, indexDir: string): Record<string, string> {
  return { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, BUILD_ON_START: '0', LOG_LEVEL: 'silent' };
}

async function loadEngine(corpusDir: string, indexDir: string) {
  const { readConfig } = await import('../server/config.js');
  const { createLogger } = await import('../server/http/log.js');
  const { loadCorpusEngine } = await import('../server/runtime/node-engine.js');
  return loadCorpusEngine(readConfig(engineConfig(corpusDir, indexDir)), createLogger('silent'));
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

/** Builds the index of a corpus folder, as `npm run build:index` does. */
async function build(): Promise<unknown> {
  const { buildIndex } = await import('../server/build/build-index.js');
  const { statSync } = await import('node:fs');
  const summary = buildIndex({ corpusDir: String(args.corpusDir), outDir: String(args.outDir) });
  return {
    ms: summary.ms,
    documents: summary.documents,
    passages: summary.passages,
    vocabulary: summary.vocabulary,
    indexBytes: statSync(summary.file).size,
    dictionaryBytes: statSync(summary.dictionaryFile).size,
    skipped: summary.skipped.length,
  };
}

/** Heap after loading the engine and collecting garbage: what the server holds for its corpus. */
async function heap(): Promise<unknown> {
  collectGarbage();
  const before = process.memoryUsage();
  const loaded = await loadEngine(String(args.corpusDir), String(args.indexDir));
  collectGarbage();
  const after = process.memoryUsage();
  return {
    heapUsed: after.heapUsed,
    heapBaseline: before.heapUsed,
    rss: after.rss,
    external: after.external,
    passages: loaded.index.passages.length,
  };
}

/** Wall-clock milestones since the process started, up to the first answer. */
async function cold(): Promise<unknown> {
  const importsStart = performance.now();
  const loaded = await loadEngine(String(args.corpusDir), String(args.indexDir));
  const loadedAt = performance.now();
  const answer = await loaded.engine.answer(String(args.question));
  const answeredAt = performance.now();
  return {
    processStartToScriptMs: importsStart,
    loadMs: loadedAt - importsStart,
    answerMs: answeredAt - loadedAt,
    totalMs: answeredAt,
    matched: answer.response.matched,
  };
}

interface LatencyTarget {
  name: string;
  corpusDir: string;
  indexDir: string;
  questions: Array<{ question: string; expect: string[] }>;
  /** 'typed-top-k' swaps in the what-if retrieval of `what-if-retrieval.ts`. Default: the engine as it is. */
  retrieval?: 'engine' | 'typed-top-k';
}

/**
 * Answer latency of several corpora in one process, in interleaved rounds (each round asks every corpus all of its
 * questions, corpora in rotated order), after one untimed warm-up round; also how many answers were right.
 */
async function latency(): Promise<unknown> {
  const { answerFromCorpus, DEFAULT_ANSWER_OPTIONS } = await import('../server/core/answer.js');
  const { containsExpected } = await import('./fixtures.js');
  const { percentile, rotate } = await import('./stats.js');
  const targets = args.targets as LatencyTarget[];
  const rounds = Number(args.rounds ?? 7);
  const { useTypedTopK } = await import('./what-if-retrieval.js');
  const loaded: Array<{ target: LatencyTarget; engine: Awaited<ReturnType<typeof loadEngine>>; swapped: ReturnType<typeof useTypedTopK> | null }> = [];
  for (const t of targets) {
    const engine = await loadEngine(t.corpusDir, t.indexDir);
    const swapped = t.retrieval === 'typed-top-k' ? useTypedTopK(engine.index) : null;
    loaded.push({ target: t, engine, swapped });
  }
  const context = loaded.map(({ engine }) => engine.engine.corpusContext());
  const answers: string[][] = [];
  const results = loaded.map(({ target, engine }) => {
    let correct = 0;
    let refused = 0;
    const given: string[] = [];
    for (const q of target.questions) {
      // With the engine's context (the reports' agencies, the site's own), as the server answers.
      const a = answerFromCorpus(engine.index, engine.dictionary, q.question, engine.synonyms, DEFAULT_ANSWER_OPTIONS, engine.engine.corpusContext());
      given.push(`${a.matched}\n${a.answer}`);
      if (a.matched !== 'corpus') refused++;
      else if (containsExpected(a.answer, q.expect)) correct++;
    }
    answers.push(given);
    return {
      name: target.name,
      correct,
      refused,
      questions: target.questions.length,
      samples: [] as number[],
      roundP50: [] as number[],
      roundP99: [] as number[],
    };
  });
  const sameAs = (k: number): number | null => {
    const base = targets.findIndex((t) => t.indexDir === targets[k]!.indexDir);
    if (base === k) return null;
    return answers[k]!.filter((a, i) => a === answers[base]![i]).length;
  };
  for (let round = -1; round < rounds; round++) {
    for (const k of rotate(loaded.map((_, i) => i), round + 1)) {
      const { target, engine } = loaded[k]!;
      const times: number[] = [];
      for (const q of target.questions) {
        const start = performance.now();
        answerFromCorpus(engine.index, engine.dictionary, q.question, engine.synonyms, DEFAULT_ANSWER_OPTIONS, context[k]!);
        times.push(performance.now() - start);
      }
      if (round < 0) continue;
      results[k]!.samples.push(...times);
      results[k]!.roundP50.push(percentile(times, 50));
      results[k]!.roundP99.push(percentile(times, 99));
    }
  }
  return results.map(({ samples, ...r }, k) => ({
    ...r,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: Math.max(...samples),
    // A what-if that was never called measured the engine as it is: say so rather than report its figures.
    applicable: loaded[k]!.swapped ? loaded[k]!.swapped.calls() > 0 : true,
    // Answers equal to those of the first target over the same index and questions (the engine as it is).
    sameAnswers: sameAs(k),
  }));
}

const modes: Record<string, () => Promise<unknown>> = { build, heap, cold, latency };
const run = mode ? modes[mode] : undefined;
if (!run) {
  console.error(`usage: scale-child.ts ${Object.keys(modes).join('|')} '<json arguments>'`);
  process.exit(2);
}
const result = await run();
process.stdout.write(`${JSON.stringify(result)}\n`);
