import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  contextWordsOf,
  createFaqIndex,
  FAQ_CANDIDATES,
  FAQ_MATCH_THRESHOLD,
  analyzeFaqText,
  prepareFaq,
  rankFaq,
  scorePhrasing,
  type FaqMatchOptions,
} from '../../server/core/faq-match.js';
import type { FaqEntry } from '../../server/core/store.js';
import { loadCorpus, readCases } from '../helpers/corpus.js';
import { syntheticFaqEntries } from '../helpers/synthetic-faq.js';

interface Fixture {
  entries: Array<Pick<FaqEntry, 'id' | 'question' | 'alternatives' | 'answer'>>;
  paraphrases: Array<[string, number]>;
  unrelated: string[];
  fixtureAnswered: Array<[string, number]>;
}

const fixture = JSON.parse(readFileSync('test/fixtures/faq-entries.json', 'utf8')) as Fixture;
const corpus = loadCorpus();
const options: FaqMatchOptions = {
  segmenter: corpus.index.segmenter,
  synonyms: corpus.synonyms,
  generalFrequency: (w) => corpus.dictionary.frequency(w),
  contextWords: contextWordsOf('牡丹江市行政服务中心', corpus.index.segmenter),
};
const at = '2024-01-01T00:00:00.000Z';
const entry = (e: Fixture['entries'][number], extra: Partial<FaqEntry> = {}): FaqEntry => ({
  link: null,
  tags: [],
  enabled: true,
  hot: false,
  createdAt: at,
  updatedAt: at,
  version: 1,
  ...e,
  ...extra,
});
const entries = fixture.entries.map((e) => entry(e));
const prepared = prepareFaq(entries, options);
const best = (question: string) => rankFaq(prepared, question, options).best;

describe('FAQ matching', () => {
  it('matches 「办事大厅几点开门」 to the entry 「行政服务中心办事大厅几点上班？」', () => {
    const ranking = rankFaq(prepared, '办事大厅几点开门', options);
    expect(ranking.best?.id).toBe(1);
    expect(ranking.best!.score).toBeGreaterThanOrEqual(FAQ_MATCH_THRESHOLD);
  });

  it('does not match 「投诉电话是多少」 or 「2015年主动公开了多少条政府信息」 to any entry', () => {
    expect(best('投诉电话是多少')).toBeNull();
    expect(best('2015年主动公开了多少条政府信息')).toBeNull();
  });

  it('matches every paraphrase of the fixture to its own entry', () => {
    const wrong = fixture.paraphrases
      .map(([q, id]) => [q, id, best(q)?.id ?? null] as const)
      .filter(([, id, got]) => got !== id);
    expect(wrong).toEqual([]);
  });

  it('matches no entry for unrelated questions that share a topic word but ask something else', () => {
    const matched = fixture.unrelated.map((q) => [q, best(q)?.id ?? null] as const).filter(([, got]) => got !== null);
    expect(matched).toEqual([]);
  });

  it('matches no entry for the corpus questions, except those the entries do answer', () => {
    const answered = new Map(fixture.fixtureAnswered);
    const questions = ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json'].flatMap((f) => readCases(f).map((c) => c.q));
    const wrong = questions
      .map((q) => [q, best(q)?.id ?? null] as const)
      .filter(([q, got]) => got !== (answered.get(q) ?? null));
    expect(wrong).toEqual([]);
  });

  it('keeps a margin between true paraphrases and the nearest unrelated question', () => {
    const lowestParaphrase = Math.min(...fixture.paraphrases.map(([q, id]) => rankFaq(prepared, q, options).candidates.find((c) => c.id === id)!.score));
    const highestUnrelated = Math.max(...fixture.unrelated.map((q) => rankFaq(prepared, q, options).candidates[0]?.score ?? 0));
    expect(lowestParaphrase).toBeGreaterThanOrEqual(FAQ_MATCH_THRESHOLD + 0.05);
    expect(highestUnrelated).toBeLessThanOrEqual(FAQ_MATCH_THRESHOLD - 0.05);
  });

  it('tells a time question from a place question about the same hall', () => {
    expect(best('办事大厅几点开门')?.id).toBe(1);
    expect(best('办事大厅在哪里')?.id).toBe(2);
    const ranking = rankFaq(prepared, '办事大厅在哪里', options);
    expect(ranking.candidates.find((c) => c.id === 1)).toMatchObject({ score: 0, sameKind: false });
  });

  it('refuses an entry that lacks the key word of the question (补办 is not 办理)', () => {
    const candidate = rankFaq(prepared, '社保卡丢了怎么补办', options).candidates.find((c) => c.id === 7)!;
    expect(candidate.shared).toContain('社保卡');
    expect(candidate.keyWordMissing).toBe(true);
    expect(candidate.score).toBe(0);
  });

  it('matches an alternative phrasing as well as the question', () => {
    const candidate = rankFaq(prepared, '在办事大厅能不能取公积金', options).best!;
    expect(candidate).toMatchObject({ id: 9, phrasing: '在办事大厅能不能取公积金', score: 1 });
  });

  it('matches Traditional characters and full-width punctuation like the Simplified question', () => {
    expect(best('辦事大廳幾點開門？')?.id).toBe(1);
  });

  it('ignores disabled entries', () => {
    const onlyDisabled = prepareFaq([entry(fixture.entries[0]!, { enabled: false })], options);
    expect(rankFaq(onlyDisabled, '办事大厅几点开门', options).best).toBeNull();
  });

  it('skips only entries that could not score: every score equals scoring every phrasing', () => {
    const questions = [...fixture.paraphrases.map(([q]) => q), ...fixture.unrelated, ...readCases('holdout-questions.json').map((c) => c.q)];
    for (const q of questions) {
      const analysis = analyzeFaqText(q, options);
      const scores = rankFaq(prepared, q, options, entries.length, Infinity).candidates.map((c) => [c.id, c.score] as const);
      const brute = prepared.entries.map((p) => [p.entry.id, Math.max(...p.phrasings.map((ph) => scorePhrasing(analysis, ph).score))] as const);
      expect(new Map(scores), q).toEqual(new Map(brute));
    }
  });

  it('matches every paraphrase to its own entry when the index lets only 3 of the 10 entries be scored', () => {
    const wrong = fixture.paraphrases
      .map(([q, id]) => [q, id, rankFaq(prepared, q, options, 1, 3).best?.id ?? null] as const)
      .filter(([, id, got]) => got !== id);
    expect(wrong).toEqual([]);
  });

  it('answers nothing for a question with no content words', () => {
    expect(best('你好')).toBeNull();
    expect(best('？？？')).toBeNull();
  });
});

describe('FAQ matching with 5,000 entries', () => {
  const large = prepareFaq([...entries, ...syntheticFaqEntries(5000)], options);
  const positive = (ranking: ReturnType<typeof rankFaq>) => ranking.candidates.filter((c) => c.score > 0).map((c) => [c.id, c.score]);

  it(
    'gives the fixture questions the same match and the same top candidates as scoring every entry',
    () => {
      const questions = [
        ...fixture.paraphrases.map(([q]) => q),
        ...fixture.unrelated,
        ...['dev-questions.json', 'extra-questions.json', 'holdout-questions.json'].flatMap((f) => readCases(f).map((c) => c.q)),
      ];
      const differ: string[] = [];
      for (const q of questions) {
        const indexed = rankFaq(large, q, options);
        const full = rankFaq(large, q, options, 5, Infinity);
        expect(full.scored).toBe(large.entries.length);
        if (indexed.best?.id !== full.best?.id || JSON.stringify(positive(indexed)) !== JSON.stringify(positive(full))) differ.push(q);
      }
      expect(differ).toEqual([]);
    },
    180_000,
  );

  it('scores a bounded number of entries, for a short question and a 200-character one', () => {
    const short = rankFaq(large, '社保卡在哪办', options);
    expect(short.scored).toBeLessThanOrEqual(FAQ_CANDIDATES);
    expect(short.best?.question).toMatch(/社保卡在哪里办理/);
    const long = rankFaq(large, '请问一下东安区的社保卡丢了以后应该怎么补办，需要带哪些材料，多长时间能办好，收费吗？'.repeat(5).slice(0, 200), options);
    expect(long.scored).toBeLessThanOrEqual(FAQ_CANDIDATES);
    expect(rankFaq(large, '办事大厅几点开门', options)).toMatchObject({ best: { id: 1 } });
  });

  it('scores every entry with the very text of the question, however many share its words', () => {
    const ranking = rankFaq(large, '海林市公积金收费吗？', options);
    expect(ranking.best).toMatchObject({ question: '海林市公积金收费吗？', score: 1 });
  });

  it('re-analyses only the phrasings an edit changed', () => {
    let segmented = 0;
    const counting: FaqMatchOptions = {
      ...options,
      segmenter: { id: options.segmenter.id, segmentHan: (run) => (segmented++, options.segmenter.segmentHan(run)) },
    };
    const synthetic = syntheticFaqEntries(300);
    const first = prepareFaq(synthetic, counting);
    const before = segmented;
    const edited = synthetic.map((e, i) => (i === 7 ? { ...e, question: '东安区社保卡在哪里补办？', version: 2 } : e));
    const second = prepareFaq(edited, counting, first);
    expect(segmented - before).toBeGreaterThan(0);
    expect(segmented - before).toBeLessThan(5);
    expect(rankFaq(second, '东安区社保卡在哪里补办', counting).best?.id).toBe(synthetic[7]!.id);
  });
});

describe('createFaqIndex', () => {
  function memorySource(initial: FaqEntry[]) {
    let revision = 1;
    let list = initial;
    let loads = 0;
    return {
      source: {
        faqRevision: async () => revision,
        listFaq: async () => {
          loads++;
          return list.filter((e) => e.enabled);
        },
      },
      set(next: FaqEntry[]) {
        list = next;
        revision++;
      },
      loads: () => loads,
    };
  }

  it('prepares entries once per revision and sees an edit on the next question', async () => {
    const memory = memorySource(entries);
    const index = createFaqIndex(memory.source, options);
    expect((await index.match('办事大厅几点开门'))?.id).toBe(1);
    expect((await index.match('办事大厅在哪里'))?.id).toBe(2);
    expect(memory.loads()).toBe(1);

    memory.set(entries.map((e) => (e.id === 1 ? { ...e, answer: '新的工作时间', version: 2 } : e)));
    expect(await index.match('办事大厅几点开门')).toMatchObject({ id: 1, answer: '新的工作时间' });
    memory.set(entries.filter((e) => e.id !== 1));
    expect(await index.match('办事大厅几点开门')).toBeNull();
    expect(memory.loads()).toBe(3);
  });

  it('shares one reload among concurrent questions', async () => {
    const memory = memorySource(entries);
    const index = createFaqIndex(memory.source, options);
    await Promise.all(['办事大厅几点开门', '社保卡去哪办', '网上怎么预约'].map((q) => index.match(q)));
    expect(memory.loads()).toBe(1);
  });

  it('offers hot questions and every phrasing of enabled entries for suggestions', async () => {
    const memory = memorySource([
      entry(fixture.entries[0]!, { hot: true }),
      entry(fixture.entries[8]!),
      entry(fixture.entries[1]!, { hot: true, enabled: false }),
    ]);
    const index = createFaqIndex(memory.source, options);
    expect(await index.hotQuestions()).toEqual(['行政服务中心办事大厅几点上班？']);
    expect(await index.suggestionPool()).toEqual(['行政服务中心办事大厅几点上班？', '公积金可以在大厅提取吗？', '在办事大厅能不能取公积金']);
  });
});
