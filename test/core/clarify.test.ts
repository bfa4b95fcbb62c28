// 引导式提问: two close answers from different sections are offered as choices, the first being the answer itself;
// a clear best answer is given as it is.
import { describe, expect, it } from 'vitest';
import { CLARIFY_RATIO, findClarification } from '../../server/core/clarify.js';
import { loadCorpus } from '../helpers/corpus.js';

const { engine } = loadCorpus();

async function corpusOf(question: string) {
  const result = await engine.answer(question);
  return { response: result.response, corpus: result.corpus! };
}

describe('asking back', () => {
  it('offers the answer and the close runner-up from another section, each with its citation', async () => {
    const { response, corpus } = await corpusOf('2015年有人申请政府信息公开吗');
    const clarify = findClarification(engine.index, corpus)!;
    expect(clarify.choices).toHaveLength(2);
    expect(clarify.choices[0]).toEqual({ label: expect.stringContaining('依申请公开'), answer: response.answer, sources: response.sources });
    expect(clarify.choices[1]!.sources[0]!.section).not.toBe(response.sources[0]!.section);
    expect(clarify.choices[1]!.answer.length).toBeGreaterThan(0);
    // Both from the one report: the labels name sections only.
    expect(clarify.choices.every((c) => !c.label.startsWith('《'))).toBe(true);
  });

  it('gives a clear best answer as it is', async () => {
    const { corpus } = await corpusOf('2015年主动公开了多少条政府信息？');
    expect(findClarification(engine.index, corpus)).toBeNull();
  });

  it('asks back only when the runner-up scores at least the ratio of the best', async () => {
    const { corpus } = await corpusOf('2015年有人申请政府信息公开吗');
    const best = corpus.ranking.find((r) => r.passage === corpus.passages[0])!.score;
    expect(CLARIFY_RATIO).toBeLessThan(1);
    expect(findClarification(engine.index, corpus, 1.5)).toBeNull();
    expect(best).toBeGreaterThan(0);
  });
});
