// Owns the question sets the benchmarks ask (test/fixtures) and how an answer is judged; the scorer is the one
// `test/quality.test.ts` uses, imported rather than copied so the two can never disagree.
import { normalizeForScoring, readCases } from '../test/helpers/corpus.js';

/** The fixture files, official dev set first. */
export const FIXTURE_FILES = ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json', 'blind2-questions.json'] as const;
export type FixtureFile = (typeof FIXTURE_FILES)[number];
/** The real reports' questions (test/fixtures/real-questions.json), asked of the real reports beside the default one. */
export const REAL_FILE = 'real-questions.json';
export type QuestionFile = FixtureFile | typeof REAL_FILE;

/** One question of a fixture set: either it has expected strings, or the robot must not answer it (`none`). */
export interface BenchQuestion {
  id: string;
  set: QuestionFile;
  question: string;
  expect: string[];
  none: boolean;
}

/**
 * The questions of the fixture sets, without the `invalid` cases (those test HTTP validation, a 400 for an empty
 * question, which no search library is asked to do).
 */
export function readQuestions(files: readonly QuestionFile[] = FIXTURE_FILES): BenchQuestion[] {
  return files.flatMap((set) =>
    readCases(set)
      .filter((c) => !c.invalid)
      .map((c) => ({ id: c.id, set, question: c.q, expect: c.expect ?? [], none: Boolean(c.none) })),
  );
}

/** Whether a text holds one of the expected strings, as the quality test judges it. */
export function containsExpected(text: string, expect: readonly string[]): boolean {
  const normalized = normalizeForScoring(text);
  return expect.some((e) => normalized.includes(normalizeForScoring(e)));
}
