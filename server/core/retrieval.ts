// Owns candidate retrieval: the best passages for a question's query terms, ranked exactly as MiniSearch's search()
// ranks them (BM25, OR, no prefix or fuzzy match) but read from typed-array posting lists with a bounded top k, so that
// a question costs its postings and not a result object per matching passage. Runtime-neutral: imports no node:*,
// hono or nodejieba; the postings come from the index artifact (MiniSearch's serialization, packed) or MiniSearch.
import type MiniSearch from 'minisearch';
import type { PackedSearch, SearchIndex } from './search-index.js';

/** One term's postings: passage ids in ascending order, and each one's BM25 score for the term. */
interface TermPostings {
  ids: Int32Array;
  scores: Float64Array;
}

/** Where a retrieval reads postings from. */
interface PostingSource {
  /** The term's postings, or undefined when no passage holds it. */
  postings(term: string): TermPostings | undefined;
  /** Per-passage scratch space of one retrieval (retrieval is synchronous, so one set serves every call). */
  scratch: Scratch;
}

interface Scratch {
  score: Float64Array;
  matched: Uint16Array;
  /** The call that last wrote a passage's score and count: older marks mean "not found yet in this call". */
  mark: Uint32Array;
  call: number;
}

const createScratch = (passages: number): Scratch => ({
  score: new Float64Array(passages),
  matched: new Uint16Array(passages),
  mark: new Uint32Array(passages),
  call: 0,
});

/** A retrieved passage: its id and MiniSearch's score for it (BM25 summed over the terms, times terms matched). */
export interface Candidate {
  id: number;
  score: number;
}

// MiniSearch's defaults (minisearch/src/MiniSearch.ts, defaultBM25params), which the index is searched with.
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** BM25 of one term in one passage, computed as MiniSearch's `calcBM25Score` does, operation for operation. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avgFieldLength)));
}

/**
 * A posting source over term lists decoded on first use and kept, scored once as MiniSearch scores them. The packed
 * artifact and a MiniSearch instance differ only in how a term's passage ids and term frequencies are read.
 */
function cachedSource(
  decode: (term: string) => { ids: number[]; tfs: number[] } | undefined,
  stats: { nextId: number; documentCount: number; fieldLength: ArrayLike<number>; average: number },
): PostingSource {
  const cache = new Map<string, TermPostings | null>();
  return {
    scratch: createScratch(stats.nextId),
    postings(term) {
      const hit = cache.get(term);
      if (hit !== undefined) return hit ?? undefined;
      const list = decode(term);
      let result: TermPostings | null = null;
      if (list && list.ids.length > 0) {
        const { ids, tfs } = list;
        const scores = new Float64Array(ids.length);
        for (let i = 0; i < ids.length; i++) scores[i] = bm25(tfs[i]!, ids.length, stats.documentCount, stats.fieldLength[ids[i]!] ?? 0, stats.average);
        result = { ids: Int32Array.from(ids), scores };
      }
      cache.set(term, result);
      return result ?? undefined;
    },
  };
}

/**
 * Postings decoded from the artifact's packed MiniSearch serialization, term by term on first use (a question's terms
 * are a few of thousands; decoding all at load would cost time and memory for nothing).
 */
function packedSource(packed: PackedSearch): PostingSource {
  const lists = new Map(packed.postings);
  const decode = (term: string) => {
    const list = lists.get(term);
    if (!list) return undefined;
    const ids: number[] = [];
    const tfs: number[] = [];
    let id = 0;
    for (const item of list.split(',')) {
      const colon = item.indexOf(':');
      id += Number.parseInt(colon === -1 ? item : item.slice(0, colon), 36);
      ids.push(id);
      tfs.push(colon === -1 ? 1 : Number.parseInt(item.slice(colon + 1), 36));
    }
    return { ids, tfs };
  };
  const stats = { nextId: packed.nextId, documentCount: packed.documentCount, fieldLength: packed.fieldLength, average: packed.averageFieldLength[0] ?? 1 };
  return cachedSource(decode, stats);
}

/** Postings read from a MiniSearch instance through its public serialization (for an index not loaded from an artifact). */
function miniSearchSource(search: MiniSearch): PostingSource {
  const plain = search.toJSON();
  const fieldLength: number[] = [];
  for (const [id, lengths] of Object.entries(plain.fieldLength)) fieldLength[Number(id)] = lengths[0] ?? 0;
  const terms = new Map(plain.index.map(([term, fields]) => [term, (fields['0'] ?? {}) as Record<string, number>]));
  const decode = (term: string) => {
    const docs = terms.get(term);
    if (!docs) return undefined;
    const ids = Object.keys(docs).map(Number);
    return { ids, tfs: ids.map((id) => docs[String(id)]!) };
  };
  return cachedSource(decode, { nextId: plain.nextId, documentCount: plain.documentCount, fieldLength, average: plain.averageFieldLength[0] ?? 1 });
}

const sources = new WeakMap<object, PostingSource>();

/** Makes {@link retrieveCandidates} over `index` read the artifact's packed postings it was loaded from. */
export function registerPackedPostings(index: SearchIndex, packed: PackedSearch): void {
  sources.set(index, packedSource(packed));
}

/**
 * The best `k` passages for the query terms, with the ids, scores and order of the first `k` results of
 * `index.search.search(terms.join(' '), { combineWith: 'OR', prefix: false, fuzzy: false, filter })`.
 *
 * @param allow - keeps only the passages it accepts (MiniSearch's `filter`, by id); default all.
 * @remarks MiniSearch sums each term's BM25 into the passage's score in query order, multiplies it by the number of
 * distinct query terms the passage holds, and sorts stably by score, so equal scores keep the order in which the
 * passages were first found (query term by query term, ascending ids). This does the same arithmetic in the same
 * order, on typed arrays, and keeps only the best `k` (test/core/retrieval.test.ts compares both on every fixture
 * question).
 */
export function retrieveCandidates(index: SearchIndex, terms: readonly string[], k: number, allow?: (id: number) => boolean): Candidate[] {
  let source = sources.get(index);
  if (!source) {
    source = miniSearchSource(index.search);
    sources.set(index, source);
  }
  const scratch = source.scratch;
  // A new mark per call; on wrap-around the marks start over from a clean slate.
  if (++scratch.call === 0xffffffff) {
    scratch.mark.fill(0);
    scratch.call = 1;
  }
  const { score, matched, mark, call } = scratch;
  const seen = new Set<string>();
  const touched: number[] = [];
  for (const term of terms) {
    if (!term) continue;
    const list = source.postings(term);
    if (!list) continue;
    // A repeated query term adds its score again but is one matched term (MiniSearch's `terms` are unique).
    const first = !seen.has(term);
    seen.add(term);
    const { ids, scores } = list;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (mark[id] !== call) {
        mark[id] = call;
        touched.push(id);
        score[id] = scores[i]!;
        matched[id] = 1;
      } else {
        score[id] = score[id]! + scores[i]!;
        if (first) matched[id]!++;
      }
    }
  }
  // The best k by score, earlier-found first on ties: insertion into a sorted array of at most k.
  const best: Candidate[] = [];
  for (const id of touched) {
    if (allow && !allow(id)) continue;
    const s = score[id]! * matched[id]!;
    if (best.length === k && !(s > best[k - 1]!.score)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < s) at--;
    best.splice(at, 0, { id, score: s });
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Which of `names` contain a text, as `names.filter(n => n.includes(text))` gives their positions (ascending), but
 * through an index of the names' two-code-unit pairs: only names holding every pair of the text are checked.
 *
 * @param most - stop after this many (the first ones, ascending): a caller that ignores a word named by too many
 * reports need not list them all.
 * @remarks The answerer asks this for each word of every question against every report's title and issuer; at 2,000
 * reports the plain scan was a quarter of an answer's time.
 */
export function createNameMatcher(names: readonly string[]): (text: string, most?: number) => number[] {
  const pairs = new Map<string, number[]>();
  names.forEach((name, i) => {
    for (let at = 0; at + 2 <= name.length; at++) {
      const pair = name.slice(at, at + 2);
      const holders = pairs.get(pair);
      if (!holders) pairs.set(pair, [i]);
      else if (holders[holders.length - 1] !== i) holders.push(i);
    }
  });
  return (text, most = Infinity) => {
    const out: number[] = [];
    if (text.length < 2) {
      for (let i = 0; i < names.length && out.length < most; i++) if (names[i]!.includes(text)) out.push(i);
      return out;
    }
    // The rarest pair of the text bounds the names to check.
    let rarest: number[] | undefined;
    for (let at = 0; at + 2 <= text.length; at++) {
      const holders = pairs.get(text.slice(at, at + 2));
      if (!holders) return out;
      if (!rarest || holders.length < rarest.length) rarest = holders;
    }
    for (let k = 0; k < rarest!.length && out.length < most; k++) if (names[rarest![k]!]!.includes(text)) out.push(rarest![k]!);
    return out;
  };
}
