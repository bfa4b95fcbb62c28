// Owns questions that ask two or three things at once (「…复议后又去法院起诉的有多少件？其中判维持的几件？」): the split
// into clauses, and what a later clause inherits from the first (its agency, year and subject), so that each clause
// can be answered on its own and the answers quoted one after another. Pure, runtime-neutral.
import { tokenize, type Segmenter } from './tokenize.js';

/** Most clauses answered separately; further ones stay with the last. */
export const MAX_CLAUSES = 3;

/** What a clause needs to be a question of its own. */
const ASKS = /多少|几[个件条项次名家篇天人]?|哪|什么|啥|怎么|咋|如何|为什么|为何|是否|有没有|是不是|吗|么/;
/** Where a question splits: its question marks and semicolons, and full stops between questions. */
const BREAK = /[？?；;。!！]+/;
/** The asking part of a clause, left out of what a later clause inherits. */
const ASKING = /(?:一共|总共|共|分别|大概|大约)?(?:有|是|为)?(?:多少|几)(?:[个件条项次名家篇天人位份期场批]|万元|元)?|什么|哪些|哪个|哪里|哪儿|啥|怎么样|怎么|咋|如何|为什么|为何|是否|有没有|是不是|吗|呢|么/g;

/** The words a segmenter's dictionary says are verbs, adjectives, adverbs or particles (not a clause's subject). */
export interface WordClasses {
  isFunctionWord(word: string): boolean;
}

/**
 * The clauses of a question that asks several things, each a question of its own; a single-element list when it
 * asks one thing (or its parts are not each a question).
 *
 * @remarks Steps: split at question marks, semicolons and full stops → keep pieces that ask something → when two
 * or more do, a later one is also offered with the first's subject before its own words ({@link inheritedContext}):
 * 「其中判维持的几件」 needs it, 「办公地址在哪」 does not; the caller answers both ways and keeps the better.
 */
export interface Clause {
  /** The clause as the citizen wrote it. */
  alone: string;
  /** A later clause with the first clause's subject before it; null for the first. */
  inherited: string | null;
}

export function splitCompound(normalized: string, segmenter: Segmenter, classes: WordClasses): Clause[] {
  const pieces = normalized
    .split(BREAK)
    .map((p) => p.trim().replace(/^[，,、\s]+|[，,、\s]+$/g, ''))
    .filter(Boolean);
  if (pieces.length < 2 || !pieces.every((p) => ASKS.test(p))) return [{ alone: normalized, inherited: null }];
  const clauses = pieces.length <= MAX_CLAUSES ? pieces : [...pieces.slice(0, MAX_CLAUSES - 1), pieces.slice(MAX_CLAUSES - 1).join('？')];
  const context = inheritedContext(clauses[0]!, segmenter, classes);
  return clauses.map((c, i) => ({
    alone: c,
    inherited: i === 0 || !context ? null : `${context} ${c.replace(/^(?:其中|那么|那|另外|还有|以及|并且|而且|同时)/, '')}`,
  }));
}

/**
 * What a later clause inherits from the first: its words without the asking part and without verbs, adjectives and
 * particles (「2024年平潭…复议后又去法院起诉的有多少件」 → 「2024年 平潭 信息公开 法院」), so that 「其中判维持的几件」 asks
 * about the same cases of the same report.
 */
export function inheritedContext(first: string, segmenter: Segmenter, classes: WordClasses): string {
  const stripped = first.replace(ASKING, ' ');
  // The longest word at each place, left to right: search mode also gives the shorter words inside it.
  const words: string[] = [];
  let at = 0;
  const tokens = tokenize(stripped, segmenter).sort((a, b) => a.start - b.start || b.end - a.end);
  for (const t of tokens) {
    if (t.start < at) continue;
    at = t.end;
    const next = stripped.slice(t.end, t.end + 1);
    if (/^\d+$/.test(t.word)) {
      words.push(next === '年' ? `${t.word}年` : t.word);
      continue;
    }
    if (t.word === '年' && /\d$/.test(stripped.slice(0, t.start))) continue;
    if (Array.from(t.word).length < 2 || classes.isFunctionWord(t.word)) continue;
    words.push(t.word);
  }
  return words.join(' ');
}
