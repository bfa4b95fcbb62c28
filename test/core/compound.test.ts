// Questions that ask two or three things at once: each clause answered on its own, quoted one after another.
import { describe, expect, it } from 'vitest';
import { splitCompound } from '../../server/core/compound.js';
import { normalizeText } from '../../server/core/normalize.js';
import { loadCorpus, mixedCorpusDir } from '../helpers/corpus.js';

const portal = loadCorpus(mixedCorpusDir());
const split = (q: string) => splitCompound(normalizeText(q), portal.index.segmenter, portal.dictionary);

describe('compound questions', () => {
  it('keeps a question that asks one thing whole', () => {
    expect(split('投诉电话是多少？')).toHaveLength(1);
    expect(split('2015年主动公开了多少条信息。谢谢')).toHaveLength(1);
  });

  it('splits at question marks and lets a later clause inherit the first one\'s agency, year and subject, without its verbs', () => {
    const clauses = split('平潭2023年废止了多少件行政规范性文件？现在还有效的有多少件？');
    expect(clauses).toHaveLength(2);
    expect(clauses[0]!.inherited).toBeNull();
    expect(clauses[1]!.alone).toBe('现在还有效的有多少件');
    const inherited = clauses[1]!.inherited!;
    for (const w of ['平潭', '2023年', '行政规范性文件', '现在还有效的有多少件']) expect(inherited).toContain(w);
    expect(inherited).not.toContain('多少件行政');
  });

  it('answers 「…有多少件？其中…几件？」 with both table cells, each cited', async () => {
    const { response } = await portal.engine.answer('2024年平潭信息公开这块，复议后又去法院起诉的有多少件？其中判维持的几件？');
    expect(response.matched).toBe('corpus');
    expect(response.answer.split('\n')).toEqual(['行政诉讼 · 复议后起诉 · 总计：19', '行政诉讼 · 复议后起诉 · 结果维持：13']);
    expect(response.sources).toHaveLength(2);
    for (const s of response.sources) expect(s.title).toContain('2024');
  });

  it('answers two questions about different figures of one report with both', async () => {
    const { response } = await portal.engine.answer('平潭2023年废止了多少件行政规范性文件？现在还有效的有多少件？');
    expect(response.answer).toContain('本年废止件数：132');
    expect(response.answer).toContain('现行有效件数：470');
  });

  it('keeps highlights on the words of each quoted passage', async () => {
    const { response } = await portal.engine.answer('2015年主动公开了多少条信息？收费吗？');
    const lines = response.answer.split('\n');
    expect(lines).toHaveLength(2);
    for (const h of response.highlights) {
      expect(h.end).toBeGreaterThan(h.start);
      expect(response.answer.slice(h.start, h.end)).not.toContain('\n');
    }
    expect(response.highlights.some((h) => h.start > lines[0]!.length)).toBe(true);
  });

  it('answers the clause it can when another finds nothing, and says it answered only a part', async () => {
    const { response } = await portal.engine.answer('投诉电话是多少？你们食堂的菜好吃吗？');
    expect(response.matched).toBe('corpus');
    expect(response.answer).toContain('6958028');
    expect(response.answer).not.toContain('\n');
    expect(response.sources).toHaveLength(1);
    expect(response.notes).toContain('只找到了2个问题中1个的答案。');
  });

  it('still refuses a compound question none of whose clauses the reports answer', async () => {
    const { response } = await portal.engine.answer('你们食堂的菜好吃吗？停车场在哪里？');
    expect(response.matched).toBe('none');
  });
});
