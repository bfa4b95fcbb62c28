// Owns 知识推荐 (related questions): up to three other questions the robot answers well, shown under an answer;
// runtime-neutral, imports only the question key and the suggestion ranking.
import { questionKey } from './store.js';
import { suggestQuestions } from './suggest.js';

/** Most related questions under one answer. */
export const MAX_RELATED = 3;

/**
 * Questions to offer under the answer to `question`: the answerable questions (FAQ phrasings, hot questions) that
 * share most words with it, then the hot questions, never the question itself or two wordings of one question.
 *
 * @param answerable - questions the robot answers (enabled FAQ entries' phrasings and the hot questions).
 * @param hot - the hot questions, in the site's order: the fallback when nothing shares a word.
 * @param exclude - wordings already answered here (the FAQ entry's own question), left out like the question.
 */
export function relatedQuestions(question: string, answerable: readonly string[], hot: readonly string[], exclude: readonly string[] = []): string[] {
  const seen = new Set([question, ...exclude].map(questionKey));
  const out: string[] = [];
  // A few more than needed: some are the question itself in other words.
  for (const candidate of [...suggestQuestions(question, answerable, MAX_RELATED * 3), ...hot]) {
    const key = candidateKey(candidate);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(candidate);
    if (out.length === MAX_RELATED) break;
  }
  return out;
}

/**
 * Keys of the candidates seen lately: the same few hundred FAQ phrasings and hot questions come under answer after
 * answer, and their keys never change (at most 10,000 kept; then forgotten all at once).
 */
const candidateKeys = new Map<string, string>();

function candidateKey(candidate: string): string {
  let key = candidateKeys.get(candidate);
  if (key === undefined) {
    if (candidateKeys.size >= 10_000) candidateKeys.clear();
    candidateKeys.set(candidate, (key = questionKey(candidate)));
  }
  return key;
}

/**
 * The hot questions to show: the staff-marked FAQ entries first, then the site's configured ones (marking one entry
 * hot adds it; it never hides the site's defaults), without repeats.
 */
export function mergeHotQuestions(staffMarked: readonly string[], siteDefaults: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...staffMarked, ...siteDefaults].filter((q) => {
    const key = questionKey(q);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
