// Owns type-ahead suggestions: ranking known questions (hot questions, FAQ entries) against what the citizen has
// typed so far; runtime-neutral, imports only normalization.
import { normalizeText } from './normalize.js';

function grams(text: string): Set<string> {
  const chars = Array.from(text.replace(/[^\p{Script=Han}0-9a-z]/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i]!);
    if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

interface PreparedPool {
  candidates: readonly string[];
  /** Distinct candidates (by normalized text, first kept), in order: text as given, normalized text. */
  texts: string[];
  normalized: string[];
  /** Character or character pair → ordinals (into `texts`) of the candidates holding it, ascending. */
  postings: Map<string, number[]>;
}

function preparePool(candidates: readonly string[]): PreparedPool {
  const pool: PreparedPool = { candidates, texts: [], normalized: [], postings: new Map() };
  const seen = new Set<string>();
  for (const text of candidates) {
    const norm = normalizeText(text);
    if (seen.has(norm)) continue;
    seen.add(norm);
    const ordinal = pool.texts.length;
    pool.texts.push(text);
    pool.normalized.push(norm);
    for (const g of grams(norm)) {
      const list = pool.postings.get(g);
      if (list) list.push(ordinal);
      else pool.postings.set(g, [ordinal]);
    }
  }
  return pool;
}

/**
 * The last few pools prepared, reused while the same candidates come again (the FAQ's phrasings change only with
 * an edit): checking the strings one by one costs microseconds, normalizing and indexing thousands costs tens of ms.
 */
const recentPools: PreparedPool[] = [];

function poolFor(candidates: readonly string[]): PreparedPool {
  const found = recentPools.find((p) => p.candidates === candidates || (p.candidates.length === candidates.length && p.candidates.every((c, i) => c === candidates[i])));
  if (found) return found;
  const pool = preparePool(candidates);
  recentPools.unshift(pool);
  if (recentPools.length > 4) recentPools.pop();
  return pool;
}

/**
 * Ranks candidate questions for a partial input: a candidate containing the typed text ranks first, then by the
 * share of the input's characters and character pairs it contains. Candidates sharing nothing are left out.
 *
 * @param limit - most suggestions returned. Default 6.
 * @remarks Only candidates sharing a character with the input are looked at, through an index of the candidates'
 * characters and pairs kept for the last few candidate lists: with 10,000 FAQ phrasings a suggestion costs the
 * postings of the typed characters, not a pass over every phrasing.
 */
export function suggestQuestions(input: string, candidates: readonly string[], limit = 6): string[] {
  const typed = normalizeText(input).trim();
  if (!typed) return [];
  const typedGrams = grams(typed);
  if (typedGrams.size === 0) return [];
  const pool = poolFor(candidates);
  let total = 0;
  for (const g of typedGrams) total += g.length;
  const shared = new Map<number, number>();
  for (const g of typedGrams) {
    for (const ordinal of pool.postings.get(g) ?? []) shared.set(ordinal, (shared.get(ordinal) ?? 0) + g.length);
  }
  const scored: Array<{ ordinal: number; score: number }> = [];
  for (const [ordinal, count] of shared) {
    const score = (pool.normalized[ordinal]!.includes(typed) ? 1 : 0) + count / total;
    if (score >= 0.5) scored.push({ ordinal, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || pool.texts[a.ordinal]!.length - pool.texts[b.ordinal]!.length || a.ordinal - b.ordinal)
    .slice(0, limit)
    .map((s) => pool.texts[s.ordinal]!);
}
