// Owns term statistics relative to a question's scope: when the agency and year of a question leave a few reports,
// a word weighs by how rare it is among those reports' passages, not among every report of the site. On a city
// portal with dozens of agencies, 「比较」「存在」 are rare site-wide but common in the one report asked about, and
// a site-wide weight would let them outweigh the words that matter. Pure, runtime-neutral.
import { normalizeText } from './normalize.js';
import type { TermStatistics } from './question.js';
import { HEADING_TERMS_PER_SECTION, indexTerms, innerWords, type SearchIndex } from './search-index.js';
import { tokenize, type SegmentedWord } from './tokenize.js';

/** Most passages a scope may hold for its own statistics (a few reports' worth); larger scopes use the site's. */
export const SCOPED_STATISTICS_LIMIT = 1500;
/**
 * Passages whose scope tables are kept per index, least recently used dropped first: a portal's agencies and years
 * that citizens ask about recur, and a table costs the segmentation of its passages (about 1 ms for one report).
 */
const KEPT_PASSAGES = 60_000;

interface ScopeTable {
  passageCount: number;
  /** Passages of the scope each term is indexed for, counted as the index build counts them. */
  counts: Map<string, number>;
  /** Each passage of the scope with the terms of its index record (repeats kept: they are term frequencies). */
  records: Array<{ id: number; terms: string[]; length: number }>;
  averageLength: number;
  /**
   * Postings of the terms questions asked in this scope, made on first use: for each record holding the term (by
   * position in `records`, ascending), how often it holds it and where it first does.
   */
  postings?: Map<string, { records: Int32Array; tfs: Int32Array; firsts: Int32Array }>;
}

const tables = new WeakMap<SearchIndex, Map<string, ScopeTable>>();
/** Passages held by each index's kept scope tables. */
const kept = new WeakMap<SearchIndex, number>();

/** Where each document's passages start and end: passages of a document are contiguous. */
export function documentRanges(index: SearchIndex): Array<[number, number]> {
  const ranges: Array<[number, number]> = index.documents.map(() => [0, 0]);
  index.passages.forEach((p, id) => {
    const range = ranges[p.doc]!;
    if (range[1] === 0) range[0] = id;
    range[1] = id + 1;
  });
  return ranges;
}

const rangeCache = new WeakMap<SearchIndex, Array<[number, number]>>();

/** {@link documentRanges}, computed once per index. */
export function cachedDocumentRanges(index: SearchIndex): Array<[number, number]> {
  let ranges = rangeCache.get(index);
  if (!ranges) {
    ranges = documentRanges(index);
    rangeCache.set(index, ranges);
  }
  return ranges;
}

/** Number of passages of the given documents. */
export function scopedPassageCount(index: SearchIndex, docs: Iterable<number>): number {
  const ranges = cachedDocumentRanges(index);
  let total = 0;
  for (const d of docs) total += (ranges[d]?.[1] ?? 0) - (ranges[d]?.[0] ?? 0);
  return total;
}

function scopeTable(index: SearchIndex, docs: readonly number[]): ScopeTable {
  let byScope = tables.get(index);
  if (!byScope) {
    byScope = new Map();
    tables.set(index, byScope);
  }
  const key = docs.join(',');
  const hit = byScope.get(key);
  if (hit) {
    byScope.delete(key);
    byScope.set(key, hit); // most recently used last
    return hit;
  }
  // MiniSearch's field length is the number of distinct pieces of the record.
  const records = recordsOf(index, docs).map((r) => ({ ...r, length: new Set(r.terms).size }));
  const counts = new Map<string, number>();
  let length = 0;
  for (const r of records) {
    length += r.length;
    for (const t of new Set(r.terms)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const table: ScopeTable = { passageCount: records.length, counts, records, averageLength: records.length ? length / records.length : 1 };
  byScope.set(key, table);
  kept.set(index, (kept.get(index) ?? 0) + table.passageCount);
  while ((kept.get(index) ?? 0) > KEPT_PASSAGES && byScope.size > 1) {
    const oldest = byScope.keys().next().value!;
    kept.set(index, kept.get(index)! - byScope.get(oldest)!.passageCount);
    byScope.delete(oldest);
  }
  return table;
}

/**
 * The index record of each passage of the documents, made as the index build makes it: its words, the known longer
 * words' inner words, and its section's heading words for the section's first passages.
 */
function recordsOf(index: SearchIndex, docs: readonly number[]): Array<{ id: number; terms: string[] }> {
  const ranges = cachedDocumentRanges(index);
  const headings = new Map<string, string[]>();
  const vocabulary = new Set<string>();
  const tokenized: Array<{ id: number; body: SegmentedWord[]; heading: string[] }> = [];
  for (const d of docs) {
    const [start, end] = ranges[d] ?? [0, 0];
    const seenInSection = new Map<string, number>();
    for (let id = start; id < end; id++) {
      const passage = index.passages[id]!;
      const sectionKey = passage.section.join('\n');
      const rank = seenInSection.get(sectionKey) ?? 0;
      seenInSection.set(sectionKey, rank + 1);
      let heading = headings.get(sectionKey);
      if (!heading) {
        heading = passage.section.flatMap((h) => indexTerms(h, index.segmenter));
        headings.set(sectionKey, heading);
      }
      const body = tokenize(normalizeText(passage.text), index.segmenter);
      const lead = rank < HEADING_TERMS_PER_SECTION ? heading : [];
      tokenized.push({ id, body, heading: lead });
      for (const t of body) vocabulary.add(t.word);
      for (const t of lead) vocabulary.add(t);
    }
  }
  // Inner words are the scope's own words (as a build of these reports alone would find them), in a second pass.
  return tokenized.map(({ id, body, heading }) => {
    const terms = [...body.map((t) => t.word), ...innerWords(body, vocabulary), ...heading];
    // As MiniSearch reads the record: its terms joined by spaces and split on them.
    return { id, terms: terms.join(' ').split(' ') };
  });
}

/** MiniSearch's BM25+ parameters (its defaults, which the index uses). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Passages of a small scope ranked for the query terms the way MiniSearch ranks an index of only these passages
 * (BM25+ with the scope's own frequencies and lengths, times the number of query terms matched), best first; null
 * when the scope is the whole site or too large (MiniSearch's own ranking then applies).
 */
export function scopedRetrieval(index: SearchIndex, docs: readonly number[] | null, terms: readonly string[]): Array<{ id: number; score: number }> | null {
  const sorted = usableScope(index, docs);
  if (!sorted) return null;
  const table = scopeTable(index, sorted);
  const query = new Set(terms);
  const idf = new Map<string, number>();
  for (const t of query) {
    const df = table.counts.get(t) ?? 0;
    idf.set(t, Math.log(1 + (table.passageCount - df + 0.5) / (df + 0.5)));
  }
  const postings = (table.postings ??= new Map());
  const missing = [...query].filter((t) => !postings.has(t));
  if (missing.length > 0) {
    // One pass over the scope's records for every term this scope has not been asked before.
    const lists = new Map(missing.map((t) => [t, { records: [] as number[], tfs: [] as number[], firsts: [] as number[] }]));
    table.records.forEach((record, r) => {
      record.terms.forEach((t, at) => {
        const list = lists.get(t);
        if (!list) return;
        const last = list.records.length - 1;
        if (last >= 0 && list.records[last] === r) list.tfs[last]!++;
        else {
          list.records.push(r);
          list.tfs.push(1);
          list.firsts.push(at);
        }
      });
    });
    for (const [t, list] of lists) postings.set(t, { records: Int32Array.from(list.records), tfs: Int32Array.from(list.tfs), firsts: Int32Array.from(list.firsts) });
  }
  // Each record's terms are summed in the order they first occur in it, as a pass over the record would sum them:
  // the same floating-point sums, so the same scores and order.
  const found = new Map<number, Array<{ first: number; value: number }>>();
  for (const t of query) {
    const list = postings.get(t)!;
    const weight = idf.get(t)!;
    for (let i = 0; i < list.records.length; i++) {
      const r = list.records[i]!;
      const record = table.records[r]!;
      const f = list.tfs[i]!;
      const norm = BM25.k * (1 - BM25.b + (BM25.b * record.length) / table.averageLength);
      const value = weight * (BM25.d + (f * (BM25.k + 1)) / (f + norm));
      const parts = found.get(r);
      if (parts) parts.push({ first: list.firsts[i]!, value });
      else found.set(r, [{ first: list.firsts[i]!, value }]);
    }
  }
  const out: Array<{ id: number; score: number }> = [];
  for (const [r, parts] of found) {
    if (parts.length > 1) parts.sort((x, y) => x.first - y.first);
    let score = 0;
    for (const part of parts) score += part.value;
    out.push({ id: table.records[r]!.id, score: score * parts.length });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** The scope's documents, sorted, when the scope is a strict part of the site within the passage limit; else null. */
function usableScope(index: SearchIndex, docs: readonly number[] | null): number[] | null {
  if (!docs || docs.length === 0 || docs.length >= index.documents.length) return null;
  const sorted = [...new Set(docs)].sort((a, b) => a - b);
  if (scopedPassageCount(index, sorted) > SCOPED_STATISTICS_LIMIT) return null;
  return sorted;
}

/**
 * Statistics over the passages of the scope's documents when the scope is a strict part of the site and small
 * enough (≤ {@link SCOPED_STATISTICS_LIMIT} passages); otherwise the site's own.
 *
 * @remarks A term counts the scope's passages indexed under it, so a word only other agencies' reports use is as
 * unknown here as on a site of this agency alone.
 */
export function scopedStatistics(index: SearchIndex, site: TermStatistics, docs: readonly number[] | null): TermStatistics {
  const sorted = usableScope(index, docs);
  if (!sorted) return site;
  const table = scopeTable(index, sorted);
  if (table.passageCount === 0) return site;
  return {
    ...site,
    passageCount: table.passageCount,
    docFrequency: (term) => table.counts.get(term) ?? 0,
  };
}
