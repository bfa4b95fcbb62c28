// Segmentation: numbers and Latin stay whole, nodejieba's search mode is used, and the TypeScript port lands on
// exactly the same terms as nodejieba (the edge segments questions with the port; the index is built with nodejieba).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter, loadJiebaDictionary, serializeJiebaDictionary } from '../../server/core/jieba.js';
import { normalizeText } from '../../server/core/normalize.js';
import { splitRuns, termsOf } from '../../server/core/tokenize.js';
import { loadCorpus, readCases } from '../helpers/corpus.js';

const corpus = loadCorpus();
const node = corpus.index.segmenter;
const dictionaryBytes = readFileSync(corpus.summary.dictionaryFile);
const port = createJiebaSegmenter(loadJiebaDictionary(dictionaryBytes));

describe('splitRuns', () => {
  it('keeps digit runs, decimals and Latin words whole and drops punctuation', () => {
    expect(splitRuns(normalizeText('2015年度,累计23000余条；咨询热线(6958002)，ICP备案3.5倍')).map((r) => `${r.kind}:${r.text}`)).toEqual([
      'alnum:2015', 'han:年度', 'han:累计', 'alnum:23000', 'han:余条', 'han:咨询热线', 'alnum:6958002', 'alnum:icp', 'han:备案', 'alnum:3.5', 'han:倍',
    ]);
  });
});

describe('search-mode segmentation with the corpus dictionary', () => {
  it('keeps numbers whole where nodejieba alone would cut them into digits', () => {
    expect(termsOf(normalizeText('2015年主动公开'), node)).toEqual(['2015', '年', '主动', '公开', '主动公开']);
  });

  it('emits the sub-words of long words so short questions still match', () => {
    expect(termsOf('咨询电话多少', node)).toEqual(['咨询', '电话', '咨询电话', '多少']);
  });

  it('uses the domain words of corpus/dict', () => {
    expect(termsOf('依申请公开', node)).toContain('依申请公开');
    expect(termsOf('在媒体和微信上发布', node)).toContain('微信');
  });
});

describe('the TypeScript port of jieba', () => {
  it('has the same id as nodejieba for the same dictionaries', () => {
    expect(port.id).toBe(node.id);
  });

  it('cuts every corpus sentence and heading into the same words, with the same offsets, as nodejieba', () => {
    const texts = corpus.index.passages.flatMap((p) => [p.text, ...p.section]);
    let runs = 0;
    for (const text of texts) {
      for (const run of splitRuns(normalizeText(text))) {
        if (run.kind !== 'han') continue;
        runs++;
        expect(port.segmentHan(run.text), run.text).toEqual(node.segmentHan(run.text));
      }
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('cuts every fixture question into the same words as nodejieba', () => {
    const questions = ['dev-questions.json', 'extra-questions.json', 'holdout-questions.json', 'blind-questions.json', 'blind2-questions.json'].flatMap((f) => readCases(f).map((c) => c.q));
    for (const q of questions) expect(termsOf(normalizeText(q), port), q).toEqual(termsOf(normalizeText(q), node));
  });
});

describe('the serialized dictionary, searched as bytes', () => {
  it('finds every word of the corpus dictionary with its frequency and marks, and nothing that is not a word', () => {
    const dictionary = loadJiebaDictionary(dictionaryBytes);
    const lines = new TextDecoder().decode(dictionaryBytes).split('\n').slice(1).filter(Boolean);
    expect(lines.length).toBeGreaterThan(300_000);
    const words = new Set<string>();
    let wrong = 0;
    for (const line of lines) {
      const [word, freq, mark] = line.split(' ');
      words.add(word!);
      const ok = dictionary.frequency(word!) === Number(freq) && dictionary.isFunctionWord(word!) === (mark === '~') && dictionary.isPlaceName(word!) === (mark === '@');
      if (!ok) wrong++;
    }
    expect(wrong).toBe(0);
    for (const probe of ['', '不是词语的一串字', '投诉电话号码们', '\u{20000}', 'abc', '一'.repeat(40)]) {
      expect(dictionary.frequency(probe)).toBe(words.has(probe) ? expect.any(Number) : undefined);
    }
  });

  it('orders words beyond U+FFFF and CJK compatibility ideographs as their bytes do, and finds each', () => {
    const base = ['中 100 n', '\u{20BB7}野家 5 nr', '\uF900豈 3 n', '丈 7 n', '\u{2A6A5} 2 n', '中国 50 ns', ''].join('\n');
    const text = serializeJiebaDictionary(base, ['\u{20000}中 9 v'], 'test');
    const dictionary = loadJiebaDictionary(text);
    for (const [word, freq] of [['中', 100], ['\u{20BB7}野家', 5], ['\uF900豈', 3], ['丈', 7], ['\u{2A6A5}', 2], ['中国', 50], ['\u{20000}中', 9]] as const) {
      expect(dictionary.frequency(word)).toBe(freq);
    }
    expect(dictionary.isPlaceName('中国')).toBe(true);
    expect(dictionary.isFunctionWord('\u{20000}中')).toBe(true);
    expect(dictionary.frequency('中华')).toBeUndefined();
  });

  it('refuses a dictionary of the older format with the command that rebuilds it', () => {
    expect(() => loadJiebaDictionary('#qa-robot jieba dictionary v3 hash=x freqSum=1 minFreq=1 maxWordLength=1\n一 1\n')).toThrow(/npm run build:index/);
  });
});
