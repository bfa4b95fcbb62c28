// Owns the side-by-side of answer quality and in-process latency: our engine against the peers, on the passages of
// the default corpus's built index and the fixture questions, timed in interleaved rounds.
import { answerFromCorpus, DEFAULT_ANSWER_OPTIONS } from '../server/core/answer.js';
import type { TestCorpus } from '../test/helpers/corpus.js';
import { containsExpected, type BenchQuestion, type QuestionFile } from './fixtures.js';
import { PEERS, type Retriever } from './peers.js';
import { medianRatio, percentile, rotate } from './stats.js';

/** What one system did with one question. */
export interface Outcome {
  id: string;
  set: QuestionFile;
  none: boolean;
  /** Expected string in the answer (rank 1). */
  rank1: boolean;
  /** Expected string in one of the first three passages. */
  top3: boolean;
  /** Returned nothing (peers) or said it does not know (ours). */
  refused: boolean;
}

/** Per-system summary row. */
export interface QualityRow {
  name: string;
  setup: string;
  /** Questions with expected answers, and out-of-scope ones. */
  answerable: number;
  outOfScope: number;
  rank1: number;
  top3: number;
  refusedCorrectly: number;
  /** Same counts per fixture file: [rank1 correct, answerable, refused correctly, out of scope]. */
  perSet: Partial<Record<QuestionFile, { rank1: number; answerable: number; refused: number; outOfScope: number; passed: number; total: number }>>;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of this system's p50 divided by ours (1 for ours). */
  p50VsOurs: number;
  failures: string[];
}

/** A system under comparison: answers a question with ranked passage texts, or refuses. */
interface System {
  name: string;
  setup: string;
  /** Texts shown as the answer (rank 1) and the next two candidates; `answered` false when it refuses. */
  judge(q: BenchQuestion): Promise<Omit<Outcome, 'id' | 'set' | 'none'>>;
  /** The call that is timed: the whole answer for ours, the top-3 search for a peer. */
  timed(question: string): unknown;
}

function oursSystem(corpus: TestCorpus): System {
  const { index, dictionary, synonyms } = corpus;
  // The engine's context: the agencies of the reports and the site's own, as the server answers.
  const context = corpus.engine.corpusContext();
  return {
    name: 'Ours (answerFromCorpus)',
    setup: 'this repository: jieba search-mode terms, MiniSearch candidates, re-ranking by question type and coverage, abstention',
    async judge(q) {
      const result = answerFromCorpus(index, dictionary, q.question, synonyms, DEFAULT_ANSWER_OPTIONS, context);
      const answered = result.matched === 'corpus';
      const rank1 = answered && containsExpected(result.answer, q.expect);
      const others = result.ranking.slice(1, 3).map((r) => index.passages[r.passage]!.text);
      const top3 = answered && (rank1 || others.some((t) => containsExpected(t, q.expect)));
      return { rank1, top3, refused: !answered };
    },
    timed: (question) => answerFromCorpus(index, dictionary, question, synonyms, DEFAULT_ANSWER_OPTIONS, context),
  };
}

function peerSystem(name: string, setup: string, retriever: Retriever, passages: readonly string[]): System {
  return {
    name,
    setup,
    async judge(q) {
      const ids = await retriever.search(q.question, 3);
      const texts = ids.map((id) => passages[id] ?? '');
      const rank1 = texts.length > 0 && containsExpected(texts[0]!, q.expect);
      const top3 = texts.some((t) => containsExpected(t, q.expect));
      return { rank1, top3, refused: ids.length === 0 };
    },
    timed: (question) => retriever.search(question, 3),
  };
}

/** Builds every system over the corpus's passages. */
export async function createSystems(corpus: TestCorpus, withPeers: boolean): Promise<System[]> {
  const passages = corpus.index.passages.map((p) => p.text);
  const systems = [oursSystem(corpus)];
  if (withPeers) {
    for (const peer of PEERS) systems.push(peerSystem(peer.name, peer.setup, await peer.create(passages), passages));
  }
  return systems;
}

/**
 * Judges every system on every question, then times them in `rounds` interleaved rounds (each round runs every
 * system over all questions, in an order rotated from round to round), after one untimed warm-up round.
 */
export async function compareQuality(corpus: TestCorpus, questions: BenchQuestion[], options: { rounds: number; peers: boolean }) {
  const systems = await createSystems(corpus, options.peers);
  const outcomes = new Map<string, Outcome[]>();
  for (const s of systems) {
    const list: Outcome[] = [];
    for (const q of questions) list.push({ id: q.id, set: q.set, none: q.none, ...(await s.judge(q)) });
    outcomes.set(s.name, list);
  }

  const samples = new Map<string, number[]>(systems.map((s) => [s.name, []]));
  const roundP50 = new Map<string, number[]>(systems.map((s) => [s.name, []]));
  for (let round = -1; round < options.rounds; round++) {
    for (const s of rotate(systems, round + 1)) {
      const times: number[] = [];
      for (const q of questions) {
        const start = performance.now();
        await s.timed(q.question);
        times.push(performance.now() - start);
      }
      if (round < 0) continue;
      samples.get(s.name)!.push(...times);
      roundP50.get(s.name)!.push(percentile(times, 50));
    }
  }

  const ours = roundP50.get(systems[0]!.name)!;
  const rows: QualityRow[] = systems.map((s) => {
    const list = outcomes.get(s.name)!;
    const perSet = {} as QualityRow['perSet'];
    for (const set of [...new Set(questions.map((q) => q.set))]) {
      const inSet = list.filter((o) => o.set === set);
      perSet[set] = {
        rank1: inSet.filter((o) => !o.none && o.rank1).length,
        answerable: inSet.filter((o) => !o.none).length,
        refused: inSet.filter((o) => o.none && o.refused).length,
        outOfScope: inSet.filter((o) => o.none).length,
        passed: inSet.filter((o) => (o.none ? o.refused : o.rank1)).length,
        total: inSet.length,
      };
    }
    const times = samples.get(s.name)!;
    return {
      name: s.name,
      setup: s.setup,
      answerable: list.filter((o) => !o.none).length,
      outOfScope: list.filter((o) => o.none).length,
      rank1: list.filter((o) => !o.none && o.rank1).length,
      top3: list.filter((o) => !o.none && o.top3).length,
      refusedCorrectly: list.filter((o) => o.none && o.refused).length,
      perSet,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      p50VsOurs: medianRatio(roundP50.get(s.name)!, ours),
      failures: list.filter((o) => (o.none ? !o.refused : !o.rank1)).map((o) => o.id),
    };
  });
  return { rows, questions: questions.length };
}

/** The quality score the guard watches: share of fixture questions passed (answered right, or refused when out of scope). */
export function qualityScore(row: QualityRow): { passed: number; total: number; score: number } {
  const passed = row.rank1 + row.refusedCorrectly;
  const total = row.answerable + row.outOfScope;
  return { passed, total, score: total ? passed / total : 0 };
}
