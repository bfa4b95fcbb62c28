import { describe, expect, it } from 'vitest';
import { answerFromCorpus } from '../../server/core/answer.js';
import type { Passage } from '../../server/core/passages.js';
import { describeRepetition, findRepeatedPassages } from '../../server/core/repetition.js';
import { loadCorpus, makeCorpus } from '../helpers/corpus.js';

const sentence = (text: string, paragraph: number, section: string[] = ['一、概述']): Passage => ({
  kind: 'sentence',
  text,
  section,
  paragraph,
  listIntro: false,
});

/** A report whose middle block was pasted 300 times, as a CMS export gone wrong does. */
function repetitiveReport(): string {
  const block = '二、主动公开情况\n2020年，示例局主动公开政府信息1234条，其中规范性文件12件。\n本机关通过门户网站发布政策解读56篇。';
  return [
    '示例局2020年政府信息公开工作年度报告',
    '一、总体情况',
    '2020年，示例局认真贯彻落实《中华人民共和国政府信息公开条例》。',
    ...Array.from({ length: 300 }, () => block),
    '三、存在的主要问题及改进情况',
    '政府信息公开工作仍存在公开内容不够全面等问题。下一步将加强培训。',
  ].join('\n');
}

describe('finding repeated passages', () => {
  it('marks each repeat with its first occurrence, leaving out paragraphs that only repeat', () => {
    const passages = [sentence('甲。', 0), sentence('乙。', 1), sentence('甲。', 2), sentence('丙。', 3), sentence('甲。', 3)];
    const r = findRepeatedPassages(passages);
    expect(r.firstOf).toEqual([-1, -1, 0, -1, 0]);
    // Paragraph 2 is only a repeat; in paragraph 3 the repeat stays beside 丙 so the paragraph reads as written.
    expect(r.dropped).toEqual([false, false, true, false, false]);
    expect(r).toMatchObject({ repeated: 2, total: 5, share: 0.4 });
    expect(describeRepetition(r)).toBeNull();
  });

  it('does not take the same sentence under another heading for a repeat', () => {
    const r = findRepeatedPassages([sentence('无。', 0, ['行政复议']), sentence('无。', 1, ['行政诉讼'])]);
    expect(r.repeated).toBe(0);
  });

  it('warns about a report that is mostly repetition, with the share', () => {
    const passages = [sentence('甲。', 0), ...Array.from({ length: 9 }, (_, i) => sentence('甲。', i + 1))];
    const warning = describeRepetition(findRepeatedPassages(passages));
    expect(warning).toMatch(/9 of 10 passages \(90%\) repeat an earlier passage/);
  });
});

describe('indexing a highly repetitive report', () => {
  const corpus = loadCorpus(makeCorpus({ 'repetitive-2020.txt': repetitiveReport() }));
  const artifact = corpus.summary.artifact;

  it('indexes each repeated passage once', () => {
    expect(artifact.manifest.passages).toBeLessThan(12);
    expect(artifact.search.documentCount).toBe(artifact.manifest.passages);
    expect(artifact.passages.text.filter((t) => t.startsWith('2020年，示例局主动公开政府信息1234条'))).toHaveLength(1);
    expect(artifact.docFrequency['规范性文件']).toBe(1);
  });

  it('answers from the first occurrence, under its own heading, with the text that follows it', () => {
    const a = answerFromCorpus(corpus.index, corpus.dictionary, '示例局主动公开政府信息多少条', corpus.synonyms);
    expect(a.answer).toBe('2020年，示例局主动公开政府信息1234条，其中规范性文件12件。');
    expect(a.sources[0]!.section).toBe('二、主动公开情况');
    const after = answerFromCorpus(corpus.index, corpus.dictionary, '存在哪些问题', corpus.synonyms);
    expect(after.answer).toContain('公开内容不够全面');
  });

  it('keeps a table pasted three times once, its cells citing it', () => {
    const table = '<table><tr><td>申请类型</td><td>本年新收</td></tr><tr><td>行政许可</td><td>2629</td></tr><tr><td>行政处罚</td><td>17</td></tr></table>';
    const page = `<html><head><title>示例局2020年政府信息公开工作年度报告</title></head><body><div id="zoom"><p>一、总体情况</p><p>2020年，示例局依法办理行政许可。</p>${table}${table}${table}</div></body></html>`;
    const c = loadCorpus(makeCorpus({ 'tables-2020.html': page }));
    const artifact = c.summary.artifact;
    expect(artifact.tables).toHaveLength(1);
    const cellTables = artifact.cells.filter((_, k) => k % 3 === 1);
    expect(cellTables.length).toBeGreaterThan(0);
    expect(new Set(cellTables)).toEqual(new Set([0]));
  });

  it('keeps a repeat inside a paragraph with other text, unindexed, so the paragraph is quoted whole', () => {
    const c = loadCorpus(makeCorpus({ 'inline-2020.txt': '示例局2020年政府信息公开工作年度报告\n一、总体情况\n本机关设立咨询窗口2个。本机关设立咨询窗口2个。全年接待群众咨询345人次。' }));
    const texts = c.summary.artifact.passages.text;
    expect(texts.filter((t) => t === '本机关设立咨询窗口2个。')).toHaveLength(2);
    expect(c.summary.artifact.search.documentCount).toBe(texts.length - 1);
    const hits = c.index.search.search('窗口', { combineWith: 'OR' });
    expect(hits.map((h) => texts[h.id as number])).toEqual(['本机关设立咨询窗口2个。']);
    expect(hits[0]!.id).toBe(texts.indexOf('本机关设立咨询窗口2个。'));
  });
});
