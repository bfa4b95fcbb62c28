// Owns a what-if measurement, not shipped code: candidate retrieval from typed-array posting lists with a bounded
// top-k, swapped in for MiniSearch's search() on a loaded index, to show what the proposed fix of the p99 goal buys.
// It reads MiniSearch's private fields (bench-only); the ranking it returns equals MiniSearch's (BM25, OR, same boosts).
import type { SearchIndex } from '../server/core/search-index.js';

interface MiniSearchInternals {
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  search: (query: string, options: { boost?: Record<string, number> }) => Array<{ id: unknown; score: number }>;
}

/** BM25 as MiniSearch computes it (k 1.2, b 0.7, d 0.5). */
function bm25(tf: number, matching: number, total: number, length: number, average: number): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return idf * (0.5 + (tf * 2.2) / (tf + 1.2 * (1 - 0.7 + (0.7 * length) / average)));
}

/**
 * Replaces `index.search.search` with a top-`k` retrieval over typed arrays built from the loaded MiniSearch index.
 *
 * @returns a counter of calls (zero after a run means the answerer no longer calls MiniSearch's search, and the
 * what-if measured nothing) and a function restoring the original.
 */
export function useTypedTopK(index: SearchIndex, k = 60): { calls: () => number; restore: () => void } {
  const mini = index.search as unknown as MiniSearchInternals;
  const original = mini.search;
  const fields = Object.entries(mini._fieldIds);
  const n = mini._documentCount;
  const lengths = fields.map(() => new Float32Array(n + 1));
  for (const [doc, perField] of mini._fieldLength) perField.forEach((l, f) => (lengths[f]![doc] = l));
  const postings = new Map<string, Array<{ ids: Int32Array; tfs: Uint16Array } | null>>();
  for (const [term, data] of mini._index) {
    postings.set(
      term,
      fields.map(([, fieldId]) => {
        const m = data.get(fieldId);
        if (!m) return null;
        const ids = new Int32Array(m.size);
        const tfs = new Uint16Array(m.size);
        let i = 0;
        for (const [doc, tf] of m) {
          ids[i] = doc;
          tfs[i++] = tf;
        }
        return { ids, tfs };
      }),
    );
  }
  const score = new Float64Array(n + 1);
  const matched = new Uint8Array(n + 1);
  const lastTerm = new Int32Array(n + 1).fill(-1);
  let calls = 0;

  mini.search = (query, options) => {
    calls++;
    const touched: number[] = [];
    query.split(' ').forEach((term, t) => {
      const perField = postings.get(term);
      if (!perField) return;
      perField.forEach((p, f) => {
        if (!p) return;
        const boost = options.boost?.[fields[f]![0]] ?? 1;
        const average = mini._avgFieldLength[fields[f]![1]]!;
        const fieldLengths = lengths[f]!;
        for (let i = 0; i < p.ids.length; i++) {
          const doc = p.ids[i]!;
          if (lastTerm[doc] === -1) {
            touched.push(doc);
            score[doc] = 0;
            matched[doc] = 0;
          }
          if (lastTerm[doc] !== t) {
            matched[doc]!++;
            lastTerm[doc] = t;
          }
          score[doc]! += boost * bm25(p.tfs[i]!, p.ids.length, n, fieldLengths[doc]!, average);
        }
      });
    });
    // Best k by score, earlier-matched first on ties (MiniSearch's stable sort of its result map gives the same).
    const best: Array<{ doc: number; score: number; order: number }> = [];
    const worse = (a: { score: number; order: number }, b: { score: number; order: number }) => a.score < b.score || (a.score === b.score && a.order > b.order);
    touched.forEach((doc, order) => {
      const s = score[doc]! * matched[doc]!;
      lastTerm[doc] = -1;
      const entry = { doc, score: s, order };
      if (best.length === k && !worse(best[k - 1]!, entry)) return;
      let at = best.length;
      while (at > 0 && worse(best[at - 1]!, entry)) at--;
      best.splice(at, 0, entry);
      if (best.length > k) best.pop();
    });
    return best.map((b) => ({ id: mini._documentIds.get(b.doc), score: b.score }));
  };
  return {
    calls: () => calls,
    restore: () => {
      mini.search = original;
    },
  };
}
