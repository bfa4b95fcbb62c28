// Owns the questions offered with an "I don't know": up to three questions the robot really answers that are close
// to the refused one (known phrasings sharing its words, and questions made of the nearest passages' own headings
// and table labels), each checked by asking it; runtime-neutral, imports no node:*, hono or nodejieba.
import type { CorpusAnswer } from './answer.js';
import { createGenerationLru } from './generation-lru.js';
import { normalizeText } from './normalize.js';
import type { SearchIndex } from './search-index.js';
import { questionKey } from './store.js';
import { suggestQuestions } from './suggest.js';
import { readFactLabels } from './tables.js';

/** Most questions offered with one refusal. */
export const MAX_NEAREST = 3;
/** Most candidates actually asked (not found in the cache) for one refusal: bounds what a refusal costs. */
export const MAX_CHECKS = 6;
/**
 * Share of the question's content a ranked passage (with its headings) must cover to count as near; below it the
 * passage shares little more than a name (「平潭到福州的动车几点有」's best passages cover 0.09: only 平潭). Set from
 * the rankings of the fixture refusals; bench/nearest-questions.ts shows what it lets through.
 */
export const MIN_NEAR_COVERAGE = 0.25;

/** A question that might be offered, and where it came from. */
export interface NearCandidate {
  text: string;
  /** `phrasing`: an FAQ phrasing or hot question sharing words; `passage`: made of a near passage's own words. */
  from: 'phrasing' | 'passage';
}

/** What {@link findNearestQuestions} found. */
export interface NearestQuestions {
  /** The questions to offer, nearest first (at most {@link MAX_NEAREST}); empty when nothing near is answerable. */
  questions: string[];
  /** Candidates asked for this refusal (cache misses), at most {@link MAX_CHECKS}. */
  checked: number;
}

/** Answers whether a question gets a corpus or FAQ answer (asked where the refused question was asked). */
export type AnswerabilityCheck = (question: string) => Promise<boolean>;

/** Remembers whether questions are answerable, per index and FAQ revision, for a while. */
export interface AnswerabilityCache {
  /**
   * The verdict for `key` under `generation` (what answers: the index and the FAQ's suggestion pool, compared item by
   * item), if one younger than the time to live is kept.
   */
  get(generation: readonly object[], key: string): boolean | undefined;
  set(generation: readonly object[], key: string, answerable: boolean): void;
}

/**
 * A bounded cache of answerability verdicts.
 *
 * @param options.size - verdicts kept, least recently used dropped first. Default 5,000.
 * @param options.ttlMs - how long a verdict holds, in ms. Default 10 minutes (what answers can change in other ways:
 * a new day changes what 去年 means).
 * @remarks Another generation (a rebuilt index, an FAQ edit: the pool is a new array per revision) empties the cache,
 * so a deleted entry is never offered again and a new one is at once.
 */
export function createAnswerabilityCache(options: { size?: number; ttlMs?: number; now?: () => number } = {}): AnswerabilityCache {
  const size = options.size ?? 5000;
  const ttlMs = options.ttlMs ?? 600_000;
  const now = options.now ?? Date.now;
  const verdicts = createGenerationLru<{ answerable: boolean; at: number }>(size);
  return {
    get(generation, key) {
      const hit = verdicts.get(generation, key);
      if (!hit) return undefined;
      if (now() - hit.at > ttlMs) {
        verdicts.delete(key);
        return undefined;
      }
      return hit.answerable;
    },
    set(generation, key, answerable) {
      verdicts.set(generation, key, { answerable, at: now() });
    },
  };
}

// Enumerators that open a heading (一、 （二） (3) 4、 5. ①), not words of it.
const HEADING_NUMBER = /^(?:[（(][一二三四五六七八九十百\d]{1,4}[)）]|[一二三四五六七八九十百]{1,4}[、.．]|\d{1,3}(?:[、．]|\.(?!\d))|[①②③④⑤⑥⑦⑧⑨⑩])\s*/u;

/** A section heading as a question: its own words, without the number that opens it or a closing colon. */
export function headingQuestion(heading: string): string | null {
  const text = heading.trim().replace(HEADING_NUMBER, '').replace(/[：:，,。；;\s]+$/u, '').trim();
  return Array.from(text).length >= 4 ? text : null;
}

/** A table cell as a question: its row and column labels, in the fixed frame 「…是多少？」. */
export function cellQuestion(text: string): string | null {
  const labels = readFactLabels(text);
  return labels.length > 0 ? `${labels.join('')}是多少？` : null;
}

/** The questions a passage suggests: a cell's labels, else its section headings, innermost first. */
export function passageQuestions(index: SearchIndex, passage: number): string[] {
  const p = index.passages[passage];
  if (!p) return [];
  const texts = p.kind === 'cell' ? [cellQuestion(p.text)] : [...p.section].reverse().map(headingQuestion);
  return texts.filter((t): t is string => t !== null);
}

/** The question's content words: what it asks about (two characters or more), not the words naming the answer type. */
export function contentWords(corpus: CorpusAnswer | null): string[] {
  if (!corpus) return [];
  return corpus.analysis.concepts
    .filter((c) => !c.typeWord && !c.number)
    .flatMap((c) => [c.text, ...c.synonyms])
    .filter((w) => Array.from(w).length >= 2);
}

/**
 * The citizen's own words that set the question's scope (the agency named, a year the site has), to keep the
 * suggestion in that scope; a year no report is of is left out, so the suggestion finds the agency's other years.
 */
export function scopeWords(question: string, corpus: CorpusAnswer): string {
  // As answerFromCorpus normalizes the question: the spans are offsets into this text.
  const normalized = normalizeText(question).replace(/\s+/g, ' ').trim();
  const missing = new Set(corpus.scope.missingYears);
  return [...corpus.scope.consumed]
    .sort((a, b) => a.start - b.start)
    .filter((span) => {
      const year = /(\d{4})年/.exec(span.replacement);
      return !year || !missing.has(Number(year[1]));
    })
    .map((span) => normalized.slice(span.start, span.end).trim())
    .join('');
}

/** Questions made of the passages the retrieval ranked best for the refused question, near ones only, in rank order. */
export function passageCandidates(index: SearchIndex, question: string, corpus: CorpusAnswer | null): NearCandidate[] {
  if (!corpus) return [];
  const prefix = scopeWords(question, corpus);
  const out: NearCandidate[] = [];
  for (const ranked of corpus.ranking) {
    if (ranked.contextCoverage < MIN_NEAR_COVERAGE) continue;
    for (const text of passageQuestions(index, ranked.passage)) {
      out.push({ text: prefix && !text.includes(prefix) ? `${prefix}${text}` : text, from: 'passage' });
    }
  }
  return out;
}

/** Known questions (FAQ phrasings, hot questions) sharing words with the refused one, most shared first. */
export function phrasingCandidates(question: string, pool: readonly string[], limit = MAX_NEAREST): NearCandidate[] {
  return suggestQuestions(question, pool, limit).map((text) => ({ text, from: 'phrasing' as const }));
}

/** Both lists taken in turn (a1 b1 a2 b2 …), without the refused question or two wordings of one question. */
export function mergeCandidates(question: string, a: readonly NearCandidate[], b: readonly NearCandidate[]): NearCandidate[] {
  const seen = new Set([questionKey(question)]);
  const out: NearCandidate[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    for (const c of [a[i], b[i]]) {
      if (!c) continue;
      const key = questionKey(c.text);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

/** What {@link findNearestQuestions} looks at. */
export interface RefusedQuestion {
  question: string;
  /** The corpus's answer that refused it (its ranking and scope); null when the corpus was not asked. */
  corpus: CorpusAnswer | null;
  /** Where it was asked (the page's report), so that the cache keeps apart what is answered on which page. */
  placeKey: string;
}

/**
 * Up to {@link MAX_NEAREST} questions near a refused one that the robot answers.
 *
 * @remarks Steps: candidates (known phrasings sharing words; the near passages' headings and cell labels, in the
 * question's scope) → merged in turn, without the question itself → those holding one of the question's content
 * words first → each asked through `isAnswerable`, cached by
 * question key, until three are kept or {@link MAX_CHECKS} were asked. Verdicts are per index and pool (an FAQ edit
 * makes a new pool array).
 */
export async function findNearestQuestions(
  index: SearchIndex,
  refused: RefusedQuestion,
  pool: readonly string[],
  isAnswerable: AnswerabilityCheck,
  cache: AnswerabilityCache,
): Promise<NearestQuestions> {
  const merged = mergeCandidates(refused.question, phrasingCandidates(refused.question, pool), passageCandidates(index, refused.question, refused.corpus));
  // Those naming what the question is about first (a stable sort keeps the turns otherwise).
  const words = contentWords(refused.corpus);
  const shares = (c: NearCandidate) => (words.some((w) => c.text.includes(w)) ? 1 : 0);
  const candidates = merged.map((c, i) => ({ c, i })).sort((a, b) => shares(b.c) - shares(a.c) || a.i - b.i).map((x) => x.c);
  const questions: string[] = [];
  const generation = [index, pool];
  let checked = 0;
  for (const candidate of candidates) {
    if (questions.length >= MAX_NEAREST) break;
    const key = `${refused.placeKey}|${questionKey(candidate.text)}`;
    let answerable = cache.get(generation, key);
    if (answerable === undefined) {
      if (checked >= MAX_CHECKS) continue;
      checked++;
      answerable = await isAnswerable(candidate.text);
      cache.set(generation, key, answerable);
    }
    if (answerable) questions.push(candidate.text);
  }
  return { questions, checked };
}
