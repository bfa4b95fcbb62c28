// Owns matching citizens' questions to staff-curated FAQ entries, and the per-revision cache of prepared entries;
// runtime-neutral, imports no node:*, hono, nodejieba or SQLite (the entries come from a Store passed in).
import type { AdminFaqCandidate, QuestionType } from '../contract.js';
import type { FaqMatch, FaqMatcher } from './engine.js';
import { normalizeText } from './normalize.js';
import { analyzeQuestion, type TermStatistics } from './question.js';
import type { FaqEntry } from './store.js';
import { parseSynonyms, type SynonymTable } from './synonyms.js';
import type { Segmenter } from './tokenize.js';

/**
 * Score an entry needs to answer a question.
 *
 * @remarks Measured on `test/fixtures/faq-entries.json` (10 service-desk entries): the 30 paraphrases score
 * 0.65–1 (median 0.87); of 167 questions they must not answer (unrelated ones sharing a topic word, and every
 * corpus fixture question), one scores above 0, at 0.32 — the others are stopped by the kind-of-answer and key-word
 * rules, without which the nearest reach 0.84.
 */
export const FAQ_MATCH_THRESHOLD = 0.55;

/** What the matcher needs from the runtime: the segmenter and word lists the corpus answerer uses too. */
export interface FaqMatchOptions {
  segmenter: Segmenter;
  /** Citizens' words ↔ documents' words; a synonym counts 0.85 of the word. */
  synonyms?: SynonymTable;
  /** Frequency of a word in general Chinese (the segmentation dictionary); rare words weigh more. */
  generalFrequency?: (word: string) => number | undefined;
  /** Words every question on this site implies (its name: 行政服务中心): they weigh little on either side. */
  contextWords?: readonly string[];
  /** Default {@link FAQ_MATCH_THRESHOLD}. */
  threshold?: number;
  /** Entries scored precisely per question; default {@link FAQ_CANDIDATES}. `Infinity` scores every entry (the full scan, for comparison). */
  candidates?: number;
}

/** A word of a question or phrasing, with how much it counts. */
export interface FaqTerm {
  text: string;
  weight: number;
  synonyms: readonly string[];
  number: boolean;
  start: number;
  end: number;
}

/** A question or FAQ phrasing, analysed for matching. */
export interface FaqAnalysis {
  normalized: string;
  /** Normalized, without punctuation or white space. */
  compact: string;
  types: QuestionType[];
  /** What the question asks for, coarsely (see {@link answerClass}); empty for a bare keyword query. */
  asks: AnswerClass[];
  terms: FaqTerm[];
  /** Pairs of adjacent Han characters (of `compact`), for skipping entries that share nothing with a question. */
  pairs: ReadonlySet<string>;
}

/** A coarse question type: two questions match only when they ask for the same kind of answer. */
export type AnswerClass = 'phone' | 'date' | 'number' | 'person' | 'place' | 'reason' | 'how' | 'thing' | 'yesno';

/** One FAQ entry's score for a question, with the evidence behind it: what the staff hit test shows, as is. */
export type FaqCandidate = AdminFaqCandidate;

/** A question's analysis and its ranked FAQ candidates. */
export interface FaqRanking {
  analysis: FaqAnalysis;
  candidates: FaqCandidate[];
  /** The best candidate at or above the threshold, if any. */
  best: FaqCandidate | null;
  threshold: number;
  /** How many entries were scored precisely (at most {@link FAQ_CANDIDATES} with the index). */
  scored: number;
}

interface PreparedEntry {
  entry: FaqEntry;
  phrasings: FaqAnalysis[];
}

/** Enabled entries, analysed once per store revision, with the index that finds the few a question can match. */
export interface PreparedFaq {
  entries: PreparedEntry[];
  index: FaqKeyIndex;
}

/**
 * The inverted index of prepared phrasings: each key a question can share with a phrasing (a pair of adjacent Han
 * characters, a single Han character, a word, the kind of answer it asks for) → the phrasings that have it.
 */
interface FaqKeyIndex {
  /** Key → ordinals of the phrasings holding it, ascending. */
  postings: Map<string, Int32Array>;
  /** Phrasing ordinal → index of its entry in {@link PreparedFaq.entries}. */
  entryOf: Int32Array;
  /** Phrasing ordinal → its analysis. */
  phrasingAt: FaqAnalysis[];
  /** Phrasing ordinal → sum of the idf of its keys (its "length" for the overlap score). */
  mass: Float64Array;
  /** Compact text → entries with a phrasing of exactly that text (those score 1 whatever they share). */
  byCompact: Map<string, number[]>;
  phrasings: number;
}

/**
 * How many entries a question is scored against precisely, at most: the best by shared keys (see {@link rankFaq}).
 *
 * @remarks Matching costs this many entries whatever the size of the FAQ (plus one pass over the postings of the
 * question's keys). 48 keeps the indexed ranking identical to scoring every entry on the fixture questions against
 * the fixture entries mixed into 5,000 others (test/core/faq-match.test.ts); bench/faq-scale.ts measures it.
 */
export const FAQ_CANDIDATES = 64;

/**
 * How citizens word the questions a public service desk answers, beyond the corpus's synonym list: opening hours
 * are asked with 开门, 上班 or 营业 alike; 取 is 提取. Same format as `corpus/synonyms.txt`.
 *
 * @remarks Hours words are one group on purpose: 「几点开门」 and 「几点下班」 are answered by the same entry (the
 * opening hours). Keep groups to words that are interchangeable in a service question; a loose group makes the
 * robot answer with the wrong entry.
 */
export const SERVICE_SYNONYMS = `
上班 下班 开门 关门 办公 营业 开放 上下班
上班时间 下班时间 办公时间 营业时间 开放时间 工作时间 作息时间
地址 位置 地点 具体位置
办理 办 申办
查询 查 查看 查找
提取 取 支取 领取
材料 资料 证件 证明材料 手续
停车 停车场 车位 泊车
窗口 柜台
预约 预订 约
网上 网站 线上 官网 网页
大厅 办事大厅 服务大厅 政务大厅
`;

const UNIFORM: TermStatistics = { passageCount: 1000, docFrequency: () => 1, generalFrequency: () => undefined };

const SPECIFIC: ReadonlySet<QuestionType> = new Set(['phone', 'date', 'number', 'person', 'place', 'reason', 'how']);

/**
 * Words that name what a bare keyword query asks for (「办事大厅上班时间」 asks for a time): a question without a
 * question word is classed by them.
 */
const IMPLIED: Array<[AnswerClass, RegExp]> = [
  ['date', /时间|时候|日期|几点/],
  ['place', /地址|地点|位置|去哪|哪去|在哪|什么地方/],
  ['phone', /电话|热线|号码|联系方式/],
  ['how', /流程|步骤|程序|办法|方法/],
];

/** Words that stand for an answer of a class: 「时间」 is answered by a time, 「地址」 by a place. */
const CLASS_NOUNS: Partial<Record<AnswerClass, RegExp>> = {
  date: /^(?:时间|时候|日期|工作时间|上班时间|办公时间|营业时间|早上|上午|中午|下午|晚上|周末|周六|周日|星期[一二三四五六日天]?|工作日|节假日)$/,
  place: /^(?:地址|地点|位置|地方)$/,
  phone: /^(?:电话|热线|号码|联系方式|电话号码)$/,
  number: /^(?:数量|多少|时长)$/,
};

/**
 * The kinds of answer a question asks for.
 *
 * @remarks `place` and `how` go together (「在哪查」 is asked as 「怎么查」); `list` and `what` are one class
 * (「哪些材料」 = 「什么材料」); `yesno` alone is compatible with any class, and a question with no question word at all
 * (a bare keyword query) is classed by the nouns it uses ({@link IMPLIED}) or not at all.
 */
export function answerClass(types: readonly QuestionType[], normalized: string): AnswerClass[] {
  const out = new Set<AnswerClass>();
  for (const t of types) if (SPECIFIC.has(t)) out.add(t as AnswerClass);
  if (out.has('place') || out.has('how')) {
    out.add('place');
    out.add('how');
  }
  if (out.size > 0) return [...out];
  if (types.includes('list') || /什么|啥|哪个|哪种/.test(normalized)) return ['thing'];
  if (types.includes('yesno')) return ['yesno'];
  for (const [cls, re] of IMPLIED) if (re.test(normalized)) out.add(cls);
  if (out.has('place')) out.add('how');
  return [...out];
}

/**
 * Whether an entry answers the kind of question asked. A yes-or-no question may be answered by any kind of entry
 * (「周六上班吗」 by the opening hours), but a yes-or-no entry answers only yes-or-no and keyword questions
 * (「办事大厅可以停车吗」 does not tell where the hall is).
 */
function sameKind(question: readonly AnswerClass[], entry: readonly AnswerClass[]): boolean {
  if (question.length === 0) return true;
  if (question.includes('yesno')) return true;
  if (entry.length === 0) return true;
  return question.some((x) => entry.includes(x));
}

/**
 * How informative a word is, from its frequency in general Chinese: 1 for most words (营业执照, 停车, 开门) and
 * words the dictionary lacks, less for the everyday words questions are padded with (时间 0.57, 需要 0.61, 工作 0.45).
 */
export function informativeness(generalFrequency: number | undefined): number {
  if (generalFrequency === undefined || generalFrequency <= 3000) return 1;
  return Math.max(0.4, 1 - (0.6 * Math.log(generalFrequency / 3000)) / Math.log(30));
}

const mergedSynonyms = new WeakMap<FaqMatchOptions, SynonymTable>();

/** The corpus's synonym table merged with {@link SERVICE_SYNONYMS}. */
function synonymsFor(options: FaqMatchOptions): SynonymTable {
  let table = mergedSynonyms.get(options);
  if (!table) {
    const merged = new Map<string, Set<string>>();
    for (const source of [parseSynonyms(SERVICE_SYNONYMS, normalizeText), options.synonyms ?? new Map()]) {
      for (const [word, others] of source) {
        const set = merged.get(word) ?? new Set<string>();
        for (const o of others) set.add(o);
        merged.set(word, set);
      }
    }
    table = new Map([...merged].map(([w, set]) => [w, [...set]]));
    mergedSynonyms.set(options, table);
  }
  return table;
}

/** Analyses a question or an FAQ phrasing: its question types and its weighted content words. */
export function analyzeFaqText(text: string, options: FaqMatchOptions): FaqAnalysis {
  const analysis = analyzeQuestion(text, options.segmenter, UNIFORM, synonymsFor(options));
  const context = new Set(options.contextWords ?? []);
  const terms: FaqTerm[] = analysis.concepts.map((c) => {
    let weight = c.number ? 1 : informativeness(options.generalFrequency?.(c.text));
    if (!c.number && Array.from(c.text).length === 1) weight *= 0.3;
    if (context.has(c.text)) weight *= 0.25;
    return { text: c.text, weight, synonyms: c.synonyms, number: c.number, start: c.start, end: c.end };
  });
  const compact = compactText(analysis.normalized);
  return {
    normalized: analysis.normalized,
    compact,
    types: analysis.types,
    asks: answerClass(analysis.types, analysis.normalized),
    terms,
    pairs: hanPairs(compact),
  };
}

function hanPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let k = 0; k + 1 < text.length; k++) {
    const pair = text.slice(k, k + 2);
    if (isHanPair(pair)) pairs.add(pair);
  }
  return pairs;
}

/**
 * False when no word of the question can get any credit from the phrasing (no shared character pair, word,
 * synonym or class noun): its score is 0 without scoring it. Keeps matching cheap with hundreds of entries.
 */
function mayShare(question: FaqAnalysis, phrasing: FaqAnalysis): boolean {
  // The question's pairs come from its normalized text, as credit() reads them (pairs across a word's edge count).
  for (let k = 0; k + 1 < question.normalized.length; k++) {
    if (phrasing.pairs.has(question.normalized.slice(k, k + 2))) return true;
  }
  for (const t of question.terms) {
    if (phrasing.compact.includes(t.text)) return true;
    for (const s of t.synonyms) if (s.length > 1 ? phrasing.compact.includes(s) : phrasing.terms.some((o) => o.text === s)) return true;
    if (phrasing.asks.some((cls) => CLASS_NOUNS[cls]?.test(t.text))) return true;
  }
  return false;
}

function compactText(normalized: string): string {
  return normalized.replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, '');
}

function isHanPair(pair: string): boolean {
  return pair.length === 2 && /^\p{Script=Han}{2}$/u.test(pair);
}

/**
 * How well the other text covers one term: 1 when it has the word, 0.85 a synonym, 0.85 a word of the class the
 * other asks for (「时间」 against a 几点 question); otherwise up to 0.8 for the share of the word's characters found
 * in character pairs of the other text (「停车场」 against 「停车」).
 */
function credit(term: FaqTerm, source: FaqAnalysis, other: FaqAnalysis): number {
  if (term.number) return new RegExp(`(?<![0-9.])${term.text.replace(/\./g, '\\.')}(?![0-9])`).test(other.compact) ? 1 : 0;
  if (other.compact.includes(term.text)) return 1;
  // A one-character synonym (取 for 提取) counts only as a word of its own, not inside another (取 in 取号). Unlike
  // the corpus answerer, a synonym that is another word of the question still counts: 「几点上班 周末开门吗」 says the
  // same thing twice, and the entry saying it once covers both.
  if (term.synonyms.some((s) => (s.length > 1 ? other.compact.includes(s) : other.terms.some((t) => t.text === s)))) return 0.85;
  if (other.asks.some((cls) => CLASS_NOUNS[cls]?.test(term.text))) return 0.85;
  const text = source.normalized;
  let covered = 0;
  for (let k = term.start; k < term.end; k++) {
    const left = text.slice(k - 1, k + 1);
    const right = text.slice(k, k + 2);
    if ((k > 0 && isHanPair(left) && other.compact.includes(left)) || (isHanPair(right) && other.compact.includes(right))) {
      covered++;
    }
  }
  const length = term.end - term.start;
  return length > 0 ? (0.8 * covered) / length : 0;
}

function coverage(from: FaqAnalysis, to: FaqAnalysis) {
  let total = 0;
  let got = 0;
  let heaviestShared = 0;
  const shared: string[] = [];
  const missing: FaqTerm[] = [];
  const absent: FaqTerm[] = [];
  for (const term of from.terms) {
    const c = credit(term, from, to);
    total += term.weight;
    got += term.weight * c;
    if (c >= 0.5) {
      shared.push(term.text);
      heaviestShared = Math.max(heaviestShared, term.weight);
    } else {
      missing.push(term);
      // Less than a third of its characters' pairs: absent, not merely cut differently (jieba's 查办 in 怎么查办件).
      if (c < 0.3) absent.push(term);
    }
  }
  return { share: total > 0 ? got / total : 0, shared, missing, absent, heaviestShared };
}

/** Weight from which a word the other side lacks can decide that two questions are about different things. */
const KEY_WORD_WEIGHT = 0.8;

/**
 * Scores one phrasing against a question: the geometric mean of the two coverages (each side must have most of
 * what the other says); 1 for the same words.
 *
 * @remarks Zero when they ask for different kinds of answer (「办事大厅几点上班」 is not 「办事大厅在哪里」), and zero when
 * the question's key word is missing: a word it has that the phrasing lacks, at least as informative as every word
 * they share (「社保卡丢了怎么补办」 shares 社保卡 with 「社保卡在哪里办理」, but 补办 is what it asks about).
 */
export function scorePhrasing(question: FaqAnalysis, phrasing: FaqAnalysis): Omit<FaqCandidate, 'id' | 'question' | 'phrasing'> {
  const kind = sameKind(question.asks, phrasing.asks);
  const q = coverage(question, phrasing);
  const e = coverage(phrasing, question);
  const keyMissing = q.absent.filter((t) => t.weight >= KEY_WORD_WEIGHT && t.weight >= q.heaviestShared).map((t) => t.text);
  let score = Math.sqrt(q.share * e.share);
  if (question.compact && question.compact === phrasing.compact) score = 1;
  else if (!kind || keyMissing.length > 0) score = 0;
  return {
    score,
    queryCoverage: q.share,
    entryCoverage: e.share,
    sameKind: kind,
    shared: q.shared,
    missing: q.missing.map((t) => t.text),
    keyWordMissing: keyMissing.length > 0,
  };
}

const NOTHING_SHARED: Omit<FaqCandidate, 'id' | 'question' | 'phrasing'> = {
  score: 0,
  queryCoverage: 0,
  entryCoverage: 0,
  sameKind: true,
  shared: [],
  missing: [],
  keyWordMissing: false,
};

/** The keys a phrasing offers to questions (see {@link FaqKeyIndex}). */
function phrasingKeys(phrasing: FaqAnalysis): Set<string> {
  const keys = new Set<string>();
  const { compact } = phrasing;
  for (let k = 0; k < compact.length; k++) {
    const ch = compact[k]!;
    if (/\p{Script=Han}/u.test(ch)) {
      keys.add(`u:${ch}`);
      const pair = compact.slice(k, k + 2);
      if (isHanPair(pair)) keys.add(pair);
    }
  }
  for (const t of phrasing.terms) keys.add(`t:${t.text}`);
  for (const cls of phrasing.asks) keys.add(`c:${cls}`);
  return keys;
}

function idfOf(index: FaqKeyIndex, key: string): number {
  const df = index.postings.get(key)?.length ?? 0;
  return df === 0 ? 0 : Math.log(1 + index.phrasings / df);
}

function buildKeyIndex(entries: readonly PreparedEntry[]): FaqKeyIndex {
  const lists = new Map<string, number[]>();
  const entryOf: number[] = [];
  const phrasingAt: FaqAnalysis[] = [];
  const keysOf: string[][] = [];
  const byCompact = new Map<string, number[]>();
  entries.forEach((prepared, e) => {
    for (const phrasing of prepared.phrasings) {
      const ordinal = entryOf.length;
      entryOf.push(e);
      phrasingAt.push(phrasing);
      const keys = [...phrasingKeys(phrasing)];
      keysOf.push(keys);
      for (const key of keys) {
        const list = lists.get(key);
        if (list) list.push(ordinal);
        else lists.set(key, [ordinal]);
      }
      if (phrasing.compact) {
        const same = byCompact.get(phrasing.compact) ?? [];
        if (same[same.length - 1] !== e) same.push(e);
        byCompact.set(phrasing.compact, same);
      }
    }
  });
  const index: FaqKeyIndex = {
    postings: new Map([...lists].map(([k, list]) => [k, Int32Array.from(list)])),
    entryOf: Int32Array.from(entryOf),
    phrasingAt,
    mass: new Float64Array(entryOf.length),
    byCompact,
    phrasings: entryOf.length,
  };
  keysOf.forEach((keys, ordinal) => {
    let mass = 0;
    for (const key of keys) mass += idfOf(index, key);
    index.mass[ordinal] = mass;
  });
  return index;
}

/**
 * The keys of a question, each with the weight of the heaviest term it stands for: for a term, the character pairs
 * inside it and across its edges (what {@link credit} reads), the character itself for a one-character term, the
 * word for a number or Latin word, its synonyms likewise, and the kinds of answer its word names (「时间」: date).
 */
function questionKeys(question: FaqAnalysis): Map<string, number> {
  const keys = new Map<string, number>();
  const add = (key: string, weight: number) => {
    if ((keys.get(key) ?? 0) < weight) keys.set(key, weight);
  };
  const addText = (text: string, weight: number) => {
    if (!/\p{Script=Han}/u.test(text)) return add(`t:${text}`, weight);
    if (text.length === 1) return add(`u:${text}`, weight);
    for (let k = 0; k + 1 < text.length; k++) {
      const pair = text.slice(k, k + 2);
      if (isHanPair(pair)) add(pair, weight);
    }
  };
  const text = question.normalized;
  for (const term of question.terms) {
    addText(term.text, term.weight);
    for (const edge of [text.slice(term.start - 1, term.start + 1), text.slice(term.end - 1, term.end + 1)]) {
      if (term.start > 0 && isHanPair(edge)) add(edge, term.weight);
    }
    for (const synonym of term.synonyms) {
      if (synonym.length === 1) add(`t:${synonym}`, term.weight * 0.85);
      else addText(synonym, term.weight * 0.85);
    }
    for (const [cls, noun] of Object.entries(CLASS_NOUNS)) if (noun.test(term.text)) add(`c:${cls}`, term.weight * 0.85);
  }
  return keys;
}

/**
 * The entries worth scoring for a question: the `limit` whose phrasings share the most with it (idf-weighted keys,
 * over the square root of the phrasing's own key mass, so a short phrasing sharing as much ranks first), among the
 * phrasings that ask for the same kind of answer, and every entry with a phrasing of exactly the question's text.
 * Ascending entry order.
 */
function candidateEntries(prepared: PreparedFaq, question: FaqAnalysis, limit: number): number[] {
  const { index } = prepared;
  const overlap = new Float64Array(index.phrasings);
  const touched: number[] = [];
  for (const [key, weight] of questionKeys(question)) {
    const postings = index.postings.get(key);
    if (!postings) continue;
    const gain = weight * Math.log(1 + index.phrasings / postings.length);
    for (let i = 0; i < postings.length; i++) {
      const p = postings[i]!;
      if (overlap[p] === 0) touched.push(p);
      overlap[p] = overlap[p]! + gain;
    }
  }
  const best = new Float64Array(prepared.entries.length).fill(-1);
  const entries: number[] = [];
  for (const p of touched) {
    // A phrasing asking for another kind of answer scores 0 (unless it is the question's very text, added below).
    if (!sameKind(question.asks, index.phrasingAt[p]!.asks)) continue;
    const e = index.entryOf[p]!;
    if (best[e] === -1) entries.push(e);
    if (best[e]! < overlap[p]!) best[e] = overlap[p]!;
  }
  const chosen = new Set(topEntries(entries, best, limit));
  for (const e of index.byCompact.get(question.compact) ?? []) chosen.add(e);
  return [...chosen].sort((a, b) => a - b);
}

/** The `limit` entries of highest score (the lower index first among equals), in no particular order: a bounded heap. */
function topEntries(entries: readonly number[], score: Float64Array, limit: number): number[] {
  if (entries.length <= limit) return [...entries];
  // `worse(a, b)`: a ranks below b. The heap keeps the worst of the kept ones at its root.
  const worse = (a: number, b: number) => score[a]! < score[b]! || (score[a] === score[b] && a > b);
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const e of entries) {
    if (heap.length < limit) {
      heap.push(e);
      up(heap.length - 1);
    } else if (worse(heap[0]!, e)) {
      heap[0] = e;
      down(0);
    }
  }
  return heap;
}

/**
 * Analyses enabled entries (question and alternatives) for matching, and indexes them.
 *
 * @param previous - the last revision's preparation: phrasings whose text did not change keep their analysis, so
 * an edit of one entry does not re-segment thousands.
 */
export function prepareFaq(entries: readonly FaqEntry[], options: FaqMatchOptions, previous?: PreparedFaq): PreparedFaq {
  const known = new Map<string, FaqAnalysis>();
  for (const p of previous?.entries ?? []) {
    [p.entry.question, ...p.entry.alternatives].filter((t) => t.trim()).forEach((t, i) => known.set(t, p.phrasings[i]!));
  }
  const prepared = entries
    .filter((e) => e.enabled)
    .map((entry) => ({
      entry,
      phrasings: [entry.question, ...entry.alternatives].filter((p) => p.trim()).map((p) => known.get(p) ?? analyzeFaqText(p, options)),
    }));
  return { entries: prepared, index: buildKeyIndex(prepared) };
}

/**
 * Ranks prepared entries for a question, best first; an entry's score is its best phrasing's.
 *
 * @param limit - most candidates returned (the best match is chosen among all scored). Default 5.
 * @param candidates - how many entries are scored precisely, chosen by the index; default the options' or {@link FAQ_CANDIDATES},
 * `Infinity` scores every entry (the full scan the index is tested against).
 * @remarks The precise score ({@link scorePhrasing}) is what decides; the index only picks which entries get it:
 * those sharing the most idf-weighted keys with the question. An entry sharing no key cannot score above 0.
 */
export function rankFaq(
  prepared: PreparedFaq,
  question: string,
  options: FaqMatchOptions,
  limit = 5,
  candidates = options.candidates ?? FAQ_CANDIDATES,
): FaqRanking {
  const threshold = options.threshold ?? FAQ_MATCH_THRESHOLD;
  const analysis = analyzeFaqText(question, options);
  const chosen = candidates >= prepared.entries.length ? prepared.entries : candidateEntries(prepared, analysis, candidates).map((e) => prepared.entries[e]!);
  const ranked = scoreEntries(chosen, analysis);
  const top = ranked[0];
  return {
    analysis,
    candidates: ranked.slice(0, limit),
    best: top && top.score >= threshold && analysis.terms.length > 0 ? top : null,
    threshold,
    scored: chosen.length,
  };
}

/** Scores entries precisely, best first. */
function scoreEntries(entries: readonly PreparedEntry[], analysis: FaqAnalysis): FaqCandidate[] {
  const candidates: FaqCandidate[] = [];
  for (const { entry, phrasings } of entries) {
    let best: FaqCandidate | null = null;
    phrasings.forEach((p, i) => {
      const scored =
        mayShare(analysis, p) || analysis.compact === p.compact
          ? scorePhrasing(analysis, p)
          : { ...NOTHING_SHARED, sameKind: sameKind(analysis.asks, p.asks), missing: analysis.terms.map((t) => t.text) };
      if (!best || scored.score > best.score) {
        best = { id: entry.id, question: entry.question, phrasing: i === 0 ? entry.question : entry.alternatives[i - 1]!, ...scored };
      }
    });
    if (best) candidates.push(best);
  }
  return candidates.sort((a, b) => b.score - a.score || b.queryCoverage - a.queryCoverage || a.id - b.id);
}

/** Where the matcher reads entries from: the Store satisfies it. */
export interface FaqSource {
  faqRevision(): Promise<number>;
  listFaq(options: { enabledOnly: true }): Promise<FaqEntry[]>;
}

/** FAQ answering over a store, refreshed when the store's revision changes. */
export interface FaqIndex {
  /** The engine's FAQ hook: the best entry above the threshold, or null. */
  match: FaqMatcher;
  /** The hit test's view: analysis and ranked candidates. */
  rank(question: string, limit?: number): Promise<FaqRanking>;
  /** Enabled entries (cached per revision). */
  entries(): Promise<FaqEntry[]>;
  /** Questions of enabled entries marked hot. */
  hotQuestions(): Promise<string[]>;
  /** Questions and alternatives of enabled entries, for type-ahead suggestions. */
  suggestionPool(): Promise<string[]>;
}

/**
 * Creates the FAQ index over a store.
 *
 * @remarks Edits take effect on the next question: each call reads the store's revision (one indexed row) and
 * re-prepares the enabled entries when it changed; concurrent questions share one reload.
 */
export function createFaqIndex(source: FaqSource, options: FaqMatchOptions): FaqIndex {
  interface Snapshot {
    revision: number;
    entries: FaqEntry[];
    prepared: PreparedFaq;
    /** Matches already computed for this revision, by normalized question. */
    memo?: Map<string, FaqMatch | null>;
    /** Questions and alternatives, for suggestions. */
    pool?: string[];
    /** The hot entries' questions. */
    hot?: string[];
  }
  let cached: Snapshot | null = null;
  let loading: { revision: number; promise: Promise<Snapshot> } | null = null;
  const current = async (): Promise<Snapshot> => {
    const revision = await source.faqRevision();
    if (cached && cached.revision === revision) return cached;
    // Share a reload only with questions that saw the same revision: one asked after an edit never gets the old list.
    if (!loading || loading.revision !== revision) {
      const promise = source.listFaq({ enabledOnly: true }).then((entries) => {
        const snapshot: Snapshot = { revision, entries, prepared: prepareFaq(entries, options, cached?.prepared) };
        cached = snapshot;
        return snapshot;
      });
      loading = { revision, promise };
      promise.then(
        () => {
          if (loading?.promise === promise) loading = null;
        },
        () => {
          if (loading?.promise === promise) loading = null;
        },
      );
    }
    return loading.promise;
  };
  const toMatch = (entry: FaqEntry, score: number): FaqMatch => ({
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    link: entry.link,
    score,
  });
  return {
    async match(question) {
      const snapshot = await current();
      const { prepared } = snapshot;
      if (prepared.entries.length === 0) return null;
      // Popular questions recur: remember this revision's matches (a new revision is a new snapshot, a new memo).
      const memo = (snapshot.memo ??= new Map());
      const key = normalizeText(question).replace(/\s+/g, ' ').trim();
      if (memo.has(key)) return memo.get(key)!;
      const { best } = rankFaq(prepared, question, options, 1);
      const match = best ? toMatch(prepared.entries.find((p) => p.entry.id === best.id)!.entry, best.score) : null;
      if (memo.size >= 2000) memo.delete(memo.keys().next().value!);
      memo.set(key, match);
      return match;
    },
    async rank(question, limit = 5) {
      return rankFaq((await current()).prepared, question, options, limit);
    },
    async entries() {
      return (await current()).entries;
    },
    async hotQuestions() {
      // The same array for a revision, like the pool: the app merges it with the site's once, not per answer.
      const snapshot = await current();
      return (snapshot.hot ??= snapshot.entries.filter((e) => e.hot).map((e) => e.question));
    },
    async suggestionPool() {
      // The same array for a revision: suggestions keep their index of it (core/suggest.ts).
      const snapshot = await current();
      return (snapshot.pool ??= snapshot.entries.flatMap((e) => [e.question, ...e.alternatives]));
    },
  };
}

/** The words of a site's name, as context words for {@link FaqMatchOptions.contextWords} (牡丹江市行政服务中心). */
export function contextWordsOf(siteName: string, segmenter: Segmenter): string[] {
  return analyzeQuestion(siteName, segmenter, UNIFORM, new Map()).concepts.map((c) => c.text).concat(normalizeText(siteName));
}
