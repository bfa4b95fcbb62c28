// Candidate retrieval from typed-array postings (server/core/retrieval.ts) against MiniSearch's own search(), on every
// fixture question, over the default corpus and the mixed corpus of 21 real reports.
import { describe, expect, it } from 'vitest';
import { termStatistics } from '../../server/core/answer.js';
import { analyzeQuestion } from '../../server/core/question.js';
import { createNameMatcher, retrieveCandidates } from '../../server/core/retrieval.js';
import { loadCorpus, mixedCorpusDir, readCases, type TestCorpus } from '../helpers/corpus.js';

const FIXTURES = ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json', 'blind2-questions.json', 'real-questions.json'];
const questions = FIXTURES.flatMap((f) => readCases(f).filter((c) => !c.invalid && c.q.trim()).map((c) => c.q));

/** The first `k` results of MiniSearch's search as the answerer asked for them before retrieval.ts. */
function miniSearchTop(corpus: TestCorpus, terms: string[], k: number, allow?: (id: number) => boolean) {
  return corpus.index.search
    .search(terms.join(' '), { combineWith: 'OR', prefix: false, fuzzy: false, ...(allow ? { filter: (r) => allow(r.id as number) } : {}) })
    .slice(0, k)
    .map((r) => ({ id: r.id as number, score: r.score }));
}

function compareOn(corpus: TestCorpus) {
  const stats = termStatistics(corpus.index, corpus.dictionary);
  let compared = 0;
  for (const question of questions) {
    const terms = analyzeQuestion(question, corpus.index.segmenter, stats, corpus.synonyms).searchTerms;
    if (terms.length === 0) continue;
    for (const k of [1, 60]) expect(retrieveCandidates(corpus.index, terms, k), question).toEqual(miniSearchTop(corpus, terms, k));
    // Repeated terms, and a filter (an answer scoped to the first document's passages).
    const doubled = [...terms, terms[0]!];
    expect(retrieveCandidates(corpus.index, doubled, 60), question).toEqual(miniSearchTop(corpus, doubled, 60));
    const firstDoc = (id: number) => corpus.index.passages[id]!.doc === 0;
    expect(retrieveCandidates(corpus.index, terms, 60, firstDoc), question).toEqual(miniSearchTop(corpus, terms, 60, firstDoc));
    compared++;
  }
  return compared;
}

describe('candidate retrieval', () => {
  it("returns MiniSearch's first results, same ids, scores and order, for every fixture question on the default corpus", () => {
    expect(compareOn(loadCorpus())).toBeGreaterThan(200);
  });

  it('does the same on the mixed corpus of real reports, where look-alike sentences tie', () => {
    expect(compareOn(loadCorpus(mixedCorpusDir()))).toBeGreaterThan(200);
  });

  it('finds the reports whose names contain a word exactly as scanning every name does', () => {
    const corpus = loadCorpus(mixedCorpusDir());
    const names = corpus.index.documents.map((d) => `${d.title} ${d.issuer ?? ''}`);
    const naming = createNameMatcher(names);
    const words = [...new Set(names.flatMap((n) => [n.slice(0, 2), n.slice(2, 5), n.slice(-4), n.slice(1, 2)]))].concat(['不存在', '𠀀𠀁', '年度报告', '']);
    for (const word of words) expect(naming(word), word).toEqual(names.flatMap((n, i) => (n.includes(word) ? [i] : [])));
  });

  it('stops after the first `most` reports named, in the same order', () => {
    const corpus = loadCorpus(mixedCorpusDir());
    const names = corpus.index.documents.map((d) => `${d.title} ${d.issuer ?? ''}`);
    const naming = createNameMatcher(names);
    for (const word of ['年度报告', '政府信息', '年', '']) {
      const all = names.flatMap((n, i) => (n.includes(word) ? [i] : []));
      expect(all.length, word).toBeGreaterThan(3);
      expect(naming(word, 3), word).toEqual(all.slice(0, 3));
    }
  });

  it('finds nothing for terms no passage holds', () => {
    expect(retrieveCandidates(loadCorpus().index, ['不存在的词语甲乙丙'], 60)).toEqual([]);
  });
});

describe('loading an index for answering', () => {
  it('answers without building MiniSearch, and refuses a malformed search index at load', async () => {
    const { loadSearchIndex } = await import('../../server/core/search-index.js');
    const { answerFromCorpus } = await import('../../server/core/answer.js');
    const corpus = loadCorpus();
    const index = loadSearchIndex(corpus.summary.artifact, corpus.index.segmenter);
    let built = false;
    const lazy = Object.getOwnPropertyDescriptor(index, 'search')!.get!;
    Object.defineProperty(index, 'search', { get: () => ((built = true), lazy()) });
    expect(answerFromCorpus(index, corpus.dictionary, '投诉电话是多少', corpus.synonyms).answer).toContain('6958028');
    expect(built).toBe(false);
    expect(index.search.documentCount).toBe(corpus.index.passages.length);

    const broken = { ...corpus.summary.artifact, search: { ...corpus.summary.artifact.search, postings: [['词', 7]] } };
    expect(() => loadSearchIndex(broken as never, corpus.index.segmenter)).toThrow(/cannot be read.*npm run build:index/);
  });
});
