import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerFromCorpus, findHighlights, passageUrl } from '../../server/core/answer.js';
import { detectQuestionTypes } from '../../server/core/question.js';
import { loadCorpus, makeCorpus, type TestCorpus } from '../helpers/corpus.js';

const corpus = loadCorpus();
const ask = (question: string, c: TestCorpus = corpus) => answerFromCorpus(c.index, c.dictionary, question, c.synonyms);

describe('detectQuestionTypes', () => {
  it('recognizes what a question asks for', () => {
    expect(detectQuestionTypes('主动公开了多少条')).toContain('number');
    expect(detectQuestionTypes('投诉电话是多少')).toEqual(['phone']);
    expect(detectQuestionTypes('组长由谁担任')).toContain('person');
    expect(detectQuestionTypes('报告是哪天发布的')).toContain('date');
    expect(detectQuestionTypes('存在哪些不足')).toEqual(['list']);
    expect(detectQuestionTypes('信息公开收费吗')).toContain('yesno');
  });
});

describe('answerFromCorpus', () => {
  it('answers 投诉电话 with the complaints office number', () => {
    const a = ask('投诉电话是多少');
    expect(a.matched).toBe('corpus');
    expect(a.answer).toContain('投诉监察科(6958028)');
  });

  it('answers a how-many question with the sentence holding the count', () => {
    expect(ask('去年主动公开了多少条信息').answer).toContain('23000余条');
  });

  it('answers a question about the document itself from its metadata, cited like a passage', () => {
    const a = ask('这份报告是什么时候发布的');
    expect(a.answer).toContain('2016-03-11');
    expect(a.sources[0]).toMatchObject({ title: '2015年度行政服务中心政府信息公开年度报告', date: '2016-03-11', section: '文档信息' });
  });

  it('widens a sentence that introduces a list to the list', () => {
    const a = ask('行政服务中心通过哪几种形式公开政府信息');
    expect(a.answer.startsWith('行政服务中心主要通过六种形式公开政府信息')).toBe(true);
    expect(a.answer).toContain('六是通过投诉监察科(6958028)');
    expect(a.passages.length).toBeGreaterThan(5);
  });

  it('widens a sentence that refers back (这些…) to the sentence before it', () => {
    const a = ask('目前信息公开工作存在哪些不足');
    expect(a.answer).toContain('人少业务量大');
  });

  it('cites title, date, section and a link with a text fragment for every corpus answer', () => {
    const a = ask('政务公开审查遵循什么原则');
    expect(a.sources).toHaveLength(1);
    const [source] = a.sources;
    expect(source).toMatchObject({ title: expect.any(String), date: '2016-03-11', section: '二、政务公开工作情况及具体举措 › 4、建立政务公开长效监督机制' });
    expect(source!.url).toMatch(/^\/reports\/mudanjiang-xzfwzx-2015-gkbg#:~:text=/);
    expect(source!.snippet.length).toBeGreaterThan(0);
  });

  it('gives offsets of the matched words in the verbatim answer', () => {
    const a = ask('管理科咨询热线是多少');
    const marked = a.highlights.map((h) => a.answer.slice(h.start, h.end));
    expect(marked.join('|')).toContain('管理科');
    expect(marked.join('|')).toContain('咨询热线');
  });

  it('maps citizens\u2019 words to the documents\u2019 words through the synonym list', () => {
    expect(ask('申请政府信息公开要交钱吗').answer).toContain('无向政府信息公开申请人进行收费');
    expect(ask('因为信息公开被起诉过吗').answer).toContain('行政诉讼');
  });

  it('reads Traditional characters and full-width digits', () => {
    expect(ask('投訴監察科電話').answer).toContain('6958028');
    expect(ask('２０１５年主动公开信息多少条').answer).toContain('23000');
  });

  for (const q of ['今天牡丹江天气怎么样？', '怎么办理护照？', '社保卡丢了怎么补办', '出入境管理处电话是多少', '2020年主动公开了多少条信息', '办理营业执照需要什么材料']) {
    it(`refuses the out-of-scope question ${q}`, () => {
      const a = ask(q);
      expect(a.matched).toBe('none');
      expect(a.answer).toBe('');
    });
  }

  it('calls a question with nothing specific in it vague', () => {
    expect(ask('公开了什么')).toMatchObject({ matched: 'none', reason: 'vague' });
  });
});

describe('several reports', () => {
  const two = loadCorpus(
    makeCorpus({
      'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt'),
      'sample-2016-gkbg.txt': readFileSync('test/fixtures/reports/sample-2016-gkbg.txt'),
    }),
  );

  it('prefers the year the question names', () => {
    const a = ask('2015年主动公开了多少条政府信息', two);
    expect(a.answer).toContain('23000');
    expect(a.year).toBe(2015);
    expect(ask('2016年主动公开了多少条政府信息', two).answer).toContain('25000');
  });

  it('prefers the newest report when the question names no year, and says which year', () => {
    const a = ask('主动公开了多少条政府信息', two);
    expect(a.answer).toContain('25000');
    expect(a.year).toBe(2016);
    expect(a.sources[0]!.title).toContain('2016年度');
  });

  it('answers a question only one report can answer, citing that report', () => {
    const a = ask('开通了什么微信公众号', two);
    expect(a.answer).toContain('示例政务服务');
    expect(a.sources[0]!.date).toBe('2017-03-10');
  });
});

describe('findHighlights', () => {
  it('maps matches in normalized text back to the verbatim answer', () => {
    const concept = { text: '公开', weight: 1, synonyms: [], known: true, number: false, start: 0, end: 2 };
    expect(findHighlights('政務公開，公开', [concept])).toEqual([
      { start: 2, end: 4 },
      { start: 5, end: 7 },
    ]);
  });
});

describe('passageUrl', () => {
  it('adds a text fragment, with start and end words for long passages, and escapes dashes', () => {
    expect(passageUrl('/r', '日期-2016')).toBe(`/r#:~:text=${encodeURIComponent('日期')}%2D2016`);
    const long = passageUrl('https://a.gov.cn/p.html#top', '一'.repeat(30) + '二'.repeat(40));
    expect(long).toMatch(/^https:\/\/a\.gov\.cn\/p\.html#:~:text=[^,]+,[^,]+$/);
    expect(passageUrl(null, 'x')).toBeNull();
  });
});
