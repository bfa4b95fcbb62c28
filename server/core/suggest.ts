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

/**
 * Ranks candidate questions for a partial input: a candidate containing the typed text ranks first, then by the
 * share of the input's characters and character pairs it contains. Candidates sharing nothing are left out.
 *
 * @param limit - most suggestions returned. Default 6.
 */
export function suggestQuestions(input: string, candidates: readonly string[], limit = 6): string[] {
  const typed = normalizeText(input).trim();
  if (!typed) return [];
  const typedGrams = grams(typed);
  if (typedGrams.size === 0) return [];
  const seen = new Set<string>();
  const scored: Array<{ text: string; score: number }> = [];
  for (const text of candidates) {
    const norm = normalizeText(text);
    if (seen.has(norm)) continue;
    seen.add(norm);
    const candidateGrams = grams(norm);
    let shared = 0;
    for (const g of typedGrams) if (candidateGrams.has(g)) shared += g.length;
    let total = 0;
    for (const g of typedGrams) total += g.length;
    const score = (norm.includes(typed) ? 1 : 0) + shared / total;
    if (score >= 0.5) scored.push({ text, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.text.length - b.text.length)
    .slice(0, limit)
    .map((s) => s.text);
}
