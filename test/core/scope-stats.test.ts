// Weights and ranking relative to a question's scope: the site's own report, asked about on a portal that also holds
// other agencies' reports, is weighed and ranked as on a site holding it alone.
import { describe, expect, it } from 'vitest';
import { termStatistics } from '../../server/core/answer.js';
import { cachedDocumentRanges, scopedRetrieval, scopedStatistics } from '../../server/core/scope-stats.js';
import { DEFAULT_CORPUS, loadCorpus, mixedCorpusDir, readCases } from '../helpers/corpus.js';

const alone = loadCorpus(DEFAULT_CORPUS);
const portal = loadCorpus(mixedCorpusDir());
const slug = alone.index.documents[0]!.slug;
const doc = portal.index.documents.findIndex((d) => d.slug === slug);
const [start] = cachedDocumentRanges(portal.index)[doc]!;

describe('statistics and ranking within a scope', () => {
  it('counts each term in as many of the scope\'s passages as an index of that report alone does', () => {
    const stats = scopedStatistics(portal.index, termStatistics(portal.index, portal.dictionary), [doc]);
    expect(stats.passageCount).toBe(alone.index.passages.length);
    const differing = [...alone.index.docFrequency].filter(([term, df]) => stats.docFrequency(term) !== df);
    expect(differing).toEqual([]);
  });

  it('gives a word only other agencies\' reports use no frequency, as on a site of this report alone', () => {
    const stats = scopedStatistics(portal.index, termStatistics(portal.index, portal.dictionary), [doc]);
    const elsewhere = [...portal.index.docFrequency.keys()].filter((t) => !alone.index.docFrequency.has(t)).slice(0, 50);
    expect(elsewhere.length).toBeGreaterThan(10);
    for (const term of elsewhere) expect(stats.docFrequency(term)).toBe(0);
  });

  it('ranks the scope\'s passages with the scores MiniSearch gives over an index of that report alone', () => {
    for (const query of [['投诉', '电话'], ['主动', '公开', '信息'], ['收费', '减免'], ['存在', '问题', '不足']]) {
      const expected = alone.index.search.search(query.join(' '), { combineWith: 'OR', prefix: false, fuzzy: false });
      const got = scopedRetrieval(portal.index, [doc], query)!;
      expect(got.map((h) => h.id - start)).toEqual(expected.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
    }
  });

  it('leaves the site\'s statistics and MiniSearch in charge when the scope is the whole site', () => {
    const site = termStatistics(portal.index, portal.dictionary);
    const all = portal.index.documents.map((_, i) => i);
    expect(scopedStatistics(portal.index, site, all)).toBe(site);
    expect(scopedStatistics(portal.index, site, null)).toBe(site);
    expect(scopedRetrieval(portal.index, all, ['公开'])).toBeNull();
  });

  it('answers every fixture question about the site\'s report the same with other agencies\' reports beside it', async () => {
    const differ: string[] = [];
    let total = 0;
    for (const file of ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json', 'blind2-questions.json']) {
      for (const c of readCases(file)) {
        if (c.invalid) continue;
        total++;
        const [a, b] = await Promise.all([alone.engine.answer(c.q), portal.engine.answer(c.q)]);
        if (a.response.answer !== b.response.answer) differ.push(`${c.id} ${c.q}`);
      }
    }
    expect(total).toBeGreaterThan(200);
    expect(differ).toEqual([]);
  });
});
