// Owns the plain alternatives our answering is compared with: search libraries a team might pick instead, each set up
// as its documentation suggests for Chinese, over the same passages. Bench-only; nothing here ships.
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import { Charset, Index } from 'flexsearch';
import MiniSearch from 'minisearch';

/**
 * A retriever over passages (ids are indexes into the passage list).
 *
 * @remarks For a peer, "the answer" is the text of its top-ranked passage; it "refuses" only when it returns
 * nothing, because none of these libraries has a notion of a question it cannot answer.
 */
export interface Retriever {
  /** Ids of the best `k` passages, best first; empty when nothing matched. */
  search(question: string, k: number): number[] | Promise<number[]>;
}

export interface Peer {
  name: string;
  /** How it is set up, for the table's footnote. */
  setup: string;
  create(passages: readonly string[]): Promise<Retriever>;
}

/** Han characters pairwise, other words whole: 「投诉电话」 → 投诉 诉电 电话. */
export function characterBigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu)) {
    if (m[2]) {
      out.push(m[2]);
      continue;
    }
    const chars = Array.from(m[1]!);
    if (chars.length === 1) out.push(chars[0]!);
    for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k]! + chars[k + 1]!);
  }
  return out;
}

const minisearchDefault: Peer = {
  name: 'MiniSearch, default tokenizer',
  setup: 'minisearch 7.2.0, `fields: [text]`, default tokenizer (splits on spaces and punctuation), default search options',
  async create(passages) {
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], idField: 'id' });
    index.addAll(passages.map((text, id) => ({ id, text })));
    return { search: (q, k) => index.search(q).slice(0, k).map((h) => h.id as number) };
  },
};

const orama: Peer = {
  name: 'Orama, mandarin tokenizer',
  setup: '@orama/orama 3.1.18 with `@orama/tokenizers/mandarin` (Intl.Segmenter words), default search (BM25, threshold 1)',
  async create(passages) {
    const db = create({ schema: { text: 'string' } as const, components: { tokenizer: createTokenizer() } });
    await insertMultiple(db, passages.map((text, id) => ({ id: String(id), text })));
    return {
      async search(q, k) {
        const result = await oramaSearch(db, { term: q, limit: k });
        return result.hits.map((h) => Number(h.id));
      },
    };
  },
};

const flexsearch: Peer = {
  name: 'FlexSearch, CJK charset',
  setup: 'flexsearch 0.8.212, `new Index({ encoder: Charset.CJK })` (one term per character), `suggest: true` (without it a question must contain only characters of one passage, and nearly every one gets nothing)',
  async create(passages) {
    const index = new Index({ encoder: Charset.CJK });
    passages.forEach((text, id) => index.add(id, text));
    return { search: (q, k) => (index.search(q, { limit: k, suggest: true }) as number[]).slice(0, k) };
  },
};

const bigrams: Peer = {
  name: 'Character bigrams (MiniSearch)',
  setup: 'minisearch 7.2.0 with a tokenizer emitting overlapping Han character pairs (and whole Latin/number words), OR query, BM25',
  async create(passages) {
    const index = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      idField: 'id',
      tokenize: characterBigrams,
      processTerm: (t) => t,
    });
    index.addAll(passages.map((text, id) => ({ id, text })));
    return { search: (q, k) => index.search(q).slice(0, k).map((h) => h.id as number) };
  },
};

/** The alternatives, in table order. */
export const PEERS: readonly Peer[] = [minisearchDefault, orama, flexsearch, bigrams];
