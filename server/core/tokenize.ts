// Owns the split of normalized text into Han runs and number/Latin runs, and the Segmenter port; no runtime imports.

/** One word found by a segmenter, with UTF-16 offsets into the run (or, from {@link tokenize}, into the text). */
export interface SegmentedWord {
  word: string;
  start: number;
  end: number;
}

/**
 * The port every runtime implements: search-mode word segmentation of one run of Han characters.
 *
 * @remarks Node passes nodejieba (native); the edge passes the TypeScript port in `jieba.ts`. Both must return the
 * same words for the same run — `test/core/segmenter-parity.test.ts` checks it on every corpus sentence and fixture
 * question, because the index is built with one and questions may be cut with the other.
 */
export interface Segmenter {
  /** Names the implementation and its dictionary; recorded in the index manifest. */
  readonly id: string;
  /** Search-mode words of a run that holds only Han characters, in jieba's emission order. */
  segmentHan(run: string): SegmentedWord[];
}

/** A maximal run of one kind of character in normalized text. */
export interface TextRun {
  kind: 'han' | 'alnum';
  text: string;
  start: number;
}

const RUN = /(\p{Script=Han}+)|([a-z0-9]+(?:\.[0-9]+)*)/gu;

/**
 * Splits normalized text into Han runs and number/Latin runs; everything else (punctuation, space) separates.
 *
 * @remarks nodejieba cuts "2015" into 2/0/1/5 and Latin words into letters in some contexts, so numbers and Latin
 * words are kept whole here, before any segmenter sees the text.
 */
export function splitRuns(normalized: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const m of normalized.matchAll(RUN)) {
    runs.push({ kind: m[1] ? 'han' : 'alnum', text: m[0], start: m.index ?? 0 });
  }
  return runs;
}

/** All index terms of normalized text with their offsets, in reading order (search-mode sub-words included). */
export function tokenize(normalized: string, segmenter: Segmenter): SegmentedWord[] {
  const out: SegmentedWord[] = [];
  for (const run of splitRuns(normalized)) {
    if (run.kind === 'alnum') {
      out.push({ word: run.text, start: run.start, end: run.start + run.text.length });
      continue;
    }
    for (const w of segmenter.segmentHan(run.text)) {
      out.push({ word: w.word, start: run.start + w.start, end: run.start + w.end });
    }
  }
  return out;
}

/** The index terms of normalized text, as plain strings. */
export function termsOf(normalized: string, segmenter: Segmenter): string[] {
  return tokenize(normalized, segmenter).map((t) => t.word);
}
