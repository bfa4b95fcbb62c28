import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../server/core/normalize.js';
import { suggestQuestions } from '../../server/core/suggest.js';
import { syntheticFaqEntries } from '../helpers/synthetic-faq.js';

/** The ranking suggestQuestions promises, computed over every candidate (how it was done before its index). */
function rankEveryCandidate(input: string, candidates: readonly string[], limit = 6): string[] {
  const grams = (text: string) => {
    const chars = Array.from(text.replace(/[^\p{Script=Han}0-9a-z]/gu, ''));
    const out = new Set<string>();
    chars.forEach((c, i) => {
      out.add(c);
      if (i + 1 < chars.length) out.add(c + chars[i + 1]!);
    });
    return out;
  };
  const typed = normalizeText(input).trim();
  const typedGrams = grams(typed);
  if (!typed || typedGrams.size === 0) return [];
  const seen = new Set<string>();
  const scored: Array<{ text: string; score: number }> = [];
  for (const text of candidates) {
    const norm = normalizeText(text);
    if (seen.has(norm)) continue;
    seen.add(norm);
    const own = grams(norm);
    let shared = 0;
    let total = 0;
    for (const g of typedGrams) {
      total += g.length;
      if (own.has(g)) shared += g.length;
    }
    const score = (norm.includes(typed) ? 1 : 0) + shared / total;
    if (score >= 0.5) scored.push({ text, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.text.length - b.text.length).slice(0, limit).map((s) => s.text);
}

describe('suggestQuestions', () => {
  const pool = ['办事大厅几点上班？', '辦事大廳幾點上班？', ...syntheticFaqEntries(5000).flatMap((e) => [e.question, ...e.alternatives])];

  it('suggests what ranking every one of 10,000 phrasings suggests, for any input', () => {
    for (const input of ['社保', '社保卡在哪', '东安区营业执照', '几点上班', '办', '公积金提取需要什么材料呢', '2015', 'abc', '？？', '辦事']) {
      expect(suggestQuestions(input, pool), input).toEqual(rankEveryCandidate(input, pool));
      expect(suggestQuestions(input, [...pool], 3), input).toEqual(rankEveryCandidate(input, pool, 3));
    }
  });

  it('follows a change of the candidates', () => {
    expect(suggestQuestions('停车', ['办事大厅可以停车吗？'])).toEqual(['办事大厅可以停车吗？']);
    expect(suggestQuestions('停车', ['办事大厅在哪里？'])).toEqual([]);
  });
});
