// The questions offered with an "I don't know": near the refused one, answerable (each asked first), a few asks at most.
import { describe, expect, it } from 'vitest';
import {
  cellQuestion,
  createAnswerabilityCache,
  findNearestQuestions,
  headingQuestion,
  MAX_CHECKS,
  MAX_NEAREST,
} from '../../server/core/nearest-questions.js';
import { questionKey } from '../../server/core/store.js';
import { loadCorpus, mixedCorpusDir, readCases } from '../helpers/corpus.js';

const corpus = loadCorpus();

/** No FAQ: one array, as the app passes one per FAQ revision. */
const NO_FAQ: string[] = [];

/** The refused question's near questions through the real engine, counting what was asked. */
async function nearest(question: string, engine = corpus.engine, cache = createAnswerabilityCache(), pool: string[] = NO_FAQ) {
  const refused = await engine.answer(question);
  expect(refused.response.matched).toBe('none');
  const asked: string[] = [];
  const isAnswerable = async (q: string) => {
    asked.push(q);
    return (await engine.answer(q)).response.matched !== 'none';
  };
  const found = await findNearestQuestions(engine.index, { question, corpus: refused.corpus, placeKey: '' }, pool, isAnswerable, cache);
  return { ...found, asked };
}

describe('questions made of a passage', () => {
  it('takes a section heading verbatim, without the number that opens it', () => {
    expect(headingQuestion('4、因政府信息公开申请行政复议、引起行政诉讼的情况')).toBe('因政府信息公开申请行政复议、引起行政诉讼的情况');
    expect(headingQuestion('（二）依申请公开方面')).toBe('依申请公开方面');
    expect(headingQuestion('五、政府信息公开行政复议、行政诉讼情况')).toBe('政府信息公开行政复议、行政诉讼情况');
    expect(headingQuestion('1.政府信息主动公开情况：')).toBe('政府信息主动公开情况');
    expect(headingQuestion('一、概述')).toBeNull();
  });

  it("asks for a table cell by its row and column labels, in the fixed frame 「…是多少？」", () => {
    expect(cellQuestion('规章 · 本年制发件数：0')).toBe('规章本年制发件数是多少？');
    expect(cellQuestion('本年新收政府信息公开申请数量 · 总计：80')).toBe('本年新收政府信息公开申请数量总计是多少？');
  });
});

describe('nearest questions to a refused one', () => {
  it('offers the headings of the passages nearest to 「怎么申请低保」, each answered when asked', async () => {
    const found = await nearest('怎么申请低保');
    expect(found.questions).toContain('因政府信息公开申请行政复议、引起行政诉讼的情况');
    for (const q of found.questions) expect((await corpus.engine.answer(q)).response.matched).toBe('corpus');
  });

  it('offers known phrasings that share words with the question when they are answered', async () => {
    const found = await nearest('2020年主动公开了多少条信息', corpus.engine, createAnswerabilityCache(), ['2015年主动公开了多少条政府信息？', '明天天气怎么样？']);
    expect(found.questions[0]).toBe('2015年主动公开了多少条政府信息？');
    expect(found.questions).not.toContain('明天天气怎么样？');
  });

  it('finds nothing near a question about something the reports never mention', async () => {
    expect((await nearest('今天牡丹江天气怎么样？')).questions).toEqual([]);
  });

  it('offers only answerable questions, never the refused one, at most three, asking at most six per refusal', async () => {
    const cases = ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json'].flatMap(readCases);
    let refusals = 0;
    for (const c of cases) {
      if ((await corpus.engine.answer(c.q)).response.matched !== 'none') continue;
      refusals++;
      const found = await nearest(c.q);
      expect(found.questions.length).toBeLessThanOrEqual(MAX_NEAREST);
      expect(found.asked.length).toBeLessThanOrEqual(MAX_CHECKS);
      expect(found.questions.map(questionKey)).not.toContain(questionKey(c.q));
      for (const q of found.questions) expect([c.q, q, (await corpus.engine.answer(q)).response.matched]).not.toContain('none');
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('asks nothing the second time: verdicts are cached by question key until the index changes', async () => {
    const cache = createAnswerabilityCache();
    const first = await nearest('怎么申请低保', corpus.engine, cache);
    expect(first.checked).toBeGreaterThan(0);
    const again = await nearest('怎么申请低保？', corpus.engine, cache);
    expect([again.checked, again.questions]).toEqual([0, first.questions]);
    // Another index (a report published) asks again.
    const other = { ...corpus.index };
    const refused = await corpus.engine.answer('怎么申请低保');
    const check = async (q: string) => (await corpus.engine.answer(q)).response.matched !== 'none';
    expect((await findNearestQuestions(other, { question: '怎么申请低保', corpus: refused.corpus, placeKey: '' }, NO_FAQ, check, cache)).checked).toBeGreaterThan(0);
  });

  it('asks again after an FAQ edit (a new suggestion pool), so a deleted entry is not offered', async () => {
    const cache = createAnswerabilityCache();
    const before = ['2015年主动公开了多少条政府信息？'];
    expect((await nearest('怎么申请低保', corpus.engine, cache, before)).checked).toBeGreaterThan(0);
    expect((await nearest('怎么申请低保', corpus.engine, cache, before)).checked).toBe(0);
    const edited = [...before];
    expect((await nearest('怎么申请低保', corpus.engine, cache, edited)).checked).toBeGreaterThan(0);
  });

  it('keeps the agency the citizen named and drops the year the site has no report of', async () => {
    const mixed = loadCorpus(mixedCorpusDir());
    const found = await nearest('平潭2019年收到了多少件信息公开申请？', mixed.engine);
    expect(found.questions.length).toBeGreaterThan(0);
    for (const q of found.questions) {
      expect(q).not.toContain('2019');
      const answer = await mixed.engine.answer(q);
      expect(answer.response.matched).toBe('corpus');
      expect(answer.response.sources[0]!.title).toContain('平潭');
    }
  }, 120_000);
});
