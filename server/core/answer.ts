// Owns answering from the corpus: candidate retrieval, ranking by what the question asks for, abstention, and the
// verbatim extract with its citation; runtime-neutral, imports no node:*, hono or nodejieba.
import type { ContactPoint, Highlight, QuestionType, Source } from '../contract.js';
import { createNameMatcher, retrieveCandidates } from './retrieval.js';
import { findAgencyMentions, type AgencyDirectory } from './agencies.js';
import { chooseContacts } from './contacts.js';
import { resolveScope, type AnswerScope, type AskContext } from './scope.js';
import { cachedDocumentRanges, scopedPassageCount, scopedRetrieval, scopedStatistics, SCOPED_STATISTICS_LIMIT } from './scope-stats.js';
import { TOTAL_LABELS } from './report-template.js';
import { readYears } from './years.js';
import { normalizeText, normalizeWithOffsets } from './normalize.js';
import {
  analyzeQuestion,
  inverseDocumentFrequency,
  type Concept,
  type QuestionAnalysis,
  type TermStatistics,
} from './question.js';
import type { JiebaDictionary } from './jieba.js';
import type { IndexedPassage, SearchIndex } from './search-index.js';
import type { SynonymTable } from './synonyms.js';

/** Tuning of the corpus answerer. Defaults are measured on the fixture questions (see BENCHMARKS.md). */
export interface AnswerOptions {
  /** Candidates taken from the index before re-ranking. Default 60. */
  candidates: number;
  /**
   * Share of the question's informative content (idf-weighted) that the best passage, with its headings, must
   * cover; below it the robot says it does not know. Default 0.55.
   */
  minCoverage: number;
  /** Total informativeness a question needs before it is answered at all (「公开了什么」 is too vague). Default 1.2. */
  minInformation: number;
  /** Longest answer, in characters, when widening to a list or neighbours. Default 360. */
  maxAnswerLength: number;
  /**
   * Postings the index lookup may walk: the question's rarest terms are looked up until their document frequencies
   * add up to this. Default 3000 (on a corpus of a few reports every term fits; on thousands the common ones drop).
   */
  postingBudget: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  candidates: 60,
  minCoverage: 0.55,
  minInformation: 1.2,
  maxAnswerLength: 360,
  postingBudget: 3000,
};

/** One ranked candidate, with the evidence behind its score (shown by the staff hit test). */
export interface ScoredPassage {
  passage: number;
  score: number;
  /** Share of the question's content the passage text covers. */
  coverage: number;
  /** The same, counting its section headings and document title too. */
  contextCoverage: number;
  /** Bonus (or malus) for containing what the question asks for. */
  typeFit: number;
  /** MiniSearch BM25 score, relative to the best candidate. */
  retrieval: number;
  /** For each concept of the question, how well the passage with its context covers it (0–1). */
  credits: number[];
}

/** The corpus's answer to a question (or its reason for not answering). */
export interface CorpusAnswer {
  matched: 'corpus' | 'none';
  answer: string;
  sources: Source[];
  highlights: Highlight[];
  year: number | null;
  /** Passages quoted, in order. */
  passages: number[];
  analysis: QuestionAnalysis;
  /** Best candidates, best first (at most 5), for explaining the choice. */
  ranking: ScoredPassage[];
  /** Why the robot did not answer, when it did not. */
  reason?: 'vague' | 'not-covered' | 'no-candidates' | 'key-word-missing' | 'no-answer-type' | 'agency-unknown' | 'year-missing';
  /** What the question was scoped to (agency, years, reports) and what the robot took (notes). */
  scope: AnswerScope;
}

/** The site around the corpus: its agencies, and where the question is asked. */
export interface CorpusContext {
  directory: AgencyDirectory;
  ask: AskContext;
}

/** Makes the corpus statistics of an index (and general word frequencies) usable by question analysis. */
export function termStatistics(index: SearchIndex, dictionary: JiebaDictionary): TermStatistics {
  return {
    passageCount: index.passages.length,
    docFrequency: (term) => index.docFrequency.get(term) ?? 0,
    generalFrequency: (word) => dictionary.frequency(word),
    isFunctionWord: (word) => dictionary.isFunctionWord(word),
  };
}

const PHONE = /(?<!\d)(?:\d{3,4}-)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)12345(?!\d)/;
const DATE = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}日/;
const ROLE = /书记|主任|组长|局长|处长|科长|负责人|部长|主席|领导|委员|成员|专员|人员/;
const NEGATION = /没有|无|未|不|零/;
// Dates are not counts: 年/月/日 are left out (「2023年2月28日」 does not answer 「多少篇」).
const UNITS = '条|件|次|个|种|项|人|名|家|类|份|篇|期|场|批|所|位|户|起|部|本|张|处|方面|元|万元|亿元|万|亿|天|个月|小时|%|％|倍|成';
const COUNT = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(?:余|多)?(?:${UNITS})`, 'g');
const CN_COUNT = new RegExp(`[一二两三四五六七八九十百千万]+(?:余|多)?(?:${UNITS})`);
/** 「没有收到任何…」「无…」: a count of zero answers 「多少」 too. */
const ZERO = /没有|从未|并未|未曾|尚未|零|(?:^|[,，。；])无/;
const ANAPHORA_START = /^(同时|此外|另外|其中|对此|上述|以上|这些|这|此|该|其|并且|而且|但是|但)/;
const BACK_REFERENCE = /这些都是|以上|上述|这些问题|这些工作/;
/** Where something is, in this domain: an address, a building, or a place on the site (网站, 公开栏, 版块…). */
const PLACE = /\d+号|[路街道]\d|大街|大道|大楼|\d+楼|\d+层|位于|地址[:：为是]|网站|网上|外网|公开栏|版块|专栏|栏目|窗口|大厅/;
const LIST_ITEM = /^[一二三四五六七八九十]+是|^第[一二三四五六七八九十]+|^[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|^[①②③④⑤⑥⑦⑧⑨⑩]/;

type PassageTexts = {
  text: string;
  heading: string;
  title: string;
  previous: string;
  /** Fewer than 6 Han characters, digits and Latin letters: too short to answer on its own. */
  tiny: boolean;
  /** The first passage of its section (the one before it is under other headings). */
  opensSection: boolean;
  /** The numbers the text counts things with (COUNT's first group), found on first need. */
  counts?: string[];
};
const textCaches = new WeakMap<SearchIndex, Map<number, PassageTexts>>();

/**
 * Normalized text of a passage, its headings, its report title and the sentence before it in its paragraph.
 * Cached per index and passage: ranking reads each candidate several times, and popular passages recur.
 */
function createTextCache(index: SearchIndex): (id: number) => PassageTexts {
  let texts = textCaches.get(index);
  if (!texts) {
    texts = new Map();
    textCaches.set(index, texts);
  }
  const cache = texts;
  return (id: number) => {
    let hit = cache.get(id);
    if (!hit) {
      const p = index.passages[id]!;
      const before = index.passages[id - 1];
      const sameParagraph = before && before.doc === p.doc && before.paragraph === p.paragraph;
      const text = normalizeText(p.text);
      hit = {
        text,
        heading: normalizeText(p.section.join(' ')),
        title: normalizeText(index.documents[p.doc]?.title ?? ''),
        previous: sameParagraph ? normalizeText(before.text) : '',
        tiny: Array.from(text.replace(/[^\p{Script=Han}0-9a-z]/gu, '')).length < 6,
        opensSection: id > 0 && before?.section.join('\n') !== p.section.join('\n'),
      };
      cache.set(id, hit);
    }
    return hit;
  };
}

/** Whether text holds the number as a whole number (120 is not in 1200 or 1.20). */
function containsNumber(text: string, number: string): boolean {
  for (let at = text.indexOf(number); at !== -1; at = text.indexOf(number, at + 1)) {
    const before = text[at - 1];
    const after = text[at + number.length];
    if (!(before && /[0-9.]/.test(before)) && !(after && /[0-9]/.test(after))) return true;
  }
  return false;
}

/** A question concept with what crediting it needs, computed once per question. */
interface PreparedConcept {
  concept: Concept;
  /** Synonyms that are not themselves (part of) another word of the question. */
  synonyms: string[];
  /** For each character of the word, the Han character pairs of the question that contain it. */
  pairs: string[][];
}

function prepareConcepts(analysis: QuestionAnalysis): PreparedConcept[] {
  const q = analysis.normalized;
  const isHanPair = (pair: string) => pair.length === 2 && /^\p{Script=Han}{2}$/u.test(pair);
  return analysis.concepts.map((concept) => {
    const others = analysis.concepts.filter((o) => o !== concept).map((o) => o.text);
    const pairs: string[][] = [];
    for (let k = concept.start; k < concept.end; k++) {
      pairs.push([k > 0 ? q.slice(k - 1, k + 1) : '', q.slice(k, k + 2)].filter(isHanPair));
    }
    // A synonym that is itself another word of the question already counts for that word: 「微信公众号」 asks about
    // 微信 and 公众号, and a passage that only says 微信 must not cover both.
    return { concept, synonyms: concept.synonyms.filter((syn) => !others.some((o) => o.includes(syn))), pairs };
  });
}

/**
 * How well a piece of normalized text covers one concept: 1 when it has the word, 0.85 a synonym; otherwise up to
 * 0.8 for the share of the word's characters found in character pairs of the question (「报送给」 is cut 报/送给, yet
 * the pair 报送 is in the text: segmentation differences do not lose the match).
 */
function credit(prepared: PreparedConcept, text: string): number {
  const { concept } = prepared;
  if (concept.number) return containsNumber(text, concept.text) ? 1 : 0;
  if (text.includes(concept.text)) return 1;
  if (prepared.synonyms.some((syn) => text.includes(syn))) return 0.85;
  let covered = 0;
  for (const pairs of prepared.pairs) if (pairs.some((pair) => text.includes(pair))) covered++;
  return prepared.pairs.length > 0 ? (0.8 * covered) / prepared.pairs.length : 0;
}

/** Whether a passage contains what a question type asks for, beyond the numbers the question itself gives. */
function typeEvidence(type: QuestionType, passage: IndexedPassage, texts: PassageTexts, analysis: QuestionAnalysis): boolean {
  const { text } = texts;
  switch (type) {
    case 'phone':
      return PHONE.test(text);
    case 'date':
      return passage.kind === 'meta' || passage.kind === 'signoff' || DATE.test(text);
    case 'number': {
      if (passage.kind === 'cell') return true;
      const counts = (texts.counts ??= [...text.matchAll(COUNT)].map((m) => m[1]!));
      return counts.some((n) => !analysis.concepts.some((c) => c.number && c.text === n)) || CN_COUNT.test(text) || ZERO.test(text);
    }
    case 'person':
      return ROLE.test(text);
    case 'name':
      return /《[^》]+》|“[^”]+”|"[^"]+"|名为|叫做|称为|名称为/.test(text);
    case 'place':
      return PLACE.test(text);
    case 'list':
      return passage.listIntro || (text.match(/、/g)?.length ?? 0) >= 2 || LIST_ITEM.test(text);
    case 'yesno':
      return NEGATION.test(text) || /已|均|都|全部/.test(text);
    case 'reason':
      return /因为|由于|为了|原因|因此|所以/.test(text);
    default:
      return false;
  }
}

const TYPE_BONUS: Partial<Record<QuestionType, [number, number]>> = {
  phone: [0.3, -0.25],
  name: [0.1, -0.1],
  date: [0.25, -0.15],
  number: [0.15, -0.12],
  person: [0.12, -0.05],
  list: [0.08, -0.02],
  yesno: [0.05, 0],
  reason: [0.05, 0],
};

/** What ranking needs of a question, the same for every candidate: computed once per question. */
interface RankingQuestion {
  /** Words the question puts side by side (工作目标), as a passage would write them: joined, or with 的 between. */
  sideBySide: Array<{ joined: string; joinedOf: string; weight: number }>;
  sideBySideWeight: number;
  /** For a report, whether its title, issuer or year says each concept (see {@link documentConcepts}). */
  documentLevel(doc: number): boolean[];
}

function prepareRanking(index: SearchIndex, analysis: QuestionAnalysis, concepts: PreparedConcept[]): RankingQuestion {
  const q = analysis.normalized;
  const sideBySide: RankingQuestion['sideBySide'] = [];
  let sideBySideWeight = 0;
  const ordered = [...analysis.concepts].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < ordered.length; i++) {
    const a = ordered[i]!;
    const b = ordered[i + 1]!;
    if (b.start - a.end > 1 || (b.start > a.end && !/^[的之和与及]$/.test(q.slice(a.end, b.start)))) continue;
    const weight = a.weight + b.weight;
    sideBySideWeight += weight;
    sideBySide.push({ joined: a.text + b.text, joinedOf: `${a.text}的${b.text}`, weight });
  }
  const byDoc = new Map<number, boolean[]>();
  return {
    sideBySide,
    sideBySideWeight,
    documentLevel(doc) {
      let level = byDoc.get(doc);
      if (!level) byDoc.set(doc, (level = documentConcepts(index, doc, concepts)));
      return level;
    },
  };
}

function scorePassage(
  index: SearchIndex,
  id: number,
  analysis: QuestionAnalysis,
  concepts: PreparedConcept[],
  question: RankingQuestion,
  texts: ReturnType<typeof createTextCache>,
  retrieval: number,
): ScoredPassage {
  const passage = index.passages[id]!;
  const cached = texts(id);
  const { text, heading, title, previous } = cached;
  const evidence = new Map<QuestionType, boolean>();
  for (const t of analysis.types) evidence.set(t, typeEvidence(t, passage, cached, analysis));

  let total = 0;
  let own = 0;
  let context = 0;
  let rankContext = 0;
  const credits: number[] = [];
  const documentLevel = question.documentLevel(passage.doc);
  concepts.forEach((prepared, i) => {
    const c = prepared.concept;
    total += c.weight;
    let o = credit(prepared, text);
    if (c.typeWord && evidence.get(c.typeWord)) o = Math.max(o, 0.7);
    // Context: the section headings, the sentence before in the same paragraph (「一是通过…外网。设立了…版块」), the title.
    const ctx = o >= 1 ? 1 : Math.max(o, 0.8 * credit(prepared, heading), previous ? 0.6 * credit(prepared, previous) : 0, 0.5 * credit(prepared, title));
    // Ranking: what the report's title or issuer (or its year) already says holds for every sentence of it, so a
    // sentence repeating the issuer's name (「2019年，霞渚市医疗保障局制发规章…」) does not beat the one that answers
    // (「全年共主动公开…」). Refusal still reads the passage's own context coverage below.
    own += c.weight * (documentLevel[i] ? 1 : o);
    context += c.weight * ctx;
    rankContext += c.weight * (documentLevel[i] ? 1 : ctx);
    // What the report's title says (「年报」 of 「…年度报告」) the passage need not repeat to answer.
    credits.push(documentLevel[i] ? Math.max(ctx, 0.85) : ctx);
  });
  const coverage = total > 0 ? own / total : 0;
  const contextCoverage = total > 0 ? context / total : 0;
  // A passage that opens with the question's words (「在工作目标上，…」) is about them, not merely mentioning them.
  let early = 0;
  for (const c of analysis.concepts) {
    const at = text.indexOf(c.text);
    if (at !== -1 && at < 10) early += c.weight;
  }
  const topical = total > 0 ? early / total : 0;

  let typeFit = 0;
  for (const [type, has] of evidence) {
    const [bonus, malus] = TYPE_BONUS[type] ?? [0, 0];
    typeFit += has ? bonus : malus;
  }
  // Words the question puts side by side (工作目标, 工作信息) count more when the passage has them side by side too.
  let pairsFound = 0;
  for (const { joined, joinedOf, weight } of question.sideBySide) {
    if (text.includes(joined) || text.includes(joinedOf)) pairsFound += weight;
  }
  const phrase = question.sideBySideWeight > 0 ? pairsFound / question.sideBySideWeight : 0;
  // A sentence that opens its section speaks for the section's heading.
  const lead = cached.opensSection && contextCoverage > coverage ? 0.04 : 0;
  const tiny = cached.tiny ? -0.1 : 0;
  // A table row answers with its total unless the question names a column (「个人申请的有多少」 names 自然人).
  const cellTotal = passage.kind === 'cell' ? cellTotalBonus(passage.text, coverage) : 0;

  const score =
    0.55 * coverage + 0.35 * (total > 0 ? rankContext / total : 0) + typeFit + 0.1 * retrieval + 0.12 * phrase + 0.08 * topical + lead + tiny + cellTotal;
  return { passage: id, score, coverage, contextCoverage, typeFit, retrieval, credits };
}

/** The labels of a cell passage (「行 · 列：值」), last label first. */
function cellLabels(text: string): string[] {
  const colon = text.lastIndexOf('：');
  return (colon === -1 ? text : text.slice(0, colon)).split(' · ').reverse();
}

/** A cell whose column is a total (总计) edges out its row's parts when they cover the question equally. */
function cellTotalBonus(text: string, coverage: number): number {
  const last = cellLabels(text)[0] ?? '';
  return TOTAL_LABELS.test(last.replace(/\s+/g, '')) ? 0.02 + 0.02 * coverage : 0;
}

/**
 * The terms to look up: rarest first, while their document frequencies add up to at most `budget` (always the
 * rarest two), at most 12. Common terms walk long posting lists and rank nothing the rarer ones do not.
 */
function chooseQueryTerms(searchTerms: string[], stats: TermStatistics, budget: number): string[] {
  const sorted = [...searchTerms].sort((a, b) => stats.docFrequency(a) - stats.docFrequency(b) || (a < b ? -1 : 1));
  const chosen: string[] = [];
  let postings = 0;
  for (const term of sorted) {
    const df = stats.docFrequency(term);
    if (chosen.length >= 2 && postings + df > budget) break;
    chosen.push(term);
    postings += df;
    if (chosen.length >= 12) break;
  }
  return chosen;
}

const documentTexts = new WeakMap<SearchIndex, { names: string[]; ranges: Array<[number, number]>; naming: (text: string, most?: number) => number[] }>();

/**
 * Sentences of the reports a question names. A report is named when question words that only some reports' titles or
 * issuers contain (「青川市交通运输局」, not 「政府信息公开」) are in its title or issuer; the three best-named reports
 * give their sentences that hold a question word.
 */
function namedDocumentPassages(index: SearchIndex, analysis: QuestionAnalysis, texts: ReturnType<typeof createTextCache>): number[] {
  if (index.documents.length < 2) return [];
  const cached = documentCache(index);
  const docs = cached.names;
  const scores = new Map<number, number>();
  for (const c of analysis.concepts) {
    if (c.number || Array.from(c.text).length < 2) continue;
    // A word more than half the reports are named by names none of them: listing past half is work for nothing.
    const holders = cached.naming(c.text, Math.floor(docs.length / 2) + 1);
    if (holders.length === 0 || holders.length > docs.length / 2) continue;
    for (const d of holders) scores.set(d, (scores.get(d) ?? 0) + c.weight);
  }
  const named = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([d]) => d);
  if (named.length === 0) return [];
  const words = analysis.concepts.filter((c) => !c.number && Array.from(c.text).length >= 2).map((c) => c.text);
  const out: number[] = [];
  for (const d of named) {
    const [start, end] = cached.ranges[d]!;
    for (let id = start; id < end; id++) {
      if (index.passages[id]!.kind !== 'sentence') continue;
      const text = texts(id).text;
      if (words.some((w) => text.includes(w))) out.push(id);
    }
  }
  return out;
}

/** Each document's title and issuer (normalized) and where its passages start and end. */
function documentCache(index: SearchIndex): { names: string[]; ranges: Array<[number, number]>; naming: (text: string, most?: number) => number[] } {
  let cached = documentTexts.get(index);
  if (!cached) {
    const names = index.documents.map((d) => normalizeText(`${d.title} ${d.issuer ?? ''}`));
    cached = { names, ranges: cachedDocumentRanges(index), naming: createNameMatcher(names) };
    documentTexts.set(index, cached);
  }
  return cached;
}

/**
 * Sentences and cells of the reports the question's scope allows (its agency, its year) that hold a question word:
 * when the scope is a few reports, each of their passages is a candidate, so that words shared by thousands of other
 * reports (收到, 申请) still find the right sentence of the right report.
 */
function scopedPassages(index: SearchIndex, allowed: ReadonlySet<number>, analysis: QuestionAnalysis, texts: ReturnType<typeof createTextCache>): number[] {
  if (allowed.size === 0 || allowed.size >= index.documents.length) return [];
  if (scopedPassageCount(index, allowed) > SCOPED_STATISTICS_LIMIT) return [];
  const ranges = cachedDocumentRanges(index);
  const words = analysis.concepts.filter((c) => !c.number && Array.from(c.text).length >= 2);
  const out: number[] = [];
  for (const d of [...allowed].sort((a, b) => a - b)) {
    const [start, end] = ranges[d] ?? [0, 0];
    for (let id = start; id < end; id++) {
      const kind = index.passages[id]!.kind;
      if (kind !== 'sentence' && kind !== 'cell') continue;
      const text = texts(id).text;
      if (words.some((w) => text.includes(w.text) || w.synonyms.some((s) => text.includes(s)))) out.push(id);
    }
  }
  return out;
}

/**
 * A word the index lacks as a term may still be in the text, inside another word (「不应向社会公开」 holds 不应): when
 * a candidate passage has it (or a synonym) literally, it is a word of the corpus after all and weighs as a rare one.
 */
function recognizeUnindexedWords(analysis: QuestionAnalysis, candidateTexts: string[], passages: number): void {
  for (const c of analysis.concepts) {
    if (c.known || c.number) continue;
    const found = candidateTexts.filter((t) => t.includes(c.text) || c.synonyms.some((s) => t.includes(s))).length;
    if (found === 0) continue;
    c.known = true;
    c.weight = Math.min(c.weight, inverseDocumentFrequency(found, passages));
  }
}

/**
 * 「多少」 needs a count, 「电话」 a phone number, 「哪天」 a date, 「叫什么」 a name, 「在哪里」 a place: a passage without
 * one does not answer.
 */
const REQUIRED_TYPES: QuestionType[] = ['number', 'phone', 'date', 'name', 'place'];

/**
 * Whether a passage can speak for the years a question names: its report is of that year; or, when the site has no
 * report of that year, the report of the year before speaks of it (「2016年，将…」 in the 2015 report's plans).
 */
function satisfiesYears(
  index: SearchIndex,
  id: number,
  analysis: QuestionAnalysis,
  scope: AnswerScope,
  texts: ReturnType<typeof createTextCache>,
): boolean {
  const years = scope.years.length > 0 ? scope.years : analysis.years;
  if (years.length === 0) return true;
  const passage = index.passages[id]!;
  const doc = index.documents[passage.doc]!;
  return years.every((y) => {
    if (doc.year === y) return true;
    if (!scope.missingYears.includes(y) || doc.year !== y - 1 || passage.kind !== 'sentence') return false;
    const { text, heading } = texts(id);
    return containsNumber(text, String(y)) || containsNumber(heading, String(y));
  });
}

const documentNames = new WeakMap<SearchIndex, Map<number, string>>();

/** For each concept, whether the report's title, issuer or year says it (numbers: the report's year or in the title). */
function documentConcepts(index: SearchIndex, doc: number, concepts: PreparedConcept[]): boolean[] {
  let names = documentNames.get(index);
  if (!names) {
    names = new Map();
    documentNames.set(index, names);
  }
  let name = names.get(doc);
  if (name === undefined) {
    const d = index.documents[doc]!;
    name = normalizeText(`${d.title} ${d.issuer ?? ''}`);
    names.set(doc, name);
  }
  const year = index.documents[doc]!.year;
  return concepts.map(({ concept, synonyms }) =>
    concept.number
      ? String(year) === concept.text || containsNumber(name!, concept.text)
      : Array.from(concept.text).length >= 2 && (name!.includes(concept.text) || synonyms.some((s) => Array.from(s).length >= 2 && name!.includes(s))),
  );
}

/**
 * Whether a question is about the document itself (its date, issuer, title): only those may be answered by the
 * metadata passage or the sign-off, which name the place and the date but say nothing else.
 */
function asksAboutDocument(analysis: QuestionAnalysis): boolean {
  const q = analysis.normalized;
  return (
    analysis.types.includes('date') ||
    /(报告|年报|这份|本文|文件)[^,，。?？]*(发布|印发|出的|单位|机构|标题|题目|名称|落款|谁)/.test(q) ||
    /(发布|印发|落款)(单位|机构|日期|时间|部门)/.test(q)
  );
}

const yearsOfIndex = new WeakMap<SearchIndex, { distinct: number; newest: number }>();

/** How many distinct report years an index has (a report without one counts as year 0), and the newest. */
function reportYears(index: SearchIndex): { distinct: number; newest: number } {
  let found = yearsOfIndex.get(index);
  if (!found) {
    const years = new Set(index.documents.map((d) => d.year ?? 0));
    found = { distinct: years.size, newest: Math.max(...years) };
    yearsOfIndex.set(index, found);
  }
  return found;
}

/** Adjusts scores for the year rule: the year the question names wins; otherwise the newest report does. */
function applyYearRule(index: SearchIndex, ranked: ScoredPassage[], named: number[]): void {

  const { distinct, newest } = reportYears(index);
  if (distinct < 2) return;
  for (const r of ranked) {
    const year = index.documents[index.passages[r.passage]!.doc]?.year ?? 0;
    if (named.length > 0) {
      if (!named.includes(year)) r.score -= 0.08;
    } else if (year !== newest) {
      r.score -= 0.03 * Math.min(3, newest - year || 1);
    }
  }
}

/** The passages an answer quotes: the best one, widened to its list or neighbours when it cannot stand alone. */
function widen(index: SearchIndex, id: number, analysis: QuestionAnalysis, maxLength: number): number[] {
  const passages = index.passages;
  const p = passages[id]!;
  const sameParagraph = (k: number) =>
    passages[k] !== undefined && passages[k]!.doc === p.doc && passages[k]!.paragraph === p.paragraph;
  const ids = [id];
  let length = p.text.length;
  const wantsList = analysis.types.includes('list') || analysis.types.includes('how');

  if (p.listIntro) {
    // The list that follows is the answer to 「哪几种/哪些」; keep to its items.
    for (let k = id + 1; sameParagraph(k) && length + passages[k]!.text.length <= maxLength; k++) {
      ids.push(k);
      length += passages[k]!.text.length;
    }
    return ids;
  }
  const text = p.text.replace(/[^\p{Script=Han}0-9A-Za-z]/gu, '');
  const needsBefore = ANAPHORA_START.test(p.text) || BACK_REFERENCE.test(p.text) || Array.from(text).length < 12;
  if (needsBefore && sameParagraph(id - 1) && length + passages[id - 1]!.text.length <= maxLength) {
    ids.unshift(id - 1);
    length += passages[id - 1]!.text.length;
  }
  // A short list item (「一是通过行政服务中心外网。」) is the heading of what the next sentence says.
  const itemHeading = LIST_ITEM.test(p.text) && Array.from(text).length < 16;
  const short = Array.from(text).length < 12 || itemHeading || (/[；;]$/.test(p.text) && wantsList);
  if (short && sameParagraph(id + 1) && length + passages[id + 1]!.text.length <= maxLength) {
    ids.push(id + 1);
  }
  return ids;
}

function joinPassages(index: SearchIndex, ids: number[]): string {
  return ids.map((k) => index.passages[k]!.text).join('');
}

/** Offsets of the question's words (and synonyms) in the answer, merged, in the answer's own UTF-16 units. */
export function findHighlights(answer: string, concepts: Concept[]): Highlight[] {
  const { text, offsets } = normalizeWithOffsets(answer);
  const spans: Highlight[] = [];
  for (const c of concepts) {
    if (Array.from(c.text).length < 2 && !c.number) continue;
    for (const word of [c.text, ...c.synonyms]) {
      if (!word) continue;
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
        if (c.number && !containsNumber(text.slice(Math.max(0, at - 1), at + word.length + 1), word)) continue;
        spans.push({ start: offsets[at]!, end: offsets[at + word.length]! });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Link to a passage: the document's page with a text fragment that makes the browser scroll to and mark it. */
export function passageUrl(base: string | null, passageText: string): string | null {
  if (!base) return null;
  const quote = passageText.replace(/\s+/g, ' ').trim();
  const chars = Array.from(quote);
  const encode = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D');
  const fragment =
    chars.length <= 60 ? encode(quote) : `${encode(chars.slice(0, 24).join(''))},${encode(chars.slice(-24).join(''))}`;
  return `${base.replace(/#.*$/, '')}#:~:text=${fragment}`;
}

/**
 * Link to a table row: the report's own page has an anchor per row (`#t3-r5`); a text fragment marks the row on the
 * site's page too, from its first label to its last cell, after the row before it.
 */
export function cellUrl(base: string | null, index: SearchIndex, table: number, row: number, ownPage: boolean): string | null {
  if (!base) return null;
  const rows = index.tables[table]?.rows ?? [];
  const cells = (rows[row] ?? []).map((c) => c.text.replace(/\s+/g, '')).filter(Boolean);
  const encode = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C');
  const anchor = ownPage ? `t${table}-r${row}` : '';
  if (cells.length === 0) return `${base.replace(/#.*$/, '')}${anchor ? `#${anchor}` : ''}`;
  const previous = (rows[row - 1] ?? []).map((c) => c.text.replace(/\s+/g, '')).filter(Boolean).at(-1);
  const start = cells[0]!;
  const end = cells.length > 1 ? cells[cells.length - 1]! : null;
  const fragment = `${previous ? `${encode(previous)}-,` : ''}${encode(start)}${end ? `,${encode(end)}` : ''}`;
  return `${base.replace(/#.*$/, '')}#${anchor}:~:text=${fragment}`;
}

function sourceFor(index: SearchIndex, ids: number[], answer: string): Source {
  const first = index.passages[ids[0]!]!;
  const doc = index.documents[first.doc]!;
  const snippet = Array.from(answer).length > 160 ? `${Array.from(answer).slice(0, 158).join('')}…` : answer;
  const base = doc.url ?? `/reports/${doc.slug}`;
  const url = first.cell
    ? cellUrl(base, index, first.cell.table, first.cell.row, !doc.url)
    : passageUrl(base, first.kind === 'sentence' ? answer : doc.title);
  return {
    title: doc.title,
    date: doc.date,
    url,
    section: first.section.join(' › '),
    snippet,
    year: doc.year,
  };
}

/** Contacts the corpus gives, for "where to ask instead"; one per phone number, at most `limit`. */
export function contactPoints(index: SearchIndex, limit = 3): ContactPoint[] {
  const seen = new Set<string>();
  const out: ContactPoint[] = [];
  for (const c of index.contacts) {
    if (seen.has(c.phone)) continue;
    seen.add(c.phone);
    out.push({ label: c.label, phone: c.phone });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Answers a question from the corpus with a verbatim extract and its citation, or says it cannot.
 *
 * @remarks Pipeline: analyse the question (types, weighted concepts) → fetch candidates from MiniSearch with the
 * rarer terms only (common words would walk long posting lists and add nothing) → score each candidate by the
 * idf-weighted share of the question it covers (its own text, then with its headings and title), by whether it
 * holds what the question asks for (a number, a phone number, a date…) and by BM25 → refuse when the best does
 * not cover enough of the question → widen the best sentence to its list or neighbours when it cannot stand alone.
 */
export function answerFromCorpus(
  index: SearchIndex,
  dictionary: JiebaDictionary,
  question: string,
  synonyms: SynonymTable,
  options: AnswerOptions = DEFAULT_ANSWER_OPTIONS,
  context?: CorpusContext,
): CorpusAnswer {
  const stats = termStatistics(index, dictionary);
  // Scope: the agency and year the question names (or the page's, the site's) decide which reports may answer; the
  // words that named them are constraints, not content, and leave the question before it is analysed.
  const normalized = normalizeText(question).replace(/\s+/g, ' ').trim();
  const directory = context?.directory ?? { agencies: [], byDoc: index.documents.map(() => -1) };
  const ask = context?.ask ?? { today: new Date() };
  const scope = resolveScope(
    normalized,
    readYears(normalized, ask.today),
    findAgencyMentions(normalized, directory, dictionary),
    index.documents,
    directory,
    ask,
  );
  // Words weigh by their rarity among the reports the scope leaves (a few of a portal's hundreds), when it is small.
  const weights = scopedStatistics(index, stats, scope.docs);
  const analysis = analyzeQuestion(applyScope(normalized, scope), index.segmenter, weights, synonyms);
  const allowed = scope.docs ? new Set(scope.docs) : null;
  const none = (reason: CorpusAnswer['reason'], ranking: ScoredPassage[] = []): CorpusAnswer => ({
    matched: 'none',
    answer: '',
    sources: [],
    highlights: [],
    year: null,
    passages: [],
    analysis,
    ranking: ranking.slice(0, 5),
    reason: scope.refusal?.reason === 'year-missing' && reason !== 'vague' ? 'year-missing' : reason,
    scope,
  });
  if (scope.refusal?.reason === 'agency-unknown') return none('agency-unknown');

  const information = analysis.concepts.reduce((sum, c) => sum + (c.typeWord ? 0 : c.weight), 0);
  const terms = chooseQueryTerms(analysis.searchTerms, weights, options.postingBudget);
  if (terms.length === 0) return none(information < options.minInformation ? 'vague' : 'no-candidates');

  // A scope of a few reports is ranked as an index of those reports alone would rank it; a wider one by MiniSearch's
  // OR search of the terms, top candidates only (retrieval.ts: same scores and order, typed arrays).
  const hits =
    scopedRetrieval(index, scope.docs, terms)?.slice(0, options.candidates) ??
    retrieveCandidates(index, terms, options.candidates, allowed ? (id) => allowed.has(index.passages[id]!.doc) : undefined);
  const topScore = hits[0]?.score ?? 1;
  const retrieval = new Map<number, number>();
  for (const h of hits) retrieval.set(h.id, h.score / topScore);
  const texts = createTextCache(index);
  // A question that names a report (its issuer, its title words) brings that report's sentences in as candidates,
  // whatever their rank among thousands of look-alike sentences of other reports.
  for (const id of namedDocumentPassages(index, analysis, texts)) {
    if (!retrieval.has(id) && (!allowed || allowed.has(index.passages[id]!.doc))) retrieval.set(id, 0);
  }
  if (allowed) for (const id of scopedPassages(index, allowed, analysis, texts)) if (!retrieval.has(id)) retrieval.set(id, 0);
  const aboutDocument = asksAboutDocument(analysis);
  recognizeUnindexedWords(analysis, [...retrieval.keys()].map((id) => texts(id).text), weights.passageCount);
  const prepared = prepareConcepts(analysis);
  const ranking = prepareRanking(index, analysis, prepared);
  const ranked = [...retrieval]
    .filter(([id]) => aboutDocument || index.passages[id]!.kind === 'sentence' || index.passages[id]!.kind === 'cell')
    .map(([id, score]) => scorePassage(index, id, analysis, prepared, ranking, texts, score));
  applyYearRule(index, ranked, scope.years.length > 0 ? scope.years : analysis.years);
  ranked.sort((a, b) => b.score - a.score || a.passage - b.passage);

  // What the question requires of a passage: the year it names (in the text, headings or the report's own year),
  // and for counts, phone numbers, dates and names, content of that kind. Candidates without it cannot answer.
  const eligible = ranked.filter(
    (r) =>
      satisfiesYears(index, r.passage, analysis, scope, texts) &&
      REQUIRED_TYPES.every((t) => !analysis.types.includes(t) || typeEvidence(t, index.passages[r.passage]!, texts(r.passage), analysis)),
  );
  const best = eligible[0];
  if (!best) return none(ranked.length > 0 ? 'no-answer-type' : 'no-candidates', ranked);
  if (information < options.minInformation) return none('vague', ranked);
  if (best.contextCoverage < options.minCoverage) return none('not-covered', ranked);
  // The question's most specific word must be answered: if a word weighs more than every word the passage covers,
  // the passage is about something else (「办理营业执照需要什么材料」 is not answered by 「申请材料」).
  const coveredMax = Math.max(0, ...analysis.concepts.map((c, i) => (best.credits[i]! >= 0.5 ? c.weight : 0)));
  if (analysis.concepts.some((c, i) => best.credits[i]! < 0.5 && c.weight > coveredMax)) {
    return none('key-word-missing', ranked);
  }

  const ids = widen(index, best.passage, analysis, options.maxAnswerLength);
  const answer = joinPassages(index, ids);
  const doc = index.documents[index.passages[best.passage]!.doc]!;
  return {
    matched: 'corpus',
    answer,
    sources: [sourceFor(index, ids, answer)],
    highlights: findHighlights(answer, analysis.concepts),
    year: doc.year,
    passages: ids,
    analysis,
    ranking: ranked.slice(0, 5),
    scope,
  };
}

/** The question with what the scope consumed replaced: agency names dropped, years written out (15年 → 2015年). */
export function applyScope(normalized: string, scope: AnswerScope): string {
  let out = '';
  let at = 0;
  for (const span of [...scope.consumed].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += normalized.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return (out + normalized.slice(at)).replace(/\s+/g, ' ').trim();
}
