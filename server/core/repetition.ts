// Owns finding the passages of a report that repeat an earlier one word for word, and how repetitive a report is;
// pure, no runtime imports.
import type { Passage } from './passages.js';

/**
 * Share of repeated passages above which the preview warns that a report is mostly repetition (0.5: more than half
 * of its passages say what an earlier one already said).
 */
export const REPETITIVE_SHARE = 0.5;

/** Which passages of one report repeat an earlier one, and what the index does with them. */
export interface Repetition {
  /** For each passage, the index of the first identical passage before it, or -1 when it is the first of its kind. */
  firstOf: number[];
  /**
   * Passages left out of the index altogether: those of a paragraph (or table row) whose every passage repeats an
   * earlier one. The other repeats stay, unindexed, so that a paragraph is still quoted as the page says it.
   */
  dropped: boolean[];
  /** Passages that repeat an earlier one (dropped or not). */
  repeated: number;
  /** Passages counted: all but the metadata line. */
  total: number;
  /** repeated / total (0 for an empty report). */
  share: number;
}

/** What makes two passages the same: kind, headings and text (one sentence under two headings answers two questions). */
function keyOf(p: Passage): string {
  return `${p.kind}\u0001${p.section.join('\u0002')}\u0001${p.text}`;
}

/**
 * Finds the passages of one report that repeat an earlier passage of it (steps: first occurrences → paragraphs made
 * only of repeats → share).
 *
 * @remarks Only passages of the same report are compared: two reports saying the same sentence are two citations
 * (another agency, another year). The first occurrence is the one indexed and cited.
 */
export function findRepeatedPassages(passages: readonly Passage[]): Repetition {
  const first = new Map<string, number>();
  const firstOf = passages.map((p, i) => {
    if (p.kind === 'meta') return -1;
    const key = keyOf(p);
    const earlier = first.get(key);
    if (earlier !== undefined) return earlier;
    first.set(key, i);
    return -1;
  });
  // A paragraph (a table row for cells) keeps its place unless all of it is a repeat.
  const fresh = new Set<number>();
  passages.forEach((p, i) => {
    if (firstOf[i] === -1) fresh.add(p.paragraph);
  });
  const dropped = passages.map((p, i) => firstOf[i] !== -1 && !fresh.has(p.paragraph));
  const repeated = firstOf.filter((f) => f !== -1).length;
  const total = passages.filter((p) => p.kind !== 'meta').length;
  return { firstOf, dropped, repeated, total, share: total === 0 ? 0 : repeated / total };
}

/** The preview's warning for a report that is mostly repetition, or null. */
export function describeRepetition(repetition: Repetition): string | null {
  if (repetition.share <= REPETITIVE_SHARE) return null;
  const percent = Math.round(repetition.share * 100);
  return (
    `${repetition.repeated} of ${repetition.total} passages (${percent}%) repeat an earlier passage word for word: ` +
    'the report is mostly repetition (a page saved twice, a copied block?). Each repeated passage is indexed once; ' +
    'check the file before publishing it'
  );
}
